"""Concurrent writers in separate processes lose nothing; a held lock is waited for, then named."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from flexorch.errors import StorageError
from flexorch.history import HostRecord, RunRecorder, open_store

WRITER = r"""
import json, os, sys, time
from flexorch.history import HostRecord, open_store
url, site, count, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
everyone = sys.argv[5:]
def wait_for(paths):
    while not all(os.path.exists(p) for p in paths):
        time.sleep(0.002)
wait_for([go])                     # start line: every writer opens at the same moment
store = open_store(url)            # a fresh database: the writers also race to migrate it
run_id = store.start_run("rollout", site, "ci", {"writer": site})
open(f"{go}.{site}", "w").close()  # second start line: all runs started, now write together
wait_for([f"{go}.{s}" for s in everyone])
t0 = time.time()
for i in range(count):
    store.record_host(run_id, HostRecord(host=f"{site}-r{i:03d}", step="done", status="changed"))
t1 = time.time()
store.finish_run(run_id, "ok", {"hosts": count})
print(json.dumps({"run_id": run_id, "t0": t0, "t1": t1}))
"""

WRITERS = ("hub1", "hub2", "hub3")
PER_WRITER = 200


def run_writers(url: str, tmp_path: Path) -> list[dict[str, float]]:
    go = tmp_path / "go"
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, url, site, str(PER_WRITER), str(go),
                          *WRITERS],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for site in WRITERS
    ]
    time.sleep(0.5)  # let every interpreter reach the start line
    go.touch()
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        results.append(json.loads(out))
    return results


def check_nothing_lost(url: str, results: list[dict[str, float]]) -> None:
    # At least two writers really wrote at the same time (otherwise this test proves nothing).
    windows = sorted((r["t0"], r["t1"]) for r in results)
    assert any(later[0] < earlier[1] for earlier, later in itertools.pairwise(windows))
    with open_store(url) as store:
        runs = store.list_runs(limit=None)
        assert sorted(r.site or "" for r in runs) == sorted(WRITERS)
        assert len({r.id for r in runs}) == len(WRITERS)
        for run in runs:
            assert run.outcome == "ok"
            assert run.host_statuses == {"changed": PER_WRITER}
            detail = store.get_run(run.id)
            assert [h.host for h in detail.hosts] == [
                f"{run.site}-r{i:03d}" for i in range(PER_WRITER)]


def test_sqlite_concurrent_processes_lose_no_record(tmp_path: Path) -> None:
    url = str(tmp_path / "shared.sqlite3")
    check_nothing_lost(url, run_writers(url, tmp_path))


@pytest.mark.postgres
def test_postgres_concurrent_processes_lose_no_record(postgres_url: str, tmp_path: Path) -> None:
    check_nothing_lost(postgres_url, run_writers(postgres_url, tmp_path))


HOLDER = r"""
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("COMMIT")
"""


def hold_sqlite_lock(path: Path, seconds: float) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), str(seconds)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    return proc


def test_sqlite_writer_waits_for_a_short_lock(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    with open_store(str(path), timeout=10) as store:
        run_id = store.start_run("drift", "hub1")
        holder = hold_sqlite_lock(path, 0.6)
        t0 = time.monotonic()
        store.record_host(run_id, HostRecord(host="spoke1", step="done", status="clean"))
        waited = time.monotonic() - t0
        holder.communicate(timeout=10)
        assert waited >= 0.3  # it really was blocked, then got through
        assert store.get_run(run_id).host_statuses == {"clean": 1}


def test_sqlite_lock_held_too_long_is_a_one_line_storage_error(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "h.sqlite3"
    with open_store(str(path), timeout=0.4) as store:
        run_id = store.start_run("drift", "hub1")
        holder = hold_sqlite_lock(path, 3)
        try:
            with pytest.raises(StorageError) as err:
                store.record_host(run_id, HostRecord(host="spoke1", step="done", status="clean"))
            assert str(err.value) == (
                f"history store {path} is locked by another process (waited 0.4 s)")
            # A command using RunRecorder keeps going and only warns.
            with RunRecorder("drift", "hub1", store=store) as rec:
                assert rec.run_id is None and rec.error is not None
                rec.host(HostRecord(host="spoke1", step="done", status="clean"))
                rec.finish("ok")
            assert "run history not recorded" in caplog.text and str(path) in caplog.text
        finally:
            holder.kill()
            holder.communicate()


@pytest.mark.postgres
def test_postgres_lock_held_too_long_is_a_storage_error(postgres_url: str) -> None:
    with open_store(postgres_url, timeout=0.5) as store:
        run_id = store.start_run("drift", "hub1")
        with psycopg.connect(postgres_url) as other:
            other.execute("LOCK TABLE run_hosts IN ACCESS EXCLUSIVE MODE")
            with pytest.raises(StorageError, match="is locked by another session"):
                store.record_host(run_id, HostRecord(host="spoke1", step="done", status="clean"))
            other.rollback()
        store.record_host(run_id, HostRecord(host="spoke1", step="done", status="clean"))
        assert store.get_run(run_id).host_statuses == {"clean": 1}
