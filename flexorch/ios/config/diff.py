"""The one comparison of a router's config with the intended one, as typed changes.

``compare(running, intended)`` walks two canonical trees (``normalize_config`` output, as
``flexorch.plan.configs.canonical_tree`` builds them) once. Plan orders its changes into IOS lines
(``flexorch.plan.remediate``), drift reports them (``flexorch.drift.config``), and rollback is the
reverse comparison (``ConfigDiff.reverse``): one comparison and views of it, as hier_config's
``WorkflowRemediation`` has remediation, rollback and difference.

How lines are matched: inside a block of mode M (the top level is ``"config"``), a running and an
intended line are the same setting when their ``setting_key`` is equal (the grammar's identity
key: ``dpd 30 5 on-demand`` and ``dpd 10 3 periodic`` are one setting). A setting only in the
intent is ``added``; only on the router, ``removed``; on both with another text (a block: another
header or other content) ``changed``; a key the router shows as type 6 ciphertext that cannot be
decrypted here ``uncompared``. An added or removed block is one change holding its whole
subtree. Order is not compared, except in the preference lists of
``flexorch.ios.facts.ownership.ORDERED_LISTS`` (the proposals of an IKEv2 policy): their entries
are also added/removed changes (``ordered``), and a block whose list differs in any way carries
an ``OrderedList``.

Top level: every section of the intent is compared. A router section the intent lacks is a
``removed`` change whose ``owned`` says whether flexorch owns its kind
(``flexorch.ios.facts.ownership.owned_section``); for owned ones ``referenced_by`` lists the
sections that stay and still use it (``flexorch.ios.config.refs``). Such a section is
``removable`` (plan removes it, drift reports it extra) exactly when nothing uses it.

Changes hold config text in clear (keys included, to compare them): mask before printing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from flexorch.ios.cli import block_mode, line_info
from flexorch.ios.config.identity import setting_key
from flexorch.ios.config.normalize import is_shared
from flexorch.ios.config.refs import references_from
from flexorch.ios.config.tree import ConfigTree, Node
from flexorch.ios.facts import carries_secret, object_of
from flexorch.ios.facts.ownership import (
    ORDERED_LISTS,
    owned_section,
    type6_unverifiable,
)

CONFIG = "config"
Kind = Literal["added", "removed", "changed", "uncompared"]
Value = Literal["single", "merge", "list"]
Path = tuple[str, ...]

# Mode -> line prefixes of its preference lists, sorted.
_LIST_PREFIXES: dict[str, tuple[str, ...]] = {
    mode: tuple(sorted(p for m, p in ORDERED_LISTS if m == mode)) for mode, _ in ORDERED_LISTS}


@dataclass(frozen=True)
class Reorder:
    """How IOS list ``running`` becomes ``intended`` in order: the longest start of
    ``intended`` that ``running`` holds in that order stays, ``remove`` goes, ``add`` is
    appended. ``add_first``: adding before removing keeps the list non-empty, safe only when no
    value is both removed and re-added."""

    remove: tuple[str, ...]
    add: tuple[str, ...]
    add_first: bool


def reorder(running: Sequence[str], intended: Sequence[str]) -> Reorder:
    """The ordered-list routine: values of a preference list (policy proposals) or of a merge
    line (``group 21 20``) to remove and to add so the list ends as ``intended``, in order.
    Values that stay are never removed and added again (a policy dropping its first proposal
    keeps the second throughout: a make-before-break cleanup never empties the list).

    >>> reorder(["a", "b", "c"], ["a", "c"])
    Reorder(remove=('b',), add=(), add_first=True)
    >>> reorder(["old", "new"], ["new"])
    Reorder(remove=('old',), add=(), add_first=True)
    """
    k = 0
    for value in running:  # IOS appends: what stays must already be in the intended order
        if k < len(intended) and value == intended[k]:
            k += 1
    kept = set(intended[:k])
    remove, add = tuple(v for v in running if v not in kept), tuple(intended[k:])
    return Reorder(remove, add, not set(remove) & set(add))


@dataclass(frozen=True)
class OrderedList:
    """A preference list of one block (lines starting with ``prefix``) that differs."""

    path: Path
    mode: str
    prefix: str
    running: tuple[str, ...]
    intended: tuple[str, ...]

    def steps(self) -> Reorder:
        """The lines to remove and add (``reorder``)."""
        return reorder(self.running, self.intended)

    def common_order(self) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
        """(running, intended) order of the entries both sides have, when it differs; None when
        only entries are missing or extra (those are ``added``/``removed`` changes)."""
        common = set(self.running) & set(self.intended)
        old = tuple(t for t in self.running if t in common)
        new = tuple(t for t in self.intended if t in common)
        return None if old == new else (old, new)


@dataclass(frozen=True)
class BlockDiff:
    """The differences among the children of one block (mode ``mode``, headers ``path``)."""

    mode: str | None
    path: Path
    changes: tuple[Change, ...]
    lists: tuple[OrderedList, ...] = ()

    @property
    def empty(self) -> bool:
        """True when nothing inside differs."""
        return not self.changes and not self.lists


@dataclass(frozen=True)
class Change:
    """One difference at one line of the tree.

    ``path``: the headers of the blocks holding the line, from the top (intended spelling);
    ``mode``: the config mode the line is in (None inside a block the grammar does not know);
    ``running``/``intended``: the line with its subtree on each side (None where absent);
    ``block``: the line heads a block; ``inner``: for a block on both sides, what differs in it;
    ``owned``: flexorch owns the top-level section the line is in; ``value``: the grammar's
    answer for the line (a ``single`` value replaced by the next, a ``merge`` list on one line,
    or one entry of a ``list``; None when unknown); ``secret``: the line carries a secret;
    ``ordered``: an entry of a preference list; ``referenced_by``: for an owned section the
    intent lacks, the headers of the sections that stay and use it.
    """

    kind: Kind
    path: Path
    mode: str | None
    running: Node | None
    intended: Node | None
    block: bool
    owned: bool
    value: Value | None
    secret: bool
    ordered: bool
    referenced_by: tuple[str, ...] = ()
    inner: BlockDiff | None = None

    @property
    def text(self) -> str:
        """The line: intended text where the intent has it, the router's otherwise."""
        node = self.intended or self.running
        assert node is not None
        return node.text

    @property
    def depth(self) -> int:
        """Nesting level of the line (0 at the top)."""
        return len(self.path)

    @property
    def removable(self) -> bool:
        """An owned section the intent lacks that nothing staying uses: plan removes it."""
        return self.kind == "removed" and self.owned and not self.referenced_by

    @property
    def kept_note(self) -> str | None:
        """Why an owned section the intent lacks stays on the router, or None."""
        if self.kind != "removed" or not self.owned or not self.referenced_by:
            return None
        return f"{self.text}: kept, still used by {self.referenced_by[0]!r}"


