"""When a verification gate reads its routers: as soon as the push is done, then backing off.

A gate's ``settle_seconds``, ``attempts`` and ``interval_seconds`` are limits, never waits: the
gate decides when every expected tunnel is in its expected state, which on a router that
answers at once is the first read, right after the push. A host still failing is read again
after a pause that starts at ``FIRST_PAUSE`` and doubles up to ``interval_seconds``; the gate
gives up on it at the deadline of the fixed schedule it replaces (wait ``settle_seconds``, then
``attempts`` reads ``interval_seconds`` apart): ``settle_seconds + (attempts - 1) *
interval_seconds`` after the push, with one last read there. So a tunnel gets at least as long
to come up as before, and no run waits for a router that already answered.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flexorch.rollout.playbook import Gate

# The first pause after a read that did not pass (seconds); then twice the last one.
FIRST_PAUSE = 0.25


def deadline(gate: Gate) -> float:
    """Seconds after the push when the gate stops reading (the old schedule's last read)."""
    return gate.settle_seconds + (gate.attempts - 1) * gate.interval_seconds


def read_times(gate: Gate) -> Iterator[float]:
    """Seconds after the push of each read: 0, then pauses doubling from ``FIRST_PAUSE`` (never
    longer than ``interval_seconds``), the deadline last (a read that would come less than
    ``FIRST_PAUSE`` before it is made there).

    Examples (the default gate: settle 2 s, 5 attempts, 3 s apart: deadline 14 s):
        >>> from flexorch.rollout.playbook import Gate
        >>> list(read_times(Gate()))
        [0.0, 0.25, 0.75, 1.75, 3.75, 6.75, 9.75, 12.75, 14.0]
        >>> list(read_times(Gate(settle_seconds=0, attempts=1)))
        [0.0]
    """
    end = deadline(gate)
    at, pause = 0.0, FIRST_PAUSE
    yield at
    while at < end:
        at += min(pause, max(gate.interval_seconds, FIRST_PAUSE))
        if end - at < FIRST_PAUSE:  # not two reads a moment apart: the last one now
            at = end
        pause *= 2
        yield at
