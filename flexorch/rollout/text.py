"""The end-of-run summary as text: the hosts in trouble first (one line each), the others one
line each on small runs or counted above ``textsum.BIG_SITE`` hosts, then stages and counts
naming the hosts in trouble."""

from __future__ import annotations

from flexorch.rollout.model import PROBLEMS, HostState, RolloutReport
from flexorch.secrets import mask
from flexorch.textsum import collapses, name_list


def _host_line(host: HostState) -> str:
    detail = ""
    if host.status == "confirmed":
        detail = f"{host.sent} lines, verified ({len(host.checks)} checks)"
    elif host.message:
        detail = host.message
    where = "" if host.status in ("confirmed", "unchanged") else f" at {host.step}"
    return (f"{host.host:<16} {host.status.upper():<11}{where}"
            f"{': ' + mask(detail) if detail else ''}")


def summary_text(report: RolloutReport) -> str:
    from flexorch.history.text import abandoned_lines

    out = abandoned_lines(report.abandoned)
    trouble = [h for h in report.hosts if h.status in PROBLEMS]
    others = [h for h in report.hosts if h.status not in PROBLEMS]
    out += [_host_line(h) for h in trouble]
    if collapses(len(report.hosts), False):
        run = f" {report.run_id}" if report.run_id is not None else ""
        if others:
            out.append(f"{len(others)} hosts without problems: not listed (`flexorch history "
                       f"show{run or ' RUN'} --all` lists them)")
    else:
        out += [_host_line(h) for h in others]
    for stage in report.stages:
        out.append(f"stage {stage.name}: {stage.status} ({len(stage.hosts)} hosts, "
                   f"{stage.batches} batches, {stage.failed} failed)")
    named = {status: [h.host for h in trouble if h.status == status] for status in PROBLEMS}
    counts = ", ".join(f"{n} {status}" + (f" ({name_list(named[status])})"
                                          if named.get(status) else "")
                       for status, n in sorted(report.counts().items()))
    run = f" (run {report.run_id})" if report.run_id is not None else ""
    state = "interrupted" if report.interrupted else report.outcome()
    out.append(f"rollout of site {report.site}{run}: {state}; {counts}")
    return "\n".join(out) + "\n"
