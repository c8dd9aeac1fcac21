"""``show running-config`` of a ConfigTree, printed the way IOS prints it.

Sections in IOS's order (``display.SECTION_ORDER``), not typing order; lines within a block in
IOS's order per block kind (``display.CHILD_ORDER``); IOS's indentation per block kind; ``!``
separators where IOS puts them; trailers (``exit-address-family``, a certificate's ``quit``);
hidden defaults hidden; `` no ip address`` shown on interfaces without an IPv4 address; the master
key never shown; secrets shown as type 6 (``password encryption aes`` + ``key config-key``, with a
``type6`` cipher given) or type 7 (``service password-encryption``) where IOS encrypts them.
What differs between software trains (access-list sequence numbers, a few section positions)
follows the config's ``version`` line. ``section=`` is ``| section <regex>``; ``interface=``
is ``show running-config interface <name>``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final, TypeVar

from flexorch.ios.cli import block_mode
from flexorch.ios.config.tree import ConfigTree, Node
from flexorch.ios.facts import display, interface_canonical, interface_sort_key, rules
from flexorch.ios.facts.keys import Type6Cipher, type7_encode

Train = tuple[int, int]
_VERSION = re.compile(r"^version (\d+)\.(\d+)")
_DELIMITED = re.compile(rules.DELIMITED_TEXT_COMMAND)


def train_of(tree: ConfigTree) -> Train:
    """The software train a config says it is from (``version 15.4``), else the lab's default."""
    for node in tree.roots:
        # (only a ``version`` line can match: the pattern is not tried on every other one)
        if node.text.startswith("version ") and (match := _VERSION.match(node.text)):
            return int(match.group(1)), int(match.group(2))
    return display.MODERN_TRAIN


E = TypeVar("E", bound=tuple[Any, ...])  # an entry of a section order table


def _by_initial(entries: tuple[E, ...], at: int = 0) -> dict[str, tuple[E, ...]]:
    """``entries`` by the first character of their prefix (``entry[at]``), in order: only those
    can match a line starting with that character (the lines ``section_rank`` misses are every
    router's own, ``hostname`` and interface names: each is ranked once per router; the 54
    train-dependent entries tried on such a line cost 3.35-3.61 us, their group 0.41-0.42)."""
    out: dict[str, list[E]] = {}
    for entry in entries:
        prefix = entry[at]
        assert isinstance(prefix, str) and prefix, entry  # (an empty one would match any line)
        out.setdefault(prefix[:1], []).append(entry)
    return {initial: tuple(found) for initial, found in out.items()}


_SECTIONS_BY_INITIAL: Final = _by_initial(display.SECTION_ORDER)
_UP_TO_TRAIN_BY_INITIAL: Final = _by_initial(display.SECTIONS_UP_TO_TRAIN, at=1)
_FROM_TRAIN_BY_INITIAL: Final = _by_initial(display.SECTIONS_FROM_TRAIN, at=1)


@lru_cache(maxsize=20_000)
def section_rank(line: str, train: Train = display.MODERN_TRAIN) -> int:
    """Rank of a top-level line in show running-config (lower prints first); a ``no X`` line
    ranks as X."""
    text = line[3:] if line.startswith("no ") else line
    initial = text[:1]
    for upto, prefix, rank in _UP_TO_TRAIN_BY_INITIAL.get(initial, ()):
        if train <= upto and text.startswith(prefix):
            return rank
    for since, prefix, rank in _FROM_TRAIN_BY_INITIAL.get(initial, ()):
        if train >= since and text.startswith(prefix):
            return rank
    best_len, best = -1, display.UNKNOWN_SECTION_RANK
    for prefix, rank in _SECTIONS_BY_INITIAL.get(text[:1], ()):
        if (text.startswith(prefix) or text == prefix.rstrip()) and len(prefix) > best_len:
            best_len, best = len(prefix), rank
    return best


def _child_order(kind: str, train: Train) -> tuple[str, ...]:
    for first, last, block, order in display.CHILD_ORDER_IN_TRAINS:
        if block == kind and first <= train <= last:
            return order
    return display.CHILD_ORDER.get(kind, ())


