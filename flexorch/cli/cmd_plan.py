"""``flexorch plan``: the exact, dependency-ordered lines each router of a site needs, and the
IKEv2 outcome the intent will give each tunnel.

Exit codes: 0 no changes; 3 changes pending; 1 a router could not be read; 2 bad input.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from flexorch.cli.common import echo_json, format_option, host_option, inventory_dir, site_option
from flexorch.errors import BadInputError

if TYPE_CHECKING:
    from flexorch.plan.document import PlanDocument

timeout_option = click.option(
    "--timeout", type=click.FloatRange(1, 3600), default=60.0, show_default=True,
    help="Seconds to wait for a router's answer (login, each command).")
workers_option = click.option("--workers", type=click.IntRange(1, 256), default=16,
                              show_default=True, help="Routers read concurrently.")


@click.command("plan")
@site_option()
@host_option()
@format_option("text", "json")
@click.option("--out", "-o", "out", type=click.Path(path_type=Path, dir_okay=False),
              help="Save the plan here (default: <state dir>/plans/<site>.json).")
@workers_option
@timeout_option
@click.pass_context
def plan(ctx: click.Context, site: str | None, host: str | None, fmt: str, out: Path | None,
         workers: int, timeout: float) -> None:
    """Read each router's running config and print the remediation lines (secrets masked) and
    the predicted IKEv2 outcome per tunnel. The plan is saved for `rollout --plan FILE`.

    Exit codes: 0 no changes, 3 changes pending, 1 a router could not be read, 2 bad input.
    """
    from flexorch.intent import load_fleet, make_nornir
    from flexorch.paths import state_dir
    from flexorch.plan.document import save_plan
    from flexorch.plan.text import plan_text
    from flexorch.plan.workflow import collect_and_plan, plan_document
    from flexorch.tasks.device import session_defaults

    if site is None and host is None:
        raise BadInputError("say which routers to plan: --site SITE or --host HOST")
    started = datetime.now(UTC)
    fleet = load_fleet(inventory_dir(ctx))
    names = [h.name for h in fleet.select(site=site, host=host)]
    site = site or fleet.hosts[names[0]].site
    nr = make_nornir(fleet, names, workers=workers)
    session_defaults(nr, timeout)
    try:
        works = collect_and_plan(nr, fleet, timeout)
    finally:
        nr.close_connections(on_failed=True)
    document = plan_document(site, fleet, works)
    path = out or state_dir() / "plans" / (f"{site}-{host}.json" if host else f"{site}.json")
    save_plan(document, path)
    _record(document, host, started)
    if fmt == "json":
        echo_json({**document.model_dump(mode="json"), "saved_to": str(path)})
    else:
        click.echo(plan_text(document), nl=False)
        click.echo(f"plan saved to {path}", err=True)
    ctx.exit(document.exit_code())


def _record(document: PlanDocument, host: str | None, started: datetime) -> None:
    from flexorch.history import HostRecord, RunRecorder

    status = {"changes": "changed", "no-changes": "ok", "unreachable": "unreachable"}
    with RunRecorder("plan", site=document.site, args={"host": host}, started_at=started) as rec:
        rec.hosts(HostRecord(
            host=h.host, role=h.role, step="connect" if h.status == "unreachable" else "plan",
            status=status[h.status],  # type: ignore[arg-type]
            message=h.message or (f"{len(h.lines)} lines pending" if h.lines else "no changes"),
        ) for h in document.hosts)
        outcome = {0: "ok", 3: "changes", 1: "failed"}[document.exit_code()]
        rec.finish(outcome, {"changes": document.changes, "unreachable": document.unreachable,
                             "hosts": len(document.hosts)})
