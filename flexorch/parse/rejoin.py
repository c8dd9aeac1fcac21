"""Join back lines that were cut in two or three, using the template as the judge.

Real captures carry lines cut where IOS never cut them: a terminal cuts a long line at its width
anywhere (``Auth sign: RSA, Au`` / ``th verify: RSA``: the pieces join as they are), an editor or
a Markdown renderer at a blank (the pieces join with a blank), and IOS itself continues a long
IPv6 entry on the next line (``IKEv2 SA: local <v6>/500`` / ``remote <v6>/500 Active``). Which
lines belong together cannot be known from the text alone; the template can tell: pieces are
lines it cannot read (the first may instead be a readable line as long as a terminal line, since
a cut can leave a readable but shortened line), and a join is kept only when the template reads
the joined line. A readable line never absorbs a neighbour unless it is that long, and then only
an unindented one: a terminal or an editor puts the rest of a cut line at column 0, while an
indented line IOS printed whole (a detail line a newer release adds, which no rule knows yet)
must stay a line of its own, reported, not glued silently onto the readable line before it
(``IPSEC FLOW: permit ip ...`` or ``#pkts encaps: ...`` would read it as part of their value).
A capture indented as a whole and then cut keeps its rest unjoined: the rest is reported.

Each trial runs the template once over the whole text with a set of non-overlapping joins; a
rejected join is not tried again with the same glue, so the cost stays a handful of runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import product
from typing import Any

# Terminals cut lines at their width (80 columns, or wider): only a line at least this long can
# have been cut by one, so only such a line may take the unread line after it.
WRAP_WIDTH = 72
# What stood where a line was cut: nothing (a terminal cuts anywhere) or a blank (editors and IOS
# break at one), tried in this order for each cut.
GLUES = ("", " ")
TRIALS = 12  # template runs spent on finding joins, beyond the first and the final one


@dataclass(frozen=True, slots=True)
class Run:
    """One template run over some lines: rows, and which of the lines it could not read."""

    lines: list[str]
    numbers: list[int]  # original 1-based line number of each line
    header: list[str]
    rows: list[list[Any]]
    unread: list[int]  # indexes into ``lines``


RunTemplate = Callable[[list[str], list[int]], Run]
Join = tuple[int, tuple[str, ...]]  # (first line, glue before each following piece)


def joined(run: Run, joins: dict[int, tuple[str, ...]]) -> tuple[list[str], list[int]]:
    """``run``'s lines with each join's pieces made one line (numbered as its first piece)."""
    lines: list[str] = []
    numbers: list[int] = []
    index = 0
    while index < len(run.lines):
        glues = joins.get(index, ())
        line = run.lines[index]
        for offset, glue in enumerate(glues, start=1):
            line += glue + run.lines[index + offset].lstrip()
        lines.append(line)
        numbers.append(run.numbers[index])
        index += 1 + len(glues)
    return lines, numbers


def _may_start(run: Run, index: int, unread: set[int]) -> bool:
    if index in unread:
        return True
    rest = run.lines[index + 1] if index + 1 < len(run.lines) else ""
    return len(run.lines[index]) >= WRAP_WIDTH and not rest[:1].isspace()


def candidates(run: Run) -> Iterator[Join]:
    """Possible joins, most likely first: two pieces before three, unread first pieces before
    long readable ones, glues in ``GLUES`` order."""
    unread = set(run.unread)
    follows = [i for i in run.unread if i > 0 and run.lines[i].strip()]
    for pieces in (2, 3):
        for readable_first in (False, True):
            for last in follows:
                start = last - pieces + 1
                middle = range(start + 1, last)
                if start < 0 or any(i not in unread or not run.lines[i].strip() for i in middle):
                    continue
                if (start in unread) == readable_first or not _may_start(run, start, unread):
                    continue
                for glues in product(GLUES, repeat=pieces - 1):
                    yield start, glues


def rejoin(run_template: RunTemplate, run: Run) -> Run:
    """``run`` with every cut line the template can read once joined joined back."""
    accepted: dict[int, tuple[str, ...]] = {}
    failed: set[Join] = set()
    for _ in range(TRIALS):
        used = {i + k for i, glues in accepted.items() for k in range(len(glues) + 1)}
        trial: dict[int, tuple[str, ...]] = {}
        for start, glues in candidates(run):
            span = set(range(start, start + len(glues) + 1))
            if (start, glues) in failed or span & used:
                continue
            trial[start] = glues
            used |= span
        if not trial:
            break
        result = run_template(*joined(run, accepted | trial))
        still = {result.numbers[i] for i in result.unread}
        for start, glues in trial.items():
            if run.numbers[start] in still:
                failed.add((start, glues))
            else:
                accepted[start] = glues
    return run_template(*joined(run, accepted)) if accepted else run
