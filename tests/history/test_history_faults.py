"""Database faults: corrupted, full, unreachable, bad URL - one clear line, nothing replaced."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import psycopg
import pytest
from pg import PostgresServer, free_port

from flexorch.errors import BadInputError, StorageError
from flexorch.history import HostRecord, RunRecorder, open_store, safe_record

GARBAGE = bytes(range(256)) * 32  # 8 KiB that is no SQLite file


def files_of(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.parent.iterdir())}


def test_garbage_file_is_named_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    path.write_bytes(GARBAGE)
    before = files_of(path)
    with pytest.raises(StorageError) as err:
        open_store(str(path))
    assert str(err.value) == (
        f"history store {path} is not a valid SQLite database (corrupted or foreign file); "
        "move it aside or repair it - flexorch will not replace it"
    )
    assert "\n" not in str(err.value)
    assert files_of(path) == before  # same bytes, and no -wal/-shm created beside it


def test_database_with_damaged_pages_is_detected_and_named(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with open_store(str(path)) as store:
        run_id = store.start_run("rollout", "hub1")
        store.record_hosts(run_id, [HostRecord(host=f"h{i}", step="done", status="ok",
                                               message="x" * 200) for i in range(100)])
    assert not Path(f"{path}-wal").exists()  # closed cleanly: everything is in the main file
    with sqlite3.connect(path) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    assert len(data) > 4 * page_size
    data[page_size:] = b"\xa5" * (len(data) - page_size)  # keep page 1 (header + schema) only
    path.write_bytes(bytes(data))
    with pytest.raises(StorageError, match="is not a valid SQLite database") as err:
        open_store(str(path)).list_runs()
    assert str(path) in str(err.value)
    assert path.read_bytes() == bytes(data)


def test_full_database_is_a_storage_error_and_recorder_carries_on(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "history.sqlite3"
    with open_store(str(path)) as store:
        # Cap the file at its current size: SQLite's own SQLITE_FULL, as on a full disk.
        # (A private handle: the store has no public knob for this, on purpose.)
        pages = store.backend._conn.execute("PRAGMA page_count").fetchone()[0]  # type: ignore[attr-defined]
        store.backend._conn.execute(f"PRAGMA max_page_count = {pages}")  # type: ignore[attr-defined]
        run_id = store.start_run("rollout", "hub1")
        big = [HostRecord(host=f"h{i}", step="done", status="ok", message="y" * 2000)
               for i in range(50)]
        with pytest.raises(StorageError) as err:
            store.record_hosts(run_id, big)
        assert str(err.value) == f"history store {path}: database or disk is full"
        # The failed transaction left nothing half-written and the store is still readable.
        assert store.get_run(run_id).hosts == ()
        # What a command does: its recorder warns once and lets the command finish.
        with RunRecorder("rollout", "hub1", store=store) as rec:
            rec.hosts(big)
            rec.host(big[0])
            rec.finish("ok")
        assert rec.error == f"history store {path}: database or disk is full"
        warnings = [r for r in caplog.records if "run history not recorded" in r.getMessage()]
        assert len(warnings) == 1
        assert safe_record(store.record_hosts, run_id, big) is None


def test_unwritable_location_is_named(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    with pytest.raises(StorageError) as err:
        open_store(str(blocker / "h.sqlite3"))
    assert str(err.value) == (
        f"history store {blocker}/h.sqlite3: {blocker} exists and is not a directory")
    with pytest.raises(StorageError, match="is a directory"):
        open_store(str(tmp_path))


@pytest.mark.parametrize("url", ["mysql://root:hunter2secret@db/flexorch", "redis://x", "http://h/"])
def test_unsupported_url_is_bad_input_without_the_password(url: str) -> None:
    with pytest.raises(BadInputError, match="is not supported") as err:
        open_store(url)
    assert err.value.exit_code == 2
    assert "hunter2secret" not in str(err.value)


def test_unreachable_postgres_names_the_url_but_never_the_password() -> None:
    port = free_port()  # nothing listens there
    url = f"postgresql://flexorch:Pw-unreach-5150@127.0.0.1:{port}/history"
    with pytest.raises(StorageError) as err:
        open_store(url, timeout=2)
    message = str(err.value)
    assert message.startswith(
        f"history store postgresql://flexorch:******@127.0.0.1:{port}/history is unreachable: ")
    assert "Connection refused" in message or "connection refused" in message
    assert "Pw-unreach-5150" not in message
    assert err.value.exit_code == 1
    # A command's recorder swallows it.
    rec = RunRecorder("verify", "hub1", url=url)
    assert rec.run_id is None and rec.error == message


@pytest.mark.postgres
def test_postgres_session_dropped_by_the_server_is_reconnected(postgres_url: str) -> None:
    with open_store(postgres_url) as store:
        run_id = store.start_run("drift", "hub1")
        with psycopg.connect(postgres_url, autocommit=True) as admin:
            killed = admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = 'flexorch' AND pid <> pg_backend_pid()").fetchall()
        assert killed == [(True,)]
        store.record_host(run_id, HostRecord(host="spoke1", step="done", status="clean"))
        assert store.get_run(run_id).host_statuses == {"clean": 1}


@pytest.mark.postgres
def test_postgres_server_gone_mid_run_is_a_storage_error() -> None:
    with PostgresServer() as server:
        url = server.create_database("gone")
        store = open_store(url, timeout=2)
        run_id = store.start_run("rollout", "hub1")
        rec = RunRecorder("rollout", "hub1", store=store)
        server.stop()
        with pytest.raises(StorageError, match=r"is unreachable: ") as err:
            store.record_host(run_id, HostRecord(host="h1", step="push", status="failed"))
        assert server.password not in str(err.value)
        rec.host(HostRecord(host="h1", step="push", status="failed"))
        rec.finish("failed")
        assert rec.error is not None and "unreachable" in rec.error
        store.close()
