"""The verify workflow: predict from intent, read the routers, compare, record.

CLI -> here -> tasks (one SSH session per host) -> pure core (``flexorch.verify``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from flexorch.predict import expected_tunnels
from flexorch.verify import ALL_CHECKS, Check, Comparison, compare

if TYPE_CHECKING:
    from flexorch.intent.fleet import Fleet

log = logging.getLogger("flexorch.verify")

HostVerdict = Literal["ok", "mismatch", "unreachable"]


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
