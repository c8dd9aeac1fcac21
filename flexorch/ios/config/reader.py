"""Config text to a tree of nodes, by indentation corrected by IOS's modes.

Some lines of a real configuration are not where indentation puts them:

- a banner's text (``banner exec ^C`` ... ``^C``) is one argument running over several lines,
  usually at column 0: its lines are the banner line's children (``flexorch.ios.config.text``);
- a certificate's hex lines end with ``quit`` printed one tab deeper than them: ``quit`` is the
  end of the data, not a child line, and is not stored (the display prints it again);
- ``exit`` in a configuration as typed leaves the current sub-mode and is not a config line;
- a line printed shallower than the block it belongs to (a description with a line break, a
  ``description`` at column 0 in a hand-edited file): IOS config mode keeps a line in the current
  sub-mode when that mode knows it, and an unknown line does not leave the sub-mode. The reader
  does the same: a line the indentation parent's mode does not accept but an open block's mode
  does stays in that block; a line no mode accepts, followed by lines the open block's mode
  accepts, stays in the block too. Lines the grammar knows at their indentation are read as
  indented;
- a line printed deeper than a line that opens no sub-mode (IOS 15.0 prints a policy-map class's
  ``random-detect`` lines one space deeper than its ``bandwidth``): a command that opens no mode
  has no children, so IOS config mode keeps the line in the mode of the block around it, when
  that mode knows it (so are an IP SLA operation's parameters printed under ``icmp-echo`` by
  IOS-XE 17, and a child ``service-policy`` printed under a class's ``shape``: where the lab's
  engine stores them, in the operation and the class; the lab prints them one level up);
- an address family printed flat (IOS 15.0 prints a ``vrf definition``'s ``address-family ipv4``,
  its route targets and ``mdt`` lines and ``exit-address-family`` all one space in): the lines
  between the header and its ``exit-address-family`` are the family's, as IOS config mode
  stays in the family until it is left (both forms: tests/fixtures/real/
  gh-jclarkson-sp-pe-qos-mvpn-te, pe1.cfg and pe2.cfg);
- a configuration with no indented line at all (a Cisco TAC document's config blocks, a typed
  change script): indentation says nothing, so every line is read as IOS config mode reads it,
  the current sub-mode first: a line the innermost open block's mode takes stays in that block
  even when global config mode takes it too (``hostname host1`` after ``peer peer1`` of an IKEv2
  keyring is the peer's identity, not the router's name: Cisco document 115934, "IOS IKEv2
  Debugs for Site-to-Site VPN with PSKs", tests/fixtures/real/
  doc-cisco-115934-ikev2-debugs-s2s-psk/router1.cfg; the lab's engine reads it so too).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from flexorch.ios.cli import accepts, block_mode, match_cached
from flexorch.ios.cli.commands import MODES
from flexorch.ios.config.text import banner_start
from flexorch.ios.config.tree import Node
from flexorch.ios.facts.display import BLOCK_TRAILER
from flexorch.ios.facts.rules import DELIMITED_TEXT_COMMAND, LISTING_NOISE_PREFIXES

_DATA_END = "quit"  # ends a certificate's hex data (crypto pki certificate chain)
_DATA_MODES = frozenset({"cert-data"})
# A configuration as typed (pasted from a write-up or a change script) leaves sub-modes with
# ``exit``: IOS config mode moves up one mode and stores nothing, and ``show running-config``
# never prints a bare ``exit`` (tests/fixtures/real/gh-fabferri-csr-fqdn-gre-natt/csr1.cfg).
_EXIT = "exit"


_DELIMITED = re.compile(DELIMITED_TEXT_COMMAND)
_UNKNOWN = "?"
# Lines whose nesting indentation does not give, or that are no config lines: a certificate's
# ``quit``, show-run header lines, the start of a delimited text (``banner_start``). One pattern,
# as ``read_indented`` asks it of every line.
_NOT_INDENTED = re.compile("|".join([
    re.escape(_DATA_END) + r"\Z", *(re.escape(p) for p in LISTING_NOISE_PREFIXES),
    DELIMITED_TEXT_COMMAND]))


@dataclass
class _Open:
    """A line on the stack: its indentation, node, enclosing entry, and (computed on demand,
    as the grammar is only asked when indentation is in doubt) the mode it opens."""

    indent: int
    node: Node
    parent: _Open | None
    child_indent: int | None = None
    _mode: str | None = _UNKNOWN

    @property
    def mode(self) -> str | None:
        """The mode id the line opens (None: not a block header the grammar knows)."""
        if self._mode == _UNKNOWN:
            if self.parent is None:
                self._mode = block_mode("config", self.node.text)
            else:
                outer = self.parent.mode
                self._mode = block_mode(outer, self.node.text) if outer else None
        return self._mode


def _takes(mode: str | None, text: str) -> bool:
    """True when ``mode`` takes ``text`` as a config line (mode-changing words such as
    ``exit-address-family`` stay where indentation prints them)."""
    if mode is None or not accepts(mode, text):
        return False
    command = match_cached(mode, text, 0).command
    return command is None or command.action is None


@cache
def _trailed_heads() -> frozenset[str]:
    """The first words of the block headers whose mode ends with a trailer line
    (``address-family``, ``af-interface``, ...; ``BLOCK_TRAILER``), read from the grammar: the
    lines a flat block can start with (the certificate's data is another matter)."""
    return frozenset(command.syntax.split()[0] for mode in MODES.values()
                     for command in mode.commands
                     if command.opens in BLOCK_TRAILER and command.opens != "cert-data")


_SKIPPED_PREFIXES = ("!", *LISTING_NOISE_PREFIXES)


def _skipped(stripped: str) -> bool:
    """True for a line the reader passes over (blank, a comment, a show-run header line,
    ``end``): it changes nothing."""
    return not stripped or stripped.startswith(_SKIPPED_PREFIXES) or stripped == "end"


class _Reader:
    def __init__(self, lines: Sequence[str]) -> None:
        self.lines = lines
        self.roots: list[Node] = []
        self.stack: list[_Open] = []
        self.number = 0  # 1-based number of the line being placed (``Node.line``)
        # No line printed indented: nesting is by mode alone (see the module doc).
        self.flat = not any(line[:1] in (" ", "\t") for line in lines)

    def run(self) -> list[Node]:
        i = 0
        while i < len(self.lines):
            line = self.lines[i]
            stripped = line.lstrip()
            i += 1
            self.number = i
            if _skipped(stripped):
                continue
            if stripped == _DATA_END:
                self._end_data()
                continue
            if stripped == _EXIT:
                self._exit()
                continue
            indent = len(line) - len(stripped)
            banner = banner_start(stripped)
            if banner is not None and not any(o.indent < indent for o in self.stack):
                while not banner.done and i < len(self.lines):
                    banner.add(self.lines[i])
                    i += 1
                self.stack.clear()
                self._attach(None, banner.node(), indent)
                continue
            self._place(stripped, indent, i)
        return self.roots

    def _next_line(self, i: int) -> str | None:
        for line in self.lines[i:]:
            stripped = line.lstrip()
            if stripped and not stripped.startswith("!") and stripped != "end":
                return line
        return None

    def _end_data(self) -> None:
        """``quit``: close the certificate whose data it ends (a stray one is ignored)."""
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth].mode in _DATA_MODES:
                del self.stack[depth:]
                return

    def _exit(self) -> None:
        """``exit``: leave the innermost open sub-mode (the lines under it that open none are
        closed with it); at the top it leaves nothing the reader keeps."""
        while self.stack and self.stack[-1].mode is None:
            self.stack.pop()
        if self.stack:
            self.stack.pop()

    def _place(self, text: str, indent: int, after: int) -> None:
        popped: list[_Open] = []
        while self.stack and self.stack[-1].indent >= indent:
            popped.append(self.stack.pop())
        parent = self.stack[-1] if self.stack else None
        flat = self._flat_home(text, indent, popped, after)
        if flat is not None:
            self._restore(popped, flat)
            self._attach(flat, Node(text), indent)
            return
        if parent is not None and parent.mode is None and (outer := parent.parent) is not None \
                and outer.mode is not None and _takes(outer.mode, parent.node.text) \
                and _takes(outer.mode, text):
            # under a command that opens no mode: the line is the enclosing block's
            self._attach(outer, Node(text), indent)
            return
        home = self._mode_home(text, indent, parent, popped, after)
        if home is not None:
            self._restore(popped, home)
            self._attach(home, Node(text), home.child_indent or home.indent + 1)
            return
        if parent is not None and parent.mode is not None and not accepts(parent.mode, text):
            self._leave(text, indent)
            return
        self._attach(parent, Node(text), indent)

    def _leave(self, text: str, indent: int) -> None:
        """Implicit exit: a line the indentation parent's mode does not know goes to the
        nearest enclosing mode that knows it (a re-indented block header), as in IOS; a line no
        mode knows stays where its indentation puts it."""
        for depth in range(len(self.stack) - 2, -1, -1):
            outer = self.stack[depth]
            if outer.mode is not None and _takes(outer.mode, text):
                del self.stack[depth + 1:]
                self._attach(outer, Node(text), outer.child_indent or indent)
                return
        if accepts("config", text):
            self.stack.clear()
            self._attach(None, Node(text), indent)
            return
        self._attach(self.stack[-1], Node(text), indent)

    def _mode_home(self, text: str, indent: int, parent: _Open | None, popped: list[_Open],
                   after: int) -> _Open | None:
        """The open block IOS config mode would put ``text`` in, when indentation says
        otherwise; None when indentation is right."""
        blocks = [o for o in popped if o.mode is not None]
        parent_mode = "config" if parent is None else parent.mode
        if not blocks or parent_mode is None:
            return None
        if accepts(parent_mode, text):
            # flat text: the current sub-mode first, as IOS (indented text: as indented)
            return next((b for b in blocks if _takes(b.mode, text)), None) if self.flat else None
        # innermost first, as IOS tries the current mode first
        home = next((b for b in blocks if _takes(b.mode, text)), None)
        if home is not None or any(accepts(str(o.mode), text) for o in self.stack if o.mode):
            return home
        # Known nowhere: a stray line (IOS rejects it and stays in the sub-mode) when the lines
        # indented under it are the open block's.
        following = self._next_line(after)
        if following is None or len(following) - len(following.lstrip()) <= indent:
            return None
        return next((b for b in blocks if _takes(b.mode, following.strip())), None)

    def _flat_home(self, text: str, indent: int, popped: list[_Open],
                   after: int) -> _Open | None:
        """The block header printed at this line's own indentation whose sub-mode the line is
        in (an address family printed flat, closed by its trailer at that indentation further
        down); None otherwise."""
        header = popped[-1] if popped and popped[-1].indent == indent else None
        if header is None or header.child_indent not in (None, indent) \
                or header.node.text.split(maxsplit=1)[0] not in _trailed_heads():
            return None
        mode = header.mode
        trailer = BLOCK_TRAILER.get(mode) if mode is not None else None
        if mode is None or trailer is None or text == trailer or not _takes(mode, text):
            return None
        if header.child_indent == indent or self._closed_flat(mode, trailer, indent, after):
            return header  # an open flat family, or the first line of one its trailer closes
        return None

    def _closed_flat(self, mode: str, trailer: str, indent: int, after: int) -> bool:
        """True when the lines from ``after`` on at ``indent`` are ``mode``'s up to ``trailer``
        at ``indent`` (lines deeper than ``indent`` are theirs; one shallower ends the run)."""
        for line in self.lines[after:]:
            stripped = line.lstrip()
            if not stripped or stripped.startswith("!"):
                continue
            depth = len(line) - len(stripped)
            if depth != indent:
                if depth < indent:
                    return False
                continue
            if stripped == trailer:
                return True
            if not _takes(mode, stripped):
                return False
        return False

    def _restore(self, popped: list[_Open], home: _Open) -> None:
        """Put the blocks from the outermost popped one down to ``home`` back on the stack."""
        keep = popped[popped.index(home):]
        self.stack.extend(reversed(keep))

    def _attach(self, parent: _Open | None, node: Node, indent: int) -> None:
        node.line = self.number
        if parent is None:
            self.roots.append(node)
        else:
            parent.node.children.append(node)
            if parent.child_indent is None:
                parent.child_indent = indent
        self.stack.append(_Open(indent, node, parent))


