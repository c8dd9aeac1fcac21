"""Walking the intent models' field tree (test helper): which fields hold numbers or flags, and
where a data document sets each model field."""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

Path = tuple[str | int, ...]


def _arms(tp: Any) -> list[Any]:
    """The alternatives of an annotation, with Annotated unwrapped."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _arms(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        return [arm for arg in typing.get_args(tp) for arm in _arms(arg)]
    return [tp]


def scalar_kind(tp: Any) -> str | None:
    """``number`` / ``flag`` for a field that holds (lists of) whole numbers or booleans."""
    for arm in _arms(tp):
        origin = typing.get_origin(arm)
        if origin is list:
            inner = scalar_kind(typing.get_args(arm)[0])
            if inner:
                return inner
        if arm is bool:
            return "flag"
        if arm is int:
            return "number"
        if origin is typing.Literal and all(
                isinstance(v, int) and not isinstance(v, bool) for v in typing.get_args(arm)):
            return "number"
    return None


def models(root: type[BaseModel]) -> list[type[BaseModel]]:
    """Every model class reachable from ``root`` through its fields."""
    seen: list[type[BaseModel]] = []

    def visit(tp: Any) -> None:
        for arm in _arms(tp):
            if isinstance(arm, type) and issubclass(arm, BaseModel) and arm not in seen:
                seen.append(arm)
                for info in arm.model_fields.values():
                    visit(info.annotation)
            for arg in typing.get_args(arm):
                visit(arg)

    visit(root)
    return seen


def scalar_fields(root: type[BaseModel]) -> dict[tuple[type[BaseModel], str], str]:
    """(model, field) -> ``number`` / ``flag`` for every such field under ``root``."""
    return {(cls, name): kind for cls in models(root)
            for name, info in cls.model_fields.items()
            if (kind := scalar_kind(info.annotation)) is not None}


def set_fields(tp: Any, data: Any, path: Path = ()) -> Iterator[tuple[type[BaseModel], str, Path]]:
    """(model, field, path in ``data``) for every model field ``data`` sets, validated as ``tp``."""
    for arm in _arms(tp):
        origin = typing.get_origin(arm)
        if isinstance(arm, type) and issubclass(arm, BaseModel) and isinstance(data, dict):
            for key, value in data.items():
                info = arm.model_fields.get(str(key))
                if info is None:
                    continue
                yield arm, str(key), (*path, key)
                yield from set_fields(info.annotation, value, (*path, key))
            return
        if origin is dict and isinstance(data, dict):
            for key, value in data.items():
                yield from set_fields(typing.get_args(arm)[1], value, (*path, key))
            return
        if origin is list and isinstance(data, list):
            for index, value in enumerate(data):
                yield from set_fields(typing.get_args(arm)[0], value, (*path, index))
            return
