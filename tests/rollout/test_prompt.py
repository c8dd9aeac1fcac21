"""An operator at a terminal: without --yes, rollout shows the plan and asks; "n" pushes
nothing, "y" rolls out (with the live progress view, since stderr is a terminal too), except
to a router whose config changed while the plan was on screen."""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import time
from collections.abc import Callable
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


def _operator(site: Site, book: Path, answer: str,
              meanwhile: Callable[[], None] | None = None) -> tuple[int, str]:
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
        if meanwhile is not None:
            meanwhile()  # while the operator reads the plan
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

    def by_hand() -> None:
        assert site.lab.router("h1-gre").apply_config(["interface Loopback55",
                                                       " description by hand"]) == []
        # and the hub closes idle sessions (exec-timeout) while the operator reads
        site.lab.router("hub1").call(lambda r: r.drop_sessions())

    # h1-gre changes while the plan is on screen: it is read again and left alone.
    code, screen = _operator(site, book, "y", by_hand)
    assert code == 1, screen[-3000:]
    assert re.search(r"h1-gre +SKIPPED +at plan: the running config changed since the plan was "
                     r"shown; nothing was pushed", screen), screen[-3000:]
    assert "failed; 7 confirmed, 1 skipped" in screen
    for name in site.names():
        saved = site.lab.router(name).startup_config()
        assert ("crypto ikev2 profile FLEX" in saved) == (name != "h1-gre"), name