def read_lines(lines: Sequence[str]) -> list[Node]:
    """The top-level nodes of config ``lines`` (right-stripped; noise lines removed)."""
    return _Reader(lines).run()


def cut_blocks(lines: Sequence[str]) -> list[Sequence[str]] | None:
    """``lines`` (right-stripped) cut into runs that ``read_block`` reads each on its own into
    the top-level nodes ``read_lines`` reads from them within the whole (line numbers aside), in
    order; None when the text is not cut. A memo of a config's blocks by their text
    (``flexorch.ios.config.normalize.normalize_running``) rests on this.

    A run starts at a line that leaves the reader in a state of its own, whatever came before:
    a line at column 0 that global config mode takes (``accepts``; no skipped line, ``quit``,
    ``exit``) or a delimited text (a banner) starting at column 0, which the reader reads to its
    end as one node. Indented text only (a flat one is read by modes, ``_Reader.flat``, which
    ``read_block`` does not do), and without a line at column 0 that opens a block with a
    trailer (``address-family`` printed flat, ``_flat_home``) or an indented delimited text. Then:

    - before such a line everything open is closed (each open line is indented at least as much
      as it), ``_flat_home`` has no header at column 0 to keep it (only a line read at column 0
      can be one, and none is such a block), and ``_mode_home`` leaves a line of global config
      mode in global config mode in indented text: it is a new top-level node, and the open
      lines are itself alone;
    - a banner at column 0 clears what is open and takes the same lines to its end as the whole
      text gives it (the cut is after them);
    - within a run nothing is read from the runs before; what is looked at after it (the line
      after a stray line, ``_next_line``; the rest of a flat family, ``_closed_flat``) is the
      next run's first line at column 0 or the end of the text, which give the same answer.
    """
    joined = "\n" + "\n".join(lines)
    # flat as ``_Reader.flat`` says (no line starting with a space or a tab)
    if ("\n " not in joined and "\n\t" not in joined) or _INDENTED_DELIMITED.search(joined):
        return None
    cuts: list[int] = []
    skip = 0  # lines of a delimited text still to pass
    for index, line in enumerate(lines):
        if index < skip or not line or line[0].isspace():  # (indented as ``str.lstrip`` has it)
            continue
        kind = _column0(line)
        if kind == _UNCUT:
            return None
        if kind == _DELIMITED_START:
            banner = banner_start(line)
            assert banner is not None
            skip = index + 1
            while not banner.done and skip < len(lines):
                banner.add(lines[skip])
                skip += 1
        if kind != _INNER:
            cuts.append(index)
    if not cuts:
        return None
    head = lines[:cuts[0]]
    runs = [head] if not all(_skipped(line.lstrip()) for line in head) else []
    runs.extend(lines[start:end] for start, end in zip(cuts, [*cuts[1:], len(lines)],
                                                        strict=True))
    return runs


