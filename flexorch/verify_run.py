"""The verify workflow: predict from intent, read the routers, compare, record; and the
report's JUnit and text views.

CLI -> here -> tasks (one SSH session per host) -> pure core (``flexorch.verify``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from flexorch.predict import expected_tunnels
from flexorch.verify import ALL_CHECKS, Check, Comparison, compare

if TYPE_CHECKING:
    from rich.console import Console

    from flexorch.history import HostRecord
    from flexorch.intent.fleet import Fleet

log = logging.getLogger("flexorch.verify")

HostVerdict = Literal["ok", "mismatch", "unreachable"]
_HISTORY_STATUS = {"ok": "ok", "mismatch": "failed", "unreachable": "unreachable"}


@dataclass
class HostVerify:
    host: str
    role: str
    verdict: HostVerdict
    message: str = ""
    comparisons: list[Comparison] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "host": self.host, "role": self.role, "verdict": self.verdict, "message": self.message,
            "warnings": self.warnings, "comparisons": [c.to_json() for c in self.comparisons],
        }


@dataclass
class VerifyReport:
    site: str | None
    hosts: list[HostVerify]

    @property
    def ok(self) -> bool:
        return all(h.verdict == "ok" for h in self.hosts)

    def summary(self) -> dict[str, int]:
        return {
            "hosts": len(self.hosts),
            "ok": sum(h.verdict == "ok" for h in self.hosts),
            "mismatch": sum(h.verdict == "mismatch" for h in self.hosts),
            "unreachable": sum(h.verdict == "unreachable" for h in self.hosts),
            "checks": sum(len(h.comparisons) for h in self.hosts),
            "failed_checks": sum(not c.ok for h in self.hosts for c in h.comparisons),
        }

    def to_json(self) -> dict[str, Any]:
        return {"site": self.site, "ok": self.ok, "summary": self.summary(),
                "hosts": [h.to_json() for h in self.hosts]}


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
    negotiation model's prediction on the intended configs of these hosts and their peers.
    ``timeout`` bounds each connect, login and command (seconds); a host that fails is reported
    ``unreachable`` with the reason and the others carry on."""
    from flexorch.intent import make_nornir
    from flexorch.tasks.device import session_defaults
    from flexorch.tasks.failures import device_message
    from flexorch.tasks.verify import collect_sa

    expected = expected_tunnels(fleet, names)

    nr = make_nornir(fleet, names, workers=workers)
    session_defaults(nr, timeout)
    try:
        results = nr.run(task=collect_sa, timeout=timeout, on_failed=True)
    finally:
        nr.close_connections(on_failed=True)

    report = VerifyReport(site, [])
    for name in names:
        role = fleet.hosts[name].role
        multi = results[name]
        if multi.failed:
            message = device_message(multi[0].exception)
            log.warning("%s: cannot read SAs: %s", name, message)
            report.hosts.append(HostVerify(name, role, "unreachable", message))
            continue
        parsed = multi[0].result
        comparisons = compare(name, expected[name], parsed.records, checks)
        verdict: HostVerdict = "ok" if all(c.ok for c in comparisons) else "mismatch"
        report.hosts.append(HostVerify(name, role, verdict, "", comparisons,
                                       [str(w) for w in parsed.warnings]))
    return report


def verify_site(fleet: Fleet, *, site: str | None, host: str | None,
                checks: tuple[Check, ...] = ALL_CHECKS, workers: int = 16, timeout: float = 30.0,
                started_at: datetime | None = None) -> VerifyReport:
    """``flexorch verify``: verify the routers of ``site`` (or the one ``host``) and record the
    run. Raises UnknownTargetError (bad input)."""
    site_name, names = fleet.target(site, host)
    report = verify_hosts(fleet, names, checks=checks, workers=workers, site=site_name,
                          timeout=timeout)
    record_verify(report, host, started_at)
    return report


def host_record(h: HostVerify) -> HostRecord:
    """The history record of one host of a verify run."""
    from flexorch.history import HostRecord, check_results

    return HostRecord(host=h.host, role=h.role,
                      step="connect" if h.verdict == "unreachable" else "verify",
                      status=_HISTORY_STATUS[h.verdict],  # type: ignore[arg-type]
                      message=h.message, verification=check_results(h.comparisons))


def record_verify(report: VerifyReport, host: str | None,
                  started_at: datetime | None = None) -> None:
    """Record a verify run in the history (every host with its comparisons)."""
    from flexorch.history import record

    record("verify", report.site, (host_record(h) for h in report.hosts),
           "ok" if report.ok else "failed", dict(report.summary()), args={"host": host},
           started_at=started_at)


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


def print_text(report: VerifyReport, console: Console) -> None:
    """The report for people: a table per host, failed checks explained, a summary line."""
    from rich.table import Table

    from flexorch.secrets import mask

    for h in report.hosts:
        if h.verdict == "unreachable":
            console.print(
                f"[bold]{h.host}[/bold] ({h.role}): [red]UNREACHABLE[/red] {mask(h.message)}")
            continue
        table = Table(title=f"{h.host} ({h.role})", title_justify="left", expand=False)
        for column in ("peer", "tunnel", "check", "expected", "observed", "verdict"):
            table.add_column(column)
        for c in h.comparisons:
            verdict = "[green]ok[/green]" if c.ok else "[red]MISMATCH[/red]"
            table.add_row(c.peer or "-", c.tunnel, c.check, mask(c.expected), mask(c.observed),
                          verdict)
        console.print(table)
        for c in h.comparisons:
            if not c.ok and c.message:
                console.print(f"  {c.tunnel} {c.check}: {mask(c.message)}")
        for warning in h.warnings:
            console.print(f"  parser warning: {warning}")
    s = report.summary()
    console.print(
        f"verify: {s['hosts']} hosts, {s['ok']} ok, {s['mismatch']} mismatch, "
        f"{s['unreachable']} unreachable; {s['failed_checks']}/{s['checks']} checks failed"
    )
