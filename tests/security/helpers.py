"""Shared helpers of the security tests: the real CLI in a subprocess, small inventories."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

DEFAULTS = """\
platform: cisco_ios
data:
  secrets:
    lab_fallback: {fallback}
  credentials:
    username: admin
    password: {{env: T_SEC_PASSWORD}}
"""

HOSTS = """\
hub1:
  hostname: {address}
  port: {port}
  data:
    site: s1
    role: hub
    interfaces:
      GigabitEthernet1: {{ipv4: 192.0.2.1/24}}
{extra}"""


def flexorch(*args: str, inventory: Path | None = None, env: dict[str, str] | None = None,
             timeout: float = 240) -> subprocess.CompletedProcess[str]:
    """The real ``flexorch`` entry point in a subprocess (stdin not a terminal, as in cron)."""
    head = ["-i", str(inventory)] if inventory is not None else []
    return subprocess.run(
        [sys.executable, "-m", "flexorch", *head, *args], capture_output=True, text=True,
        env={**os.environ, **(env or {})}, timeout=timeout, stdin=subprocess.DEVNULL,
        check=False, cwd=REPO)


@dataclass(frozen=True)
class Done:
    """What a command run in-process gave: exit code, stdout, stderr."""

    returncode: int
    stdout: str
    stderr: str


@contextlib.contextmanager
def _environment(env: dict[str, str]) -> Iterator[None]:
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def run(*args: str, inventory: Path | None = None, env: dict[str, str] | None = None) -> Done:
    """The real ``flexorch`` entry point (``flexorch.cli.main``: exit codes, one-line errors)
    in this process, for commands that touch no router (faster than a subprocess)."""
    from flexorch.cli import main

    head = ["-i", str(inventory)] if inventory is not None else []
    out, err = io.StringIO(), io.StringIO()
    argv = sys.argv
    sys.argv = ["flexorch", *head, *args]
    try:
        with (_environment(env or {}), contextlib.redirect_stdout(out),
              contextlib.redirect_stderr(err)):
            try:
                main()
                code = 0
            except SystemExit as stop:
                code = int(stop.code or 0)
    finally:
        sys.argv = argv
    return Done(code, out.getvalue(), err.getvalue())


def small_inventory(folder: Path, *, address: str = "127.0.0.1", port: int = 22001,
                    extra: str = "", fallback: bool = True, hosts: str | None = None) -> Path:
    """A one-hub inventory (``extra``: more lines under the host's ``data:``, indented 4)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "defaults.yaml").write_text(
        DEFAULTS.format(fallback=str(fallback).lower()), encoding="utf-8")
    text = hosts if hosts is not None else HOSTS.format(address=address, port=port, extra=extra)
    (folder / "hosts.yaml").write_text(text, encoding="utf-8")
    return folder
