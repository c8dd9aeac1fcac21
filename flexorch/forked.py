"""Pure per-host work of a big site spread over the machine's CPUs (``forked_map``).

Lint's models and plan's per-host comparisons are pure functions of the loaded inventory, one host
at a time, and a site of 10,000 routers spends most of its planning in them. Worker processes made
by ``fork`` share the loaded fleet as it is (nothing of it is copied or pickled). The hosts are cut
into contiguous chunks of decreasing weight (``_ends``: big ones first, small ones to end the map;
a hub of thousands of spokes alone in its chunk), queued heaviest first in a pipe; every process,
this one included, takes the next chunk as soon as it is done with one, so no process waits idle
while another still has a fixed share to compute (a static share per process did: a hub's weight is
an estimate, and this process also unpickles the workers' results). A worker sends each chunk's
results back as soon as the chunk is done, pickled in a file of memory whose descriptor it passes
over a socket (it never waits for this process to read, as it would on a full pipe); this process
unpickles them between its own chunks, so that this work is shared out by the queue too instead of
all being left for the end of the map (measured at 10,000 routers: 0.8 s of a 12 s plan).

A worker sends with each chunk the secret values it resolved since the fork
(``flexorch.secrets.registered_since``), registered here as it takes the chunk in: ``mask()``
in this process hides by value every key a worker resolved (lint's workers resolve the keys of
the hosts they take, plan's render configs with their keys), as if it had resolved them itself.

Work is spread only where forking is safe and worth it: a platform with ``fork`` and ``memfd``
(Linux: results, plans with their keys included, go through memory only, never a file), more
than one CPU usable, at least ``minimum`` items, and no other thread in this process (a thread
holding a lock at the fork would leave it held in the child forever: after an SSH session, say,
the work runs here, in order). ``FLEXORCH_WORKERS`` sets the number of processes (1: never
fork).
Whatever goes wrong in a worker (an exception, a result that does not pickle, a worker killed),
the chunks whose results did not come back whole are computed again here, so errors are raised
here with their own types and a run's results never depend on a worker.
"""

from __future__ import annotations

import array
import copyreg
import errno
import io
import ipaddress
import mmap
import os
import pickle
import socket
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any, Generic, NoReturn, TypeVar

from pydantic import BaseModel

from flexorch.intent.shared import construct
from flexorch.secrets import register_secret, registered_count, registered_since

__all__ = ["MINIMUM", "forked_map", "workers"]

T = TypeVar("T")
R = TypeVar("R")

MINIMUM = 2000  # items below which a fork costs more than it saves
SMALLEST_PER_PROCESS = 32  # the last chunks of a map: a 32nd of a process's share (``_ends``)
SMALLEST_WEIGHT = 256  # ... or 256 units (spokes: 0.2 s of lint's per-host work), if less
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


def _ends(total: float, count: int) -> list[float]:
    """Where the chunks of a map end, as running totals of weight, for ``count`` processes:
    guided, each chunk a ``2 * count``-th of the weight left, down to a
    ``SMALLEST_PER_PROCESS * count``-th of the whole or ``SMALLEST_WEIGHT``, whichever is
    less, that size after that. Big chunks first and small ones last: the process that
    finishes first waits at most about one small chunk for the other(s) at the end of the map,
    where 8 equal chunks a process left it waiting up to one big one (at 10,000 spokes the
    ends of the 4 big maps of lint and plan idled one process 0.30-0.87 s a run, 0.08-0.23 s
    with these; chunks of equal weight grow with the site, the smallest here do not).
    2 processes: 14 chunks for up to 16,384 units, 20 for 116,000 (100,000 spokes and their
    hubs); 8 processes: 59 up to 65,536 units."""
    smallest = min(total / (count * SMALLEST_PER_PROCESS), SMALLEST_WEIGHT)
    ends: list[float] = []
    done = 0.0
    while total - done > smallest * 1.5:  # a last chunk of less than half the smallest: joined
        done += max((total - done) / (2 * count), smallest)
        ends.append(done)
    return [*ends, total] if total > 0 else [total]


