"""Pure per-host work of a big site spread over the machine's CPUs (``forked_map``).

Lint's models and plan's per-host comparisons are pure functions of the loaded inventory, one
host at a time, and a site of 10,000 routers spends most of its planning in them. Worker
processes made by ``fork`` share the loaded fleet as it is (nothing of it is copied or
pickled). The hosts are cut into contiguous chunks of about equal weight (about eight per
process; a hub of thousands of spokes alone in its chunk), queued heaviest first in a pipe;
every process, this one included, takes the next chunk as soon as it is done with one, so no
process waits idle while another still has a fixed share to compute (a static share per
process did: a hub's weight is an estimate, and this process also unpickles the workers'
results). Workers send their results back pickled through a pipe when the queue is empty.

Work is spread only where forking is safe and worth it: a platform with ``fork``, more than one
CPU usable, at least ``minimum`` items, and no other thread in this process (a thread holding a
lock at the fork would leave it held in the child forever: after an SSH session, say, the work
runs here, in order). ``FLEXORCH_WORKERS`` sets the number of processes (1: never fork).
Whatever goes wrong in a worker (an exception, a result that does not pickle, a worker killed),
its chunks are computed again here, so errors are raised here with their own types and a run's
results never depend on a worker.
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable, Sequence
from typing import NoReturn, TypeVar, cast

__all__ = ["MINIMUM", "forked_map", "workers"]

T = TypeVar("T")
R = TypeVar("R")

MINIMUM = 2000  # items below which a fork costs more than it saves
CHUNKS_PER_PROCESS = 8  # chunks queued per process: what one process can be left doing alone
MAX_CHUNKS = 1024  # 4 bytes each: the whole queue is written at once into one pipe (4 KiB)


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


def _take(queue: int) -> int | None:
    """The next chunk index from the queue pipe, or None when it is empty. Every index is 4
    bytes, written before any process reads and read 4 bytes at a time: a pipe read takes a
    whole index (the kernel serialises reads of one pipe)."""
    got = os.read(queue, 4)
    return int.from_bytes(got, "little") if got else None


def _run_chunks(func: Callable[[T], R], items: Sequence[T], chunks: Sequence[tuple[int, int]],
                queue: int, into: dict[int, list[R]]) -> None:
    """Take chunks from the queue and compute them into ``into`` (chunk index -> results)."""
    while (index := _take(queue)) is not None:
        start, end = chunks[index]
        into[index] = [func(item) for item in items[start:end]]


def _child(func: Callable[[T], R], items: Sequence[T], chunks: Sequence[tuple[int, int]],
           queue: int, fd: int) -> NoReturn:
    """In the forked worker: compute the chunks it takes, write the results (chunk index ->
    results) pickled into the pipe as they are pickled (no second copy of them in memory),
    leave without cleanup (``os._exit``: no atexit handler, no flush of the parent's
    buffers)."""
    code = 1
    try:
        done: dict[int, list[R]] = {}
        _run_chunks(func, items, chunks, queue, done)
        with os.fdopen(fd, "wb") as pipe:
            pickle.dump(done, pipe, protocol=pickle.HIGHEST_PROTOCOL)
        code = 0
    except BaseException:  # any failure: the parent computes its chunks again
        code = 1
    finally:
        os._exit(code)


def _collect(pid: int, fd: int) -> dict[int, list[object]] | None:
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
    return value if isinstance(value, dict) else None


def _chunks(items: Sequence[T], count: int,
            weights: Sequence[int] | None) -> tuple[list[tuple[int, int]], list[int]]:
    """About ``CHUNKS_PER_PROCESS`` contiguous chunks per process, of about equal weight (a
    heavy item alone), as (start, end), in order; and the order they are queued in: heaviest
    first, so that a hub of thousands of spokes is never the last chunk taken."""
    parts = _slices(range(len(items)), min(count * CHUNKS_PER_PROCESS, MAX_CHUNKS,
                                           len(items)), weights)
    chunks = [(part[0], part[-1] + 1) for part in parts if len(part)]
    if weights is None:
        load = [end - start for start, end in chunks]
    else:
        load = [sum(weights[start:end]) for start, end in chunks]
    return chunks, sorted(range(len(chunks)), key=lambda i: (-load[i], i))


def _gather(started: list[tuple[int, int]], chunks: Sequence[tuple[int, int]],
            results: dict[int, list[R]]) -> None:
    """The workers' results into ``results`` (what a failed worker computed is left out)."""
    waiting = list(started)
    try:
        while waiting:
            got = _collect(*waiting.pop(0))
            for index, values in (got or {}).items():
                if 0 <= index < len(chunks) and isinstance(values, list) \
                        and len(values) == chunks[index][1] - chunks[index][0]:
                    results[index] = cast("list[R]", values)  # func's results, pickled
    finally:
        for pid, read_fd in waiting:  # an error above: the workers left are not read
            os.close(read_fd)
            os.waitpid(pid, 0)


def forked_map(func: Callable[[T], R], items: Sequence[T], *,
               minimum: int | None = None, weights: Sequence[int] | None = None) -> list[R]:
    """``[func(item) for item in items]``, in order, computed by forked worker processes when
    that is safe and worth it (module docstring; ``minimum`` defaults to ``MINIMUM``). ``func``
    must be pure: what it changes in a worker (memo tables, caches) is not seen here, only what
    it returns, which must pickle. ``weights`` (one per item, e.g. ``Fleet.work_weights``):
    the chunks are of about equal weight instead of equal length, the heaviest queued first (a
    hub of thousands of spokes costs what a thousand spokes do)."""
    count = min(workers(), len(items))
    least = MINIMUM if minimum is None else minimum
    if count < 2 or len(items) < least or not hasattr(os, "fork") \
            or threading.active_count() > 1:
        return [func(item) for item in items]
    if weights is not None and len(weights) != len(items):
        raise ValueError("forked_map: one weight per item")
    chunks, order = _chunks(items, count, weights)
    queue, feed = os.pipe()
    os.write(feed, b"".join(index.to_bytes(4, "little") for index in order))
    os.close(feed)  # read to its end, the queue says it is empty
    started: list[tuple[int, int]] = []
    results: dict[int, list[R]] = {}
    try:
        for _ in range(count - 1):
            read_fd, write_fd = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(read_fd)
                _child(func, items, chunks, queue, write_fd)
            os.close(write_fd)
            started.append((pid, read_fd))
        _run_chunks(func, items, chunks, queue, results)
    except BaseException:
        while _take(queue) is not None:  # the chunks left: no worker starts one more
            pass
        for pid, read_fd in started:
            os.close(read_fd)  # the worker's write fails: it exits
            os.waitpid(pid, 0)
        raise
    finally:
        os.close(queue)
    _gather(started, chunks, results)
    for index, (start, end) in enumerate(chunks):
        if index not in results:  # a failed worker's chunks, here: an error has its own type
            results[index] = [func(item) for item in items[start:end]]
    return [value for index in range(len(chunks)) for value in results[index]]
