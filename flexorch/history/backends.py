"""The two database backends of the history store, behind one small interface.

Both speak plain DB-API. The store writes its SQL once with ``?`` placeholders; a backend runs a
function inside one transaction (``run``), retries what is worth retrying, and turns every driver
error into a one-line :class:`~flexorch.errors.StorageError` that names the database (path, or
URL with the password masked).

SQLite: WAL journal (readers never block the writer), ``synchronous=NORMAL`` (a commit survives a
process crash; only a power cut can lose the last commits, never corrupt the file), a busy
timeout, and write transactions opened with ``BEGIN IMMEDIATE`` so two writers queue on the lock
instead of failing on an upgrade. A file that is not SQLite is refused by path and never touched.

PostgreSQL (psycopg 3): autocommit connection with explicit transactions, ``lock_timeout`` so a
locked table fails instead of hanging, one reconnect when the server dropped the session.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import random
import sqlite3
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol, TypeVar

from flexorch.errors import StorageError
from flexorch.history.migrations import LATEST, SCHEMA_VERSION_DDL, pending
from flexorch.history.url import DbTarget, parse_db_url
from flexorch.secrets import mask

T = TypeVar("T")
log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"


class Cursor(Protocol):
    """The part of a DB-API cursor the store uses."""

    def execute(self, sql: str, params: Any = ..., /) -> Any: ...
    def executemany(self, sql: str, params: Any, /) -> Any: ...
    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...


class Backend(Protocol):
    """What the store needs from a database."""

    kind: str  # "sqlite" | "postgres"
    location: str  # safe to print: a path, or a URL with the password masked

    def run(self, fn: Callable[[Cursor], T], *, write: bool) -> T: ...
    def sql(self, statement: str) -> str: ...
    def insert_id(self, cur: Cursor, sql: str, params: tuple[Any, ...]) -> int: ...
    def json_in(self, value: Any) -> Any: ...
    def json_out(self, value: Any) -> Any: ...
    def ts_in(self, value: datetime) -> Any: ...
    def ts_out(self, value: Any) -> datetime: ...
    def close(self) -> None: ...


def _too_new(backend: Backend, found: int) -> StorageError:
    return StorageError(
        f"history store {backend.location} has schema version {found}, newer than this "
        f"flexorch knows ({LATEST}); upgrade flexorch or point FLEXORCH_DB elsewhere"
    )


def _migrate(backend: Backend, cur: Cursor, target: int) -> None:
    cur.execute(SCHEMA_VERSION_DDL[backend.kind])
    cur.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version")
    current = int(cur.fetchone()[0])
    if current > LATEST:
        raise _too_new(backend, current)
    for step in pending(current, target):
        statements = step.sqlite if backend.kind == "sqlite" else step.postgres
        for statement in statements:
            cur.execute(statement)
        cur.execute(
            backend.sql(
                "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)"
            ),
            (step.version, step.description, backend.ts_in(datetime.now(UTC))),
        )
        log.info("history store %s migrated to schema version %d", backend.location, step.version)


def ensure_schema(backend: Backend, target: int = LATEST) -> int:
    """Bring the database to schema ``target`` (default: the latest); return the version found.

    Reads first, so an up-to-date database is never write-locked just by opening it; migrates in
    one write transaction that re-reads the version (another process may have migrated first).
    """

    def read(cur: Cursor) -> int:
        if backend.kind == "sqlite":
            cur.execute("SELECT count(*) FROM sqlite_master WHERE name = 'schema_version'")
        else:
            cur.execute("SELECT count(*) FROM pg_tables WHERE tablename = 'schema_version' "
                        "AND schemaname = current_schema()")
        if not cur.fetchone()[0]:
            return 0
        cur.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version")
        return int(cur.fetchone()[0])

    found = backend.run(read, write=False)
    if found > LATEST:
        raise _too_new(backend, found)
    if found < target:

        def write(cur: Cursor) -> None:
            if backend.kind == "postgres":
                # Serialises concurrent first opens; released at commit.
                cur.execute("SELECT pg_advisory_xact_lock(7476823)")
            _migrate(backend, cur, target)

        backend.run(write, write=True)
    return found


# --- SQLite -------------------------------------------------------------------------------------


class SqliteBackend:
    """SQLite file in WAL mode; thread-safe (one connection behind a lock)."""

    kind = "sqlite"

    def __init__(self, path: Path, timeout: float) -> None:
        self.path = path
        self.location = str(path)
        self.timeout = timeout
        self._lock = threading.RLock()
        self._check_file()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            raise StorageError(
                f"history store {path}: {path.parent} exists and is not a directory"
            ) from None
        except OSError as exc:
            raise StorageError(
                f"history store {path}: cannot create its folder: {exc.strerror}"
            ) from None
        if str(path) != ":memory:":
            # Created 0600 up front: SQLite gives its -wal/-shm files the database's mode.
            try:
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            except FileExistsError:
                pass
            except OSError as exc:
                raise StorageError(
                    f"history store {path} cannot be created: {exc.strerror}"
                ) from None
        try:
            self._conn = sqlite3.connect(
                path, timeout=timeout, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise self._error(exc) from None
        self._retrying(self._setup)

    def _check_file(self) -> None:
        # sqlite would refuse a foreign file too, but only at the first query and with a vague
        # message; checking the header names the file before anything can write next to it.
        try:
            with self.path.open("rb") as fh:
                head = fh.read(len(SQLITE_MAGIC))
        except (FileNotFoundError, NotADirectoryError):
            return  # nothing there yet (a bad folder is reported when we create it)
        except IsADirectoryError:
            raise StorageError(
                f"history store {self.path} is a directory, not a database file"
            ) from None
        except OSError as exc:
            raise StorageError(
                f"history store {self.path} cannot be read: {exc.strerror}"
            ) from None
        if head and head != SQLITE_MAGIC:
            raise StorageError(self._corrupt_message())

    def _corrupt_message(self) -> str:
        return (
            f"history store {self.path} is not a valid SQLite database (corrupted or foreign "
            f"file); move it aside or repair it - flexorch will not replace it"
        )

    def _setup(self) -> None:
        with self._lock:
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.execute("PRAGMA foreign_keys=ON")

    def _retrying(self, fn: Callable[[], T]) -> T:
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                return fn()
            except sqlite3.Error as exc:
                if _sqlite_busy(exc) and time.monotonic() < deadline:
                    time.sleep(random.uniform(0.005, 0.05))  # jitter: writers do not retry in step
                    continue
                raise self._error(exc) from None

    def run(self, fn: Callable[[Cursor], T], *, write: bool) -> T:
        """Run ``fn`` in one transaction (``BEGIN IMMEDIATE`` for writes), retrying while busy."""

        def attempt() -> T:
            with self._lock:
                cur = self._conn.cursor()
                cur.execute("BEGIN IMMEDIATE" if write else "BEGIN")
                try:
                    result = fn(cur)
                    cur.execute("COMMIT")
                except BaseException:
                    self._rollback()
                    raise
                return result

        return self._retrying(attempt)

    def _rollback(self) -> None:
        # The failed statement may have rolled the transaction back already (SQLITE_FULL).
        if self._conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("ROLLBACK")

    def _error(self, exc: sqlite3.Error) -> StorageError:
        name = getattr(exc, "sqlite_errorname", "") or ""
        where = f"history store {self.path}"
        if _sqlite_busy(exc):
            return StorageError(f"{where} is locked by another process (waited {self.timeout:g} s)")
        if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
            return StorageError(self._corrupt_message())
        if name.startswith("SQLITE_FULL"):
            return StorageError(f"{where}: database or disk is full")
        if name.startswith("SQLITE_CANTOPEN"):
            return StorageError(f"{where} cannot be opened (folder missing or not writable)")
        if name.startswith("SQLITE_READONLY"):
            return StorageError(f"{where} is read-only")
        return StorageError(f"{where}: {exc}")

    def sql(self, statement: str) -> str:
        """The statement with this driver's placeholders (the store writes ``?``)."""
        return statement

    def insert_id(self, cur: Cursor, sql: str, params: tuple[Any, ...]) -> int:
        cur.execute(sql, params)
        return int(cur.lastrowid)  # type: ignore[attr-defined]

    def json_in(self, value: Any) -> Any:
        return json.dumps(value, separators=(",", ":"), default=str)

    def json_out(self, value: Any) -> Any:
        return json.loads(value) if isinstance(value, str) else value

    def ts_in(self, value: datetime) -> Any:
        # Fixed-width UTC ISO text sorts like the instant it names.
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")

    def ts_out(self, value: Any) -> datetime:
        return datetime.fromisoformat(value)

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def _sqlite_busy(exc: sqlite3.Error) -> bool:
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED"))


