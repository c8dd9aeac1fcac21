"""``flexorch lint``: semantic checks of the intent, per host and across the fleet."""

from __future__ import annotations

import sys

import click

from flexorch.cli.common import echo_json, format_option, host_option, inventory_dir, site_option
from flexorch.errors import EXIT_FAIL, FlexorchError


class LintErrors(FlexorchError):
    """Lint found errors (exit 1)."""

    exit_code = EXIT_FAIL


@click.command("lint")
@site_option()
@host_option()
@format_option("text", "json")
@click.pass_context
def lint(ctx: click.Context, *, site: str | None, host: str | None, fmt: str) -> None:
    """Check the intent of the selected hosts (every host by default): per-host rules on the
    typed intent, and fleet rules that negotiate every spoke with its hub on the rendered
    configs. Rules and fixes: docs/lint.md.

    Exit codes: 0 clean (warnings allowed), 1 errors found, 2 bad input (invalid inventory,
    unknown site/host).
    """
    # Imported when the command runs, so `flexorch --help` stays light.
    from flexorch.intent import load_fleet
    from flexorch.lint import lint_fleet
    from flexorch.lint.output import render_text, summary_line

    fleet = load_fleet(inventory_dir(ctx))
    report = lint_fleet(fleet, site=site, host=host)
    if fmt == "json":
        echo_json(report.to_dict())
    else:
        click.echo(render_text(report, color=sys.stdout.isatty()), nl=False)
    if report.exit_code:
        raise LintErrors(summary_line(report))
