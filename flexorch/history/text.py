"""Recorded runs as plain text (``flexorch history``): an aligned table of runs, one run in
full. Stable for logs and non-TTY output; everything masked."""

from __future__ import annotations

import json
from typing import Any

from flexorch.history.models import RunDetail, RunSummary
from flexorch.secrets import mask


def _when(run: RunSummary) -> str:
    return run.started_at.strftime("%Y-%m-%d %H:%M:%S")


def _duration(run: RunSummary) -> str:
    seconds = run.duration_s
    if seconds is None:
        return "-"
    return f"{seconds:.1f}s" if seconds < 120 else f"{seconds / 60:.1f}m"


def format_table(runs: list[RunSummary]) -> str:
    """Runs as an aligned plain-text table (stable for logs and non-TTY output)."""
    header = ("RUN", "STARTED (UTC)", "COMMAND", "SITE", "USER", "OUTCOME", "HOSTS", "PROBLEMS",
              "DURATION")
    rows = [
        (str(r.id), _when(r), r.command, r.site or "-", r.user, r.state, str(r.host_count),
         str(r.problem_count), _duration(r))
        for r in runs
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
             for row in [header, *rows]]
    return mask("\n".join(lines))


def format_run(run: RunDetail) -> str:
    """One run in full, as plain text."""
    out = [
        f"run {run.id}: {run.command}" + (f" site {run.site}" if run.site else "")
        + f" by {run.user}",
        f"started {run.started_at.isoformat(timespec='seconds')}"
        + (f"  finished {run.finished_at.isoformat(timespec='seconds')}" if run.finished_at else "")
        + f"  ({_duration(run)})  outcome {run.state}",
    ]
    if run.outcome is None or run.abandoned:
        out.append(process_line(run))
    if run.args:
        out.append("args: " + json.dumps(run.args, sort_keys=True, default=str))
    if run.summary:
        out.append("summary: " + json.dumps(run.summary, sort_keys=True, default=str))
    if not run.hosts:
        out.append("no hosts recorded")
    for h in run.hosts:
        role = f" ({h.role})" if h.role else ""
        out.append(f"\n{h.host}{role}: {h.status} at step {h.step}"
                   + (f" - {h.message}" if h.message else ""))
        if h.backup_path:
            out.append(f"  backup: {h.backup_path}")
        if h.lines_sent:
            out.append(f"  lines sent ({len(h.lines_sent)}):")
            out.extend(f"    {line}" for line in h.lines_sent)
        for c in h.verification:
            verdict = "ok" if c.ok else "MISMATCH"
            out.append(f"  check {c.tunnel} {c.check}: expected {_v(c.expected)} "
                       f"observed {_v(c.observed)} {verdict}")
        for d in h.drift:
            text = f"  drift {d.kind} [{d.section}] {d.change}"
            text += f": {d.line}" if d.line else ""
            text += f" ({d.detail})" if d.detail else ""
            out.append(text)
    return mask("\n".join(out))


def process_line(run: RunSummary) -> str:
    """Where an unfinished (or abandoned) run's process is, or was."""
    where = f"process {run.pid} on {run.machine}" if run.pid is not None else "its process"
    if run.abandoned:
        return (f"abandoned: {where} died before the run finished; the hosts below show the "
                "last state recorded (a change pending under a revert timer rolls back by "
                "itself; `flexorch recover --host H` shows and resolves it)")
    if run.alive is None:
        return f"running? {where} (cannot be checked from this machine)"
    return f"running: {where}"


def abandoned_lines(runs: list[RunDetail]) -> list[str]:
    """One line per abandoned run and per host it had touched (for the next run's output)."""
    out = []
    for run in runs:
        where = f"process {run.pid} on {run.machine}" if run.pid is not None else "its process"
        out.append(f"run {run.id} ({run.command}"
                   + (f" site {run.site}" if run.site else "")
                   + f", started {run.started_at.isoformat(timespec='seconds')}) was abandoned: "
                   f"{where} died before it finished")
        for h in run.hosts:
            out.append(f"  {h.host}: last known {h.status} at {h.step}"
                       + (f" - {h.message}" if h.message else ""))
    return [mask(line) for line in out]


def _v(value: Any) -> str:
    return "-" if value is None else str(value)
