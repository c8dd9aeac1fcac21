"""Reading configs for planning: ciscoconfparse2 parse, canonical form, running-config hash.

ciscoconfparse2 is imported lazily (it takes ~1 s and logs to stdout through loguru, which is
switched off before the first parse); it is always given a list of lines (a one-line string
would be taken for a file name).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache
from typing import Any

from flexorch.ios.config import ConfigTree, Node, normalize_config

# Lines around a config that are not config (show-run header, timestamps, ``end``).
_NOISE = ("Building configuration", "Current configuration", "Using ")


@cache
def _parser_class() -> Any:
    from loguru import logger

    logger.disable("ciscoconfparse2")
    from ciscoconfparse2 import CiscoConfParse

    logger.remove()  # ciscoconfparse2 adds a stdout sink on import; flexorch prints nothing there
    return CiscoConfParse


def preload() -> None:
    """Import ciscoconfparse2 on a background thread (it takes seconds), so it overlaps with
    connecting to the routers instead of following it."""
    import threading

    threading.Thread(target=_parser_class, name="flexorch-preload", daemon=True).start()


def config_lines(text: str) -> list[str]:
    """The config lines of ``text``: no show-run header, ``!`` comments, blank lines or ``end``."""
    out = []
    for raw in text.splitlines():
        line = raw.rstrip()
        stripped = line.lstrip()
        if not stripped or stripped.startswith("!") or stripped == "end":
            continue
        if stripped.startswith(_NOISE):
            continue
        out.append(line)
    return out


def parse_tree(text: str) -> ConfigTree:
    """The indentation tree of an IOS config, parsed with ciscoconfparse2."""
    lines = config_lines(text)
    if not lines:
        return ConfigTree()
    parse = _parser_class()(lines, syntax="ios", ignore_blank_lines=True)
    nodes: dict[int, Node] = {}
    roots: list[Node] = []
    for obj in parse.objs:
        node = Node(obj.text.strip())
        nodes[obj.linenum] = node
        parent = obj.parent
        if parent is obj or parent is None:
            roots.append(node)
        else:
            nodes[parent.linenum].children.append(node)
    return ConfigTree(roots)


def canonical_tree(text: str, *, master_key: str | None = None) -> ConfigTree:
    """The canonical form plan compares (``flexorch.ios.config.normalize``): IOS spellings, hidden
    defaults dropped, display order; secrets kept as values (type 7 decoded, type 6 decrypted
    when ``master_key`` is known) so a changed key is a change."""
    return normalize_config(parse_tree(text), mask_secrets=False, master_key=master_key)


def running_hash(text: str) -> str:
    """SHA-256 of a running config's content (header, comments and timestamps left out): what a
    saved plan records, and what rollout compares to refuse a stale plan."""
    digest = hashlib.sha256()
    for line in config_lines(text):
        digest.update(line.encode("utf-8", "replace") + b"\n")
    return digest.hexdigest()


def tree_lines(nodes: Iterable[Node], depth: int = 0) -> list[str]:
    """Indented text lines of ``nodes`` and their children (one space per level)."""
    out: list[str] = []
    for node in nodes:
        out.append(" " * depth + node.text)
        out.extend(tree_lines(node.children, depth + 1))
    return out
