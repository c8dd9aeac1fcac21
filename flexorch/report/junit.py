"""JUnit XML for CI systems: one test case per host x check.

``to_junit(suite_name, cases)`` writes the de-facto JUnit format that Jenkins, GitLab, GitHub
Actions reporters and Azure Pipelines read: ``<testsuites>`` > ``<testsuite>`` > ``<testcase
classname=HOST name=CHECK>`` with ``<failure message=... type=...>`` for a mismatch (message
"expected X, observed Y") and ``<error>`` for a host that could not be checked (unreachable,
auth failure). ``cases_from_records`` turns history ``HostRecord``s (verify or drift results)
into cases, so ``verify --format junit`` and ``drift --format junit`` share one shape.
"""

from __future__ import annotations

import re
import socket
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from flexorch.history.models import CheckResult, HostRecord
from flexorch.secrets import mask

Verdict = Literal["passed", "failure", "error", "skipped"]

# Characters XML 1.0 cannot carry at all (device output can contain escape codes).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class JUnitCase:
    """One test case: ``classname`` is the host, ``name`` the check (e.g. "Tunnel1 status")."""

    classname: str
    name: str
    verdict: Verdict = "passed"
    message: str = ""  # one line, shown by CI next to the test name
    detail: str = ""  # body of the failure/error element (expected/observed, device text)
    failure_type: str = "mismatch"
    time_s: float = 0.0


def _clean(text: str) -> str:
    return _NOT_XML.sub("\N{REPLACEMENT CHARACTER}", mask(text))


def _show(value: Any) -> str:
    return "(none)" if value is None else str(value)


def to_junit(
    suite_name: str, cases: Sequence[JUnitCase], *, timestamp: datetime | None = None,
    hostname: str | None = None,
) -> str:
    """The JUnit XML document (UTF-8 text with declaration) for ``cases``; secrets masked."""
    counts = {v: sum(1 for c in cases if c.verdict == v) for v in ("failure", "error", "skipped")}
    total_time = f"{sum(c.time_s for c in cases):.3f}"
    attrs = {
        "name": _clean(suite_name), "tests": str(len(cases)), "failures": str(counts["failure"]),
        "errors": str(counts["error"]), "skipped": str(counts["skipped"]), "time": total_time,
    }
    root = ET.Element("testsuites", attrs)
    when = (timestamp or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")
    suite = ET.SubElement(root, "testsuite", {
        **attrs, "timestamp": when, "hostname": _clean(hostname or socket.gethostname()),
    })
    for case in cases:
        element = ET.SubElement(suite, "testcase", {
            "classname": _clean(case.classname), "name": _clean(case.name),
            "time": f"{case.time_s:.3f}",
        })
        if case.verdict == "passed":
            continue
        tag = "skipped" if case.verdict == "skipped" else case.verdict
        child = ET.SubElement(element, tag, {"message": _clean(case.message)})
        if case.verdict != "skipped":
            child.set("type", _clean(case.failure_type))
            child.text = _clean(case.detail or case.message)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def check_case(host: str, check: CheckResult | dict[str, Any]) -> JUnitCase:
    """One verification comparison (a ``CheckResult`` or the same keys as a dict) as a case."""
    c = CheckResult.model_validate(check) if isinstance(check, dict) else check
    name = f"{c.tunnel} {c.check}" + (f" (peer {c.peer})" if c.peer else "")
    if c.ok:
        return JUnitCase(host, name)
    expected, observed = _show(c.expected), _show(c.observed)
    return JUnitCase(
        host, name, "failure", message=f"expected {expected}, observed {observed}",
        detail=f"expected: {expected}\nobserved: {observed}",
    )


def cases_from_records(records: Iterable[HostRecord], *, drift: bool = False) -> list[JUnitCase]:
    """Cases from history host records: one per host x verification check; with ``drift``,
    one per host x drifted section (failure listing its lines) and a passing ``config drift`` /
    ``operational drift`` case where that kind found nothing. A host that could not be checked
    (unreachable, failed before its checks) is one ``error`` case."""
    cases: list[JUnitCase] = []
    for record in records:
        if record.status in ("unreachable", "failed") and not (record.verification or record.drift):
            cases.append(JUnitCase(
                record.host, f"{record.step}", "error", message=record.message or record.status,
                detail=f"{record.status} at step {record.step}"
                + (f": {record.message}" if record.message else ""),
                failure_type=record.status,
            ))
            continue
        cases.extend(check_case(record.host, c) for c in record.verification)
        if drift:
            cases.extend(_drift_cases(record))
    return cases


_SIGN = {"missing": "-", "extra": "+", "changed": "~"}


def _drift_cases(record: HostRecord) -> list[JUnitCase]:
    cases = [JUnitCase(record.host, "unconfirmed change", "failure", message=f.line,
                       detail=f"{f.line}\n{f.detail}", failure_type="unconfirmed-change")
             for f in record.drift if f.kind == "unconfirmed-change"]
    for kind in ("config", "operational"):
        findings = [f for f in record.drift if f.kind == kind]
        if not findings:
            cases.append(JUnitCase(record.host, f"{kind} drift"))
            continue
        sections: dict[str, list[str]] = {}
        for f in findings:
            text = f"{_SIGN[f.change]} {f.change}: {f.line.strip()}" if f.line else f"{f.change}"
            sections.setdefault(f.section, []).append(text + (f" ({f.detail})" if f.detail else ""))
        for section, lines in sections.items():
            cases.append(JUnitCase(
                record.host, f"{kind} drift: {section}", "failure",
                message=f"{len(lines)} {'difference' if len(lines) == 1 else 'differences'} "
                f"in {section}", detail="\n".join(lines), failure_type=f"{kind}-drift",
            ))
    return cases
