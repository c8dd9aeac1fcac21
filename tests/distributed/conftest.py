"""Fixtures for scale-out tests: a real redis-server, two real ``flexorch worker`` processes, and
a generated site of 101 lab routers (1 hub, 100 spokes; ``tests/bench/gen_fleet.py``) served on
127.0.0.1, most of them configured as intended, a few drifted and one unreachable.

Workers and the tests share one state directory and one SQLite history file (workers on one
machine may share SQLite), so the coordinator's preflight accepts them.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from flexorch.lab.fleet import LabFleet
from tests.distributed.cluster import ClusterUnavailable, RedisServer, Worker

ROOT = Path(__file__).resolve().parents[2]
SPOKES = 100
SITE = "bench"
# Spokes changed by hand after boot (drift), and one with nothing listening (unreachable).
DRIFTED = ("s00007", "s00042")
DOWN = "s00099"
# Workers hand a dead worker's chunk to another after this many seconds (production: 900).
VISIBILITY_S = 6


@dataclass
class Cluster:
    redis: RedisServer
    workers: list[Worker]
    state: Path
    db: Path

    @property
    def broker(self) -> str:
        return self.redis.url

    def env(self) -> dict[str, str]:
        return {"FLEXORCH_STATE_DIR": str(self.state), "FLEXORCH_DB": str(self.db),
                "FLEXORCH_BROKER": self.broker}

    def worker(self, name: str) -> Worker:
        """Another worker on this cluster (started; the caller stops or kills it)."""
        env = {**self.env(), "FLEXORCH_VISIBILITY_TIMEOUT": str(VISIBILITY_S)}
        return Worker(self.broker, name, env, log=self.state / f"{name}.log").start()


@dataclass
class BigSite:
    inventory: Path
    lab: LabFleet

    def sessions(self) -> int:
        """SSH sessions the routers have accepted so far."""
        return sum(self.lab.router(n).call(lambda r: r.sessions_total)
                   for n in self.lab.names())


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    server = RedisServer()
    try:
        server.start()
    except (ClusterUnavailable, OSError) as exc:
        pytest.fail(f"cannot start redis-server: {exc}")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def cluster(redis_server: RedisServer, tmp_path_factory: pytest.TempPathFactory
            ) -> Iterator[Cluster]:
    """Two workers (one process each) on the session's Redis."""
    state = tmp_path_factory.mktemp("cluster-state")
    found = Cluster(redis_server, [], state, state / "history.sqlite3")
    found.workers = [found.worker(f"w{i}") for i in (1, 2)]
    try:
        for worker in found.workers:
            worker.wait_ready()
    except ClusterUnavailable as exc:
        for worker in found.workers:
            worker.kill()
        pytest.fail(str(exc))
    yield found
    for worker in found.workers:
        worker.stop()


@pytest.fixture
def on_cluster(cluster: Cluster, monkeypatch: pytest.MonkeyPatch) -> Cluster:
    """This test's process uses the cluster's state dir, store and broker."""
    for key, value in cluster.env().items():
        monkeypatch.setenv(key, value)
    return cluster


def _generate(folder: Path) -> Path:
    sys.path.insert(0, str(ROOT / "tests" / "bench"))
    from bench_drift import make_inventory

    make_inventory(folder, SPOKES)
    return folder


@pytest.fixture(scope="session")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BigSite]:
    """The 101-router site on the lab; the inventory folder. Routers boot configured (startup
    config = intent); DRIFTED spokes then lose their DPD line and take another; DOWN is not
    served."""
    from flexorch.lab.inventory import specs_from_inventory

    sys.path.insert(0, str(ROOT / "tests" / "bench"))
    from bench_drift import preconfigure

    tmp = tmp_path_factory.mktemp("big-site")
    inventory, lab_state = _generate(tmp / "inventory"), tmp / "lab"
    preconfigure(inventory, lab_state)
    specs = [s for s in specs_from_inventory(inventory) if s.name != DOWN]
    with LabFleet.start(specs=specs, state_dir=lab_state) as lab:
        for name in DRIFTED:
            errors = lab.router(name).apply_config(
                ["crypto ikev2 profile FLEX", " dpd 10 3 periodic"])
            assert errors == []
        yield BigSite(inventory, lab)

