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
from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any

from flexorch import __version__
from flexorch.errors import BadInputError
from flexorch.report.html_assets import CSS, JS, RUN_TABLE, TEMPLATE
from flexorch.report.site import MatrixCell, SiteReport, TunnelView

STATE_LABEL = {"up": "READY", "down": "DOWN", "mismatch": "MISMATCH"}
_GOOD = frozenset({"up", "ok", "clean", "changed"})
_BAD = frozenset({"down", "failed", "unreachable", "reverted", "error", "interrupted"})
_WARN = frozenset({"mismatch", "drift", "changes"})
MAX_DIAGRAM_NODES = 60


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


def diagram_svg(report: SiteReport) -> str | None:
    """Hubs on top, other routers below, one line per matrix cell styled by state (colour and
    dash pattern). None when there are no hubs or too many routers to draw legibly."""
    hubs = [c for c in report.columns if report.hosts.get(c) and report.hosts[c].role == "hub"]
    others = [r for r in report.rows if r not in hubs]
    if not hubs or not report.matrix or len(hubs) + len(others) > MAX_DIAGRAM_NODES:
        return None
    box_w, box_h, gap = 110, 26, 14
    width = max(640, (box_w + gap) * max(len(hubs), len(others)) + gap)

    def xs(n: int) -> list[float]:
        step = width / n
        return [step * i + step / 2 for i in range(n)]

    hub_y, other_y = 50, 210
    pos = {h: (x, hub_y) for h, x in zip(hubs, xs(len(hubs)), strict=True)}
    pos.update({o: (x, other_y) for o, x in zip(others, xs(max(len(others), 1)), strict=False)})
    edges = []
    for row, cells in report.matrix.items():
        for col, cell in cells.items():
            if row not in pos or col not in pos:
                continue
            (x1, y1), (x2, y2) = pos[row], pos[col]
            if y1 == y2:  # hub to hub: arc above the row of hubs
                d = f"M {x1:.0f} {y1 - box_h / 2:.0f} Q {(x1 + x2) / 2:.0f} {y1 - 60:.0f} " \
                    f"{x2:.0f} {y2 - box_h / 2:.0f}"
            else:
                d = f"M {x1:.0f} {y1 - box_h / 2:.0f} L {x2:.0f} {y2 + box_h / 2:.0f}"
            title = f"{row} \u2013 {col}: {STATE_LABEL[cell.state]}"
            edges.append(f'<path class="edge {cell.state}" data-state="{cell.state}" d="{d}">'
                         f"<title>{escape(title)}</title></path>")
    nodes = []
    for name, (x, y) in pos.items():
        role = "hub" if name in hubs else "other"
        label = name if len(name) <= 15 else name[:14] + "\u2026"
        nodes.append(
            f'<g class="node {role}"><title>{escape(name)}</title>'
            f'<rect x="{x - box_w / 2:.0f}" y="{y - box_h / 2:.0f}" width="{box_w}" '
            f'height="{box_h}"/><text x="{x:.0f}" y="{y + 4:.0f}" text-anchor="middle">'
            f"{escape(label)}</text></g>"
        )
    return (
        f'<svg id="site-diagram" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-label="hub and spoke diagram of site {escape(report.site)}" width="{width}" '
        f'height="{other_y + 40}" viewBox="0 0 {width} {other_y + 40}">'
        + "".join(edges) + "".join(nodes) + "</svg>"
    )


def _unplaced(report: SiteReport) -> list[TunnelView]:
    """Tunnels/checks not in the matrix (no known peer), except passing host-level checks
    such as "no unexpected peers", which say nothing worth a row."""
    placed = {(v.host, v.tunnel, v.peer) for row in report.matrix.values() for c in row.values()
              for v in c.views}
    return [t for t in report.tunnels if (t.host, t.tunnel, t.peer) not in placed
            and (t.state != "up" or t.status != "unknown")]


def render_site_html(report: SiteReport) -> str:
    """The whole page as text."""
    import jinja2  # heavy; only report rendering needs it
    from markupsafe import Markup

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=False, lstrip_blocks=False)
    env.filters["when"] = lambda d: d.strftime("%Y-%m-%d %H:%M:%S") if isinstance(
        d, datetime) else ""
    env.globals.update(badge=_badge, state_label=_state_label)
    template = env.from_string(RUN_TABLE + TEMPLATE)
    hubs = any(h.role == "hub" for h in report.hosts.values())
    svg = diagram_svg(report)
    drift_hosts = [h.host for h in report.last_drift.hosts] if report.last_drift else []
    return template.render(
        r=report, version=__version__, csp=content_security_policy(),
        css=Markup(CSS), js=Markup(JS), hubs=hubs,
        svg=Markup(svg) if svg else None,
        svg_note="No hub roles recorded for this site." if not hubs else
        f"More than {MAX_DIAGRAM_NODES} routers: see the matrix above." if report.matrix else
        "No tunnels recorded for this site.",
        cells=sum(len(c) for c in report.matrix.values()),
        drifted=[n for n, h in report.hosts.items() if h.drift],
        drift_hosts=drift_hosts,
        runs=[("rollout", report.last_rollout), ("drift", report.last_drift),
              ("verify", report.last_verify)],
        problem_rows={row: any(c.state != "up" for c in report.matrix.get(row, {}).values())
                      for row in report.rows},
        unplaced=_unplaced(report),
    )


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