@dataclass(frozen=True)
class ConfigDiff:
    """Every top-level change from ``running`` to ``intended`` (intent order, then the router's
    sections the intent lacks in the router's order), and the trees compared."""

    running: ConfigTree
    intended: ConfigTree
    changes: tuple[Change, ...]

    def walk(self) -> Iterator[Change]:
        """Every change, depth first (a changed block before the changes inside it)."""
        stack = list(reversed(self.changes))
        while stack:
            change = stack.pop()
            yield change
            if change.inner is not None:
                stack.extend(reversed(change.inner.changes))

    def reverse(self) -> ConfigDiff:
        """The rollback comparison: from the intended config back to the running one, over what
        this comparison touches (the running sections the intent names, and those it removes);
        router sections it leaves alone are not part of it."""
        wanted = {setting_key(CONFIG, n.text) for n in self.intended.roots}
        removed = {id(c.running) for c in self.changes if c.removable}
        scope = [n for n in self.running.roots
                 if id(n) in removed or setting_key(CONFIG, n.text) in wanted]
        return compare(self.intended, ConfigTree(scope))


def subtree(node: Node, path: Path = ()) -> Iterator[tuple[Path, Node]]:
    """``node`` and every line under it, each with the headers above it (``path`` first)."""
    yield path, node
    inner = (*path, node.text)
    for child in node.children:
        yield from subtree(child, inner)


def in_ordered_list(mode: str | None, text: str) -> bool:
    """True when ``text`` is an entry of a preference list of a block of ``mode``."""
    return mode is not None and text.startswith(_LIST_PREFIXES.get(mode, ()))


def compare(running: ConfigTree, intended: ConfigTree) -> ConfigDiff:
    """The typed changes from ``running`` to ``intended`` (both canonical). See the module doc."""
    running_keys = [setting_key(CONFIG, n.text) for n in running.roots]
    old_by_key: dict[str, Node] = {}
    for key, node in zip(running_keys, running.roots, strict=True):
        old_by_key.setdefault(key, node)
    wanted: set[str] = set()
    changes: list[Change] = []
    for node in intended.roots:
        key = setting_key(CONFIG, node.text)
        wanted.add(key)
        change = _top_pair(old_by_key.get(key), node)
        if change is not None:
            changes.append(change)
    unwanted = [n for k, n in zip(running_keys, running.roots, strict=True) if k not in wanted]
    changes.extend(_unwanted(unwanted, intended.roots))
    return ConfigDiff(running, intended, tuple(changes))


