"""``flexorch lab up|status|down|fault``: the built-in lab of simulated IOS-XE routers.

Exit codes: 0 ok; 1 the lab failed to start / is not running (status, fault); 2 bad input
(inventory, unknown router or fault kind, a lab already running for the state directory, the
lab's extra not installed: ``pip install 'flexorch[lab]'``).

The one module outside ``flexorch.lab`` allowed to import it (import-linter contract in
pyproject.toml).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import click

from flexorch.cli.common import echo_json, format_option, inventory_dir
from flexorch.errors import BadInputError, FlexorchError
from flexorch.lab.control import (
    LAB_FILE,
    LOG_FILE,
    STARTUP_ERROR_FILE,
    LabNotRunningError,
    is_lab_process,
    pid_alive,
    read_lab_file,
    request,
)
from flexorch.lab.extra import require_lab_extra
from flexorch.lab.faults import normalise_fault
from flexorch.paths import state_dir as default_state_dir

START_TIMEOUT = 60.0


def _lab_dir(state_dir: Path | None) -> Path:
    if state_dir is not None:
        state_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        return state_dir
    path = default_state_dir() / "lab"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


state_dir_option = click.option(
    "--state-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="FLEXORCH_LAB_DIR",
    help="Lab state directory (startup-configs, flash, control files). "
    "Default: $FLEXORCH_LAB_DIR, else <flexorch state dir>/lab.",
)


@click.group()
def lab() -> None:
    """Run the built-in lab: one simulated IOS-XE router per inventory host, SSH on 127.0.0.1."""


@lab.command()
@state_dir_option
@click.option("--revert-seconds-per-minute", type=click.FloatRange(min=0.01), default=None,
              help="Lab seconds per IOS revert-timer minute (default 60; "
              "$FLEXORCH_LAB_REVERT_SECONDS_PER_MINUTE).")
@click.option("--startup-configs", type=click.Path(path_type=Path), default=None,
              help="Directory of startup-configs: a host with <DIR>/<host>.cfg boots with it "
              "(e.g. a real router's running config) instead of its day-0 config.")
@click.option("--foreground", is_flag=True, help="Run in this process until Ctrl-C.")
@format_option("text", "json")
@click.pass_context
def up(ctx: click.Context, state_dir: Path | None, revert_seconds_per_minute: float | None,
       startup_configs: Path | None, foreground: bool, fmt: str) -> None:
    """Start one router per inventory host at its hostname:port; return when all listen.
    Lines a router refused while booting are in the lab log and ``flexorch lab status``."""
    require_lab_extra()
    root = _lab_dir(state_dir)
    running = read_lab_file(root)
    if running is not None:
        raise BadInputError(
            f"a lab is already running for {root} (pid {running['pid']}); "
            "run 'flexorch lab down' first"
        )
    inventory = inventory_dir(ctx).resolve()
    command = [sys.executable, "-m", "flexorch.lab.runner", "--inventory", str(inventory),
               "--state-dir", str(root)]
    if revert_seconds_per_minute is not None:
        command += ["--revert-seconds-per-minute", str(revert_seconds_per_minute)]
    if startup_configs is not None:
        command += ["--startup-configs", str(startup_configs.resolve())]
    if foreground:
        from flexorch.lab.runner import main as runner_main

        click.echo("lab: running in the foreground; Ctrl-C stops", err=True)
        code = runner_main(command[3:])
        if code:
            raise FlexorchError((root / STARTUP_ERROR_FILE).read_text(encoding="utf-8").strip())
        return
    info = _spawn(root, command)
    if fmt == "json":
        echo_json(info)
        return
    click.echo(f"lab up: {len(info['routers'])} routers (pid {info['pid']}, state {root})")
    if info.get("host_key"):
        from flexorch.hostkeys import fingerprint, key_from_openssh

        click.echo(f"host key {fingerprint(key_from_openssh(info['host_key']))} pinned for "
                   "these routers (flexorch hostkeys list)")
    _table(["NAME", "ADDRESS", "PORT", "SITE", "ROLE"],
           [[r["name"], r["host"], r["port"], r.get("site") or "-", r.get("role") or "-"]
            for r in info["routers"]])


def _spawn(root: Path, command: list[str]) -> dict[str, Any]:
    """Start the lab runner detached and wait until it has written its lab file (its routers
    listen then); a runner that exits first reports its startup error (exit 2 = bad input)."""
    (root / STARTUP_ERROR_FILE).unlink(missing_ok=True)
    with (root / LOG_FILE).open("ab") as log_file:
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log_file,
            start_new_session=True, close_fds=True,
        )
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        info = read_lab_file(root)
        if info is not None and info.get("pid") == process.pid:
            return info
        exit_code = process.poll()
        if exit_code is not None:
            error = root / STARTUP_ERROR_FILE
            message = error.read_text(encoding="utf-8").strip() if error.is_file() else (
                f"lab process exited with code {exit_code}; see {root / LOG_FILE}")
            raise (BadInputError if exit_code == 2 else FlexorchError)(message)
        time.sleep(0.05)
    process.terminate()
    raise FlexorchError(f"lab did not start in {START_TIMEOUT:.0f} s; see {root / LOG_FILE}")


@lab.command()
@state_dir_option
@format_option("text", "json")
def status(state_dir: Path | None, fmt: str) -> None:
    """Per router: port, up, open sessions, faults, running-config changed since save; then
    every config line a router refused when it booted (file:line)."""
    answer = request(_lab_dir(state_dir), "status")
    if fmt == "json":
        echo_json({"routers": answer["routers"], "started": answer["started"]})
        return
    rows = [
        [r["name"], r["port"], "up" if r["up"] else "down", r["sessions"],
         "yes" if r["unsaved"] else "no", "pending" if r["revert_pending"] else "-",
         ", ".join(r["faults"]) or "-"]
        for r in answer["routers"]
    ]
    _table(["NAME", "PORT", "STATE", "SESSIONS", "UNSAVED", "REVERT", "FAULTS"], rows)
    for router in answer["routers"]:
        for line in router.get("boot_rejected", ()):
            click.echo(f"{router['name']}: refused at boot: {line}")


@lab.command()
@state_dir_option
def down(state_dir: Path | None) -> None:
    """Stop the lab (startup-configs and flash stay in the state directory)."""
    root = _lab_dir(state_dir)
    info = read_lab_file(root)
    if info is None:
        click.echo("lab is not running")
        return
    pid = int(info["pid"])
    with contextlib.suppress(LabNotRunningError):
        request(root, "shutdown", timeout=10)
    deadline = time.monotonic() + 15
    while pid_alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    if pid_alive(pid) and is_lab_process(pid, root):  # never signal a recycled pid
        os.kill(pid, signal.SIGTERM)
    (root / LAB_FILE).unlink(missing_ok=True)
    click.echo("lab down")


@lab.command()
@state_dir_option
@click.argument("host")
@click.argument("kind")
@click.argument("arg", required=False)
def fault(state_dir: Path | None, host: str, kind: str, arg: str | None) -> None:
    """Inject a fault into router HOST, or clear its faults.

    \b
    KIND [ARG]:
      auth-refuse         refuse every login
      drop-after N        drop a session right after its Nth config line
      slow SECONDS        delay every answer
      reject COMMAND      answer lines starting with COMMAND with '% Invalid input'
      hang                answer nothing, ever (no prompt)
      reload              reload now: unsaved running-config lost, sessions drop
      transfer-drop N     cut an SCP upload after N bytes (what arrived stays)
      transfer-reload N   reload after N bytes of an SCP upload (once)
      peer-down [PEER]    tunnels to PEER (all peers when omitted) down on both ends
      clear               remove every fault of HOST
    """
    kind, arg = normalise_fault(kind, arg)  # bad input is reported before contacting the lab
    answer = request(_lab_dir(state_dir), "fault", router=host, kind=kind, arg=arg)
    active = answer["faults"]
    click.echo(f"{host}: {', '.join(active) if active else 'no faults'}")


def _table(header: list[str], rows: list[list[Any]]) -> None:
    cells = [header, *[[str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    for row in cells:
        click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
