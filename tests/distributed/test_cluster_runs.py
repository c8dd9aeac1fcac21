"""verify, drift and plan through Celery workers give what a local run gives: the same JSON
document, the same text, the same exit code and the same history, on a site of 101 lab routers
(two drifted, one unreachable) read by two real worker processes in chunks."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.distributed.conftest import DOWN, DRIFTED, SITE, SPOKES, BigSite, Cluster

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.lab


def flexorch(inventory: Path, *args: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "flexorch", "-i", str(inventory), *args],
                          capture_output=True, text=True, timeout=timeout, check=False,
                          stdin=subprocess.DEVNULL, cwd=ROOT, env=dict(os.environ))


def history(run_id: int) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-m", "flexorch", "history", "show", str(run_id),
                           "--format", "json"], capture_output=True, text=True, check=True,
                          cwd=ROOT, env=dict(os.environ))
    run = json.loads(done.stdout)
    for key in ("id", "run_id", "started_at", "finished_at", "duration_s", "pid",
                "process_started"):
        run.pop(key, None)
    return run


def both(inventory: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], ...]:
    local = flexorch(inventory, *args)
    celery = flexorch(inventory, *args, "--executor", "celery", "--chunk-size", "15")
    return local, celery


def _differences(ours: dict[str, Any], theirs: dict[str, Any]) -> str:
    """The host entries and top-level keys that differ, in full (pytest truncates the diff)."""
    mine = {h["host"]: h for h in ours.get("hosts", [])}
    other = {h["host"]: h for h in theirs.get("hosts", [])}
    lines = [f"{key}: local {ours.get(key)!r} workers {theirs.get(key)!r}"
             for key in sorted(set(ours) | set(theirs)) if key != "hosts"
             and ours.get(key) != theirs.get(key)]
    lines += [f"{name}: local {json.dumps(mine.get(name))} workers {json.dumps(other.get(name))}"
              for name in sorted(set(mine) | set(other)) if mine.get(name) != other.get(name)]
    return "\n".join(lines)


def test_drift_on_workers_equals_local(big_site: BigSite, on_cluster: Cluster) -> None:
    local, celery = both(big_site.inventory, "drift", "--site", SITE, "--format", "json")
    assert local.returncode == 1, local.stderr[-2000:]  # drift and an unreachable router
    assert celery.returncode == 1, celery.stderr[-2000:]
    ours, theirs = json.loads(local.stdout), json.loads(celery.stdout)
    assert ours["run_id"] != theirs["run_id"]
    ours.pop("run_id"), theirs.pop("run_id")
    assert theirs == ours, _differences(ours, theirs)
    by_host = {h["host"]: h for h in ours["hosts"]}
    assert len(by_host) == SPOKES + 1
    # The hub drifts operationally: its SA with the unreachable spoke is missing.
    assert {n for n, h in by_host.items() if h["status"] == "drift"} == {*DRIFTED, "hub"}
    assert by_host[DOWN]["status"] == "unreachable"
    assert history(json.loads(celery.stdout)["run_id"]) == history(
        json.loads(local.stdout)["run_id"])


def test_drift_text_on_workers_equals_local(big_site: BigSite, on_cluster: Cluster) -> None:
    local, celery = both(big_site.inventory, "drift", "--site", SITE)
    ours, theirs = (re.sub(r"recorded as run \d+", "recorded as run N", done.stdout)
                    for done in (local, celery))
    assert (celery.returncode, theirs) == (local.returncode, ours)
    assert "dpd 10 3 periodic" in local.stdout


def test_verify_on_workers_equals_local(big_site: BigSite, on_cluster: Cluster) -> None:
    local, celery = both(big_site.inventory, "verify", "--site", SITE, "--format", "json")
    assert local.returncode == 1, local.stderr[-2000:]  # DOWN is unreachable
    assert celery.returncode == 1, celery.stderr[-2000:]
    ours, theirs = json.loads(local.stdout), json.loads(celery.stdout)
    assert theirs == ours, _differences(ours, theirs)
    assert ours["summary"]["unreachable"] == 1


def test_plan_on_workers_equals_local(big_site: BigSite, on_cluster: Cluster,
                                      tmp_path: Path) -> None:
    local = flexorch(big_site.inventory, "plan", "--site", SITE, "--format", "json", "--out",
                     str(tmp_path / "local.json"))
    celery = flexorch(big_site.inventory, "plan", "--site", SITE, "--format", "json", "--out",
                      str(tmp_path / "celery.json"), "--executor", "celery")
    # Changes pending on the drifted routers: 3 though DOWN could not be read (counted).
    assert local.returncode == 3, local.stderr[-2000:]
    assert json.loads(local.stdout)["summary"]["routers"]["unreachable"] == [DOWN]
    ours, theirs = json.loads(local.stdout), json.loads(celery.stdout)
    for doc in (ours, theirs):
        doc.pop("created"), doc.pop("saved_to")
    # The rollout phases too (computed by one worker from the whole site it read again): the
    # drifted spokes' waves, every tunnel through them.
    phased = {h for p in ours["rollout"]["phases"] for h in p["hosts"]}
    assert phased >= set(DRIFTED), ours["rollout"]["phases"]
    assert ours["rollout"]["tunnels"] and ours["playbook"] == "default"
    assert (celery.returncode, theirs) == (3, ours), _differences(ours, theirs)
    changed = {h["host"] for h in ours["hosts"] if h["status"] == "changes"}
    assert changed == set(DRIFTED)
