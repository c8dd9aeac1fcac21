"""The ``flexorch`` command. Subcommands live in ``flexorch.cli.cmd_<name>`` and are imported only
when invoked, so ``flexorch --help`` answers without loading nornir, netmiko or textfsm."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import click

from flexorch import __version__
from flexorch.errors import (
    EXIT_BAD_INPUT,
    EXIT_FAIL,
    EXIT_INTERRUPTED,
    FlexorchError,
    InventoryErrors,
)
from flexorch.rollout.interrupt import AbortRun

# name -> (module, attribute, one-line help). Keeping the help here keeps --help import-free.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "render": ("flexorch.cli.cmd_render", "render", "Render intended IOS-XE config per host."),
    "lint": ("flexorch.cli.cmd_lint", "lint", "Check intent per host and across the fleet."),
    "parse": ("flexorch.cli.cmd_parse", "parse", "Parse show-command output into records."),
    "predict": ("flexorch.cli.cmd_predict", "predict", "Predict IKEv2 sessions from config files."),
    "verify": (
        "flexorch.cli.cmd_verify",
        "verify",
        "Confirm tunnels, fragmentation and SGT on devices.",
    ),
    "plan": ("flexorch.cli.cmd_plan", "plan", "Compute the ordered remediation per host."),
    "rollout": (
        "flexorch.cli.cmd_rollout",
        "rollout",
        "Push intent to a site in safe, verified stages.",
    ),
    "drift": ("flexorch.cli.cmd_drift", "drift", "Detect config and operational drift."),
    "rollback": (
        "flexorch.cli.cmd_rollback",
        "rollback",
        "Restore the routers a rollout changed to their configs from before it.",
    ),
    "recover": (
        "flexorch.cli.cmd_recover",
        "recover",
        "Show, roll back or confirm changes pending under a revert timer.",
    ),
    "history": ("flexorch.cli.cmd_history", "history", "List recorded runs, or show one."),
    "report": (
        "flexorch.cli.cmd_report",
        "report",
        "Write a self-contained HTML report for a site.",
    ),
    "import": ("flexorch.cli.cmd_import", "import_", "Turn running configs into an inventory."),
    "lab": ("flexorch.cli.cmd_lab", "lab", "Run the built-in lab of simulated IOS-XE routers."),
    "hostkeys": ("flexorch.cli.cmd_hostkeys", "hostkeys",
                 "Scan, pin, list and forget the routers' SSH host keys."),
    "worker": ("flexorch.cli.cmd_worker", "worker", "Run a Celery worker for --executor celery."),
    "schedule": (
        "flexorch.cli.cmd_schedule",
        "schedule",
        "Run scheduled drift, verify and rollout (Celery beat), or list them.",
    ),
    "schema": (
        "flexorch.cli.cmd_schema",
        "schema",
        "Write the JSON Schema of the inventory files for editors.",
    ),
}


# Commands that record their run in the history store without a --db option of their own.
RECORDING = frozenset({"plan", "rollout", "verify", "drift", "recover"})


class LazyGroup(click.Group):
    """A click group that imports a subcommand's module only when that subcommand runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module = importlib.import_module(entry[0])
        command: click.Command = getattr(module, entry[1])
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Top-level help lists the table, without importing a single subcommand module.
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="flexorch")
@click.option(
    "--inventory",
    "-i",
    type=click.Path(path_type=Path),
    envvar="FLEXORCH_INVENTORY",
    help="Inventory folder (hosts.yaml, groups.yaml, defaults.yaml). "
    "Default: $FLEXORCH_INVENTORY, ./inventory, else the shipped example fleet.",
)
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-vv for debug).")
@click.pass_context
def cli(ctx: click.Context, inventory: Path | None, verbose: int) -> None:
    """flexorch: declared FlexVPN intent to confirmed state on IOS-XE fleets."""
    from flexorch.logs import setup_logging

    setup_logging(verbose)
    ctx.ensure_object(dict)
    ctx.obj["inventory"] = inventory
    if ctx.invoked_subcommand in RECORDING:
        from flexorch.history.store import db_target

        # $FLEXORCH_DB is read when the run is recorded, at the end: a malformed one is bad
        # input now, before any router is touched
        db_target()


def main() -> None:
    """Entry point: run the CLI and map flexorch errors to their exit codes, one line, no trace."""
    try:
        # Without standalone mode click returns ctx.exit(code)'s code instead of exiting.
        code = cli.main(prog_name="flexorch", standalone_mode=False)
    except FlexorchError as exc:
        from flexorch.cli.common import print_error

        lines = exc.lines() if isinstance(exc, InventoryErrors) else [str(exc)]
        for line in lines:  # several inventory problems: one line each
            print_error(line)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort as exc:
        if isinstance(exc.__context__, KeyboardInterrupt):  # click's word for Ctrl-C
            click.echo("flexorch: interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        click.echo("flexorch: aborted", err=True)
        sys.exit(EXIT_FAIL)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_BAD_INPUT if exc.exit_code == 2 else exc.exit_code)
    except (KeyboardInterrupt, AbortRun):
        click.echo("flexorch: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except SystemExit:
        raise
    sys.exit(code if isinstance(code, int) else 0)
