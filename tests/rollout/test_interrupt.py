"""Ctrl-C during a rollout: SIGINT to a real ``flexorch rollout`` process while spokes are being
pushed. Every router ends confirmed (intent running and saved) or back on its previous config
(rolled back at once, or by its revert timer), and the site lock is released."""

from __future__ import annotations

import os
import re
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


# The revert timer of the runs that are killed or stopped: long enough (16 s) for the checks made
# before the next run reads the routers on a loaded machine (the playbook's 5 lab minutes, 10 s,
# ran out there once), short enough to wait for its rollback.
TIMER_MINUTES = 8


def _start_rollout(site: Site, book: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-m", "flexorch", "-i", str(site.inventory), "rollout", "--site",
         "hub1", "--yes", "--playbook", str(book), "--timeout", "5", "--confirm-timeout",
         str(TIMER_MINUTES)],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=env)


def _until_a_spoke_is_pending(site: Site, process: subprocess.Popen[str],
                              spokes: list[str]) -> list[str]:
    deadline = time.monotonic() + 90
    while True:
        pending = [n for n in spokes if site.lab.router(n).revert_pending()]
        if pending:
            return pending
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "no spoke was ever pushed"
        time.sleep(0.02)


def _slow_spokes(site: Site) -> list[str]:
    spokes = [n for n in site.names() if n != "hub1"]
    for name in spokes:  # the push takes long enough to be caught in the middle
        site.lab.router(name).set_fault("slow", "0.03")
    return spokes


def _never_confirmed_later(site: Site, before: dict[str, str], pending: list[str]) -> None:
    """A second rollout, started at once, leaves every router still holding the dead or
    interrupted run's change alone (refused); each such change then rolls back by its timer,
    and the router is on its previous config."""
    from tests.rollout.test_cli import flexorch

    for name in site.names():
        site.lab.router(name).clear_faults()
    still = [n for n in pending if site.lab.router(n).revert_pending()]
    assert still, "the test needs a change still pending when the next run starts"
    again = flexorch(site, "rollout", "--site", "hub1", "--yes", "--timeout", "5")
    assert again.returncode == 1, again.stderr
    for name in still:
        row = next(r for r in again.stdout.splitlines() if r.startswith(name + " "))
        assert "REFUSED" in row and f"flexorch recover --host {name}" in row, row
    limit = time.monotonic() + TIMER_MINUTES * MINUTE + 10
    while any(site.lab.router(n).revert_pending() for n in still):
        assert time.monotonic() < limit, "a pending change outlived its revert timer"
        time.sleep(0.1)
    for name in still:
        router = site.lab.router(name)
        assert _settings(router.running_config()) == _settings(before[name]), name
        assert "crypto ikev2 profile FLEX" not in router.startup_config(), name


def test_kill_9_leaves_an_abandoned_run_and_no_later_run_confirms_its_changes(
        site: Site, tmp_path: Path) -> None:
    book = tmp_path / "fast.yaml"
    book.write_text(FAST_PLAYBOOK)
    before = {n: site.running(n) for n in site.names()}
    spokes = _slow_spokes(site)
    process = _start_rollout(site, book)
    try:
        pending = _until_a_spoke_is_pending(site, process, spokes)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == -signal.SIGKILL

    with open_store() as store:
        dead = store.list_runs(site="hub1", command="rollout", limit=1)[0]
        assert dead.state == "abandoned"  # its process is gone, no outcome recorded
        detail = store.get_run(dead.id)
    touched = {h.host: h for h in detail.hosts}
    for name in pending:  # every router with a change on was recorded when first touched
        assert touched[name].status == "pending", touched[name]
        assert touched[name].step == "push", touched[name]
        assert "under the revert timer" in touched[name].message
        assert "IOS rolls it back" in touched[name].message
    from tests.rollout.test_cli import flexorch

    shown = flexorch(site, "history", "show", str(dead.id))
    assert "abandoned: process" in shown.stdout

    _never_confirmed_later(site, before, pending)
    with open_store() as store:
        marked = store.get_run(dead.id)
    assert marked.outcome == "abandoned"
    assert set(pending) <= set(marked.summary["hosts"])


def test_second_ctrl_c_stops_waiting_prints_the_summary_and_exits_130(
        site: Site, tmp_path: Path) -> None:
    book = tmp_path / "fast.yaml"
    book.write_text(FAST_PLAYBOOK)
    before = {n: site.running(n) for n in site.names()}
    spokes = _slow_spokes(site)
    process = _start_rollout(site, book)
    try:
        pending = _until_a_spoke_is_pending(site, process, spokes)
        for name in pending:  # the rollback after the first Ctrl-C cannot finish
            site.lab.router(name).set_fault("hang")
        process.send_signal(signal.SIGINT)
        time.sleep(0.5)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 130, err
    assert "Traceback" not in err
    # The run did not wait for the hung routers: their changes are still on, under the timer.
    assert any(site.lab.router(n).revert_pending() for n in pending)
    assert re.search(r"rollout of site hub1 \(run \d+\): interrupted;", out), out
    for name in pending:
        row = next(r for r in out.splitlines() if r.startswith(name + " "))
        assert "REVERTING" in row and "left to its revert timer" in row, row
    with open_store() as store:
        last = store.list_runs(site="hub1", command="rollout", limit=1)[0]
    assert last.outcome == "interrupted"

    _never_confirmed_later(site, before, pending)
