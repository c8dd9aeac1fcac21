"""The runs of a day at the lab — rollout, verify, a drift found, drift clean — recorded by the
real commands and listed by `flexorch history`, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from flexorch.lab.fleet import LabFleet
from flexorch.lab.settings import LabSettings
from tests.lab.helpers import copy_inventory

pytestmark = pytest.mark.lab
EXAMPLE = Path(__file__).resolve().parents[2] / "inventory"


@pytest.fixture(scope="module")
def lab_inventory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LabFleet, Path]]:
    inventory = copy_inventory(EXAMPLE, tmp_path_factory.mktemp("inventory"))
    settings = LabSettings(revert_seconds_per_minute=1, reload_seconds=0.3, login_timeout=10)
    with LabFleet.start(inventory, tmp_path_factory.mktemp("lab"), settings=settings) as lab:
        yield lab, inventory


def _flexorch(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "flexorch", *args], capture_output=True,
                          text=True, env=env, timeout=300, stdin=subprocess.DEVNULL, check=False)


def test_history_lists_every_run_of_the_day(
    lab_inventory: tuple[LabFleet, Path], db_url: str, tmp_path: Path
) -> None:
    lab, inventory = lab_inventory
    env = {**os.environ, "FLEXORCH_INVENTORY": str(inventory), "FLEXORCH_DB": db_url,
           "FLEXORCH_STATE_DIR": str(tmp_path / "state")}
    # the lab is shared by both backends' runs: the second rollout may have nothing to do
    rollout = _flexorch(env, "rollout", "--site", "hub1", "--yes", "--confirm-timeout", "5")
    assert rollout.returncode == 0, rollout.stdout + rollout.stderr
    assert _flexorch(env, "verify", "--site", "hub1").returncode == 0
    spoke = lab.router("h1-gre")
    before = spoke.running_config()
    assert spoke.apply_config(["crypto ikev2 profile FLEX", " dpd 10 3 periodic"]) == []
    try:
        assert _flexorch(env, "drift", "--site", "hub1").returncode == 1
    finally:
        spoke.call(lambda r: r.state.replace_running(before, "test"))
    assert _flexorch(env, "drift", "--site", "hub1").returncode == 0

    listed = _flexorch(env, "history", "--site", "hub1", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    runs = json.loads(listed.stdout)
    runs = runs["runs"] if isinstance(runs, dict) else runs
    # newest first: drift (clean), drift (found), verify, rollout
    assert [(r["command"], r["outcome"]) for r in runs] == [
        ("drift", "ok"), ("drift", "drift"), ("verify", "ok"), ("rollout", "ok"),
    ]
    found = _flexorch(env, "history", "show", str(runs[1]["id"]), "--format", "json")
    detail = json.loads(found.stdout)
    hosts = {h["host"]: h for h in detail["hosts"]}
    assert hosts["h1-gre"]["status"] == "drift"
    assert any("dpd" in (f.get("line") or "") for f in hosts["h1-gre"]["drift"])
