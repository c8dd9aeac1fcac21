"""Pure per-host work of a big site spread over the machine's CPUs (``forked_map``).

Lint's models and plan's per-host comparisons are pure functions of the loaded inventory, one
host at a time, and a site of 10,000 routers spends most of its planning in them. Worker
processes made by ``fork`` share the loaded fleet as it is (nothing of it is copied or
pickled); each computes one contiguous slice of the hosts and sends its results back pickled
through a pipe, while this process computes the first slice itself.

Work is spread only where forking is safe and worth it: a platform with ``fork``, more than one
CPU usable, at least ``minimum`` items, and no other thread in this process (a thread holding a
lock at the fork would leave it held in the child forever: after an SSH session, say, the work
runs here, in order). ``FLEXORCH_WORKERS`` sets the number of processes (1: never fork).
Whatever goes wrong in a worker (an exception, a result that does not pickle, a worker killed),
its slice is computed again here, so errors are raised here with their own types and a run's
results never depend on a worker.
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable, Sequence
from typing import NoReturn, TypeVar

__all__ = ["MINIMUM", "forked_map", "workers"]

T = TypeVar("T")
R = TypeVar("R")

MINIMUM = 2000  # items below which a fork costs more than it saves


def workers() -> int:
    """Processes ``forked_map`` may use: ``FLEXORCH_WORKERS`` when set (at least 1), else the
    CPUs this process may run on."""
    given = os.environ.get("FLEXORCH_WORKERS", "").strip()
    if given.isdigit():
        return max(1, int(given))
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _slices(items: Sequence[T], count: int,
            weights: Sequence[int] | None = None) -> list[Sequence[T]]:
    """``count`` contiguous slices of ``items``: of equal length, or with ``weights`` (one per
    item) of about equal total weight (a slice may then be empty)."""
    if weights is None:
        size, extra = divmod(len(items), count)
        out, start = [], 0
        for index in range(count):
            end = start + size + (index < extra)
            out.append(items[start:end])
            start = end
        return out
    total = sum(weights)
    cuts: list[int] = []
    done = 0
    for index, weight in enumerate(weights):
        # an item goes to the slice in which the middle of its weight falls
        middle = done + weight / 2
        while len(cuts) < count - 1 and middle >= total * (len(cuts) + 1) / count:
            cuts.append(index)
        done += weight
    cuts += [len(items)] * (count - 1 - len(cuts))
    bounds = [0, *cuts, len(items)]
    return [items[bounds[i]:bounds[i + 1]] for i in range(count)]


def _child(func: Callable[[T], R], part: Sequence[T], fd: int) -> NoReturn:
    """In the forked worker: compute, write the results pickled into the pipe as they are
    pickled (no second copy of them in memory), leave without cleanup (``os._exit``: no atexit
    handler, no flush of the parent's buffers)."""
    code = 1
    try:
        results = [func(item) for item in part]
        with os.fdopen(fd, "wb") as pipe:
            pickle.dump(results, pipe, protocol=pickle.HIGHEST_PROTOCOL)
        code = 0
    except BaseException:  # any failure: the parent computes the slice again
        code = 1
    finally:
        os._exit(code)


def _collect(pid: int, fd: int) -> list[object] | None:
    """A worker's results, unpickled as they arrive (the pickled bytes of half a site's plans
    are hundreds of MB at 100,000 routers: never held whole), or None when it failed."""
    value: object = None
    with os.fdopen(fd, "rb") as pipe:
        try:
            value = pickle.load(pipe)
        except Exception:  # a worker that died or a result that does not come back
            value = None
    # the pipe is closed: a worker still writing (a failed load) gets EPIPE and exits
    _, status = os.waitpid(pid, 0)
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        return None
    return value if isinstance(value, list) else None


def forked_map(func: Callable[[T], R], items: Sequence[T], *,
               minimum: int | None = None, weights: Sequence[int] | None = None) -> list[R]:
    """``[func(item) for item in items]``, in order, computed by forked worker processes when
    that is safe and worth it (module docstring; ``minimum`` defaults to ``MINIMUM``). ``func``
    must be pure: what it changes in a worker (memo tables, caches) is not seen here, only what
    it returns, which must pickle. ``weights`` (one per item, e.g. ``Fleet.work_weights``):
    each process gets a contiguous slice of about equal weight instead of equal length (a hub
    of thousands of spokes costs what a thousand spokes do)."""
    count = min(workers(), len(items))
    least = MINIMUM if minimum is None else minimum
    if count < 2 or len(items) < least or not hasattr(os, "fork") \
            or threading.active_count() > 1:
        return [func(item) for item in items]
    if weights is not None and len(weights) != len(items):
        raise ValueError("forked_map: one weight per item")
    parts = _slices(items, count, weights)
    started: list[tuple[int, int, Sequence[T]]] = []
    try:
        for part in parts[1:]:
            read_fd, write_fd = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(read_fd)
                _child(func, part, write_fd)
            os.close(write_fd)
            started.append((pid, read_fd, part))
        out = [func(item) for item in parts[0]]
    except BaseException:
        for pid, read_fd, _ in started:
            os.close(read_fd)  # the worker's write fails: it exits
            os.waitpid(pid, 0)
        raise
    waiting = list(started)
    try:
        while waiting:
            pid, read_fd, part = waiting.pop(0)
            got = _collect(pid, read_fd)
            if got is None or len(got) != len(part):
                got = [func(item) for item in part]  # here: an error has its own type
            out.extend(got)  # type: ignore[arg-type]  # func's results, pickled by the worker
    finally:
        for pid, read_fd, _ in waiting:  # an error above: the workers left are not read
            os.close(read_fd)
            os.waitpid(pid, 0)
    return out
