"""History-store write throughput for 10,000 host records, with a baseline in the same run.

    .venv/bin/python tests/bench/bench_history.py [--records N] [--no-postgres]

Each record looks like a rollout host: 12 config lines sent (one carries a PSK), 6 verification
checks, 2 drift findings, a backup path. For SQLite, and for PostgreSQL when a local server can
be started (tests/pg.py; durable settings: fsync and synchronous_commit on), it prints:

- store.record_hosts in batches of 500 vs the baseline: raw DB-API ``executemany`` of the same
  rows (already masked and JSON-encoded, outside the timing) into the same table in one
  transaction per batch;
- store.record_host, one transaction per record (what a command does as hosts finish) vs the
  baseline: raw single-row INSERT + COMMIT per record.

The difference to the baseline is flexorch's own work: masking every string, validating the
record, JSON encoding, the upsert and the recording-order subquery, the run-exists check.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))  # tests/pg.py starts the throwaway PostgreSQL server

from flexorch.history import HostRecord, Store, open_store  # noqa: E402
from flexorch.secrets import register_secret  # noqa: E402

BATCH = 500
PSK = "Bench-psk-value-0123456789"


def make_records(n: int) -> list[HostRecord]:
    register_secret(PSK)
    records = []
    for i in range(n):
        host = f"spoke{i:05d}"
        lines = [
            "crypto ikev2 proposal PROP-AES256", " encryption aes-cbc-256", " integrity sha512",
            " group 19", "crypto ikev2 keyring FLEX-KR", " peer hubs", "  address 0.0.0.0 0.0.0.0",
            f"  pre-shared-key {PSK}", "interface Tunnel1", " ip mtu 1400",
            " tunnel protection ipsec profile FLEX-IPSEC", "end",
        ]
        checks = [
            {"tunnel": "Tunnel1", "peer": "hub1-r1", "check": name, "expected": value,
             "observed": value, "ok": True}
            for name, value in [("peer", "present"), ("status", "READY"),
                                ("suite", "AES-CBC-256/SHA512/DH19"), ("fragmentation", "ietf"),
                                ("sgt", "enabled"), ("nat_t", "not-detected")]
        ]
        drift = [
            {"kind": "config", "section": "crypto ikev2 profile FLEX",
             "line": " dpd 10 2 on-demand", "change": "missing"},
            {"kind": "operational", "section": "Tunnel1 to hub1-r1", "line": "sgt",
             "change": "changed", "detail": "expected enabled, observed disabled"},
        ]
        records.append(HostRecord(host=host, role="spoke", step="done", status="changed",
                                  lines_sent=tuple(lines), verification=checks, drift=drift,
                                  backup_path=f"/var/lib/flexorch/backups/run-1/{host}.cfg"))
    return records


def raw_rows(store: Store, run_id: int, records: list[HostRecord]) -> list[tuple[Any, ...]]:
    """The rows the store writes, prepared in advance (masked, encoded) for the baseline."""
    b = store.backend
    now = b.ts_in(datetime.now(UTC))
    rows = []
    for seq, record in enumerate(records, 1):
        r = record.masked()
        rows.append((run_id, r.host, r.step, r.status, r.message, r.role,
                     b.json_in(list(r.lines_sent)),
                     b.json_in([c.model_dump(mode="json") for c in r.verification]),
                     b.json_in([d.model_dump(mode="json") for d in r.drift]),
                     r.backup_path, now, seq))
    return rows


INSERT = ("INSERT INTO run_hosts (run_id, host, step, status, message, role, lines_sent,"
          " verification, drift, backup_path, updated_at, seq)"
          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def timed(fn: Callable[[], None]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def bench_backend(name: str, url: str, records: list[HostRecord]) -> list[tuple[str, str, float]]:
    n = len(records)
    results: list[tuple[str, str, float]] = []
    with open_store(url) as store:
        b = store.backend
        sql = b.sql(INSERT)

        # Batches: raw executemany baseline vs store.record_hosts.
        base_run = store.start_run("bench-baseline", "bench")
        rows = raw_rows(store, base_run, records)

        def raw_batches() -> None:
            for i in range(0, n, BATCH):
                chunk = rows[i:i + BATCH]
                b.run(lambda cur, chunk=chunk: cur.executemany(sql, chunk), write=True)

        results.append((name, f"baseline: raw executemany, {BATCH} rows/txn", timed(raw_batches)))
        run = store.start_run("bench", "bench")

        def store_batches() -> None:
            for i in range(0, n, BATCH):
                store.record_hosts(run, records[i:i + BATCH])

        results.append((name, f"store.record_hosts, {BATCH} records/call", timed(store_batches)))
        assert store.get_run(run).host_statuses == {"changed": n}

        # One transaction per record.
        base_run = store.start_run("bench-baseline", "bench")
        rows = raw_rows(store, base_run, records)

        def raw_single() -> None:
            for row in rows:
                b.run(lambda cur, row=row: cur.execute(sql, row), write=True)

        results.append((name, "baseline: raw INSERT, 1 txn/record", timed(raw_single)))
        run = store.start_run("bench", "bench")

        def store_single() -> None:
            for record in records:
                store.record_host(run, record)

        results.append((name, "store.record_host, 1 txn/record", timed(store_single)))
        assert store.get_run(run).host_statuses == {"changed": n}
        stored = store.get_run(run).hosts[0]
        assert PSK not in json.dumps(stored.model_dump(mode="json"))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    records = make_records(args.records)
    results: list[tuple[str, str, float]] = []
    with tempfile.TemporaryDirectory(prefix="flexorch-bench-") as tmp:
        results += bench_backend("sqlite", str(Path(tmp) / "history.sqlite3"), records)
    if not args.no_postgres:
        from pg import PostgresServer, PostgresUnavailable  # tests/pg.py needs pytest + psycopg

        try:
            with PostgresServer(durable=True) as server:
                results += bench_backend("postgres", server.create_database("bench"), records)
        except PostgresUnavailable as exc:
            print(f"postgres: skipped, no local server could be started: {exc}", file=sys.stderr)

    print(f"history store write throughput: {args.records:,} host records "
          "(12 lines, 6 checks, 2 drift findings each)")
    print(f"{'backend':<9} {'mode':<40} {'seconds':>8} {'records/s':>10} {'vs baseline':>12}")
    for i, (backend, mode, seconds) in enumerate(results):
        baseline = results[i - 1][2] if i % 2 else seconds
        print(f"{backend:<9} {mode:<40} {seconds:8.2f} {args.records / seconds:10,.0f} "
              f"{seconds / baseline:11.2f}x")


if __name__ == "__main__":
    main()
