"""``flexorch history``: list recorded runs, or show one with what it did to every host.

Exit codes: 0 listed/shown; 1 the history store is locked, full, unreachable or corrupted;
2 unknown run id, bad ``--limit`` or a database URL of an unsupported kind.
"""

from __future__ import annotations

import json
from typing import Any

import click

from flexorch.cli.common import echo_json, format_option, site_option
from flexorch.errors import BadInputError
from flexorch.history import RunDetail, RunSummary, open_store
from flexorch.secrets import mask

db_option = click.option(
    "--db", "db_url", envvar="FLEXORCH_DB", metavar="URL",
    help="History database: postgresql://... or a SQLite file. "
    "Default: $FLEXORCH_DB, else history.sqlite3 in the state directory.",
)


@click.group(invoke_without_command=True)
@site_option()
@click.option("--command", "-c", "command", help="Only runs of this command (rollout, drift, ...).")
@click.option("--limit", "-n", type=click.IntRange(min=1), default=20, show_default=True,
              help="Most recent N runs.")
@format_option("text", "json")
@db_option
@click.pass_context
def history(
    ctx: click.Context, *, site: str | None, command: str | None, limit: int, fmt: str,
    db_url: str | None,
) -> None:
    """List recorded runs, newest first (or `history show RUN_ID`).

    Exit codes: 0 listed; 1 history store locked, full, unreachable or corrupted;
    2 unknown run id or unsupported database URL.
    """
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
@db_option
@click.pass_context
def show(ctx: click.Context, run_id: str, fmt: str, db_url: str | None) -> None:
    """Show one run: arguments, outcome and every host's step, status, lines, checks, drift."""
    if not run_id.isdigit():
        raise BadInputError(f"run id {run_id!r} is not a number (see `flexorch history`)")
    url = db_url or (ctx.obj or {}).get("db_url")
    with open_store(url) as store:
        run = store.get_run(int(run_id))
    if fmt == "json":
        doc = run.to_json()
        doc["hosts"] = [h.model_dump(mode="json") for h in run.hosts]
        echo_json(doc)
        return
    click.echo(format_run(run))


def _when(run: RunSummary) -> str:
    return run.started_at.strftime("%Y-%m-%d %H:%M:%S")


def _duration(run: RunSummary) -> str:
    seconds = run.duration_s
    if seconds is None:
        return "-"
    return f"{seconds:.1f}s" if seconds < 120 else f"{seconds / 60:.1f}m"


def format_table(runs: list[RunSummary]) -> str:
    """Runs as an aligned plain-text table (stable for logs and non-TTY output)."""
    header = ("RUN", "STARTED (UTC)", "COMMAND", "SITE", "USER", "OUTCOME", "HOSTS", "PROBLEMS",
              "DURATION")
    rows = [
        (str(r.id), _when(r), r.command, r.site or "-", r.user, r.state, str(r.host_count),
         str(r.problem_count), _duration(r))
        for r in runs
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
             for row in [header, *rows]]
    return mask("\n".join(lines))


def format_run(run: RunDetail) -> str:
    """One run in full, as plain text."""
    out = [
        f"run {run.id}: {run.command}" + (f" site {run.site}" if run.site else "")
        + f" by {run.user}",
        f"started {run.started_at.isoformat(timespec='seconds')}"
        + (f"  finished {run.finished_at.isoformat(timespec='seconds')}" if run.finished_at else "")
        + f"  ({_duration(run)})  outcome {run.state}",
    ]
    if run.args:
        out.append("args: " + json.dumps(run.args, sort_keys=True, default=str))
    if run.summary:
        out.append("summary: " + json.dumps(run.summary, sort_keys=True, default=str))
    if not run.hosts:
        out.append("no hosts recorded")
    for h in run.hosts:
        role = f" ({h.role})" if h.role else ""
        out.append(f"\n{h.host}{role}: {h.status} at step {h.step}"
                   + (f" - {h.message}" if h.message else ""))
        if h.backup_path:
            out.append(f"  backup: {h.backup_path}")
        if h.lines_sent:
            out.append(f"  lines sent ({len(h.lines_sent)}):")
            out.extend(f"    {line}" for line in h.lines_sent)
        for c in h.verification:
            verdict = "ok" if c.ok else "MISMATCH"
            out.append(f"  check {c.tunnel} {c.check}: expected {_v(c.expected)} "
                       f"observed {_v(c.observed)} {verdict}")
        for d in h.drift:
            text = f"  drift {d.kind} [{d.section}] {d.change}"
            text += f": {d.line}" if d.line else ""
            text += f" ({d.detail})" if d.detail else ""
            out.append(text)
    return mask("\n".join(out))


def _v(value: Any) -> str:
    return "-" if value is None else str(value)