def _slices(items: Sequence[T], ends: Sequence[float],
            weights: Sequence[int] | None = None) -> list[Sequence[T]]:
    """Contiguous slices of ``items``, one per running total of ``ends`` (the last one the
    whole): of those lengths, or with ``weights`` (one per item) of those weights, an item in
    the slice where the middle of its weight falls (a slice may then be empty)."""
    if weights is None:
        bounds = [0, *(min(len(items), round(end)) for end in ends[:-1]), len(items)]
    else:
        cuts: list[int] = []
        done = 0
        for index, weight in enumerate(weights):
            middle = done + weight / 2
            while len(cuts) < len(ends) - 1 and middle >= ends[len(cuts)]:
                cuts.append(index)
            done += weight
        cuts += [len(items)] * (len(ends) - 1 - len(cuts))
        bounds = [0, *cuts, len(items)]
    return [items[bounds[i]:bounds[i + 1]] for i in range(len(ends))]


def _interface(value: ipaddress.IPv4Interface | ipaddress.IPv6Interface
               ) -> tuple[type, tuple[object, ...]]:
    if isinstance(value, ipaddress.IPv6Interface) and value.scope_id:
        return type(value), (str(value),)  # fe80::1%gi1/64: its zone with it
    return type(value), ((int(value), value.network.prefixlen),)


def _network(value: ipaddress.IPv4Network | ipaddress.IPv6Network
             ) -> tuple[type, tuple[object, ...]]:
    return type(value), ((int(value.network_address), value.prefixlen),)


# How a worker pickles its results: as ``pickle`` does, but for the interfaces and networks of
# ``ipaddress`` (models and intents hold them), which pickle as their text and are parsed again
# when loaded (an interface: 9 us); here as (int, prefix length), built again in 2 us
# (addresses already pickle as their int). Exact types only (a subclass pickles its own way);
# equal values of the same type come back.
_DISPATCH: dict[type, Any] = {
    **copyreg.dispatch_table,
    ipaddress.IPv4Interface: _interface, ipaddress.IPv6Interface: _interface,
    ipaddress.IPv4Network: _network, ipaddress.IPv6Network: _network,
}


def _reduce_model(value: BaseModel) -> str | tuple[Any, ...]:
    """A pydantic model without extra or private values: built again as ``construct`` does,
    from its class, values and fields set (the four attributes pydantic's ``__setstate__``
    sets, without its state dict)."""
    if value.__pydantic_extra__ is not None or value.__pydantic_private__ is not None:
        return value.__reduce_ex__(pickle.HIGHEST_PROTOCOL)  # pydantic's own way
    return construct, (type(value), value.__dict__, value.__pydantic_fields_set__)


def _models() -> dict[type, Any]:
    """``_reduce_model`` for every pydantic model class defined so far that pickles the way
    ``BaseModel`` does (a loaded host holds dozens of models: a worker's validated hosts pickle
    in 12-13 us each instead of 20, and load in 16-18 instead of 21; 71 classes found in
    17 us)."""
    table: dict[type, Any] = {}
    stack = [BaseModel]
    while stack:
        for cls in stack.pop().__subclasses__():
            if cls in table:
                continue
            stack.append(cls)
            if all(getattr(cls, name) is getattr(BaseModel, name) for name in _PICKLING):
                table[cls] = _reduce_model
    return table


_PICKLING = ("__reduce_ex__", "__reduce__", "__getstate__", "__setstate__")


