"""The coordinating process of a run on workers: check the cluster, open the run, send the
chunks, gather them in order, close the run.

``Coordinator.preflight()`` runs before any router is touched: the broker answers (else
ClusterError, exit 2), at least one worker answers, every worker records to this run's store and
none of them writes a SQLite file from another machine (SQLite is for workers on one machine;
PostgreSQL for workers anywhere). ``open_run`` starts the history run and records every host as
waiting, in the run's order, so the workers' records (upserts) keep a local run's order.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from flexorch.distributed.chunks import split_hosts
from flexorch.distributed.settings import (
    ClusterError,
    ClusterOptions,
    machine_id,
    shown_url,
    store_identity,
)
from flexorch.errors import StorageError

if TYPE_CHECKING:
    from celery import Celery

    from flexorch.history import Store
    from flexorch.intent.fleet import Fleet

log = logging.getLogger("flexorch.cluster")
# Seconds without any worker answering a ping before the hosts still waiting are given up.
WORKERS_GONE_S = 30.0
# Seconds a PENDING task's message must stay held nowhere (looked at twice) before it is lost.
LOST_CONFIRM_S = 5.0


@dataclass(frozen=True)
class WorkerInfo:
    node: str
    machine: str
    store: str


def check_workers(workers: Sequence[WorkerInfo], store: str, machine: str,
                  broker: str) -> None:
    """Refuse a cluster that cannot run this job (pure: the decision, without the broker).
    Raises ClusterError naming the worker and what to change."""
    if not workers:
        raise ClusterError(f"no flexorch worker answers on broker {shown_url(broker)}: start one "
                           "(flexorch worker --broker URL)")
    for w in workers:
        if w.store != store:
            raise ClusterError(f"worker {w.node} records to {w.store}, this run to {store}: give "
                               "the workers and this command the same FLEXORCH_DB")
        if store.startswith("sqlite:") and w.machine != machine:
            raise ClusterError(
                f"worker {w.node} runs on another machine and the history store is the SQLite "
                f"file {store.split(':', 1)[1]}: SQLite serves workers on this machine only; use "
                "PostgreSQL (FLEXORCH_DB=postgresql://...) for workers on other machines")


@dataclass
class Run:
    """An open history run written by the workers."""

    store: Store
    run_id: int
    history_error: str | None = None


class Coordinator:
    """Sends a run's chunks to the workers of one broker and gathers them."""

    def __init__(self, options: ClusterOptions) -> None:
        from flexorch.distributed.cluster.app import celery_app

        self.options = options
        self.app: Celery = celery_app(options.broker)
        self._broker: Any = None

    def broker(self) -> Any:
        """One Redis client (its own connection pool) for this coordinator's looks at the
        broker: the lost-message watch looks every ~2 s per pending task, and a connection
        opened per look was a TCP handshake (and, with TLS, a TLS one) each time."""
        if self._broker is None:
            import redis

            self._broker = redis.Redis.from_url(self.options.broker, socket_connect_timeout=3,
                                                socket_timeout=5)
        return self._broker

    def preflight(self) -> list[WorkerInfo]:
        """Broker, workers and store as described in the module docstring."""
        self._ping_broker()
        from flexorch.distributed.cluster.app import INFO_COMMAND

        replies = self.app.control.broadcast(INFO_COMMAND, reply=True, timeout=1.5)
        workers = [WorkerInfo(node, info.get("machine", "?"), info.get("store", "?"))
                   for reply in replies or [] for node, info in reply.items()
                   if isinstance(info, dict) and "machine" in info]
        check_workers(workers, store_identity(), machine_id(), self.options.broker)
        return workers

    def _ping_broker(self) -> None:
        import redis

        client = redis.Redis.from_url(self.options.broker, socket_connect_timeout=3,
                                      socket_timeout=3)
        try:
            client.ping()
        except redis.RedisError as exc:
            raise ClusterError(f"broker {shown_url(self.options.broker)} unreachable: "
                               f"{exc}") from None
        finally:
            client.close()

    def open_run(self, command: str, site: str | None, args: dict[str, Any],
                 started_at: datetime | None, hosts: Iterable[tuple[str, str]]) -> Run:
        """Start the history run and record every (host, role) as waiting for a worker.
        Raises ClusterError (exit 2) when the store cannot be written."""
        from flexorch.history import HostRecord, open_store

        try:
            store = open_store()
            run_id = store.start_run(command, site, None, args, started_at=started_at)
            store.record_hosts(run_id, [HostRecord(
                host=name, role=role, step="connect", status="skipped",
                message="waiting for a worker") for name, role in hosts])
        except StorageError as exc:
            raise ClusterError(f"{exc}; no router was touched") from None
        return Run(store, run_id)

    def finish_run(self, run: Run, outcome: str, summary: dict[str, Any]) -> None:
        """Record the outcome; a store fault is the run's ``history_error`` (as locally)."""
        try:
            run.store.finish_run(run.run_id, outcome, summary)
        except StorageError as exc:
            log.warning("run history not recorded: %s", exc)
            run.history_error = run.history_error or str(exc)
        finally:
            run.store.close()

    def map_hosts(self, job: str, fleet: Fleet, names: Sequence[str], params: dict[str, Any],
                  run: Run | None) -> tuple[dict[str, Any], str | None]:
        """Run ``job`` over ``names`` in chunks; host -> its result (wire form), and the first
        history error a worker met. A chunk no worker could finish is missing from the dict."""
        from flexorch.distributed.cluster.app import CHUNK_TASK
        from flexorch.distributed.cluster.jobs import inventory_digest

        folder = str(fleet.folder.resolve())
        digest = inventory_digest(fleet.folder)
        chunks = split_hosts(names, lambda n: fleet.hosts[n].site, self.options.chunk_size)
        pending = [(chunk, self.app.send_task(
            CHUNK_TASK, kwargs={"job": job, "inventory": folder, "digest": digest,
                                "names": chunk, "params": params,
                                "run_id": run.run_id if run else None},
            queue=self.options.queue)) for chunk in chunks]
        log.info("%s: %d hosts in %d chunks sent", job, len(names), len(chunks))
        out: dict[str, Any] = {}
        history_error: str | None = None
        for chunk, result in pending:
            value = self.wait(result)
            if value is None:
                continue
            if "error" in value:
                self._revoke(p for _, p in pending)
                raise ClusterError(f"a worker refused the job: {value['error']}")
            history_error = history_error or value.get("history_error")
            out.update(zip(chunk, value["hosts"], strict=True))
        return out, history_error

    def wait(self, result: Any, node: str | None = None,
              lost_after: float = WORKERS_GONE_S) -> dict[str, Any] | None:
        """The task's value; None when it failed on the worker, when the worker running it
        (``node``, else the one that started it, else any worker) has not answered a ping for
        ``lost_after`` seconds, or when its message is held nowhere (``transit``: a worker died
        between acknowledging it and recording it started)."""
        from celery.exceptions import TimeoutError as CeleryTimeout

        silent_since: float | None = None
        lost = _LostWatch(self, result, node)
        while True:
            try:
                value = result.get(timeout=2, propagate=False, disable_sync_subtasks=False)
            except CeleryTimeout:
                if not self._answers(result, node):
                    silent_since = silent_since or time.monotonic()
                    if time.monotonic() - silent_since > lost_after:
                        log.warning("its worker answers no more: task %s given up", result.id)
                        return None
                    continue
                silent_since = None
                if lost.is_lost():
                    log.warning("task %s is held by no worker and no queue: given up", result.id)
                    return None
                continue
            if result.failed():
                log.warning("chunk %s failed on its worker: %s", result.id, value)
                return None
            return value if isinstance(value, dict) else None

    def queue_of(self, node: str | None) -> str:
        """The Redis list a task sent to ``node`` (else to the run's queue) waits in."""
        from celery.utils.nodenames import worker_direct

        return str(worker_direct(node).name) if node else self.options.queue

    def _answers(self, result: Any, node: str | None) -> bool:
        """Whether the worker of ``result`` (or, before one started it, any worker) answers."""
        if node is None and result.state == "STARTED" and isinstance(result.info, dict):
            node = result.info.get("hostname")
        if node is None:
            return bool(self.app.control.ping(timeout=1.0))
        return any(node in reply for reply in
                   self.app.control.ping(destination=[node], timeout=1.0) or [])

    def give_up(self, result: Any) -> bool:
        """Make sure the task of ``result`` never starts from now on (a worker starts a push only
        after claiming its ``flexorch:started:<task id>`` key, ``pushes._once``: the coordinator
        claims it first); True when it had not started, False when a worker had."""
        claimed = self.broker().set(f"flexorch:started:{result.id}", "given up by the coordinator",
                                    nx=True, ex=7 * 24 * 3600)
        return bool(claimed)

    def send(self, task: str, kwargs: dict[str, Any], node: str | None = None,
             expires: datetime | None = None) -> Any:
        """Send one task to the run's queue, or to ``node``'s own queue; a message still
        waiting at ``expires`` is dropped by the worker that gets it."""
        from celery.utils.nodenames import worker_direct

        queue: Any = worker_direct(node) if node else self.options.queue
        return self.app.send_task(task, kwargs=kwargs, queue=queue, expires=expires)

    def _revoke(self, results: Iterable[Any]) -> None:
        for result in results:
            if not result.ready():
                result.revoke()


class _LostWatch:
    """Whether a PENDING task's message has been held nowhere (``transit.held``) on two looks
    at least ``LOST_CONFIRM_S`` apart, looking only once it has been PENDING ``LOST_CONFIRM_S``
    (a message moves between the queue, a worker's prefetch and the unacknowledged set)."""

    def __init__(self, coordinator: Coordinator, result: Any, node: str | None) -> None:
        self.coordinator, self.result, self.node = coordinator, result, node
        self.pending_since = time.monotonic()
        self.unheld_since: float | None = None

    def is_lost(self) -> bool:
        import redis

        from flexorch.distributed.cluster.transit import held

        now = time.monotonic()
        if self.result.state != "PENDING":
            self.pending_since, self.unheld_since = now, None
            return False
        if now - self.pending_since < LOST_CONFIRM_S:
            return False
        coordinator = self.coordinator
        try:
            if held(coordinator.app, coordinator.broker(), coordinator.queue_of(self.node),
                    self.result.id):
                self.unheld_since = None
                return False
        except redis.RedisError:
            return False  # the broker's own faults are handled where results are read
        self.unheld_since = self.unheld_since or now
        return now - self.unheld_since >= LOST_CONFIRM_S
