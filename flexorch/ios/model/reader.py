"""The grammar-driven block reader every ``read_*`` module of the model is built on.

A block (a header line and its children) is read by folding its child lines, one at a time, into
a frozen value with a table of rows (``Rows``). The grammar matches each line in the mode the
header opens; the row for the command it matched, keyed by the literal keywords its syntax
starts with (``"ip address"``, ``"tunnel protection ipsec profile"``), returns the value with the
line applied, taking what it needs from the match's named slots (``<word=name>`` in
``flexorch.ios.cli.commands``). A ``no`` line is looked up by its canonical words (``"no
config-exchange request"``). A row of a line that opens a sub-mode reads its children with
``Line.block`` and another table.

Nothing is dropped silently: a line no row reads and no ``ignored`` entry excuses (each entry says
why the model leaves such lines alone) is recorded as ``Unread`` with its block path and line
number, so a test can assert that a real config was read whole.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, is_dataclass, replace
from functools import lru_cache, partial
from types import MemberDescriptorType
from typing import Any, Final, Generic, TypeVar, cast, overload

from flexorch.ios.cli import Command, interface_mode, match_cached
from flexorch.ios.cli.slots import SYNTAX_TOKEN, Slots, split_slot
from flexorch.ios.config import Node
from flexorch.ios.facts.rules import GUIDE_ERRATA

__all__ = ["Line", "NotRead", "Reading", "Row", "Rows", "Unread", "command_key", "evolve",
           "flat_state", "need", "need_number", "once"]

T = TypeVar("T")
B = TypeVar("B")


@dataclass(frozen=True, slots=True)
class Unread:
    """A line inside a block the model reads that no reader row understood.

    ``path``: the header lines of the blocks it sits in, outermost first; ``line``: its 1-based
    line number in the text read (0 when the tree was not read from text)."""

    path: tuple[str, ...]
    text: str
    line: int = 0

    def __str__(self) -> str:
        where = " > ".join(self.path) or "(top level)"
        return f"line {self.line}: {where}: {self.text}"


class NotRead(ValueError):
    """Raised by a row for a line the grammar accepts but whose values do not hold (a mask
    that is not contiguous, ...): the reader records the line as unread."""


def need(slots: Slots, name: str) -> str:
    """The value of a slot the row cannot do without (raises ``NotRead`` when it is empty)."""
    value = slots.one(name)
    if value is None:
        raise NotRead(name)
    return value


def need_number(slots: Slots, name: str) -> int:
    """The int value of a slot the row cannot do without (``NotRead`` when it is empty)."""
    value = slots.number(name)
    if value is None:
        raise NotRead(name)
    return value


@lru_cache(maxsize=256)
def _copier(cls: type) -> tuple[Callable[[object], Any], frozenset[str]] | None:
    """A function copying every field of dataclass ``cls`` into a new instance, written for the
    class as ``dataclasses`` writes an ``__init__`` (one set per field, no loop), and the field
    names; None when a copy must run ``__init__`` (a ``__post_init__``, fields it computes)."""
    if hasattr(cls, "__post_init__") or any(not f.init for f in fields(cls)):
        return None
    names = [f.name for f in fields(cls)]  # identifiers: safe in the source below
    scope: dict[str, Any] = {"make": object.__new__, "cls": cls, **_setters(cls, names)}
    body = "".join(f"    set_{name}(new, value.{name})\n" for name in names)
    exec(f"def copy(value):\n    new = make(cls)\n{body}    return new\n", scope)
    return scope["copy"], frozenset(names)


def _setters(cls: type, names: list[str]) -> dict[str, Callable[[object, object], None]]:
    """``set_NAME(obj, value)`` per field of ``cls``: its slot's own ``__set__`` when the class
    has slots (the model's frozen values), else ``object.__setattr__`` with the name. A slot's
    setter skips the attribute lookup by name: copying a profile's 34 fields took 2.7 us with
    ``object.__setattr__``, 1.5 us so (a row copies its value once per line it applies)."""
    setters: dict[str, Callable[[object, object], None]] = {}
    for name in names:
        slot = cls.__dict__.get(name)
        if isinstance(slot, MemberDescriptorType):
            setters[f"set_{name}"] = slot.__set__
        else:
            setters[f"set_{name}"] = partial(_set_named, name)
    return setters


def _set_named(name: str, obj: object, value: object) -> None:
    object.__setattr__(obj, name, value)


class once(Generic[T]):
    """``functools.cached_property`` without its lock, for the model's values and those derived
    from them: Python 3.11's takes an ``RLock`` on every first read (1.3 us, 0.5 us so; lint's
    negotiation reads three of these per router cold, the configs coming from its workers
    unread). The value goes into the instance's ``__dict__`` under the same name, so later
    reads never reach this descriptor (the class needs a ``__dict__``: no slots). Two threads
    reading it first at once may both compute it: the values are equal (derived from frozen
    values), and a lost ``memo`` entry is only computed again."""

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> once[T]: ...

    @overload
    def __get__(self, obj: object, owner: type | None = None) -> T: ...

    def __get__(self, obj: object, owner: type | None = None) -> T | once[T]:
        if obj is None:
            return self
        value: T = self.func(obj)
        obj.__dict__[self.name] = value
        return value


def evolve(value: T, **changes: object) -> T:
    """``dataclasses.replace`` for the model's frozen values, without running ``__init__``: a row
    makes one copy per line it applies, and ``replace`` builds the arguments of every field
    (thirty of an interface or a profile) and passes them through ``__init__``; this copies the
    fields as they are and sets ``changes``, about three times as fast. Raises ``TypeError``
    for a name that is no field."""
    kind: type = type(value)
    copier = _copier(kind)
    if copier is None:
        return cast("T", replace(cast("Any", value), **changes))
    copy, known = copier
    if not known.issuperset(changes):
        raise TypeError(f"{kind.__name__} has no field {set(changes) - known}")
    new: T = copy(value)
    for name, item in changes.items():
        object.__setattr__(new, name, item)
    return new


def flat_state(cls: type[T]) -> type[T]:
    """``cls`` (a frozen dataclass with slots) pickled as the tuple of its field values, by a
    ``__getstate__`` and a ``__setstate__`` written for the class as ``_copier`` writes a copy
    (one read or set per field, no loop). The pair ``dataclasses`` gives such a class (Python
    3.11) calls ``fields()`` for every object pickled or unpickled: lint's worker processes
    send each router's model back pickled, and at 10,000 spokes that pair was a fifth of the
    time this process spent taking the models in (measured: 57 -> 39 us to load a spoke's
    model, 53 -> 33 us to dump it). The state is the field values in field order, as the
    pair ``dataclasses`` writes (a list there): either loads with either. Any other class is
    returned unchanged."""
    getstate = getattr(cls, "__getstate__", None)
    if not is_dataclass(cls) or getattr(getstate, "__qualname__", "") != "_dataclass_getstate":
        return cls
    names = [f.name for f in fields(cls)]  # identifiers: safe in the source below
    sets = "".join(f"    set_{name}(self, state[{i}])\n" for i, name in enumerate(names))
    scope: dict[str, Any] = _setters(cls, names)
    exec("def __getstate__(self):\n    return (" + "".join(f"self.{n}, " for n in names)
         + ")\ndef __setstate__(self, state):\n" + (sets or "    pass\n"), scope)
    setattr(cls, "__getstate__", scope["__getstate__"])  # noqa: B010  (a method replaced)
    setattr(cls, "__setstate__", scope["__setstate__"])  # noqa: B010
    return cls


@lru_cache(maxsize=4096)
def _syntax_keywords(syntax: str) -> str:
    words: list[str] = []
    for item in SYNTAX_TOKEN.findall(syntax):
        if item[0] in "<[{|":
            break
        words.append(split_slot(item)[0].lower())
    return " ".join(words)


def command_key(command: Command) -> str:
    """The literal keywords a command's syntax starts with: the key of its reader row."""
    return _syntax_keywords(command.syntax)


