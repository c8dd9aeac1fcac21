"""Before any router is touched, a run on workers checks the cluster: SQLite only with workers
on this machine, every worker on this run's store, the store reachable. One line, exit 2."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from flexorch.distributed.cluster.coordinator import WorkerInfo, check_workers
from flexorch.distributed.settings import ClusterError
from tests.distributed.cluster import RedisServer, Worker, free_port
from tests.distributed.conftest import SITE, BigSite

ROOT = Path(__file__).resolve().parents[2]
BROKER = "redis://:s3cret-broker@10.0.0.5:6379/0"


def refusal(workers: list[WorkerInfo], store: str) -> str:
    with pytest.raises(ClusterError) as caught:
        check_workers(workers, store, "machine-a", BROKER)
    assert caught.value.exit_code == 2
    return str(caught.value)


def test_a_sqlite_store_is_refused_with_a_worker_on_another_machine() -> None:
    store = "sqlite:/var/lib/flexorch/history.sqlite3"
    here, there = WorkerInfo("w1@a", "machine-a", store), WorkerInfo("w2@b", "machine-b", store)
    check_workers([here], store, "machine-a", BROKER)  # one machine: SQLite is fine
    assert refusal([here, there], store) == (
        "worker w2@b runs on another machine and the history store is the SQLite file "
        "/var/lib/flexorch/history.sqlite3: SQLite serves workers on this machine only; use "
        "PostgreSQL (FLEXORCH_DB=postgresql://...) for workers on other machines")


def test_postgresql_serves_workers_anywhere_but_every_worker_needs_this_store() -> None:
    store = "postgresql:postgresql://flexorch@db.example:5432/flexorch"
    check_workers([WorkerInfo("w1@a", "machine-a", store), WorkerInfo("w2@b", "machine-b", store)],
                  store, "machine-a", BROKER)
    other = WorkerInfo("w3@c", "machine-c",
                       "postgresql:postgresql://flexorch@db2.example:5432/flexorch")
    assert refusal([other], store) == (
        "worker w3@c records to postgresql:postgresql://flexorch@db2.example:5432/flexorch, "
        "this run to postgresql:postgresql://flexorch@db.example:5432/flexorch: give the "
        "workers and this command the same FLEXORCH_DB")


def test_no_worker_names_the_broker_without_its_password() -> None:
    assert refusal([], "sqlite:/x") == (
        "no flexorch worker answers on broker redis://:******@10.0.0.5:6379/0: start one "
        "(flexorch worker --broker URL)")


@pytest.fixture
def lone_broker(tmp_path: Path) -> Iterator[RedisServer]:
    """A broker of this test's own (the session's workers must not answer here)."""
    server = RedisServer().start()
    yield server
    server.stop()


@pytest.mark.lab
def test_a_worker_on_another_store_or_a_store_down_stop_the_run_before_any_router(
        big_site: BigSite, lone_broker: RedisServer, tmp_path: Path) -> None:
    sessions = big_site.sessions()
    port = free_port()
    down = f"postgresql://flexorch@127.0.0.1:{port}/flexorch"
    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    worker = Worker(lone_broker.url, "lone", {"FLEXORCH_STATE_DIR": str(state),
                                              "FLEXORCH_DB": down},
                    log=tmp_path / "lone.log").start()
    try:
        worker.wait_ready()
        runs = {db: subprocess.run(
            [sys.executable, "-m", "flexorch", "-i", str(big_site.inventory), "drift", "--site",
             SITE, "--executor", "celery", "--broker", lone_broker.url],
            capture_output=True, text=True, timeout=120, check=False, cwd=ROOT,
            env={**os.environ, "FLEXORCH_STATE_DIR": str(state), "FLEXORCH_DB": db})
            for db in (str(state / "history.sqlite3"), down)}
    finally:
        worker.stop()
    other, unreachable = runs.values()
    assert (other.returncode, other.stdout) == (2, "")
    assert other.stderr.splitlines() == [
        f"flexorch: error: worker {worker.node} records to postgresql:{down}, this run to "
        f"sqlite:{(state / 'history.sqlite3').resolve()}: give the workers and this command "
        "the same FLEXORCH_DB"]
    assert (unreachable.returncode, unreachable.stdout) == (2, "")
    # (the line before it is the warning every command gives when it cannot check the store
    # for abandoned runs)
    assert unreachable.stderr.splitlines()[-1] == (
        f"flexorch: error: history store {down} is unreachable: connection failed: connection "
        f"to server at \"127.0.0.1\", port {port} failed: Connection refused; no router was "
        "touched")
    assert big_site.sessions() == sessions  # no router was logged into
