"""``flexorch recover``: show, roll back or confirm the unconfirmed changes routers hold under
IOS's revert timer (left by a run that died or was interrupted twice, or made by hand), which
plan and rollout refuse to touch.

Exit codes: 0 no selected router holds an unconfirmed change (any there was is resolved); 1 one
still does (shown only, refused by verification, or declined) or a router could not be read or
resolved; 2 bad input (selection, --confirm without --yes and no terminal) or a site locked by a
rollout.
"""

from __future__ import annotations

import click

from flexorch.cli.cmd_plan import workers_option
from flexorch.cli.common import (
    echo_json,
    format_option,
    inventory_dir,
    is_interactive,
    selection,
    selection_options,
)
from flexorch.errors import BadInputError


@click.command("recover")
@selection_options
@click.option("--revert", "action", flag_value="revert",
              help="Roll every unconfirmed change back now (configure revert now).")
@click.option("--confirm", "action", flag_value="confirm",
              help="Keep every unconfirmed change whose router passes verification "
              "(configure confirm + write memory).")
@click.option("--force", is_flag=True, help="With --confirm: keep a change even when the "
              "router fails verification.")
@click.option("--yes", "-y", is_flag=True, help="With --confirm: do not ask first.")
@format_option("text", "json")
@workers_option
@click.option("--timeout", type=click.FloatRange(1, 600), default=30.0, show_default=True,
              help="Seconds allowed for each connect, login and command.")
@click.pass_context
def recover(ctx: click.Context, site: str | None, hosts: tuple[str, ...],
            groups: tuple[str, ...], roles: tuple[str, ...], where: str | None,
            action: str | None, force: bool, yes: bool, fmt: str, workers: int,
            timeout: float) -> None:
    """Read `show archive config rollback timer` on the selected routers and resolve what is
    pending: nothing more (default: show), --revert (roll it back now), or --confirm (keep
    it, after checking the router's tunnels against the intent). Holds the sites' locks and
    records the run in the history.

    Exit codes: 0 nothing left pending; 1 a change is still pending, or a router could not be
    read or resolved; 2 bad input or site locked.
    """
    from flexorch.intent import load_fleet
    from flexorch.rollout.recover import HostRecovery, recover_hosts, recover_text

    chosen = selection(site, hosts, groups, roles, where)
    if force and action != "confirm":
        raise BadInputError("--force goes with --confirm (keep a change that fails verification)")
    ask = action == "confirm" and not yes
    if ask and not is_interactive():
        raise BadInputError("stdin is not a terminal: pass --yes to confirm without a prompt")
    fleet = load_fleet(inventory_dir(ctx))
    _, names = chosen.target(fleet, "recover")

    def confirm(chosen_hosts: list[HostRecovery]) -> bool:
        for h in chosen_hosts:
            click.echo(f"{h.host}: {h.message}", err=fmt != "text")
        return click.confirm(f"Confirm (keep and save) the unconfirmed change on "
                             f"{len(chosen_hosts)} router(s)?", default=False,
                             err=fmt != "text")

    report = recover_hosts(fleet, names, action=action or "show",  # type: ignore[arg-type]
                           force=force, timeout=timeout, workers=workers,
                           confirm=confirm if ask else None)
    if fmt == "json":
        echo_json(report.to_json())
    else:
        click.echo(recover_text(report), nl=False)
    ctx.exit(report.exit_code())
