"""``flexorch parse "<command>" [FILE|-]``: router output -> typed records (json or text)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from flexorch.cli.common import echo_json, format_option
from flexorch.errors import BadInputError
from flexorch.parse.runner import parse_output, template_for
from flexorch.parse.text import records_table
from flexorch.secrets import mask


def _read(source: str) -> str:
    """The text of FILE, or of stdin for ``-``. Undecodable bytes are replaced, not fatal."""
    if source == "-":
        return sys.stdin.buffer.read().decode("utf-8", errors="replace")
    try:
        return Path(source).read_bytes().decode("utf-8", errors="replace")
    except OSError as exc:
        raise BadInputError(f"{source}: cannot read: {exc.strerror or exc}") from exc


@click.command(
    "parse",
    epilog="Commands: show crypto ikev2 sa [local|remote|fvrf|ivrf VALUE]... [detailed], "
    "show crypto ikev2 session [detailed], "
    "show crypto session [local|remote|interface|fvrf|ivrf VALUE]... [detail], "
    "show crypto ikev2 stats, "
    "show crypto ikev2 proposal|policy [NAME|default], show crypto ikev2 profile [NAME], "
    "show crypto ipsec transform-set|profile [NAME|default], show crypto ipsec sa [ipv6] "
    "[interface|peer|map VALUE] [detail], show version; IOS abbreviations "
    "work (sh cry ikev2 sa det).",
)
@click.argument("command")
@click.argument("source", metavar="[FILE|-]", required=False, default="-")
@format_option("text", "json")
def parse(command: str, source: str, fmt: str) -> None:
    """Parse the output of COMMAND (e.g. "show crypto ikev2 sa detailed") read from FILE or
    stdin into records. Warnings about lines that could not be read go to stderr; exit 0.
    Exit 2 when no parser knows COMMAND or FILE cannot be read."""
    template_for(command)  # unknown command: exit 2 before waiting on stdin
    result = parse_output(command, _read(source))
    for warning in result.warnings:
        click.echo(mask(f"flexorch: warning: {source}: {warning}"), err=True)
    if fmt == "json":
        echo_json([record.to_json() for record in result.records])
    elif result.records:
        click.echo(mask(records_table(result.records)))
    else:
        click.echo("no records")