# (id of the router's block, 0 when it lacks it; id of the intended block) -> (their change, or
# None, and the two blocks, kept alive so the ids are not reused) for blocks of canonical trees
# (``normalize.is_shared``): the comparison of two top-level blocks is a pure function of them,
# and a site's routers share most of theirs (the generated site: 8 of a spoke's 11 intended
# sections are the same objects; ``compare`` of 3,000 spokes first seen 65 -> 47 us a spoke).
# Emptied when full.
_TOP_PAIRS: dict[tuple[int, int], tuple[Change | None, Node | None, Node]] = {}
_TOP_PAIRS_MAX = 20_000


def _top_pair(old: Node | None, new: Node) -> Change | None:
    """``_pair`` of a top-level block of the intent and the router's block with its key."""
    if not is_shared(new) or (old is not None and not is_shared(old)):
        return _pair(CONFIG, (), old, new, _owned(old or new))
    key = (0 if old is None else id(old), id(new))
    known = _TOP_PAIRS.get(key)
    if known is None:
        if len(_TOP_PAIRS) >= _TOP_PAIRS_MAX:
            _TOP_PAIRS.clear()
        known = _TOP_PAIRS[key] = (_pair(CONFIG, (), old, new, _owned(old or new)), old, new)
    return known[0]


def shared_change(change: Change) -> bool:
    """True when ``change`` is the one ``compare`` keeps for its pair of shared top-level blocks
    (``_TOP_PAIRS``): one immutable object, met again in other comparisons, so what is derived
    from it alone (the lines planning it) may be kept with it."""
    if change.intended is None:
        return False
    running = change.running
    known = _TOP_PAIRS.get((0 if running is None else id(running), id(change.intended)))
    return known is not None and known[0] is change


# --- the walk ---------------------------------------------------------------------------------

def _owned(node: Node) -> bool:
    return owned_section(node.text, [c.text for c in node.children])


def _is_block(mode: str | None, old: Node | None, new: Node) -> bool:
    return bool(new.children or (old is not None and old.children)
                or (mode is not None and block_mode(mode, new.text)))


def _pair(mode: str | None, path: Path, old: Node | None, new: Node,
          owned: bool) -> Change | None:
    """The change from ``old`` (None: the router lacks the setting) to ``new``, or None."""
    if old is None:
        return _change("added", mode, path, None, new, owned, _is_block(mode, None, new))
    if _is_block(mode, old, new):
        sub = block_mode(mode, new.text) if mode is not None else None
        inner = _block(sub, (*path, new.text), old.children, new.children, owned)
        if old.text == new.text and inner.empty:
            return None
        return _change("changed", mode, path, old, new, owned, True, inner)
    if old.text == new.text:
        return None
    uncompared = mode is not None and type6_unverifiable(mode, old.text, new.text)
    return _change("uncompared" if uncompared else "changed", mode, path, old, new, owned, False)


def _block(mode: str | None, path: Path, old: list[Node], new: list[Node],
           owned: bool) -> BlockDiff:
    old_keys = [setting_key(mode, n.text) for n in old]
    old_by_key: dict[str, Node] = {}
    for key, node in zip(old_keys, old, strict=True):
        old_by_key.setdefault(key, node)
    new_keys: set[str] = set()
    changes: list[Change] = []
    for node in new:
        key = setting_key(mode, node.text)
        new_keys.add(key)
        change = _pair(mode, path, old_by_key.get(key), node, owned)
        if change is not None:
            changes.append(change)
    for key, node in zip(old_keys, old, strict=True):
        if key not in new_keys:
            block = bool(node.children) or (mode is not None and bool(block_mode(mode, node.text)))
            changes.append(_change("removed", mode, path, node, None, owned, block))
    return BlockDiff(mode, path, tuple(changes), _lists(mode, path, old, new))


def _lists(mode: str | None, path: Path, old: list[Node], new: list[Node]
           ) -> tuple[OrderedList, ...]:
    out = []
    for prefix in _LIST_PREFIXES.get(mode or "", ()):
        before = tuple(n.text for n in old if n.text.startswith(prefix))
        after = tuple(n.text for n in new if n.text.startswith(prefix))
        if before != after:
            assert mode is not None
            out.append(OrderedList(path, mode, prefix, before, after))
    return tuple(out)


