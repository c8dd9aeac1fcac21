"""``flexorch plan``: the exact, dependency-ordered lines each router of a site needs, and the
IKEv2 outcome the intent will give each tunnel.

Exit codes: 0 no changes; 4 a tunnel between routers of the inventory is predicted not to come
up with the intent; 3 changes pending (also when some routers could not be read); 1 no changes,
and a router could not be read or holds an unconfirmed change (refused); 2 bad input.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import click

from flexorch.cli.common import (
    describe_selection,
    echo_json,
    format_option,
    inventory_dir,
    selection,
    selection_options,
)
from flexorch.cli.executor_option import cluster_options, executor_options

if TYPE_CHECKING:
    from flexorch.rollout.playbook import Playbook

timeout_option = click.option(
    "--timeout", type=click.FloatRange(1, 3600), default=60.0, show_default=True,
    help="Seconds to wait for a router's answer (login, each command).")
playbook_option = click.option(
    "--playbook", "-p", "playbook_file", type=click.Path(path_type=Path, dir_okay=False),
    help="Rollout playbook (YAML) whose order the phases follow. Default: the shipped "
         "playbooks/default.yaml.")


def load_playbook_option(path: Path | None) -> Playbook:
    """The playbook ``--playbook`` names, else the shipped default (bad input: exit 2)."""
    from flexorch.paths import resource_dir
    from flexorch.rollout.playbook import load_playbook

    return load_playbook(path or resource_dir("playbooks") / "default.yaml")


workers_option = click.option("--workers", type=click.IntRange(1, 256), default=16,
                              show_default=True, help="Routers read concurrently.")


@click.command("plan")
@selection_options
@format_option("text", "json")
@click.option("--out", "-o", "out", type=click.Path(path_type=Path, dir_okay=False),
              help="Save the plan here (default: <state dir>/plans/<site>.json).")
@playbook_option
@click.option("--full", is_flag=True,
              help="Text output: every line of every section and every predicted tunnel (long "
              "sections are summarised: 'keyring FLEX_KEYS: +299 peer blocks').")
@click.option("--all", "show_all", is_flag=True,
              help="Text output: list every router without changes too (above 20 routers they "
              "are counted).")
@workers_option
@timeout_option
@executor_options
@click.pass_context
def plan(ctx: click.Context, site: str | None, hosts: tuple[str, ...], groups: tuple[str, ...],
         roles: tuple[str, ...], where: str | None, fmt: str, out: Path | None,
         playbook_file: Path | None, full: bool, show_all: bool, workers: int, timeout: float,
         executor: str, broker: str | None, chunk_size: int) -> None:
    """Read each selected router's running config and print the remediation lines (secrets
    masked), the rollout phases in the playbook's order with every tunnel's predicted state at
    each phase, and the predicted IKEv2 outcome of the changed routers' tunnels. A partial
    selection also predicts the tunnels of the routers outside it. Problems first; at big
    sites long sections and unchanged routers are counted (--full, --all), and the summary
    names the routers. The plan is saved for `rollout --plan FILE`.

    Exit codes: 0 no changes, 4 a tunnel between routers of the inventory is predicted not to
    come up with the intent (PREDICTED FAILURE), 3 changes pending (also when some routers
    could not be read: the summary says how many), 1 no changes but a router could not be read
    or holds an unconfirmed change (refused), 2 bad input.
    """
    from flexorch.history import reap_abandoned
    from flexorch.intent import load_fleet
    from flexorch.plan.text import plan_text, summary_json
    from flexorch.plan.workflow import plan_site

    chosen = selection(site, hosts, groups, roles, where)
    cluster = cluster_options(executor, broker, chunk_size)
    started = datetime.now(UTC)
    fleet = load_fleet(inventory_dir(ctx))
    site_name, names = chosen.target(fleet, "plan")
    book = load_playbook_option(playbook_file)
    reap_abandoned(site_name)
    run = partial(plan_site, playbook=book)
    if cluster is not None:
        from flexorch.distributed.cluster.runs import plan_on_workers

        run = partial(plan_on_workers, options=cluster, playbook=book)
    document, path = run(
        fleet, site=site_name, names=names,
        selection=describe_selection(chosen) if chosen.partial else None, out=out,
        workers=workers, timeout=timeout, started_at=started, args=chosen.args())
    if fmt == "json":
        echo_json({**document.model_dump(mode="json"), "summary": summary_json(document),
                   "saved_to": str(path)})
    else:
        click.echo(plan_text(document, full=full, show_all=show_all), nl=False)
        click.echo(f"plan saved to {path}", err=True)
    ctx.exit(document.exit_code())
