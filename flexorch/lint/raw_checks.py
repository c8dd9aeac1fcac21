"""FV601: lines kept verbatim (``extra_lines``, ``flexorch.intent.raw``).

``flexorch import`` keeps every line of a block that no typed key renders as ``extra_lines``
(NHRP and routing lines of a DMVPN tunnel, an option the intent does not model), so plan keeps
them on the router. flexorch renders such a line exactly as written and checks nothing in it:
neither lint nor the negotiation model know what it does. The finding says so, per block, so a
reader of the inventory knows which blocks carry unchecked lines.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from flexorch.lint.context import HostCtx
from flexorch.lint.findings import Part


def _raw_blocks(value: Any, path: tuple[Part, ...]) -> Iterator[tuple[tuple[Part, ...], list[str]]]:
    if isinstance(value, BaseModel):
        lines = getattr(value, "extra_lines", None)
        if lines:
            yield path, list(lines)
        for name in type(value).model_fields:
            if name != "extra_lines":
                yield from _raw_blocks(getattr(value, name), (*path, name))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _raw_blocks(item, (*path, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _raw_blocks(item, (*path, index))


def check_raw_lines(ctx: HostCtx) -> None:
    """FV601: a block with ``extra_lines``."""
    host = ctx.host
    for name in type(host).model_fields:
        value = getattr(host, name)
        if not isinstance(value, BaseModel | dict) or not value:
            continue
        for path, lines in _raw_blocks(value, (name,)):
            more = f" and {len(lines) - 1} more" if len(lines) > 1 else ""
            ctx.report("FV601", [*path, "extra_lines"],
                       f"{len(lines)} line(s) kept verbatim ('{lines[0]}'{more}): rendered as "
                       "written, not checked by lint or the negotiation model")
