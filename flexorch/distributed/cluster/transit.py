"""Where a task message is while its result is still PENDING: a message nobody holds any more.

A push is acknowledged when a worker starts it (``app``: it must never be delivered twice), and
``task_track_started`` then records it as STARTED. A worker that dies between the two leaves a
message that is in no queue, in no unacknowledged set and on no living worker, with a result that
stays PENDING for ever: before this check the coordinator waited for it without end (the living
workers still answer pings). Here a PENDING task is *held* when its message is

- in the queue's Redis list (waiting for a worker: kombu's Redis transport keeps a queue as a
  list of JSON messages, with priorities in lists named ``queue + "\\x06\\x16" + step``),
- in kombu's ``unacked`` hash (taken by a worker, not acknowledged yet: a worker that dies with
  it has it restored to the queue after the visibility timeout), or
- reserved or active on a worker that answers ``inspect``.

A message held nowhere, seen so twice some seconds apart (``Coordinator.wait``), is lost.
"""

from __future__ import annotations

from typing import Any

# kombu's Redis transport: the hash of messages taken and not acknowledged, and the separator
# and steps of the lists that hold prioritised messages (kombu.transport.redis defaults).
UNACKED_KEY = "unacked"
PRIORITY_SEPARATOR = "\x06\x16"
PRIORITY_STEPS = (3, 6, 9)
INSPECT_TIMEOUT_S = 1.0


def in_broker(client: Any, queue: str, task_id: str) -> bool:
    """Whether the message of ``task_id`` waits in ``queue`` or is taken and unacknowledged."""
    needle = task_id.encode()
    lists = [queue, *(f"{queue}{PRIORITY_SEPARATOR}{step}" for step in PRIORITY_STEPS)]
    for name in lists:
        if any(needle in raw for raw in client.lrange(name, 0, -1)):
            return True
    return any(needle in raw for raw in client.hvals(UNACKED_KEY))


def on_a_worker(app: Any, task_id: str) -> bool:
    """Whether a worker that answers holds ``task_id`` (prefetched, or running)."""
    inspect = app.control.inspect(timeout=INSPECT_TIMEOUT_S)
    for listing in (inspect.reserved(), inspect.active()):
        for requests in (listing or {}).values():
            if any(request.get("id") == task_id for request in requests or []):
                return True
    return False


def held(app: Any, client: Any, queue: str, task_id: str) -> bool:
    """Whether the message of ``task_id`` is anywhere it can still run from (module doc)."""
    return in_broker(client, queue, task_id) or on_a_worker(app, task_id)
