from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from flexorch.errors import LockHeldError
from flexorch.rollout.lock import FileSiteLock


def _hold_in_child(directory: Path, site: str) -> subprocess.Popen[str]:
    code = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        from flexorch.rollout.lock import FileSiteLock
        lock = FileSiteLock({site!r}, "rollout --site {site}", Path({str(directory)!r}))
        lock.acquire()
        print("held", flush=True)
        time.sleep(60)
        """
    )
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "held"
    return child


def _stop(child: subprocess.Popen[str]) -> None:
    child.kill()
    child.wait()
    assert child.stdout is not None
    child.stdout.close()


def test_second_holder_is_refused_with_the_holder_named(tmp_path: Path) -> None:
    child = _hold_in_child(tmp_path, "hub1")
    try:
        with pytest.raises(LockHeldError) as info:
            FileSiteLock("hub1", "drift --remediate", tmp_path).acquire()
        assert f"pid {child.pid}" in str(info.value)
        assert "rollout --site hub1" in str(info.value)
        assert info.value.exit_code == 2
        # another site is independent
        with FileSiteLock("hub2", "rollout", tmp_path):
            pass
    finally:
        _stop(child)


def test_lock_of_a_killed_process_is_recovered(tmp_path: Path) -> None:
    child = _hold_in_child(tmp_path, "hub1")
    _stop(child)
    lock = FileSiteLock("hub1", "rollout", tmp_path)
    lock.acquire()
    lock.release()


def test_release_lets_the_next_run_in(tmp_path: Path) -> None:
    with FileSiteLock("hub1", "rollout", tmp_path), pytest.raises(LockHeldError):
        FileSiteLock("hub1", "rollout", tmp_path).acquire()
    with FileSiteLock("hub1", "rollout", tmp_path):
        pass
