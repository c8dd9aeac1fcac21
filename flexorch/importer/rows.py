"""Reading a config block into an intent block: line tables, the inverse of the templates.

Each block kind has a table of ``Row``s: a regular expression over a canonical child line (the
spelling ``normalize_config`` gives, which is the spelling the templates render) and what the
line sets in the block's intent dict. A child line no row reads, or a line whose value the
intent model refuses (a description with a double quote, an algorithm the model does not
know), is kept verbatim in the block's ``extra_lines`` (``flexorch.intent.raw``; a line whose
key no typed key holds, an NHRP password say, as ``{line, secret, rest}`` with the key in the
secrets folder); a line that cannot be kept either way (a key of a kind the intent types, or
not printable ASCII) is ``unexpressed``: import lists it and exits 1.

Every block is validated by its intent model and written as the model dumps it (defaults left
out), so what import writes is exactly what the loader will read back.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from flexorch.intent.raw import RawLine
from flexorch.ios.config import Node
from flexorch.ios.facts import MASKED_RAW_LINE_PATTERNS, mask_config_secrets, split_secret

Data = dict[str, Any]
# Stores what a line says; False when the block already holds that single value (a second
# ``match address local interface``): the intent cannot hold both, the line is kept verbatim.
Store = Callable[["Reading", re.Match[str]], bool | None]
Sub = Callable[["Reading", Node], None]
Secret = Callable[[str, str], dict[str, str]]  # (key as the line gives it, label) -> reference


@dataclass(frozen=True)
class Row:
    """One line shape of a block: ``pattern`` (full match) and what it stores."""

    pattern: re.Pattern[str]
    store: Store
    field: str  # the block's top-level field the line sets (to undo it when refused)


def row(pattern: str, field_: str, value: Callable[[re.Match[str]], Any] | None = None) -> Row:
    """``field = value(match)`` (default: the first group, as written)."""
    get = value or (lambda m: m.group(1))

    def store(reading: Reading, m: re.Match[str]) -> bool:
        if field_ in reading.data:
            return False
        reading.data[field_] = get(m)
        return True

    return Row(re.compile(pattern), store, field_)


def secret(pattern: str, field_: str, label: str) -> Row:
    """A key (the group named ``key``: ``[6|7] VALUE``) stored as a secret reference at
    ``field``; ``label`` names it."""

    def store(reading: Reading, m: re.Match[str]) -> bool:
        if field_ in reading.data:
            return False
        reading.data[field_] = reading.secret(m.group("key"), f"{reading.label}-{label}")
        return True

    return Row(re.compile(pattern), store, field_)


def flag(pattern: str, field_: str, value: Any = True) -> Row:
    """``field = value`` when the line is present (``shutdown``, ``no config-exchange ...``)."""
    return row(pattern, field_, lambda m: value)


def append(pattern: str, field_: str, value: Callable[[re.Match[str]], Any] | None = None) -> Row:
    """One more list entry per line (``match identity remote ...``, ``proposal X``)."""
    get = value or (lambda m: m.group(1))

    def store(reading: Reading, m: re.Match[str]) -> None:
        reading.data.setdefault(field_, []).append(get(m))

    return Row(re.compile(pattern), store, field_)


def nested(pattern: str, field_: str, key: str,
           value: Callable[[re.Match[str]], Any] | None = None) -> Row:
    """``field[key] = value(match)``: one key of a nested model (``lifetime.seconds``)."""
    get = value or (lambda m: m.group(1))

    def store(reading: Reading, m: re.Match[str]) -> bool:
        block = reading.data.setdefault(field_, {})
        if key in block:
            return False
        block[key] = get(m)
        return True

    return Row(re.compile(pattern), store, field_)


def words(m: re.Match[str], group: int = 1) -> list[str]:
    """The words of a group (``encryption aes-gcm-256 aes-cbc-256``)."""
    return m.group(group).split()


def numbers(m: re.Match[str], group: int = 1) -> list[int]:
    """The words of a group as integers (``group 21 20``)."""
    return [int(w) for w in m.group(group).split()]


def integer(m: re.Match[str], group: int = 1) -> int:
    return int(m.group(group))


@dataclass(frozen=True)
class Unexpressed:
    """A line import cannot write: where it is, the line, and why."""

    source: str
    path: tuple[str, ...]
    line: str
    reason: str

    def __str__(self) -> str:
        """One line for the report; a key the line carries is masked (it is quoted inside the
        report line, where the line-start secret patterns of ``mask()`` would not see it)."""
        where = " > ".join(self.path)
        return f"{self.source}: {where}: '{mask_config_secrets(self.line)}': {self.reason}"


@dataclass
class Reading:
    """What reading one block found: its intent data, the lines each field came from, the lines
    kept verbatim and those that cannot be kept."""

    source: str
    path: tuple[str, ...]
    label: str  # names the block's secrets: ``<host>-<block>-<name>``
    secret: Secret = field(repr=False)
    data: Data = field(default_factory=dict)
    lines: dict[str, list[str]] = field(default_factory=dict)  # field -> lines that set it
    extra: list[str | dict[str, Any]] = field(default_factory=list)
    unexpressed: list[Unexpressed] = field(default_factory=list)

    def keep(self, text: str) -> None:
        """Keep ``text`` verbatim in extra_lines (a line carrying a key no typed key holds: as
        ``{line, secret, rest}``, the key in the secrets folder), or list it as unexpressed."""
        for pattern in MASKED_RAW_LINE_PATTERNS:
            found = split_secret(pattern, text)
            if found is not None:
                head, key, rest = found[0].rstrip(), found[1], found[2]
                # the key as the router shows it (a type 7 string stays one: the line says 7)
                ref = self.secret(key, f"{self.label}-{_slug_words(head)}")
                self.extra.append({"line": head, "secret": ref, **({"rest": rest} if rest else {})})
                return
        try:
            _RAW.validate_python(text)
        except ValidationError as exc:
            reason = exc.errors(include_url=False)[0]["msg"].removeprefix("Value error, ")
            self.unexpressed.append(Unexpressed(self.source, self.path, text, reason))
            return
        self.extra.append(text)

    def child(self, header: str, label: str) -> Reading:
        """A reading of a block nested in this one (a keyring's peer)."""
        return Reading(self.source, (*self.path, header), f"{self.label}-{label}", self.secret)

    def keep_subtree(self, node: Node, depth: int = 0) -> None:
        """Keep a child line and, one space deeper each, the lines under it."""
        self.keep(" " * depth + node.text)
        for child in node.children:
            self.keep_subtree(child, depth + 1)


_RAW: TypeAdapter[str] = TypeAdapter(RawLine)


def _slug_words(line: str) -> str:
    """The first three words of a line, joined: names its key (``ip-nhrp-authentication``)."""
    return "-".join(line.split()[:3])


def read_lines(reading: Reading, nodes: Iterable[Node], rows: Sequence[Row],
               subs: dict[str, Sub] | None = None) -> None:
    """Apply the first matching row to each child line; a child with children goes to the
    ``subs`` reader named by its first word (``peer`` of a keyring), others are kept."""
    for node in nodes:
        if node.children:
            sub = (subs or {}).get(node.text.split(maxsplit=1)[0])
            if sub is not None:
                sub(reading, node)
            else:
                reading.keep_subtree(node)
            continue
        for r in rows:
            m = r.pattern.fullmatch(node.text)
            if m is not None:
                if r.store(reading, m) is False:
                    reading.keep(node.text)
                else:
                    reading.lines.setdefault(r.field, []).append(node.text)
                break
        else:
            reading.keep(node.text)


_DUMPED: dict[tuple[type[BaseModel], str], Data] = {}


def _dumped(model: type[BaseModel], data: Data) -> Data:
    """``model``'s dump of ``data``; a block seen before (the same proposal on every spoke) is
    validated once. Raises ValidationError."""
    key = (model, json.dumps(data, sort_keys=True))
    found = _DUMPED.get(key)
    if found is None:
        found = model.model_validate(data).model_dump(mode="json", exclude_defaults=True)
        if len(_DUMPED) < _MEMO_SIZE:
            _DUMPED[key] = found
    return found  # shared between routers: import never changes a block once read


_MEMO_SIZE = 100_000


def validated(reading: Reading, model: type[BaseModel]) -> Data | None:
    """The block's data validated by ``model`` and dumped as the inventory writes it; a field
    the model refuses is taken out and its lines kept verbatim, until the rest validates.
    None (with the block's lines unexpressed) when the block cannot be written at all."""
    data = dict(reading.data)
    for _ in range(len(data) + 1):
        candidate = {**data, "extra_lines": reading.extra} if reading.extra else data
        try:
            return _dumped(model, candidate)
        except ValidationError as exc:
            refused = {str(e["loc"][0]) for e in exc.errors(include_url=False) if e["loc"]}
            refused &= set(data)
            if not refused:
                reason = exc.errors(include_url=False)[0]["msg"].removeprefix("Value error, ")
                reading.unexpressed.append(Unexpressed(
                    reading.source, reading.path, " | ".join(reading.path), reason))
                return None
            for name in sorted(refused):
                del data[name]
                for line in reading.lines.pop(name, []):
                    reading.keep(line)
    return None
