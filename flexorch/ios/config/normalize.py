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

A top-level block's canonical form is a pure function of its text (and of ``mask_secrets`` and
the software train), so it is computed once per process for each distinct block met more than
once (``_TOPS``, ``_met``): the routers of a site share most of their blocks (proposals,
policies, profiles, transform sets), and a plan of 10,000 spokes would otherwise normalise and
sort them 10,000 times. The canonical trees share those blocks' nodes (and the nodes of the
lines they hold, ``_LEAVES``): nothing may modify a canonical tree in place (copy it first).
Not cached when a ``decrypt_type6`` function is given (not a function of the text).
The blocks that do differ from router to router differ by a line or two (a peer's key, the
router's own name): their other lines' normal forms are cached one by one (``_LEAVES``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final, TypeVar

from flexorch.ios.cli import line_info
from flexorch.ios.config.blocks import block_roots, rendered_blocks
from flexorch.ios.config.reader import cut_blocks, read_block, read_lines
from flexorch.ios.config.show import Train, ordered_roots, sort_root, sort_tree, train_of
from flexorch.ios.config.tree import ConfigTree, Node, subtree_key
from flexorch.ios.facts import rules
from flexorch.ios.facts.keys import Type6Decrypt, type7_decode

SECRET_MARK = "<secret>"
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})
_SECRET_TABLES = (rules.CLEAR_SECRET_LINES, rules.TYPE6_SECRET_LINES, rules.TYPE7_SECRET_LINES,
                  rules.HASHED_SECRET_LINES)
# Block kind -> its secret-line patterns, compiled, in table order (the first match wins).
_SECRETS_OF: Final[dict[str, tuple[re.Pattern[str], ...]]] = {
    kind: tuple(re.compile(pattern) for table in _SECRET_TABLES for block, pattern in table
                if block == kind)
    for kind in {block for table in _SECRET_TABLES for block, _ in table}}


def _secret_match(kind: str, text: str) -> re.Match[str] | None:
    for pattern in _SECRETS_OF.get(kind, ()):
        match = pattern.match(text)
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


def _unique(nodes: list[Node]) -> list[Node]:
    """``nodes`` without exact repeats of a line (a repeated block is kept: IOS merges it)."""
    out: list[Node] = []
    seen: set[str] = set()
    for normal in nodes:
        if normal.text in seen and not normal.children:
            continue
        seen.add(normal.text)
        out.append(normal)
    return out


def _created(kind: str | None, out: list[Node]) -> list[Node]:
    """``out`` with the lines IOS adds when a block of ``kind`` is created."""
    defaults = rules.CREATED_WITH.get(kind, ()) if kind is not None else ()
    if defaults:
        present = {n.text.split()[0] for n in out}
        for default in defaults:
            if default.split()[0] not in present:
                out.append(Node(default))
    return out


# (mask_secrets, block kind, line) -> the normal form of a line without children: () when
# dropped, else its one node. A pure function of those (not cached with a ``decrypt_type6``),
# and most lines repeat from block to block and router to router, while the blocks holding them
# differ by a line (a peer's key, a router's own name). Those lines are kept from the second
# time they are met (``_met``: a spoke's own 5 lines, a hub's 4 a peer, are met once; 4,000
# spokes normalised, compared and planned 176.3-195.3 -> 168.5-178.3 us a spoke), and it is
# emptied when full: the lines every router has are back after two routers (room for every
# line of 10,000 spokes, with sort-key caches as large, cost ~80 MiB of peak RSS). The node
# itself is what every canonical block holding the line holds (canonical trees are read, never
# modified: ``normalize_config``), not a copy of it made per block: a router's own blocks are
# mostly lines known already (a spoke's keyring, profile and loopback: 12 of their 16 lines),
# and making a node costs more than finding one (4,000 spokes' own blocks normalised: 16.6-17.0
# -> 12.0-12.3 us a spoke; the plan of 10,000 spokes 4.24-4.47 -> 3.96-4.13 s CPU with the
# change before).
_LEAVES: dict[tuple[bool, str | None, str], tuple[Node, ...]] = {}
_LEAVES_MAX: Final = 20_000