@lru_cache(maxsize=20_000)  # the same lines change on router after router
def _carries_secret(text: str) -> bool:
    return carries_secret(text)


def _change(kind: Kind, mode: str | None, path: Path, old: Node | None, new: Node | None,
            owned: bool, block: bool, inner: BlockDiff | None = None,
            referenced_by: tuple[str, ...] = ()) -> Change:
    node = new or old
    assert node is not None
    text = node.text
    info = line_info(mode, text) if mode is not None else None
    value: Value | None = None
    if info is not None:
        value = "merge" if info.merge else "single" if info.single else "list"
    secret = (old is not None and _carries_secret(old.text)) or (
        new is not None and _carries_secret(new.text))
    return Change(kind, path, mode, old, new, block, owned, value, secret,
                  in_ordered_list(mode, text), referenced_by, inner)


# --- router sections the intent lacks -------------------------------------------------------

def _unwanted(unwanted: list[Node], intended: list[Node]) -> Iterator[Change]:
    """A ``removed`` change per router section the intent lacks; owned ones say who uses them
    among the sections that stay (the intent's, the router's others, and owned ones kept
    because something staying uses them: what a kept section uses stays too)."""
    going = [n for n in unwanted if _owned(n)]
    users: dict[int, tuple[str, ...]] = {}
    while going:
        kept = {id(n) for n in going} - users.keys()
        staying = [*intended, *(n for n in unwanted if id(n) not in kept)]
        used = _referenced(staying)
        found = {id(n): who for n in going if id(n) in kept and (who := _users(n, used, staying))}
        if not found:
            break
        users.update(found)
    owned = {id(n) for n in going}
    for node in unwanted:
        yield _removed(node, id(node) in owned, users.get(id(node), ()))


# (id of a router's top-level block, who uses it) -> (its ``removed`` change, the block, kept
# alive so the id is not reused) for blocks of canonical trees (``normalize.is_shared``): the
# change is a pure function of the block and its users (a router's sections the intent lacks,
# its name, users, lines, repeat from router to router: ``compare`` of 2,000 spokes warm
# 23.7-24.2 -> 18.3 us; first seen, where the generated site repeats 1 of a spoke's 3, no
# change). Emptied when full.
_REMOVED: dict[tuple[int, tuple[str, ...]], tuple[Change, Node]] = {}


def _removed(node: Node, owned: bool, referenced_by: tuple[str, ...]) -> Change:
    """The ``removed`` change of a router's top-level block the intent lacks (``owned``:
    ``_owned(node)``)."""
    shared = is_shared(node)
    if shared:
        known = _REMOVED.get((id(node), referenced_by))
        if known is not None:
            return known[0]
    block = bool(node.children) or bool(block_mode(CONFIG, node.text))
    change = _change("removed", CONFIG, (), node, None, owned, block,
                     referenced_by=referenced_by)
    if shared:
        if len(_REMOVED) >= _TOP_PAIRS_MAX:
            _REMOVED.clear()
        _REMOVED[(id(node), referenced_by)] = (change, node)
    return change


def _users(node: Node, used: dict[tuple[str, str], tuple[str, ...]],
           staying: list[Node]) -> tuple[str, ...]:
    """Headers of the staying sections that use the object ``node`` defines."""
    found = object_of(node.text)
    if found is None:
        return ()
    return used.get((found[0].kind, found[1])) or _mentioned_by_unknown(staying, found[1])


def _referenced(nodes: Iterable[Node]) -> dict[tuple[str, str], tuple[str, ...]]:
    """(target kind, name) -> headers of the sections among ``nodes`` referencing it."""
    out: dict[tuple[str, str], tuple[str, ...]] = {}
    for node in nodes:
        found = object_of(node.text)
        if found is None:
            continue
        for ref, target in references_from(found[0].kind, node):
            users = out.get((ref.target, target), ())
            if node.text not in users:
                out[(ref.target, target)] = (*users, node.text)
    return out


def _mentioned_by_unknown(nodes: Iterable[Node], name: str) -> tuple[str, ...]:
    """Sections the grammar does not know (crypto maps, DMVPN, ...) naming ``name`` as a word:
    flexorch cannot tell whether it is a reference, so the object is kept."""
    word = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
    return tuple(node.text for node in nodes if line_info(CONFIG, node.text) is None
                 and any(word.search(child.text) for _, child in node.walk()))
