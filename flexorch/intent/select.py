"""Which hosts a command acts on: ``--host``, ``--group``, ``--role`` and ``--filter EXPR``, within
``--site``.

``--filter`` takes Nornir's ``F`` filter syntax as text, parsed here (never evaluated as
Python): conditions ``field=value`` or ``field__op=value``, combined with ``&`` (and), ``|``
(or), ``~`` (not) and parentheses; ``&`` binds tighter than ``|``::

    role=spoke&groups__contains=hub1_spokes
    ~name__startswith=h1-|site=hub2

Fields: ``name``, ``hostname``, ``port``, ``platform``, ``site``, ``role`` (single values) and
``groups`` (the host's own groups, as Nornir's ``groups__contains`` reads them), ``hubs`` (lists).
Operators: none (equals), ``contains`` (a list holds the value; a text contains it), ``in``
(the value is one of a comma-separated list), ``startswith``, ``endswith``, ``any`` (a list
holds one of a comma-separated list), ``all`` (a list holds all of them).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from flexorch.errors import BadInputError

if TYPE_CHECKING:
    from flexorch.intent.host import HostIntent

Predicate = Callable[["HostIntent"], bool]

SINGLE: Final = ("name", "hostname", "port", "platform", "site", "role")
LISTS: Final = ("groups", "hubs")
FIELDS: Final = SINGLE + LISTS
# operator -> (applies to single values, applies to lists, test(field value, filter value))
_OPS: Final[dict[str, tuple[bool, bool, Callable[[object, str], bool]]]] = {
    "eq": (True, False, lambda have, want: str(have) == want),
    "contains": (True, True, lambda have, want: want in have
                 if isinstance(have, list) else want in str(have)),
    "in": (True, False, lambda have, want: str(have) in want.split(",")),
    "startswith": (True, False, lambda have, want: str(have).startswith(want)),
    "endswith": (True, False, lambda have, want: str(have).endswith(want)),
    "any": (False, True, lambda have, want: any(v in have  # type: ignore[operator]
                                                for v in want.split(","))),
    "all": (False, True, lambda have, want: all(v in have  # type: ignore[operator]
                                                for v in want.split(","))),
}
_TOKEN: Final = re.compile(r"\s*(?:(?P<op>[&|~()])|(?P<cond>[^&|~()]+))")


def _value(host: HostIntent, field: str) -> object:
    if field == "name":
        return host.name
    value = getattr(host, field)
    return list(value) if field in LISTS else value


@dataclass
class _Parser:
    text: str
    tokens: list[tuple[str, str, int]]  # (kind, text, position)
    at: int = 0

    def fail(self, message: str, position: int | None = None) -> BadInputError:
        where = position if position is not None else (
            self.tokens[self.at][2] if self.at < len(self.tokens) else len(self.text))
        return BadInputError(f"--filter {self.text!r}: at character {where + 1}: {message}")

    def peek(self) -> str | None:
        return self.tokens[self.at][1] if self.at < len(self.tokens) else None

    def expr(self) -> Predicate:
        alternatives = [self.term()]
        while self.peek() == "|":
            self.at += 1
            alternatives.append(self.term())
        return lambda h: any(test(h) for test in alternatives)

    def term(self) -> Predicate:
        conditions = [self.factor()]
        while self.peek() == "&":
            self.at += 1
            conditions.append(self.factor())
        return lambda h: all(test(h) for test in conditions)

    def factor(self) -> Predicate:
        if self.at >= len(self.tokens):
            raise self.fail("a condition (field=value) is missing")
        kind, text, position = self.tokens[self.at]
        self.at += 1
        if text == "~":
            inner = self.factor()
            return lambda h: not inner(h)
        if text == "(":
            inner = self.expr()
            if self.peek() != ")":
                raise self.fail("')' expected")
            self.at += 1
            return inner
        if kind == "op":
            raise self.fail(f"'{text}' where a condition (field=value) was expected", position)
        return self.condition(text.strip(), position)

    def condition(self, text: str, position: int) -> Predicate:
        key, sep, want = text.partition("=")
        if not sep or not key.strip() or not want.strip():
            raise self.fail(f"'{text}' is not field=value (e.g. role=spoke)", position)
        field, _, op = key.strip().partition("__")
        op = op or "eq"
        if field not in FIELDS:
            close = difflib.get_close_matches(field, FIELDS, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"fields: {', '.join(FIELDS)}"
            raise self.fail(f"unknown field '{field}' ({hint})", position)
        if op not in _OPS:
            close = difflib.get_close_matches(op, [o for o in _OPS if o != "eq"], n=1)
            hint = f"did you mean '__{close[0]}'?" if close else (
                "operators: " + ", ".join(f"__{o}" for o in _OPS if o != "eq"))
            raise self.fail(f"unknown operator '__{op}' ({hint})", position)
        single, lists, test = _OPS[op]
        if field in LISTS and not lists:
            raise self.fail(f"{field} is a list: use {field}__contains=, __any= or __all=",
                            position)
        if field in SINGLE and not single:
            raise self.fail(f"{field} is a single value: __{op} applies to groups and hubs",
                            position)
        value = want.strip()
        return lambda h: test(_value(h, field), value)


def parse_filter(text: str) -> Predicate:
    """The predicate of a ``--filter`` expression. Raises BadInputError naming the character
    where the expression goes wrong (unknown field or operator with a did-you-mean, a missing
    condition or parenthesis)."""
    tokens: list[tuple[str, str, int]] = []
    position = 0
    while position < len(text):
        found = _TOKEN.match(text, position)
        if found is None or found.end() == position:
            break
        kind = "op" if found.group("op") else "cond"
        value = found.group(kind)
        if kind == "cond" and not value.strip():
            break
        tokens.append((kind, value, found.start(kind)))
        position = found.end()
    parser = _Parser(text, tokens)
    predicate = parser.expr()
    if parser.at < len(tokens):
        raise parser.fail(f"unexpected '{tokens[parser.at][1]}'")
    return predicate
