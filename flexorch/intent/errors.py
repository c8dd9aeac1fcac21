"""Turn a pydantic validation error into one line: intent path + what is wrong, never a secret."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, NamedTuple

from pydantic import BaseModel, ValidationError

from flexorch.intent.strict import given
from flexorch.safetext import escape_control

# Field names whose values are secrets: their input is never echoed in a message.
SECRET_FIELDS = frozenset(
    {
        "password",
        "enable",
        "key",
        "psk",
        "pre_shared_key",
        "pre_shared_key_local",
        "pre_shared_key_remote",
    }
)
# pydantic's strict-mode type errors, worded with what YAML made of the value (``strict.given``).
_STRICT_TYPES = {"int_type": "a whole number", "bool_type": "true or false"}
_SECRET_HINT = "must be a secret reference ({env: VARIABLE} or {file: PATH}), never a literal value"


def _is_tag(part: Any) -> bool:
    # pydantic adds validator/union labels to locations ("function-after[...]", "str", ...).
    return isinstance(part, str) and ("[" in part or "(" in part or part in {"str", "int", "list"})


def clean_loc(loc: tuple[int | str, ...]) -> list[int | str]:
    """The location without pydantic's internal labels."""
    return [p for p in loc if not _is_tag(p)]


def format_path(parts: list[int | str]) -> str:
    """``['tunnels', 'Tunnel0', 'ipv6', 0]`` -> ``tunnels.Tunnel0.ipv6[0]``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif "." in str(part) or " " in str(part):
            out += f"['{part}']"
        else:
            out += ("." if out else "") + str(part)
    return out


def _unwrap(tp: Any) -> list[Any]:
    """Candidate inner types of an annotation (Annotated/Optional/Union/containers)."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(tp) for t in _unwrap(arg)]
    return [tp]


def model_at(root: type[BaseModel], parts: list[int | str]) -> type[BaseModel] | None:
    """The model class that owns the last part of ``parts`` (walking fields, dicts and lists)."""
    current: Any = root
    for part in parts[:-1]:
        found: Any = None
        for candidate in _unwrap(current):
            origin = typing.get_origin(candidate)
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                field = candidate.model_fields.get(str(part))
                if field is not None:
                    found = field.annotation
            elif origin is dict:
                found = typing.get_args(candidate)[1]
            elif origin is list:
                found = typing.get_args(candidate)[0]
            if found is not None:
                break
        if found is None:
            return None
        current = found
    for candidate in _unwrap(current):
        target = candidate
        if typing.get_origin(candidate) in (dict, list):
            target = next(iter(_unwrap(typing.get_args(candidate)[-1])), None)
        if isinstance(target, type) and issubclass(target, BaseModel):
            return target
    return None


def _short(value: Any) -> str:
    text = escape_control(repr(value))
    return text if len(text) <= 60 else text[:57] + "..."


class Problem(NamedTuple):
    """One validation problem: the intent path shown, the message, and the path of the YAML
    node to point the line number at (the offending key itself for an unknown key)."""

    path: list[int | str]
    message: str
    where: list[int | str]


def describe(
    exc: ValidationError, root: type[BaseModel] | None, prefix: list[int | str]
) -> Problem:
    """The first problem of ``exc``; ``prefix`` is prepended to its paths."""
    errors = exc.errors(include_url=False)
    # Prefer a real message over union noise ("Input should be a valid dictionary" for one member).
    error = next((e for e in errors if e["type"] == "value_error"), errors[0])
    parts = [*prefix, *clean_loc(error["loc"])]
    kind, msg, given_value = error["type"], error["msg"], error.get("input")
    secret = any(isinstance(p, str) and p in SECRET_FIELDS for p in parts)
    last = parts[-1] if parts else ""
    if kind == "extra_forbidden":
        owner = model_at(root, parts) if root is not None else None
        allowed = sorted(owner.model_fields) if owner is not None else []
        close = difflib.get_close_matches(str(last), allowed, n=1)
        hint = (
            f" (did you mean '{close[0]}'?)"
            if close
            else (f" (allowed: {', '.join(allowed)})" if allowed else "")
        )
        return Problem(parts[:-1], f"unknown key '{last}'{hint}", parts)
    if kind == "missing":
        hint = " (a secret reference {env: VARIABLE} or {file: PATH})" if secret else ""
        return Problem(parts[:-1], f"missing required key '{last}'{hint}", parts[:-1])
    if secret and kind in ("model_type", "model_attributes_type", "dict_type", "string_type"):
        return Problem(parts, _SECRET_HINT, parts)
    if kind == "value_error":
        return Problem(parts, msg.removeprefix("Value error, "), parts)
    if kind in _STRICT_TYPES and not secret:
        return Problem(parts, f"must be {_STRICT_TYPES[kind]}, got {given(given_value)}", parts)
    text = msg.replace("Input should be", "must be").replace("Input is", "is")
    text = text[0].lower() + text[1:] if text else "invalid value"
    if not secret and not isinstance(given_value, dict | list):
        text += f", got {_short(given_value)}"
    return Problem(parts, text, parts)
