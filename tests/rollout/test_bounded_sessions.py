"""Sessions stay bounded whatever the site size: a site of many more routers than workers is
rolled out (hub first, the spokes read meanwhile) and drifted, and the lab counts the SSH
connections open at once on its side. A 2,000-router site does the same in
tests/bench/bench_sessions.py (too slow for CI)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

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
from tests.rollout.bounds import Open, Threads, count_connections, flexorch_threads

pytestmark = pytest.mark.lab

SPOKES = 40
WORKERS = 3
# workers + the read-ahead of tasks.sessions (10), written out here.
BOUND = WORKERS + 10


@dataclass
class BigSite:
    lab: LabFleet
    fleet: Fleet
    open: Open


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BigSite]:
    tmp = tmp_path_factory.mktemp("big")
    inventory = copy_inventory(generate(tmp / "generated", SPOKES), tmp / "inventory")
    settings = LabSettings(revert_seconds_per_minute=2.0, login_timeout=30)
    with LabFleet.start(inventory, tmp / "lab", settings=settings) as lab:
        yield BigSite(lab, load_fleet(inventory), count_connections(lab))


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
    # the run's worker threads (workers + read-ahead: the bound), one paramiko transport
    # thread per open session and one paramiko timer thread per login under way: never one
    # per router of the site
    assert threads.peak - before <= 3 * BOUND + 1, threads.peak - before


def test_drift_of_a_big_site_keeps_sessions_bounded(big: BigSite) -> None:
    from flexorch.drift.run import drift_hosts

    big.open.peak = big.open.now
    names = sorted(big.fleet.hosts)
    report = drift_hosts(big.fleet, names, workers=WORKERS, timeout=30)
    assert sorted(h.host for h in report.hosts) == names
    assert not [h.host for h in report.hosts if h.status in ("unreachable", "failed")]
    assert big.open.peak <= BOUND, big.open.peak