class Line:
    """One line handed to a row: its slots, canonical text, node, and where it sits. (A plain
    slotted class: one is made per line read.)"""

    __slots__ = ("node", "opens", "path", "reading", "slots", "text")

    def __init__(self, slots: Slots, text: str, node: Node, path: tuple[str, ...],
                 opens: str | None, reading: Reading) -> None:
        self.slots = slots
        self.text = text  # canonical text (IOS's spelling of every keyword)
        self.node = node
        self.path = path  # the blocks this line sits in
        self.opens = opens  # the mode this line opens, when it is a block header
        self.reading = reading

    def block(self, rows: Rows[B], start: B) -> B:
        """This line's children read as a block with ``rows``, folded from ``start``."""
        return self.reading.block(rows, self.opens, self.node, self.path, start)

    def append(self, value: B, name: str, item: object) -> B:
        """``value`` unchanged, with ``item`` to be added to its tuple field ``name`` once the
        block ends: a hub's keyring holds a peer per spoke, and adding them one at a time
        copies the tuple each time (quadratic in the spokes). A row that appends to a field
        must not read it (the items are not in it before the block ends)."""
        self.reading.items[-1].setdefault(name, []).append(item)
        return value

    def block_unread(self, rows: Rows[B], start: B) -> tuple[B, tuple[str, ...]]:
        """``block``, and the texts of the block's lines no row read."""
        before = len(self.reading.unread)
        value = self.block(rows, start)
        return value, tuple(u.text for u in self.reading.unread[before:])


