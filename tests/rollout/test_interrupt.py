"""Ctrl-C during a rollout: SIGINT to a real ``flexorch rollout`` process while spokes are being
pushed. Every router ends confirmed (intent running and saved) or back on its previous config
(rolled back at once, or by its revert timer), and the site lock is released."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flexorch.history import open_store
from flexorch.ios.config import ConfigTree, normalize_config
from flexorch.rollout.lock import FileSiteLock
from tests.rollout.conftest import CONFIRM_MINUTES, MINUTE, REPO, Site
from tests.rollout.test_cli import FAST_PLAYBOOK

pytestmark = pytest.mark.lab


def _settings(text: str) -> str:
    tree = normalize_config(text, mask_secrets=False)
    return ConfigTree([n for n in tree.roots if n.text != "archive"]).to_text()


def test_ctrl_c_leaves_routers_confirmed_or_rolled_back_and_the_lock_free(
        site: Site, tmp_path: Path) -> None:
    book = tmp_path / "fast.yaml"
    book.write_text(FAST_PLAYBOOK)
    before = {n: site.running(n) for n in site.names()}
    spokes = [n for n in site.names() if n != "hub1"]
    for name in spokes:  # slow spokes: the push takes long enough to be interrupted
        site.lab.router(name).set_fault("slow", "0.03")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        [sys.executable, "-m", "flexorch", "-i", str(site.inventory), "rollout", "--site",
         "hub1", "--yes", "--playbook", str(book), "--timeout", "5"],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=env)
    try:
        deadline = time.monotonic() + 90
        while not any(site.lab.router(n).revert_pending() for n in spokes):
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "no spoke was ever pushed"
            time.sleep(0.02)
        interrupted_at = time.monotonic()
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 130, err
    assert "interrupted" in err
    assert "Traceback" not in err

    # Whatever was unconfirmed is rolled back by now, or by its timer at the latest.
    for name in site.names():
        site.lab.router(name).clear_faults()
    limit = interrupted_at + CONFIRM_MINUTES * MINUTE + 5
    while any(site.lab.router(n).revert_pending() for n in site.names()):
        assert time.monotonic() < limit, "a change stayed unconfirmed past its timer"
        time.sleep(0.1)
    confirmed = rolled_back = 0
    for name in site.names():
        router = site.lab.router(name)
        running = router.running_config()
        if "crypto ikev2 profile FLEX" in running:
            assert "crypto ikev2 profile FLEX" in router.startup_config(), name
            assert not router.status()["unsaved"], name
            confirmed += 1
        else:
            assert _settings(running) == _settings(before[name]), name
            rolled_back += 1
    assert confirmed >= 1  # the hub went through before the interrupt
    assert rolled_back >= 1  # the spoke being pushed did not stay

    with FileSiteLock("hub1", "test"):
        pass  # free
    with open_store() as store:
        last = store.list_runs(site="hub1", command="rollout", limit=1)[0]
    assert last.outcome == "interrupted"
