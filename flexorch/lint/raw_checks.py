"""FV601: lines kept verbatim (``extra_lines``, ``flexorch.intent.raw``).

``flexorch import`` keeps every line of a block that no typed key renders as ``extra_lines``
(NHRP and routing lines of a DMVPN tunnel, an option the intent does not model), so plan keeps
them on the router. flexorch renders such a line exactly as written and checks nothing in it:
neither lint nor the negotiation model know what it does. The finding says so, per block, so a
reader of the inventory knows which blocks carry unchecked lines.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any, get_args

from pydantic import BaseModel

from flexorch.intent.raw import raw_text
from flexorch.lint.context import HostCtx
from flexorch.lint.findings import Part
from flexorch.secrets import MASK


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    """The model classes an annotation names (``dict[str, Block] | None`` -> ``Block``)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in get_args(annotation):
        yield from _models_in(arg)


@cache
def _walked(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``model`` that can hold, at any depth, a block with ``extra_lines``: the
    others are never walked (a host has hundreds of fields, few of them blocks: walking every
    one was most of lint's per-host time on 10,000 spokes). The intent's models nest without
    cycles."""
    return tuple(name for name, field in model.model_fields.items()
                 if name != "extra_lines" and any(
                     "extra_lines" in inner.model_fields or _walked(inner)
                     for inner in _models_in(field.annotation)))


@cache
def _model_walk(cls: type) -> tuple[str, ...] | None:
    """``_walked(cls)`` for a model class, None for any other (by class: ``isinstance`` of a
    model goes through pydantic's ABC metaclass: the walk 13.6 -> 12.9 us a spoke)."""
    return _walked(cls) if issubclass(cls, BaseModel) else None


def _raw_blocks(value: Any, path: tuple[Part, ...],
                out: list[tuple[tuple[Part, ...], list[str]]]) -> None:
    """Append to ``out`` each block under ``value`` (at ``path``) with ``extra_lines``, in
    field order (a list filled by plain recursion: nested generators cost 6 us of a spoke's
    17)."""
    walked = _model_walk(value.__class__)
    if walked is not None:
        # a model's fields are its __dict__ (asking one without the field through pydantic's
        # ``__getattr__`` cost 4 us: two per spoke of a generated site)
        fields = value.__dict__
        lines = fields.get("extra_lines")
        if lines:  # a line carrying a key by reference is shown with its key masked
            out.append((path, [raw_text(line, lambda ref: MASK) for line in lines]))
        for name in walked:
            item = fields[name]
            if item:
                _raw_blocks(item, (*path, name), out)
    elif isinstance(value, dict):
        for key, item in value.items():
            _raw_blocks(item, (*path, str(key)), out)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _raw_blocks(item, (*path, index), out)


def check_raw_lines(ctx: HostCtx) -> None:
    """FV601: a block with ``extra_lines``."""
    found: list[tuple[tuple[Part, ...], list[str]]] = []
    _raw_blocks(ctx.host, (), found)
    for path, lines in found:
        more = f" and {len(lines) - 1} more" if len(lines) > 1 else ""
        ctx.report("FV601", [*path, "extra_lines"],
                   f"{len(lines)} line(s) kept verbatim ('{lines[0]}'{more}): rendered as "
                   "written, not checked by lint or the negotiation model")
