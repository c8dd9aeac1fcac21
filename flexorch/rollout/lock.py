"""Per-site run lock: one rollout or drift remediation of a site at a time.

The lock is an ``flock`` on ``<state>/locks/<site>.lock``. The kernel drops it when the holding
process dies, so a lock left by a crashed run is recovered by simply taking it again; the file
keeps who holds it (pid, user, command, start) for the refusal message. ``SiteLock`` is the
protocol; a database-backed lock (e.g. PostgreSQL advisory locks) can implement it later.
"""

from __future__ import annotations

import fcntl
import getpass
import json
import os
import socket
import time
from pathlib import Path
from types import TracebackType
from typing import Protocol

from flexorch.errors import LockHeldError
from flexorch.files import open_lock, private_dir, read_private, safe_component
from flexorch.paths import state_dir


class SiteLock(Protocol):
    def acquire(self) -> None: ...
    def release(self) -> None: ...


class FileSiteLock:
    """Exclusive, non-blocking lock for one site, held for the life of a run."""

    def __init__(self, site: str, command: str, directory: Path | None = None) -> None:
        self.site = site
        self.command = command
        folder = directory or state_dir() / "locks"
        self.path = folder / f"{safe_component(site, 'site')}.lock"
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise LockHeldError naming the holder. The lock file is never
        opened through a symlink (BadInputError)."""
        private_dir(self.path.parent)
        fd = open_lock(self.path)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _describe(self.path)
            os.close(fd)
            raise LockHeldError(
                f"site {self.site} is locked by {holder}; wait for that run to finish "
                f"(a lock left by a dead process is released automatically)"
            ) from None
        info = {
            "pid": os.getpid(),
            "user": getpass.getuser(),
            "host": socket.gethostname(),
            "command": self.command,
            "since": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        }
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps(info).encode())
        os.fsync(fd)
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> FileSiteLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def _describe(path: Path) -> str:
    try:
        info = json.loads(read_private(path) or "{}")
    except (OSError, ValueError):
        return "another run"
    if not info:
        return "another run"
    get = info.get
    return (
        f"{get('command', '?')} (pid {get('pid', '?')}, {get('user', '?')}@{get('host', '?')}, "
        f"since {get('since', '?')})"
    )


def site_lock(site: str, command: str, *, broker: str | None = None) -> SiteLock:
    """The lock a run of ``site`` takes. Distributed whenever other machines may run the site:
    a PostgreSQL advisory lock when the history store is PostgreSQL (every machine of a
    scale-out shares it), else the file lock plus a Redis lock on ``broker`` (the run's
    executor is celery), else the file lock (``flexorch.distributed.locks``). Raises
    BadInputError for a malformed store URL."""
    from flexorch.distributed.locks import AllLocks, PgSiteLock, RedisSiteLock
    from flexorch.history.store import db_target

    target = db_target()
    if target.kind == "postgres":
        return PgSiteLock(site, command, target.params, target.location)
    local = FileSiteLock(site, command)
    return AllLocks([local, RedisSiteLock(site, command, broker)]) if broker else local
