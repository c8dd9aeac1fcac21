"""``flexorch parse "<command>" [FILE|-]``: router output -> typed records (json or text)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from flexorch.cli.common import echo_json, format_option
from flexorch.errors import BadInputError
from flexorch.parse.records import CryptoSession, Ikev2Session, SaRecord
from flexorch.parse.runner import parse_output, template_for
from flexorch.secrets import mask


def _read(source: str) -> str:
    """The text of FILE, or of stdin for ``-``. Undecodable bytes are replaced, not fatal."""
    if source == "-":
        return sys.stdin.buffer.read().decode("utf-8", errors="replace")
    try:
        return Path(source).read_bytes().decode("utf-8", errors="replace")
    except OSError as exc:
        raise BadInputError(f"{source}: cannot read: {exc.strerror or exc}") from exc


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _rows(records: list[Any]) -> tuple[list[str], list[list[str]]]:
    """Summary columns per record type, for the text table."""
    first = records[0]
    if isinstance(first, SaRecord):
        header = [
            "TUNNEL",
            "LOCAL",
            "REMOTE",
            "FVRF/IVRF",
            "STATUS",
            "ENCR",
            "DH",
            "AUTH",
            "FRAG",
            "NAT-T",
            "SGT",
            "INITIATOR",
        ]
        rows = [
            [
                _cell(r.tunnel_id),
                f"{_cell(r.local_address)}/{_cell(r.local_port)}",
                f"{_cell(r.remote_address)}/{_cell(r.remote_port)}",
                f"{_cell(r.fvrf)}/{_cell(r.ivrf)}",
                _cell(r.status),
                f"{_cell(r.encryption)}-{_cell(r.keysize)}",
                _cell(r.dh_group),
                f"{_cell(r.auth_sign)}/{_cell(r.auth_verify)}",
                _cell(r.fragmentation) + (f" {r.fragmentation_mtu}" if r.fragmentation_mtu else ""),
                _cell(r.nat_t),
                _cell(r.sgt),
                _cell(r.initiator),
            ]
            for r in records
        ]
        return header, rows
    if isinstance(first, CryptoSession):
        header = ["INTERFACE", "PEER", "STATUS", "PROFILE", "FVRF", "IKE SAS", "FLOWS", "UPTIME"]
        rows = [
            [
                _cell(s.interface),
                f"{_cell(s.peer)}/{_cell(s.peer_port)}",
                _cell(s.status),
                _cell(s.profile),
                _cell(s.fvrf),
                ",".join(f"{sa.version} {sa.state}" for sa in s.ike_sas) or "-",
                str(len(s.flows)),
                _cell(s.uptime),
            ]
            for s in records
        ]
        return header, rows
    if isinstance(first, Ikev2Session):
        header = ["SESSION", "STATUS", "IKE", "CHILD", "PEERS"]
        rows = [
            [
                _cell(s.session_id),
                _cell(s.status),
                _cell(s.ike_count),
                _cell(s.child_count),
                ",".join(_cell(sa.remote_address) for sa in s.ike_sas) or "-",
            ]
            for s in records
        ]
        return header, rows
    # One-record facts (show version): field / value pairs.
    return ["FIELD", "VALUE"], [[k, _cell(v)] for k, v in first.to_json().items()]


def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(line[i]) for line in [header, *rows]) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in [header, *rows]
    )


@click.command(
    "parse",
    epilog="Commands: show crypto ikev2 sa [detailed], show crypto ikev2 session, "
    "show crypto session [detail], show version; IOS abbreviations work (sh cry ikev2 sa det).",
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
        click.echo(mask(_table(*_rows(result.records))))
    else:
        click.echo("no records")
