"""Versioned schema migrations of the history store.

``schema_version`` holds one row per applied step. Steps are numbered from 1 and never edited
once released: a schema change is a new step appended to ``MIGRATIONS``, with its SQL for each
backend. Opening a store applies the missing steps in one transaction (both SQLite and
PostgreSQL have transactional DDL), under a lock so two processes opening a fresh database at
the same time do not both migrate. A database whose version is newer than ``LATEST`` is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Migration:
    """One numbered schema step, as SQL statements per backend."""

    version: int
    description: str
    sqlite: tuple[str, ...]
    postgres: tuple[str, ...]


SCHEMA_VERSION_DDL: Final = {
    "sqlite": "CREATE TABLE IF NOT EXISTS schema_version ("
    "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)",
    "postgres": "CREATE TABLE IF NOT EXISTS schema_version ("
    "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)",
}

MIGRATIONS: Final[tuple[Migration, ...]] = (
    Migration(
        1,
        "runs and per-host records",
        sqlite=(
            """CREATE TABLE runs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                command TEXT NOT NULL,
                site TEXT,
                username TEXT NOT NULL,
                args TEXT NOT NULL DEFAULT '{}',
                started_at TEXT NOT NULL,
                finished_at TEXT,
                outcome TEXT,
                summary TEXT NOT NULL DEFAULT '{}'
            )""",
            """CREATE TABLE run_hosts (
                run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                host TEXT NOT NULL,
                step TEXT NOT NULL,
                status TEXT NOT NULL,
                message TEXT NOT NULL DEFAULT '',
                lines_sent TEXT NOT NULL DEFAULT '[]',
                verification TEXT NOT NULL DEFAULT '[]',
                drift TEXT NOT NULL DEFAULT '[]',
                backup_path TEXT,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (run_id, host)
            )""",
        ),
        postgres=(
            """CREATE TABLE runs (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                command TEXT NOT NULL,
                site TEXT,
                username TEXT NOT NULL,
                args JSONB NOT NULL DEFAULT '{}',
                started_at TIMESTAMPTZ NOT NULL,
                finished_at TIMESTAMPTZ,
                outcome TEXT,
                summary JSONB NOT NULL DEFAULT '{}'
            )""",
            """CREATE TABLE run_hosts (
                run_id BIGINT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                host TEXT NOT NULL,
                step TEXT NOT NULL,
                status TEXT NOT NULL,
                message TEXT NOT NULL DEFAULT '',
                lines_sent JSONB NOT NULL DEFAULT '[]',
                verification JSONB NOT NULL DEFAULT '[]',
                drift JSONB NOT NULL DEFAULT '[]',
                backup_path TEXT,
                updated_at TIMESTAMPTZ NOT NULL,
                PRIMARY KEY (run_id, host)
            )""",
        ),
    ),
    Migration(
        2,
        "host role and recording order; index for last-run lookups",
        sqlite=(
            "ALTER TABLE run_hosts ADD COLUMN role TEXT",
            "ALTER TABLE run_hosts ADD COLUMN seq INTEGER NOT NULL DEFAULT 0",
            "CREATE INDEX runs_site_command ON runs (site, command, id)",
            # Recording a host reads MAX(seq) of its run: indexed, not a scan of the run.
            "CREATE INDEX run_hosts_order ON run_hosts (run_id, seq)",
        ),
        postgres=(
            "ALTER TABLE run_hosts ADD COLUMN role TEXT",
            "ALTER TABLE run_hosts ADD COLUMN seq INTEGER NOT NULL DEFAULT 0",
            "CREATE INDEX runs_site_command ON runs (site, command, id)",
            # Recording a host reads MAX(seq) of its run: indexed, not a scan of the run.
            "CREATE INDEX run_hosts_order ON run_hosts (run_id, seq)",
        ),
    ),
    Migration(
        3,
        "the process that writes a run (pid, machine, start time): abandoned runs",
        sqlite=(
            "ALTER TABLE runs ADD COLUMN pid INTEGER",
            "ALTER TABLE runs ADD COLUMN machine TEXT",
            "ALTER TABLE runs ADD COLUMN process_started TEXT",
        ),
        postgres=(
            "ALTER TABLE runs ADD COLUMN pid INTEGER",
            "ALTER TABLE runs ADD COLUMN machine TEXT",
            "ALTER TABLE runs ADD COLUMN process_started TEXT",
        ),
    ),
    Migration(
        4,
        "the running config a run left on a host (hash): rollback refuses a router changed since",
        sqlite=("ALTER TABLE run_hosts ADD COLUMN after_sha256 TEXT",),
        postgres=("ALTER TABLE run_hosts ADD COLUMN after_sha256 TEXT",),
    ),
)

LATEST: Final = MIGRATIONS[-1].version


def pending(current: int, target: int = LATEST) -> list[Migration]:
    """The steps to apply to go from ``current`` to ``target``, in order."""
    return [m for m in MIGRATIONS if current < m.version <= target]
