"""Sessions stay bounded whatever the site size: a site of many more routers than workers is
rolled out (hub first, the spokes read meanwhile) and drifted, and the lab counts the SSH
connections open at once on its side. A 2,000-router site does the same in
tests/bench/bench_sessions.py (too slow for CI)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from flexorch.intent import load_fleet
from flexorch.intent.fleet import Fleet
from flexorch.lab.fleet import LabFleet
from flexorch.lab.settings import LabSettings
from flexorch.rollout.api import run_rollout
from flexorch.rollout.playbook import Playbook
from flexorch.rollout.runner import RolloutOptions
from tests.bench.gen_fleet import generate
from tests.lab.helpers import copy_inventory

pytestmark = pytest.mark.lab

SPOKES = 40
WORKERS = 3
# workers + the read-ahead of tasks.sessions (8), written out here.
BOUND = WORKERS + 8


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


@dataclass
class BigSite:
    lab: LabFleet
    fleet: Fleet
    open: Open = field(default_factory=Open)


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BigSite]:
    tmp = tmp_path_factory.mktemp("big")
    inventory = copy_inventory(generate(tmp / "generated", SPOKES), tmp / "inventory")
    settings = LabSettings(revert_seconds_per_minute=2.0, login_timeout=30)
    with LabFleet.start(inventory, tmp / "lab", settings=settings) as lab:
        site = BigSite(lab, load_fleet(inventory))
        for name in lab.names():
            lab.router(name).call(lambda r: setattr(r, "connections", CountingSet(site.open)))
        yield site


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


def test_hub_first_rollout_of_a_big_site_keeps_sessions_bounded(big: BigSite) -> None:
    book = Playbook.model_validate({
        "name": "hub-then-all", "confirm_timeout": 5, "workers": WORKERS,
        "stages": [
            {"name": "hubs", "select": {"role": "hub"},
             "gate": {"settle_seconds": 0, "attempts": 10, "interval_seconds": 0.5}},
            {"name": "spokes", "select": {"rest": True}, "batch_size": 20, "max_fail_pct": 0,
             "gate": {"settle_seconds": 0, "attempts": 10, "interval_seconds": 0.5}}]})
    assert len(big.fleet.hosts) == SPOKES + 1 > 3 * BOUND  # else the bound proves nothing
    before = flexorch_threads()
    big.open.peak = big.open.now
    with Threads() as threads:
        report = run_rollout(big.fleet, "bench", book,
                             RolloutOptions(timeout=30, minute_seconds=2.0), plan_outcomes=False)
    assert report.exit_code() == 0, [(h.host, h.status, h.message) for h in report.hosts
                                     if h.status != "confirmed"]
    assert report.counts() == {"confirmed": SPOKES + 1}
    assert big.open.peak <= BOUND, big.open.peak
    # sessions were closed to stay under the bound, and opened again for the push
    assert big.open.total > SPOKES + 1
    # worker threads (the stage's and the read-ahead's) and one paramiko transport thread per
    # session, the sessions just closed included (their threads end within paramiko's 0.1 s
    # socket timeout): never one per router of the site
    assert threads.peak - before <= 2 * WORKERS + 2 * BOUND, threads.peak - before


def test_drift_of_a_big_site_keeps_sessions_bounded(big: BigSite) -> None:
    from flexorch.drift.run import drift_hosts

    big.open.peak = big.open.now
    names = sorted(big.fleet.hosts)
    report = drift_hosts(big.fleet, names, workers=WORKERS, timeout=30)
    assert sorted(h.host for h in report.hosts) == names
    assert not [h.host for h in report.hosts if h.status in ("unreachable", "failed")]
    assert big.open.peak <= BOUND, big.open.peak
