"""``flexorch drift``: does each router still hold its intended FlexVPN config, and are its
tunnels in the state the intent predicts? For people and for unattended jobs (cron, systemd
timers, CI): one JSON document or JUnit XML on stdout, logs on stderr, no prompt without a
terminal, and a fixed exit-code contract (docs/drift.md)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from flexorch.cli.common import (
    echo_json,
    format_option,
    inventory_dir,
    selection,
    selection_options,
)
from flexorch.cli.executor_option import cluster_options, executor_options
from flexorch.errors import EXIT_FAIL, EXIT_OK, BadInputError
from flexorch.rollout.clock import minute_seconds

if TYPE_CHECKING:
    from datetime import datetime

    from flexorch.distributed.settings import ClusterOptions
    from flexorch.drift.report import DriftReport
    from flexorch.intent.fleet import Fleet


@click.command("drift")
@selection_options
@format_option("text", "json", "junit")
@click.option("--remediate", is_flag=True,
              help="Push the intended config to the hosts with config drift (rollout: site lock, "
              "backup, revert timer, verification gate), then check them again.")
@click.option("--playbook", "-p", "playbook_file",
              type=click.Path(path_type=Path, dir_okay=False),
              help="Rollout playbook for --remediate. Default: the shipped playbooks/default.yaml.")
@click.option("--yes", "-y", is_flag=True,
              help="Remediate without asking (required with --remediate when stdin is not a "
              "terminal).")
@click.option("--all", "show_all", is_flag=True,
              help="Text output: list every clean router too (above 20 routers they are "
              "counted, not listed).")
@click.option("--workers", type=click.IntRange(1, 256), default=16, show_default=True,
              help="Hosts read concurrently.")
@click.option("--timeout", type=click.FloatRange(1, 600), default=30.0, show_default=True,
              help="Seconds allowed for each connect, login and show command.")
@executor_options
@click.pass_context
def drift(ctx: click.Context, site: str | None, hosts: tuple[str, ...], groups: tuple[str, ...],
          roles: tuple[str, ...], where: str | None, fmt: str, remediate: bool,
          playbook_file: Path | None, yes: bool, show_all: bool, workers: int, timeout: float,
          executor: str, broker: str | None, chunk_size: int) -> None:
    """Compare each router's running config (FlexVPN-managed sections) and IKEv2 SAs with the
    intent: config drift (missing, extra and changed lines per section), operational drift
    (tunnels not READY, unexpected peers, suite, fragmentation, SGT, NAT-T) and unconfirmed
    changes pending under a revert timer.

    Exit 0 no drift; 1 drift found, or a host unreachable / authentication refused (reported per
    host, the run goes on); 2 bad input (inventory, unknown site or host, --remediate without
    --yes and no terminal, site lock held). With --remediate the code says whether drift is left
    after the remediation. An unconfirmed change pending under a revert timer is drift (finding
    kind unconfirmed-change; `flexorch recover --host H` resolves it).
    """
    import sys
    from datetime import UTC, datetime

    from flexorch.drift.record import junit
    from flexorch.drift.text import report_text
    from flexorch.history import reap_abandoned
    from flexorch.intent import load_fleet

    chosen = selection(site, hosts, groups, roles, where)
    if remediate and not yes and not sys.stdin.isatty():
        raise BadInputError(
            "--remediate needs --yes when stdin is not a terminal (no one can answer a prompt)")
    cluster = cluster_options(executor, broker, chunk_size)
    started = datetime.now(UTC)
    fleet = load_fleet(inventory_dir(ctx))
    site_name, names = chosen.target(fleet, "check")
    reap_abandoned(site_name)
    report = _read(fleet, names, cluster, site=site_name, workers=workers, timeout=timeout,
                   args={**chosen.args(), "remediate": remediate}, started=started)

    if remediate:
        from flexorch.drift.fix import FixOptions, remediate_report

        if fmt == "text":
            click.echo(report_text(report, show_all=show_all), nl=False)
        options = FixOptions(playbook=playbook_file, timeout=timeout, ask=not yes,
                             minute_seconds=minute_seconds(),
                             args={**chosen.args(), "drift_run": report.run_id})
        override = remediate_report(fleet, report, workers=workers, options=options,
                                    timeout=timeout)
        clean = bool(report.remediation and report.remediation["clean_after"])
        code = override if override is not None else EXIT_OK if clean else EXIT_FAIL
    else:
        code = EXIT_OK if report.ok else EXIT_FAIL

    if fmt == "json":
        document = report.to_json()
        document["exit_code"] = code
        echo_json(document)
    elif fmt == "junit":
        click.echo(junit(report), nl=False)
    elif remediate:
        from flexorch.drift.text import remediation_lines

        if report.remediation is not None:
            click.echo("\n".join(remediation_lines(report.remediation)))
    else:
        click.echo(report_text(report, show_all=show_all), nl=False)
    ctx.exit(code)


def _read(fleet: Fleet, names: list[str], cluster: ClusterOptions | None, *, site: str | None,
          workers: int, timeout: float, args: dict[str, Any], started: datetime) -> DriftReport:
    """Read and compare the hosts here or on workers (``--executor``); the run recorded."""
    from flexorch.drift.record import record_run
    from flexorch.drift.run import drift_hosts

    if cluster is not None:
        from flexorch.distributed.cluster.runs import drift_on_workers

        return drift_on_workers(fleet, names, cluster, site=site, args=args, workers=workers,
                                timeout=timeout, started_at=started)
    report = drift_hosts(fleet, names, workers=workers, site=site, timeout=timeout)
    record_run(report, args, started_at=started)
    return report
