"""``flexorch rollout``: push a site's intent in verified stages under IOS's revert timer.

Exit codes: 0 every host confirmed (or nothing to do); 1 a host failed, was reverted, was
refused (an unconfirmed change pending on it), was unreachable or was skipped; 2 bad input
(inventory, playbook, stale plan file, no TTY without --yes) or the site is locked by another
run; 130 interrupted (Ctrl-C: nothing unconfirmed is kept, routers roll back by timer at the
latest; a second Ctrl-C stops waiting and leaves them to their timers).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from flexorch.cli.cmd_plan import timeout_option
from flexorch.cli.common import (
    describe_selection,
    echo_json,
    format_option,
    inventory_dir,
    selection,
    selection_options,
)
from flexorch.cli.executor_option import cluster_options, executor_options
from flexorch.errors import BadInputError
from flexorch.rollout.clock import minute_seconds

if TYPE_CHECKING:
    from collections.abc import Callable

    from flexorch.distributed.settings import ClusterOptions
    from flexorch.intent.fleet import Fleet
    from flexorch.plan.document import PlanDocument
    from flexorch.rollout.model import RolloutReport
    from flexorch.rollout.phases import HostPhases
    from flexorch.rollout.preflight import LintVerdict
    from flexorch.rollout.progress import Reporter
    from flexorch.rollout.runner import Rollout


@click.command("rollout")
@selection_options
@click.option("--playbook", "-p", "playbook_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Rollout playbook (YAML). Default: the shipped playbooks/default.yaml.")
@click.option("--dry-run", is_flag=True, help="Show the plan and stop: nothing is pushed.")
@click.option("--yes", "-y", is_flag=True, help="Do not ask before pushing (unattended runs).")
@click.option("--batch-size", type=click.IntRange(min=1), help="Override the batch size of "
              "every non-hub stage.")
@click.option("--max-fail", "max_fail", type=click.FloatRange(0, 100),
              help="Override every stage's failure threshold (percent of its hosts).")
@click.option("--confirm-timeout", type=click.IntRange(1, 120),
              help="IOS revert timer in minutes (a change not confirmed by then rolls back).")
@click.option("--plan", "plan_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Push exactly this saved plan (from `flexorch plan`); refused when stale.")
@click.option("--workers", type=click.IntRange(1, 256), help="Hosts pushed concurrently "
              "(default: the playbook's).")
@click.option("--comment", metavar="TEXT", help="Why this rollout: kept in the history and "
              "shown in the site report.")
@click.option("--ticket", metavar="ID", help="Change ticket of this rollout (history, report).")
@click.option("--force", is_flag=True, help="Roll out even when lint finds errors in the "
              "intent (the override is recorded in the history).")
@format_option("text", "json")
@timeout_option
@executor_options
@click.pass_context
def rollout(ctx: click.Context, site: str | None, hosts: tuple[str, ...],
            groups: tuple[str, ...], roles: tuple[str, ...], where: str | None,
            playbook_file: Path | None, dry_run: bool, yes: bool, batch_size: int | None,
            max_fail: float | None, confirm_timeout: int | None, plan_file: Path | None,
            workers: int | None, comment: str | None, ticket: str | None, force: bool,
            fmt: str, timeout: float, executor: str, broker: str | None,
            chunk_size: int) -> None:
    """Roll the intent out to the selected routers of one site (every router of --site by
    default): lint first (errors: nothing is sent), then hubs, then spokes in batches, in
    phases where a change spans both ends of a tunnel (the hub takes a bridge config that
    accepts old and new, then drops the old once every spoke has moved); each router backed
    up, changed under `configure terminal revert timer`, verified, then confirmed and saved, or
    rolled back. A router holding an unconfirmed change is refused (`flexorch recover`). A
    partial selection also reads the routers outside it and says what happens to their
    tunnels.

    Exit codes: 0 all confirmed or nothing to do; 1 lint errors (nothing sent), a host failed,
    was reverted, left partial, refused, unreachable or skipped; 2 bad input or site locked;
    130 interrupted.
    """
    from flexorch.cli.common import is_interactive
    from flexorch.intent import load_fleet
    from flexorch.paths import resource_dir
    from flexorch.rollout.api import run_rollout
    from flexorch.rollout.playbook import load_playbook
    from flexorch.rollout.runner import RolloutOptions

    ask = not yes and not dry_run
    if ask and not is_interactive():
        raise BadInputError("stdin is not a terminal: pass --yes to roll out without a "
                            "confirmation prompt (or --dry-run to only see the plan)")
    chosen = selection(site, hosts, groups, roles, where)
    fleet = load_fleet(inventory_dir(ctx))
    site, names = chosen.target(fleet, "roll out")  # unknown target -> exit 2 before anything
    book = load_playbook(playbook_file or resource_dir("playbooks") / "default.yaml")
    verdict = _lint(fleet, site, force)
    book = book.with_overrides(batch_size=batch_size, max_fail_pct=max_fail,
                               confirm_timeout=confirm_timeout, workers=workers)
    options = RolloutOptions(timeout=timeout, minute_seconds=minute_seconds(), recheck_running=ask)

    shown: list[PlanDocument] = []
    on_plan = _plan_printer(shown, show_whole=ask or (dry_run and fmt == "text"),
                            to_stderr=fmt != "text")

    def confirm(document: PlanDocument) -> bool:
        return click.confirm(
            f"Push {sum(len(h.lines) for h in document.hosts)} lines to {document.changes} "
            f"router(s) of site {site} (revert timer {book.confirm_timeout} min)?",
            default=False, err=fmt != "text")

    report = run_rollout(
        fleet, site, book, options, hosts=names if chosen.partial else None, dry_run=dry_run,
        plan_file=plan_file, confirm=confirm if ask else None, on_plan=on_plan,
        reporter=_reporter, plan_outcomes=ask or dry_run,
        selection=describe_selection(chosen) if chosen.partial else None,
        **_on_workers(cluster_options(executor, broker, chunk_size)),
        command="rollout", args={"playbook": book.name, "batch_size": batch_size,
                                 "max_fail": max_fail, "confirm_timeout": book.confirm_timeout,
                                 "plan": str(plan_file) if plan_file else None,
                                 "comment": comment, "ticket": ticket, **chosen.args(),
                                 **verdict.history_args()},
    )
    if fmt == "json":
        document = {**report.to_json(), "comment": comment, "ticket": ticket,
                    "lint": verdict.to_json()}
        echo_json({**document, "plan": shown[0].model_dump(mode="json")}
                  if dry_run and shown else document)
    elif not dry_run:
        _print_summary(report, comment, ticket)
    ctx.exit(report.exit_code())


def _on_workers(cluster: ClusterOptions | None) -> dict[str, Any]:
    """``run_rollout``'s arguments for ``--executor celery``: the pushes of each batch go to
    workers (this process reads, plans, decides and verifies) and the site's Redis lock is held
    too. The cluster is checked first (broker, workers, store: ClusterError, exit 2, before
    any router is touched)."""
    if cluster is None:
        return {}
    from flexorch.distributed.cluster.coordinator import Coordinator
    from flexorch.distributed.cluster.phases import CeleryPhases

    Coordinator(cluster).preflight()

    def phases(rollout: Rollout, run_id: int | None) -> HostPhases:
        return CeleryPhases(rollout, run_id, cluster)

    return {"phases": phases, "lock_broker": cluster.broker}


def _print_summary(report: RolloutReport, comment: str | None, ticket: str | None) -> None:
    from flexorch.rollout.text import summary_text

    click.echo(summary_text(report), nl=False)
    if ticket or comment:
        click.echo(" ".join(filter(None, [f"ticket {ticket}" if ticket else None,
                                          f"comment: {comment}" if comment else None])))


def _plan_printer(shown: list[PlanDocument], *, show_whole: bool,
                  to_stderr: bool) -> Callable[[PlanDocument], None]:
    """What the run does with its plan: keep it (for --dry-run's JSON), print it whole (before
    the prompt, or --dry-run), else print only what a partial run does to the others."""

    def on_plan(document: PlanDocument) -> None:
        from flexorch.plan.text import outside_text, plan_text

        shown.append(document)
        if show_whole:
            click.echo(plan_text(document), nl=False, err=to_stderr)
        elif document.selection:  # a partial run always says what it does to the others
            click.echo("\n".join(outside_text(document)), err=True)

    return on_plan


def _lint(fleet: Fleet, site: str, force: bool) -> LintVerdict:
    """Lint gates the push: errors stop the run (the lint table on stderr) unless forced."""
    from flexorch.lint.output import render_text
    from flexorch.rollout.preflight import LintRefused, lint_gate

    try:
        verdict = lint_gate(fleet, site, force=force)
    except LintRefused as exc:
        click.echo(render_text(exc.report, color=sys.stderr.isatty()), nl=False, err=True)
        raise
    if verdict.forced:
        click.echo(f"flexorch: warning: --force: rolling out despite {verdict.errors} lint "
                   f"error(s) ({verdict.summary}); recorded in the history", err=True)
    return verdict


def _reporter(total: int) -> Reporter:
    from flexorch.rollout.progress import LineReporter, LiveReporter

    if sys.stderr.isatty():
        return LiveReporter(total)
    return LineReporter()
