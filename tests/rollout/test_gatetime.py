"""When a gate reads its routers: right after the push, then backing off, never later than the
fixed schedule it replaces."""

from __future__ import annotations

import doctest

from flexorch.rollout import gatetime
from flexorch.rollout.gatetime import deadline, read_times
from flexorch.rollout.playbook import Gate


def test_examples_in_the_docstrings() -> None:
    assert doctest.testmod(gatetime).failed == 0


def test_the_old_schedules_last_read_is_the_deadline() -> None:
    # settle 2 s, then 5 reads 3 s apart: the last at 2 + 4 * 3 = 14 s
    assert deadline(Gate()) == 14.0
    assert deadline(Gate(settle_seconds=0, attempts=3, interval_seconds=0.3)) == 0.6
    assert deadline(Gate(settle_seconds=5, attempts=1)) == 5.0


def test_reads_back_off_up_to_the_interval_then_stop_at_the_deadline() -> None:
    assert list(read_times(Gate(settle_seconds=0, attempts=3, interval_seconds=0.3))) == [
        0.0, 0.25, 0.6]
    assert list(read_times(Gate(settle_seconds=1, attempts=3, interval_seconds=10))) == [
        0.0, 0.25, 0.75, 1.75, 3.75, 7.75, 15.75, 21.0]
    # a settle time alone: reads during it, the last one at its end
    assert list(read_times(Gate(settle_seconds=5, attempts=1))) == [
        0.0, 0.25, 0.75, 1.75, 3.75, 5.0]
