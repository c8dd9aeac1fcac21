"""Reading configs for planning and drift: the tree, its canonical form, the running-config hash.

Configs are read with ``flexorch.ios.config.ConfigTree`` (the one tree builder: it gives the same
trees ciscoconfparse2 gave on every config of the corpus, banners and certificate chains
included, at a fraction of the time; docs/ARCHITECTURE.md has the figures).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from flexorch.ios.config import ConfigTree, Node, normalize_config
from flexorch.ios.config.normalize import normalize_rendered
from flexorch.ios.facts.keys import Type6Decrypt
from flexorch.ios.facts.rules import LISTING_NOISE_PREFIXES


def config_lines(text: str) -> list[str]:
    """The config lines of ``text``: no show-run header, ``!`` comments, blank lines or ``end``."""
    out = []
    for raw in text.splitlines():
        line = raw.rstrip()
        stripped = line.lstrip()
        if not stripped or stripped.startswith("!") or stripped == "end":
            continue
        if stripped.startswith(LISTING_NOISE_PREFIXES):
            continue
        out.append(line)
    return out


def canonical_tree(text: str | ConfigTree, *,
                   decrypt_type6: Type6Decrypt | None = None) -> ConfigTree:
    """The canonical form plan compares (``flexorch.ios.config.normalize``): IOS spellings, hidden
    defaults dropped, display order; secrets kept as values (type 7 decoded, type 6 decrypted
    only by a ``decrypt_type6`` the caller supplies) so a changed key is a change. ``text`` may
    be an already read tree (a rendered config: ``ConfigTree.from_rendered``)."""
    return normalize_config(text, mask_secrets=False, decrypt_type6=decrypt_type6)


def canonical_rendered(text: str) -> ConfigTree:
    """``canonical_tree(ConfigTree.from_rendered(text))`` of a config flexorch rendered (the
    intent), its blocks looked up by their lines (``normalize_rendered``)."""
    return normalize_rendered(text, mask_secrets=False)


def running_hash(text: str) -> str:
    """SHA-256 of a running config's content (header, comments and timestamps left out): what a
    saved plan records, and what rollout compares to refuse a stale plan."""
    # each line and its line break, encoded at once (a digest of the whole is the digest of its
    # parts fed one by one)
    data = "".join([line + "\n" for line in config_lines(text)])
    return hashlib.sha256(data.encode("utf-8", "replace")).hexdigest()


def tree_lines(nodes: Iterable[Node], depth: int = 0) -> list[str]:
    """Indented text lines of ``nodes`` and their children (one space per level)."""
    out: list[str] = []
    for node in nodes:
        out.append(" " * depth + node.text)
        out.extend(tree_lines(node.children, depth + 1))
    return out
