"""No secret ever lands in the store: checked on the raw bytes of the database files."""

from __future__ import annotations

import subprocess
from pathlib import Path

import psycopg
import pytest
from pg import PostgresServer

from flexorch.history import HostRecord, Store, open_store
from flexorch.secrets import SecretRef

RESOLVED = "Hx7-history-psk-0b1c2d3e"  # resolved through a SecretRef -> registered for masking
UNREGISTERED = "PlainPsk-by-syntax-99"  # never registered: masked by IOS line syntax only
MARKER = "spoke-mask-check-7"  # positive control: must be found where the secrets are not


def write_secret_laden_run(store: Store, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv("FLEXORCH_TEST_HISTORY_PSK", RESOLVED)
    psk = SecretRef(env="FLEXORCH_TEST_HISTORY_PSK").resolve()
    run_id = store.start_run("rollout", "hub1", None, {"psk": psk, "note": f"key {psk}"})
    store.record_host(run_id, HostRecord(
        host=MARKER, step="push", status="failed",
        message=f"% Invalid input near '{psk}'",
        lines_sent=(
            "crypto ikev2 keyring KR",
            " peer hub",
            f"  pre-shared-key {psk}",
            f"  pre-shared-key local {UNREGISTERED}",
        ),
        verification=[{"tunnel": "Tunnel1", "check": "auth", "expected": psk, "observed": "x",
                       "ok": False}],
        drift=[{"kind": "config", "section": "crypto ikev2 keyring KR",
                "line": f"  pre-shared-key {UNREGISTERED}", "change": "changed",
                "detail": f"was {psk}"}],
    ))
    store.finish_run(run_id, "failed", {"last_line": f"pre-shared-key {psk}"})
    return run_id


def assert_clean(blob: bytes) -> None:
    assert MARKER.encode() in blob, "positive control: the host record must be in the bytes read"
    assert RESOLVED.encode() not in blob
    assert UNREGISTERED.encode() not in blob


def test_sqlite_files_never_contain_a_secret(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "history.sqlite3"
    with open_store(str(path)) as store:
        run_id = write_secret_laden_run(store, monkeypatch)
        host = store.get_run(run_id).hosts[0]
        assert "  pre-shared-key ******" in host.lines_sent
        assert "  pre-shared-key local ******" in host.lines_sent
        # Read while open: the database file plus its write-ahead log.
        assert_clean(b"".join(p.read_bytes() for p in tmp_path.glob("history.sqlite3*")))
    assert_clean(path.read_bytes())  # after close the WAL is folded into the file


@pytest.mark.postgres
def test_postgres_rows_and_data_files_never_contain_a_secret(
    postgres_server: PostgresServer, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(postgres_url) as store:
        write_secret_laden_run(store, monkeypatch)
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT row_to_json(r)::text FROM runs r UNION ALL "
            "SELECT row_to_json(h)::text FROM run_hosts h"
        ).fetchall()
        conn.execute("CHECKPOINT")  # heap pages and WAL reach the data directory
    assert_clean("\n".join(r[0] for r in rows).encode())
    assert postgres_server.dir is not None
    # Every file of the cluster (heap, WAL), read as raw bytes: grep exits 0 on a match.
    data = str(postgres_server.dir / "data")
    found = subprocess.run(["grep", "-rlaF", RESOLVED, data], capture_output=True, check=False)
    assert found.returncode == 1, found.stdout
    found = subprocess.run(["grep", "-rlaF", UNREGISTERED, data], capture_output=True, check=False)
    assert found.returncode == 1, found.stdout
    control = subprocess.run(["grep", "-rlaF", MARKER, data], capture_output=True, check=False)
    assert control.returncode == 0
