"""`flexorch history` and `flexorch history show`: output and exit codes, SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from flexorch.history import HostRecord, open_store


def flexorch(*args: str, env_db: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if env_db is not None:
        env["FLEXORCH_DB"] = env_db
    return subprocess.run([sys.executable, "-m", "flexorch", *args], capture_output=True,
                          text=True, env=env, timeout=60, check=False)


def seed(url: str) -> tuple[int, int, int]:
    with open_store(url) as store:
        rollout = store.start_run("rollout", "hub1", "ops", {"batch_size": 2})
        store.record_host(rollout, HostRecord(
            host="hub1-r1", role="hub", step="done", status="changed",
            lines_sent=("crypto ikev2 keyring KR", " peer spoke1", "  pre-shared-key Sup3r-S3cret"),
            verification=[{"tunnel": "Tunnel1", "check": "status", "expected": "READY",
                           "observed": "DELETED", "ok": False}],
            backup_path="/state/backups/1/hub1-r1.cfg"))
        store.record_host(rollout, HostRecord(host="spoke1", step="push", status="failed",
                                              message="% Invalid input detected"))
        store.finish_run(rollout, "failed", {"failed": 1})
        drift = store.start_run("drift", "hub2", "cron")
        store.record_host(drift, HostRecord(
            host="spoke9", step="done", status="drift",
            drift=[{"kind": "config", "section": "crypto ikev2 profile FLEX",
                    "line": " dpd 10 2 on-demand", "change": "missing"}]))
        store.finish_run(drift, "drift")
        verify = store.start_run("verify", "hub1", "ops")
    return rollout, drift, verify


def test_list_text_json_filters_on_both_backends(db_url: str) -> None:
    rollout, drift, verify = seed(db_url)
    out = flexorch("history", env_db=db_url)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].split() == ["RUN", "STARTED", "(UTC)", "COMMAND", "SITE", "USER", "OUTCOME",
                                "HOSTS", "PROBLEMS", "DURATION"]
    rows = [line.split() for line in lines[1:]]
    assert [int(r[0]) for r in rows] == [verify, drift, rollout]
    by_id = {int(r[0]): r for r in rows}
    # id, date, time, command, site, user, outcome, hosts, problems, duration
    assert by_id[rollout][3:9] == ["rollout", "hub1", "ops", "failed", "2", "1"]
    assert by_id[drift][3:9] == ["drift", "hub2", "cron", "drift", "1", "1"]
    assert by_id[verify][3:9] == ["verify", "hub1", "ops", "running", "0", "0"]
    assert by_id[verify][9] == "-"

    site = flexorch("history", "--site", "hub1", "--limit", "1", "--format", "json", env_db=db_url)
    assert site.returncode == 0, site.stderr
    doc = json.loads(site.stdout)
    assert [r["id"] for r in doc["runs"]] == [verify]
    assert doc["runs"][0]["outcome"] == "running"
    cmd = flexorch("history", "--db", db_url, "--command", "rollout", "-f", "json")
    (run,) = json.loads(cmd.stdout)["runs"]
    assert (run["id"], run["site"], run["user"]) == (rollout, "hub1", "ops")
    assert run["outcome"] == "failed"
    assert run["host_statuses"] == {"changed": 1, "failed": 1}
    assert run["args"] == {"batch_size": 2}


def test_show_text_and_json(db_url: str) -> None:
    rollout, _, _ = seed(db_url)
    out = flexorch("history", "show", str(rollout), env_db=db_url)
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert text.startswith(f"run {rollout}: rollout site hub1 by ops\n")
    assert "outcome failed" in text
    assert "hub1-r1 (hub): changed at step done" in text
    assert "  backup: /state/backups/1/hub1-r1.cfg" in text
    assert "      pre-shared-key ******" in text
    assert "Sup3r-S3cret" not in text
    assert "  check hub1-r1 Tunnel1 status: expected READY observed DELETED MISMATCH" in text
    assert "hosts: 2: 1 changed, 1 failed (spoke1)" in text
    assert "spoke1: failed at step push - % Invalid input detected" in text

    js = flexorch("history", "show", str(rollout), "--format", "json", env_db=db_url)
    doc = json.loads(js.stdout)
    assert doc["id"] == rollout and doc["outcome"] == "failed"
    assert [h["host"] for h in doc["hosts"]] == ["hub1-r1", "spoke1"]
    assert doc["hosts"][0]["lines_sent"][2] == "  pre-shared-key ******"
    assert doc["hosts"][0]["verification"][0]["observed"] == "DELETED"


def test_show_drift_findings(tmp_path: Path) -> None:
    url = str(tmp_path / "h.sqlite3")
    _, drift, _ = seed(url)
    out = flexorch("history", "show", str(drift), "--db", url)
    assert "spoke9: drift at step done" in out.stdout
    assert "  drift config [crypto ikev2 profile FLEX] missing:  dpd 10 2 on-demand" in out.stdout


def test_empty_store_lists_nothing_and_exits_0(tmp_path: Path) -> None:
    url = str(tmp_path / "empty.sqlite3")
    out = flexorch("history", env_db=url)
    assert (out.returncode, out.stdout) == (0, f"no runs recorded in {url}\n")


@pytest.mark.parametrize("run_id", ["999", "abc"])
def test_unknown_run_id_is_exit_2_one_line(tmp_path: Path, run_id: str) -> None:
    url = str(tmp_path / "h.sqlite3")
    seed(url)
    out = flexorch("history", "show", run_id, env_db=url)
    assert out.returncode == 2
    assert out.stdout == ""
    assert len(out.stderr.splitlines()) == 1
    assert out.stderr.startswith("flexorch: error: ")
    assert (f"no run 999 in history store {url}" in out.stderr) if run_id == "999" else (
        "run id 'abc' is not a number" in out.stderr)


def test_bad_db_url_is_exit_2_and_corrupted_file_exit_1(tmp_path: Path) -> None:
    bad = flexorch("history", "--db", "mongodb://admin:TopSecret77@h/x")
    assert bad.returncode == 2
    assert "is not supported" in bad.stderr and "TopSecret77" not in bad.stderr
    garbage = tmp_path / "history.sqlite3"
    garbage.write_bytes(b"this is not a database at all" * 100)
    broken = flexorch("history", env_db=str(garbage))
    assert broken.returncode == 1
    assert broken.stderr == (
        f"flexorch: error: history store {garbage} is not a valid SQLite database (corrupted or "
        "foreign file); move it aside or repair it - flexorch will not replace it\n")
    assert "Traceback" not in broken.stderr


def test_show_of_a_big_run_puts_the_hosts_in_trouble_first(tmp_path: Path) -> None:
    url = str(tmp_path / "big.sqlite3")
    with open_store(url) as store:
        run = store.start_run("rollout", "big", "ops")
        store.record_hosts(run, [
            *(HostRecord(host=f"s{i:02d}", role="spoke", step="done", status="changed",
                         lines_sent=("interface Tunnel1", " ip mtu 1400"), verification=[
                             {"tunnel": "Tunnel1", "peer": "hub", "check": "status",
                              "expected": "READY", "observed": "READY", "ok": True}])
              for i in range(30)),
            HostRecord(host="s30", role="spoke", step="revert", status="reverted",
                       message="gate failed", verification=[
                           {"tunnel": "Tunnel1", "peer": "hub", "check": "status",
                            "expected": "READY", "observed": "absent", "ok": False,
                            "message": "AUTH_FAILED at auth: key mismatch"},
                           {"tunnel": "Tunnel1", "peer": "hub", "check": "suite",
                            "expected": "x", "observed": "x", "ok": True}]),
        ])
        store.finish_run(run, "failed", {})
    text = flexorch("history", "show", str(run), "--db", url).stdout
    lines = text.splitlines()
    assert "hosts: 31: 30 changed, 1 reverted (s30)" in lines
    trouble = lines.index("s30 (spoke): reverted at step revert - gate failed")
    assert lines[trouble + 1:] == [
        "  check s30 Tunnel1 to hub status: expected READY observed absent MISMATCH: "
        "AUTH_FAILED at auth: key mismatch",
        "  1 other checks ok",
        "",
        "30 hosts without problems: not shown (--all shows every host)",
    ]
    every = flexorch("history", "show", str(run), "--db", url, "--all").stdout
    assert "s00 (spoke): changed at step done" in every and "not shown" not in every
    assert every.count("  check s") == 30 + 2
