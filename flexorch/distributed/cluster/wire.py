"""Per-host results as JSON between a worker and the coordinator (Celery's JSON serializer).

Everything is masked on the worker, which resolved the secrets (the coordinator never does, so
its ``mask`` would not know them): what travels through Redis is what flexorch may print. The
coordinator rebuilds the same objects a local run has, so its output, JSON and exit code are the
local run's.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from flexorch.drift.config import ConfigDrift, LineDrift, SectionDrift, shown
from flexorch.drift.report import HostDrift
from flexorch.pending import PendingChange
from flexorch.secrets import mask
from flexorch.verify import Comparison
from flexorch.verify_run import HostVerify


def comparison_to_wire(c: Comparison) -> dict[str, Any]:
    data = asdict(c)
    for key in ("expected", "observed", "message"):
        data[key] = mask(data[key])
    return data


def comparison_from_wire(data: dict[str, Any]) -> Comparison:
    return Comparison(**data)


def pending_to_wire(pending: PendingChange | None) -> dict[str, Any] | None:
    return None if pending is None else {k: mask(v) for k, v in asdict(pending).items()}


def pending_from_wire(data: dict[str, Any] | None) -> PendingChange | None:
    return None if data is None else PendingChange(**data)


def verify_to_wire(h: HostVerify) -> dict[str, Any]:
    return {"host": h.host, "role": h.role, "verdict": h.verdict, "message": mask(h.message),
            "comparisons": [comparison_to_wire(c) for c in h.comparisons],
            "warnings": [mask(w) for w in h.warnings], "pending": pending_to_wire(h.pending)}


def verify_from_wire(data: dict[str, Any]) -> HostVerify:
    return HostVerify(data["host"], data["role"], data["verdict"], data["message"],
                      [comparison_from_wire(c) for c in data["comparisons"]], data["warnings"],
                      pending_from_wire(data["pending"]))


def _line_to_wire(line: LineDrift) -> dict[str, Any]:
    return {"change": line.change, "line": shown(line.line), "depth": line.depth,
            "parents": [shown(p) for p in line.parents],
            "observed": None if line.observed is None else shown(line.observed),
            "note": shown(line.note)}


def _line_from_wire(data: dict[str, Any]) -> LineDrift:
    return LineDrift(data["change"], data["line"], data["depth"], tuple(data["parents"]),
                     data["observed"], data["note"])


def drift_to_wire(h: HostDrift) -> dict[str, Any]:
    sections = [{"section": shown(s.section), "state": s.state,
                 "lines": [_line_to_wire(line) for line in s.lines]} for s in h.config.sections]
    return {"host": h.host, "role": h.role, "status": h.status, "message": shown(h.message),
            "sections": sections, "notes": [shown(n) for n in h.config.notes],
            "comparisons": [comparison_to_wire(c) for c in h.comparisons],
            "warnings": [shown(w) for w in h.warnings], "elapsed_s": h.elapsed_s,
            "pending": pending_to_wire(h.pending)}


def drift_from_wire(data: dict[str, Any]) -> HostDrift:
    config = ConfigDrift(
        tuple(SectionDrift(s["section"], s["state"],
                           tuple(_line_from_wire(line) for line in s["lines"]))
              for s in data["sections"]), tuple(data["notes"]))
    return HostDrift(data["host"], data["role"], data["status"], data["message"], config,
                     [comparison_from_wire(c) for c in data["comparisons"]], data["warnings"],
                     data["elapsed_s"], pending_from_wire(data["pending"]))
