"""Lines of a ConfigTree found, added and removed by identity key, the way config mode needs.

Top-level lines are many (hundreds on a real router) and looked up on every command, so the
tree keeps an index of its roots by key (``ConfigTree._index``), maintained here. Block children
are usually few and scanned; a block with many (a hub's keyring: a peer per spoke) gets an index
too (``_Children``), so typing thousands of peers into it is not quadratic.
"""

from __future__ import annotations

from dataclasses import dataclass

from flexorch.ios.cli import Mode, line_key
from flexorch.ios.config.tree import ConfigTree, Node
from flexorch.ios.facts.keys import Type6Cipher


@dataclass
class Frame:
    """One level of the config-mode stack: the mode and the block it edits (None: top)."""

    mode: Mode
    node: Node | None


def node_key(node: Node, mode_id: str) -> str:
    """The identity key of a stored line (cached on the node)."""
    if node.key is None:
        node.key = line_key(mode_id, node.text)
    return node.key


BIG_BLOCK = 64  # children from which a block's lines are found through an index


@dataclass
class _Children:
    """The index of one big block's children by key, valid while the list is as it was when
    indexed or last changed here: the same list object, length and last node (config mode only
    appends to a block and removes through ``TreeStore.remove``; anything else is seen as a
    change and the index is rebuilt)."""

    children: list[Node]
    size: int
    last: Node | None
    keys: dict[str, Node]

    def valid(self, children: list[Node]) -> bool:
        return (children is self.children and len(children) == self.size
                and (children[-1] if children else None) is self.last)


class TreeStore:
    """Keyed access to the lines of ``tree``; ``type6``: the cipher that opens typed type-6 keys
    under the master key (the lab's stand-in; None keeps them as typed)."""

    def __init__(self, tree: ConfigTree, type6: Type6Cipher | None = None) -> None:
        self.tree = tree
        self.type6 = type6
        self._blocks: dict[int, _Children] = {}  # id(block node) -> index of its children

    def index(self) -> dict[str, Node]:
        """Top-level nodes by key (the first of duplicates read from a file)."""
        tree = self.tree
        if tree._indexed != len(tree.roots):
            tree._index = {}
            for node in tree.roots:
                tree._index.setdefault(node_key(node, "config"), node)
            tree._indexed = len(tree.roots)
        return tree._index

    def children(self, frame: Frame) -> list[Node]:
        return self.tree.roots if frame.node is None else frame.node.children

    def find(self, frame: Frame, key: str) -> Node | None:
        if frame.node is None:
            return self.index().get(key)
        children = frame.node.children
        if len(children) >= BIG_BLOCK:
            return self._block(frame).keys.get(key)
        mode_id = frame.mode.id
        for child in children:
            child_key = child.key if child.key is not None else node_key(child, mode_id)
            if child_key == key:
                return child
        return None

    def _block(self, frame: Frame) -> _Children:
        """The index of a big block's children (rebuilt when no longer valid)."""
        assert frame.node is not None
        children = frame.node.children
        known = self._blocks.get(id(frame.node))
        if known is None or not known.valid(children):
            keys: dict[str, Node] = {}
            for child in children:
                keys.setdefault(node_key(child, frame.mode.id), child)
            known = _Children(children, len(children), children[-1] if children else None, keys)
            self._blocks[id(frame.node)] = known
        return known

    def find_text(self, frame: Frame, text: str) -> Node | None:
        """The line whose text is exactly ``text``."""
        return next((c for c in self.children(frame) if c.text == text), None)

    def add(self, frame: Frame, node: Node) -> None:
        siblings = self.children(frame)
        known = self._blocks.get(id(frame.node)) if frame.node is not None else None
        fresh = known is not None and known.valid(siblings)
        siblings.append(node)
        if known is not None and fresh and frame.node is not None:
            known.keys.setdefault(node_key(node, frame.mode.id), node)
            known.size, known.last = len(siblings), node
        if frame.node is None:
            self.index()
            self.tree._index.setdefault(node_key(node, "config"), node)
            self.tree._indexed = len(siblings)

    def remove(self, frame: Frame, node: Node) -> None:
        siblings = self.children(frame)
        for i, sibling in enumerate(siblings):
            if sibling is node:
                del siblings[i]
                break
        if frame.node is not None:
            return
        if self.tree._indexed != len(siblings) + 1:
            self.tree._indexed = -1
            return
        index = self.tree._index
        key = node_key(node, "config")
        if index.get(key) is node:
            del index[key]
            # A duplicate top-level line read from a file takes the slot (keys are cached:
            # building the index computed every root's key).
            twin = next((n for n in siblings if n.key == key), None)
            if twin is not None:
                index[key] = twin
        self.tree._indexed = len(siblings)

    def master_key(self) -> str | None:
        """The configured master key (``key config-key password-encrypt``)."""
        node = self.index().get("key config-key password-encrypt")
        return node.text.split()[3] if node is not None else None