_INNER, _START, _DELIMITED_START, _UNCUT = range(4)
# A line whose text after its indentation starts a delimited text (``banner_start``), indented
# (any white space ``str.lstrip`` strips, line breaks aside).
_INDENTED_DELIMITED = re.compile(r"^[^\S\n]+" + DELIMITED_TEXT_COMMAND.removeprefix("^"),
                                 re.MULTILINE)
assert DELIMITED_TEXT_COMMAND.startswith("^")


# pure in the line, and a site's lines at column 0 repeat from router to router
@lru_cache(maxsize=20_000)
def _column0(line: str) -> int:
    """What a line at column 0 is to ``cut_blocks``: a run's start (``_START``), a delimited
    text's start (``_DELIMITED_START``), a block with a trailer it is not cut at (``_UNCUT``), or
    another line of the run (``_INNER``)."""
    if line.split(maxsplit=1)[0] in _trailed_heads():
        return _UNCUT
    if _skipped(line) or line in (_DATA_END, _EXIT):
        return _INNER
    if _DELIMITED.match(line):  # ``banner_start(line)`` is not None
        return _DELIMITED_START
    return _START if accepts("config", line) else _INNER


def read_block(lines: Sequence[str]) -> list[Node]:
    """``read_lines`` of a run of ``cut_blocks`` (read as indented text, as the whole is)."""
    reader = _Reader(lines)
    reader.flat = False
    return reader.run()


