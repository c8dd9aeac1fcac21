"""An operator at a terminal: without --yes, rollout shows the plan and asks; "n" pushes
nothing, "y" rolls out (with the live progress view, since stderr is a terminal too)."""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.rollout.conftest import REPO, Site
from tests.rollout.test_cli import FAST_PLAYBOOK

pytestmark = pytest.mark.lab

QUESTION = re.compile(r"Push \d+ lines to 8 router\(s\) of site hub1 \(revert timer 5 min\)\? "
                      r"\[y/N\]: ")


def _read_until(fd: int, pattern: re.Pattern[str], seconds: float) -> str:
    data = b""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the other side closed the terminal
                break
            if not chunk:
                break
            data += chunk
            if pattern.search(data.decode(errors="replace")):
                break
    return data.decode(errors="replace")


def _operator(site: Site, book: Path, answer: str) -> tuple[int, str]:
    master, slave = os.openpty()
    env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "120"}
    process = subprocess.Popen(
        [sys.executable, "-m", "flexorch", "-i", str(site.inventory), "rollout", "--site",
         "hub1", "--playbook", str(book), "--timeout", "5"],
        stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    try:
        shown = _read_until(master, QUESTION, 90)
        assert QUESTION.search(shown), shown[-2000:]
        os.write(master, answer.encode() + b"\r")
        rest = _read_until(master, re.compile(r"(rollout of site hub1|declined)[^\n]*\n"), 120)
        code = process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
    return code, shown + rest


def test_operator_says_no_then_yes(site: Site, tmp_path: Path) -> None:
    book = tmp_path / "fast.yaml"
    book.write_text(FAST_PLAYBOOK)
    versions = {n: site.lab.router(n).call(lambda r: r.state.version) for n in site.names()}
    code, screen = _operator(site, book, "n")
    assert code == 1
    assert "hub1 (hub): " in screen and "  crypto ikev2 proposal FLEX_NGE" in screen
    assert "predicted IKEv2 (intended configs):" in screen
    assert "rollout declined: nothing was changed" in screen
    assert versions == {n: site.lab.router(n).call(lambda r: r.state.version)
                        for n in site.names()}

    code, screen = _operator(site, book, "y")
    assert code == 0, screen[-3000:]
    assert "rollout of site hub1" in screen and ": ok; 8 confirmed" in screen
    for name in site.names():
        assert "crypto ikev2 profile FLEX" in site.lab.router(name).startup_config()