@dataclass(frozen=True)
class _OrderIndex:
    """A block kind's order entries: plain entries by text (first index), the ``re:`` ones
    compiled, in order, and how many entries there are (the rank of lines matching none). A
    plain entry matches a line exactly when it is the line or one of its word prefixes, so
    ``child_rank`` looks those up instead of trying every entry on every line."""

    plain: dict[str, int]
    # (index, pattern, the length a match counts as: the entry's own plus 100)
    patterns: tuple[tuple[int, re.Pattern[str], int], ...]
    size: int


@lru_cache(maxsize=256)
def _order_index(kind: str, train: Train) -> _OrderIndex:
    order = _child_order(kind, train)
    plain: dict[str, int] = {}
    patterns: list[tuple[int, re.Pattern[str], int]] = []
    for index, entry in enumerate(order):
        if entry.startswith("re:"):
            patterns.append((index, re.compile(entry[3:]), len(entry) + 100))
        else:
            plain.setdefault(entry, index)
    return _OrderIndex(plain, tuple(patterns), len(order))


@lru_cache(maxsize=20_000)
def child_rank(kind: str, line: str, train: Train = display.MODERN_TRAIN) -> int:
    """Rank of a line inside a block of ``kind`` (lines of unknown shape sort last): the
    entry of the block's order with the longest match, the first of equals (a matching regex
    entry, ``re:``, counts as its own length plus 100)."""
    text = line[3:] if line.startswith("no ") and line != rules.NO_IP_ADDRESS_LINE else line
    order = _order_index(kind, train)
    best_len, best = -1, order.size
    # ``text`` itself, then each prefix ending before a space (``entry + " "`` starts
    # ``text``), longest first: the first plain entry found is the longest plain match.
    end = len(text)
    while end >= 0:
        index = order.plain.get(text[:end])
        if index is not None:
            best_len, best = end, index
            break
        end = text.rfind(" ", 0, end)
    for index, pattern, length in order.patterns:
        if pattern.match(text) and (length > best_len or (length == best_len and index < best)):
            best_len, best = length, index
    return best


@lru_cache(maxsize=20_000)
def _root_sort_key(text: str, train: Train, canonical: bool) -> tuple[int, tuple[object, ...]]:
    """Where a top-level line goes in ``ordered_roots`` (ties keep their order). Cached: a
    fleet's configs repeat their section headers (interfaces are ranked by parsing the name)."""
    rank = section_rank(text, train)
    if text.startswith("interface "):
        try:
            return rank, interface_sort_key(text.split()[1])
        except ValueError:
            return rank, (999,)
    ranks = display.CANONICAL_SORTED_RANKS if canonical else display.SORTED_BLOCK_RANKS
    bare = text[3:] if text.startswith("no ") else text
    if rank in ranks:
        return rank, (bare,)
    for index, prefix in enumerate(display.FIRST_IN_RANK):
        if bare.startswith(prefix):
            return rank, (0, index)
    return rank, (1,)


def ordered_roots(roots: list[Node], train: Train = display.MODERN_TRAIN, *,
                  canonical: bool = False) -> list[Node]:
    """Top-level nodes in show running-config order (``canonical``: also sort the named
    objects IOS prints in creation order, for comparisons)."""
    return sorted(roots, key=lambda n: _root_sort_key(n.text, train, canonical))


@lru_cache(maxsize=20_000)
def _child_sort_key(kind: str, text: str, train: Train) -> tuple[int, int]:
    """Where a line goes among its block's children (ties keep their order): its rank, then
    for numbered children (``NUMBERED_CHILDREN``) the number after the first word."""
    number = 0
    if kind in display.NUMBERED_CHILDREN:
        words = text.split()
        if len(words) > 1 and words[1].isdigit():
            number = int(words[1])
    return child_rank(kind, text, train), number


def ordered_children(kind: str | None, children: list[Node],
                     train: Train = display.MODERN_TRAIN) -> list[Node]:
    """A block's children in IOS's order for the block kind (entry order otherwise)."""
    if kind in rules.SEQUENCED_MODES:
        return _by_sequence(children)
    if not kind or kind not in display.CHILD_ORDER or len(children) < 2:
        return children
    return sorted(children, key=lambda c: _child_sort_key(kind, c.text, train))


