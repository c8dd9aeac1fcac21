"""A drift run as history records (``flexorch.history``) and as JUnit XML (one test case per
host x check, shared shape with ``verify --format junit``).

Recorded through ``flexorch.history.record``, which never lets the store break the run: a
locked, full, unreachable or corrupted database is one warning on stderr; the error is kept in
``DriftReport.history_error`` (and the JSON document) and the run still prints its result with
its own exit code.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from flexorch.drift.report import DriftReport, HostDrift

if TYPE_CHECKING:
    from flexorch.history.models import HostRecord

_STEP = {"unreachable": "connect", "failed": "collect", "clean": "done", "drift": "done"}


def host_record(h: HostDrift) -> HostRecord:
    """The history record of one host of a drift run."""
    from flexorch.history.models import HostRecord

    return HostRecord(
        host=h.host, role=h.role, step=_STEP[h.status], status=h.status,
        message=h.summary_line(), verification=tuple(h.checks()), drift=tuple(h.findings()),
    )


def outcome(report: DriftReport) -> str:
    """The run's outcome word: drift (any host drifted), failed (a host could not be read, none
    drifted) or ok."""
    statuses = {h.status for h in report.hosts}
    if "drift" in statuses:
        return "drift"
    if statuses & {"unreachable", "failed"}:
        return "failed"
    return "ok"


def record_run(report: DriftReport, args: dict[str, Any], *, url: str | None = None,
               started_at: datetime | None = None) -> None:
    """Record the run (every host in one transaction); sets ``report.run_id`` or, when the store
    failed, ``report.history_error``. ``started_at``: when the run began (default: now)."""
    from flexorch.history import record

    done = record("drift", report.site, (host_record(h) for h in report.hosts), outcome(report),
                  dict(report.summary()), args=args, started_at=started_at, url=url)
    report.run_id, report.history_error = done.run_id, done.error


def junit(report: DriftReport) -> str:
    """JUnit XML: per host one case per verification check, a ``config drift`` and an
    ``operational drift`` case (one failing case per drifted section / tunnel instead), an
    error case for a host that could not be read."""
    from flexorch.report.junit import cases_from_records, to_junit

    cases = cases_from_records([host_record(h) for h in report.hosts], drift=True)
    return to_junit(f"flexorch drift {report.site or ''}".strip(), cases)
