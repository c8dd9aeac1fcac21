"""Canonical form of an IOS config, for comparing configs (render golden tests, plan, drift).

Two configs that IOS would treat the same normalise to the same tree:

- keyword abbreviations expanded, interface names canonical (``int tu0`` / ``Tunnel0``), IPv6
  addresses in IOS's upper-case compressed form, IOS's own respellings (``ip domain-name``);
- curly quotes straightened;
- hidden defaults dropped (``tunnel mode gre ip``, ``crypto ikev2 window 5``, positive forms of
  default-on features such as ``config-exchange request``), display-only lines dropped
  (`` no ip address``, ``no shutdown`` and other ``no`` lines of settings that are off by
  default), lines IOS adds on creation added (`` mode tunnel`` in a transform set), a transform
  set typed with ``mode`` on its header line split as IOS stores it;
- secrets: with ``mask_secrets=True`` (default) every secret argument (pre-shared keys,
  RADIUS keys, passwords, secrets; clear, type 0, 6, 7 or 9) becomes ``<secret>``, so a clear
  key in intent and the type-6 ciphertext a router shows do NOT count as a difference. The
  price: a changed key is not seen either — compare secrets separately (``secret_values``).
  With ``mask_secrets=False`` type 0 is stripped, type 7 is decoded, type 6 is decrypted only
  by a ``decrypt_type6`` function the caller supplies (otherwise kept as ``6 <cipher>``:
  flexorch does not know IOS's type-6 algorithm);
- IOS display order applied at every level; exact duplicate lines removed.

Lines the grammar does not know are kept as written (whitespace-trimmed), so a full running
config (routing protocols, QoS, ...) normalises without loss.
"""

from __future__ import annotations

import re

from flexorch.ios.cli import line_info
from flexorch.ios.config.show import sort_tree
from flexorch.ios.config.tree import ConfigTree, Node
from flexorch.ios.facts import rules
from flexorch.ios.facts.keys import Type6Decrypt, type7_decode

SECRET_MARK = "<secret>"
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})
_SECRET_TABLES = (rules.CLEAR_SECRET_LINES, rules.TYPE6_SECRET_LINES, rules.TYPE7_SECRET_LINES,
                  rules.HASHED_SECRET_LINES)


def _secret_match(kind: str, text: str) -> re.Match[str] | None:
    for table in _SECRET_TABLES:
        for block, pattern in table:
            if block == kind:
                match = re.match(pattern, text)
                if match:
                    return match
    return None


def _normal_secret(kind: str, text: str, mask: bool, type6: Type6Decrypt | None) -> str:
    match = _secret_match(kind, text)
    if match is None:
        return text
    prefix, digit, value = match.groups()
    if mask:
        return f"{prefix} {SECRET_MARK}"
    if digit in (None, "0"):
        return f"{prefix} {value}"
    if digit == "7" and (clear := type7_decode(value)) is not None:
        return f"{prefix} {clear}"
    if digit == "6" and type6 is not None and (clear := type6(value)) is not None:
        return f"{prefix} {clear}"
    return text


class _Normaliser:
    def __init__(self, mask: bool, type6: Type6Decrypt | None) -> None:
        self.mask = mask
        self.type6 = type6

    def nodes(self, kind: str | None, nodes: list[Node]) -> list[Node]:
        out: list[Node] = []
        seen: set[str] = set()
        for node in nodes:
            for normal in self.node(kind, node):
                if normal.text in seen and not normal.children:
                    continue
                seen.add(normal.text)
                out.append(normal)
        if kind is not None:
            present = {n.text.split()[0] for n in out}
            for default in rules.CREATED_WITH.get(kind, ()):
                if default.split()[0] not in present:
                    out.append(Node(default))
        return out

    def node(self, kind: str | None, node: Node) -> list[Node]:
        text = node.text.strip().translate(_QUOTES)
        info = line_info(kind, text) if kind is not None else None
        if info is None:
            if kind is not None and self._display_only(kind, text):
                return []
            return [Node(text, self.nodes(None, node.children))]
        text = info.canonical
        if kind is not None and self._display_only(kind, text):
            return []
        if info.opens is None:
            return [Node(_normal_secret(kind or "", text, self.mask, self.type6))]
        children = list(node.children)
        if info.split is not None:
            children.insert(0, Node(info.split))
        return [Node(text, self.nodes(info.opens, children))]

    @staticmethod
    def _display_only(kind: str, text: str) -> bool:
        if text in rules.HIDDEN_VALUE_DEFAULTS.get(kind, ()):
            return True
        if text in rules.DEFAULT_ON.get(kind, ()):
            return True
        if text.startswith(rules.NEVER_SHOWN_PREFIXES):
            return True
        if text.startswith("no "):
            # Shown ``no`` lines of default-on features are settings; other ``no`` lines
            # (``no ip address``, ``no shutdown``) only display an absence.
            return text[3:] not in rules.DEFAULT_ON.get(kind, ())
        return False


def normalize_config(config: str | ConfigTree, *, mask_secrets: bool = True,
                     decrypt_type6: Type6Decrypt | None = None) -> ConfigTree:
    """The canonical tree of ``config`` (IOS text or a tree); see the module doc."""
    tree = ConfigTree.from_text(config) if isinstance(config, str) else config
    normal = ConfigTree(_Normaliser(mask_secrets, decrypt_type6).nodes("config", tree.roots))
    return sort_tree(normal)


def normalized_text(config: str | ConfigTree, *, mask_secrets: bool = True,
                    decrypt_type6: Type6Decrypt | None = None) -> str:
    """``normalize_config`` as text: one-space indentation per level, no ``!`` lines."""
    return normalize_config(config, mask_secrets=mask_secrets,
                            decrypt_type6=decrypt_type6).to_text()


def configs_equivalent(a: str | ConfigTree, b: str | ConfigTree) -> bool:
    """True when IOS would hold the same settings for both configs (secrets masked)."""
    return normalized_text(a) == normalized_text(b)


def secret_values(config: str | ConfigTree) -> dict[tuple[str, ...], str]:
    """Every secret-bearing line by its path (parent headers + line prefix), with the raw
    ``[digit ]value`` IOS holds; for comparing keys the masked normal form ignores."""
    tree = ConfigTree.from_text(config) if isinstance(config, str) else config
    found: dict[tuple[str, ...], str] = {}

    def walk(kind: str | None, nodes: list[Node], path: tuple[str, ...]) -> None:
        for node in nodes:
            info = line_info(kind, node.text.strip()) if kind is not None else None
            text = info.canonical if info is not None else node.text.strip()
            if info is not None and info.opens is not None:
                walk(info.opens, node.children, (*path, text))
                continue
            match = _secret_match(kind or "", text)
            if match is not None:
                prefix, digit, value = match.groups()
                found[(*path, prefix)] = f"{digit} {value}" if digit else value

    walk("config", tree.roots, ())
    return found
