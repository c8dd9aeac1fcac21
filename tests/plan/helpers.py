"""Helpers for plan tests: apply lines with the shared IOS engine, compare configs by section.

The comparison is written here, independently of ``flexorch.plan``: both configs are brought to
IOS's canonical form by ``flexorch.ios.config.normalize`` (the platform's, not the plan's) and
compared as multisets of (section, child, grandchild) paths, restricted to the sections the intended
config declares plus every section flexorch owns (which must match the intent exactly). Policy
proposal order is compared as a sequence, as IOS uses it as a preference.
"""

from __future__ import annotations

import re
from collections import Counter

from flexorch.ios.config import ConfigTree, Node, apply_lines, normalize_config, show_running

# Sections flexorch owns, written from the plan's documented contract (docs/rollout.md).
OWNED = re.compile(
    r"^(crypto ikev2 (proposal|policy|keyring|profile|name-mangler|authorization policy"
    r"|client flexvpn) |crypto ipsec (transform-set|profile) |interface Virtual-Template\d+ type "
    r"tunnel$|crypto ikev2 (?!proposal|policy|keyring|profile|name-mangler|authorization"
    r"|client)|crypto ipsec (?!transform-set|profile))"
)


def apply(running: str, lines: list[str] | tuple[str, ...]) -> tuple[str, list[str]]:
    """``show running-config`` after typing ``lines`` into ``running``; the IOS errors."""
    tree = ConfigTree.from_text(running)
    errors = apply_lines(tree, lines)
    return show_running(tree), errors


def _owned(node: Node) -> bool:
    if OWNED.match(node.text):
        return True
    return node.text.startswith("interface Tunnel") and any(
        c.text.startswith(("tunnel protection ", "tunnel mode ipsec")) for c in node.children)


def _paths(node: Node, prefix: tuple[str, ...]) -> list[tuple[str, ...]]:
    here = (*prefix, node.text)
    out = [here]
    for child in node.children:
        out.extend(_paths(child, here))
    return out


def managed(config: str, intended: str) -> Counter[tuple[str, ...]]:
    """Paths of ``config`` in the sections ``intended`` declares or flexorch owns."""
    normal = normalize_config(config, mask_secrets=False)
    wanted = {n.text.split(" type ")[0] for n in normalize_config(intended).roots}
    out: Counter[tuple[str, ...]] = Counter()
    for root in normal.roots:
        if root.text.split(" type ")[0] in wanted or _owned(root):
            out.update(_paths(root, ()))
    return out


def proposals(config: str) -> dict[str, list[str]]:
    """IKEv2 policy -> its proposals in order."""
    return {n.text: [c.text for c in n.children if c.text.startswith("proposal ")]
            for n in normalize_config(config).roots if n.text.startswith("crypto ikev2 policy ")}


def assert_reaches(running: str, intended: str, lines: list[str] | tuple[str, ...]) -> str:
    """Apply ``lines``; assert IOS took every line and the result holds the intended config."""
    after, errors = apply(running, lines)
    assert errors == [], errors
    got, want = managed(after, intended), managed(intended, intended)
    assert got == want, (sorted(got - want), sorted(want - got))
    assert proposals(after) == proposals(intended)
    return after
