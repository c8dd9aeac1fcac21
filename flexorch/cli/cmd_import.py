"""``flexorch import``: running configs (files, or routers over SSH) become an inventory whose
rendering is the running config (``flexorch.importer``).

Exit codes: 0 written; 1 nothing written: lines the intent cannot express (listed), or a
router that could not be read; 2 bad input (a file that is not an IOS config, two files with
one hostname, an unusable --out, conflicting options).
"""

from __future__ import annotations

from pathlib import Path

import click

from flexorch.cli.common import echo_json, format_option, inventory_dir, site_option
from flexorch.errors import EXIT_FAIL, BadInputError


def _check(files: tuple[Path, ...], from_devices: bool, site: str | None,
           hosts: tuple[str, ...], site_name: str | None, lab_base_port: int | None) -> None:
    if from_devices and files:
        raise BadInputError("give CONFIG_FILE... or --from-devices, not both")
    if not from_devices and not files:
        raise BadInputError("give the running-config files to import (CONFIG_FILE...), "
                            "or --from-devices")
    if not from_devices and (site or hosts):
        raise BadInputError("--site and --host choose routers for --from-devices")
    if site and hosts:
        raise BadInputError("give --site or --host, not both")
    if site_name is not None:
        from pydantic import TypeAdapter, ValidationError

        from flexorch.intent.types import Name

        try:
            TypeAdapter(Name).validate_python(site_name)
        except ValidationError:
            raise BadInputError(f"--site-name '{site_name}' is not a valid site name (one word: "
                                "letters, digits, _ . : @ / + = -)") from None
    if lab_base_port is not None and files and lab_base_port + len(files) - 1 > 65535:
        raise BadInputError(f"--lab-base-port {lab_base_port}: {len(files)} routers do not fit "
                            "below port 65535")


@click.command("import")
@click.argument("files", metavar="[CONFIG_FILE]...", nargs=-1,
                type=click.Path(path_type=Path, dir_okay=False))
@click.option("--out", "-o", required=True, type=click.Path(path_type=Path),
              help="Inventory folder to write (must be new or empty, unless --force).")
@click.option("--from-devices", is_flag=True,
              help="Read the routers of the inventory (-i) over SSH instead of files.")
@site_option()
@click.option("--host", "-H", "hosts", multiple=True, help="With --from-devices: this host "
              "(repeat for several). Default: every host of the inventory.")
@click.option("--site-name", help="Name of the site (when the routers form one).")
@click.option("--lab-base-port", type=click.IntRange(1, 65535),
              help="Put the hosts on 127.0.0.1:N, N+1, ... (argument order) to rehearse on "
              "the lab.")
@click.option("--secrets-dir", type=click.Path(path_type=Path),
              help="Where the secret values go (default: <out>/secrets).")
@click.option("--force", is_flag=True, help="Replace a non-empty --out.")
@click.option("--timeout", type=click.FloatRange(1, 3600), default=60.0, show_default=True,
              help="--from-devices: seconds to wait for a router's answer.")
@click.option("--workers", type=click.IntRange(1, 256), default=16, show_default=True,
              help="--from-devices: routers read concurrently.")
@format_option("text", "json")
@click.pass_context
def import_(ctx: click.Context, files: tuple[Path, ...], out: Path, from_devices: bool,
            site: str | None, hosts: tuple[str, ...], site_name: str | None,
            lab_base_port: int | None, secrets_dir: Path | None, force: bool, timeout: float,
            workers: int, fmt: str) -> None:
    """Adopt an existing FlexVPN fleet: every running config (one router per file, or read
    over SSH with --from-devices) becomes a Nornir inventory in --out whose rendering is the
    running config (`flexorch plan` then has nothing to change). Secrets go to a 0600 secrets
    folder and are referenced; lines the intent cannot express are listed and nothing is
    written.

    Exit codes: 0 written; 1 nothing written (lines the intent cannot express, or a router
    that could not be read); 2 bad input.
    """
    from flexorch.importer.run import Options, import_devices, import_files
    from flexorch.importer.text import report

    _check(files, from_devices, site, hosts, site_name, lab_base_port)
    options = Options(out, site_name, lab_base_port, secrets_dir, force)
    if from_devices:
        result = import_devices(inventory_dir(ctx), options, site=site, hosts=hosts,
                                timeout=timeout, workers=workers)
    else:
        result = import_files(files, options)
    if fmt == "json":
        echo_json(result.to_json())
        if not result.written:
            click.echo(report(result), err=True, nl=False)
    else:
        click.echo(report(result), nl=False, err=not result.written)
    if not result.written:
        ctx.exit(EXIT_FAIL)
