"""Render a ``SiteReport`` as one self-contained HTML page (inline CSS/JS/SVG, no fetches).

``render_site_html(report) -> str``; ``write_site_html(report, path)`` writes it atomically.
The page's Content-Security-Policy allows only its own inline style and script (by SHA-256),
so it cannot load anything from anywhere, even if opened from a web server.
"""

from __future__ import annotations

import base64
import hashlib
import os
import tempfile
from collections.abc import Iterable
from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any

from flexorch import __version__
from flexorch.errors import BadInputError
from flexorch.report.diagram import MAX_DIAGRAM_NODES, STATE_LABEL, diagram_svg
from flexorch.report.html_assets import CSS, JS
from flexorch.report.html_template import RUN_TABLE, TEMPLATE
from flexorch.report.site import RANK, MatrixCell, SiteReport, TunnelView
from flexorch.report.sources import Source, age

__all__ = ["MAX_DIAGRAM_NODES", "content_security_policy", "diagram_svg", "render_site_html",
           "write_site_html"]

_GOOD = frozenset({"up", "ok", "clean", "changed"})
_BAD = frozenset({"down", "failed", "unreachable", "reverted", "error", "interrupted",
                  "abandoned"})
_WARN = frozenset({"mismatch", "drift", "changes", "predicted-failure"})


def _icon(state: str) -> str:
    # A symbol next to every colour, so state never depends on colour alone.
    if state in _GOOD:
        return "\u2713"
    if state in _BAD:
        return "\u2715"
    if state in _WARN:
        return "!"
    return "\u2022"


def _badge(state: str, text: str) -> Any:
    from markupsafe import Markup  # comes with jinja2, imported lazily with it

    return Markup(
        f'<span class="badge s-{escape(state)}">{_icon(state)} {escape(str(text))}</span>'
    )


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def content_security_policy() -> str:
    """The page's CSP: nothing may load; only the embedded style and script may run."""
    return (
        f"default-src 'none'; style-src {_csp_hash(CSS)}; script-src {_csp_hash(JS)}; "
        "img-src 'none'; font-src 'none'; connect-src 'none'; base-uri 'none'; "
        "form-action 'none'"
    )


def _state_label(cell: MatrixCell) -> str:
    return STATE_LABEL[cell.state]


def _unplaced(report: SiteReport) -> list[TunnelView]:
    """Tunnels/checks not in the matrix (no known peer), except passing host-level checks
    such as "no unexpected peers", which say nothing worth a row."""
    placed = {(v.host, v.tunnel, v.peer) for _, _, c in report.cells() for v in c.views}
    return [t for t in report.tunnels if (t.host, t.tunnel, t.peer) not in placed
            and (t.state != "up" or t.status != "unknown")]


def _source_line(sources: Iterable[Source], ago: Any) -> str:
    """The distinct runs of ``sources``, newest first (three at most, then a count)."""
    distinct = sorted(set(sources), key=lambda s: (s.at, s.run_id or 0), reverse=True)
    if not distinct:
        return "no data"
    text = "; ".join(ago(s) for s in distinct[:3])
    return text + (f"; and {len(distinct) - 3} older runs" if len(distinct) > 3 else "")


def page_context(report: SiteReport, compact: bool | None = None) -> dict[str, Any]:
    """What the template needs beyond the report (counts, filters, the diagram). ``compact``:
    tiles and counted passing hosts (None: above ``MAX_DIAGRAM_NODES`` routers)."""
    from markupsafe import Markup

    def since(then: datetime) -> str:
        when = age(then, report.generated_at)
        return when if when == "just now" else f"{when} before this report"

    def ago(source: Source | None) -> str:
        if source is None:
            return ""
        when = age(source.at, report.generated_at)
        return f"{source.label()}, {source.stamp()} ({when}{'' if when == 'just now' else ' ago'})"

    def brief(source: Source) -> str:
        when = age(source.at, report.generated_at)
        return f"{source.label()}, {when}{'' if when == 'just now' else ' ago'}"

    hubs = any(h.role == "hub" for h in report.hosts.values())
    big = len(report.rows) + len(report.columns) > MAX_DIAGRAM_NODES if compact is None \
        else compact
    svg = diagram_svg(report)
    problem_hosts = report.problem_hosts()
    row_state = {row: max([c.state for c in report.matrix.get(row, {}).values()] or ["up"],
                          key=RANK.__getitem__) for row in report.rows}
    drift_hosts = [n for n, h in report.hosts.items() if h.drift_source is not None]
    return {
        "big": big, "hubs": hubs, "svg": Markup(svg) if svg else None, "age": since,
        "ago": ago, "brief": brief, "icon": _icon,
        "svg_note": "No hub roles recorded for this site." if not hubs else
        "No tunnels recorded for this site.",
        "cells": len(report.cells()), "problems": report.problems(),
        "cell_sources": _source_line((c.source for _, _, c in report.cells()), brief),
        "drift_sources": _source_line((h.drift_source for h in report.hosts.values()
                                    if h.drift_source is not None), brief),
        "unreachable": [n for n, h in report.hosts.items() if not h.reachable],
        "drifted": [n for n, h in report.hosts.items() if h.drift],
        "drift_hosts": drift_hosts,
        "clean_drift": [n for n in drift_hosts if report.hosts[n].drift_status == "clean"],
        "runs": [("rollout", report.last_rollout)]
        + ([("failed rollout", report.failed_rollout)] if report.failed_rollout else [])
        + [("drift", report.last_drift), ("verify", report.last_verify)],
        "problem_rows": {row: row in problem_hosts for row in report.rows},
        "row_state": row_state, "unplaced": _unplaced(report),
    }


def render_site_html(report: SiteReport, *, compact: bool | None = None) -> str:
    """The whole page as text (``compact``: see ``page_context``; the benchmark renders a big
    site both ways)."""
    import jinja2  # heavy; only report rendering needs it
    from markupsafe import Markup

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=False, lstrip_blocks=False)
    env.filters["when"] = lambda d: d.strftime("%Y-%m-%d %H:%M:%S") if isinstance(
        d, datetime) else ""
    env.globals.update(badge=_badge, state_label=_state_label)
    template = env.from_string(RUN_TABLE + TEMPLATE)
    return template.render(r=report, version=__version__, csp=content_security_policy(),
                           css=Markup(CSS), js=Markup(JS), **page_context(report, compact))


def write_site_html(report: SiteReport, path: Path) -> None:
    """Write the page to ``path`` atomically (a reader never sees half a file)."""
    text = render_site_html(report)
    folder = path.parent if str(path.parent) else Path()
    if not folder.is_dir():
        raise BadInputError(f"--html {path}: folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        Path(tmp).chmod(0o644)
        Path(tmp).replace(path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise BadInputError(f"--html {path}: cannot write: {exc.strerror}") from None
