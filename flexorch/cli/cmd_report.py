"""``flexorch report --site S --html FILE``: a self-contained HTML page for one site.

Built from the history store's last finished rollout, drift and verify runs of the site.
Exit codes: 0 written; 1 the history store is locked, full, unreachable or corrupted;
2 no recorded run of that site, an unwritable output path, or a bad database URL.
"""

from __future__ import annotations

from pathlib import Path

import click

from flexorch.cli.common import chosen_db_url, db_options, site_option
from flexorch.history import open_store
from flexorch.report.html import write_site_html
from flexorch.report.site import build_site_report


@click.command()
@site_option(required=True)
@click.option("--html", "html_path", required=True, metavar="FILE",
              type=click.Path(path_type=Path, dir_okay=False), help="Where to write the page.")
@db_options
@click.pass_context
def report(ctx: click.Context, site: str, html_path: Path, db_url: str | None,
           db_file: Path | None) -> None:
    """Write a self-contained HTML report of a site: tunnel matrix, last rollout, drift.

    Exit codes: 0 written; 1 history store locked, full, unreachable or corrupted;
    2 no recorded run of the site, unwritable FILE or unsupported database URL.
    """
    with open_store(chosen_db_url(ctx, db_url, db_file)) as store:
        site_report = build_site_report(store, site)
    write_site_html(site_report, html_path)
    up, down, mismatch = (site_report.count(s) for s in ("up", "down", "mismatch"))
    click.echo(f"wrote {html_path}: site {site_report.site}, {up} tunnels up, {down} down, "
               f"{mismatch} not as intended")
