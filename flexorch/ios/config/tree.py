"""The indentation tree of an IOS config: each line with its child lines.

A fast, dependency-free reader shared by the lab (running config), the typed config view and
render checks. ciscoconfparse2 is used where its hierarchy-aware diffing is wanted (plan, drift).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

# Lines IOS prints around a config that are not config.
_NOISE_PREFIXES = ("Building configuration", "Current configuration", "Last configuration change",
                   "NVRAM config last updated", "! Last configuration", "! NVRAM")


@dataclass
class Node:
    """One config line (without its indentation) and the lines nested under it."""

    text: str
    children: list[Node] = field(default_factory=list)
    # Identity key cached by the config engine (what makes two lines the same setting).
    key: str | None = field(default=None, compare=False, repr=False)

    def child(self, prefix: str) -> Node | None:
        """First child whose text equals ``prefix`` or starts with ``prefix + ' '``."""
        for node in self.children:
            if node.text == prefix or node.text.startswith(prefix + " "):
                return node
        return None

    def children_starting(self, prefix: str) -> list[Node]:
        """Every child whose text equals ``prefix`` or starts with ``prefix + ' '``."""
        return [n for n in self.children if n.text == prefix or n.text.startswith(prefix + " ")]

    def walk(self, depth: int = 0) -> Iterator[tuple[int, Node]]:
        """This node and every descendant, depth first, with its depth."""
        yield depth, self
        for node in self.children:
            yield from node.walk(depth + 1)


@dataclass
class ConfigTree:
    """A whole config: its top-level nodes in the order read."""

    roots: list[Node] = field(default_factory=list)
    # Index of top-level nodes by identity key, kept by the config engine (see ``index``).
    _index: dict[str, Node] = field(default_factory=dict, compare=False, repr=False)
    _indexed: int = field(default=-1, compare=False, repr=False)

    @classmethod
    def from_text(cls, text: str) -> ConfigTree:
        """Read IOS config text. Blank lines, ``!`` comments, ``end`` and the show-run banner
        lines are skipped; nesting follows indentation (any depth, any indent width)."""
        roots: list[Node] = []
        stack: list[tuple[int, Node]] = []
        for raw in text.splitlines():
            line = raw.rstrip()
            stripped = line.lstrip()
            if not stripped or stripped.startswith("!") or stripped == "end":
                continue
            if stripped.startswith(_NOISE_PREFIXES):
                continue
            indent = len(line) - len(stripped)
            node = Node(stripped)
            while stack and stack[-1][0] >= indent:
                stack.pop()
            if stack:
                stack[-1][1].children.append(node)
            else:
                roots.append(node)
            stack.append((indent, node))
        return cls(roots)

    def find(self, prefix: str) -> list[Node]:
        """Top-level nodes whose text equals ``prefix`` or starts with ``prefix + ' '``."""
        return [n for n in self.roots if n.text == prefix or n.text.startswith(prefix + " ")]

    def get(self, text: str) -> Node | None:
        """The top-level node whose text is exactly ``text``."""
        for node in self.roots:
            if node.text == text:
                return node
        return None

    def lines(self) -> Iterator[tuple[int, str]]:
        """Every line with its depth, in tree order."""
        for root in self.roots:
            for depth, node in root.walk():
                yield depth, node.text

    def to_text(self) -> str:
        """The stored config, one-space indentation per level, newline-terminated. This is the
        raw store (secrets as entered, never-shown lines included), for persistence; use
        ``flexorch.ios.config.show.show_running`` for what a router displays."""
        return "".join(" " * depth + text + "\n" for depth, text in self.lines())

    def copy(self) -> ConfigTree:
        """A deep copy (archive, revert, what-if application)."""
        return ConfigTree([_copy_node(n) for n in self.roots])


def _copy_node(node: Node) -> Node:
    return Node(node.text, [_copy_node(c) for c in node.children], node.key)
