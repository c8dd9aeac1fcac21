"""``flexorch rollback RUN_ID``: put the routers a rollout changed back on the config they had
before it (``configure replace`` from the run's backup under IOS's revert timer, verified, then
confirmed), refusing a router changed since the run unless ``--force``.

Exit codes: 0 every host restored (or already on its backup); 1 a host was refused, reverted,
unreachable or failed; 2 bad input (unknown run, a run that changed nothing, a host the run did
not change, a backup gone, no terminal without --yes) or the site locked; 130 interrupted.
"""

from __future__ import annotations

import click

from flexorch.cli.cmd_plan import workers_option
from flexorch.cli.common import (
    echo_json,
    format_option,
    inventory_dir,
    is_interactive,
)
from flexorch.errors import BadInputError


@click.command("rollback")
@click.argument("run_id", metavar="RUN_ID")
@click.option("--host", "-H", "hosts", multiple=True, metavar="HOST",
              help="Only this host of the run (repeatable). Default: every host it changed.")
@click.option("--yes", "-y", is_flag=True, help="Do not ask before restoring.")
@click.option("--force", is_flag=True, help="Restore a router even when its config changed "
              "since the run (or the run did not record what it left).")
@click.option("--confirm-timeout", "minutes", type=click.IntRange(1, 120), default=10,
              show_default=True, help="IOS revert timer of the replace, in minutes.")
@format_option("text", "json")
@workers_option
@click.option("--timeout", type=click.FloatRange(1, 600), default=30.0, show_default=True,
              help="Seconds allowed for each connect, login and command.")
@click.pass_context
def rollback(ctx: click.Context, run_id: str, hosts: tuple[str, ...], yes: bool, force: bool,
             minutes: int, fmt: str, workers: int, timeout: float) -> None:
    """Restore the routers run RUN_ID (a rollout, see `flexorch history`) changed to the
    configs they had before it: each router's backup from that run is put back with
    `configure replace ... time N`, its tunnels are verified, then the change is confirmed and
    saved (or rolled back). A router holding an unconfirmed change, or changed since the run,
    is refused (`--force` restores the latter anyway).

    Exit codes: 0 all restored; 1 a host refused, reverted, unreachable or failed; 2 bad input
    or site locked; 130 interrupted.
    """
    from flexorch.intent import load_fleet
    from flexorch.rollout.rollback import (
        HostRollback,
        RollbackOptions,
        rollback_run,
        rollback_text,
    )

    if not run_id.isdigit():
        raise BadInputError(f"run id {run_id!r} is not a number (see `flexorch history`)")
    if not yes and not is_interactive():
        raise BadInputError("stdin is not a terminal: pass --yes to roll back without a "
                            "confirmation prompt")
    fleet = load_fleet(inventory_dir(ctx))

    def confirm(chosen: list[HostRollback]) -> bool:
        for h in chosen:
            click.echo(f"{h.host}: configure replace flash:{h.flash} (backup {h.backup})",
                       err=fmt != "text")
        return click.confirm(f"Restore {len(chosen)} router(s) to their configs from before run "
                             f"{run_id} (revert timer {minutes} min)?", default=False,
                             err=fmt != "text")

    options = RollbackOptions(force=force, timeout=timeout, workers=workers, minutes=minutes)
    report = rollback_run(fleet, int(run_id), hosts=hosts, options=options,
                          confirm=None if yes else confirm)
    if fmt == "json":
        echo_json(report.to_json())
    else:
        click.echo(rollback_text(report), nl=False)
    ctx.exit(report.exit_code())
