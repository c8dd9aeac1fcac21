"""Lines of a ConfigTree found, added and removed by identity key, the way config mode needs.

Top-level lines are many (hundreds on a real router) and looked up on every command, so the
tree keeps an index of its roots by key (``ConfigTree._index``), maintained here; block children
are few and scanned.
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


class TreeStore:
    """Keyed access to the lines of ``tree``; ``type6``: the cipher that opens typed type-6 keys
    under the master key (the lab's stand-in; None keeps them as typed)."""

    def __init__(self, tree: ConfigTree, type6: Type6Cipher | None = None) -> None:
        self.tree = tree
        self.type6 = type6

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
        for child in frame.node.children:
            if node_key(child, frame.mode.id) == key:
                return child
        return None

    def find_text(self, frame: Frame, text: str) -> Node | None:
        """The line whose text is exactly ``text``."""
        return next((c for c in self.children(frame) if c.text == text), None)

    def add(self, frame: Frame, node: Node) -> None:
        siblings = self.children(frame)
        siblings.append(node)
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
