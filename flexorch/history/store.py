"""The run history store: one API over SQLite and PostgreSQL (see the package docstring)."""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from types import TracebackType
from typing import Any

from flexorch.errors import BadInputError
from flexorch.history.backends import (
    Backend,
    Cursor,
    PostgresBackend,
    SqliteBackend,
    ensure_schema,
)
from flexorch.history.liveness import is_alive, this_process
from flexorch.history.migrations import LATEST
from flexorch.history.models import OUTCOMES, HostRecord, Masker, RunDetail, RunSummary
from flexorch.history.url import DbTarget, check_env_ssl, parse_db_url
from flexorch.paths import state_dir
from flexorch.secrets import mask, mask_data

DEFAULT_TIMEOUT_S = 15.0
DB_FILENAME = "history.sqlite3"

_RUN_COLUMNS = ("id, command, site, username, args, started_at, finished_at, outcome, summary, pid,"
                " machine, process_started")
_HOST_COLUMNS = (
    "host, step, status, message, role, lines_sent, verification, drift, backup_path, after_sha256"
)
_UPSERT_HOST = (
    "INSERT INTO run_hosts (run_id, host, step, status, message, role, lines_sent, verification,"
    " drift, backup_path, after_sha256, updated_at, seq)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
    " (SELECT COALESCE(MAX(seq), 0) + 1 FROM run_hosts WHERE run_id = ?))"
    " ON CONFLICT (run_id, host) DO UPDATE SET step = excluded.step, status = excluded.status,"
    " message = excluded.message, role = excluded.role, lines_sent = excluded.lines_sent,"
    " verification = excluded.verification, drift = excluded.drift,"
    " backup_path = excluded.backup_path, after_sha256 = excluded.after_sha256,"
    " updated_at = excluded.updated_at"
)


class UnknownRunError(BadInputError):
    """No run with that id in the store."""


def resolve_url(url: str | None = None) -> str:
    """The database to use: ``url``, else ``$FLEXORCH_DB``, else the state-dir SQLite file."""
    if url:
        return url
    env = os.environ.get("FLEXORCH_DB", "").strip()
    return env or str(state_dir() / DB_FILENAME)


def db_target(url: str | None = None, source: str | None = None) -> DbTarget:
    """The parsed database URL (``resolve_url``), checked without connecting: a malformed URL,
    an unsupported kind or a bad ``FLEXORCH_DB_TIMEOUT`` / ``PGSSLMODE`` raise BadInputError
    (exit 2). Commands call this first, before any router is touched."""
    chosen = resolve_url(url)
    if source is None:
        source = "--db" if url else ("FLEXORCH_DB" if os.environ.get("FLEXORCH_DB", "").strip()
                                     else "database")
    _env_timeout()
    check_env_ssl()
    return parse_db_url(chosen, source)


def open_store(url: str | None = None, *, timeout: float | None = None) -> Store:
    """Open (creating and migrating as needed) the history store.

    ``url``: ``None`` -> ``$FLEXORCH_DB`` if set, else ``state_dir()/history.sqlite3``;
    ``postgresql://user:pass@host:port/db`` (or ``postgres://``) -> PostgreSQL;
    ``sqlite:///abs/path``, ``sqlite:relative/path`` or a plain path -> that SQLite file
    (``flexorch.history.url``). ``timeout`` (seconds; default ``$FLEXORCH_DB_TIMEOUT`` or 15)
    bounds waiting for a lock and for connecting.

    Raises BadInputError (exit 2) for a malformed URL or one of another kind, StorageError
    (exit 1) when the database is locked, full, unreachable, corrupted or newer than this
    flexorch.
    """
    target = db_target(url)
    wait = timeout if timeout is not None else _env_timeout()
    backend: Backend
    if target.kind == "postgres":
        backend = PostgresBackend(target, wait)
    else:
        assert target.path is not None
        backend = SqliteBackend(target.path, wait)
    try:
        ensure_schema(backend)
    except BaseException:
        backend.close()
        raise
    return Store(backend)


def _env_timeout() -> float:
    raw = os.environ.get("FLEXORCH_DB_TIMEOUT", "").strip()
    if not raw:
        return DEFAULT_TIMEOUT_S
    try:
        value = float(raw)
    except ValueError:
        raise BadInputError(f"FLEXORCH_DB_TIMEOUT={raw!r} is not a number of seconds") from None
    if value <= 0:
        raise BadInputError(f"FLEXORCH_DB_TIMEOUT={raw!r} must be positive")
    return value


