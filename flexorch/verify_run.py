"""The verify workflow: predict from intent, read the routers, compare, explain the failures
from the running configs, record; and the report's JUnit view (text: ``flexorch.verify_text``).

CLI -> here -> tasks (one SSH session per host) -> pure core (``flexorch.verify``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any

from flexorch.predict import expected_tunnels
from flexorch.verify import (
    ALL_CHECKS,
    Check,
    Comparison,
    HostVerdict,
    HostVerify,
    VerifyReport,
    compare,
)

if TYPE_CHECKING:
    from flexorch.history import HostRecord
    from flexorch.intent.fleet import Fleet

__all__ = ["HostVerify", "VerifyReport", "explain_all", "host_record", "hub_sides", "junit",
           "record_verify", "verify_hosts", "verify_outcome", "verify_site"]
log = logging.getLogger("flexorch.verify")
_HISTORY_STATUS = {"ok": "ok", "mismatch": "failed", "unreachable": "unreachable",
                   "unconfirmed": "failed"}


def verify_hosts(
    fleet: Fleet,
    names: list[str],
    *,
    checks: tuple[Check, ...] = ALL_CHECKS,
    workers: int = 16,
    site: str | None = None,
    timeout: float = 30.0,
) -> VerifyReport:
    """Verify ``names`` against the intent: one session per host, records compared with the
    negotiation model's prediction on the intended configs of these hosts and their peers, and
    the revert timer read (a host holding an unconfirmed change is ``unconfirmed``).
    ``timeout`` bounds each connect, login and command (seconds); a host that fails is reported
    ``unreachable`` with the reason and the others carry on."""
    from flexorch.intent import make_nornir
    from flexorch.tasks.device import session_defaults
    from flexorch.tasks.failures import device_message

    expected = expected_tunnels(fleet, names)

    nr = make_nornir(fleet, names, workers=workers)
    session_defaults(nr, timeout)
    try:
        results = nr.run(task=_read_host, timeout=timeout, on_failed=True)
        report = VerifyReport(site, [])
        for name in names:
            role = fleet.hosts[name].role
            multi = results[name]
            if multi.failed:
                message = device_message(multi[0].exception)
                log.warning("%s: cannot read SAs: %s", name, message)
                report.hosts.append(HostVerify(name, role, "unreachable", message))
                continue
            parsed, pending = multi[0].result
            comparisons = compare(name, expected[name], parsed.records, checks)
            verdict: HostVerdict = "ok" if all(c.ok for c in comparisons) else "mismatch"
            message = ""
            if pending is not None:
                verdict = "unconfirmed"
                message = (f"{pending.describe()}: the tunnels change when it is rolled back or "
                           f"confirmed (`flexorch recover --host {name}`)")
            report.hosts.append(HostVerify(name, role, verdict, message, comparisons,
                                           [str(w) for w in parsed.warnings], pending))
        _explain(fleet, nr, report, timeout)
    finally:
        nr.close_connections(on_failed=True)
    return report


def _explain(fleet: Fleet, nr: Any, report: VerifyReport, timeout: float) -> None:
    """Give each tunnel the intent predicts up but the router does not show READY its cause:
    read the running config of both ends and predict that tunnel from them
    (``flexorch.verify_cause``)."""
    from flexorch.tasks.device import read_running
    from flexorch.verify_cause import ends_to_read

    every = [c for h in report.hosts for c in h.comparisons]
    unread = {h.host for h in report.hosts if h.verdict == "unreachable"}
    ends = sorted(ends_to_read(every) & set(nr.inventory.hosts) - unread)
    running: dict[str, str] = {}
    if ends:
        results = nr.filter(filter_func=lambda host: host.name in ends).run(
            task=read_running, timeout=timeout, on_failed=True)
        running = {n: str(results[n][0].result) for n in ends if not results[n].failed}
    explained = explain_all(fleet, every, running, unread, timeout=timeout)
    for h in report.hosts:
        h.comparisons = [next(explained) for _ in h.comparisons]


def explain_all(fleet: Fleet, comparisons: list[Comparison], running: dict[str, str],
                unread: set[str], *, timeout: float, workers: int = 16) -> Iterator[Comparison]:
    """``verify_cause.explain`` of ``comparisons`` with the running config of every end it
    needs: those given in ``running`` (read by this run), the others read here (the peers of
    routers of this run outside it, e.g. a hub in another chunk of a run on workers), so the
    cause never depends on how a run was split. An end that cannot be read takes no part."""
    from flexorch.intent import make_nornir
    from flexorch.tasks.device import read_running, session_defaults
    from flexorch.verify_cause import ends_to_read, explain

    missing = sorted(ends_to_read(comparisons) - set(running) - unread)
    missing = [n for n in missing if n in fleet.hosts]
    unknown = set(unread)
    if missing:
        nr = make_nornir(fleet, missing, workers=workers)
        session_defaults(nr, timeout)
        try:
            results = nr.run(task=read_running, timeout=timeout, on_failed=True)
        finally:
            nr.close_connections(on_failed=True)
        running = {**running, **{n: str(results[n][0].result) for n in missing
                                 if not results[n].failed}}
        unknown |= {n for n in missing if results[n].failed}
    return iter(explain(fleet, comparisons, running, unknown=unknown))


def hub_sides(fleet: Fleet, changed: list[str], *, workers: int = 16,
              timeout: float = 30.0) -> list[HostVerify]:
    """Read again the hubs' side of the tunnels of ``changed`` spokes (the hubs themselves
    unchanged): each hub's SAs compared with the prediction for those spokes only (no
    ``unexpected_peers`` check: the hub has SAs with its other spokes too). A rollout calls
    this after its last stage so its record holds both sides of every tunnel it changed, and
    the next site report is current. A hub that cannot be read is ``unreachable``."""
    from flexorch.intent import make_nornir
    from flexorch.predict import prediction, versions
    from flexorch.tasks.device import session_defaults
    from flexorch.tasks.failures import device_message
    from flexorch.verify import expectations

    hubs = sorted({h.name for n in changed for h in fleet.hubs_of(n)} - set(changed))
    if not hubs:
        return []
    predicted = prediction(fleet, changed)
    expected = expectations(predicted.steady(), predicted.configs, hubs,
                            versions(fleet, predicted.configs))
    checks = tuple(c for c in ALL_CHECKS if c != "unexpected_peers")
    nr = make_nornir(fleet, hubs, workers=workers)
    session_defaults(nr, timeout)
    try:
        results = nr.run(task=_read_host, timeout=timeout, on_failed=True)
    finally:
        nr.close_connections(on_failed=True)
    out = []
    for hub in hubs:
        role = fleet.hosts[hub].role
        if results[hub].failed:
            out.append(HostVerify(hub, role, "unreachable",
                                  device_message(results[hub][0].exception)))
            continue
        parsed, _ = results[hub][0].result
        comparisons = compare(hub, expected[hub], parsed.records, checks)
        out.append(HostVerify(hub, role, "ok" if all(c.ok for c in comparisons) else "mismatch",
                              f"read again after {len(changed)} of its spokes changed",
                              comparisons))
    return out


def _read_host(task: Any, timeout: float) -> Any:
    """One host's SAs (parsed) and its revert timer, over one session."""
    from nornir.core.task import Result

    from flexorch.tasks.device import read_pending_change
    from flexorch.tasks.verify import collect_sa

    parsed = collect_sa(task, timeout).result
    pending = read_pending_change(task, timeout).result
    return Result(host=task.host, result=(parsed, pending), changed=False)


