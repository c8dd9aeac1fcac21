"""A run's SSH sessions, bounded: at most ``limit`` open at any moment, whatever the site size.

Nornir keeps a host's session from its first task to ``close_connections``; on a site of
thousands of routers that is thousands of sessions (each a paramiko transport thread) for a
whole run. ``SessionPool`` is a Nornir Processor (it sees when each host's task starts and
ends) that ``tasks.device.connection`` asks for room before it opens a session: when ``limit``
sessions are open, an idle one (no task running on its host) is closed first, and the next
task of that host opens a new one. Which idle session goes:

1. a host the run said it is done with for now (``release``: read for the plan, not pushed
   soon);
2. otherwise the one used MOST recently: a batch passes over its hosts in the same order at
   the push, at each read of the gate and at the confirm, and for such a cyclic pass the
   least recently used session is always the next one needed (closing it would reopen every
   session of a batch larger than the pool), the most recently used the last.

When every open session is busy (more tasks running than ``limit``), opening waits for one to
end. Closing happens outside the pool's lock (IOS's ``exit`` written, not awaited).
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import OrderedDict
from typing import TYPE_CHECKING, Any

from flexorch.tasks.channel import stop_transport

if TYPE_CHECKING:
    from nornir.core import Nornir
    from nornir.core.inventory import Host
    from nornir.core.task import AggregatedResult, MultiResult, Task

CONNECTION = "netmiko"
# Sessions kept open beyond the runner's workers: hosts read ahead of their push, and the
# hosts of a batch between its push, gate and confirm (the default playbook's batch of 25
# fits its 16 workers + 10).
READ_AHEAD = 10
# Seconds to wait for paramiko's transport thread to end once its socket is shut down (it ends
# at its next read, within its 0.1 s poll; more only on a machine overloaded for seconds).


class SessionPool:
    """At most ``limit`` sessions open (``opened`` counts every one ever opened; ``peak`` the
    most open at once)."""

    def __init__(self, limit: int) -> None:
        self.limit = max(limit, 1)
        self._cond = threading.Condition()
        self._open: OrderedDict[str, Host] = OrderedDict()  # least recently used first
        self._opening = 0
        self._busy: dict[str, int] = {}
        self._released: set[str] = set()
        self.opened = 0
        self.peak = 0

    # --- what tasks.device asks ------------------------------------------------------------------
    def reserve(self, host: Host, wait: float = 600.0) -> None:
        """Make room for ``host``'s new session: closes idle sessions while the pool is full;
        waits (up to ``wait`` seconds, then opens anyway) when every open session is busy."""
        deadline = time.monotonic() + wait
        victims: list[Host] = []
        with self._cond:
            while len(self._open) + self._opening >= self.limit:
                victim = self._victim()
                if victim is not None:
                    victims.append(self._open.pop(victim))
                    self._released.discard(victim)
                    continue
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._cond.wait(min(left, 1.0))
            self._opening += 1
        for victim_host in victims:
            _close(victim_host)

    def opened_ok(self, host: Host, ok: bool) -> None:
        """The session ``reserve`` made room for is open (``ok``) or failed to open."""
        with self._cond:
            self._opening -= 1
            if ok:
                self._open[host.name] = host
                self.opened += 1
                self.peak = max(self.peak, len(self._open) + self._opening)
            self._cond.notify_all()

    def discard(self, host: Host) -> None:
        """``host``'s session was closed outside the pool (it broke; reopened later)."""
        with self._cond:
            self._open.pop(host.name, None)
            self._cond.notify_all()

    def release(self, names: list[str] | set[str]) -> None:
        """Hosts the run will not use for a while: their idle sessions go first."""
        with self._cond:
            self._released.update(n for n in names if n in self._open)

    def open_count(self) -> int:
        with self._cond:
            return len(self._open) + self._opening

    def _victim(self) -> str | None:
        idle = [name for name in self._open if not self._busy.get(name)]
        released = [name for name in idle if name in self._released]
        if released:
            return released[0]
        return idle[-1] if idle else None

    # --- Nornir Processor --------------------------------------------------------------------
    def task_instance_started(self, task: Task, host: Host) -> None:
        with self._cond:
            self._busy[host.name] = self._busy.get(host.name, 0) + 1
            self._released.discard(host.name)
            if host.name in self._open:
                self._open.move_to_end(host.name)

    def task_instance_completed(self, task: Task, host: Host, result: MultiResult) -> None:
        with self._cond:
            left = self._busy.get(host.name, 1) - 1
            if left:
                self._busy[host.name] = left
            else:
                self._busy.pop(host.name, None)
            if CONNECTION not in host.connections:
                self._open.pop(host.name, None)
            self._cond.notify_all()

    def task_started(self, task: Task) -> None:
        return None

    def task_completed(self, task: Task, result: AggregatedResult) -> None:
        return None

    def subtask_instance_started(self, task: Task, host: Host) -> None:
        return None

    def subtask_instance_completed(self, task: Task, host: Host, result: MultiResult) -> None:
        return None


def _close(host: Host) -> None:
    """Close ``host``'s session: IOS's ``exit`` written (not awaited: netmiko's ``cleanup``
    first checks for config mode with a round trip polled every 10 ms), then the socket shut
    down before paramiko closes it (its transport thread notices a closed socket only at its
    next 0.1 s poll, seconds on a loaded machine: shut down, it ends at once, with the
    session). A session that already broke is just forgotten."""
    plugin: Any = host.connections.pop(CONNECTION, None)
    if plugin is None:
        return
    conn = plugin.connection
    with contextlib.suppress(Exception):  # the router may have dropped it already
        conn.write_channel("exit" + conn.RETURN)
    stop_transport(conn)
    with contextlib.suppress(Exception):
        plugin.close()


def pool_of(nr: Nornir) -> SessionPool | None:
    """The run's session pool (``bound_sessions``), None when sessions are not bounded."""
    return next((p for p in nr.processors if isinstance(p, SessionPool)), None)


def bound_sessions(nr: Nornir, limit: int) -> SessionPool:
    """Bound ``nr``'s sessions (and every Nornir filtered from it) to ``limit`` open at once."""
    pool = pool_of(nr)
    if pool is None:
        pool = SessionPool(limit)
        nr.processors.append(pool)
    pool.limit = max(limit, 1)
    return pool
