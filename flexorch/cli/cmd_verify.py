"""``flexorch verify``: are the tunnels the intent asks for up, with the intended crypto suite,
fragmentation, SGT tagging and NAT-T?"""

from __future__ import annotations

from datetime import UTC, datetime

import click

from flexorch.cli.common import echo_json, format_option, host_option, inventory_dir, site_option
from flexorch.errors import EXIT_FAIL, EXIT_OK, BadInputError


@click.command("verify")
@site_option()
@host_option()
@format_option("text", "json", "junit")
@click.option(
    "--check", "checks", multiple=True,
    type=click.Choice(["status", "suite", "fragmentation", "sgt", "nat_t", "unexpected_peers"]),
    help="Only these checks (repeatable). Default: all.",
)
@click.option("--workers", type=click.IntRange(1, 256), default=16, show_default=True,
              help="Hosts read concurrently.")
@click.option("--timeout", type=click.FloatRange(1, 600), default=30.0, show_default=True,
              help="Seconds allowed for each connect, login and show command.")
@click.pass_context
def verify(ctx: click.Context, site: str | None, host: str | None, fmt: str,
           checks: tuple[str, ...], workers: int, timeout: float) -> None:
    """Read `show crypto ikev2 sa detailed` on each host and compare it with the intent.

    Exit 0 when every check matches, 1 on any mismatch or unreachable host, 2 on bad input.
    """
    from flexorch.intent import load_fleet
    from flexorch.verify import ALL_CHECKS
    from flexorch.verify_run import verify_hosts

    if site is None and host is None:
        raise BadInputError("say which routers to verify: --site SITE or --host HOST")
    started = datetime.now(UTC)
    fleet = load_fleet(inventory_dir(ctx))
    names = [h.name for h in fleet.select(site=site, host=host)]
    chosen = tuple(checks) or ALL_CHECKS
    report = verify_hosts(fleet, names, checks=chosen,  # type: ignore[arg-type]
                          workers=workers, site=site or fleet.hosts[names[0]].site,
                          timeout=timeout)
    _record(report, host, started)
    if fmt == "json":
        echo_json(report.to_json())
    elif fmt == "junit":
        _print_junit(report)
    else:
        _print_text(report)
    ctx.exit(EXIT_OK if report.ok else EXIT_FAIL)


def _record(report: object, host: str | None, started: datetime) -> None:
    from flexorch.history import CheckResult, HostRecord, RunRecorder
    from flexorch.verify_run import VerifyReport

    assert isinstance(report, VerifyReport)
    with RunRecorder("verify", site=report.site, args={"host": host}, started_at=started) as rec:
        for h in report.hosts:
            status = {"ok": "ok", "mismatch": "failed", "unreachable": "unreachable"}[h.verdict]
            rec.host(HostRecord(
                host=h.host, role=h.role,
                step="connect" if h.verdict == "unreachable" else "verify",
                status=status, message=h.message,  # type: ignore[arg-type]
                verification=tuple(
                    CheckResult(tunnel=c.tunnel, check=c.check, expected=c.expected,
                                observed=c.observed, ok=c.ok, peer=c.peer)
                    for c in h.comparisons
                ),
            ))
        rec.finish("ok" if report.ok else "failed", report.summary())


def _print_junit(report: object) -> None:
    from flexorch.report.junit import JUnitCase, check_case, to_junit
    from flexorch.verify_run import VerifyReport

    assert isinstance(report, VerifyReport)
    cases = []
    for h in report.hosts:
        if h.verdict == "unreachable":
            cases.append(JUnitCase(h.host, "connect", "error", message=h.message,
                                   detail=f"unreachable: {h.message}", failure_type="unreachable"))
            continue
        cases.extend(check_case(h.host, c.to_json()) for c in h.comparisons)
    click.echo(to_junit(f"flexorch verify {report.site or ''}".strip(), cases), nl=False)


def _print_text(report: object) -> None:
    from rich.console import Console
    from rich.table import Table

    from flexorch.secrets import mask
    from flexorch.verify_run import VerifyReport

    assert isinstance(report, VerifyReport)
    console = Console(highlight=False, soft_wrap=False)
    for h in report.hosts:
        if h.verdict == "unreachable":
            console.print(
                f"[bold]{h.host}[/bold] ({h.role}): [red]UNREACHABLE[/red] {mask(h.message)}")
            continue
        table = Table(title=f"{h.host} ({h.role})", title_justify="left", expand=False)
        for column in ("peer", "tunnel", "check", "expected", "observed", "verdict"):
            table.add_column(column)
        for c in h.comparisons:
            verdict = "[green]ok[/green]" if c.ok else "[red]MISMATCH[/red]"
            table.add_row(c.peer or "-", c.tunnel, c.check, mask(c.expected), mask(c.observed),
                          verdict)
        console.print(table)
        for c in h.comparisons:
            if not c.ok and c.message:
                console.print(f"  {c.tunnel} {c.check}: {mask(c.message)}")
        for warning in h.warnings:
            console.print(f"  parser warning: {warning}")
    s = report.summary()
    console.print(
        f"verify: {s['hosts']} hosts, {s['ok']} ok, {s['mismatch']} mismatch, "
        f"{s['unreachable']} unreachable; {s['failed_checks']}/{s['checks']} checks failed"
    )
