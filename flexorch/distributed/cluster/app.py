"""The Celery app: one per broker URL, JSON only, late acknowledgement.

Read-only chunks are safe to run twice, so a chunk is acknowledged only when it is done
(``task_acks_late``): a worker process killed mid-chunk has its message handed to another worker,
at once when the pool child died under a living worker (``task_reject_on_worker_lost``), after
``visibility_timeout`` seconds when the whole worker died. A rollout's pushes are acknowledged
when started and never delivered again (``flexorch.distributed.cluster.pushes``). Pickle is
never accepted: whoever can write to the broker must not be able to run code on a worker.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from flexorch.distributed.settings import (
    DEFAULT_QUEUE,
    machine_id,
    require_celery,
    visibility_timeout,
)

if TYPE_CHECKING:
    from celery import Celery

CHUNK_TASK = "flexorch.chunk"
PUSH_TASK = "flexorch.push"
AFTER_TASK = "flexorch.push_after"
SCHEDULED_TASK = "flexorch.scheduled"
INFO_COMMAND = "flexorch_info"


@functools.cache
def celery_app(broker: str) -> Celery:
    """The app for ``broker`` (results go to the same Redis), with flexorch's tasks."""
    require_celery()
    from celery import Celery

    from flexorch.distributed.cluster import jobs, pushes

    app = Celery("flexorch", broker=broker, backend=broker, set_as_current=False)
    timeout = visibility_timeout()
    # kombu scans for messages of dead workers every 10 s, acting on one scan in ten: a dead
    # worker's chunk would wait minutes past its visibility timeout. Scan every time, often
    # enough for the timeout (the scan is one ZRANGE).
    transport = {"visibility_timeout": timeout, "unacked_restore_throttle": 1,
                 "unacked_restore_interval": max(1.0, min(10.0, timeout / 4))}
    app.conf.update(
        task_serializer="json", result_serializer="json", accept_content=["json"],
        result_accept_content=["json"], task_acks_late=True, task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1, task_default_queue=DEFAULT_QUEUE,
        broker_transport_options=transport, result_backend_transport_options=transport,
        result_expires=24 * 3600, broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False, worker_redirect_stdouts=False,
        task_send_sent_event=False, worker_send_task_events=False, enable_utc=True,
        worker_direct=True,  # each worker also reads its own queue: a pushed host's next steps
    )
    app.task(name=CHUNK_TASK, acks_late=True)(jobs.run_chunk)
    # Pushes: acknowledged when started, never delivered twice (``pushes``); started ones
    # name their worker (task_track_started), where the later steps of their hosts go.
    app.task(name=PUSH_TASK, acks_late=False, track_started=True)(pushes.run_push)
    app.task(name=AFTER_TASK, acks_late=False, track_started=True)(pushes.run_after)
    app.task(name=SCHEDULED_TASK, acks_late=False)(jobs.run_scheduled)
    _register_info()
    return app


@functools.cache
def _register_info() -> None:
    from celery.worker.control import inspect_command

    @inspect_command()  # type: ignore[untyped-decorator]
    def flexorch_info(state: Any) -> dict[str, Any]:
        return worker_info()


def worker_info() -> dict[str, Any]:
    """What a coordinator checks before it sends work: which machine, which store, which
    flexorch."""
    from flexorch import __version__
    from flexorch.distributed.settings import store_identity

    return {"machine": machine_id(), "store": store_identity(), "version": __version__}
