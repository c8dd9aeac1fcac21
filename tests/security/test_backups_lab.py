"""A reset history database numbers runs from 1 again: the second run's backups must not land on
the first run's (the audit found run 2 overwriting run 1's backup files)."""

from __future__ import annotations

from pathlib import Path

import pytest

from flexorch.lab.fleet import LabFleet
from flexorch.lab.settings import LabSettings
from flexorch.paths import state_dir
from tests.lab.helpers import copy_inventory
from tests.security.helpers import REPO, flexorch

pytestmark = pytest.mark.lab
MINUTE = 2.0
PLAYBOOK = """\
name: fast
confirm_timeout: 5
workers: 8
stages:
  - name: all
    select: {rest: true}
    gate: {settle_seconds: 0, attempts: 3, interval_seconds: 0.3}
"""


def test_second_run_1_keeps_the_first_run_1s_backups(tmp_path: Path) -> None:
    inventory = copy_inventory(REPO / "inventory", tmp_path / "inventory")
    book = tmp_path / "playbook.yaml"
    book.write_text(PLAYBOOK, encoding="utf-8")
    env = {"FLEXORCH_LAB_REVERT_SECONDS_PER_MINUTE": str(MINUTE)}
    settings = LabSettings(revert_seconds_per_minute=MINUTE, reload_seconds=0.3,
                           login_timeout=10)
    folders = []
    for attempt in (1, 2):
        # a fresh lab (day-0 routers: every router is pushed) and a fresh history database
        env["FLEXORCH_DB"] = str(tmp_path / f"history-{attempt}.sqlite3")
        with LabFleet.start(inventory, tmp_path / f"lab{attempt}", settings=settings):
            done = flexorch("rollout", "--site", "hub1", "--yes", "--playbook", str(book),
                            inventory=inventory, env=env)
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
        root = state_dir() / "backups" / "hub1"
        folders = sorted(p.name for p in root.iterdir())
        if attempt == 1:
            first = {p.name: p.read_text(encoding="utf-8") for p in (root / "run1").iterdir()}
            assert "hub1.cfg" in first
    assert folders == ["run1", "run1.2"]
    kept = {p.name: p.read_text(encoding="utf-8") for p in (root / "run1").iterdir()}
    assert kept == first
    assert sorted(p.name for p in (root / "run1.2").iterdir()) == sorted(first)
