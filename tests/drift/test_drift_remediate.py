"""``flexorch drift`` after a real rollout, and ``--remediate`` on the lab: the config-drifted
hosts (and only those) go through the rollout machinery, the drift is gone afterwards, and a
second drift run exits 0."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from flexorch.lab.fleet import LabFleet
from flexorch.lab.settings import LabSettings
from tests.drift.lab import copy_inventory, flexorch, restore

pytestmark = pytest.mark.lab
HUB1 = ["hub1", "h1-gre", "h1-ipsec", "h1-v6", "h1-mixed", "h1-frag", "h1-sgt", "h1-cert"]
MINUTE = 2.0  # seconds per IOS revert-timer minute in this lab

# A quick playbook: the shipped stages, gates without the settle pause.
PLAYBOOK = """\
name: drift-test
confirm_timeout: 5
workers: 8
stages:
  - name: hubs
    select: {role: hub}
    gate: {settle_seconds: 0, attempts: 3, interval_seconds: 0.3}
  - name: spokes
    select: {rest: true}
    max_fail_pct: 0
    gate: {settle_seconds: 0, attempts: 3, interval_seconds: 0.3}
"""


@pytest.fixture(scope="module")
def inventory(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_inventory(tmp_path_factory.mktemp("remediate") / "inventory")


@pytest.fixture(scope="module")
def lab(inventory: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabFleet]:
    """Fresh day-0 routers, then a real `flexorch rollout --site hub1` (its own state dir)."""
    settings = LabSettings(revert_seconds_per_minute=MINUTE, reload_seconds=0.3,
                           login_timeout=10)
    book = tmp_path_factory.mktemp("playbook") / "playbook.yaml"
    book.write_text(PLAYBOOK, encoding="utf-8")
    with LabFleet.start(inventory, tmp_path_factory.mktemp("lab"), settings=settings) as lab:
        out = flexorch(inventory, "rollout", "--site", "hub1", "--yes", "--playbook", str(book),
                       "--format", "json",
                       env={"FLEXORCH_STATE_DIR": str(tmp_path_factory.mktemp("rollout")),
                            "FLEXORCH_LAB_REVERT_SECONDS_PER_MINUTE": str(MINUTE)})
        assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
        assert not any(lab.router(n).revert_pending() for n in HUB1)
        yield lab


@pytest.fixture
def site(lab: LabFleet) -> Iterator[LabFleet]:
    saved = {name: lab.router(name).running_config() for name in HUB1}
    yield lab
    for name in HUB1:
        lab.router(name).clear_faults()
        restore(lab.router(name), saved[name])


@pytest.fixture
def playbook(tmp_path: Path) -> Path:
    path = tmp_path / "playbook.yaml"
    path.write_text(PLAYBOOK, encoding="utf-8")
    return path


def _hosts(document: dict[str, object]) -> dict[str, dict[str, object]]:
    hosts = document["hosts"]
    assert isinstance(hosts, list)
    return {h["host"]: h for h in hosts}


def test_after_a_rollout_the_site_has_no_drift(site: LabFleet, inventory: Path) -> None:
    out = flexorch(inventory, "drift", "--site", "hub1")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "drift: 8 hosts, 8 clean, 0 drift, 0 unreachable" in out.stdout
    # the rollout left IOS's archive (for its revert timer) and saved configs: not drift
    assert "archive" in site.router("hub1").running_config()


def test_remediate_fixes_config_drift_and_the_next_run_is_clean(
        site: LabFleet, inventory: Path, playbook: Path) -> None:
    assert site.router("h1-ipsec").apply_config(
        ["crypto ikev2 profile FLEX", " dpd 10 3 periodic"]) == []
    assert site.router("h1-sgt").apply_config(["no crypto ikev2 cts sgt"]) == []
    untouched = site.router("h1-gre").running_config()

    out = flexorch(inventory, "drift", "--site", "hub1", "--remediate", "--yes",
                   "--playbook", str(playbook), "--format", "json",
                   env={"FLEXORCH_LAB_REVERT_SECONDS_PER_MINUTE": str(MINUTE)})
    assert out.returncode == 0, out.stdout + out.stderr
    document = json.loads(out.stdout)
    assert document["exit_code"] == 0
    # what was found, before the remediation
    before = _hosts(document)
    assert {n for n, h in before.items() if h["status"] == "drift"} == {"hub1", "h1-ipsec",
                                                                        "h1-sgt"}
    assert [s["section"] for s in before["h1-sgt"]["config"]] == ["global"]
    assert before["hub1"]["config"] == []  # hub1 only sees the SGT tunnel differ
    remediation = document["remediation"]
    assert remediation["remediated"] == ["h1-ipsec", "h1-sgt"]
    assert {h["host"]: h["result"] for h in remediation["hosts"]} == {
        "h1-ipsec": "fixed", "h1-sgt": "fixed"}
    assert all(h["lines_sent"] >= 1 for h in remediation["hosts"])
    assert remediation["outcome"] == "fixed"
    assert remediation["clean_after"] is True
    assert remediation["after"]["hosts"] == dict.fromkeys(HUB1, "clean")

    assert "dpd 30 5 on-demand" in site.router("h1-ipsec").running_config()
    assert "crypto ikev2 cts sgt" in site.router("h1-sgt").running_config()
    assert "crypto ikev2 cts sgt" in site.router("h1-sgt").startup_config()  # saved
    assert site.router("h1-gre").running_config() == untouched
    assert not any(site.router(n).revert_pending() for n in HUB1)

    again = flexorch(inventory, "drift", "--site", "hub1")
    assert again.returncode == 0, again.stdout
    assert "drift: 8 hosts, 8 clean" in again.stdout

    from flexorch.history import open_store

    store = open_store()
    try:
        runs = store.list_runs(site="hub1", limit=10)
        rollout = store.get_run(remediation["run_id"])
    finally:
        store.close()
    assert [r.command for r in runs[:4]] == ["drift", "drift", "rollout", "drift"]
    assert [r.outcome for r in runs[1:4]] == ["ok", "ok", "drift"]
    assert rollout.args["triggered_by"] == "drift --remediate"
    # The two remediated spokes, and their hub's side of their tunnels read again after them.
    assert {h.host for h in rollout.hosts} == {"h1-ipsec", "h1-sgt", "hub1"}
    hub = rollout.host("hub1")
    assert hub is not None and (hub.step, hub.status) == ("verify", "ok")
    assert {c.peer for c in hub.verification} == {"h1-ipsec", "h1-sgt"}


def test_operational_drift_alone_is_not_remediated(site: LabFleet, inventory: Path,
                                                   playbook: Path) -> None:
    site.router("h1-frag").set_fault("peer-down")
    out = flexorch(inventory, "drift", "--site", "hub1", "--remediate", "--yes",
                   "--playbook", str(playbook))
    assert out.returncode == 1
    assert "remediation: nothing to remediate" in out.stdout
    assert "operational drift and unreachable hosts are not fixed by a config push" \
        in out.stdout


def test_site_lock_held_refuses_remediation_with_exit_2(site: LabFleet, inventory: Path,
                                                        playbook: Path) -> None:
    from flexorch.rollout.lock import FileSiteLock

    assert site.router("h1-v6").apply_config(["crypto ikev2 profile FLEX", " dpd 10 3 periodic"]
                                             ) == []
    before = site.router("h1-v6").running_config()
    with FileSiteLock("hub1", "rollout --site hub1 (test)"):
        out = flexorch(inventory, "drift", "--site", "hub1", "--remediate", "--yes",
                       "--playbook", str(playbook))
    assert out.returncode == 2, out.stdout + out.stderr
    assert "h1-v6 (spoke): DRIFT" in out.stdout  # the drift report is still printed
    assert "remediation: refused" in out.stdout
    assert "site hub1 is locked by rollout --site hub1 (test)" in out.stdout
    assert site.router("h1-v6").running_config() == before


def test_on_a_terminal_the_plan_is_shown_and_no_means_nothing_pushed(
        site: LabFleet, inventory: Path, playbook: Path) -> None:
    import os
    import pty
    import select
    import subprocess
    import sys
    import time

    assert site.router("h1-mixed").apply_config(
        ["crypto ikev2 profile FLEX", " dpd 10 3 periodic"]) == []
    before = site.router("h1-mixed").running_config()
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "flexorch", "-i", str(inventory), "drift", "--site", "hub1",
         "--remediate", "--playbook", str(playbook)],
        stdin=follower, stdout=follower, stderr=follower, close_fds=True)
    os.close(follower)
    seen = b""
    deadline = time.monotonic() + 120
    try:
        while b"[y/N]" not in seen and time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 1)
            if ready:
                try:
                    seen += os.read(leader, 65536)
                except OSError:
                    break
        assert b"[y/N]" in seen, seen.decode(errors="replace")
        os.write(leader, b"n\r")
        code = proc.wait(timeout=60)
        while True:
            ready, _, _ = select.select([leader], [], [], 0.2)
            if not ready:
                break
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(leader)
    text = seen.decode(errors="replace").replace("\r\n", "\n")
    assert code == 1
    shown_before_question = text.split("[y/N]")[0]
    # the rollout's plan was shown: the host, its line to send, the plan summary
    assert "h1-mixed (spoke): 2 lines to send" in shown_before_question
    assert "\n   dpd 30 5 on-demand\n" in shown_before_question
    assert "plan for site hub1: " in shown_before_question
    assert " 1 with changes (h1-mixed), 0 unreachable" in shown_before_question
    assert "remediation: declined" in text
    assert site.router("h1-mixed").running_config() == before
