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
    from flexorch.verify_run import junit, print_text, verify_site

    if site is None and host is None:
        raise BadInputError("say which routers to verify: --site SITE or --host HOST")
    started = datetime.now(UTC)
    fleet = load_fleet(inventory_dir(ctx))
    report = verify_site(fleet, site=site, host=host,
                         checks=tuple(checks) or ALL_CHECKS,  # type: ignore[arg-type]
                         workers=workers, timeout=timeout, started_at=started)
    if fmt == "json":
        echo_json(report.to_json())
    elif fmt == "junit":
        click.echo(junit(report), nl=False)
    else:
        from rich.console import Console

        print_text(report, Console(highlight=False, soft_wrap=False))
    ctx.exit(EXIT_OK if report.ok else EXIT_FAIL)
