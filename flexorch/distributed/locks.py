"""Site locks every machine sees: a PostgreSQL advisory lock, or a Redis key with owner and
expiry. ``flexorch.rollout.lock.site_lock`` picks one (the file lock stays for a store on this
machine and a local run).

Both refuse with the file lock's message, naming the holder (command, pid, user@host, since),
and both recover from a dead holder without anyone's help:

- PostgreSQL: ``pg_try_advisory_lock(namespace, crc32(site))`` on a connection held for the
  run. The server drops the lock when that connection ends: at once when the holder process
  dies, within about a minute when its machine vanishes (server-side TCP keepalives set on the
  session). The holder's description is the text of its locking statement, which
  ``pg_stat_activity`` shows to sessions of the same role: no table, no schema change.
- Redis: ``SET flexorch:lock:site:<site> <holder JSON> NX PX ttl``, kept alive by a thread
  every ttl/3 while the run lives; released only by its owner (compare and delete). A holder
  that died stops renewing: the key expires after ``ttl`` seconds (30 by default).
"""

from __future__ import annotations

import getpass
import json
import logging
import os
import socket
import threading
import time
import uuid
import zlib
from collections.abc import Sequence
from typing import Any, Protocol

from flexorch.errors import LockHeldError

log = logging.getLogger("flexorch.lock")
# Advisory-lock key space of flexorch ("flxr"), the first of the two int4 keys.
PG_NAMESPACE = 0x666C7872
REDIS_TTL_S = 30.0
_RENEW = ("if redis.call('get', KEYS[1]) == ARGV[1] then "
          "return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end")
_RELEASE = ("if redis.call('get', KEYS[1]) == ARGV[1] then "
            "return redis.call('del', KEYS[1]) else return 0 end")


class Lock(Protocol):
    def acquire(self) -> None: ...
    def release(self) -> None: ...


def holder_info(command: str) -> dict[str, Any]:
    """Who takes a lock: what the refusal message of another run names."""
    return {"pid": os.getpid(), "user": getpass.getuser(), "host": socket.gethostname(),
            "command": command, "since": time.strftime("%Y-%m-%dT%H:%M:%S%z")}


def holder_text(info: dict[str, Any] | None) -> str:
    """``rollout --site hub1 (pid 4242, ops@box, since ...)`` or ``another run``."""
    if not info:
        return "another run"
    get = info.get
    return (f"{get('command', '?')} (pid {get('pid', '?')}, {get('user', '?')}@"
            f"{get('host', '?')}, since {get('since', '?')})")


def held(site: str, info: dict[str, Any] | None) -> LockHeldError:
    """The refusal every site lock gives."""
    return LockHeldError(f"site {site} is locked by {holder_text(info)}; wait for that run to "
                         "finish (a lock left by a dead process is released automatically)")


def _unreachable(what: str, exc: Exception) -> Exception:
    from flexorch.distributed.settings import ClusterError

    reason = " ".join(str(exc).split()) or type(exc).__name__
    return ClusterError(f"site lock: {what} unreachable ({reason}); nothing was touched")


class RedisSiteLock:
    """The site's lock as a Redis key with owner and expiry (see the module docstring)."""

    def __init__(self, site: str, command: str, url: str, *, ttl: float = REDIS_TTL_S) -> None:
        self.site, self.command, self.url, self.ttl = site, command, url, ttl
        self.key = f"flexorch:lock:site:{site}"
        self._value: str | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._client: Any = None

    def acquire(self) -> None:
        """Take the lock; LockHeldError naming the holder, ClusterError when Redis is down."""
        import redis

        from flexorch.distributed.settings import shown_url

        self._client = redis.Redis.from_url(self.url, socket_connect_timeout=3, socket_timeout=5)
        value = json.dumps({**holder_info(self.command), "token": uuid.uuid4().hex})
        try:
            taken = self._client.set(self.key, value, nx=True, px=int(self.ttl * 1000))
            current = None if taken else self._client.get(self.key)
        except redis.RedisError as exc:
            self._client.close()
            raise _unreachable(f"broker {shown_url(self.url)}", exc) from None
        if not taken:
            self._client.close()
            raise held(self.site, _json(current))
        self._value = value
        self._stop.clear()
        self._thread = threading.Thread(target=self._renew, name="flexorch-site-lock",
                                        daemon=True)
        self._thread.start()

    def _renew(self) -> None:
        import redis

        while not self._stop.wait(self.ttl / 3):
            try:
                kept = self._client.eval(_RENEW, 1, self.key, self._value,
                                         int(self.ttl * 1000))
            except redis.RedisError as exc:
                log.warning("site %s: lock not renewed: %s", self.site, exc)
                continue
            if not kept:
                log.warning("site %s: the lock expired and was lost (Redis unreachable for "
                            "longer than %.0f s?)", self.site, self.ttl)
                return

    def release(self) -> None:
        import redis

        if self._value is None:
            return
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        try:
            self._client.eval(_RELEASE, 1, self.key, self._value)
        except redis.RedisError as exc:
            log.warning("site %s: lock not released (it expires in %.0f s): %s", self.site,
                        self.ttl, exc)
        finally:
            self._client.close()
            self._value = None


