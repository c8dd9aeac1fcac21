"""The remediation: the exact config lines that turn a running config into the intended one.

``remediate(running, intended)`` is a pure function of two config texts (a router's ``show
running-config`` and the rendered managed sections). Both are brought to IOS's canonical form
(``flexorch.plan.configs``), so display quirks (hidden defaults, abbreviations, type-7 keys,
section order) are not changes, and compared by ``flexorch.ios.config.compare`` (the comparison
drift reports too); this module orders its changes into IOS lines (``plan_diff``). ``rollback``
is the same view of the reverse comparison.

What is managed:
- every top-level section of the intended config is made equal to the intent (lines added,
  changed, removed inside it);
- a section on the router that the intent lacks is removed only when flexorch owns its kind
  (``flexorch.ios.facts.ownership``: IKEv2/IPsec objects and globals, IPsec tunnels, tunnel virtual
  templates), and never while a section that stays still references it (it is then kept and a
  note says why; what a kept section uses is kept too);
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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from flexorch.ios.cli import MODES, compiled, line_info, tokenize
from flexorch.ios.config import (
    BlockDiff,
    Change,
    ConfigDiff,
    ConfigTree,
    Node,
    OrderedList,
    apply_lines,
    compare,
    in_ordered_list,
    reorder,
)
from flexorch.ios.config.diff import shared_change
from flexorch.ios.facts import ownership as tables
from flexorch.ios.facts.keys import Type6Decrypt
from flexorch.ios.facts.objects import (
    GLOBAL_LINE_WEIGHTS,
    INTERFACE_WEIGHTS,
    NO_BEFORE_REPLACE,
    RECREATE_ON_HEADER_CHANGE,
    negate,
    object_of,
)
from flexorch.plan.configs import canonical_tree

CONFIG = "config"
Line = tuple[int, str]  # (depth, text)


@dataclass(frozen=True, slots=True)
class SectionChange:
    """What the remediation does to one top-level section."""

    section: str
    action: str  # create | modify | recreate | remove
    lines: tuple[str, ...]

    def __reduce__(self) -> tuple[type[SectionChange], tuple[str, str, tuple[str, ...]]]:
        # built again by its class from its fields, not by the generic state of a slotted
        # dataclass: a plan's worker pickles every host's (with ``Remediation``'s: 11.5 -> 6.2
        # us a spoke to pickle, 8.5 -> 4.4 us to load)
        return SectionChange, (self.section, self.action, self.lines)


@dataclass(frozen=True, slots=True)
class Remediation:
    """The ordered lines to send after ``configure terminal`` (sub-mode lines indented one space
    per level), what they do per section, and notes (sections kept although the intent lacks
    them, keys that could not be compared). Secrets are in clear: mask before printing."""

    lines: tuple[str, ...]
    sections: tuple[SectionChange, ...] = ()
    notes: tuple[str, ...] = ()

    def __reduce__(self) -> tuple[type[Remediation], tuple[tuple[str, ...],
                                                          tuple[SectionChange, ...],
                                                          tuple[str, ...]]]:
        # as ``SectionChange.__reduce__``
        return Remediation, (self.lines, self.sections, self.notes)

    @property
    def empty(self) -> bool:
        """True when the router already holds the intended config."""
        return not self.lines


# A section to send: (its weight, negated for a removal; its index among the changes; its
# section change; its lines as sent). A tuple: the order is its first two items.
_Op = tuple[int, int, SectionChange, "_Sent"]


@dataclass(frozen=True, slots=True)
class _Sent:
    """A section's CLI lines as ``emit`` sends them after a line of global config mode (with the
    ``exit`` lines inside the section), and the mode stack they leave."""

    texts: tuple[str, ...]
    modes: tuple[str | None, ...]


@lru_cache(maxsize=20_000)  # pure in the line, and a site's sections repeat
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


def _lines(node: Node, path: tuple[str, ...]) -> list[Line]:
    """``node`` and its subtree as (depth, text), ``node`` under the headers ``path``."""
    out: list[Line] = []
    _walk(node, len(path), out)
    return out


def _walk(node: Node, depth: int, out: list[Line]) -> None:
    # not a closure: a recursive nested function is a reference cycle holding ``out``, which
    # plan (run with the cyclic collector paused) would keep to the end
    out.append((depth, node.text))
    for child in node.children:
        _walk(child, depth + 1, out)


def _both(change: Change) -> tuple[Node, Node]:
    assert change.running is not None and change.intended is not None
    return change.running, change.intended


# --- values of merge lists and ordered lists --------------------------------------------------

def _merge_lines(old: str, new: str, depth: int) -> list[Line]:
    word = new.split(maxsplit=1)[0]
    steps = reorder(old.split()[1:], new.split()[1:])
    adds = [(depth, " ".join([word, *steps.add]))] if steps.add else []
    removes = [(depth, " ".join(["no", word, *steps.remove]))] if steps.remove else []
    return adds + removes if steps.add_first else removes + adds


def _list_lines(lists: Iterable[OrderedList], depth: int) -> list[Line]:
    """Lines leaving each preference list in the intended order."""
    lines: list[Line] = []
    for ordered in lists:
        steps = ordered.steps()
        adds = [(depth, t) for t in steps.add]
        removes = [(depth, negate(t)) for t in steps.remove]
        lines += adds + removes if steps.add_first else removes + adds
    return lines


def _replace(value: str | None, old: str, new: str, depth: int) -> list[Line]:
    """Lines changing one setting's value: a merge list value by value, a line IOS will not
    overwrite removed first, any other line simply sent (IOS replaces a single value)."""
    if value == "merge":
        return _merge_lines(old, new, depth)
    if any(re.match(p, old) for p in NO_BEFORE_REPLACE):
        return [(depth, negate(old)), (depth, new)]
    return [(depth, new)]


def _hits(negation: str, adds: list[Line], depth: int) -> bool:
    """True when ``no X`` would also remove a line being added at ``depth`` (IOS removes every
    line starting with the words given: ``no pre-shared-key`` takes ``pre-shared-key local``
    too); such a removal is sent before the additions."""
    if not negation.startswith("no "):
        return False
    words = negation[3:]
    return any(d == depth and (t == words or t.startswith(words + " ")) for d, t in adds)


def _triggers_reset(mode: str | None, text: str) -> bool:
    return mode is not None and any(
        mode.startswith(block) and re.match(trigger, text)
        for block, trigger, _ in tables.RESETS_ON_CHANGE)


def _resets(mode: str | None, old: list[Node], new: list[Node]) -> tuple[str, ...]:
    """Prefixes of intended lines to re-send because a change in this block makes IOS drop
    them (an interface's addresses when its VRF changes)."""
    if mode is None:
        return ()
    out: list[str] = []
    for block, trigger, dropped in tables.RESETS_ON_CHANGE:
        if not mode.startswith(block):
            continue
        before = {n.text for n in old if re.match(trigger, n.text)}
        after = {n.text for n in new if re.match(trigger, n.text)}
        if before != after:
            out.extend(dropped)
    return tuple(out)


# --- the changes of one block, as lines ------------------------------------------------------

class _Planner:
    def __init__(self) -> None:
        self.notes: list[str] = []

    def block(self, diff: BlockDiff, old: list[Node], new: list[Node]) -> list[Line]:
        """Lines turning children ``old`` into ``new``: removals that must go first, the
        preference lists, additions and changes in intended order, then the other removals."""
        mode, depth = diff.mode, len(diff.path)
        resets = _resets(mode, old, new)
        by_node = {id(c.intended): c for c in diff.changes if c.intended is not None}
        adds: list[Line] = []
        for node in new:
            if in_ordered_list(mode, node.text):
                continue
            if resets and node.text.startswith(resets):
                adds.extend(_lines(node, diff.path))
            elif (change := by_node.get(id(node))) is not None:
                adds.extend(self.change(change))
        first: list[Line] = []
        removes: list[Line] = []
        for change in diff.changes:
            if change.kind != "removed" or change.ordered:
                continue
            if resets and change.text.startswith(resets):
                continue  # IOS removed it already with the VRF change
            line = (depth, negate(change.text))
            if _triggers_reset(mode, change.text) or _hits(line[1], adds, depth):
                first.append(line)
            else:
                removes.append(line)
        return first + _list_lines(diff.lists, depth) + adds + removes

    def change(self, change: Change) -> list[Line]:
        """The lines of one added, changed or uncompared line (removals: ``block``)."""
        if change.kind == "added":
            assert change.intended is not None
            return _lines(change.intended, change.path)
        old, new = _both(change)
        if change.kind == "uncompared":
            where = " > ".join(change.path) or new.text
            self.notes.append(f"{where}: the router shows this key as type 6 ciphertext that "
                              "flexorch cannot decrypt; it was not compared and is not resent")
            return []
        if change.inner is None:
            return _replace(change.value, old.text, new.text, change.depth)
        inner = self.block(change.inner, old.children, new.children)
        if old.text != new.text or inner:
            return [(change.depth, new.text), *inner]
        return []

    def section(self, change: Change) -> tuple[str, list[Line]]:
        """(action, lines) for a top-level section of the intent."""
        if change.kind == "added":
            return "create", self.change(change)
        old, new = _both(change)
        if change.block and old.text != new.text and any(
                re.match(p, new.text) for p in RECREATE_ON_HEADER_CHANGE):
            return "recreate", [(0, negate(old.text)), *_lines(new, ())]
        return "modify", self.change(change)


# --- the whole config -------------------------------------------------------------------------

def _indented(lines: Iterable[Line]) -> tuple[str, ...]:
    return tuple([" " * d + t if d else t for d, t in lines])


# id of a top-level change ``compare`` keeps for its pair of shared blocks
# (``flexorch.ios.config.diff.shared_change``) -> (the change, kept alive so the id is not
# reused; its section; the notes planning it gave; its lines as sent): a pure function of the
# change, and the routers of a site share most of their sections' changes (the generated site:
# 8 of a spoke's 11; ``plan_diff`` of 3,000 spokes first seen 45 -> 37 us a spoke, with the
# sending section by section). Emptied when full.
_SECTIONS: dict[int, tuple[Change, SectionChange, tuple[str, ...], _Sent]] = {}
_SECTIONS_MAX = 20_000


def _section(change: Change) -> tuple[SectionChange, tuple[str, ...], _Sent]:
    """(section change, notes, lines as sent) of a top-level change of the intent."""
    known = _SECTIONS.get(id(change))
    if known is not None:
        return known[1:]
    planner = _Planner()
    action, lines = planner.section(change)
    section = SectionChange(change.text, action, _indented(lines))
    made = (section, tuple(planner.notes), _sent(lines, section.lines))
    if shared_change(change):
        if len(_SECTIONS) >= _SECTIONS_MAX:
            _SECTIONS.clear()
        _SECTIONS[id(change)] = (change, *made)
    return made


def _ops(diff: ConfigDiff, notes: list[str]) -> list[_Op]:
    """The sections created or changed, then the sections removed, each in the order it is
    sent: created in ascending object weight, removed in descending weight (users before what
    they used)."""
    create: list[_Op] = []
    remove: list[_Op] = []
    for index, change in enumerate(diff.changes):
        if change.kind != "removed":
            section, found, sent = _section(change)
            notes.extend(found)
            if section.lines:
                create.append((_weight(change.text), index, section, sent))
    for index, change in enumerate(diff.changes):
        if change.kind != "removed":  # (neither kept nor removable)
            continue
        if change.kept_note is not None:
            notes.append(change.kept_note)
        elif change.removable:
            line = negate(change.text)
            remove.append((-_weight(change.text), index,
                           SectionChange(change.text, "remove", (line,)),
                           _Sent((line,), (CONFIG,))))
    create.sort(key=_order)
    remove.sort(key=_order)
    return create + remove


def _order(op: _Op) -> tuple[int, int]:
    return op[0], op[1]


# pure in (mode, line), and the lines of a site repeat from router to router
@lru_cache(maxsize=100_000)
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
    return _emit(items, [" " * depth + text if depth else text for depth, text in items])


def _emit(items: list[Line], texts: list[str]) -> list[str]:
    """``emit`` of ``items`` whose indented lines are ``texts`` (the same string objects go
    out)."""
    out: list[str] = []
    _emit_into(items, texts, [CONFIG], out)
    return out


def _emit_into(items: Sequence[Line], texts: Sequence[str], stack: list[str | None],
               out: list[str]) -> None:
    """``emit``'s lines for ``items`` into ``out``, from the open modes ``stack`` (global config
    mode first), left as the last line leaves them."""
    last = len(items) - 1
    for index, (depth, text) in enumerate(items):
        if len(stack) - 1 > depth:
            _leave(stack, depth, text, out)
        out.append(texts[index])
        if index < last and items[index + 1][0] > depth:  # ``text`` opens a block
            parent = stack[depth] if depth < len(stack) else None
            info = line_info(parent, text) if parent is not None else None
            # A block the grammar does not know gets an explicit ``exit`` when left.
            stack.append(info.opens if info is not None else None)


def _leave(stack: list[str | None], depth: int, text: str, out: list[str]) -> None:
    """Close the modes of ``stack`` deeper than ``depth`` before ``text`` (at ``depth``), with
    ``exit`` lines when one of them would take ``text`` itself."""
    if any(mode is None or _claims(mode, text) for mode in stack[depth + 1:]):
        out.extend([" " * level + "exit" for level in range(len(stack) - 1, depth, -1)])
    del stack[depth + 1:]


def _sent(lines: Sequence[Line], texts: Sequence[str]) -> _Sent:
    """A section's lines (its first at the top level) as ``emit`` sends them."""
    assert not lines or lines[0][0] == 0  # every section starts with a top-level line
    out: list[str] = []
    stack: list[str | None] = [CONFIG]
    _emit_into(lines, texts, stack, out)
    return _Sent(tuple(out), tuple(stack))


def plan_diff(diff: ConfigDiff) -> Remediation:
    """The remediation of a comparison (``flexorch.ios.config.compare``): its changes ordered
    into IOS lines. Remediation and rollback are this view of one comparison each way.

    Sections are sent one after the other, each starting with a top-level line, so ``emit``
    of all their lines is each section's own (``_Sent``: what comes after a top-level line
    depends on that line alone, and a section's last line opens nothing) with the ``exit``
    lines the previous section's open modes need before it (``_leave``)."""
    notes: list[str] = []
    ops = _ops(diff, notes)
    out: list[str] = []
    modes: tuple[str | None, ...] = (CONFIG,)
    for _, _, section, sent in ops:
        if len(modes) > 1:
            out.extend(_exits(modes, section.lines[0]))
        out.extend(sent.texts)
        modes = sent.modes
    return Remediation(tuple(out), tuple([op[2] for op in ops]), tuple(notes))


# pure in its arguments, and a site's routers send the same sections one after the other
# (4,000 spokes planned: 30.9-31.8 -> 27.2-28.2 us a spoke)
@lru_cache(maxsize=20_000)
def _exits(modes: tuple[str | None, ...], text: str) -> tuple[str, ...]:
    """The ``exit`` lines ``_leave`` sends before top-level line ``text`` from the open modes
    ``modes``."""
    out: list[str] = []
    _leave(list(modes), 0, text, out)
    return tuple(out)


def remediate_trees(running: ConfigTree, intended: ConfigTree) -> Remediation:
    """``remediate`` on canonical trees (``flexorch.plan.configs.canonical_tree``)."""
    return plan_diff(compare(running, intended))


def rollback_trees(running: ConfigTree, intended: ConfigTree) -> Remediation:
    """The lines taking a router that holds ``running`` + ``remediate_trees(running, intended)``
    back to ``running``: the reverse comparison (``ConfigDiff.reverse``), ordered the same way.
    What the remediation created that flexorch does not own (``aaa new-model``) stays."""
    return plan_diff(compare(running, intended).reverse())


def remediate(running: str, intended: str | ConfigTree, *,
              decrypt_type6: Type6Decrypt | None = None) -> Remediation:
    """The ordered remediation from ``running`` (show running-config text) to ``intended``
    (the managed sections as rendered, or their ``ConfigTree.from_rendered`` tree). Pure: no
    I/O. See the module docstring."""
    return remediate_trees(canonical_tree(running, decrypt_type6=decrypt_type6),
                           canonical_tree(intended, decrypt_type6=decrypt_type6))


def rollback(running: str, intended: str, *,
             decrypt_type6: Type6Decrypt | None = None) -> Remediation:
    """``rollback_trees`` on config texts: undoes ``remediate(running, intended)``."""
    return rollback_trees(canonical_tree(running, decrypt_type6=decrypt_type6),
                          canonical_tree(intended, decrypt_type6=decrypt_type6))


def apply_remediation(running: str, lines: Iterable[str]) -> tuple[ConfigTree, list[str]]:
    """The running config after ``lines`` as IOS config mode would apply them (the shared IOS
    engine), and the errors IOS would print. For predictions and plan self-checks."""
    tree = ConfigTree.from_text(running)
    errors = apply_lines(tree, lines)
    return tree, errors
