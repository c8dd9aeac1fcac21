"""Named slots: which words of a matched line fill which part of its command's syntax.

A command's syntax (notation in ``flexorch.ios.cli.grammar``) may name its parts:

    <type=name>            a typed argument; its canonical text fills slot ``name``
    keyword=name           a keyword; when the line has it, slot ``name`` holds the keyword
    {...}=name  [...]=name  a group; the words one pass through it matched, joined by a space
    {...}+=name            a repeated group: one value per repetition, in line order

A name may appear several times in one syntax (``{<ip=peer>|<ipv6=peer>}``); its values are kept
in line order. Readers (``flexorch.ios.model``) take values from ``Match.slots`` instead of
splitting lines into words by hand, so a line is read by the same definition that typed it.

Slots are found after the state machine accepted a line, by matching its canonical words (one
per syntax atom: a keyword, or an argument's canonical text) against the command's syntax tree,
backtracking; among complete readings the first in syntax order wins (a group is tried before it
is skipped). Annotations change nothing in what a mode accepts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = ["SYNTAX_TOKEN", "Slots", "capture", "split_slot"]

# One item of a syntax: ``<arg>``, a bracket or bar, ``+``, or a keyword (``=name`` included).
# ``+`` after a group's closer repeats the group; a ``+`` that ends or sits inside a keyword is
# part of it (``tacacs+``: Security Command Reference, "aaa group server tacacs+").
SYNTAX_TOKEN = re.compile(r"<[^>]+>|[\[\]{}|]|\+|[^\s\[\]{}|<>+]+(?:\+[^\s\[\]{}|<>+]*)*")


def split_slot(item: str) -> tuple[str, str | None]:
    """``word=name`` -> (``word``, ``name``); an item without ``=`` has no slot. Works on the
    text between angle brackets (``int:1-10=seq``) and on keywords (``shared=shared``)."""
    base, eq, name = item.partition("=")
    return (base, name) if eq and base and name else (item, None)


@dataclass(frozen=True, slots=True)
class Slots:
    """The slot values of one matched line: (name, value) pairs in line order."""

    items: tuple[tuple[str, str], ...] = ()
    # name -> every value, built once (a line's slots are read many times, its match cached).
    _values: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        values: dict[str, tuple[str, ...]] = {}
        for key, value in self.items:
            values[key] = (*values.get(key, ()), value)
        object.__setattr__(self, "_values", values)

    def one(self, name: str) -> str | None:
        """The first value of ``name``; None when the line did not fill it."""
        values = self._values.get(name)
        return values[0] if values else None

    def all(self, name: str) -> tuple[str, ...]:
        """Every value of ``name``, in line order."""
        return self._values.get(name, ())

    def number(self, name: str) -> int | None:
        """The first value of ``name`` as an int (slots of ``<int:...>`` arguments)."""
        value = self.one(name)
        return int(value) if value is not None and value.isdigit() else None

    def __contains__(self, name: object) -> bool:
        return name in self._values


# --- Syntax tree -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Atom:
    """A keyword (``arg`` False, text lower case) or a typed argument (``text`` is its spec)."""

    text: str
    arg: bool
    slot: str | None


@dataclass(frozen=True, slots=True)
class _Group:
    branches: tuple[tuple[_Atom | _Group, ...], ...]
    optional: bool
    repeat: bool
    slot: str | None
    # Whether one pass may match no word (a branch of groups that all may): what the group
    # gives when the words have run out (``_group``).
    empty: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "empty", not self.repeat and any(
            all(isinstance(item, _Group) and (item.optional or item.empty) for item in branch)
            for branch in self.branches))


_Item = _Atom | _Group
# Decides whether a canonical word is accepted by an argument spec (``int:1-10``, ``ip``, ...).
Accepts = Callable[[str, str], bool]
_Caps = tuple[tuple[str, str], ...]


class _TreeParser:
    def __init__(self, syntax: str) -> None:
        self.items = SYNTAX_TOKEN.findall(syntax)
        self.pos = 0

    def sequence(self, closers: tuple[str, ...]) -> tuple[_Item, ...]:
        out: list[_Item] = []
        while self.pos < len(self.items) and self.items[self.pos] not in closers:
            tok = self.items[self.pos]
            self.pos += 1
            if tok in ("[", "{"):
                out.append(self.group(tok))
            elif tok.startswith("<"):
                spec, slot = split_slot(tok[1:-1])
                out.append(_Atom(spec, True, slot))
            else:
                word, slot = split_slot(tok)
                out.append(_Atom(word.lower(), False, slot))
        return tuple(out)

    def group(self, opener: str) -> _Group:
        close = "]" if opener == "[" else "}"
        branches = [self.sequence((close, "|"))]
        while self.pos < len(self.items) and self.items[self.pos] == "|":
            self.pos += 1
            branches.append(self.sequence((close, "|")))
        self.pos += 1  # the closer
        repeat = self._take("+")
        slot = None
        if self.pos < len(self.items) and self.items[self.pos].startswith("="):
            slot = self.items[self.pos][1:]
            self.pos += 1
        return _Group(tuple(branches), opener == "[", repeat, slot)

    def _take(self, item: str) -> bool:
        if self.pos < len(self.items) and self.items[self.pos] == item:
            self.pos += 1
            return True
        return False


@lru_cache(maxsize=4096)
def _tree(syntax: str) -> tuple[tuple[_Item, ...], tuple[_Atom, ...] | None]:
    """The syntax tree of a command, and the same items when they are all atoms (no group)."""
    items = _TreeParser(syntax).sequence(())
    atoms = tuple(item for item in items if isinstance(item, _Atom))
    return items, atoms if len(atoms) == len(items) else None


# --- Capture -----------------------------------------------------------------------------------


def _sequence(items: tuple[_Item, ...], pos: int, words: tuple[str, ...], i: int,
              accepts: Accepts) -> Iterator[tuple[int, _Caps]]:
    # The atoms up to the next group match one way or not at all: walked in a loop, so that
    # generators (the backtracking) are only made for groups.
    caps: _Caps = ()
    count = len(items)
    while pos < count:
        item = items[pos]
        if isinstance(item, _Group):
            for j, found in _group(item, words, i, accepts, skip=item.optional):
                for k, more in _sequence(items, pos + 1, words, j, accepts):
                    yield k, caps + found + more
            return
        if i >= len(words) or not (accepts(item.text, words[i]) if item.arg
                                   else words[i].lower() == item.text):
            return
        if item.slot:
            caps = (*caps, (item.slot, words[i]))
        pos += 1
        i += 1
    yield i, caps


def _group(group: _Group, words: tuple[str, ...], i: int, accepts: Accepts,
           *, skip: bool) -> Iterator[tuple[int, _Caps]]:
    if i == len(words):
        # No word left (a trailing ``[...]``: ~1 us of generators for ``ipv6 address``'s):
        # every reading is (i, no slot), found when the group may be skipped or passed empty.
        if skip or group.empty:
            yield i, ()
        return
    for branch in group.branches:
        for j, caps in _sequence(branch, 0, words, i, accepts):
            if j == i and group.repeat:
                continue  # an empty pass would repeat for ever
            own: _Caps = ((group.slot, " ".join(words[i:j])),) if group.slot and j > i else ()
            if group.repeat:
                for k, more in _group(group, words, j, accepts, skip=True):
                    yield k, own + caps + more
            else:
                yield j, own + caps
    if skip:
        yield i, ()


def _flat(atoms: tuple[_Atom, ...], words: tuple[str, ...], accepts: Accepts) -> Slots:
    # A syntax without groups reads one way: its atoms and the words pair off in order (a loop,
    # no generator: ~0.4 us less for ``ip address <ip=address> <mask=mask>``).
    if len(atoms) != len(words):
        return Slots()
    caps = []
    for item, word in zip(atoms, words, strict=True):
        if not (accepts(item.text, word) if item.arg else word.lower() == item.text):
            return Slots()
        if item.slot:
            caps.append((item.slot, word))
    return Slots(tuple(caps))


def capture(syntax: str, words: tuple[str, ...], accepts: Accepts) -> Slots:
    """The slots a line's canonical ``words`` fill in ``syntax`` (empty when none match).

    Not cached: ``Match.slots`` is read once per line by the model reader, whose own cache
    keeps the slots; a cache here only cost a line ~0.5 us (its key and entry)."""
    items, atoms = _tree(syntax)
    if atoms is not None:
        return _flat(atoms, words, accepts)
    for end, caps in _sequence(items, 0, words, 0, accepts):
        if end == len(words):
            return Slots(caps)
    return Slots()
