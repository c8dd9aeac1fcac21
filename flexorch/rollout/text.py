"""The end-of-run summary as text (one line per host, then stages and counts)."""

from __future__ import annotations

from flexorch.rollout.model import RolloutReport
from flexorch.secrets import mask


def summary_text(report: RolloutReport) -> str:
    from flexorch.history.text import abandoned_lines

    out = abandoned_lines(report.abandoned)
    for host in report.hosts:
        detail = ""
        if host.status == "confirmed":
            detail = f"{host.sent} lines, verified ({len(host.checks)} checks)"
        elif host.message:
            detail = host.message
        where = "" if host.status in ("confirmed", "unchanged") else f" at {host.step}"
        out.append(f"{host.host:<16} {host.status.upper():<11}{where}"
                   f"{': ' + mask(detail) if detail else ''}")
    for stage in report.stages:
        out.append(f"stage {stage.name}: {stage.status} ({len(stage.hosts)} hosts, "
                   f"{stage.batches} batches, {stage.failed} failed)")
    counts = ", ".join(f"{n} {status}" for status, n in sorted(report.counts().items()))
    run = f" (run {report.run_id})" if report.run_id is not None else ""
    state = "interrupted" if report.interrupted else report.outcome()
    out.append(f"rollout of site {report.site}{run}: {state}; {counts}")
    return "\n".join(out) + "\n"