class _Normaliser:
    def __init__(self, mask: bool, type6: Type6Decrypt | None) -> None:
        self.mask = mask
        self.type6 = type6

    def nodes(self, kind: str | None, nodes: list[Node]) -> list[Node]:
        """``_created(kind, _unique(...))`` of the normal forms of ``nodes``, a line known in
        ``_LEAVES`` taken from it in place (most lines of a block: a call and a list less
        each; the 3 blocks of its own of each of 4,000 spokes, their lines known: 21.6-21.8 ->
        16.6-17.0 us a spoke)."""
        out: list[Node] = []
        seen: set[str] = set()  # ``_unique``, inline
        leaves = _LEAVES if self.type6 is None else {}
        for node in nodes:
            known = None if node.children else leaves.get((self.mask, kind, node.text))
            for normal in self.node(kind, node) if known is None else known:
                if normal.text in seen and not normal.children:
                    continue
                seen.add(normal.text)
                out.append(normal)
        return _created(kind, out)

    def node(self, kind: str | None, node: Node) -> list[Node]:
        if node.children or self.type6 is not None:
            return self._node(kind, node)
        key = (self.mask, kind, node.text)
        known = _LEAVES.get(key)
        if known is None:
            normal = self._node(kind, node)
            if (normal and normal[0].children) or not _met(key):
                return normal  # a header IOS adds lines to (not one line), or a line met once
            if len(_LEAVES) >= _LEAVES_MAX:
                _LEAVES.clear()
            known = _LEAVES[key] = tuple(normal)
        return list(known)

    def _node(self, kind: str | None, node: Node) -> list[Node]:
        text = node.text.strip()
        if not text.isascii():
            text = text.translate(_QUOTES)
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


@dataclass
class _Top:
    """One top-level block's canonical form: normalised (no node, or one), and sorted per
    software train."""

    normal: list[Node]
    by_train: dict[Train, Node] = field(default_factory=dict)
    kept: bool = True  # in ``_TOPS``, its nodes ``_SHARED`` (a block met once: not, ``_met``)

    def sorted(self, node: Node, train: Train) -> Node:
        known = self.by_train.get(train)
        if known is None:
            known = self.by_train[train] = sort_root(node, train, copy=False)
        if not self.kept:
            return known
        if len(_SHARED) >= _SHARED_MAX:
            _SHARED.clear()
        _SHARED[id(known)] = known
        return known


# id -> a top-level block's canonical node, as canonical trees share it (``_Top.sorted``):
# a node nobody modifies, so what is computed from it alone (its comparison with another such
# node, ``flexorch.ios.config.diff``) holds for as long as it lives, and the entry keeps it
# alive (its id is not reused meanwhile). Registered again each time a tree takes it; emptied
# when full (a block left out is only computed again).
_SHARED: dict[int, Node] = {}
_SHARED_MAX: Final = 20_000


def is_shared(node: Node) -> bool:
    """True when ``node`` is a top-level block of canonical trees (``normalize_config``), which
    nobody modifies, met more than once (``_SHARED``, ``_met``)."""
    return _SHARED.get(id(node)) is node


_TOPS: dict[tuple[object, ...], _Top] = {}
_TOPS_MAX: Final = 20_000  # distinct blocks kept (a hub's keyring of 10,000 peers is one)


def _top(normaliser: _Normaliser, node: Node, met: bool = False) -> _Top:
    """The cache entry of top-level block ``node`` (``met``: known to be met before)."""
    key = (normaliser.mask, node.text, subtree_key(node))
    top = _TOPS.get(key)
    if top is None:
        top = _Top(normaliser.node("config", node), kept=met or _met(key))
        if top.kept:
            if len(_TOPS) >= _TOPS_MAX:
                _TOPS.clear()
            _TOPS[key] = top
    return top


# The hashes of the cache keys of blocks met once (``_TOPS``, ``_RENDERED``, ``_RUNNING``): a
# block is kept, and its comparisons and plans with it (``is_shared``), from the second time it
# is met on. A router's own blocks (a spoke's keyring, profile, loopback, hostname, uplink: 5
# of its 14) are met once: kept, they filled the caches for nothing (and the comparison's and
# plan's memos after them) and emptying them freed 20,000 blocks at a time, long out of the
# processor's caches; met once, they are freed with the router's plan (the plan of 10,000
# spokes: 4.29-4.39 -> 3.78-3.90 s CPU, peak RSS 593 -> 549 MB). A block every router has is
# made twice instead of once. Emptied when full (a block met before is then made once more).
_MET: set[int] = set()
_MET_MAX: Final = 100_000


def _met(key: tuple[object, ...]) -> bool:
    """True when ``key`` was met before (by its hash: two keys of one hash make a block kept
    the first time the second is met, which costs nothing but its room); remembers it."""
    digest = hash(key)
    if digest in _MET:
        return True
    if len(_MET) >= _MET_MAX:
        _MET.clear()
    _MET.add(digest)
    return False


def normalize_config(config: str | ConfigTree, *, mask_secrets: bool = True,
                     decrypt_type6: Type6Decrypt | None = None) -> ConfigTree:
    """The canonical tree of ``config`` (IOS text or a tree); see the module doc. Its nodes are
    shared with every other canonical tree holding the same block: read it, or modify a
    ``ConfigTree.copy()`` of it (as ``flexorch.plan.bridge`` does)."""
    if isinstance(config, str) and decrypt_type6 is None:
        return normalize_running(config, mask_secrets=mask_secrets)
    tree = ConfigTree.from_text(config) if isinstance(config, str) else config
    normaliser = _Normaliser(mask_secrets, decrypt_type6)
    if decrypt_type6 is not None:
        return sort_tree(ConfigTree(normaliser.nodes("config", tree.roots)))
    return _canonical([_top(normaliser, node) for node in tree.roots])


