"""Run history: every rollout, plan, verify and drift run, and what it did to each host.

Store contract (for every command that writes runs)::

    from flexorch.history import HostRecord, RunRecorder, open_store

    # Recommended: record() and RunRecorder never raise StorageError (see below).
    # A run whose hosts are all known at the end (plan, verify, drift):
    done = record("verify", "hub1", host_records, "ok", {"checks": 12}, args={"host": None},
                  started_at=began)     # -> Recorded(run_id, error)
    # A run that records hosts as they finish (rollout):
    with RunRecorder("rollout", site="hub1", args={"batch_size": 10}) as rec:
        rec.host(HostRecord(host="hub1-r1", role="hub", step="done", status="changed",
                            lines_sent=lines, verification=checks, backup_path=str(path)))
        rec.finish("ok", {"confirmed": 1})

    # Plain API (raises StorageError on database faults):
    store = open_store()                    # or open_store("postgresql://...")
    run_id = store.start_run("verify", "hub1", None, {"host": None})   # user None -> login name
    store.record_host(run_id, record)       # upsert: the latest record of a host wins
    store.record_hosts(run_id, records)     # many hosts, one transaction
    store.finish_run(run_id, "failed", {"mismatches": 2})
    store.list_runs(site="hub1", command="rollout", limit=20) -> list[RunSummary] (newest first)
    store.get_run(run_id) -> RunDetail      # UnknownRunError (exit 2) if there is no such run
    store.last_run("hub1", "drift") -> RunDetail | None   # latest finished run

Where: ``open_store(None)`` uses ``$FLEXORCH_DB`` if set, else ``state_dir()/history.sqlite3``.
``postgresql://user:pass@host:port/db`` selects PostgreSQL (psycopg 3); ``sqlite:///path`` or a
plain path selects a SQLite file; anything else is BadInputError (exit 2).
``$FLEXORCH_DB_TIMEOUT`` (seconds, default 15) bounds waiting for a lock or a connection.

Data: run ids are increasing integers on both backends. A run holds command, site (None for
fleet-wide runs), user, args (JSON), start/finish time (UTC), outcome (``ok | changes | drift |
failed | error | interrupted | abandoned``; None while running), a free JSON summary, and the
process that wrote it (pid, machine, start time): ``RunSummary.state`` is ``running`` while
that process lives and ``abandoned`` once it died without finishing the run
(``flexorch.history.liveness``); ``reap_abandoned(site)`` marks such runs (every site command
calls it first and reports them). A ``HostRecord``
holds host, role, step reached (``connect|backup|push|verify|confirm|revert|done``, ...), status
(``ok|changed|failed|reverted|unreachable|drift|clean|skipped|pending``; ``pending``: touched,
not finished yet, recorded by a rollout when it first touches a host), message, lines sent,
verification results (``CheckResult``: tunnel, check, expected, observed, ok, peer) and drift
findings (``DriftFinding``: kind config|operational|unconfirmed-change, section, line, change
missing|extra|changed, detail), and the backup file path.

Secrets: everything handed in (lines one by one, messages, args, summaries, check values) goes
through ``flexorch.secrets.mask`` / ``mask_data`` before it is written; no secret reaches the
database.

Concurrency: several processes may write at once (e.g. two sites' jobs). SQLite runs in WAL
mode with a busy timeout, ``BEGIN IMMEDIATE`` write transactions and retry with jitter;
PostgreSQL uses one transaction per call. A ``Store`` may be shared by threads.

Faults: a locked, full, unreachable or corrupted database raises ``StorageError`` (exit 1) with
one line naming the database (path, or URL with the password masked). A file that is not a
SQLite database is refused by name and never replaced. Commands keep printing their own result
and exit code: ``RunRecorder`` (and ``safe_record(fn, ...)`` for single calls) log the storage
error once as a warning on stderr, expose it as ``.error`` and carry on without recording.

Schema: versioned migrations in ``flexorch.history.migrations`` (``schema_version`` table);
opening an older database migrates it; a newer one is refused with StorageError.
"""

from flexorch.history.models import (
    HOST_STATUSES,
    KNOWN_STEPS,
    OUTCOMES,
    CheckResult,
    DriftFinding,
    HostRecord,
    RunDetail,
    RunSummary,
)
from flexorch.history.recorder import (
    Recorded,
    RunRecorder,
    check_results,
    reap_abandoned,
    record,
    safe_record,
)
from flexorch.history.store import Store, UnknownRunError, open_store, resolve_url

__all__ = [
    "HOST_STATUSES",
    "KNOWN_STEPS",
    "OUTCOMES",
    "CheckResult",
    "DriftFinding",
    "HostRecord",
    "Recorded",
    "RunDetail",
    "RunRecorder",
    "RunSummary",
    "Store",
    "UnknownRunError",
    "check_results",
    "open_store",
    "reap_abandoned",
    "record",
    "resolve_url",
    "safe_record",
]
