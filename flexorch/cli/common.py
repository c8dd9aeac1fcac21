"""Options and helpers shared by subcommands: inventory, target selection, output format."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def site_option(required: bool = False) -> Callable[[F], F]:
    return click.option("--site", "-s", required=required, help="FlexVPN site (domain) to act on.")


def host_option() -> Callable[[F], F]:
    return click.option("--host", "-H", "host", help="Single inventory host to act on.")


def format_option(*choices: str, default: str = "text") -> Callable[[F], F]:
    return click.option(
        "--format", "-f", "fmt", type=click.Choice(choices), default=default, show_default=True,
        help="Output format.",
    )


def inventory_dir(ctx: click.Context) -> Path:
    """The inventory folder chosen by --inventory / $FLEXORCH_INVENTORY / defaults."""
    from flexorch.paths import default_inventory_dir

    chosen = ctx.find_root().obj.get("inventory") if ctx.find_root().obj else None
    return Path(chosen) if chosen else default_inventory_dir()


def echo_json(document: Any) -> None:
    """Print one JSON document (secrets masked) to stdout."""
    from flexorch.secrets import mask_data

    click.echo(json.dumps(mask_data(document), indent=2, sort_keys=False, default=str))


def is_interactive() -> bool:
    """True when both stdin and stdout are terminals (prompts and live progress allowed)."""
    return sys.stdin.isatty() and sys.stdout.isatty()
