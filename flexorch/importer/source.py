"""One router's running config as import reads it: the text, its canonical tree, its names.

The canonical tree is ``normalize_config``'s (the comparison form plan and drift use) with the
secrets kept as values: keywords spelled out, interface names canonical, hidden defaults
dropped, type 7 keys decoded, type 6 keys kept as ``6 <ciphertext>``. Reading the intent from
that form means a value import writes is the value plan compares.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from flexorch.errors import BadInputError
from flexorch.ios.config import ConfigTree, Node, normalize_config
from flexorch.ios.facts import object_of

# An inventory name (flexorch.intent.host.RouterName): a letter, then letters, digits or '-'.
_NOT_NAME = re.compile(r"[^A-Za-z0-9-]+")
_MAX_NAME = 63


@dataclass
class RouterSource:
    """One router's config: where it came from, its names and its canonical tree."""

    source: str  # the file (or ``host:show running-config`` for a router read over SSH)
    text: str = field(repr=False)
    hostname: str  # as the ``hostname`` line gives it
    name: str  # the inventory name (``hostname`` made a valid inventory name)
    version: str | None
    tree: ConfigTree = field(repr=False)
    named_by_file: bool = False  # no ``hostname`` line: the name is the file's

    def sections(self, prefix: str) -> list[Node]:
        """Top-level sections whose header starts with ``prefix``, in config order."""
        return [node for node in self.tree.roots if node.text.startswith(prefix)]


def inventory_name(hostname: str) -> str:
    """``hostname`` as a valid inventory name: runs of other characters become ``-``, a name
    that does not start with a letter gets an ``r`` in front, at most 63 characters.

    >>> inventory_name("Cisco:Spoke5"), inventory_name("SITE_A"), inventory_name("7200-a")
    ('Cisco-Spoke5', 'SITE-A', 'r7200-a')
    """
    name = _NOT_NAME.sub("-", hostname).strip("-") or "router"
    if not name[0].isalpha():
        name = "r" + name
    return name[:_MAX_NAME].rstrip("-")


def read_text(path: Path) -> str:
    """A config file as text. BadInputError (one line naming the file) when it cannot be read
    or is binary."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BadInputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if b"\x00" in raw:
        raise BadInputError(f"{path}: not an IOS config (binary file)")
    return raw.decode("utf-8", errors="replace")


def router_source(source: str, text: str) -> RouterSource:
    """Read one running config. A config without a ``hostname`` line (an excerpt) is named
    after its file. BadInputError naming ``source`` when it is not an IOS config (no
    ``hostname``, ``interface`` or ``crypto`` line)."""
    tree = normalize_config(ConfigTree.from_text(text), mask_secrets=False)
    hostname = version = None
    for node in tree.roots:
        words = node.text.split()
        if words[0] == "hostname" and len(words) == 2 and not node.children:
            hostname = words[1]
        elif words[0] == "version" and len(words) == 2 and not node.children:
            version = words[1]
    _no_conflicts(source, tree)
    if hostname is None:
        if not any(n.text.startswith(_CONFIG_WORDS) for n in tree.roots):
            raise BadInputError(
                f"{source}: not an IOS config (no hostname, interface or crypto line)")
        hostname = Path(source).stem
    return RouterSource(source, text, hostname, inventory_name(hostname), version, tree,
                        named_by_file=not _has_hostname(tree))


_CONFIG_WORDS = ("interface ", "crypto ")


def _no_conflicts(source: str, tree: ConfigTree) -> None:
    """BadInputError when one object (``crypto ikev2 proposal P``, ``interface Tunnel0``) is
    defined twice with different lines: a router shows each object once, so the file was put
    together by hand and which definition is meant cannot be told."""
    seen: dict[tuple[str, str], Node] = {}
    for node in tree.roots:
        found = object_of(node.text)
        if found is None or not found[0].block:
            continue
        key = (found[0].kind, found[1])
        other = seen.setdefault(key, node)
        if other is not node and _lines(other) != _lines(node):
            raise BadInputError(f"{source}: '{node.text}' is defined twice, with different "
                                "lines: keep the one the router has")


def _lines(node: Node) -> list[str]:
    return [n.text for _, n in node.walk()]


def _has_hostname(tree: ConfigTree) -> bool:
    return any(n.text.startswith("hostname ") for n in tree.roots)


def unique_names(routers: Sequence[RouterSource]) -> None:
    """BadInputError when two configs have the same hostname, or hostnames that become the
    same inventory name."""
    seen: dict[str, RouterSource] = {}
    for router in routers:
        other = seen.get(router.name.lower())
        if other is not None:
            same = "the same hostname" if other.hostname == router.hostname else (
                f"hostnames that both become '{router.name}' ({other.hostname}, "
                f"{router.hostname})")
            raise BadInputError(f"{router.source}: {same} as {other.source}: one router per "
                                "file, each with its own hostname")
        seen[router.name.lower()] = router
