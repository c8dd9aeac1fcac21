"""Schedules: the file's model (errors located like inventory errors), next run times, and a
schedule firing a drift run on a worker that lands in the history store."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from flexorch.distributed.schedules import Schedule, ScheduleError, load_schedules, next_run
from tests.distributed.conftest import SITE, SPOKES, BigSite, Cluster

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 12, 3, 10, 0, 30, tzinfo=UTC)  # a Thursday


def flexorch(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "flexorch", *args], capture_output=True,
                          text=True, timeout=60, check=False, cwd=ROOT)


@pytest.mark.parametrize(("cron", "zone", "expected"), [
    ("15 2 * * *", "UTC", "2026-12-04T02:15:00+00:00"),
    ("*/20 * * * *", "UTC", "2026-12-03T10:20:00+00:00"),
    ("30 9 * * 6", "UTC", "2026-12-05T09:30:00+00:00"),  # Saturday
    ("0 0 1 1 *", "UTC", "2027-01-01T00:00:00+00:00"),
    ("15 2 * * *", "Europe/Berlin", "2026-12-04T02:15:00+01:00"),
    ("0 12 * * *", "Europe/Berlin", "2026-12-03T12:00:00+01:00"),  # 11:00:30 there now
])
def test_next_run(cron: str, zone: str, expected: str) -> None:
    entry = Schedule(command="drift", site="hub1", cron=cron)
    assert next_run(entry, zone, NOW).isoformat() == expected


@pytest.mark.parametrize(("body", "message"), [
    ("schedules:\n  d:\n    command: drift\n    site: hub1\n    cron: '15 25 * * *'\n",
     "f.yaml:5: schedules.d.cron: '15 25 * * *': Invalid end range: 25 > 23."),
    ("schedules:\n  d:\n    command: drift\n    site: hub1\n    cron: '15 2 * *'\n",
     "f.yaml:5: schedules.d.cron: '15 2 * *' is not a cron expression: five fields (minute "
     "hour day-of-month month day-of-week)"),
    ("schedules:\n  d:\n    command: rollout\n    site: hub1\n    cron: '0 3 * * 6'\n",
     "f.yaml:2: schedules.d: a scheduled rollout needs 'playbook' (the playbook file to run)"),
    ("schedules:\n  d:\n    command: drift\n    site: hub1\n    cron: '0 3 * * 6'\n"
     "    sight: x\n", "f.yaml:6: schedules.d: unknown key 'sight' (did you mean 'site'?)"),
    ("timezone: Mars/Olympus\nschedules: {}\n",
     "f.yaml:1: timezone: unknown time zone 'Mars/Olympus' (e.g. UTC, Europe/Berlin)"),
    ("schedules:\n  d:\n    command: deploy\n    site: hub1\n    cron: '0 3 * * 6'\n",
     "f.yaml:3: schedules.d.command: must be 'drift', 'verify' or 'rollout', got 'deploy'"),
])
def test_file_errors_name_file_line_and_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             body: str, message: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "f.yaml").write_text(body)
    with pytest.raises(ScheduleError) as caught:
        load_schedules(Path("f.yaml"))
    assert str(caught.value) == message
    assert caught.value.exit_code == 2


def test_list_shows_the_shipped_example() -> None:
    done = flexorch("schedule", "list", "--file", "schedules.example.yaml")
    assert done.returncode == 0, done.stderr
    names = [line.split()[0] for line in done.stdout.splitlines()]
    assert names == ["drift-hub1", "verify-hub2", "rollout-hub1"]
    assert "--playbook " + str(ROOT / "playbooks" / "default.yaml") in done.stdout
    bad = flexorch("schedule", "list", "--file", "missing.yaml")
    assert (bad.returncode, bad.stderr) == (2, "flexorch: error: missing.yaml: file not found\n")


@pytest.mark.lab
def test_a_schedule_fires_a_drift_run_that_lands_in_history(
        big_site: BigSite, on_cluster: Cluster, tmp_path: Path) -> None:
    from flexorch.history import open_store

    schedules = tmp_path / "schedules.yaml"
    schedules.write_text(f"schedules:\n  drift-{SITE}:\n    command: drift\n"
                         f"    site: {SITE}\n    cron: '* * * * *'\n")
    with open_store() as store:
        known = {r.id for r in store.list_runs(site=SITE, command="drift", limit=1000)}
    beat = subprocess.Popen([sys.executable, "-m", "flexorch", "-i", str(big_site.inventory),
                             "schedule", "run", "--file", str(schedules)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            cwd=ROOT, env=dict(os.environ))
    try:
        deadline = time.monotonic() + 120  # the next minute starts within 60 s
        while True:
            with open_store() as store:
                new = [r for r in store.list_runs(site=SITE, command="drift", limit=1000)
                       if r.id not in known and r.outcome is not None]
            if new:
                break
            assert beat.poll() is None, beat.communicate()[1][-2000:]
            assert time.monotonic() < deadline, "the schedule did not fire"
            time.sleep(0.5)
    finally:
        beat.send_signal(signal.SIGTERM)
        beat.communicate(timeout=30)
    with open_store() as store:
        run = store.get_run(new[0].id)
    assert run.outcome == "drift"  # the drifted spokes
    assert len(run.hosts) == SPOKES + 1