def _dumps(value: object) -> bytes:
    """``value`` pickled for this process's ``pickle.loads`` (``_DISPATCH``, ``_models``)."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {**_models(), **_DISPATCH}
    pickler.dump(value)
    return out.getvalue()


def _take(queue: int) -> int | None:
    """The next chunk index from the queue pipe, or None when it is empty. Every index is 4
    bytes, written before any process reads and read 4 bytes at a time: a pipe read takes a
    whole index (the kernel serialises reads of one pipe)."""
    got = os.read(queue, 4)
    return int.from_bytes(got, "little") if got else None


def _run_chunks(func: Callable[[T], R], items: Sequence[T], chunks: Sequence[tuple[int, int]],
                queue: int, keep: Callable[[int, list[R]], None],
                between: Callable[[], None] = lambda: None) -> None:
    """Take chunks from the queue, compute each and ``keep(index, results)`` it; ``between()``
    runs after each chunk (this process takes in the workers' results there)."""
    while (index := _take(queue)) is not None:
        start, end = chunks[index]
        keep(index, [func(item) for item in items[start:end]])
        between()


def _child(func: Callable[[T], R], items: Sequence[T], chunks: Sequence[tuple[int, int]],
           queue: int, channel: socket.socket) -> NoReturn:
    """In the forked worker: compute the chunks it takes, each sent as soon as it is done
    (``_send``), leave without cleanup (``os._exit``: no atexit handler, no flush of the
    parent's buffers). A failure ends the worker: what it sent stands, the parent computes the
    chunks it did not send."""
    code = 1
    try:
        sent = registered_count()  # secrets this process knew at the fork: the parent's
        while (index := _take(queue)) is not None:
            start, end = chunks[index]
            results = [func(item) for item in items[start:end]]
            resolved = registered_since(sent)
            sent += len(resolved)
            _send(channel, index, _dumps((results, resolved)))
        code = 0
    except BaseException:  # any failure: the parent computes the chunks not sent
        code = 1
    finally:
        os._exit(code)



def _send(channel: socket.socket, index: int, data: bytes) -> None:
    """One chunk's pickled results to the parent: written into a file of memory with no name
    (``memfd``) whose descriptor goes over the channel with the chunk index (4 bytes). The
    worker never waits for the parent to read (a pipe would fill while the parent computes a
    chunk of its own)."""
    fd = os.memfd_create("flexorch-forked", os.MFD_CLOEXEC)
    try:
        with memoryview(data) as view:
            done = 0
            while done < len(view):
                done += os.write(fd, view[done:])
        while True:
            try:
                socket.send_fds(channel, [index.to_bytes(4, "little")], [fd])
                break
            except OSError as exc:
                # too many descriptors in flight for this user (RLIMIT_NOFILE): the parent is
                # computing a long chunk of its own; wait for it to take some in
                if exc.errno != errno.ETOOMANYREFS:
                    raise
                time.sleep(0.01)
    finally:
        os.close(fd)


def _receive(channel: socket.socket, flags: int) -> tuple[bytes, list[int]]:
    """One message of a worker: a chunk index and a descriptor (``socket.recv_fds`` ignores
    its ``flags``: this process must not wait when nothing came)."""
    fds = array.array("i")
    message, extra, _, _ = channel.recvmsg(4, socket.CMSG_SPACE(fds.itemsize), flags)
    for level, kind, data in extra:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            fds.frombytes(data[:len(data) - len(data) % fds.itemsize])
    return message, list(fds)


def _received(fd: int) -> object:
    """The value pickled in a worker's anonymous file (read through a map, no copy)."""
    try:
        size = os.fstat(fd).st_size
        with mmap.mmap(fd, size, access=mmap.ACCESS_READ) as data:
            return pickle.loads(data)
    finally:
        os.close(fd)


class _Workers(Generic[R]):
    """The forked workers of one map, each with the channel its chunks come back on; this
    process takes them in (``take``) between its own chunks and at the end."""

    def __init__(self, chunks: Sequence[tuple[int, int]],
                 each: Callable[[int, list[R]], None] | None) -> None:
        self.chunks = chunks
        self.results: dict[int, list[R]] = {}
        self.each = each
        self.pids: list[int] = []
        self.channels: list[socket.socket] = []

    def keep(self, index: int, values: list[R]) -> None:
        """The results of chunk ``index``, computed here or sent by a worker, handed to
        ``each`` (``forked_map``) as soon as this process has them."""
        self.results[index] = values
        if self.each is not None:
            self.each(self.chunks[index][0], values)

    def start(self, func: Callable[[T], R], items: Sequence[T], queue: int) -> None:
        """Fork one worker."""
        mine, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            pid = os.fork()
        except BaseException:
            mine.close()
            theirs.close()
            raise
        if pid == 0:
            mine.close()
            _child(func, items, self.chunks, queue, theirs)
        theirs.close()
        self.pids.append(pid)
        self.channels.append(mine)

    def take(self, wait: bool = False) -> None:
        """Unpickle the chunks the workers sent (``wait``: until every worker is done)."""
        for channel in list(self.channels):
            while True:
                try:
                    message, fds = _receive(channel, 0 if wait else socket.MSG_DONTWAIT)
                except BlockingIOError:
                    break
                except OSError:  # the worker is gone
                    message, fds = b"", []
                if not message and not fds:  # the worker is done (or dead)
                    channel.close()
                    self.channels.remove(channel)
                    break
                self._chunk(message, fds)

    def _chunk(self, message: bytes, fds: list[int]) -> None:
        for extra in fds[1:]:
            os.close(extra)
        if len(message) != 4 or len(fds) != 1:
            if fds:
                os.close(fds[0])
            return
        index = int.from_bytes(message, "little")
        try:
            got = _received(fds[0])
        except Exception:  # a result that does not come back: computed here
            return
        if not isinstance(got, tuple) or len(got) != 2:
            return
        values, resolved = got
        for secret in resolved if isinstance(resolved, list) else ():
            if isinstance(secret, str):
                register_secret(secret)
        if 0 <= index < len(self.chunks) and index not in self.results \
                and isinstance(values, list) \
                and len(values) == self.chunks[index][1] - self.chunks[index][0]:
            self.keep(index, values)

    def end(self) -> None:
        """Close the channels (a worker still sending gets an error and exits) and wait for
        the workers."""
        for channel in self.channels:
            channel.close()
        self.channels = []
        for pid in self.pids:
            os.waitpid(pid, 0)
        self.pids = []


def _chunks(items: Sequence[T], count: int,
            weights: Sequence[int] | None) -> tuple[list[tuple[int, int]], list[int]]:
    """Contiguous chunks of decreasing weight (``_ends``; a heavy item alone), as (start, end),
    in order; and the order they are queued in: heaviest first, so that a hub of thousands of
    spokes is never the last chunk taken and the smallest chunks end the map."""
    total = len(items) if weights is None else sum(weights)
    ends = _ends(total, count)
    assert len(ends) <= MAX_CHUNKS  # 2 * count * SMALLEST_PER_PROCESS at most
    parts = _slices(range(len(items)), ends, weights)
    chunks = [(part[0], part[-1] + 1) for part in parts if len(part)]
    if weights is None:
        load = [end - start for start, end in chunks]
    else:
        load = [sum(weights[start:end]) for start, end in chunks]
    return chunks, sorted(range(len(chunks)), key=lambda i: (-load[i], i))


def forked_map(func: Callable[[T], R], items: Sequence[T], *,
               minimum: int | None = None, weights: Sequence[int] | None = None,
               each: Callable[[int, list[R]], None] | None = None) -> list[R]:
    """``[func(item) for item in items]``, in order, computed by forked worker processes when
    that is safe and worth it (module docstring; ``minimum`` defaults to ``MINIMUM``). ``func``
    must be pure: what it changes in a worker (memo tables, caches) is not seen here, only what
    it returns, which must pickle. ``weights`` (one per item, e.g. ``Fleet.work_weights``):
    the chunks are of about equal weight instead of equal length, the heaviest queued first (a
    hub of thousands of spokes costs what a thousand spokes do).

    ``each(start, results)``, only when the map forks: called here once per chunk with the
    results of ``items[start:start + len(results)]`` as soon as this process has them (its own
    chunk's when computed, a worker's when taken in, a failed worker's when computed again), in
    no set order, so that this process works on them while the workers still compute (an
    exception of ``each`` ends the map as one of ``func`` here does)."""
    count = min(workers(), len(items))
    least = MINIMUM if minimum is None else minimum
    if count < 2 or len(items) < least or not hasattr(os, "memfd_create") \
            or threading.active_count() > 1:
        return [func(item) for item in items]
    if weights is not None and len(weights) != len(items):
        raise ValueError("forked_map: one weight per item")
    chunks, order = _chunks(items, count, weights)
    queue, feed = os.pipe()
    os.write(feed, b"".join(index.to_bytes(4, "little") for index in order))
    os.close(feed)  # read to its end, the queue says it is empty
    team: _Workers[R] = _Workers(chunks, each)
    try:
        try:
            for _ in range(count - 1):
                team.start(func, items, queue)
            _run_chunks(func, items, chunks, queue, team.keep, team.take)
            team.take(wait=True)
        except BaseException:
            while _take(queue) is not None:  # the chunks left: no worker starts one more
                pass
            raise
        finally:
            team.end()
    finally:
        os.close(queue)
    for index, (start, end) in enumerate(chunks):
        if index not in team.results:  # a failed worker's chunks, here: an error has its type
            team.keep(index, [func(item) for item in items[start:end]])
    return [value for index in range(len(chunks)) for value in team.results[index]]
