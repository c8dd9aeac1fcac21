"""Text output of a lint report: a rich table and a one-line summary, secrets masked."""

from __future__ import annotations

import io
import os

from flexorch.lint.findings import Report
from flexorch.secrets import mask

_STYLE = {"error": "bold red", "warning": "yellow", "suppressed": "dim"}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def summary_line(report: Report) -> str:
    """``2 errors, 1 warning in 12 hosts (10 IKEv2 sessions negotiated)``."""
    s = report.summary()
    plural = _plural
    line = (f"{plural(s['errors'], 'error')}, {plural(s['warnings'], 'warning')} in "
            f"{plural(s['hosts'], 'host')} ({plural(s['sessions'], 'IKEv2 session')} negotiated)")
    if s["suppressed"]:
        line += f"; {s['suppressed']} suppressed by lint.ignore"
    if s["secrets_unresolved"]:
        line += (f"; {plural(s['secrets_unresolved'], 'secret')} unreadable: key checks "
                 "skipped")
    return line


def render_text(report: Report, *, color: bool, width: int | None = None) -> str:
    """The report as a table (severity, rule, host, intent path, message with its source on a
    second line) plus the summary line. ``color`` only when writing to a terminal; ``width``
    defaults to $COLUMNS, else 160. Every field is masked before it is laid out (masking the laid
    out text would treat a wrapped line starting with "key" as a config line)."""
    # rich is imported only when a text report is printed.
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    if width is None:
        width = int(os.environ.get("COLUMNS", "0") or 0) or 160
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system="standard" if color else None,
                      force_terminal=color, no_color=not color, highlight=False, emoji=False,
                      markup=False)
    findings = report.sorted()
    if findings or report.suppressed:
        table = Table(box=box.SIMPLE, header_style="bold", pad_edge=False, expand=True,
                      show_edge=False)
        table.add_column("severity", no_wrap=True)
        table.add_column("rule", no_wrap=True)
        table.add_column("host", overflow="fold", max_width=24)
        table.add_column("intent path", overflow="fold", max_width=36)
        table.add_column("message", overflow="fold", ratio=1)
        for f in findings:
            message = Text(mask(f.message))
            message.append("\n" + mask(f.file or "(derived value)"), style="dim")
            table.add_row(Text(f.severity, style=_STYLE[f.severity]), f.rule, mask(f.host),
                          mask(f.path), message)
        for quiet in report.suppressed:  # shown, so nobody forgets what was accepted and why
            f = quiet.finding
            message = Text(mask(f.message), style="dim")
            message.append(f"\nsuppressed ({f.severity}): {mask(quiet.reason)}")
            table.add_row(Text("suppressed", style=_STYLE["suppressed"]), f.rule, mask(f.host),
                          mask(f.path), message)
        console.print(table)
    console.print(mask(summary_line(report)))
    return buffer.getvalue()
