"""The indentation tree of an IOS config: each line with its child lines.

The one config reader of flexorch (lab, typed config view, render checks, plan, drift): fast and
dependency-free. A banner's text lines are its children (they are one multi-line argument, not
config lines, whatever their indentation).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from flexorch.ios.facts.rules import DELIMITED_TEXT_COMMAND, LISTING_NOISE_PREFIXES

_DELIMITED = re.compile(DELIMITED_TEXT_COMMAND)


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
        ends: str | None = None  # the delimiter closing the text of an open banner
        for raw in text.splitlines():
            line = raw.rstrip()
            stripped = line.lstrip()
            if not stripped or stripped.startswith("!") or stripped == "end":
                continue
            if ends is not None:
                stack[-1][1].children.append(Node(stripped))
                ends = None if ends in stripped else ends
                continue
            if stripped.startswith(LISTING_NOISE_PREFIXES):
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
            ends = _text_delimiter(stripped)
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


def _text_delimiter(line: str) -> str | None:
    """The character closing a banner whose text starts after ``line``; None when ``line`` is
    no banner header or holds the whole text itself (``banner motd ^CHello^C``)."""
    match = _DELIMITED.match(line)
    if match is None:
        return None
    mark = match.group(1)[0]
    return None if line[match.start(1):].count(mark) > 1 else mark


def _copy_node(node: Node) -> Node:
    return Node(node.text, [_copy_node(c) for c in node.children], node.key)
