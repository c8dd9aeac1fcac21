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
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flexorch.rollout.model import HostState

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


def left_to_timers(states: Iterable[HostState]) -> list[HostState]:
    """After a second Ctrl-C: every host not finished, as it stands, without waiting for the
    threads still talking to routers (they stop at their next step). Returns those changed."""
    done = []
    for state in states:
        if state.status != "pending":
            continue
        recover = f"`flexorch recover --host {state.host}` shows it"
        if state.pushed:
            when = time.strftime("%H:%M:%S", time.localtime(state.revert_by or time.time()))
            state.update(status="reverting", message=(
                "interrupted twice: not waited for; the unconfirmed change is left to its "
                f"revert timer (IOS rolls it back at {when}); {recover}"))
        elif state.step in ("backup", "archive", "push"):
            state.update(status="reverting", message=(
                f"interrupted twice at step {state.step}: not waited for; a change that reached "
                f"the router is rolled back by its revert timer; {recover}"))
        elif state.pushes:  # between phases: what it confirmed stays
            state.update(status="partial", message=(
                "interrupted twice between its phases: it keeps its confirmed phase(s) (a "
                "bridge config: old and new side by side); run rollout again to finish"))
        else:
            state.update(status="skipped", step="plan", message="interrupted; nothing was changed")
        done.append(state)
    return done

