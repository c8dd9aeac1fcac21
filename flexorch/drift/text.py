"""The text report of a drift run: per host its status, then each drifted section with its lines
(``-`` missing, ``+`` extra, ``~`` changed, with the intended value) and each failed tunnel
check on one line naming both routers, with its cause. Problems first: routers
that could not be read, then those that drifted, then the clean ones (above
``textsum.BIG_SITE`` routers only their count, unless ``show_all``); a summary naming the
routers in trouble. Plain lines (cron mails them); colour only on a terminal (click strips it
otherwise). Everything shown is masked."""

from __future__ import annotations

from typing import Any

from flexorch.drift.config import SectionDrift, shown
from flexorch.drift.report import (
    STATUS_ORDER,
    DriftReport,
    HostDrift,
    operational_change,
    summary_line,
)
from flexorch.textsum import collapses

SIGN = {"missing": "-", "extra": "+", "changed": "~"}
_COLOUR = {"missing": "red", "extra": "yellow", "changed": "cyan"}
_STATUS = {"clean": ("clean", "green"), "drift": ("DRIFT", "yellow"),
           "unreachable": ("UNREACHABLE", "red"), "failed": ("FAILED", "red")}
_WIDTH = 44


def _style(text: str, colour: str, bold: bool = False) -> str:
    import click

    return click.style(text, fg=colour, bold=bold)


def section_lines(section: SectionDrift) -> list[str]:
    """The lines of one drifted section, nested lines under their (unmarked) parents."""
    out = [f"  config: {shown(section.section)}"
           + (f"  ({section.state})" if section.state != "modified" else "")]
    printed: tuple[str, ...] = ()
    for line in section.lines:
        if line.parents != printed:
            common = 0
            while (common < min(len(printed), len(line.parents))
                   and printed[common] == line.parents[common]):
                common += 1
            for level, parent in enumerate(line.parents[common:], start=common + 1):
                out.append("      " + " " * level + shown(parent))
            printed = line.parents
        text, observed = line.display()
        # A whole missing/extra section prints its header line too: children one level in.
        indent = line.depth if section.state != "modified" else max(line.depth - 1, 0)
        body = " " * indent + (observed if observed is not None else text)
        notes = []
        if line.change == "changed":
            notes.append(f"intended: {text}")
            if line.note or line.secret_changed:
                notes.append(line.note or "secret value differs")
        sign = _style(SIGN[line.change], _COLOUR[line.change], bold=True)
        row = f"    {sign} {body}"
        if notes:
            row += " " * max(2, _WIDTH - len(body)) + "; ".join(notes)
        out.append(row)
    return out


def host_lines(h: HostDrift) -> list[str]:
    """Every line printed for one host."""
    word, colour = _STATUS[h.status]
    head = f"{h.host} ({h.role}): {_style(word, colour, bold=True)}"
    message = h.summary_line()
    out = [head + (f" - {message}" if h.status != "clean" and message else "")]
    if h.pending is not None:
        finding = h.finding_data()[0]
        out.append(f"  {_style('unconfirmed change', 'red', bold=True)}: {finding['line']}; "
                   f"{finding['detail']}")
    for section in h.config.sections:
        out.extend(section_lines(section))
    for c in h.operational:  # one line per failed check, naming both routers (grep-able)
        name = f"{h.host} {c.tunnel}" + (f" to {c.peer}" if c.peer else "")
        change = operational_change(c)
        sign = _style(SIGN[change], _COLOUR[change], bold=True)
        row = (f"  {sign} {shown(name)} {c.check}: expected {shown(c.expected)}, "
               f"observed {shown(c.observed)}")
        if c.message:
            row += f" ({shown(c.message)})"
        out.append(row)
    out.extend(f"  note: {shown(n)}" for n in h.config.notes)
    out.extend(f"  parser warning: {shown(w)}" for w in h.warnings)
    return out


def report_text(report: DriftReport, *, show_all: bool = False) -> str:
    """The whole text report, newline-terminated: problems first."""
    out: list[str] = []
    hosts = sorted(report.hosts, key=lambda h: STATUS_ORDER[h.status])
    clean = [h for h in hosts if h.status == "clean"]
    for h in hosts:
        if h.status != "clean" or not collapses(len(hosts), show_all):
            out.extend(host_lines(h))
    if clean and collapses(len(hosts), show_all):
        out.append(f"{len(clean)} routers {_style('clean', 'green', bold=True)}: not listed "
                   "(--all lists them)")
    out.append(summary_line(report))
    if report.remediation is not None:
        out.extend(remediation_lines(report.remediation))
    if report.history_error:
        out.append(f"history: run NOT recorded ({shown(report.history_error)})")
    elif report.run_id is not None:
        out.append(f"history: recorded as run {report.run_id}")
    return "\n".join(out) + "\n"


def remediation_lines(doc: dict[str, Any]) -> list[str]:
    """The remediation part of the text report (see ``flexorch.drift.fix``)."""
    out = [f"remediation: {shown(str(doc.get('outcome', '?')))}"
           + (f" (rollout run {doc['run_id']})" if doc.get("run_id") is not None else "")]
    for entry in doc.get("hosts", []):
        line = f"  {entry['host']}: {entry['result']}"
        sent = entry.get("lines_sent")
        if sent is not None:
            line += f", {sent} line{'s' * (sent != 1)} sent"
        if entry.get("message"):
            line += f" - {shown(entry['message'])}"
        out.append(line)
    if doc.get("message"):
        out.append(f"  {shown(doc['message'])}")
    after = doc.get("after")
    if after:
        s = after["summary"]
        out.append(f"  after: {s['hosts']} hosts, {s['clean']} clean, {s['drift']} drift, "
                   f"{s['unreachable']} unreachable"
                   + (f" (drift run {after['run_id']})" if after.get("run_id") else ""))
    return out
