"""What a drift run found, per host: config drift, operational drift, and the JSON contract.

Operational drift is verify's comparison (``flexorch.verify.compare``) of the SAs a router shows
with what the intent predicts; every comparison that fails is operational drift. Config drift is
``flexorch.drift.config``. A host that could not be read is ``unreachable`` (with the reason:
authentication failed, refused, timed out, dropped) and never stops the run.

Findings handed to the history store and the reports (``DriftFinding``):

- config: ``section`` = the section header (``global`` for top-level single lines), ``line`` =
  the router's line for *extra* and *changed*, the intended line for *missing*, indented one
  space per level below the section header; ``detail`` says what the intent wants
  (``intended: dpd 30 5 on-demand``) and where a nested line sits (``under peer hub1``); extra
  keys ``intended``/``observed``/``path`` carry the same data for machines;
- operational: ``section`` = ``<tunnel> to <peer>`` (the tunnel interface on this host),
  ``line`` = the check (status, suite, fragmentation, sgt, nat_t, unexpected_peers), ``change``
  missing (no SA), extra (an SA with a peer the intent does not know) or changed, ``detail``
  ``expected X, observed Y``;
- unconfirmed-change: the router holds a change under IOS's revert timer (``flexorch.pending``):
  ``section`` = ``revert timer``, ``line`` = ``<type> <value>, set <time> by <user>``,
  ``change`` changed, ``detail`` when IOS rolls it back and how to resolve it (``flexorch
  recover``); extra keys ``configured``/``timer_type``/``timer_value``/``user``/``reverts_at``.

Everything a report carries is masked (``flexorch.drift.config.shown``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from flexorch.drift.config import ConfigDrift, LineDrift, SectionDrift, shown
from flexorch.textsum import counted, name_list
from flexorch.verify import Comparison

if TYPE_CHECKING:
    from flexorch.history.models import CheckResult, DriftFinding
    from flexorch.pending import PendingChange

HostStatus = Literal["clean", "drift", "unreachable", "failed"]


def _config_finding_data(section: SectionDrift, line: LineDrift) -> dict[str, Any]:
    text, observed = line.display()
    indent = " " * line.depth
    detail: list[str] = []
    if line.change == "changed":
        detail.append(f"intended: {text}")
        if line.note:
            detail.append(line.note)
        elif line.secret_changed:
            detail.append("secret value differs")
    if line.parents:
        detail.append("under " + " > ".join(shown(p) for p in line.parents))
    if section.state == "missing" and line.depth == 0:
        detail.append("section missing on the router")
    if section.state == "extra" and line.depth == 0:
        detail.append("section not in the intent")
    return {
        "kind": "config", "section": shown(section.section),
        "line": indent + (observed if observed is not None else text),
        "change": line.change, "detail": "; ".join(detail),
        "intended": None if line.change == "extra" else text,
        "observed": observed if line.change == "changed" else (
            text if line.change == "extra" else None),
        "path": [shown(p) for p in line.parents],
    }


def _tunnel_section(c: Comparison) -> str:
    return f"{c.tunnel} to {c.peer}" if c.peer else c.tunnel


def operational_change(c: Comparison) -> Literal["missing", "extra", "changed"]:
    """How a failed comparison reads as drift: no SA = missing, unknown peer = extra."""
    if c.check == "unexpected_peers":
        return "extra"
    if c.check == "status" and c.observed == "absent":
        return "missing"
    return "changed"


def _operational_finding_data(c: Comparison) -> dict[str, Any]:
    detail = f"expected {shown(c.expected)}, observed {shown(c.observed)}"
    if c.message:
        detail += f"; {shown(c.message)}"
    return {
        "kind": "operational", "section": shown(_tunnel_section(c)), "line": c.check,
        "change": operational_change(c), "detail": detail, "tunnel": c.tunnel, "peer": c.peer,
        "expected": shown(c.expected), "observed": shown(c.observed),
    }


def _pending_finding_data(host: str, pending: PendingChange) -> dict[str, Any]:
    at = pending.reverts_at()
    when = f"IOS rolls it back at {at.strftime('%H:%M:%S')} UTC" if at else (
        "IOS rolls it back when its timer runs out")
    return {
        "kind": "unconfirmed-change", "section": "revert timer",
        "line": f"{pending.timer_type} {pending.timer_value}, set {pending.configured} by "
                f"{pending.user}",
        "change": "changed",
        "detail": shown(f"{when} unless it is confirmed; `flexorch recover --host {host}` "
                        "shows it, --revert rolls it back, --confirm keeps it"),
        **pending.to_json(),
    }


@dataclass
class HostDrift:
    """One host's drift: ``status`` clean | drift | unreachable (could not be read) | failed
    (read, but the comparison itself failed: a bug or output flexorch cannot handle)."""

    host: str
    role: str
    status: HostStatus
    message: str = ""
    config: ConfigDrift = field(default_factory=ConfigDrift)
    comparisons: list[Comparison] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    elapsed_s: float = 0.0
    pending: PendingChange | None = None  # an unconfirmed change under the revert timer

    @property
    def operational(self) -> list[Comparison]:
        """The failed comparisons: operational drift."""
        return [c for c in self.comparisons if not c.ok]

    @property
    def config_drifted(self) -> bool:
        return not self.config.clean

    def summary_line(self) -> str:
        """One line: why the host could not be read, ``no drift``, or what drifted."""
        if self.status in ("unreachable", "failed"):
            return shown(self.message)
        if self.status == "clean":
            return "no drift"
        parts = ["unconfirmed change pending"] if self.pending is not None else []
        lines = sum(len(s.lines) for s in self.config.sections)
        if lines:
            sections = len(self.config.sections)
            parts.append(f"{lines} config line{'s' * (lines != 1)} in {sections} "
                         f"section{'s' * (sections != 1)}")
        failed = self.operational
        if failed:
            tunnels = len({(c.tunnel, c.peer) for c in failed})
            parts.append(f"{len(failed)} failed check{'s' * (len(failed) != 1)} on {tunnels} "
                         f"tunnel{'s' * (tunnels != 1)}")
        return "; ".join(parts)

    def finding_data(self) -> list[dict[str, Any]]:
        """Every finding as plain (masked) data: an unconfirmed change first, then config,
        then operational, in report order."""
        out = [_pending_finding_data(self.host, self.pending)] if self.pending else []
        out += [_config_finding_data(s, line) for s in self.config.sections for line in s.lines]
        out.extend(_operational_finding_data(c) for c in self.operational)
        return out

    def findings(self) -> list[DriftFinding]:
        """The findings as history ``DriftFinding``s."""
        from flexorch.history.models import DriftFinding

        return [DriftFinding.model_validate(d) for d in self.finding_data()]

    def checks(self) -> list[CheckResult]:
        """Every verification comparison as a history ``CheckResult`` (passed ones too: the
        HTML report draws the tunnel matrix from them)."""
        from flexorch.history import check_results
        from flexorch.history.models import CheckResult

        return [CheckResult.model_validate({**r.model_dump(), "expected": shown(r.expected),
                                            "observed": shown(r.observed)})
                for r in check_results(self.comparisons)]

    def to_json(self) -> dict[str, Any]:
        return {
            "host": self.host, "role": self.role, "status": self.status,
            "message": self.summary_line(),
            "config": [_section_json(s) for s in self.config.sections],
            "operational": [_comparison_json(c) for c in self.operational],
            "notes": [shown(n) for n in self.config.notes],
            "warnings": [shown(w) for w in self.warnings],
            "checks": {"total": len(self.comparisons), "failed": len(self.operational)},
            "unconfirmed_change": _pending_finding_data(self.host, self.pending)
            if self.pending else None,
        }


def _section_json(section: SectionDrift) -> dict[str, Any]:
    lines = []
    for line in section.lines:
        text, observed = line.display()
        # Same reading as the history findings: ``line`` is what the router has (extra,
        # changed) or lacks (missing); ``intended`` / ``observed`` spell both sides out.
        entry: dict[str, Any] = {
            "change": line.change,
            "line": observed if observed is not None else text,
            "intended": None if line.change == "extra" else text,
            "observed": text if line.change == "extra" else observed,
            "depth": line.depth, "path": [shown(p) for p in line.parents],
        }
        if line.note or line.secret_changed:
            entry["note"] = line.note or "secret value differs"
        lines.append(entry)
    return {"section": shown(section.section), "state": section.state, "lines": lines}


def _comparison_json(c: Comparison) -> dict[str, Any]:
    return {"tunnel": c.tunnel, "peer": c.peer, "check": c.check,
            "change": operational_change(c), "expected": shown(c.expected),
            "observed": shown(c.observed), "message": shown(c.message)}


@dataclass
class DriftReport:
    """The whole run. ``remediation`` is set by ``--remediate`` (see ``flexorch.drift.fix``)."""

    site: str | None
    hosts: list[HostDrift]
    run_id: int | None = None
    history_error: str | None = None
    remediation: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        """True when every host was read and none drifted."""
        return all(h.status == "clean" for h in self.hosts)

    def summary(self) -> dict[str, int]:
        return {
            "hosts": len(self.hosts),
            "clean": sum(h.status == "clean" for h in self.hosts),
            "drift": sum(h.status == "drift" for h in self.hosts),
            "unreachable": sum(h.status == "unreachable" for h in self.hosts),
            "failed": sum(h.status == "failed" for h in self.hosts),
            "unconfirmed": sum(h.pending is not None for h in self.hosts),
            "config_sections": sum(len(h.config.sections) for h in self.hosts),
            "config_lines": sum(len(s.lines) for h in self.hosts for s in h.config.sections),
            "operational": sum(len(h.operational) for h in self.hosts),
        }

    def to_json(self) -> dict[str, Any]:
        """The one JSON document ``flexorch drift --format json`` prints."""
        found = groups(self)
        summary = {**self.summary(), "routers": {k: found[k] for k in
                                                 ("drift", "unreachable", "failed")},
                   "text": summary_line(self)}
        return {
            "command": "drift", "site": self.site, "ok": self.ok,
            "exit_code": 0 if self.ok else 1, "summary": summary,
            "run_id": self.run_id, "history_error": self.history_error,
            "hosts": [h.to_json() for h in self.hosts], "remediation": self.remediation,
        }


STATUS_ORDER = {"unreachable": 0, "failed": 1, "drift": 2, "clean": 3}


def groups(report: DriftReport) -> dict[str, list[str]]:
    """Routers by status, in report order."""
    return {status: [h.host for h in report.hosts if h.status == status] for status in STATUS_ORDER}


def summary_line(report: DriftReport) -> str:
    """``drift: 301 hosts, 294 clean, 6 drift (s00017, ...), 1 unreachable (s00154); ...``."""
    s = report.summary()
    found = groups(report)
    order = ["clean", "drift", "unreachable"] + (["failed"] if found["failed"] else [])
    tail = f"drift: {s['hosts']} hosts, {counted(found, order)}"
    if s["unconfirmed"]:
        pending = [h.host for h in report.hosts if h.pending is not None]
        tail += f", {s['unconfirmed']} with an unconfirmed change ({name_list(pending)})"
    return tail + (f"; {s['config_lines']} config lines in {s['config_sections']} sections, "
                   f"{s['operational']} failed tunnel checks")
