"""The tree of an IOS config: each line with its child lines.

The one config reader of flexorch (lab, typed config view, render checks, plan, drift).
``show running-config`` nests by indentation and the reader follows it — but IOS's CLI is
mode-based, and a real running config carries lines whose indentation lies: a banner's text
(one multi-line argument: its lines are the banner line's children, whatever their indentation),
a certificate's ``quit`` (the end of its hex data, not a line), a line printed at column 0 inside
a block (a description written with a line break). Where indentation and the grammar disagree the
reader does what IOS config mode does with the same text (``flexorch.ios.config.reader``), so the
tree it builds is the one the lab's engine builds from the same file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass
class Node:
    """One config line (without its indentation) and the lines nested under it."""

    text: str
    children: list[Node] = field(default_factory=list)
    # Identity key cached by the config engine (what makes two lines the same setting).
    key: str | None = field(default=None, compare=False, repr=False)
    # 1-based line number in the text read (0: built otherwise), for messages about the line.
    line: int = field(default=0, compare=False, repr=False)

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
        """Read IOS config text. Blank lines, ``!`` comments, ``end`` and the show-run header
        lines are skipped; nesting follows indentation (any depth, any indent width) except
        where IOS config mode reads the text otherwise (see the module doc)."""
        from flexorch.ios.config.reader import read_lines

        return cls(read_lines([raw.rstrip() for raw in text.splitlines()]))

    @classmethod
    def from_rendered(cls, text: str) -> ConfigTree:
        """Read config text flexorch rendered itself (``flexorch.render``), whose indentation is
        the nesting: the same tree as ``from_text``, without the grammar's checks."""
        from flexorch.ios.config.reader import read_indented

        return cls(read_indented([raw.rstrip() for raw in text.splitlines()]))

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


def subtree_key(node: Node) -> tuple[object, ...]:
    """The texts of ``node``'s children and theirs, nested: equal exactly when two blocks hold
    the same lines (what a cache of a pure function of a block's text is keyed by)."""
    return tuple([(c.text, subtree_key(c) if c.children else ()) for c in node.children])


def _copy_node(node: Node) -> Node:
    return Node(node.text, [_copy_node(c) for c in node.children], node.key, node.line)
