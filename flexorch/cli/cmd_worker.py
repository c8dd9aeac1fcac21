"""``flexorch worker``: a Celery worker that runs flexorch's chunks and scheduled runs.

Nothing of flexorch's own runs a daemon here: this is ``celery worker`` with flexorch's app, its
options spelled the flexorch way. Stop it with SIGTERM (warm shutdown: the chunks it runs are
finished) or SIGQUIT (at once: their messages go back to the queue).
"""

from __future__ import annotations

import os
import socket

import click

from flexorch.distributed.settings import DEFAULT_QUEUE


@click.command("worker")
@click.option("--broker", metavar="URL", help="Redis broker (default: $FLEXORCH_BROKER).")
@click.option("--concurrency", "-c", type=click.IntRange(1, 256), default=None,
              help="Chunks run at once, one process each (default: one per CPU).")
@click.option("--queues", "-Q", default=DEFAULT_QUEUE, show_default=True,
              help="Comma-separated queues to take work from.")
@click.option("--name", "-n", "nodename", default=None,
              help="Worker name (default: flexorch-<pid>@<host name>).")
@click.option("--loglevel", "-l", type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"]),
              default="INFO", show_default=True)
def worker(broker: str | None, concurrency: int | None, queues: str, nodename: str | None,
           loglevel: str) -> None:
    """Run a Celery worker for `--executor celery` runs and `flexorch schedule run`.

    The worker reads the inventory at the path each run names (deploy the same files to every
    worker), resolves secrets from its own environment, and records hosts to its FLEXORCH_DB,
    which must be the coordinator's (PostgreSQL when workers run on other machines).
    Exit 2 when the broker URL is missing or Celery is not installed.
    """
    from flexorch.distributed.cluster.app import celery_app
    from flexorch.distributed.settings import broker_url

    url = broker_url(broker)
    os.environ["FLEXORCH_BROKER"] = url  # scheduled commands run with --executor celery use it
    app = celery_app(url)
    _preload()
    argv = ["worker", f"--queues={queues}", f"--loglevel={loglevel}",
            f"--hostname={nodename or f'flexorch-{os.getpid()}@{socket.gethostname()}'}",
            "--without-gossip", "--without-mingle"]
    if concurrency is not None:
        argv.append(f"--concurrency={concurrency}")
    app.worker_main(argv)


def _preload() -> None:
    """Import what every chunk needs before the pool forks, so each child starts warm."""
    import flexorch.distributed.cluster.wire
    import flexorch.drift.run
    import flexorch.plan.workflow
    import flexorch.tasks.device
    import flexorch.tasks.drift
    import flexorch.verify_run  # noqa: F401
    from flexorch.intent import make_nornir  # noqa: F401
