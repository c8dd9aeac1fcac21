"""Versioned migrations: an older database is migrated with its data, a newer one refused."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import psycopg
import pytest

from flexorch.errors import StorageError
from flexorch.history import HostRecord, open_store
from flexorch.history.backends import PostgresBackend, SqliteBackend, ensure_schema
from flexorch.history.migrations import LATEST, MIGRATIONS

# A run and a host row as version 1 of the schema stored them (written by hand, v1 columns only).
V1_RUN = ("INSERT INTO runs (command, site, username, args, started_at, finished_at, outcome,"
          " summary) VALUES ('rollout', 'hub1', 'bob', '{\"batch_size\": 5}',"
          " '2024-05-01T10:00:00.000000+00:00', '2024-05-01T10:02:00.000000+00:00', 'ok', '{}')")
V1_HOST = ("INSERT INTO run_hosts (run_id, host, step, status, message, lines_sent, verification,"
           " drift, backup_path, updated_at) VALUES (1, 'spoke1', 'done', 'changed', '',"
           " '[\"crypto ikev2 proposal P\"]', '[]', '[]', '/b/spoke1.cfg',"
           " '2024-05-01T10:01:00.000000+00:00')")


def sqlite_exec(path: Path, *statements: str) -> list[tuple[object, ...]]:
    """Run statements in one committed transaction; rows of the last one."""
    with closing(sqlite3.connect(path)) as conn, conn:
        rows: list[tuple[object, ...]] = []
        for statement in statements:
            rows = conn.execute(statement).fetchall()
    return rows


def test_migrations_are_numbered_from_one_without_gaps() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))
    assert LATEST == len(MIGRATIONS) >= 2
    for m in MIGRATIONS:
        assert m.sqlite and m.postgres and m.description


def check_migrated(url: str) -> None:
    with open_store(url) as store:
        assert store.schema_version() == LATEST
        run = store.get_run(1)
        assert (run.command, run.site, run.user, run.outcome) == ("rollout", "hub1", "bob", "ok")
        assert run.args == {"batch_size": 5}
        assert run.duration_s == 120.0
        (old,) = run.hosts
        assert (old.host, old.status, old.role, old.lines_sent, old.backup_path) == (
            "spoke1", "changed", None, ("crypto ikev2 proposal P",), "/b/spoke1.cfg")
        # The new columns work on the migrated database.
        store.record_host(1, HostRecord(host="hub1-r1", role="hub", step="done", status="ok"))
        assert [(h.host, h.role) for h in store.get_run(1).hosts] == [
            ("spoke1", None), ("hub1-r1", "hub")]


def test_sqlite_v1_database_is_migrated_keeping_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    backend = SqliteBackend(path, timeout=5)
    assert ensure_schema(backend, target=1) == 0
    backend.close()
    assert sqlite_exec(path, "SELECT MAX(version) FROM schema_version") == [(1,)]
    sqlite_exec(path, V1_RUN, V1_HOST)
    check_migrated(str(path))
    versions = sqlite_exec(path, "SELECT version FROM schema_version ORDER BY 1")
    assert versions == [(v,) for v in range(1, LATEST + 1)]


@pytest.mark.postgres
def test_postgres_v1_database_is_migrated_keeping_its_data(postgres_url: str) -> None:
    backend = PostgresBackend(postgres_url, timeout=5)
    assert ensure_schema(backend, target=1) == 0
    backend.close()
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(V1_RUN)
        conn.execute(V1_HOST)
    check_migrated(postgres_url)


def test_database_newer_than_the_code_is_refused(db_url: str, tmp_path: Path) -> None:
    with open_store(db_url) as store:
        store.start_run("drift", "hub1")
        location = store.location
    future = LATEST + 7
    sql = ("INSERT INTO schema_version (version, description, applied_at) "
           f"VALUES ({future}, 'from the future', '2099-01-01T00:00:00+00:00')")
    if db_url.startswith("postgresql"):
        with psycopg.connect(db_url, autocommit=True) as pconn:
            pconn.execute(sql)
    else:
        sqlite_exec(Path(db_url), sql)
    with pytest.raises(StorageError) as err:
        open_store(db_url)
    message = str(err.value)
    assert location in message
    assert f"schema version {future}" in message and "newer" in message