def _canonical(blocks: list[_Top]) -> ConfigTree:
    """The canonical tree of a config whose top-level blocks' canonical forms are ``blocks``,
    in the order read."""
    roots: list[Node] = []
    tops: dict[int, _Top] = {}  # normal node -> its cache entry (the nodes live till return)
    for top in blocks:
        for normal in top.normal:
            tops[id(normal)] = top
            roots.append(normal)
    roots = _created("config", _unique(roots))
    train = train_of(ConfigTree(roots))
    ordered = ordered_roots(roots, train, canonical=True)
    return ConfigTree([tops[id(n)].sorted(n, train) if id(n) in tops
                       else sort_root(n, train, copy=False) for n in ordered])


# (mask_secrets, the text of one top-level block of a rendered config) -> the block's cache
# entry in ``_TOPS``: for a rendered config (``normalize_rendered``) the block's text is the
# key, so a block every spoke renders alike is neither split into lines, read into nodes nor
# keyed by its subtree again. Pure in the key (the block is read as ``read_indented`` reads its
# lines, and the entry is the one ``_top`` gives for the node read); kept from the second time
# it is met (``_met``), emptied when full, as ``_TOPS``.
_RENDERED: dict[tuple[bool, str], list[_Top]] = {}
def normalize_rendered(text: str, *, mask_secrets: bool = True) -> ConfigTree:
    """``normalize_config(ConfigTree.from_rendered(text))`` for config text flexorch rendered:
    the same tree, each top-level block looked up by its text (``_RENDERED``). Text that
    ``read_indented`` would not read by indentation alone (a banner, a line before the first
    block) takes ``normalize_config``'s way."""
    texts = rendered_blocks(text)
    blocks = None if texts is None else _looked_up(
        _RENDERED, mask_secrets, [(block, block) for block in texts], block_roots)
    if blocks is None:
        return normalize_config(ConfigTree.from_rendered(text), mask_secrets=mask_secrets)
    return _canonical(blocks)


# (mask_secrets, the text of a run of a config's lines that ``cut_blocks`` cuts) -> the cache
# entries in ``_TOPS`` of the top-level nodes ``read_block`` reads from it: the routers of a
# site show the same blocks (a plan reads every running config), and reading a block from a
# running config asks the grammar about its lines (3,000 spokes holding their intent, 56 lines:
# 148-156 us a spoke read and normalised, 56-60 us cut and looked up; the cutting costs 2-4 us
# where little repeats: 10,000 day-0 configs of 3 runs, 2 a spoke's own, 48.5-49.8 -> 50.4-54.3
# us). Pure in the key (``cut_blocks`` says why the run is read alike alone); kept from the
# second time it is met (``_met``), emptied when full, as ``_TOPS``.
_RUNNING: dict[tuple[bool, str], list[_Top]] = {}


def normalize_running(text: str, *, mask_secrets: bool = True) -> ConfigTree:
    """``normalize_config(ConfigTree.from_text(text))`` (a router's config, as shown or typed):
    the same tree, the runs of lines ``cut_blocks`` cuts it into looked up by their text
    (``_RUNNING``); a text it does not cut is read whole."""
    lines = [raw.rstrip() for raw in text.splitlines()]
    runs = cut_blocks(lines)
    if runs is None:
        normaliser = _Normaliser(mask_secrets, None)
        return _canonical([_top(normaliser, node) for node in read_lines(lines)])
    blocks = _looked_up(_RUNNING, mask_secrets, [("\n".join(run), run) for run in runs],
                        read_block)
    assert blocks is not None  # read_block reads every run
    return _canonical(blocks)


P = TypeVar("P")


def _looked_up(memo: dict[tuple[bool, str], list[_Top]], mask_secrets: bool,
               pieces: list[tuple[str, P]], read: Callable[[P], list[Node] | None]
               ) -> list[_Top] | None:
    """The cache entries (``_top``) of the top-level nodes ``read`` reads from each piece of a
    config, each piece (its text, what ``read`` takes) looked up in ``memo`` by its text first;
    None when ``read`` does not read a piece (the config is then read whole)."""
    normaliser = _Normaliser(mask_secrets, None)
    blocks: list[_Top] = []
    for text, piece in pieces:
        key = (mask_secrets, text)
        tops = memo.get(key)
        if tops is None:
            roots = read(piece)
            if roots is None:
                return None
            if not _met(key):
                # a piece met once so far: its blocks are neither kept nor keyed (``_TOPS``),
                # which costs a walk of each and two hashes of its key (4,000 spokes' intent
                # normalised 65.2-65.6 -> 61.4-63.7 us a spoke)
                tops = [_Top(normaliser.node("config", node), kept=False) for node in roots]
            else:
                tops = [_top(normaliser, node, met=True) for node in roots]
                if len(memo) >= _TOPS_MAX:
                    memo.clear()
                memo[key] = tops
        blocks.extend(tops)
    return blocks


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