def _json(raw: bytes | str | None) -> dict[str, Any] | None:
    try:
        found = json.loads(raw) if raw else None
    except ValueError:
        return None
    return found if isinstance(found, dict) else None


def pg_key(site: str) -> int:
    """The second advisory-lock key of ``site``: its CRC-32 as a signed int4."""
    value = zlib.crc32(site.encode("utf-8"))
    return value - (1 << 32) if value >= 1 << 31 else value


class PgSiteLock:
    """The site's lock as a PostgreSQL advisory lock (see the module docstring)."""

    def __init__(self, site: str, command: str, params: dict[str, str], location: str, *,
                 timeout: float = 15.0) -> None:
        """``params``: libpq key words (``flexorch.history.store.db_target``); ``location``:
        the database as it may be printed."""
        self.site, self.command, self.params, self.location = site, command, params, location
        self.timeout = timeout
        self._conn: Any = None

    def acquire(self) -> None:
        """Take the lock; LockHeldError naming the holder, ClusterError when the database
        cannot be reached."""
        import psycopg
        from psycopg import sql

        try:
            # key words, never a URL: a password with '@' or '/' stays one value
            params = {"connect_timeout": str(max(1, round(self.timeout))), **self.params,
                      "application_name": f"flexorch lock {self.site}"[:63]}
            conn = psycopg.connect(psycopg.conninfo.make_conninfo("", **params),
                                   autocommit=True)
            # Server-side keepalives: the lock of a machine that vanished is dropped.
            for setting in ("tcp_keepalives_idle = 30", "tcp_keepalives_interval = 10",
                            "tcp_keepalives_count = 3"):
                conn.execute(sql.SQL("SET " + setting))  # constants only
            statement = sql.SQL("SELECT pg_try_advisory_lock({}, {}) AS flexorch_site_lock, "
                                "{}::text AS holder").format(
                sql.Literal(PG_NAMESPACE), sql.Literal(pg_key(self.site)),
                sql.Literal(json.dumps(holder_info(self.command))))
            row = conn.execute(statement).fetchone()
        except psycopg.Error as exc:
            raise _unreachable(f"history store {self.location}", exc) from None
        if not row or not row[0]:
            info = self._holder(conn)
            conn.close()
            raise held(self.site, info)
        self._conn = conn

    def _holder(self, conn: Any) -> dict[str, Any] | None:
        import psycopg

        try:
            row = conn.execute(
                "SELECT a.query FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                "WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = %s "
                "AND l.objid::bigint = %s AND l.objsubid = 2",
                (PG_NAMESPACE, pg_key(self.site) & 0xFFFFFFFF)).fetchone()
        except psycopg.Error:
            return None
        text = str(row[0]) if row and row[0] else ""
        start, end = text.find("'{"), text.rfind("}'")
        return _json(text[start + 1:end + 1].replace("''", "'")) if 0 <= start < end else None

    def release(self) -> None:
        import psycopg

        if self._conn is None:
            return
        try:
            self._conn.execute("SELECT pg_advisory_unlock(%s, %s)",
                               (PG_NAMESPACE, pg_key(self.site)))
        except psycopg.Error as exc:  # the connection's end releases it anyway
            log.info("site %s: advisory unlock failed: %s", self.site, exc)
        finally:
            self._conn.close()
            self._conn = None


class AllLocks:
    """Several locks taken in order, released in reverse; none is kept when one is refused."""

    def __init__(self, locks: Sequence[Lock]) -> None:
        self.locks = list(locks)
        self._taken: list[Lock] = []

    def acquire(self) -> None:
        try:
            for lock in self.locks:
                lock.acquire()
                self._taken.append(lock)
        except BaseException:
            self.release()
            raise

    def release(self) -> None:
        while self._taken:
            self._taken.pop().release()
