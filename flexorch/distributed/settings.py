"""Where the cluster is and how a run uses it: broker URL, executor, chunk size, timeouts.

Everything here is read from options first, then the environment (``FLEXORCH_BROKER``,
``FLEXORCH_EXECUTOR``, ``FLEXORCH_QUEUE``, ``FLEXORCH_VISIBILITY_TIMEOUT``), so a systemd unit and
a shell give the same run.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

from flexorch.errors import EXIT_BAD_INPUT, FlexorchError

Executor = Literal["local", "celery"]
EXECUTORS: Final[tuple[str, ...]] = ("local", "celery")
DEFAULT_CHUNK_SIZE: Final = 50
DEFAULT_QUEUE: Final = "flexorch"
# A message a worker took and did not acknowledge (the worker died) goes back to the queue after
# this many seconds. It must be longer than the longest chunk, or a chunk still running is
# handed to a second worker too (harmless for read-only chunks, only wasted).
DEFAULT_VISIBILITY_TIMEOUT_S: Final = 900.0


class ClusterError(FlexorchError):
    """The cluster cannot run this job: broker or store unreachable, no worker answering, a
    worker set up differently (another store, another inventory), Celery not installed.
    Raised before any router is touched; exit 2 like other setup errors."""

    exit_code = EXIT_BAD_INPUT


@dataclass(frozen=True)
class ClusterOptions:
    """How a run on workers is dispatched."""

    broker: str
    chunk_size: int = DEFAULT_CHUNK_SIZE
    queue: str = DEFAULT_QUEUE


def broker_url(given: str | None = None) -> str:
    """``given``, else ``$FLEXORCH_BROKER``. Raises ClusterError when neither is set."""
    url = given or os.environ.get("FLEXORCH_BROKER", "").strip()
    if not url:
        raise ClusterError("no broker: give --broker redis://HOST:6379/0 or set FLEXORCH_BROKER")
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise ClusterError(f"broker URL {shown_url(url)!r} is not a Redis URL (redis://HOST:PORT/DB)")
    return url


def queue_name() -> str:
    """The queue chunks are sent to (``$FLEXORCH_QUEUE``, default ``flexorch``)."""
    return os.environ.get("FLEXORCH_QUEUE", "").strip() or DEFAULT_QUEUE


def visibility_timeout() -> float:
    """Seconds before an unacknowledged message is delivered again (``$FLEXORCH_VISIBILITY_
    TIMEOUT``)."""
    raw = os.environ.get("FLEXORCH_VISIBILITY_TIMEOUT", "").strip()
    try:
        return float(raw) if raw else DEFAULT_VISIBILITY_TIMEOUT_S
    except ValueError:
        raise ClusterError(f"FLEXORCH_VISIBILITY_TIMEOUT={raw!r} is not a number of seconds") \
            from None


def shown_url(url: str) -> str:
    """A broker URL with its password masked."""
    from urllib.parse import urlsplit, urlunsplit

    from flexorch.secrets import MASK

    parts = urlsplit(url)
    if parts.password is None:
        return url
    userinfo, _, where = parts.netloc.rpartition("@")
    user = userinfo.split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}:{MASK}@{where}"))


def machine_id() -> str:
    """This machine's identity: systemd's machine id, else the host name. Workers report it so
    a coordinator can tell whether they share its SQLite file."""
    try:
        found = Path("/etc/machine-id").read_text(encoding="ascii").strip()
    except OSError:
        found = ""
    return found or socket.gethostname()


def require_celery() -> None:
    """Raise ClusterError (exit 2) when the ``celery`` extra is not installed."""
    try:
        import celery  # noqa: F401
        import redis  # noqa: F401
    except ImportError:
        raise ClusterError("the celery executor needs Celery and Redis: pip install "
                           "'flexorch[celery]'") from None


def store_identity(url: str | None = None) -> str:
    """The history store ``url`` (default: ``$FLEXORCH_DB`` / the state-dir file) as compared
    between a coordinator and its workers: ``sqlite:<absolute path>`` or the PostgreSQL
    location as flexorch prints it (no password)."""
    from flexorch.history.store import db_target

    target = db_target(url)
    if target.kind == "sqlite":
        assert target.path is not None
        return f"sqlite:{target.path.resolve()}"
    return f"postgresql:{target.location}"
