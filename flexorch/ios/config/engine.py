"""ConfigSession: apply CLI lines to a ConfigTree the way IOS-XE configuration mode does.

What it models (all driven by the tables in ``flexorch.ios.cli.commands`` / ``rules`` /
``objects``): sub-modes and their prompts, ``exit`` / ``end`` / ``do``, implicit exit (a line the
current mode does not know but an enclosing mode does leaves the sub-mode and applies there), ``no``
(and ``default``) forms that remove a line, a value from a list, or a whole block,
single-valued commands replacing their previous value, list commands appending, merge lists
(IKEv2 proposal transforms) accumulating, hidden defaults, default-on features stored as their
``no`` form, IOS's input canonicalisation (abbreviations, interface names, ``ip domain-name``),
secrets (type 0 keys stored clear, type 6 too when a ``type6`` cipher opens them under the master
key, ``secret`` hashed to type 9), and the refusals listed in ``rules`` (deleting objects in use,
missing IPsec profile, physical interface removal, virtual-template type). Invalid, incomplete or
ambiguous lines change nothing and return IOS's error text.

One session per CLI session; a tree shared by several sessions must be locked by the caller
around ``feed`` (the lab does).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

from flexorch.ios.cli import (
    MODES,
    Command,
    LineInfo,
    Match,
    Mode,
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
from flexorch.ios.config.refs import users_of
from flexorch.ios.config.tree import ConfigTree, Node
from flexorch.ios.facts import (
    ERROR_AMBIGUOUS_PREFIX,
    ERROR_INCOMPLETE,
    ERROR_INVALID,
    INTERFACE_CREATABLE,
    object_of,
    rules,
)
from flexorch.ios.facts.keys import Type6Cipher, type9_hash

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


@dataclass
class _Frame:
    mode: Mode
    node: Node | None


class _Refused(Exception):
    """A semantic refusal: IOS prints ``text`` and changes nothing."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def _children(tree: ConfigTree, frame: _Frame) -> list[Node]:
    return tree.roots if frame.node is None else frame.node.children


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
    _stack: list[_Frame] = field(default_factory=list)
    _entry_prompt: str = ""

    def __post_init__(self) -> None:
        if not self._stack:
            self._stack.append(_Frame(MODES["config"], None))

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
        node = self._index().get("hostname")
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
        attempts: list[tuple[int, Match]] = []
        for depth in range(len(self._stack) - 1, -1, -1):
            match = match_cached(self._stack[depth].mode.id, text, skip)
            usable = match.ok or (negated and (partial_no_ok(match) or header_no_ok(match)))
            if usable:
                del self._stack[depth + 1:]
                try:
                    return self._apply(line, text, tokens, match, negated)
                except _Refused as refused:
                    return self._result(line, error=refused.text)
            attempts.append((depth, match))
        best = attempts[0][1]
        for _, match in attempts[1:]:
            if match.consumed > best.consumed or (
                    match.consumed == best.consumed and match.status == "ambiguous"
                    and best.status == "invalid"):
                best = match
        return self._result(line, error=self._error_text(prompt, line, best))

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

    @staticmethod
    def _error_text(prompt: str, line: str, match: Match) -> str:
        if match.status == "ambiguous":
            return f'{ERROR_AMBIGUOUS_PREFIX}  "{line.strip()}"'
        if match.status == "incomplete":
            return ERROR_INCOMPLETE
        offset = len(prompt) + (len(line) - len(line.lstrip()))
        return " " * (offset + match.error_col) + "^\n" + ERROR_INVALID

    def _index(self) -> dict[str, Node]:
        tree = self.tree
        if tree._indexed != len(tree.roots):
            tree._index = {}
            for node in tree.roots:
                tree._index.setdefault(self._key(node, "config"), node)
            tree._indexed = len(tree.roots)
        return tree._index

    @staticmethod
    def _key(node: Node, mode_id: str) -> str:
        if node.key is None:
            node.key = line_key(mode_id, node.text)
        return node.key

    def _find(self, frame: _Frame, key: str) -> Node | None:
        if frame.node is None:
            return self._index().get(key)
        for child in frame.node.children:
            if self._key(child, frame.mode.id) == key:
                return child
        return None

    def _add(self, frame: _Frame, node: Node) -> None:
        siblings = _children(self.tree, frame)
        siblings.append(node)
        if frame.node is None:
            self._index()
            self.tree._index.setdefault(self._key(node, "config"), node)
            self.tree._indexed = len(siblings)

    def _remove(self, frame: _Frame, node: Node) -> None:
        siblings = _children(self.tree, frame)
        for i, sibling in enumerate(siblings):
            if sibling is node:
                del siblings[i]
                break
        if frame.node is None:
            index = self._index() if self.tree._indexed == len(siblings) + 1 else None
            if index is None:
                self.tree._indexed = -1
                return
            key = self._key(node, "config")
            if index.get(key) is node:
                del index[key]
                # A duplicate top-level line read from a file takes the slot (keys are cached:
                # building the index computed every root's key).
                twin = next((n for n in siblings if n.key == key), None)
                if twin is not None:
                    index[key] = twin
            self.tree._indexed = len(siblings)

    def _apply(self, line: str, text: str, tokens: Sequence[Token], match: Match,
               negated: bool) -> Result:
        frame = self._stack[-1]
        command = match.command
        if negated:
            header = header_no_ok(match)
            if header is not None:
                return self._remove_block(line, frame, header, match)
            return self._negate(line, frame, match)
        assert command is not None
        canonical = canonical_of(match)
        if command.action:
            return self._action(line, command.action, canonical)
        if command.opens:
            return self._enter(line, frame, command, canonical, tokens)
        changed, message = self._set(frame, command, canonical)
        return self._result(line, canonical=canonical, key=command.identity(canonical),
                            changed=changed, message=message)

    def _action(self, line: str, action: str, canonical: str) -> Result:
        if action == "do":
            return self._result(line, canonical=canonical, do_command=canonical[3:])
        if action == "end" or len(self._stack) == 1:
            self._stack.clear()
        else:
            self._stack.pop()
        return self._result(line, canonical=canonical)

    # -- blocks --
    def _enter(self, line: str, frame: _Frame, command: Command, canonical: str,
               tokens: Sequence[Token]) -> Result:
        child_line = None
        if command.split and f" {command.split} " in canonical:
            cut = canonical.index(f" {command.split} ")
            canonical, child_line = canonical[:cut], canonical[cut + 1:]
        key = command.identity(canonical)
        node = self._find(frame, key)
        mode_id = command.opens
        assert mode_id is not None
        if mode_id == "interface":
            self._check_interface(line, canonical, node, tokens)
            mode_id = interface_mode(node.text if node is not None else canonical)
        changed = False
        if node is None:
            node = Node(canonical, key=key)
            self._add(frame, node)
            for default in rules.CREATED_WITH.get(mode_id, ()):
                node.children.append(Node(default))
            changed = True
        elif node.text != canonical and command.opens != "interface":
            node.text = canonical
            changed = True
        self._stack.append(_Frame(MODES[mode_id], node))
        if child_line is not None:
            sub = match_cached(mode_id, child_line, 0)
            if sub.ok and sub.command is not None:
                changed |= self._set(self._stack[-1], sub.command, canonical_of(sub))[0]
        return self._result(line, canonical=canonical, key=key, opened=True, changed=changed)

    def _check_interface(self, line: str, canonical: str, node: Node | None,
                         tokens: Sequence[Token]) -> None:
        name = canonical.split()[1]
        kind = re.sub(r"[\d/.:]+$", "", name)
        col = tokens[1].col if len(tokens) > 1 else 0
        offset = len(self._entry_prompt) + len(line) - len(line.lstrip())
        caret = " " * (offset + col) + "^\n" + ERROR_INVALID
        if kind == "Virtual-Access":
            raise _Refused(caret)
        hardware = self.physical_interfaces
        if node is None and kind not in INTERFACE_CREATABLE and hardware is not None \
                and name not in hardware:
            raise _Refused(caret)
        if node is not None and kind == "Virtual-Template" and canonical.endswith(" type tunnel") \
                and not node.text.endswith(" type tunnel"):
            raise _Refused(rules.MSG_VT_TYPE_MISMATCH.format(interface=name))

    def _remove_block(self, line: str, frame: _Frame, command: Command, match: Match) -> Result:
        canonical = " ".join(match.words)
        key = " ".join(match.words[: command.key]) if isinstance(command.key, int) else canonical
        node = self._find(frame, key)
        if node is None:
            return self._result(line, canonical=canonical, key=key, negated=True)
        if command.opens == "interface":
            kind = re.sub(r"[\d/.:]+$", "", node.text.split()[1])
            if kind not in INTERFACE_CREATABLE:
                raise _Refused(rules.MSG_PHYSICAL_NOT_REMOVABLE)
        if frame.node is None:
            self._refuse_in_use(node.text)
        self._remove(frame, node)
        return self._result(line, canonical=canonical, key=key, negated=True, changed=True)

    def _refuse_in_use(self, header: str) -> None:
        found = object_of(header)
        if found is None:
            return
        kind, name = found
        template = rules.REFUSE_DELETE_IN_USE.get(kind.kind)
        if template is None:
            return
        users = users_of(self.tree, kind.kind, name)
        if kind.kind == "ipsec-profile":
            users += [n.text for n in self.tree.roots if n.text.startswith("interface ") and any(
                c.text.startswith(f"tunnel protection ipsec profile {name}") and
                c.text.split()[4] == name for c in n.children)]
        if users:
            raise _Refused(template.format(name=name, user=users[0]))

    # -- lines --
    def _set(self, frame: _Frame, command: Command, canonical: str) -> tuple[bool, str | None]:
        kind = frame.mode.id
        if canonical in rules.HIDDEN_VALUE_DEFAULTS.get(kind, ()):
            existing = self._find(frame, command.identity(canonical))
            if existing is not None:
                self._remove(frame, existing)
            return existing is not None, None
        if canonical in rules.DEFAULT_ON.get(kind, ()):
            existing = self._find(frame, f"no {command.identity(canonical)}")
            if existing is not None:
                self._remove(frame, existing)
            return existing is not None, None
        self._check_reference(kind, canonical)
        canonical = self._store_secret(kind, canonical)
        if kind in rules.SEQUENCED_MODES and not canonical[0].isdigit() \
                and not canonical.startswith("remark"):
            if self._unsequenced(frame, canonical) is not None:
                return False, None
            numbers = [int(c.text.split()[0]) for c in _children(self.tree, frame)
                       if c.text[0].isdigit()]
            canonical = f"{max(numbers, default=0) + rules.SEQUENCE_STEP} {canonical}"
        key = command.identity(canonical)
        existing = self._find(frame, key)
        message = None
        if existing is not None and command.merge:
            values = existing.text.split()[1:]
            values += [v for v in canonical.split()[1:] if v not in values]
            new_text = " ".join([canonical.split()[0], *values])
            changed = new_text != existing.text
            existing.text = new_text
        elif existing is not None and command.single:
            changed = existing.text != canonical
            if changed:
                message = self._vrf_side_effect(frame, canonical, existing.text)
                existing.text = canonical
        elif existing is not None:
            changed = False
        else:
            message = self._vrf_side_effect(frame, canonical, None)
            self._add(frame, Node(canonical, key=key))
            changed = True
        return changed, message

    def _negate(self, line: str, frame: _Frame, match: Match) -> Result:
        kind = frame.mode.id
        if match.ok and match.command is not None:
            canonical = canonical_of(match)
            changed, message = self._negate_line(frame, match.command, canonical)
        else:
            # ``no tunnel destination``: every line starting with the words given goes.
            canonical = " ".join(match.words)
            changed, message = False, None
            for child in [c for c in _children(self.tree, frame)
                          if c.text == canonical or c.text.startswith(canonical + " ")]:
                message = self._vrf_side_effect(frame, None, child.text) or message
                self._remove(frame, child)
                changed = True
        if frame.node is not None:
            for default in rules.CREATED_WITH.get(kind, ()):
                if self._find(frame, line_key(kind, default)) is None:
                    frame.node.children.append(Node(default))
        return self._result(line, canonical=canonical, negated=True, changed=changed,
                            message=message)

    def _negate_line(self, frame: _Frame, command: Command,
                     canonical: str) -> tuple[bool, str | None]:
        """``no <complete line>``: a default-on feature is switched off (stored as ``no X``);
        otherwise the same line, or for single-valued commands the line with the same key, is
        removed; for merge lists the values given are removed."""
        key = command.identity(canonical)
        if canonical in rules.DEFAULT_ON.get(frame.mode.id, ()):
            if self._find(frame, f"no {key}") is not None:
                return False, None
            self._add(frame, Node(f"no {canonical}"))
            return True, None
        existing = next((c for c in _children(self.tree, frame) if c.text == canonical), None)
        if existing is None and frame.mode.id in rules.SEQUENCED_MODES:
            existing = self._unsequenced(frame, canonical)
        if existing is None and command.merge:
            existing = self._find(frame, key)
            if existing is None:
                return False, None
            drop = set(canonical.split()[1:])
            values = [v for v in existing.text.split()[1:] if v not in drop]
            if values:
                existing.text = " ".join([existing.text.split()[0], *values])
                return True, None
        elif existing is None and command.single:
            existing = self._find(frame, key)
        if existing is None:
            return False, None
        message = self._vrf_side_effect(frame, None, existing.text)
        self._remove(frame, existing)
        return True, message

    def _unsequenced(self, frame: _Frame, canonical: str) -> Node | None:
        """The numbered entry whose text after its sequence number is ``canonical``."""
        for child in _children(self.tree, frame):
            number, _, rest = child.text.partition(" ")
            if number.isdigit() and rest == canonical:
                return child
        return None

    def _check_reference(self, kind: str, canonical: str) -> None:
        """IOS refuses an interface line naming an IPsec profile or VRF that does not exist."""
        if not kind.startswith("interface"):
            return
        if canonical.startswith("tunnel protection "):
            target, name = "ipsec-profile", canonical.split()[4]
            header = f"crypto ipsec profile {name}"
        elif canonical.startswith(("vrf forwarding ", "ip vrf forwarding ")):
            target, name = "vrf", canonical.rsplit(maxsplit=1)[-1]
            header = (f"vrf definition {name}" if canonical.startswith("vrf ")
                      else f"ip vrf {name}")
        else:
            return
        if name in rules.PREDEFINED_OBJECTS.get(target, ()):
            return
        if self._index().get(header) is None:
            raise _Refused(rules.REFUSE_MISSING_REFERENCE[target].format(name=name))

    def _vrf_side_effect(self, frame: _Frame, new: str | None, old: str | None) -> str | None:
        """IOS removes an interface's addresses when its VRF changes, and says so."""
        if frame.node is None or not frame.mode.id.startswith("interface"):
            return None
        vrf_line = new if new is not None else old
        if vrf_line is None or not vrf_line.startswith(("vrf forwarding ", "ip vrf forwarding ")):
            return None
        removed = [c for c in frame.node.children
                   if c.text.startswith(("ip address ", "ipv6 address "))]
        for child in removed:
            self._remove(frame, child)
        if not removed:
            return None
        name = frame.node.text.split()[1]
        vrf = vrf_line.split()[-1]
        action = "enabling" if new is not None else "removing"
        return rules.MSG_VRF_ADDRESS_REMOVED.format(interface=name, action=action, vrf=vrf)

    def _store_secret(self, kind: str, canonical: str) -> str:
        """Type 0 keys are stored clear; type 6 keys the cipher opens under the master key are
        stored clear (shown re-encrypted); ``secret`` passwords are hashed to type 9 as IOS does."""
        for block, pattern in rules.TYPE6_SECRET_LINES:
            if block != kind:
                continue
            match = re.match(pattern, canonical)
            if match is None:
                continue
            prefix, kind_digit, value = match.groups()
            if kind_digit == "0":
                return f"{prefix} {value}"
            if kind_digit == "6" and self.type6 is not None:
                master = self._master_key()
                clear = self.type6.decrypt(value, master) if master else None
                if clear is not None:
                    return f"{prefix} {clear}"
            return canonical
        for block, pattern in rules.HASHED_SECRET_LINES:
            if block != kind:
                continue
            match = re.match(pattern, canonical)
            if match is not None:
                prefix, kind_digit, value = match.groups()
                if kind_digit in (None, "0"):
                    return f"{prefix} 9 {type9_hash(value)}"
        return canonical

    def _master_key(self) -> str | None:
        node = self._index().get("key config-key password-encrypt")
        return node.text.split()[3] if node is not None else None


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