Row = Callable[[T, Line], T]


@dataclass(frozen=True)
class Rows(Generic[T]):
    """How one mode's lines fold into a value.

    ``read``: row per command key (``command_key``); ``negated``: row per canonical ``no``
    line; ``ignored``: word prefix -> why the model leaves such lines alone (not FlexVPN-relevant;
    matched on the line without a leading ``no``); ``scope``: when given, only lines under these
    word prefixes are reported unread (the top level, where most lines are not the model's)."""

    read: Mapping[str, Row[T]]
    negated: Mapping[str, Row[T]] = field(default_factory=dict)
    ignored: Mapping[str, str] = field(default_factory=dict)
    scope: tuple[str, ...] = ()

    def ignores(self, text: str) -> bool:
        """True when an unread ``text`` is not to be reported."""
        heads = _heads(text.removeprefix("no "))
        if self.scope and not any(h in self.scope for h in heads):
            return True
        return any(h in self.ignored for h in heads)


def _heads(text: str) -> list[str]:
    """The first 1..5 words of a line, each joined: what a word prefix is compared with."""
    words = text.split(maxsplit=5)[:5]
    return [" ".join(words[:n]) for n in range(1, len(words) + 1)]


@dataclass(frozen=True, slots=True)
class _Found:
    """What the grammar says about one line in one mode (cached per line text)."""

    key: str  # row key ("" for ``exit`` and the like)
    negated: bool
    slots: Slots
    canonical: str
    opens: str | None  # the mode the line opens (a block header)


# Errata of the FlexVPN guide that misspell a real command: configs written from the guide read
# as the command IOS has (the other errata are wrong commands and stay unread).
_MISSPELLED: Final = ("match vrf any", "crypto ikev2 limit max-in-negotiation sa")
_RESPELL: Final = {wrong: right for wrong, right, _ in GUIDE_ERRATA
                   if wrong in _MISSPELLED and right is not None}


def _errata(text: str) -> str | None:
    for wrong, right in _RESPELL.items():
        if text == wrong or text.startswith(wrong + " "):
            return right + text[len(wrong):]
    return None


