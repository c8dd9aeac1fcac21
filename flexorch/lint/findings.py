"""Findings and the lint report: what lint says, where, and how bad."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from flexorch.intent.errors import format_path
from flexorch.lint.rules import RULES, Severity

Part = str | int


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: rule, host, intent path (``ikev2_proposals.FLEX_NGE.integrity``), the file the
    value comes from (``inventory/groups.yaml:12 (group flexvpn_base)``; None for derived or
    unknown origins), the other router for fleet findings, and a message that says what to do.
    Messages never contain a secret value."""

    rule: str
    host: str
    path: str
    message: str
    file: str | None = None
    peer: str | None = None

    @property
    def severity(self) -> Severity:
        return RULES[self.rule].severity

    @property
    def title(self) -> str:
        return RULES[self.rule].title

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of a finding (``flexorch lint --format json``)."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "title": self.title,
            "host": self.host,
            "path": self.path,
            "file": self.file,
            "peer": self.peer,
            "message": self.message,
        }


def path_text(parts: list[Part] | tuple[Part, ...]) -> str:
    """``['ikev2_profiles', 'FLEX', 'dpd', 'interval']`` -> ``ikev2_profiles.FLEX.dpd.interval``
    (keys with dots or spaces quoted, list indexes in brackets: the loader's notation)."""
    return format_path(list(parts))


@dataclass(frozen=True, slots=True)
class Suppressed:
    """A finding the inventory accepts (``lint: {ignore: ...}``), with the reason given there."""

    finding: Finding
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {**self.finding.to_dict(), "suppressed": True, "reason": self.reason}


@dataclass
class Report:
    """Every finding of one lint run, plus what was looked at. ``suppressed`` findings are
    shown but count neither as errors nor as warnings."""

    findings: list[Finding] = field(default_factory=list)
    suppressed: list[Suppressed] = field(default_factory=list)
    hosts: list[str] = field(default_factory=list)
    sessions: int = 0  # IKEv2 sessions negotiated by the fleet checks
    secrets_unresolved: int = 0  # distinct secrets lint could not read (key checks skipped)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage (benchmarks)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")

    @property
    def exit_code(self) -> int:
        """0 clean (warnings allowed), 1 errors found."""
        return 1 if self.errors else 0

    def sorted(self) -> list[Finding]:
        """Findings in a stable order: hosts in inventory order, then rule id, then path."""
        order = {name: i for i, name in enumerate(self.hosts)}
        return sorted(
            self.findings,
            key=lambda f: (order.get(f.host, len(order)), f.host, f.rule, f.path, f.message),
        )

    def summary(self) -> dict[str, Any]:
        """Counts for the JSON summary and the text footer."""
        by_rule = Counter(f.rule for f in self.findings)
        return {
            "errors": self.errors,
            "warnings": self.warnings,
            "hosts": len(self.hosts),
            "sessions": self.sessions,
            "secrets_unresolved": self.secrets_unresolved,
            "suppressed": len(self.suppressed),
            "rules": dict(sorted(by_rule.items())),
            "exit_code": self.exit_code,
        }

    def to_dict(self) -> dict[str, Any]:
        """``{findings: [...], summary: {...}}``: the JSON document of ``flexorch lint``."""
        return {"findings": [f.to_dict() for f in self.sorted()],
                "suppressed": [s.to_dict() for s in self.suppressed],
                "summary": self.summary()}
