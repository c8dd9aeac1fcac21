"""``flexorch render``: intended IOS-XE configuration per host, to stdout or one file per host."""

from __future__ import annotations

from pathlib import Path

import click

from flexorch.cli.common import host_option, inventory_dir, site_option
from flexorch.errors import BadInputError
from flexorch.files import safe_component, write_file
from flexorch.intent import load_fleet
from flexorch.render import DAY0, FULL, MANAGED
from flexorch.render import render as render_scope
from flexorch.secrets import mask

_PARTS = {"full": "day-0 + managed", "managed": "managed FlexVPN sections", "day0": "day-0 only"}


@click.command("render")
@site_option()
@host_option()
@click.option(
    "--out",
    "-o",
    "out",
    type=click.Path(path_type=Path),
    help="Write <host>.cfg per host into this folder (default: print to stdout).",
)
@click.option(
    "--part",
    type=click.Choice(list(_PARTS)),
    default="full",
    show_default=True,
    help="Which sections: full config, managed FlexVPN sections, or day-0 only.",
)
@click.option(
    "--with-secrets",
    is_flag=True,
    help="With --out: write keys and passwords in clear (files created 0600). "
    "Default: secrets masked as ******, and no secret needs to be set.",
)
@click.pass_context
def render(
    ctx: click.Context,
    *,
    site: str | None,
    host: str | None,
    out: Path | None,
    part: str,
    with_secrets: bool,
) -> None:
    """Render the intended configuration of the selected hosts (every host by default).

    Exit codes: 0 rendered, 2 bad input (invalid inventory, unknown site/host, unset secret).
    """
    if with_secrets and out is None:
        raise BadInputError("--with-secrets writes files only: give --out DIR")
    fleet = load_fleet(inventory_dir(ctx))
    hosts = fleet.select(site=site, host=host)
    scope = {"full": FULL, "managed": MANAGED, "day0": DAY0}[part]
    texts = {h.name: render_scope(fleet, h.name, scope, reveal=with_secrets) for h in hosts}
    if out is None:
        for name, text in texts.items():
            intent = fleet.hosts[name]
            click.echo(f"! ===== {name} (site {intent.site}, {intent.role}) =====")
            click.echo(mask(text), nl=False)
        return
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, text in texts.items():
            path = out / f"{safe_component(name, 'host')}.cfg"
            _write(path, text if with_secrets else mask(text), private=with_secrets)
            click.echo(f"{name:<24} {len(text.splitlines()):>5} lines  {path}")
    except OSError as exc:
        raise BadInputError(f"{out}: cannot write: {exc.strerror}") from None
    secrets = "secrets in clear (0600)" if with_secrets else "secrets masked"
    click.echo(f"rendered {len(texts)} host(s), {_PARTS[part]}, {secrets}")


def _write(path: Path, text: str, *, private: bool) -> None:
    """Write a config file atomically through a new 0600 file (0644 when masked), replacing a
    symlink at its name rather than writing through it."""
    write_file(path, text, private=private)
