"""Recorded runs as plain text (``flexorch history``): an aligned table of runs, one run with
its hosts in trouble first (hosts without problems counted above ``textsum.BIG_SITE`` unless
``--all``). Stable for logs and non-TTY output; everything masked."""

from __future__ import annotations

import json
from typing import Any

from flexorch.history.models import PROBLEM_STATUSES, HostRecord, RunDetail, RunSummary
from flexorch.secrets import mask
from flexorch.textsum import collapses, name_list


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


def _troubled(h: HostRecord) -> bool:
    return h.problem or any(not c.ok for c in h.verification)


def format_run(run: RunDetail, *, show_all: bool = False) -> str:
    """One run as plain text: header, a count of hosts by status naming the hosts in trouble,
    then those hosts in full (failed checks listed, passing ones counted), then the others: in
    full for small runs or with ``show_all``, else one count line."""
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
        return mask("\n".join(out))
    troubled = [h for h in run.hosts if _troubled(h)]
    others = [h for h in run.hosts if not _troubled(h)]
    by_status: dict[str, list[str]] = {}
    for h in run.hosts:
        by_status.setdefault(h.status, []).append(h.host)
    order = sorted(by_status, key=lambda s: (s in PROBLEM_STATUSES, s))
    out.append(f"hosts: {len(run.hosts)}: " + ", ".join(
        f"{len(by_status[s])} {s}" + (f" ({name_list(by_status[s])})" if s in PROBLEM_STATUSES
                                      else "") for s in order))
    for h in troubled:
        out += _host_lines(h, every_check=show_all)
    if collapses(len(run.hosts), show_all):
        if others:
            out.append(f"\n{len(others)} hosts without problems: not shown (--all shows every "
                       "host)")
    else:
        for h in others:
            out += _host_lines(h, every_check=True)
    return mask("\n".join(out))


def _host_lines(h: HostRecord, *, every_check: bool) -> list[str]:
    role = f" ({h.role})" if h.role else ""
    out = [f"\n{h.host}{role}: {h.status} at step {h.step}"
           + (f" - {h.message}" if h.message else "")]
    if h.backup_path:
        out.append(f"  backup: {h.backup_path}")
    if h.lines_sent:
        out.append(f"  lines sent ({len(h.lines_sent)}):")
        out.extend(f"    {line}" for line in h.lines_sent)
    passing = 0
    for c in h.verification:
        if c.ok and not every_check:
            passing += 1
            continue
        verdict = "ok" if c.ok else "MISMATCH"
        where = f"{c.tunnel} to {c.peer}" if c.peer else c.tunnel
        message = (c.model_extra or {}).get("message") if not c.ok else None
        out.append(f"  check {h.host} {where} {c.check}: expected {_v(c.expected)} "
                   f"observed {_v(c.observed)} {verdict}" + (f": {message}" if message else ""))
    if passing:
        out.append(f"  {passing} other checks ok")
    for d in h.drift:
        text = f"  drift {d.kind} [{d.section}] {d.change}"
        text += f": {d.line}" if d.line else ""
        text += f" ({d.detail})" if d.detail else ""
        out.append(text)
    return out


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
