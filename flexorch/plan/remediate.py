"""The remediation: the exact config lines that turn a running config into the intended one.

``remediate(running, intended)`` is a pure function of two config texts (a router's ``show
running-config`` and the rendered managed sections). Both are parsed with ciscoconfparse2 and
brought to IOS's canonical form (``flexorch.plan.configs``), so display quirks (hidden defaults,
abbreviations, type-7 keys, section order) are not changes.

What is managed:
- every top-level section of the intended config is made equal to the intent (lines added,
  changed, removed inside it);
- a section on the router that the intent lacks is removed only when flexorch owns its kind
  (``flexorch.ios.facts.ownership``: IKEv2/IPsec objects and globals, IPsec tunnels, tunnel virtual
  templates), and never while a section that stays still references it (it is then kept and a
  note says why);
- everything else on the router is left alone.

Order (dependency order, from the platform tables): first every created or changed section in
ascending object weight (referenced objects before the objects that reference them: proposal
before policy, keyring before profile, IPsec profile before tunnel), so references are re-pointed
to objects that already exist; then every removed section in descending weight (users before the
objects they used). Single-valued commands are replaced by sending the new line (no ``no``); the
lines IOS will not overwrite get their ``no`` first; blocks are removed whole; list values whose
order is a preference (IKEv2 proposal transforms, policy proposals) end in the intended order.
An ``exit`` is inserted only where the next line would otherwise be taken by the sub-mode.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from flexorch.ios.cli import MODES, compiled, tokenize
from flexorch.ios.config import ConfigTree, Node, references_from
from flexorch.ios.config.engine import apply_lines, block_mode, line_info
from flexorch.ios.facts import ownership as tables
from flexorch.ios.facts.objects import (
    GLOBAL_LINE_WEIGHTS,
    INTERFACE_WEIGHTS,
    NO_BEFORE_REPLACE,
    RECREATE_ON_HEADER_CHANGE,
    negate,
    object_of,
)
from flexorch.ios.facts.ownership import setting_key, type6_unverifiable
from flexorch.plan.configs import canonical_tree, parse_tree

CONFIG = "config"
Line = tuple[int, str]  # (depth, text)


@dataclass(frozen=True)
class SectionChange:
    """What the remediation does to one top-level section."""

    section: str
    action: str  # create | modify | recreate | remove
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Remediation:
    """The ordered lines to send after ``configure terminal`` (sub-mode lines indented one space
    per level), what they do per section, and notes (sections kept although the intent lacks
    them, keys that could not be compared). Secrets are in clear: mask before printing."""

    lines: tuple[str, ...]
    sections: tuple[SectionChange, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """True when the router already holds the intended config."""
        return not self.lines


@dataclass
class _Op:
    section: str
    action: str
    weight: int
    index: int
    lines: list[Line] = field(default_factory=list)


# --- keys and weights -----------------------------------------------------------------------------

def _weight(text: str) -> int:
    found = object_of(text)
    if found is not None:
        kind, name = found
        if kind.kind == "interface":
            itype = re.sub(r"[\d/.:]+$", "", name)
            return INTERFACE_WEIGHTS.get(itype, tables.DEFAULT_INTERFACE_WEIGHT)
        return kind.weight
    for prefix, weight in GLOBAL_LINE_WEIGHTS:
        if text.startswith(prefix):
            return weight
    return tables.DEFAULT_GLOBAL_WEIGHT


def _owned(node: Node) -> bool:
    text = node.text
    if text.startswith("interface "):
        return tables.owned_interface(text, [c.text for c in node.children])
    found = object_of(text)
    if found is not None:
        return found[0].kind in tables.OWNED_OBJECT_KINDS
    return not node.children and text.startswith(tables.OWNED_GLOBAL_PREFIXES)


def _subtree(node: Node, depth: int) -> list[Line]:
    out: list[Line] = [(depth, node.text)]
    for child in node.children:
        out.extend(_subtree(child, depth + 1))
    return out


# --- secrets the router shows encrypted -------------------------------------------------------

# --- values of merge lists and ordered lists --------------------------------------------------

def _reorder(old: list[str], new: list[str]) -> tuple[list[str], list[str], bool]:
    """(values to remove, values to add, add first?) turning list ``old`` into ``new`` in order:
    the common prefix stays. Adding first keeps the list non-empty; it is only safe when no
    value is both removed and re-added."""
    k = 0
    while k < min(len(old), len(new)) and old[k] == new[k]:
        k += 1
    remove, add = old[k:], new[k:]
    return remove, add, not set(remove) & set(add)


def _merge_lines(old: str, new: str, depth: int) -> list[Line]:
    word = new.split(maxsplit=1)[0]
    remove, add, add_first = _reorder(old.split()[1:], new.split()[1:])
    adds = [(depth, " ".join([word, *add]))] if add else []
    removes = [(depth, " ".join(["no", word, *remove]))] if remove else []
    return adds + removes if add_first else removes + adds


def _hits(negation: str, adds: list[Line], depth: int) -> bool:
    """True when ``no X`` would also remove a line being added at ``depth`` (IOS removes every
    line starting with the words given: ``no pre-shared-key`` takes ``pre-shared-key local``
    too); such a removal is sent before the additions."""
    if not negation.startswith("no "):
        return False
    words = negation[3:]
    return any(d == depth and (t == words or t.startswith(words + " ")) for d, t in adds)


# --- one block's children ---------------------------------------------------------------------

class _Differ:
    def __init__(self) -> None:
        self.notes: list[str] = []

    def block(self, kind: str | None, path: str, old: list[Node], new: list[Node],
              depth: int) -> list[Line]:
        """Lines turning children ``old`` into ``new`` inside a block of ``kind``."""
        old_by_key: dict[str, Node] = {}
        for node in old:
            old_by_key.setdefault(setting_key(kind, node.text), node)
        new_keys = {setting_key(kind, n.text) for n in new}
        resets = self._resets(kind, old, new)
        first: list[Line] = []
        adds: list[Line] = []
        removes: list[Line] = []
        ordered = self._ordered(kind, old, new, depth)
        handled = {id(n) for n in ordered[0]}
        for node in new:
            if id(node) in handled:
                continue
            key = setting_key(kind, node.text)
            match = old_by_key.get(key)
            if match is None or (resets and node.text.startswith(resets)):
                adds.extend(_subtree(node, depth))
            elif node.children or match.children or (
                    kind is not None and block_mode(kind, node.text)):
                adds.extend(self._nested(kind, path, match, node, depth))
            elif match.text != node.text:
                adds.extend(self._changed(kind, path, match.text, node.text, depth))
        for node in old:
            if id(node) in handled:
                continue
            if setting_key(kind, node.text) in new_keys:
                continue
            if resets and node.text.startswith(resets):
                continue  # IOS removed it already with the VRF change
            line = (depth, negate(node.text))
            if self._triggers_reset(kind, node.text) or _hits(line[1], adds, depth):
                first.append(line)
            else:
                removes.append(line)
        return first + ordered[1] + adds + removes

    def _nested(self, kind: str | None, path: str, old: Node, new: Node,
                depth: int) -> list[Line]:
        sub = block_mode(kind, new.text) if kind is not None else None
        inner = self.block(sub, f"{path} > {new.text}", old.children, new.children, depth + 1)
        if old.text != new.text or inner:
            return [(depth, new.text), *inner]
        return []

    def _changed(self, kind: str | None, path: str, old: str, new: str,
                 depth: int) -> list[Line]:
        if kind is not None and type6_unverifiable(kind, old, new):
            self.notes.append(f"{path}: the router shows this key as type 6 ciphertext that "
                              "flexorch cannot decrypt; it was not compared and is not resent")
            return []
        info = line_info(kind, new) if kind is not None else None
        if info is not None and info.merge:
            return _merge_lines(old, new, depth)
        if any(re.match(p, old) for p in NO_BEFORE_REPLACE):
            return [(depth, negate(old)), (depth, new)]
        return [(depth, new)]

    @staticmethod
    def _triggers_reset(kind: str | None, text: str) -> bool:
        return kind is not None and any(
            kind.startswith(block) and re.match(trigger, text)
            for block, trigger, _ in tables.RESETS_ON_CHANGE)

    def _resets(self, kind: str | None, old: list[Node], new: list[Node]) -> tuple[str, ...]:
        """Prefixes of intended lines to re-send because a change in this block makes IOS drop
        them (an interface's addresses when its VRF changes)."""
        if kind is None:
            return ()
        out: list[str] = []
        for block, trigger, dropped in tables.RESETS_ON_CHANGE:
            if not kind.startswith(block):
                continue
            before = {n.text for n in old if re.match(trigger, n.text)}
            after = {n.text for n in new if re.match(trigger, n.text)}
            if before != after:
                out.extend(dropped)
        return tuple(out)

    @staticmethod
    def _ordered(kind: str | None, old: list[Node], new: list[Node],
                 depth: int) -> tuple[list[Node], list[Line]]:
        """Nodes of preference-ordered lists (handled here) and the lines that order them."""
        handled: list[Node] = []
        lines: list[Line] = []
        for block, prefix in tables.ORDERED_LISTS:
            if kind != block:
                continue
            old_list = [n for n in old if n.text.startswith(prefix)]
            new_list = [n for n in new if n.text.startswith(prefix)]
            handled += old_list + new_list
            remove, add, add_first = _reorder([n.text for n in old_list],
                                              [n.text for n in new_list])
            adds = [(depth, t) for t in add]
            removes = [(depth, negate(t)) for t in remove]
            lines += adds + removes if add_first else removes + adds
        return handled, lines


# --- the whole config -------------------------------------------------------------------------

def _section_ops(running: ConfigTree, intended: ConfigTree, differ: _Differ) -> list[_Op]:
    old_by_key: dict[str, Node] = {}
    for node in running.roots:
        old_by_key.setdefault(setting_key(CONFIG, node.text), node)
    ops: list[_Op] = []
    for index, node in enumerate(intended.roots):
        old = old_by_key.get(setting_key(CONFIG, node.text))
        weight = _weight(node.text)
        if old is None:
            ops.append(_Op(node.text, "create", weight, index, _subtree(node, 0)))
            continue
        is_block = bool(node.children or old.children or block_mode(CONFIG, node.text))
        if is_block and old.text != node.text and any(
                re.match(p, node.text) for p in RECREATE_ON_HEADER_CHANGE):
            lines = [(0, negate(old.text)), *_subtree(node, 0)]
            ops.append(_Op(node.text, "recreate", weight, index, lines))
        elif is_block:
            lines = differ._nested(CONFIG, node.text, old, node, 0)
            if lines:
                ops.append(_Op(node.text, "modify", weight, index, lines))
        elif old.text != node.text:
            lines = differ._changed(CONFIG, node.text, old.text, node.text, 0)
            if lines:
                ops.append(_Op(node.text, "modify", weight, index, lines))
    return ops


def _removals(running: ConfigTree, intended: ConfigTree, differ: _Differ) -> list[_Op]:
    wanted = {setting_key(CONFIG, n.text) for n in intended.roots}
    candidates = [n for n in running.roots
                  if setting_key(CONFIG, n.text) not in wanted and _owned(n)]
    going = {id(n) for n in candidates}
    staying = list(intended.roots) + [
        n for n in running.roots
        if setting_key(CONFIG, n.text) not in wanted and id(n) not in going]
    used = _referenced(staying)
    ops: list[_Op] = []
    for index, node in enumerate(running.roots):
        if id(node) not in going:
            continue
        found = object_of(node.text)
        user = None
        if found is not None:
            user = used.get((found[0].kind, found[1])) or _mentioned_by_unknown(staying, found[1])
        if user is not None:
            differ.notes.append(f"{node.text}: kept, still used by {user!r}")
            continue
        ops.append(_Op(node.text, "remove", _weight(node.text), index,
                       [(0, negate(node.text))]))
    return ops


def _referenced(nodes: Iterable[Node]) -> dict[tuple[str, str], str]:
    """(target kind, name) -> header of a section referencing it, for the sections given."""
    out: dict[tuple[str, str], str] = {}
    for node in nodes:
        found = object_of(node.text)
        if found is None:
            continue
        for ref, target in references_from(found[0].kind, node):
            out.setdefault((ref.target, target), node.text)
    return out


def _mentioned_by_unknown(nodes: Iterable[Node], name: str) -> str | None:
    """A section the grammar does not know (crypto maps, DMVPN, ...) naming ``name`` as a word:
    flexorch cannot tell whether it is a reference, so the object is kept."""
    word = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
    for node in nodes:
        if line_info(CONFIG, node.text) is not None:
            continue
        for _, child in node.walk():
            if word.search(child.text):
                return node.text
    return None


def _claims(mode: str, text: str) -> bool:
    """True when config mode ``mode`` would take ``text`` itself (IOS tries the current
    sub-mode before leaving it)."""
    tokens = tokenize(text)
    negated = len(tokens) > 1 and tokens[0].text.lower() in ("no", "default")
    found = compiled(MODES[mode]).match(tokens[1 if negated else 0:])
    return found.ok or (negated and found.status == "incomplete" and found.consumed > 0)


def emit(lines: Iterable[Line]) -> list[str]:
    """Indented CLI lines, with ``exit`` where a line would otherwise land in a sub-mode."""
    items = list(lines)
    out: list[str] = []
    stack: list[str | None] = [CONFIG]
    for index, (depth, text) in enumerate(items):
        if len(stack) - 1 > depth:
            deeper = stack[depth + 1:]
            if any(mode is None or _claims(mode, text) for mode in deeper):
                for level in range(len(stack) - 1, depth, -1):
                    out.append(" " * level + "exit")
            del stack[depth + 1:]
        out.append(" " * depth + text)
        opens_block = index + 1 < len(items) and items[index + 1][0] > depth
        if opens_block:
            parent = stack[depth] if depth < len(stack) else None
            info = line_info(parent, text) if parent is not None else None
            # A block the grammar does not know gets an explicit ``exit`` when left.
            stack.append(info.opens if info is not None else None)
    return out


def remediate_trees(running: ConfigTree, intended: ConfigTree) -> Remediation:
    """``remediate`` on canonical trees (``flexorch.plan.configs.canonical_tree``)."""
    differ = _Differ()
    create = sorted(_section_ops(running, intended, differ), key=lambda o: (o.weight, o.index))
    remove = sorted(_removals(running, intended, differ), key=lambda o: (-o.weight, o.index))
    lines: list[Line] = []
    sections = []
    for op in [*create, *remove]:
        lines.extend(op.lines)
        sections.append(SectionChange(op.section, op.action,
                                      tuple(" " * d + t for d, t in op.lines)))
    return Remediation(tuple(emit(lines)), tuple(sections), tuple(differ.notes))


def remediate(running: str, intended: str, *, master_key: str | None = None) -> Remediation:
    """The ordered remediation from ``running`` (show running-config text) to ``intended``
    (the managed sections as rendered). Pure: no I/O. See the module docstring."""
    return remediate_trees(canonical_tree(running, master_key=master_key),
                           canonical_tree(intended, master_key=master_key))


def apply_remediation(running: str, lines: Iterable[str]) -> tuple[ConfigTree, list[str]]:
    """The running config after ``lines`` as IOS config mode would apply them (the shared IOS
    engine), and the errors IOS would print. For predictions and plan self-checks."""
    tree = parse_tree(running)
    errors = apply_lines(tree, lines)
    return tree, errors