def verify_site(fleet: Fleet, *, site: str, names: list[str],
                checks: tuple[Check, ...] = ALL_CHECKS, workers: int = 16, timeout: float = 30.0,
                started_at: datetime | None = None,
                args: dict[str, Any] | None = None) -> VerifyReport:
    """``flexorch verify``: verify ``names`` of ``site`` (``Fleet.target``) and record the
    run."""
    report = verify_hosts(fleet, names, checks=checks, workers=workers, site=site,
                          timeout=timeout)
    record_verify(report, args or {}, started_at)
    return report


def host_record(h: HostVerify) -> HostRecord:
    """The history record of one host of a verify run."""
    from flexorch.history import HostRecord, check_results

    return HostRecord(host=h.host, role=h.role,
                      step="connect" if h.verdict == "unreachable" else "verify",
                      status=_HISTORY_STATUS[h.verdict],  # type: ignore[arg-type]
                      message=h.message, verification=check_results(h.comparisons))


def record_verify(report: VerifyReport, args: dict[str, Any],
                  started_at: datetime | None = None) -> None:
    """Record a verify run in the history (every host with its comparisons)."""
    from flexorch.history import record

    record("verify", report.site, (host_record(h) for h in report.hosts), verify_outcome(report),
           dict(report.summary()), args=args, started_at=started_at)


def verify_outcome(report: VerifyReport) -> str:
    """The run's outcome word in the history."""
    return "ok" if report.ok else "failed"


def junit(report: VerifyReport) -> str:
    """JUnit XML: one case per host x check; an error case for a host that could not be read."""
    from flexorch.report.junit import JUnitCase, check_case, to_junit

    cases = []
    for h in report.hosts:
        if h.verdict == "unreachable":
            cases.append(JUnitCase(h.host, "connect", "error", message=h.message,
                                   detail=f"unreachable: {h.message}", failure_type="unreachable"))
            continue
        cases.extend(check_case(h.host, c.to_json()) for c in h.comparisons)
    return to_junit(f"flexorch verify {report.site or ''}".strip(), cases)
