"""Distributed site locks: Redis (owner + expiry) and PostgreSQL (advisory lock), the backend a
run picks, the holder named in the refusal, a dead holder's lock recovered, and a local run and
a celery run contending for one site."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flexorch.distributed.locks import PgSiteLock, RedisSiteLock
from flexorch.distributed.settings import ClusterError
from flexorch.errors import LockHeldError
from flexorch.rollout.lock import FileSiteLock, site_lock
from tests.distributed.cluster import RedisServer, free_port

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/ holds pg.py
from pg import PostgresServer, postgres_server, postgres_url

__all__ = ["PostgresServer", "postgres_server", "postgres_url"]
ROOT = Path(__file__).resolve().parents[2]

HOLD = """
import sys, time
from flexorch.distributed.locks import {kind}
from flexorch.history.store import db_target
lock = {kind}("hub1", "rollout --site hub1", {target}{extra})
lock.acquire()
print("held", flush=True)
time.sleep(600)
"""


def hold_in_child(kind: str, url: str, extra: str = "") -> subprocess.Popen[str]:
    """A process that takes the lock and hangs on to it until killed."""
    target = "sys.argv[1]"
    if kind == "PgSiteLock":
        target = "db_target(sys.argv[1]).params, db_target(sys.argv[1]).location"
    child = subprocess.Popen([sys.executable, "-c", HOLD.format(kind=kind, extra=extra,
                                                                target=target), url],
                             stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert child.stdout is not None and child.stdout.readline().strip() == "held"
    return child


def pg(url: str) -> tuple[dict[str, str], str]:
    """PgSiteLock's connection arguments for ``url``."""
    from flexorch.history.store import db_target

    target = db_target(url)
    return target.params, target.location


def kill(child: subprocess.Popen[str]) -> None:
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert child.stdout is not None
    child.stdout.close()


def refused(lock: RedisSiteLock | PgSiteLock | FileSiteLock) -> str:
    with pytest.raises(LockHeldError) as caught:
        lock.acquire()
    return str(caught.value)


def test_redis_lock_names_its_holder_and_is_released(redis_server: RedisServer) -> None:
    first = RedisSiteLock("hub1", "rollout --site hub1", redis_server.url)
    first.acquire()
    message = refused(RedisSiteLock("hub1", "drift --site hub1", redis_server.url))
    assert message.startswith(f"site hub1 is locked by rollout --site hub1 (pid {os.getpid()}, ")
    other = RedisSiteLock("hub2", "rollout --site hub2", redis_server.url)
    other.acquire()  # another site is not held
    other.release()
    first.release()
    again = RedisSiteLock("hub1", "drift --site hub1", redis_server.url)
    again.acquire()
    again.release()


def test_redis_lock_lives_past_its_ttl_and_expires_with_a_dead_holder(
        redis_server: RedisServer) -> None:
    alive = RedisSiteLock("hub1", "rollout --site hub1", redis_server.url, ttl=0.6)
    alive.acquire()
    time.sleep(1.5)  # renewed every 0.2 s: still held long after its ttl
    refused(RedisSiteLock("hub1", "drift --site hub1", redis_server.url))
    alive.release()

    child = hold_in_child("RedisSiteLock", redis_server.url, ", ttl=1.0")
    refused(RedisSiteLock("hub1", "drift --site hub1", redis_server.url))
    kill(child)
    time.sleep(1.3)  # the dead holder renews no more: the key expires
    taker = RedisSiteLock("hub1", "drift --site hub1", redis_server.url)
    taker.acquire()
    taker.release()


def test_redis_down_is_a_one_line_setup_error() -> None:
    lock = RedisSiteLock("hub1", "rollout --site hub1", f"redis://127.0.0.1:{free_port()}/0")
    with pytest.raises(ClusterError, match=r"^site lock: broker redis://127\.0\.0\.1:\d+/0 "
                       r"unreachable \(.*\); nothing was touched$") as caught:
        lock.acquire()
    assert caught.value.exit_code == 2


@pytest.mark.postgres
def test_postgres_advisory_lock_names_its_holder_and_dies_with_it(postgres_url: str) -> None:
    child = hold_in_child("PgSiteLock", postgres_url)
    message = refused(PgSiteLock("hub1", "drift --site hub1", *pg(postgres_url)))
    assert message.startswith(f"site hub1 is locked by rollout --site hub1 (pid {child.pid}, ")
    other = PgSiteLock("hub2", "drift --site hub2", *pg(postgres_url))
    other.acquire()
    other.release()
    kill(child)
    deadline = time.monotonic() + 10  # the server notices the closed connection at once
    while True:
        taker = PgSiteLock("hub1", "drift --site hub1", *pg(postgres_url))
        try:
            taker.acquire()
            break
        except LockHeldError:
            assert time.monotonic() < deadline
            time.sleep(0.1)
    taker.release()


@pytest.mark.postgres
def test_a_postgres_store_makes_every_run_take_the_advisory_lock(
        postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLEXORCH_DB", postgres_url)
    local = site_lock("hub1", "rollout --site hub1")
    assert isinstance(local, PgSiteLock)
    local.acquire()
    message = refused(PgSiteLock("hub1", "rollout --site hub1", *pg(postgres_url)))
    assert f"pid {os.getpid()}" in message
    local.release()


def test_a_local_run_and_a_celery_run_contend_for_one_site(
        redis_server: RedisServer, tmp_path: Path) -> None:
    # A celery run takes the file lock and the Redis lock; a local run the file lock only.
    celery_run = site_lock("hub1", "rollout --site hub1", broker=redis_server.url)
    celery_run.acquire()
    message = refused(site_lock("hub1", "drift --site hub1"))
    assert f"rollout --site hub1 (pid {os.getpid()}" in message
    # Another machine's celery run meets the Redis lock (its own state dir has no file lock).
    elsewhere = RedisSiteLock("hub1", "rollout --site hub1", redis_server.url)
    assert "locked by rollout --site hub1" in refused(elsewhere)
    celery_run.release()

    local_run = site_lock("hub1", "rollout --site hub1")
    local_run.acquire()
    assert "locked by rollout --site hub1" in refused(
        site_lock("hub1", "rollout --site hub1", broker=redis_server.url))
    # Refused on the file lock: the celery run kept no Redis lock behind.
    probe = RedisSiteLock("hub1", "probe", redis_server.url)
    probe.acquire()
    probe.release()
    local_run.release()
