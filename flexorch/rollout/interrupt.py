"""Ctrl-C during a rollout: the first stops the run, the second stops waiting for it.

First Ctrl-C (SIGINT): the run stops at the next step: nothing more is pushed or confirmed, and
every change still unconfirmed is rolled back (``configure revert now``). Second Ctrl-C: the run
stops *waiting*: routers still being rolled back are left to their IOS revert timers, the
summary is printed and flexorch exits 130 at once. The second interrupt is ``AbortRun`` raised
in the main thread, which must not wait for the worker threads still talking to routers: they
run on daemon threads (``flexorch.rollout.workers``), so neither the runner nor the
interpreter's exit joins them.
"""

from __future__ import annotations

import logging
import signal
import threading
from typing import Any

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