@lru_cache(maxsize=200_000)
def _lookup(mode: str, text: str) -> _Found | None:
    """The row key of a line in a mode, or None when the grammar does not know the line."""
    found = _match(mode, text)
    if found is None and (fixed := _errata(text)) is not None:
        return _match(mode, fixed)
    return found


def _match(mode: str, text: str) -> _Found | None:
    # A config is read as IOS shows it (every keyword in full): see ``CompiledMode.match``.
    if text.startswith("no "):
        match = match_cached(mode, text, 1, shown=True)
        if match.status not in ("ok", "incomplete") or not match.words:
            return None
        return _Found("no " + " ".join(match.words), True, match.slots, match.canonical, None)
    match = match_cached(mode, text, 0, shown=True)
    command = match.command
    if not match.ok or command is None:
        return None
    if command.action:
        return _Found("", False, Slots(), match.canonical, None)
    opens = command.opens
    if opens == "interface":
        opens = interface_mode(match.canonical)
    return _Found(command_key(command), False, match.slots, match.canonical, opens)


def _texts(node: Node) -> tuple[object, ...]:
    return tuple((child.text, _texts(child) if child.children else ()) for child in node.children)


def _row(rows: Rows[T], found: _Found) -> Row[T] | None:
    """The row of ``rows`` reading a line the grammar found to be ``found``."""
    return (rows.negated if found.negated else rows.read).get(found.key)


_BLOCKS: dict[tuple[object, ...], object] = {}
_BLOCKS_MAX: Final = 20_000


class Reading:
    """One reading of a config: the block fold, and the unread lines it met."""

    def __init__(self) -> None:
        self.unread: list[Unread] = []
        # Per block being read, innermost last: tuple field -> items appended (``Line.append``).
        self.items: list[dict[str, list[object]]] = []

    def block(self, rows: Rows[T], mode: str | None, node: Node, path: tuple[str, ...],
              start: T) -> T:
        """Fold ``node``'s children into ``start`` with ``rows`` (children matched in
        ``mode``; None: a header the grammar does not know, every child is unread).

        A block read whole is remembered by its text: the routers of a fleet repeat the same
        blocks (proposals, profiles, templates), and the values are immutable."""
        key = (id(rows), mode, start, _texts(node))
        known = _BLOCKS.get(key)
        if known is not None:
            return cast("T", known)
        inner = (*path, node.text)
        unread = len(self.unread)
        value = start
        self.items.append({})
        try:
            for child in node.children:
                value = self.line(rows, mode, child, inner, value)
        finally:
            items = self.items.pop()
        if items:
            value = evolve(value, **{
                name: (*getattr(value, name), *added) for name, added in items.items()})
        if len(self.unread) == unread:
            if len(_BLOCKS) >= _BLOCKS_MAX:
                _BLOCKS.clear()
            _BLOCKS[key] = value
        return value

    def line(self, rows: Rows[T], mode: str | None, node: Node, path: tuple[str, ...],
             value: T) -> T:
        """Apply one line to ``value`` with ``rows``; record it when no row reads it."""
        found = _lookup(mode, node.text) if mode is not None else None
        if found is not None and found.key == "":
            return value  # ``exit``, ``exit-address-family``: structure, nothing to read
        row = None if found is None else _row(rows, found)
        if found is None or row is None:
            self._unread(rows, node, path)
            return value
        try:
            return row(value, Line(found.slots, found.canonical, node, path, found.opens, self))
        except NotRead:
            self._unread(rows, node, path)
            return value

    @staticmethod
    def row_of(rows: Rows[T], mode: str, text: str) -> Row[T] | None:
        """The row ``line`` applies to a line ``text`` of ``mode`` (None: none, or the line is
        structure such as ``exit``)."""
        found = _lookup(mode, text)
        return None if found is None or found.key == "" else _row(rows, found)

    def _unread(self, rows: Rows[T], node: Node, path: tuple[str, ...]) -> None:
        if not rows.ignores(node.text):
            self.unread.append(Unread(path, node.text, node.line))