def _by_sequence(children: list[Node]) -> list[Node]:
    """An access list's entries by sequence number, each unnumbered ``remark`` just before the
    entry stored after it (IOS keeps a remark with the entry that follows it: IOS 12.4 prints
    the remarks of a named extended list in place between its entries, tests/fixtures/real/
    gh-mpenning-ciscoconfparse-ios124-edge/foo.cfg ``ip access-list extended EXT_IN``), the
    remarks after the last entry last."""
    keys: list[tuple[int, int]] = []
    following = sys.maxsize
    for child in reversed(children):
        if child.text[0].isdigit():
            following = int(child.text.split()[0])
            keys.append((following, 1))
        else:
            keys.append((following, 0))
    keys.reverse()
    return [children[i] for i in sorted(range(len(children)), key=keys.__getitem__)]


def sort_tree(tree: ConfigTree) -> ConfigTree:
    """A copy of ``tree`` with every level in IOS's display order, named objects sorted by name
    (the comparison form)."""

    train = train_of(tree)
    roots = ordered_roots(tree.roots, train, canonical=True)
    return ConfigTree([sort_root(n, train) for n in roots])


def sort_root(root: Node, train: Train, *, copy: bool = True) -> Node:
    """A copy of the top-level block ``root`` with every level in IOS's display order for
    software ``train`` (``sort_tree`` of one block). ``copy=False``: a node already in order
    is returned itself, not copied (for trees nobody modifies: the canonical form)."""
    return _sort_node(root, block_mode("config", root.text), train, copy)


def _sort_node(node: Node, kind: str | None, train: Train, copy: bool) -> Node:
    # (not a closure in ``sort_root``: a recursive nested function is a reference cycle, kept
    # to the end by plan, which runs with the cyclic collector paused)
    if not node.children:
        return Node(node.text, [], node.key) if copy else node
    children = ordered_children(kind, node.children, train)
    # (a line without children is its own sorted form, whatever mode it would open; not
    # copied, it is itself: no call for it)
    out = [_sort_node(c, block_mode(kind, c.text) if kind and c.children else None, train, copy)
           if copy or c.children else c for c in children]
    if not copy and all(a is b for a, b in zip(out, node.children, strict=True)):
        return node
    return Node(node.text, out, node.key)


# --- Display ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Style:
    master: str | None  # set only when type 6 is shown: aes on, a master key, a cipher given
    type6: Type6Cipher | None
    type7: bool
    train: Train
    l2_ports: re.Pattern[str] | None = None  # the built-in switch's ports (``license udi pid``)


def _style_of(tree: ConfigTree, type6: Type6Cipher | None) -> _Style:
    master = None
    aes = spe = False
    l2_ports = None
    routed_port = False  # a port says ``no switchport``: a layer-2 image
    for node in tree.roots:
        if node.text.startswith("interface "):
            routed_port = routed_port or any(c.text == rules.ROUTED_PORT_LINE
                                             for c in node.children)
        elif node.text.startswith("license udi pid "):
            pid = node.text.split()[3] if len(node.text.split()) > 3 else ""
            l2_ports = next((re.compile(ports) for prefix, ports in rules.L2_PORTS_BY_PID
                             if pid.startswith(prefix)), None)
        elif node.text.startswith("key config-key password-encrypt "):
            master = node.text.split()[3]
        elif node.text == "password encryption aes":
            aes = True
        elif node.text == "service password-encryption":
            spe = True
    if l2_ports is None and routed_port:
        l2_ports = re.compile(rules.L2_IMAGE_PORTS)  # a layer-2 image: its ports switch
    return _Style(master if aes and type6 is not None else None, type6, spe, train_of(tree),
                  l2_ports)


