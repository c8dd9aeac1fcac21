"""Shared wording of the text outputs at big sites (verify, drift, plan, rollout, history).

Problems first; above ``BIG_SITE`` routers the passing rows collapse into one count line
unless the operator asks for ``--all``; summaries name the routers in trouble, the first
``FIRST_NAMES`` of them and then how many more.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

#: Routers above which passing rows are counted, not listed (``--all`` lists them).
BIG_SITE: Final = 20
#: Router names a summary line spells out before "and N more".
FIRST_NAMES: Final = 8


def name_list(names: Sequence[str], first: int = FIRST_NAMES) -> str:
    """``a, b, c`` / ``a, b, ... h and 4 more``.

    Examples:
        >>> name_list(["s1", "s2"])
        's1, s2'
        >>> name_list([f"s{i}" for i in range(10)], first=3)
        's0, s1, s2 and 7 more'
    """
    shown = ", ".join(names[:first])
    return shown + (f" and {len(names) - first} more" if len(names) > first else "")


def collapses(routers: int, show_all: bool) -> bool:
    """True when passing rows are counted instead of listed."""
    return not show_all and routers > BIG_SITE


def counted(groups: Mapping[str, Sequence[str]], order: Sequence[str]) -> str:
    """``294 ok, 6 mismatch (s00017, ...), 1 unreachable (s00154)``: every group in
    ``order`` with its count; the names of every group but the first (the passing one).

    Examples:
        >>> counted({"ok": ["a", "b"], "failed": ["c"], "skipped": []}, ["ok", "failed", "skipped"])
        '2 ok, 1 failed (c), 0 skipped'
    """
    parts = []
    for index, word in enumerate(order):
        names = list(groups.get(word, ()))
        part = f"{len(names)} {word}"
        if index and names:
            part += f" ({name_list(names)})"
        parts.append(part)
    return ", ".join(parts)
