"""Text output of a lint report: a rich table and a one-line summary, secrets masked."""

from __future__ import annotations

import io
import os

from flexorch.lint.findings import Report
from flexorch.secrets import mask

_STYLE = {"error": "bold red", "warning": "yellow"}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def summary_line(report: Report) -> str:
    """``2 errors, 1 warning in 12 hosts (10 IKEv2 sessions negotiated)``."""
    s = report.summary()
    plural = _plural
    line = (f"{plural(s['errors'], 'error')}, {plural(s['warnings'], 'warning')} in "
            f"{plural(s['hosts'], 'host')} ({plural(s['sessions'], 'IKEv2 session')} negotiated)")
    if s["secrets_unresolved"]:
        line += (f"; {plural(s['secrets_unresolved'], 'secret')} unreadable: key checks "
                 "skipped")
    return line


def render_text(report: Report, *, color: bool, width: int | None = None) -> str:
    """The report as a table (severity, rule, host, intent path, message, source) plus summary.
    ``color`` only when writing to a terminal; ``width`` defaults to $COLUMNS, else 160."""
    # rich is imported only when a text report is printed.
    from rich import box
    from rich.console import Console
    from rich.table import Table

    if width is None:
        width = int(os.environ.get("COLUMNS", "0") or 0) or 160
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system="standard" if color else None,
                      force_terminal=color, no_color=not color, highlight=False, emoji=False,
                      soft_wrap=False)
    findings = report.sorted()
    if findings:
        table = Table(box=box.SIMPLE, header_style="bold", pad_edge=False, expand=False)
        table.add_column("severity", no_wrap=True)
        table.add_column("rule", no_wrap=True)
        table.add_column("host", no_wrap=True)
        table.add_column("intent path", overflow="fold")
        table.add_column("message", overflow="fold", ratio=1)
        table.add_column("source", overflow="fold")
        for f in findings:
            table.add_row(f"[{_STYLE[f.severity]}]{f.severity}[/]", f.rule, f.host, f.path,
                          f.message, f.file or "(derived)", )
        console.print(table)
    console.print(summary_line(report), markup=False)
    return mask(buffer.getvalue())