class Store:
    """Run history: one row per run, one record per host of the run. Thread-safe.

    Every string handed in is masked before it is written. Methods raise StorageError on a
    database fault and UnknownRunError (exit 2) for a run id the store does not hold.
    """

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self.location = backend.location

    # -- writing --------------------------------------------------------------------------------

    def start_run(
        self, command: str, site: str | None = None, user: str | None = None,
        args: dict[str, Any] | None = None, *, started_at: datetime | None = None,
    ) -> int:
        """Record the start of a run; returns its id (an increasing integer). ``started_at``:
        when the run really began, for commands that record once their work is done. The run
        records this process (pid, machine, start time): a run whose process dies before
        ``finish_run`` is then told apart from one still going on (``RunSummary.state``)."""
        b = self.backend
        me = this_process()
        params = (
            mask(command), mask(site) if site is not None else None, mask(user or _current_user()),
            b.json_in(mask_data(args or {})), b.ts_in(started_at or datetime.now(UTC)),
            b.json_in({}), me.pid, me.machine, me.started,
        )
        sql = b.sql(
            "INSERT INTO runs (command, site, username, args, started_at, summary, pid, machine,"
            " process_started) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
        )
        return b.run(lambda cur: b.insert_id(cur, sql, params), write=True)

    def record_host(self, run_id: int, record: HostRecord) -> None:
        """Record what run ``run_id`` did to a host (upsert: the latest record of a host wins)."""
        self.record_hosts(run_id, (record,))

    def record_hosts(self, run_id: int, records: Iterable[HostRecord]) -> None:
        """``record_host`` for many hosts in one transaction."""
        b = self.backend
        now = b.ts_in(datetime.now(UTC))
        masker = Masker()
        rows = []
        for record in records:
            r = record.masked_data(masker)
            rows.append((
                run_id, r["host"], r["step"], r["status"], r["message"], r["role"],
                b.json_in(r["lines_sent"]), b.json_in(r["verification"]), b.json_in(r["drift"]),
                r["backup_path"], r["after_sha256"], now, run_id,
            ))
        sql = b.sql(_UPSERT_HOST)

        def write(cur: Cursor) -> None:
            self._require_run(cur, run_id)
            if len(rows) == 1:
                cur.execute(sql, rows[0])
            elif rows:
                cur.executemany(sql, rows)

        b.run(write, write=True)

    def finish_run(self, run_id: int, outcome: str, summary: dict[str, Any] | None = None) -> None:
        """Record the end of a run: ``outcome`` is one of ok, changes, drift, failed, error,
        interrupted; ``summary`` is free-form JSON data (masked)."""
        if outcome not in OUTCOMES:
            raise BadInputError(f"run outcome {outcome!r} is not one of {', '.join(OUTCOMES)}")
        b = self.backend
        params = (b.ts_in(datetime.now(UTC)), outcome, b.json_in(mask_data(summary or {})), run_id)
        sql = b.sql("UPDATE runs SET finished_at = ?, outcome = ?, summary = ? WHERE id = ?")

        def write(cur: Cursor) -> None:
            self._require_run(cur, run_id)
            cur.execute(sql, params)

        b.run(write, write=True)

    def _require_run(self, cur: Cursor, run_id: int) -> None:
        cur.execute(self.backend.sql("SELECT 1 FROM runs WHERE id = ?"), (run_id,))
        if cur.fetchone() is None:
            raise UnknownRunError(f"no run {run_id} in history store {self.location}")

    # -- reading --------------------------------------------------------------------------------

    def list_runs(
        self, site: str | None = None, command: str | None = None, limit: int | None = 20
    ) -> list[RunSummary]:
        """Most recent runs first, optionally only of one site and/or command."""
        if limit is not None and limit < 1:
            raise BadInputError(f"--limit must be at least 1 (got {limit})")
        b = self.backend
        where, params = _filters(site, command)
        sql = f"SELECT {_RUN_COLUMNS} FROM runs{where} ORDER BY id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)

        def read(cur: Cursor) -> list[RunSummary]:
            cur.execute(b.sql(sql), tuple(params))
            rows = cur.fetchall()
            counts = self._status_counts(cur, [int(r[0]) for r in rows])
            return [RunSummary(**self._run_fields(r), host_statuses=counts.get(int(r[0]), {}))
                    for r in rows]

        return b.run(read, write=False)

    def get_run(self, run_id: int) -> RunDetail:
        """One run with all its host records; UnknownRunError when there is no such run."""
        b = self.backend

        def read(cur: Cursor) -> RunDetail:
            cur.execute(b.sql(f"SELECT {_RUN_COLUMNS} FROM runs WHERE id = ?"), (run_id,))
            row = cur.fetchone()
            if row is None:
                raise UnknownRunError(f"no run {run_id} in history store {self.location}")
            cur.execute(
                b.sql(f"SELECT {_HOST_COLUMNS} FROM run_hosts WHERE run_id = ? ORDER BY seq, host"),
                (run_id,),
            )
            hosts = tuple(self._host(h) for h in cur.fetchall())
            counts: dict[str, int] = {}
            for h in hosts:
                counts[h.status] = counts.get(h.status, 0) + 1
            return RunDetail(**self._run_fields(row), host_statuses=counts, hosts=hosts)

        return b.run(read, write=False)

    def last_run(
        self, site: str | None, command: str, *, finished: bool = True
    ) -> RunDetail | None:
        """The latest run of ``command`` on ``site`` (any site when None), with its hosts.

        With ``finished`` (default) runs still going on, or whose process died, are skipped.
        """
        b = self.backend
        where, params = _filters(site, command)
        if finished:
            where += " AND outcome IS NOT NULL"

        def read(cur: Cursor) -> int | None:
            cur.execute(b.sql(f"SELECT MAX(id) FROM runs{where}"), tuple(params))
            found = cur.fetchone()[0]
            return int(found) if found is not None else None

        run_id = b.run(read, write=False)
        return self.get_run(run_id) if run_id is not None else None

    def unfinished_runs(self, site: str | None = None,
                        command: str | None = None) -> list[RunDetail]:
        """Runs never finished (oldest first), with their hosts: going on, or abandoned
        (``RunDetail.state`` tells which)."""
        b = self.backend
        where, params = _filters(site, command)

        def read(cur: Cursor) -> list[int]:
            cur.execute(b.sql(f"SELECT id FROM runs{where} AND outcome IS NULL ORDER BY id"),
                        tuple(params))
            return [int(row[0]) for row in cur.fetchall()]

        return [self.get_run(run_id) for run_id in b.run(read, write=False)]

    def mark_abandoned(self, run: RunDetail) -> None:
        """Record that ``run``'s process died before finishing it: outcome ``abandoned``, the
        hosts it had touched and their last known state in the summary. Only a run still
        unfinished is changed (another process may have marked it first)."""
        summary = {**run.summary, "abandoned": True, "pid": run.pid, "machine": run.machine,
                   "hosts": {h.host: f"{h.status} at {h.step}" for h in run.hosts}}
        b = self.backend
        params = (b.ts_in(datetime.now(UTC)), b.json_in(mask_data(summary)), run.id)
        sql = b.sql("UPDATE runs SET finished_at = ?, outcome = 'abandoned', summary = ?"
                    " WHERE id = ? AND outcome IS NULL")
        b.run(lambda cur: cur.execute(sql, params), write=True)

    def schema_version(self) -> int:
        """The schema version of the database (``LATEST`` once opened)."""

        def read(cur: Cursor) -> int:
            cur.execute("SELECT MAX(version) FROM schema_version")
            return int(cur.fetchone()[0])

        return self.backend.run(read, write=False)

    def _status_counts(self, cur: Cursor, ids: Sequence[int]) -> dict[int, dict[str, int]]:
        counts: dict[int, dict[str, int]] = {}
        if not ids:
            return counts
        cur.execute(
            self.backend.sql(
                "SELECT run_id, status, COUNT(*) FROM run_hosts WHERE run_id >= ? AND run_id <= ?"
                " GROUP BY run_id, status"
            ),
            (min(ids), max(ids)),
        )
        wanted = set(ids)
        for run_id, status, n in cur.fetchall():
            if int(run_id) in wanted:
                counts.setdefault(int(run_id), {})[status] = int(n)
        return counts

    def _run_fields(self, row: Sequence[Any]) -> dict[str, Any]:
        b = self.backend
        pid = int(row[9]) if row[9] is not None else None
        return {
            "id": int(row[0]), "command": row[1], "site": row[2], "user": row[3],
            "args": b.json_out(row[4]), "started_at": b.ts_out(row[5]),
            "finished_at": b.ts_out(row[6]) if row[6] is not None else None,
            "outcome": row[7], "summary": b.json_out(row[8]), "pid": pid, "machine": row[10],
            "process_started": row[11],
            "alive": is_alive(pid, row[10], row[11]) if row[7] is None else None,
        }

    def _host(self, row: Sequence[Any]) -> HostRecord:
        b = self.backend
        return HostRecord.model_validate({
            "host": row[0], "step": row[1], "status": row[2], "message": row[3], "role": row[4],
            "lines_sent": b.json_out(row[5]), "verification": b.json_out(row[6]),
            "drift": b.json_out(row[7]), "backup_path": row[8], "after_sha256": row[9],
        })

    # -- lifetime -------------------------------------------------------------------------------

    def close(self) -> None:
        """Close the database connection."""
        self.backend.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _filters(site: str | None, command: str | None) -> tuple[str, list[Any]]:
    clauses, params = ["1 = 1"], []
    if site is not None:
        clauses.append("site = ?")
        params.append(site)
    if command is not None:
        clauses.append("command = ?")
        params.append(command)
    return " WHERE " + " AND ".join(clauses), params


def _current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers) and no LOGNAME/USER
        return f"uid{os.getuid()}"


__all__ = ["LATEST", "Store", "UnknownRunError", "open_store", "resolve_url"]
