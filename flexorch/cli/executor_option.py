"""``--executor local|celery``, ``--broker`` and ``--chunk-size``: where verify, drift, plan and
rollout read and push (this process, or Celery workers; docs/scale-out.md)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from flexorch.distributed.settings import ClusterOptions

F = TypeVar("F", bound=Callable[..., Any])


def executor_options(f: F) -> F:
    """The three options, as ``executor``, ``broker`` and ``chunk_size`` parameters."""
    f = click.option("--chunk-size", type=click.IntRange(1, 10000), default=50,
                     show_default=True,
                     help="Hosts per task sent to a worker (--executor celery).")(f)
    f = click.option("--broker", metavar="URL",
                     help="Redis broker of the workers (default: $FLEXORCH_BROKER).")(f)
    return click.option("--executor", type=click.Choice(["local", "celery"]), default="local",
                        envvar="FLEXORCH_EXECUTOR", show_default=True,
                        help="Run in this process, or on Celery workers (flexorch worker).")(f)


def cluster_options(executor: str, broker: str | None,
                    chunk_size: int) -> ClusterOptions | None:
    """None for the local executor; the checked cluster options for celery. Raises
    ClusterError (exit 2) without a broker URL or without Celery installed."""
    if executor != "celery":
        return None
    from flexorch.distributed.settings import (
        ClusterOptions,
        broker_url,
        queue_name,
        require_celery,
    )

    require_celery()
    return ClusterOptions(broker_url(broker), chunk_size, queue_name())
