"""The shape rules of docs/ARCHITECTURE.md that import-linter cannot see: no module imports
another module's private names, and no function body is longer than 50 lines.

A function's length is counted from its first statement after the docstring to its last line:
signatures (click options, keyword-only parameters) and docstrings are not logic.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAX_BODY_LINES = 50

# Functions still over the limit, with their length today: each is split when the helpers
# working in those files have landed (issue 9). The test fails when one grows, or once it is
# split and still listed, so the list only shrinks.
NOT_YET_SPLIT: dict[str, int] = {
}


def _sources() -> Iterator[tuple[str, ast.Module]]:
    for folder in ("flexorch", "tasks"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if (ROOT / "flexorch" / "tasks") in path.parents:
                continue  # the symlink to tasks/: the same files, seen once
            module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            yield module, ast.parse(path.read_text(encoding="utf-8"))


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def test_no_module_imports_private_names_of_another() -> None:
    found = []
    for module, tree in _sources():
        for node in ast.walk(tree):
            if not isinstance(node, ast.ImportFrom) or not node.module:
                continue
            if not node.module.startswith(("flexorch", "tasks")):
                continue
            if any(_private(part) for part in node.module.split(".")):
                found.append(f"{module}: from {node.module} import ...")
            found += [f"{module}: from {node.module} import {alias.name}"
                      for alias in node.names if _private(alias.name)]
    assert found == []


def _body_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    body = node.body
    first = body[0]
    if (len(body) > 1 and isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
            and isinstance(first.value.value, str)):
        first = body[1]
    assert node.end_lineno is not None
    return node.end_lineno - first.lineno + 1


def _lengths() -> dict[str, int]:
    lengths = {}
    for module, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lengths[f"{module}.{node.name}:{node.lineno}"] = _body_lines(node)
    return lengths


def test_no_function_body_is_longer_than_50_lines() -> None:
    too_long = {}
    for where, length in _lengths().items():
        name = where.split(":")[0]
        if length > MAX_BODY_LINES and length > NOT_YET_SPLIT.get(name, 0):
            too_long[where] = length
    assert too_long == {}


def test_the_list_of_functions_not_yet_split_only_shrinks() -> None:
    longest: dict[str, int] = {}
    for where, length in _lengths().items():
        name = where.split(":")[0]
        longest[name] = max(longest.get(name, 0), length)
    stale = {name: longest.get(name) for name in NOT_YET_SPLIT
             if longest.get(name, 0) <= MAX_BODY_LINES}
    assert stale == {}


def test_the_length_rule_sees_a_long_function() -> None:
    source = "def f():\n    '''doc'''\n" + "    x = 1\n" * 51
    node = ast.parse(source).body[0]
    assert isinstance(node, ast.FunctionDef)
    assert _body_lines(node) == 51
