"""ConfigSession: apply CLI lines to a ConfigTree the way IOS-XE configuration mode does.

What it models (all driven by the tables in ``flexorch.ios.cli.commands`` / ``rules`` /
``objects``): sub-modes and their prompts, ``exit`` / ``end`` / ``do``, implicit exit (a line the
current mode does not know but an enclosing mode does leaves the sub-mode and applies there), ``no``
(and ``default``) forms that remove a line, a value from a list, or a whole block,
single-valued commands replacing their previous value, list commands appending, merge lists
(IKEv2 proposal transforms) accumulating, hidden defaults, default-on features stored as their
``no`` form, IOS's input canonicalisation (abbreviations, interface names, ``ip domain-name``),
secrets (type 0 keys stored clear, type 6 too when a ``type6`` cipher opens them under the master
key, ``secret`` hashed to type 9), delimited multi-line arguments (banners), the smart-default
objects ``no`` disables (``no crypto ikev2 proposal default``), and the refusals listed in
``rules`` (deleting objects in use, missing IPsec profile, physical interface removal,
virtual-template type). Invalid, incomplete or ambiguous lines change nothing and return IOS's
error text.

The mode stack decides where a line goes, never its indentation: IOS's CLI is mode-based, so a
pasted ``show running-config`` whose block has a line at column 0 still lands in that block.

One session per CLI session; a tree shared by several sessions must be locked by the caller
around ``feed`` (the lab does).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

from flexorch.ios.cli import (
    MODES,
    Command,
    LineInfo,
    Match,
    Token,
    block_mode,
    canonical_of,
    header_no_ok,
    interface_mode,
    line_info,
    line_key,
    match_cached,
    partial_no_ok,
    tokenize,
)
from flexorch.ios.config import lineops, semantics
from flexorch.ios.config.store import Frame, TreeStore, node_key
from flexorch.ios.config.text import Banner, banner_start
from flexorch.ios.config.tree import ConfigTree, Node
from flexorch.ios.facts import ERROR_AMBIGUOUS_PREFIX, ERROR_INCOMPLETE, ERROR_INVALID, rules
from flexorch.ios.facts.keys import Type6Cipher

EXEC = "exec"

__all__ = ["EXEC", "ConfigSession", "LineInfo", "Result", "apply_lines", "block_mode",
           "line_info", "line_key"]


@dataclass(frozen=True)
class Result:
    """What IOS answered to one line.

    ``mode`` is the prompt name after the line (``config``, ``config-if``, ... or ``exec``
    after ``end``); ``prompt`` the whole prompt (``R1(config-if)#``). ``error`` is IOS's error
    text (for invalid input: the caret line, indented by the prompt length, then the message),
    None when the line was accepted; ``message`` informational text IOS prints for an accepted
    line. ``canonical`` is the expanded line as stored (``int tu0`` -> ``interface Tunnel0``).
    ``do_command`` is the exec command of a ``do`` line, for the caller to run.
    """

    line: str
    mode: str
    prompt: str
    error: str | None = None
    message: str | None = None
    canonical: str = ""
    key: str = ""
    negated: bool = False
    opened: bool = False
    changed: bool = False
    do_command: str | None = None

    @property
    def ok(self) -> bool:
        """True when IOS accepted the line."""
        return self.error is None

    @property
    def output(self) -> str:
        """Everything IOS prints after echoing the line (error or message), possibly empty."""
        return self.error or self.message or ""


# --- The session -------------------------------------------------------------------------------

@dataclass
class ConfigSession:
    """IOS configuration mode over ``tree`` (mutated in place).

    ``physical_interfaces``: canonical names of the router's hardware interfaces; when given,
    ``interface X`` for another physical name is refused as IOS does. None accepts any.
    ``type6``: the cipher that opens typed type-6 keys under the configured master key (the
    lab's stand-in); None keeps them as typed (flexorch cannot read a real router's type 6).
    """

    tree: ConfigTree
    physical_interfaces: Collection[str] | None = None
    type6: Type6Cipher | None = None
    _stack: list[Frame] = field(default_factory=list)
    _entry_prompt: str = ""
    _banner: tuple[Banner, str] | None = None

    def __post_init__(self) -> None:
        self._store = TreeStore(self.tree, self.type6)
        if not self._stack:
            self._stack.append(Frame(MODES["config"], None))

    # -- state --
    @property
    def active(self) -> bool:
        """False once ``end`` (or ``exit`` at the top) left configuration mode."""
        return bool(self._stack)

    @property
    def mode(self) -> str:
        """Current prompt name (``config``, ``config-if``, ...) or ``exec``."""
        return self._stack[-1].mode.prompt if self._stack else EXEC

    @property
    def mode_id(self) -> str:
        """Current mode id (a key of ``MODES``) or ``exec``."""
        return self._stack[-1].mode.id if self._stack else EXEC

    @property
    def hostname(self) -> str:
        """The configured hostname (IOS's ``Router`` when none)."""
        node = self._store.index().get("hostname")
        return node.text.split()[1] if node is not None else "Router"

    @property
    def prompt(self) -> str:
        """The prompt IOS prints now."""
        if not self._stack:
            return f"{self.hostname}#"
        return f"{self.hostname}({self.mode})#"

    # -- input --
    def feed(self, line: str) -> Result:
        """Apply one CLI line; never raises for bad input (IOS answers with an error)."""
        if not self._stack:
            raise RuntimeError("configuration session already ended")
        if self._banner is not None:
            return self._banner_line(line)
        prompt = self._entry_prompt = self.prompt
        text = line.strip()
        if not text or text.startswith("!"):
            return self._result(line)
        tokens = tokenize(text)
        first = tokens[0].text.lower()
        negated = first in ("no", "default") and len(tokens) > 1
        if first in ("no", "default") and len(tokens) == 1:
            return self._result(line, error=ERROR_INCOMPLETE)
        skip = 1 if negated else 0
        attempts: list[Match] = []
        for depth in range(len(self._stack) - 1, -1, -1):
            match = match_cached(self._stack[depth].mode.id, text, skip)
            if match.ok or (negated and (partial_no_ok(match) or header_no_ok(match))):
                del self._stack[depth + 1:]
                try:
                    return self._apply(line, tokens, match, negated)
                except semantics.Refused as refused:
                    return self._result(line, error=refused.text)
            attempts.append(match)
        return self._result(line, error=self._error_text(prompt, line, _best(attempts)))

    def feed_lines(self, lines: Iterable[str]) -> list[Result]:
        """Feed several lines; stops early if a line ends configuration mode."""
        results = []
        for line in lines:
            if not self._stack:
                break
            results.append(self.feed(line))
        return results

    # -- internals --
    def _result(self, line: str, **kwargs: object) -> Result:
        return Result(line=line, mode=self.mode, prompt=self.prompt, **kwargs)  # type: ignore[arg-type]

    def _caret_offset(self, line: str) -> int:
        return len(self._entry_prompt) + len(line) - len(line.lstrip())

    def _error_text(self, prompt: str, line: str, match: Match) -> str:
        if match.status == "ambiguous":
            return f'{ERROR_AMBIGUOUS_PREFIX}  "{line.strip()}"'
        if match.status == "incomplete":
            return ERROR_INCOMPLETE
        offset = len(prompt) + (len(line) - len(line.lstrip()))
        return " " * (offset + match.error_col) + "^\n" + ERROR_INVALID

    def _apply(self, line: str, tokens: Sequence[Token], match: Match, negated: bool) -> Result:
        frame = self._stack[-1]
        command = match.command
        if negated:
            return self._apply_no(line, frame, match)
        assert command is not None
        canonical = canonical_of(match)
        if command.action:
            return self._action(line, command.action, canonical)
        if command.delimited:
            return self._banner_open(line, frame, command, canonical)
        if command.opens:
            return self._enter(line, frame, command, canonical, tokens)
        changed, message = lineops.set_line(self._store, frame, command, canonical)
        return self._result(line, canonical=canonical, key=command.identity(canonical),
                            changed=changed, message=message)

    def _apply_no(self, line: str, frame: Frame, match: Match) -> Result:
        header = header_no_ok(match)
        if header is not None:
            return self._remove_block(line, frame, header, match)
        if match.command is not None and match.command.opens:
            return self._remove_blocks(line, frame, match.command, canonical_of(match))
        return self._negate(line, frame, match)

    def _action(self, line: str, action: str, canonical: str) -> Result:
        if action == "do":
            return self._result(line, canonical=canonical, do_command=canonical[3:])
        if action == "end" or len(self._stack) == 1:
            self._stack.clear()
        else:
            self._stack.pop()
        return self._result(line, canonical=canonical)

    # -- delimited text (banners) --
    def _banner_open(self, line: str, frame: Frame, command: Command, canonical: str) -> Result:
        banner = banner_start(canonical)
        assert banner is not None  # the grammar row is a delimited-text command
        key = command.identity(canonical)
        if banner.done:
            return self._banner_store(line, frame, banner, key)
        self._banner = (banner, key)
        return self._result(line, canonical=canonical, message=banner.prompt())

    def _banner_line(self, line: str) -> Result:
        assert self._banner is not None
        banner, key = self._banner
        banner.add(line)
        if not banner.done:
            return self._result(line)
        self._banner = None
        return self._banner_store(line, self._stack[0], banner, key)

    def _banner_store(self, line: str, frame: Frame, banner: Banner, key: str) -> Result:
        stored = banner.node()
        stored.key = key
        existing = self._store.find(frame, key)
        if existing is not None:
            changed = existing != stored
            existing.text, existing.children = stored.text, stored.children
        else:
            self._store.add(frame, stored)
            changed = True
        return self._result(line, canonical=stored.text, key=key, changed=changed)

    # -- blocks --
    def _enter(self, line: str, frame: Frame, command: Command, canonical: str,
               tokens: Sequence[Token]) -> Result:
        child_line = None
        if command.split and f" {command.split} " in canonical:
            cut = canonical.index(f" {command.split} ")
            canonical, child_line = canonical[:cut], canonical[cut + 1:]
        key = command.identity(canonical)
        node = self._store.find(frame, key)
        mode_id = command.opens
        assert mode_id is not None
        if mode_id == "interface":
            col = tokens[1].col if len(tokens) > 1 else 0
            caret = semantics.invalid_caret(self._caret_offset(line) + col)
            semantics.check_interface(canonical, node, caret, self.physical_interfaces)
            mode_id = interface_mode(node.text if node is not None else canonical)
        changed = self._reenable_default(frame, canonical)
        if node is None:
            node = Node(canonical, key=key)
            self._store.add(frame, node)
            node.children.extend(Node(d) for d in rules.CREATED_WITH.get(mode_id, ()))
            changed = True
        elif node.text != canonical and command.opens != "interface":
            node.text = canonical
            changed = True
        if mode_id in rules.DATA_MODES and node.children:
            node.children.clear()
            changed = True
        self._stack.append(Frame(MODES[mode_id], node))
        if child_line is not None:
            sub = match_cached(mode_id, child_line, 0)
            if sub.ok and sub.command is not None:
                changed |= lineops.set_line(self._store, self._stack[-1], sub.command,
                                            canonical_of(sub))[0]
        return self._result(line, canonical=canonical, key=key, opened=True, changed=changed)

    def _reenable_default(self, frame: Frame, canonical: str) -> bool:
        """Configuring a smart-default object again drops its ``no`` line."""
        if frame.node is not None or canonical not in rules.DISABLED_DEFAULTS:
            return False
        disabled = self._store.index().get(f"no {canonical}")
        if disabled is not None:
            self._store.remove(frame, disabled)
        return disabled is not None

    def _remove_block(self, line: str, frame: Frame, command: Command, match: Match) -> Result:
        canonical = " ".join(match.words)
        key = " ".join(match.words[: command.key]) if isinstance(command.key, int) else canonical
        node = self._store.find(frame, key)
        if frame.node is None and key in rules.DISABLED_DEFAULTS:
            return self._disable_default(line, frame, node, key)
        if node is None:
            return self._result(line, canonical=canonical, key=key, negated=True)
        if command.opens == "interface":
            semantics.check_removable_interface(node.text)
        if frame.node is None:
            semantics.refuse_in_use(self.tree, node.text)
        self._store.remove(frame, node)
        return self._result(line, canonical=canonical, key=key, negated=True, changed=True)

    def _remove_blocks(self, line: str, frame: Frame, command: Command,
                       canonical: str) -> Result:
        """``no route-map X``: every block the words name goes (all entries of route map X;
        ``no route-map X permit 10`` only that entry)."""
        key = command.identity(canonical)
        going = [n for n in self._store.children(frame)
                 if (k := node_key(n, frame.mode.id)) == key or k.startswith(key + " ")]
        if frame.node is None:
            for node in going:
                semantics.refuse_in_use(self.tree, node.text)
        for node in going:
            self._store.remove(frame, node)
        return self._result(line, canonical=canonical, key=key, negated=True,
                            changed=bool(going))

    def _disable_default(self, line: str, frame: Frame, node: Node | None, key: str) -> Result:
        """``no crypto ikev2 proposal default``: IOS stops offering its smart default and shows
        the ``no`` line (Cisco FlexVPN configuration guide, "IKEv2 Smart Defaults")."""
        if node is not None:
            self._store.remove(frame, node)
        changed = node is not None
        if self._store.index().get(f"no {key}") is None:
            self._store.add(frame, Node(f"no {key}"))
            changed = True
        return self._result(line, canonical=f"no {key}", key=f"no {key}", negated=True,
                            changed=changed)

    def _negate(self, line: str, frame: Frame, match: Match) -> Result:
        if match.ok and match.command is not None:
            canonical = canonical_of(match)
            changed, message = lineops.negate_line(self._store, frame, match.command, canonical)
        else:
            canonical = " ".join(match.words)
            changed, message = lineops.negate_words(self._store, frame, canonical)
        lineops.restore_created(self._store, frame)
        return self._result(line, canonical=canonical, negated=True, changed=changed,
                            message=message)


def _best(attempts: list[Match]) -> Match:
    """The failed match to report: the mode that understood most of the line (an ambiguous
    word beats an invalid one at the same place)."""
    best = attempts[0]
    for match in attempts[1:]:
        if match.consumed > best.consumed or (
                match.consumed == best.consumed and match.status == "ambiguous"
                and best.status == "invalid"):
            best = match
    return best


def apply_lines(tree: ConfigTree, lines: Iterable[str], *,
                physical_interfaces: Collection[str] | None = None,
                type6: Type6Cipher | None = None) -> list[str]:
    """Apply config lines (as sent after ``configure terminal``) to ``tree``; returns the IOS
    error texts, each prefixed with the offending line (``"<line>: <error>"``). An ``end`` in
    the lines ends the session; lines after it are ignored, as IOS would run them in exec."""
    session = ConfigSession(tree, physical_interfaces=physical_interfaces, type6=type6)
    errors = []
    for line in lines:
        if not session.active:
            break
        result = session.feed(line)
        if result.error is not None:
            errors.append(f"{line.strip()}: {result.error.splitlines()[-1]}")
    return errors
