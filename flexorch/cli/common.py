"""Options and helpers shared by subcommands: inventory, target selection, output format."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

from flexorch.errors import BadInputError

F = TypeVar("F", bound=Callable[..., Any])


def site_option(required: bool = False) -> Callable[[F], F]:
    return click.option("--site", "-s", required=required, help="FlexVPN site (domain) to act on.")


def host_option() -> Callable[[F], F]:
    return click.option("--host", "-H", "host", help="Single inventory host to act on.")


def selection_options(fn: F) -> F:
    """``--site``, ``--host`` (repeatable), ``--group``, ``--role`` (repeatable) and
    ``--filter``: which routers a command acts on (``Fleet.target``)."""
    options = (
        click.option("--site", "-s", help="FlexVPN site (domain) to act on."),
        click.option("--host", "-H", "hosts", multiple=True, metavar="HOST",
                     help="Only this inventory host (repeatable)."),
        click.option("--group", "-g", "groups", multiple=True, metavar="GROUP",
                     help="Only members of this inventory group, also through parent groups "
                     "(repeatable)."),
        click.option("--role", "roles", multiple=True,
                     type=click.Choice(["hub", "spoke", "client"]),
                     help="Only hosts of this role (repeatable)."),
        click.option("--filter", "where", metavar="EXPR",
                     help="Nornir F-style filter, e.g. 'role=spoke&groups__contains=hub1_spokes' "
                     "(& and, | or, ~ not, field__op=value; docs/rollout.md)."),
    )
    for option in reversed(options):
        fn = option(fn)
    return fn


@dataclass(frozen=True)
class Selection:
    """What the selection options said (``describe()`` for history args and messages)."""

    site: str | None
    hosts: tuple[str, ...]
    groups: tuple[str, ...]
    roles: tuple[str, ...]
    where: str | None

    @property
    def given(self) -> bool:
        return bool(self.site or self.hosts or self.groups or self.roles or self.where)

    @property
    def partial(self) -> bool:
        """True when the selection is narrower than a whole site."""
        return bool(self.hosts or self.groups or self.roles or self.where)

    def args(self) -> dict[str, Any]:
        return {"hosts": list(self.hosts) or None, "groups": list(self.groups) or None,
                "roles": list(self.roles) or None, "filter": self.where}

    def target(self, fleet: Any, what: str) -> tuple[str, list[str]]:
        """``fleet.target(...)`` of this selection; ``what`` names the action for the error
        when nothing was said ("plan", "verify"...)."""
        from flexorch.errors import BadInputError

        if not self.given:
            raise BadInputError(f"say which routers to {what}: --site SITE, --host HOST, "
                                "--group GROUP, --role ROLE or --filter EXPR")
        result: tuple[str, list[str]] = fleet.target(
            self.site, self.hosts, groups=self.groups, roles=self.roles, where=self.where)
        return result


def describe_selection(chosen: Selection) -> str:
    """``hosts hub1, h1-gre; role spoke; filter 'site=hub1'`` (for messages and plans)."""
    parts = []
    for word, values in (("host", chosen.hosts), ("group", chosen.groups),
                         ("role", chosen.roles)):
        if values:
            parts.append(f"{word}{'s' * (len(values) > 1)} {', '.join(values)}")
    if chosen.where:
        parts.append(f"filter {chosen.where!r}")
    return "; ".join(parts)


def selection(site: str | None, hosts: tuple[str, ...], groups: tuple[str, ...],
              roles: tuple[str, ...], where: str | None) -> Selection:
    return Selection(site, tuple(hosts), tuple(groups), tuple(roles), where)


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


def print_error(message: str) -> None:
    """Print ``flexorch: error: MESSAGE`` on stderr, one line, control characters escaped (a
    value from the inventory or a router's answer never drives the operator's terminal)."""
    from flexorch.safetext import escape_control

    click.echo(f"flexorch: error: {escape_control(message)}", err=True)


def db_options(function: F) -> F:
    """``--db URL`` (also ``$FLEXORCH_DB``) and ``--db-file FILE`` (the URL in a 0600 file, so
    a password never shows in the process list); read them with ``chosen_db_url``."""
    function = click.option(
        "--db-file", "db_file", metavar="FILE", type=click.Path(path_type=Path, dir_okay=False),
        help="File whose first line is the history database URL (mode 0600; keeps a "
        "password out of the process list).")(function)
    return click.option(
        "--db", "db_url", envvar="FLEXORCH_DB", metavar="URL",
        help="History database: postgresql://... or a SQLite file. Default: $FLEXORCH_DB, else "
        "history.sqlite3 in the state directory. A password here is visible to other users "
        "(ps): prefer $FLEXORCH_DB or --db-file.")(function)


def chosen_db_url(ctx: click.Context, db_url: str | None, db_file: Path | None) -> str | None:
    """The database URL of ``--db`` / ``--db-file`` / ``$FLEXORCH_DB`` (None: the default),
    checked without connecting (BadInputError, exit 2). Warns on stderr when ``--db`` on the
    command line carries a password."""
    from click.core import ParameterSource

    from flexorch.history.store import db_target
    from flexorch.history.url import read_db_file

    typed = ctx.get_parameter_source("db_url") == ParameterSource.COMMANDLINE
    if db_file is not None:
        if typed:
            raise BadInputError("give --db or --db-file, not both")
        url = read_db_file(db_file)
        db_target(url, f"--db-file {db_file}")
        return url
    if db_url:
        target = db_target(db_url, "--db" if typed else "FLEXORCH_DB")
        if typed and "password" in target.params:
            click.echo("flexorch: warning: --db puts the database password in the process "
                       "list (ps) and shell history; use $FLEXORCH_DB or --db-file", err=True)
    return db_url or None

