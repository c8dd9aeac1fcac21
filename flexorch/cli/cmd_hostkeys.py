"""``flexorch hostkeys scan|list|forget``: the routers' SSH host keys flexorch trusts.

Exit codes: scan 0 every key seen (and pinned with --yes, or already pinned), 1 a router could
not be scanned or presents a key other than the pinned one; list and forget 0; 2 bad input
(inventory, unknown site or host, unreadable known_hosts file).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

import click

from flexorch.cli.common import echo_json, format_option, host_option, inventory_dir, site_option
from flexorch.errors import EXIT_FAIL, EXIT_OK

if TYPE_CHECKING:
    from flexorch.hostkeys import Seen


@click.group()
def hostkeys() -> None:
    """SSH host keys of the routers: scan and pin them, list them, forget one."""


@hostkeys.command()
@site_option()
@host_option()
@click.option("--yes", is_flag=True, help="Pin the keys of routers that have none pinned.")
@click.option("--timeout", type=click.FloatRange(1, 120), default=10.0, show_default=True,
              help="Seconds allowed for each router's connect and key exchange.")
@click.option("--workers", type=click.IntRange(1, 256), default=16, show_default=True,
              help="Routers scanned concurrently.")
@format_option("text", "json")
@click.pass_context
def scan(ctx: click.Context, site: str | None, host: str | None, yes: bool, timeout: float,
         workers: int, fmt: str) -> None:
    """Read each router's host key (no login) and compare it with the pinned one.

    Shows every fingerprint; with --yes, pins the keys of routers that have none. A key that
    differs from the pinned one is never replaced here: check why, then `hostkeys forget H`.
    """
    from flexorch.hostkeys import pin, scan_host
    from flexorch.intent import load_fleet

    fleet = load_fleet(inventory_dir(ctx))
    targets = fleet.select(site=site, host=host)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        seen = list(pool.map(lambda intent: scan_host(intent, timeout), targets))
    new = [s for s in seen if s.status == "new"]
    if yes and new:
        pin([(s.file, s.address, s.port, s.key) for s in new])
    rows = [_row(s, pinned_now=yes) for s in seen]
    if fmt == "json":
        echo_json({"hosts": rows})
    else:
        _table(["NAME", "ADDRESS", "TYPE", "FINGERPRINT", "STATUS"],
               [[r["host"], r["address"], r["type"] or "-", r["fingerprint"] or "-",
                 r["status"] + (f" ({r['error']})" if r["error"] else "")] for r in rows])
        if new and not yes:
            click.echo(f"{len(new)} key(s) not pinned: check the fingerprints, then run again "
                       "with --yes", err=True)
    bad = any(s.status in ("changed", "unreachable") for s in seen)
    ctx.exit(EXIT_FAIL if bad else EXIT_OK)


@hostkeys.command("list")
@site_option()
@host_option()
@format_option("text", "json")
@click.pass_context
def list_keys(ctx: click.Context, site: str | None, host: str | None, fmt: str) -> None:
    """The key pinned for each router (and the file it is pinned in)."""
    from flexorch.hostkeys import fingerprint, known_hosts_for, pinned, shown_address
    from flexorch.intent import load_fleet

    rows: list[dict[str, Any]] = []
    for intent in load_fleet(inventory_dir(ctx)).select(site=site, host=host):
        path = known_hosts_for(intent)
        keys = pinned(path, intent.hostname, intent.port)
        address = shown_address(intent.hostname, intent.port)
        rows.extend({"host": intent.name, "address": address, "type": key.get_name(),
                     "fingerprint": fingerprint(key), "file": str(path)} for key in keys)
        if not keys:
            rows.append({"host": intent.name, "address": address, "type": None,
                         "fingerprint": None, "file": str(path)})
    if fmt == "json":
        echo_json({"hosts": rows})
        return
    _table(["NAME", "ADDRESS", "TYPE", "FINGERPRINT", "FILE"],
           [[r["host"], r["address"], r["type"] or "-", r["fingerprint"] or "not pinned",
             r["file"]] for r in rows])


@hostkeys.command()
@click.argument("host")
@click.pass_context
def forget(ctx: click.Context, host: str) -> None:
    """Remove the key pinned for router HOST (a router that was replaced): the next scan or
    login sees its new key as unknown."""
    from flexorch.hostkeys import forget as forget_key
    from flexorch.hostkeys import known_hosts_for, shown_address
    from flexorch.intent import load_fleet

    intent = load_fleet(inventory_dir(ctx)).select(host=host)[0]
    path = known_hosts_for(intent)
    removed = forget_key(path, intent.hostname, intent.port)
    where = shown_address(intent.hostname, intent.port)
    if removed:
        click.echo(f"{host} ({where}): {removed} pinned key(s) removed from {path}")
    else:
        click.echo(f"{host} ({where}): no key pinned in {path}")


def _row(seen: Seen, *, pinned_now: bool) -> dict[str, Any]:
    from flexorch.hostkeys import fingerprint, shown_address

    status = "pinned" if seen.status == "new" and pinned_now else seen.status
    if seen.status == "changed":
        status = f"CHANGED (pinned {fingerprint(seen.expected)})"
    return {"host": seen.name, "address": shown_address(seen.address, seen.port),
            "type": seen.key.get_name() if seen.key is not None else None,
            "fingerprint": fingerprint(seen.key) if seen.key is not None else None,
            "status": status, "error": seen.error, "file": str(seen.file)}


def _table(header: list[str], rows: list[list[str]]) -> None:
    cells = [header, *rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    for row in cells:
        click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
