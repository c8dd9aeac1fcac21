"""Counting what a run holds open: SSH connections on the lab's side, threads on flexorch's
(used by tests/rollout/test_bounded_sessions.py and tests/bench/bench_sessions.py)."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from flexorch.lab.fleet import LabFleet


@dataclass
class Open:
    """SSH connections open at once on the lab's side (updated on the lab's event loop)."""

    now: int = 0
    peak: int = 0
    total: int = 0


class CountingSet(set[Any]):
    """A router's set of open connections that counts into ``Open``."""

    def __init__(self, count: Open) -> None:
        super().__init__()
        self.count = count

    def add(self, item: Any) -> None:
        if item not in self:
            self.count.now += 1
            self.count.total += 1
            self.count.peak = max(self.count.peak, self.count.now)
        super().add(item)

    def discard(self, item: Any) -> None:
        if item in self:
            self.count.now -= 1
        super().discard(item)


def count_connections(lab: LabFleet) -> Open:
    """Count every router's SSH connections from now on (an ``Open`` shared by all)."""
    count = Open()
    for name in lab.names():
        lab.router(name).call(lambda r: setattr(r, "connections", CountingSet(count)))
    return count


def flexorch_threads() -> int:
    """Threads of this process but the caller's and the in-process lab's (its event loop and
    the loop's executor: on a real network the routers are elsewhere)."""
    me = threading.current_thread()
    return sum(t is not me and not t.name.startswith(("asyncio_", "flexorch-lab"))
               for t in threading.enumerate())


class Threads:
    """The most flexorch threads this process ran at once while the block ran (sampled every
    5 ms; the sampler itself not counted)."""

    def __init__(self) -> None:
        self.peak = flexorch_threads()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        while not self._stop.wait(0.005):
            self.peak = max(self.peak, flexorch_threads())

    def __enter__(self) -> Threads:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
