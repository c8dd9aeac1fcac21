"""``flexorch schedule run|list``: drift, verify and rollout at cron times on Celery beat
(docs/scale-out.md). Beat only sends; a ``flexorch worker`` runs each command."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from flexorch.cli.common import echo_json, format_option, inventory_dir

if TYPE_CHECKING:
    from flexorch.distributed.schedules import ScheduleFile

file_option = click.option(
    "--file", "path", type=click.Path(path_type=Path, dir_okay=False), required=True,
    help="The schedules file (see schedules.example.yaml).")


@click.group("schedule")
def schedule() -> None:
    """Scheduled drift, verify and rollout runs (Celery beat + flexorch workers)."""


def _load(ctx: click.Context, path: Path) -> ScheduleFile:
    """The file, validated, with every site and playbook checked against the inventory and
    playbook paths made absolute (relative ones are read from the file's folder)."""
    from flexorch.distributed.schedules import ScheduleError, load_schedules
    from flexorch.intent import load_fleet
    from flexorch.intent.yamlio import display, find_line
    from flexorch.rollout.playbook import load_playbook

    schedules = load_schedules(path)
    fleet = load_fleet(inventory_dir(ctx))
    entries = {}
    for name, entry in schedules.schedules.items():
        line = find_line(path, ["schedules", name, "site"])
        where = f"{display(path)}:{line}" if line else display(path)
        if entry.site not in fleet.sites():
            raise ScheduleError(f"unknown site '{entry.site}' (sites: "
                                f"{', '.join(fleet.sites())})", file=where,
                                path=f"schedules.{name}.site")
        entries[name] = entry
        if entry.playbook:
            playbook = (path.parent / entry.playbook).resolve()
            load_playbook(playbook)
            entries[name] = entry.model_copy(update={"playbook": str(playbook)})
    return schedules.model_copy(update={"schedules": entries})


@schedule.command("run")
@file_option
@click.option("--broker", metavar="URL", help="Redis broker (default: $FLEXORCH_BROKER).")
@click.pass_context
def run(ctx: click.Context, path: Path, broker: str | None) -> None:
    """Run Celery beat: send each schedule's command to the workers at its cron times, until
    stopped. Exit 2 for an invalid file (line and path named), an unknown site or playbook, no
    broker, or Celery not installed."""
    from flexorch.distributed.cluster.beat import run_beat
    from flexorch.distributed.settings import broker_url, queue_name
    from flexorch.paths import state_dir

    url = broker_url(broker)
    schedules = _load(ctx, path)
    run_beat(url, schedules, inventory_dir(ctx), queue_name(),
             state_dir() / "beat" / "schedule")


@schedule.command("list")
@file_option
@format_option("text", "json")
@click.pass_context
def list_(ctx: click.Context, path: Path, fmt: str) -> None:
    """Every schedule and when it runs next (in the file's time zone)."""
    from flexorch.distributed.schedules import next_run

    schedules = _load(ctx, path)
    now = datetime.now(UTC)
    rows: list[dict[str, Any]] = [
        {"name": name, "command": e.command, "site": e.site, "cron": e.cron,
         "playbook": e.playbook, "executor": e.executor,
         "next_run": next_run(e, schedules.timezone, now).isoformat()}
        for name, e in schedules.schedules.items()]
    if fmt == "json":
        echo_json({"timezone": schedules.timezone, "schedules": rows})
        return
    width = max(len(r["name"]) for r in rows)
    for r in rows:
        what = f"{r['command']} --site {r['site']}" + (
            f" --playbook {r['playbook']}" if r["playbook"] else "")
        click.echo(f"{r['name']:<{width}}  next {r['next_run']}  ({r['cron']})  {what}")
