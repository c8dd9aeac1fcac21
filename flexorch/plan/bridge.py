"""The bridge config of a router: the intended config that still accepts peers not moved yet.

A hub is pushed before its spokes. When the change spans both ends (a new IKEv2 proposal, a new
transform set, a new spoke identity), the hub first takes its *bridge*: the intended config
with the old alternatives kept beside the new ones (``flexorch.ios.facts.transitions``:
a policy listing the new and the old proposal, an IPsec profile with both transform sets, a
keyring peer with both identities, the keyring peers of removed spokes), and the objects those
alternatives name. Spokes then move one batch at a time, each tunnel up throughout; once every
spoke has moved the hub drops the old alternatives (the cleanup phase).

Keyring peer blocks (``PER_PEER_BLOCKS``) are different: a changed pre-shared key has no
alternative, so the bridge *holds* the block as it is on the router (its identities widened)
and ``Bridge.target(released)`` releases it in the wave of the peer it authenticates.

Pure functions on canonical trees (``flexorch.plan.configs.canonical_tree``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from flexorch.ios.cli import block_mode, line_info
from flexorch.ios.config import ConfigTree, Node, users_of
from flexorch.ios.facts import object_of
from flexorch.ios.facts.ownership import owned_section
from flexorch.ios.facts.transitions import Alternatives, alternatives_in, is_per_peer_block

CONFIG = "config"


@dataclass
class HeldBlock:
    """A per-peer block the bridge keeps as the router has it, until its peer's wave."""

    path: tuple[str, str]  # (top-level header, sub-block header): the keyring and its peer
    held: Node  # the block in the bridge (router's keys, identities widened)
    released: Node  # the block once released (intended keys, identities widened)


@dataclass
class Bridge:
    """The bridge of one router (``tree``: every held block held) and how to release blocks."""

    tree: ConfigTree
    held: dict[tuple[str, str], HeldBlock] = field(default_factory=dict)

    def target(self, released: Iterable[tuple[str, str]] = ()) -> ConfigTree:
        """The bridge with the held blocks of ``released`` in their intended form."""
        out = self.tree.copy()
        for path in released:
            block = self.held.get(path)
            if block is None:
                continue
            top = out.get(path[0])
            assert top is not None, path
            top.children = [_copy(block.released) if c.text == path[1] else c
                            for c in top.children]
        return out


def bridge_tree(running: ConfigTree, intended: ConfigTree) -> Bridge:
    """The bridge from ``running`` (the router's canonical config) to ``intended`` (canonical
    managed sections). Equal to ``intended`` (no held block) when the change needs no bridge."""
    out = intended.copy()
    held: dict[tuple[str, str], HeldBlock] = {}
    ours = {_identity(n.text): n for n in running.roots}
    for node in out.roots:
        theirs = ours.get(_identity(node.text))
        mode = block_mode(CONFIG, node.text)
        if theirs is None or mode is None or not node.children:
            continue
        _widen(mode, theirs, node)
        for index, child in enumerate(node.children):
            if not (child.children and is_per_peer_block(mode, child.text)):
                continue
            before = next((c for c in theirs.children if c.text == child.text), None)
            if before is None:
                continue
            kept = _held_block(block_mode(mode, child.text) or "", before, child)
            if kept is not None:
                node.children[index] = kept
                held[(node.text, child.text)] = HeldBlock((node.text, child.text), kept, child)
    _keep_named(running, out)
    return Bridge(out, held)


def _identity(text: str) -> str:
    """What makes two top-level lines the same object (kind and name), else the line."""
    found = object_of(text)
    return f"{found[0].kind} {found[1]}" if found is not None else text


def _matches(text: str, command: str) -> bool:
    return text == command or text.startswith(command + " ")


def _widen(mode: str, running: Node, node: Node) -> None:
    """Add to ``node`` (intended, modified in place) the alternatives ``running`` has that it
    lacks, new ones first; then the same in every sub-block both have."""
    for row in alternatives_in(mode):
        _widen_row(row, running, node)
    for child in node.children:
        if not child.children:
            continue
        sub = next((c for c in running.children if c.text == child.text), None)
        sub_mode = block_mode(mode, child.text)
        if sub is not None and sub_mode is not None:
            _widen(sub_mode, sub, child)


def _widen_row(row: Alternatives, running: Node, node: Node) -> None:
    """The router's alternatives first, in its order, then the new ones: the bridge push only
    adds (a responder takes any alternative; an initiator keeps its preference until the
    cleanup sets the intended order)."""
    mine = [c for c in node.children if _matches(c.text, row.command)]
    theirs = [c for c in running.children if _matches(c.text, row.command)
              and bool(c.children) == (row.form == "blocks")]
    if row.form == "values":
        if len(mine) == 1 and len(theirs) == 1 and mine[0].text != theirs[0].text:
            words = theirs[0].text.split()
            new = mine[0].text.split()[len(row.command.split()):]
            mine[0].text = " ".join(words + [w for w in new if w not in words])
        return
    if not theirs or {c.text for c in theirs} <= {c.text for c in mine}:
        return
    known = {c.text for c in theirs}
    members = [_copy(c) for c in theirs] + [c for c in mine if c.text not in known]
    at = node.children.index(mine[0]) if mine else len(node.children)
    rest = [c for c in node.children if c not in mine]
    node.children[:] = rest[:at] + members + rest[at:]


def _held_block(mode: str, running: Node, released: Node) -> Node | None:
    """``released`` with the single-valued lines (keys, address) of ``running``: what the
    router authenticates its peer with until the peer moves. None when they are the same."""
    single = {}
    for child in running.children:
        info = line_info(mode, child.text)
        if info is not None and info.single and not child.children:
            single[info.key] = child
    out: list[Node] = []
    seen: set[str] = set()
    for child in released.children:
        info = line_info(mode, child.text)
        if info is not None and info.single and not child.children:
            seen.add(info.key)
            if info.key in single:
                out.append(_copy(single[info.key]))
            continue
        out.append(_copy(child))
    out += [_copy(c) for key, c in single.items() if key not in seen]
    if [c.text for c in out] == [c.text for c in released.children]:
        return None
    return Node(released.text, out)


def _keep_named(running: ConfigTree, tree: ConfigTree) -> None:
    """Copy into ``tree`` every section of ``running`` it lacks that one of its sections names
    (the old proposal a widened policy lists), and what those name in turn. Only sections
    flexorch owns: the others stay on the router anyway."""
    present = {_identity(n.text) for n in tree.roots}
    changed = True
    while changed:
        changed = False
        for node in running.roots:
            found = object_of(node.text)
            if found is None or _identity(node.text) in present or not owned_section(
                    node.text, [c.text for c in node.children]):
                continue
            if users_of(tree, found[0].kind, found[1]):
                tree.roots.append(_copy(node))
                present.add(_identity(node.text))
                changed = True


def _copy(node: Node) -> Node:
    return Node(node.text, [_copy(c) for c in node.children])
