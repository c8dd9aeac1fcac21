"""Long remediation sections as people can read them: repeated blocks counted.

A first rollout to a hub of 300 spokes sends a keyring with 299 ``peer`` blocks and as many
profile lines; the plan shows ``crypto ikev2 keyring FLEX_KEYS: +299 peer blocks`` instead of
1,500 lines (``--full`` prints every line). Only the children of a section are summarised, by
their first word (``peer``, ``match identity remote``...), ``no`` lines as removals, so what
is left is the shape of the change; a section short enough is printed as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

#: A section with more lines than this is summarised (unless the plan is printed in full).
SECTION_LINES: Final = 12


def _key(line: str) -> tuple[str, bool]:
    """(what a child line is, whether it removes): ``peer`` for `` peer s00017``, ``match
    identity remote`` for `` match identity remote fqdn s1.example``."""
    words = line.split()
    removed = bool(words) and words[0] == "no"
    words = words[1:] if removed else words
    if words[:1] == ["match"] or words[:1] == ["set"]:
        return " ".join(words[:3]) if len(words) > 3 else " ".join(words[:2]), removed
    return (words[0] if words else ""), removed


def section_lines(lines: Sequence[str], *, full: bool = False,
                  limit: int = SECTION_LINES) -> list[str]:
    """A section's remediation lines, summarised when longer than ``limit`` (not ``full``):
    its header, then one line per kind of child: ``+299 peer blocks (1,495 lines)``.

    Examples:
        >>> section_lines(["crypto ikev2 keyring K", " peer a", "  address 1.1.1.1",
        ...                " peer b", "  address 1.1.1.2"], limit=3)
        ['crypto ikev2 keyring K: +2 peer blocks (4 lines)']
        >>> section_lines(["interface Tunnel0", " ip mtu 1400"], limit=3)
        ['interface Tunnel0', ' ip mtu 1400']
    """
    if full or len(lines) <= limit:
        return list(lines)
    header, body = lines[0], lines[1:]
    counts: dict[tuple[str, bool], list[int]] = {}  # key -> [children, lines]
    current: list[int] | None = None
    for line in body:
        depth = len(line) - len(line.lstrip(" "))
        if depth <= 1:
            current = counts.setdefault(_key(line), [0, 0])
            current[0] += 1
        if current is not None:
            current[1] += 1
    parts = []
    for (key, removed), (children, size) in counts.items():
        block = size > children  # the children have lines of their own
        noun = f"{key} {'block' if block else 'line'}{'s' * (children != 1)}"
        extent = f" ({size:,} lines)" if block else ""
        parts.append(f"{'-' if removed else '+'}{children:,} {noun}{extent}")
    return [f"{header.rstrip()}: " + ", ".join(parts)]


def collapsed(lines: Sequence[str], *, full: bool = False,
              limit: int = SECTION_LINES) -> list[str]:
    """Remediation lines (top-level sections, each followed by its indented lines) with every
    long section summarised (``section_lines``)."""
    out: list[str] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if block and (not line or not line.startswith(" ")):
            out += section_lines(block, full=full, limit=limit)
            block = []
        if line:
            block.append(line)
    return out
