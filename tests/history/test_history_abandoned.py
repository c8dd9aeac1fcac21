"""A run whose process died before finishing it is ``abandoned`` (its pid, machine and process
start time are recorded): listed so, marked so by the next run of the site, with the hosts it
had touched and their last known state. A run going on, or recorded on another machine, is not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from flexorch.history import HostRecord, open_store, reap_abandoned
from flexorch.history.text import format_run

REPO = Path(__file__).resolve().parents[2]
DIES = """
import sys
from flexorch.history import HostRecord, open_store
store = open_store(sys.argv[1])
run = store.start_run("rollout", "hub1", None, {})
store.record_host(run, HostRecord(host="h1-gre", role="spoke", step="push", status="pending",
                                  message="change pushed under the revert timer"))
print(run)
"""


def test_a_run_whose_process_died_is_abandoned(tmp_path: Path) -> None:
    url = str(tmp_path / "h.sqlite3")
    done = subprocess.run([sys.executable, "-c", DIES, url], capture_output=True, text=True,
                          check=True, cwd=REPO)
    dead = int(done.stdout)
    with open_store(url) as store:
        mine = store.start_run("rollout", "hub1", None, {})  # this process: alive
        runs = {r.id: r for r in store.list_runs(site="hub1")}
        assert runs[dead].state == "abandoned" and runs[dead].outcome is None
        assert runs[mine].state == "running"
        text = format_run(store.get_run(dead))
    assert "abandoned: process" in text and "died before the run finished" in text

    found = reap_abandoned("hub1", url=url)
    assert [r.id for r in found] == [dead]
    with open_store(url) as store:
        marked = store.get_run(dead)
        assert marked.outcome == "abandoned"
        assert marked.summary["hosts"] == {"h1-gre": "pending at push"}
        assert store.get_run(mine).outcome is None  # still going on: left alone
    assert reap_abandoned("hub1", url=url) == []  # marked once


def test_a_run_recorded_on_another_machine_cannot_be_judged(tmp_path: Path) -> None:
    url = str(tmp_path / "h.sqlite3")
    with open_store(url) as store:
        run = store.start_run("rollout", "hub1", None, {})
        store.backend.run(lambda cur: cur.execute(
            "UPDATE runs SET machine = 'elsewhere', pid = 1 WHERE id = ?", (run,)), write=True)
        listed = store.list_runs()[0]
    assert listed.alive is None and listed.state == "running"
    assert reap_abandoned("hub1", url=url) == []


def test_the_config_a_run_left_is_kept_per_host(tmp_path: Path) -> None:
    url = str(tmp_path / "h.sqlite3")
    digest = "ab" * 32
    with open_store(url) as store:
        run = store.start_run("rollout", "hub1", None, {})
        store.record_host(run, HostRecord(host="r1", step="done", status="changed",
                                          after_sha256=digest))
        record = store.get_run(run).host("r1")
    assert record is not None and record.after_sha256 == digest
