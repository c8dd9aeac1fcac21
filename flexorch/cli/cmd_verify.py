"""``flexorch verify``: are the tunnels the intent asks for up, with the intended crypto suite,
fragmentation, SGT tagging and NAT-T?"""

from __future__ import annotations

from datetime import UTC, datetime

import click

from flexorch.cli.common import (
    echo_json,
    format_option,
    inventory_dir,
    selection,
    selection_options,
)
from flexorch.cli.executor_option import cluster_options, executor_options
from flexorch.errors import EXIT_FAIL, EXIT_OK


@click.command("verify")
@selection_options
@format_option("text", "json", "junit")
@click.option(
    "--check", "checks", multiple=True,
    type=click.Choice(["status", "suite", "fragmentation", "sgt", "nat_t", "unexpected_peers"]),
    help="Only these checks (repeatable). Default: all.",
)
@click.option("--failures-only", is_flag=True,
              help="Text output: only the tunnels and routers with a problem.")
@click.option("--all", "show_all", is_flag=True,
              help="Text output: list every passing tunnel too (above 20 routers they are "
              "counted, not listed).")
@click.option("--workers", type=click.IntRange(1, 256), default=16, show_default=True,
              help="Hosts read concurrently.")
@click.option("--timeout", type=click.FloatRange(1, 600), default=30.0, show_default=True,
              help="Seconds allowed for each connect, login and show command.")
@executor_options
@click.pass_context
def verify(ctx: click.Context, site: str | None, hosts: tuple[str, ...], groups: tuple[str, ...],
           roles: tuple[str, ...], where: str | None, fmt: str, checks: tuple[str, ...],
           failures_only: bool, show_all: bool, workers: int, timeout: float, executor: str,
           broker: str | None, chunk_size: int) -> None:
    """Read `show crypto ikev2 sa detailed` (and the revert timer) on each selected host and
    compare it with the intent. Text output: one line per tunnel naming both routers, problems
    first with their cause (the negotiation model run on the running configs of both ends), a
    summary naming the routers in trouble.

    Exit 0 when every check matches, 1 on any mismatch, unreachable host or unconfirmed change
    pending, 2 on bad input.
    """
    from flexorch.history import reap_abandoned
    from flexorch.intent import load_fleet
    from flexorch.verify import ALL_CHECKS, Check
    from flexorch.verify_run import junit, verify_site
    from flexorch.verify_text import print_text

    chosen = selection(site, hosts, groups, roles, where)
    cluster = cluster_options(executor, broker, chunk_size)
    started = datetime.now(UTC)
    fleet = load_fleet(inventory_dir(ctx))
    site_name, names = chosen.target(fleet, "verify")
    reap_abandoned(site_name)
    run = verify_site
    if cluster is not None:
        from functools import partial

        from flexorch.distributed.cluster.runs import verify_on_workers

        run = partial(verify_on_workers, options=cluster)
    wanted: tuple[Check, ...] = tuple(checks) or ALL_CHECKS  # type: ignore[arg-type]
    report = run(fleet, site=site_name, names=names, checks=wanted, workers=workers,
                 timeout=timeout, started_at=started, args=chosen.args())
    if fmt == "json":
        echo_json(report.to_json())
    elif fmt == "junit":
        click.echo(junit(report), nl=False)
    else:
        print_text(report, show_all=show_all, failures_only=failures_only)
    ctx.exit(EXIT_OK if report.ok else EXIT_FAIL)