def _display_secret(kind: str, text: str, style: _Style) -> str:
    if style.master is not None and style.type6 is not None:
        for block, pattern in rules.TYPE6_SECRET_LINES:
            match = re.match(pattern, text) if block == kind else None
            if match and match.group(2) in (None, "0"):
                cipher = style.type6.encrypt(match.group(3), style.master)
                return f"{match.group(1)} 6 {cipher}"
    if style.type7:
        for block, pattern in rules.TYPE7_SECRET_LINES:
            match = re.match(pattern, text) if block == kind else None
            if match and match.group(2) in (None, "0"):
                return f"{match.group(1)} 7 {type7_encode(match.group(3))}"
    return text


def _respell(kind: str, text: str, style: _Style) -> str:
    old = style.train < display.ACL_SEQUENCES_SHOWN_FROM
    if old and kind in rules.SEQUENCED_MODES:
        text = re.sub(r"^\d+ ", "", text)
    spacing = display.DISPLAY_SPACING.get(kind, ())
    unpadded = display.UNPADDED_FROM_TRAIN.get(kind)
    if unpadded is not None and style.train >= unpadded:
        spacing = ()
    if old:
        spacing += display.OLD_TRAIN_SPACING.get(kind, ())
    for pattern, replacement in spacing:
        text = re.sub(pattern, replacement, text, count=1)
    for pattern, width in display.DISPLAY_COLUMNS.get(kind, ()):
        match = re.match(pattern, text)
        if match is not None:
            prefix, field, rest = match.groups()
            text = f"{prefix}{field.ljust(width)} {rest}"
    return text


def _hidden(kind: str, text: str) -> bool:
    if text in rules.HIDDEN_VALUE_DEFAULTS.get(kind, ()):
        return True
    return text.startswith(rules.NEVER_SHOWN_PREFIXES)


_HIDDEN_IN_TRAIN: Final[dict[str, tuple[tuple[Train, str], ...]]] = {
    block: tuple((last, line) for last, kind, line in display.HIDDEN_UP_TO_TRAIN if kind == block)
    for _, block, _ in display.HIDDEN_UP_TO_TRAIN}


def _hidden_in_train(kind: str, text: str, train: Train) -> bool:
    hidden = _HIDDEN_IN_TRAIN.get(kind)
    return hidden is not None and any(train <= last and text == line for last, line in hidden)


def _shown_children(node: Node, own_kind: str, style: _Style) -> list[Node]:
    train = style.train
    children = [c for c in ordered_children(own_kind, node.children, train)
                if not _hidden(own_kind, c.text) and not _hidden_in_train(own_kind, c.text, train)]
    subinterface = "." in node.text.split()[1] if own_kind.startswith("interface") else False
    name = node.text.split()[1] if own_kind.startswith("interface") else ""
    # an interface that shows no address line when it has none (see rules)
    empty_port = bool(name) and (
        re.match(rules.NO_IP_ADDRESS_NEVER, name) is not None
        or (not children and (re.match(rules.NO_IP_ADDRESS_EMPTY_PORTS, name) is not None or (
            style.l2_ports is not None and style.l2_ports.match(name) is not None))))
    layer2 = train >= rules.NO_IP_ADDRESS_SWITCHPORT_LINES_FROM and any(
        c.text.startswith("switchport ") for c in children)
    if own_kind.startswith("interface") and not empty_port and not layer2 and not any(
            c.text.startswith(rules.IPV4_ADDRESS_PREFIXES) or c.text in rules.NO_IP_ADDRESS_EXCEPT
            for c in children) and (rules.NO_IP_ADDRESS_ON_SUBINTERFACES or not subinterface):
        children.append(Node(rules.NO_IP_ADDRESS_LINE))
        children = ordered_children(own_kind, children, train)
    return children


