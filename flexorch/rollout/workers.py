"""The worker threads of one rollout, shared by everything it runs on routers.

A rollout runs two things at once: the current stage (push, gate, confirm: ``FOREGROUND``) and,
in unattended runs, the reading and planning of the routers after it (``READ_AHEAD``). Each used
to have its own threads; on a big site the reading took as many threads as the stage, and both
fought for the same CPU. Here one ``WorkerPool`` of ``workers + read_ahead`` daemon threads
serves both through Nornir runners (``pool.runner(priority)``): a free thread always takes the
stage's next host first, so the reading never delays a push, a gate or a confirm, and it uses
whatever threads the stage leaves idle (the hub stage pushes one router: the others read). The
stage itself never runs more than ``workers`` hosts at once (the playbook's concurrency).

The threads are daemons and waiting for a run is interruptible: a second Ctrl-C (``AbortRun``
raised in the main thread, ``flexorch.rollout.interrupt``) leaves them behind instead of waiting
for routers that may take a whole timeout.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nornir.core.inventory import Host
    from nornir.core.task import AggregatedResult, MultiResult, Task

FOREGROUND = 0  # the stage: push, gate, confirm
READ_AHEAD = 1  # reading the hosts of later stages


class WorkerPool:
    """``size`` daemon threads (started on first use) taking jobs by priority; at most
    ``caps[priority]`` jobs of a priority run at once."""

    def __init__(self, size: int, caps: dict[int, int]) -> None:
        self.size = max(size, 1)
        self.caps = caps
        self._cond = threading.Condition()
        self._queues: dict[int, deque[Callable[[], None]]] = {p: deque() for p in caps}
        self._running = dict.fromkeys(caps, 0)
        self._threads: list[threading.Thread] = []
        self._closed = False

    def runner(self, priority: int) -> PoolRunner:
        """A Nornir runner whose hosts run on this pool at ``priority``."""
        return PoolRunner(self, priority)

    def submit(self, priority: int, job: Callable[[], None]) -> None:
        with self._cond:
            self._queues[priority].append(job)
            if len(self._threads) < self.size:
                thread = threading.Thread(target=self._work, daemon=True,
                                          name=f"flexorch-worker-{len(self._threads)}")
                self._threads.append(thread)
                thread.start()
            self._cond.notify_all()

    def waiting(self, priority: int) -> int:
        """Jobs of ``priority`` queued, not started yet."""
        with self._cond:
            return len(self._queues[priority])

    def close(self) -> None:
        """Let the threads end once the queued jobs are done (none is waited for)."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def _next(self) -> tuple[int, Callable[[], None]] | None:
        """The next job a free thread may take (highest priority first), None: none now."""
        for priority in sorted(self._queues):
            if self._queues[priority] and self._running[priority] < self.caps[priority]:
                return priority, self._queues[priority].popleft()
        return None

    def _work(self) -> None:
        while True:
            with self._cond:
                found = self._next()
                while found is None:
                    if self._closed:
                        return
                    self._cond.wait()
                    found = self._next()
                priority, job = found
                self._running[priority] += 1
            try:
                job()
            finally:
                with self._cond:
                    self._running[priority] -= 1
                    self._cond.notify_all()


class PoolRunner:
    """Nornir's runner interface over a ``WorkerPool``: one job per host, results in host
    order (Nornir turns a task's exception into a failed result, as its threaded runner)."""

    def __init__(self, pool: WorkerPool, priority: int) -> None:
        self.pool = pool
        self.priority = priority
        self.num_workers = pool.caps[priority]

    def run(self, task: Task, hosts: list[Host]) -> AggregatedResult:
        from nornir.core.task import AggregatedResult

        done: dict[str, MultiResult | BaseException] = {}
        finished = threading.Condition()

        def job(host: Host) -> Callable[[], None]:
            def run_one() -> None:
                outcome: MultiResult | BaseException
                try:
                    outcome = task.copy().start(host)
                except BaseException as exc:  # not a task's error (Nornir keeps those): re-raised
                    outcome = exc
                with finished:
                    done[host.name] = outcome
                    finished.notify_all()
            return run_one

        for host in hosts:
            self.pool.submit(self.priority, job(host))
        with finished:
            while len(done) < len(hosts):
                finished.wait(1.0)  # a timeout: the second Ctrl-C is seen within a second
        result = AggregatedResult(task.name)
        for host in hosts:
            outcome = done[host.name]
            if isinstance(outcome, BaseException):
                raise outcome
            result[host.name] = outcome
        return result
