"""Schedules on Celery beat: ``flexorch schedule run`` is ``celery beat`` with one entry per
schedule of ``schedules.yaml``; at its times beat sends ``flexorch.scheduled`` to the queue, and
a worker runs the command.

A worker runs the scheduled command as the unattended CLI (``flexorch -i INVENTORY <command>
--site S --format json``, a rollout with ``--yes --playbook P``) in a child process: the same
site lock (a scheduled rollout meeting a held lock ends with exit 2 and pushes nothing), the
same history record, the same exit code as cron would get, and a crash of the command never
takes the worker down. ``executor: celery`` in an entry sends that command's chunks back to the
workers: give them a second process (``--concurrency 2`` or another worker), since this one
waits for them.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path
from typing import Any

from flexorch.distributed.schedules import Schedule, ScheduleFile, cron_of

log = logging.getLogger("flexorch.schedule")


def entry_message(name: str, entry: Schedule, inventory: Path) -> dict[str, Any]:
    """What beat sends for one schedule (JSON; paths absolute)."""
    return {"name": name, "command": entry.command, "site": entry.site,
            "playbook": entry.playbook, "executor": entry.executor,
            "inventory": str(inventory.resolve())}


def beat_schedule(schedules: ScheduleFile, inventory: Path, queue: str) -> dict[str, Any]:
    """Celery's ``beat_schedule`` for the file."""
    from flexorch.distributed.cluster.app import SCHEDULED_TASK

    return {name: {"task": SCHEDULED_TASK, "schedule": cron_of(e.cron, schedules.timezone),
                   "kwargs": {"entry": entry_message(name, e, inventory)},
                   "options": {"queue": queue}}
            for name, e in schedules.schedules.items()}


def run_beat(broker: str, schedules: ScheduleFile, inventory: Path, queue: str,
             state: Path) -> None:
    """Run Celery beat until stopped (SIGTERM / Ctrl-C). Beat keeps when each entry last ran
    in ``state`` (a file), so a restart neither repeats nor skips a run."""
    from flexorch.distributed.cluster.app import celery_app

    app = celery_app(broker)
    app.conf.timezone = schedules.timezone
    app.conf.beat_schedule = beat_schedule(schedules, inventory, queue)
    state.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    app.Beat(schedule=str(state), loglevel="INFO", quiet=True).run()


def command_line(entry: dict[str, Any]) -> list[str]:
    """The unattended CLI of a scheduled entry."""
    args = ["-i", entry["inventory"], entry["command"], "--site", entry["site"],
            "--format", "json"]
    if entry["command"] == "rollout":
        args += ["--yes", "--playbook", entry["playbook"]]
    if entry.get("executor") == "celery":
        args += ["--executor", "celery"]
    return args


def run_entry(entry: dict[str, Any]) -> dict[str, Any]:
    """Run one scheduled command on this worker; its name, exit code and history run id. The
    command inherits the worker's environment (``flexorch worker`` puts its broker URL in
    ``FLEXORCH_BROKER``: never on a command line others can read)."""
    log.info("schedule %s: flexorch %s --site %s", entry["name"], entry["command"],
             entry["site"])
    done = subprocess.run([sys.executable, "-m", "flexorch", *command_line(entry)],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False)
    run_id = None
    try:
        document = json.loads(done.stdout)
        run_id = document.get("run_id") if isinstance(document, dict) else None
    except ValueError:
        pass
    level = logging.INFO if done.returncode in (0, 1) else logging.WARNING
    log.log(level, "schedule %s: exit %d, run %s%s", entry["name"], done.returncode, run_id,
            f": {done.stderr.strip().splitlines()[-1]}" if done.returncode > 1 and
            done.stderr.strip() else "")
    return {"name": entry["name"], "exit_code": done.returncode, "run_id": run_id}