def read_indented(lines: Sequence[str]) -> list[Node]:
    """``read_lines`` for text whose indentation is known to be right: flexorch's own rendered
    configs (one space per level, as ``show running-config`` prints them). Nesting follows
    indentation alone, without asking the grammar about every line, which is most of the
    reading time of a rendered hub or a fleet of spokes. Text with a banner or a certificate's
    ``quit`` (where indentation is not the nesting) goes to ``read_lines``; the two readers give
    the same tree on every rendered config (tests/ios/test_reader_rendered.py)."""
    roots = indented_or_none(lines)
    return read_lines(lines) if roots is None else roots


def indented_or_none(lines: Sequence[str]) -> list[Node] | None:
    """``read_indented``'s tree of ``lines``, or None when one of them needs ``read_lines``
    (a banner, a certificate's ``quit``, a show-run header line)."""
    roots: list[Node] = []
    stack: list[tuple[int, Node]] = []
    special = _NOT_INDENTED.match
    for line in lines:
        stripped = line.lstrip()
        if not stripped or stripped[0] == "!" or stripped == "end":
            continue
        if special(stripped):
            return None
        indent = len(line) - len(stripped)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        node = Node(stripped)
        (stack[-1][1].children if stack else roots).append(node)
        stack.append((indent, node))
    return roots