# --- PostgreSQL ---------------------------------------------------------------------------------


class PostgresBackend:
    """PostgreSQL through psycopg 3; thread-safe (one connection behind a lock)."""

    kind = "postgres"

    def __init__(self, target: DbTarget | str, timeout: float) -> None:
        """``target``: a parsed URL (``flexorch.history.url``), or a URL to parse."""
        # Imported here so SQLite users never load psycopg.
        import psycopg
        import psycopg.conninfo
        import psycopg.types.json

        if isinstance(target, str):
            target = parse_db_url(target)
        self._pg = psycopg
        # the password was registered with the masker when the URL was parsed, so mask()
        # hides it in every driver message from here on
        self._params = target.params
        self.location = target.location
        self.timeout = timeout
        self._lock = threading.RLock()
        self._conn: Any = None
        self._conn = self._connect()

    def _connect(self) -> Any:
        try:
            # keyword parameters, never a URL: libpq does not re-split what the URL parser
            # took apart (a password with '@' or '/' stays one value)
            params = {"connect_timeout": str(max(1, round(self.timeout))),
                      "application_name": "flexorch", **self._params}
            conn = self._pg.connect(self._pg.conninfo.make_conninfo("", **params),
                                    autocommit=True)
            conn.execute(f"SET lock_timeout = {int(self.timeout * 1000)}")
        except self._pg.Error as exc:
            raise self._error(exc, connecting=True) from None
        return conn

    def run(self, fn: Callable[[Cursor], T], *, write: bool) -> T:
        """Run ``fn`` in one transaction; reconnect once if the server dropped the session."""
        pg = self._pg
        for attempt in (1, 2):
            with self._lock:
                try:
                    if self._conn.closed or self._conn.broken:
                        self._conn = self._connect()
                    with self._conn.transaction(), self._conn.cursor() as cur:
                        return fn(cur)
                except StorageError:
                    raise
                except pg.OperationalError as exc:
                    if attempt == 1 and (self._conn.closed or self._conn.broken):
                        log.warning("history store %s: connection lost; reconnecting",
                                    self.location)
                        continue
                    raise self._error(exc) from None
                except pg.Error as exc:
                    raise self._error(exc) from None
        raise AssertionError("unreachable")  # pragma: no cover

    def _error(self, exc: Exception, *, connecting: bool = False) -> StorageError:
        pgerr = self._pg.errors
        first = mask(str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__)
        where = f"history store {self.location}"
        if connecting:
            return StorageError(f"{where} is unreachable: {first}")
        if isinstance(exc, pgerr.DiskFull):
            return StorageError(f"{where}: disk is full ({first})")
        if isinstance(exc, pgerr.LockNotAvailable):  # our lock_timeout expired
            return StorageError(f"{where} is locked by another session (waited {self.timeout:g} s)")
        if isinstance(exc, pgerr.InsufficientPrivilege):
            return StorageError(f"{where}: permission denied ({first})")
        if self._conn is None or self._conn.closed or self._conn.broken:
            return StorageError(f"{where} is unreachable: {first}")
        return StorageError(f"{where}: {first}")

    def sql(self, statement: str) -> str:
        """The statement with this driver's placeholders (the store writes ``?``)."""
        return statement.replace("?", "%s")

    def insert_id(self, cur: Cursor, sql: str, params: tuple[Any, ...]) -> int:
        cur.execute(sql + " RETURNING id", params)
        return int(cur.fetchone()[0])

    def json_in(self, value: Any) -> Any:
        return self._pg.types.json.Jsonb(value)

    def json_out(self, value: Any) -> Any:
        return json.loads(value) if isinstance(value, str) else value

    def ts_in(self, value: datetime) -> Any:
        return value.astimezone(UTC)

    def ts_out(self, value: Any) -> datetime:
        if isinstance(value, datetime):
            return value.astimezone(UTC)
        return datetime.fromisoformat(value)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
