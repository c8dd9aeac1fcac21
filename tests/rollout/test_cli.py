"""``flexorch plan`` and ``flexorch rollout`` as a scheduler or an operator runs them: real
processes, the lab in this process, exit codes and output as documented (docs/rollout.md)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from flexorch.history import open_store
from flexorch.rollout.lock import FileSiteLock
from flexorch.secrets import lab_secret
from tests.rollout.conftest import REPO, Site

pytestmark = pytest.mark.lab

FAST_PLAYBOOK = """\
name: cli-test
confirm_timeout: 5
workers: 8
stages:
  - {name: hubs, select: {role: hub}, gate: {settle_seconds: 0, attempts: 3, interval_seconds: 0.3}}
  - name: spokes
    select: {rest: true}
    batch_size: 4
    gate: {settle_seconds: 0, attempts: 3, interval_seconds: 0.3}
"""


def flexorch(site: Site, *args: str, stdin: int | None = subprocess.DEVNULL,
             timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "flexorch", "-i", str(site.inventory), *args],
                          capture_output=True, text=True, stdin=stdin, timeout=timeout,
                          env=env, check=False)


@pytest.fixture
def book(tmp_path: Path) -> Path:
    path = tmp_path / "fast.yaml"
    path.write_text(FAST_PLAYBOOK)
    return path


def _versions(site: Site) -> dict[str, int]:
    return {n: site.lab.router(n).call(lambda r: r.state.version) for n in site.names()}


def test_without_a_tty_rollout_asks_for_yes(site: Site) -> None:
    versions = _versions(site)
    done = flexorch(site, "rollout", "--site", "hub1")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1] == (
        "flexorch: error: stdin is not a terminal: pass --yes to roll out without a "
        "confirmation prompt (or --dry-run to only see the plan)")
    assert "Traceback" not in done.stderr
    assert _versions(site) == versions


def test_plan_save_then_rollout_that_plan_then_nothing_left(site: Site, book: Path,
                                                            tmp_path: Path) -> None:
    saved = tmp_path / "hub1.plan.json"
    planned = flexorch(site, "plan", "--site", "hub1", "--out", str(saved), "-f", "json",
                       "--playbook", str(book))
    assert planned.returncode == 3, planned.stderr
    document = json.loads(planned.stdout)
    hosts = {h["host"]: h for h in document["hosts"]}
    assert set(hosts) == set(site.names())
    assert all(h["status"] == "changes" for h in hosts.values())
    assert "  pre-shared-key ******" in hosts["h1-gre"]["lines"]
    assert [(o["tunnel"], o["peer"], o["status"]) for o in hosts["h1-gre"]["outcomes"]] == [
        ("Tunnel0", "hub1", "ESTABLISHED")]
    sgt = hosts["h1-sgt"]["outcomes"][0]
    assert (sgt["sgt"], sgt["suite"]) == ("enabled", "AES-GCM-256 PRF SHA512 DH 21")
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    psk = lab_secret("FLEXORCH_PSK_H1_GRE")
    assert psk not in saved.read_text() and psk not in planned.stdout

    rolled = flexorch(site, "rollout", "--site", "hub1", "--yes", "--plan", str(saved),
                      "--playbook", str(book), "-f", "json", "--timeout", "5")
    assert rolled.returncode == 0, rolled.stderr
    summary = json.loads(rolled.stdout)
    assert summary["outcome"] == "ok" and summary["summary"] == {"confirmed": 8}
    assert psk not in rolled.stdout and psk not in rolled.stderr
    # not a TTY: plain progress lines on stderr
    assert "hub1: CONFIRMED at done" in rolled.stderr

    again = flexorch(site, "plan", "--site", "hub1")
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip().splitlines()[-1] == (
        "plan for site hub1: 8 routers: 8 unchanged, 0 with changes, 0 unreachable")
    second = flexorch(site, "rollout", "--site", "hub1", "--yes", "--playbook", str(book))
    assert second.returncode == 0
    assert second.stdout.strip().splitlines()[-1].endswith(": ok; 8 unchanged")
    with open_store() as store:
        runs = store.list_runs(site="hub1", limit=10)
    assert [(r.command, r.outcome) for r in runs[:4]] == [
        ("rollout", "ok"), ("plan", "ok"), ("rollout", "ok"), ("plan", "changes")]


def test_stale_plan_is_refused(site: Site, book: Path, tmp_path: Path) -> None:
    saved = tmp_path / "plan.json"
    assert flexorch(site, "plan", "--site", "hub1", "--out", str(saved),
                    "--playbook", str(book)).returncode == 3
    assert site.lab.router("h1-mixed").apply_config(["interface Loopback77",
                                                     " description by hand"]) == []
    versions = _versions(site)
    refused = flexorch(site, "rollout", "--site", "hub1", "--yes", "--plan", str(saved),
                       "--playbook", str(book))
    assert refused.returncode == 2
    last = refused.stderr.strip().splitlines()[-1]
    assert last.startswith(f"flexorch: error: {saved}: stale plan: the running config of "
                           "h1-mixed changed since the plan was made")
    assert _versions(site) == versions


def test_plan_phased_for_another_playbook_is_refused(site: Site, book: Path,
                                                     tmp_path: Path) -> None:
    saved = tmp_path / "plan.json"
    assert flexorch(site, "plan", "--site", "hub1", "--out", str(saved)).returncode == 3
    versions = _versions(site)
    refused = flexorch(site, "rollout", "--site", "hub1", "--yes", "--plan", str(saved),
                       "--playbook", str(book))
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines()[-1] == (
        f"flexorch: error: {saved}: plan was phased for playbook default, not cli-test; plan "
        "again with --playbook")
    assert _versions(site) == versions


def test_plan_for_another_intent_is_refused(site: Site, book: Path, tmp_path: Path) -> None:
    saved = tmp_path / "plan.json"
    assert flexorch(site, "plan", "--site", "hub1", "--out", str(saved),
                    "--playbook", str(book)).returncode == 3
    groups = site.inventory / "groups.yaml"
    groups.write_text(groups.read_text().replace("group: [21, 20]", "group: [20]"))
    refused = flexorch(site, "rollout", "--site", "hub1", "--yes", "--plan", str(saved),
                       "--playbook", str(book))
    assert refused.returncode == 2
    assert "no longer matches the intent" in refused.stderr


def test_site_locked_by_another_run(site: Site, book: Path) -> None:
    with FileSiteLock("hub1", "rollout --site hub1"):
        refused = flexorch(site, "rollout", "--site", "hub1", "--yes", "--playbook", str(book))
    assert refused.returncode == 2
    assert f"site hub1 is locked by rollout --site hub1 (pid {os.getpid()}" in refused.stderr


def test_bad_input_exits_2(site: Site, tmp_path: Path) -> None:
    unknown = flexorch(site, "rollout", "--site", "nope", "--yes")
    assert unknown.returncode == 2 and "unknown site 'nope'" in unknown.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nstages:\n  - name: a\n    select: {role: router}\n")
    playbook = flexorch(site, "rollout", "--site", "hub1", "--yes", "--playbook", str(bad))
    assert playbook.returncode == 2
    assert f"{bad}:4: stages[0].select.role: Input should be 'hub', 'spoke'" in playbook.stderr
    not_a_plan = tmp_path / "plan.json"
    not_a_plan.write_text("{}")
    plan = flexorch(site, "rollout", "--site", "hub1", "--yes", "--plan", str(not_a_plan))
    assert plan.returncode == 2 and "not a flexorch plan file" in plan.stderr
    for done in (unknown, playbook, plan):
        assert "Traceback" not in done.stderr


def test_plan_with_an_unreachable_router_exits_3_and_counts_it(site: Site) -> None:
    site.lab.router("h1-cert").set_fault("auth-refuse")
    done = flexorch(site, "plan", "--site", "hub1")
    assert done.returncode == 3  # the other routers' changes are pending
    assert "h1-cert (spoke): UNREACHABLE: authentication failed" in done.stdout
    assert done.stdout.rstrip().endswith(
        ", 1 unreachable (h1-cert); 1 router(s) could not be read: their changes are not in this "
        "plan")


def test_dry_run_shows_the_plan_and_pushes_nothing(site: Site, book: Path) -> None:
    versions = _versions(site)
    done = flexorch(site, "rollout", "--site", "hub1", "--dry-run", "--playbook", str(book))
    assert done.returncode == 0, done.stderr
    assert any(line.startswith("hub1 (hub): ") and line.endswith(" lines to send")
               for line in done.stdout.splitlines())
    assert "  crypto ikev2 proposal FLEX_NGE" in done.stdout.splitlines()
    assert _versions(site) == versions
