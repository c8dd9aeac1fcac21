"""Strict scalar types for the intent: numbers that refuse booleans, booleans that refuse numbers.

YAML reads ``true``/``false``/``yes``/``no``/``on``/``off`` as booleans, and Python's ``bool`` is an
``int``: left to pydantic's lax mode, ``cookie_challenge: false`` would load as ``0`` and render
``crypto ikev2 cookie-challenge 0`` (challenge every request: the opposite of what was meant), and
``nat_keepalive: true`` would render ``nat keepalive 1``. Every number of the intent is an ``Int``
(or a ``Literal`` of numbers wrapped in ``Int``'s validator) and every flag a ``Flag``, so such a
value is refused with a message saying what YAML made of it (``flexorch.intent.errors.describe``
words pydantic's strict-mode errors with ``given``). Ranges stay ``Field(ge=, le=)`` on top
(``Annotated[Int, Field(ge=1, le=255)]``); the JSON Schema is unchanged (``integer``,
``boolean``, ``minimum``/``maximum``).
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, Strict


def given(value: Any) -> str:
    """What a refused value is, in YAML's terms (``the boolean false``, ``the text '10'``)."""
    if isinstance(value, bool):
        return (f"the boolean {str(value).lower()} (YAML reads true/false/yes/no/on/off as "
                "booleans)")
    if isinstance(value, str):
        return f"the text '{value}'" if len(value) <= 40 else "a text"
    if isinstance(value, int | float):
        return f"the number {value}"
    return {dict: "a mapping", list: "a list", type(None): "nothing (null)"}.get(
        type(value), type(value).__name__)


def whole_number(value: Any) -> Any:
    """``value`` when it is an integer and not a boolean; raises ValueError otherwise. For
    ``Literal`` numbers (``Annotated[Literal[1, 2], BeforeValidator(whole_number)]``), which
    pydantic's ``Strict`` does not apply to (it would take ``true`` as ``1``)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"must be a whole number, got {given(value)}")
    return value


Int = Annotated[int, Strict()]
"""A whole number (booleans, floats and numeric text refused)."""

Flag = Annotated[bool, Strict()]
"""true or false (numbers and text refused)."""

Port = Annotated[Int, Field(ge=1, le=65535)]
Seconds = Annotated[Int, Field(ge=0)]
Positive = Annotated[Int, Field(ge=1)]
