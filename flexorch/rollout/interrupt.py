"""Ctrl-C during a rollout, and a Nornir runner the run can stop waiting for.

First Ctrl-C (SIGINT): the run stops at the next step: nothing more is pushed or confirmed, and
every change still unconfirmed is rolled back (``configure revert now``). Second Ctrl-C: the run
stops *waiting*: routers still being rolled back are left to their IOS revert timers, the
summary is printed and flexorch exits 130 at once. The second interrupt is ``AbortRun`` raised
in the main thread, which must not wait for the worker threads still talking to routers: they
run on daemon threads (``DaemonRunner``), so neither the runner nor the interpreter's exit joins
them.
"""

from __future__ import annotations

import logging
import signal
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nornir.core.inventory import Host
    from nornir.core.task import AggregatedResult, MultiResult, Task

log = logging.getLogger("flexorch.rollout")


class AbortRun(BaseException):
    """The second Ctrl-C: stop waiting. A BaseException, so that no ``except Exception`` on
    the way swallows it, and not KeyboardInterrupt, which click would turn into "Aborted!"."""


class CtrlC:
    """While active (main thread only): the first Ctrl-C sets ``stop``; the second sets
    ``abort`` and raises ``AbortRun`` in the main thread."""

    def __init__(self, stop: threading.Event, abort: threading.Event) -> None:
        self.stop = stop
        self.abort = abort
        self.previous: Any = None

    def _handler(self, signum: int, frame: Any) -> None:
        if self.stop.is_set():
            self.abort.set()
            log.warning("interrupted again: not waiting any longer; unconfirmed changes are "
                        "left to their revert timers")
            raise AbortRun
        self.stop.set()
        log.warning("interrupted: stopping; unconfirmed changes are rolled back (Ctrl-C again "
                    "to stop waiting and leave them to their revert timers)")

    def __enter__(self) -> CtrlC:
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, self._handler)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)


class DaemonRunner:
    """Nornir's threaded runner (one task per host, ``num_workers`` at a time, results in host
    order) on daemon threads. Joining them is interruptible: ``AbortRun`` raised by the second
    Ctrl-C leaves them behind instead of waiting for routers that may take a whole timeout."""

    def __init__(self, num_workers: int) -> None:
        self.num_workers = max(num_workers, 1)

    def run(self, task: Task, hosts: list[Host]) -> AggregatedResult:
        from nornir.core.task import AggregatedResult

        todo = list(hosts)
        done: dict[str, MultiResult] = {}
        lock = threading.Lock()

        def work() -> None:
            while True:
                with lock:
                    if not todo:
                        return
                    host = todo.pop(0)
                outcome = task.copy().start(host)  # Nornir turns a task's exception into data
                with lock:
                    done[host.name] = outcome

        threads = [threading.Thread(target=work, name=f"flexorch-worker-{i}", daemon=True)
                   for i in range(min(self.num_workers, len(hosts)))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        result = AggregatedResult(task.name)
        for host in hosts:
            if host.name not in done:
                raise RuntimeError(f"{host.name}: the worker thread ended without a result")
            result[host.name] = done[host.name]
        return result