def _block_lines(node: Node, kind: str | None, depth: int, style: _Style) -> Iterator[str]:
    """Display lines of ``node`` (already known to be shown) and its children."""
    yield " " * depth + _respell(kind or "", node.text, style)
    own_kind = block_mode(kind, node.text) if kind else None
    if own_kind is None:
        # Banner text lines print as typed, at column 0; a block the grammar does not know
        # (read from a file) is shown as stored.
        text_lines = depth == 0 and _DELIMITED.match(node.text) is not None
        for child in node.children:
            yield from _block_lines(child, None, 0 if text_lines else depth + 1, style)
        return
    pad = " " * (depth + display.CHILD_INDENT.get(own_kind, 1))
    for child in _shown_children(node, own_kind, style):
        child_kind = block_mode(own_kind, child.text)
        if child_kind in display.NESTED_BANG_BEFORE:
            yield pad + "!"
        if child.children or child_kind:
            yield from _block_lines(child, own_kind, len(pad), style)
        else:
            yield pad + _respell(own_kind, _display_secret(own_kind, child.text, style), style)
        if child_kind in display.NESTED_BANG_AFTER:
            yield pad + "!"
    trailer = display.BLOCK_TRAILER.get(own_kind)
    if trailer and (node.children or own_kind not in display.NO_TRAILER_WHEN_EMPTY):
        yield " " * depth + trailer  # at the header's indentation, as IOS prints it


def _root_blocks(tree: ConfigTree, style: _Style) -> Iterator[tuple[int, bool, list[str]]]:
    """(section rank, is a block, display lines) per shown top-level node, in IOS order."""
    for node in ordered_roots(tree.roots, style.train):
        if _hidden("config", node.text):
            continue
        rank = section_rank(node.text, style.train)
        if block_mode("config", node.text) is not None:
            yield rank, True, list(_block_lines(node, "config", 0, style))
        elif node.children:  # banner text, or a block the grammar does not know
            yield rank, _DELIMITED.match(node.text) is None, list(
                _block_lines(node, "config", 0, style))
        else:
            yield rank, False, [_respell("config", _display_secret("config", node.text, style),
                                         style)]


def _body(tree: ConfigTree, style: _Style) -> list[str]:
    out: list[str] = []
    previous_rank: int | None = None
    previous_block = False
    previous_run: int | None = None
    for rank, is_block, lines in _root_blocks(tree, style):
        group = display.BANG_GROUPS.get(rank, rank)
        run = display.UNSEPARATED_BLOCK_RUNS.get(rank) if is_block else None
        if previous_block:
            # A block ends with ``!`` unless the next block continues the same run.
            if run is None or run != previous_run:
                out.append("!")
        elif previous_rank is not None and group != previous_rank:
            out.append("!")
        out.extend(lines)
        previous_rank, previous_block, previous_run = group, is_block, run
    if out and out[-1] != "!":
        out.append("!")
    return out


def _with_header(body: list[str]) -> str:
    text = "\n".join(["!", *body, "end"]) + "\n"
    size = len(text.encode())
    return f"Building configuration...\n\nCurrent configuration : {size} bytes\n{text}"


def show_running(tree: ConfigTree, *, section: str | None = None, interface: str | None = None,
                 type6: Type6Cipher | None = None) -> str:
    """The text of ``show running-config`` for ``tree``.

    ``section``: the regex of ``| section`` — every top-level block or line with any line
    matching it (no header). ``interface``: ``show running-config interface <name>``; raises
    ValueError naming the interface when it does not exist. ``type6``: the cipher that shows
    keys as type 6 under ``password encryption aes`` + a master key (the lab's stand-in); None
    shows them as stored (flexorch never makes up a real router's type-6 strings).
    """
    style = _style_of(tree, type6)
    if interface is not None:
        name = interface_canonical(interface)
        for node in tree.roots:
            if node.text.startswith("interface ") and node.text.split()[1] == name:
                return _with_header(list(_block_lines(node, "config", 0, style)))
        raise ValueError(f"interface {name} does not exist")
    if section is not None:
        pattern = re.compile(section)
        out = []
        for _, _, lines in _root_blocks(tree, style):
            if any(pattern.search(line) for line in lines):
                out.extend(lines)
        return "\n".join(out) + ("\n" if out else "")
    return _with_header(_body(tree, style))


def private_lines(tree: ConfigTree) -> list[str]:
    """Stored lines IOS keeps outside running-config (in private NVRAM): the master key.

    A config saved as ``show running-config`` text loses them; prepend them when loading that
    text back (startup-config, archive, configure replace) or type-6 keys cannot be decrypted.
    """
    return [node.text for node in tree.roots if node.text.startswith(rules.NEVER_SHOWN_PREFIXES)]
