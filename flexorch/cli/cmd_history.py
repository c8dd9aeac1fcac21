"""``flexorch history``: list recorded runs, or show one with what it did to every host.

Exit codes: 0 listed/shown; 1 the history store is locked, full, unreachable or corrupted;
2 unknown run id, bad ``--limit`` or a database URL of an unsupported kind.
"""

from __future__ import annotations

from pathlib import Path

import click

from flexorch.cli.common import chosen_db_url, db_options, echo_json, format_option, site_option
from flexorch.errors import BadInputError
from flexorch.history import open_store
from flexorch.history.text import format_run, format_table


@click.group(invoke_without_command=True)
@site_option()
@click.option("--command", "-c", "command", help="Only runs of this command (rollout, drift, ...).")
@click.option("--limit", "-n", type=click.IntRange(min=1), default=20, show_default=True,
              help="Most recent N runs.")
@format_option("text", "json")
@db_options
@click.pass_context
def history(
    ctx: click.Context, *, site: str | None, command: str | None, limit: int, fmt: str,
    db_url: str | None, db_file: Path | None,
) -> None:
    """List recorded runs, newest first (or `history show RUN_ID`).

    Exit codes: 0 listed; 1 history store locked, full, unreachable or corrupted;
    2 unknown run id or unsupported database URL.
    """
    db_url = chosen_db_url(ctx, db_url, db_file)
    if ctx.invoked_subcommand is not None:
        ctx.ensure_object(dict)
        ctx.obj["db_url"] = db_url
        return
    with open_store(db_url) as store:
        runs = store.list_runs(site=site, command=command, limit=limit)
        location = store.location
    if fmt == "json":
        echo_json({"store": location, "runs": [r.to_json() for r in runs]})
        return
    if not runs:
        click.echo(f"no runs recorded in {location}")
        return
    click.echo(format_table(runs))


@history.command("show")
@click.argument("run_id", metavar="RUN_ID")
@format_option("text", "json")
@click.option("--all", "show_all", is_flag=True,
              help="Text output: every host in full (above 20 hosts, those without problems "
              "are counted, not shown).")
@db_options
@click.pass_context
def show(ctx: click.Context, run_id: str, fmt: str, show_all: bool, db_url: str | None,
         db_file: Path | None) -> None:
    """Show one run: arguments, outcome, the hosts in trouble first (step, status, lines,
    failed checks, drift), then the others (counted above 20 hosts unless --all)."""
    if not run_id.isdigit():
        raise BadInputError(f"run id {run_id!r} is not a number (see `flexorch history`)")
    url = chosen_db_url(ctx, db_url, db_file) or (ctx.obj or {}).get("db_url")
    with open_store(url) as store:
        run = store.get_run(int(run_id))
    if fmt == "json":
        doc = run.to_json()
        doc["hosts"] = [h.model_dump(mode="json") for h in run.hosts]
        echo_json(doc)
        return
    click.echo(format_run(run, show_all=show_all))
