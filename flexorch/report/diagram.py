"""The site diagram as inline SVG: every router up to ``MAX_DIAGRAM_NODES``, grouped above.

Small sites: hubs on top, the other routers below, one line per tunnel styled by state (colour
and dash pattern, so state never depends on colour alone). Big sites: hubs on top, the spokes
grouped by the hubs they have tunnels to (one box per group with its counts by state), and
every spoke with a problem drawn on its own below, with its tunnels; past
``MAX_DRAWN_PROBLEMS`` of them, one box counts the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Final

from flexorch.report.site import RANK, SiteReport

MAX_DIAGRAM_NODES: Final = 60
MAX_DRAWN_PROBLEMS: Final = 40
STATE_LABEL: Final = {"up": "READY", "down": "DOWN", "mismatch": "MISMATCH",
                      "unchecked": "UNCHECKED"}
_BOX_W, _BOX_H, _GAP = 110, 26, 14
_PER_ROW: Final = 10


def _xs(n: int, width: float) -> list[float]:
    step = width / max(n, 1)
    return [step * i + step / 2 for i in range(n)]


def _edge(x1: float, y1: float, x2: float, y2: float, state: str, title: str) -> str:
    if y1 == y2:  # hub to hub: arc above the row of hubs
        d = (f"M {x1:.0f} {y1 - _BOX_H / 2:.0f} Q {(x1 + x2) / 2:.0f} {y1 - 60:.0f} "
             f"{x2:.0f} {y2 - _BOX_H / 2:.0f}")
    else:
        d = f"M {x1:.0f} {y1 - _BOX_H / 2:.0f} L {x2:.0f} {y2 + _BOX_H / 2:.0f}"
    return (f'<path class="edge {state}" data-state="{state}" d="{d}">'
            f"<title>{escape(title)}</title></path>")


def _node(name: str, x: float, y: float, role: str, *, lines: Sequence[str] = (),
          width: int = _BOX_W, title: str | None = None, state: str = "") -> str:
    label = name if len(name) <= 15 or width > _BOX_W else name[:14] + "\u2026"
    height = _BOX_H + 14 * len(lines)
    texts = "".join(f'<text x="{x:.0f}" y="{y + 18 + 14 * i:.0f}" text-anchor="middle" '
                    f'class="count">{escape(line)}</text>' for i, line in enumerate(lines))
    data = f' data-state="{state}"' if state else ""
    return (f'<g class="node {role}"{data}><title>{escape(title or name)}</title>'
            f'<rect x="{x - width / 2:.0f}" y="{y - _BOX_H / 2:.0f}" width="{width}" '
            f'height="{height}"/><text x="{x:.0f}" y="{y + 4:.0f}" text-anchor="middle">'
            f"{escape(label)}</text>{texts}</g>")


def _svg(report: SiteReport, width: float, height: float, body: str) -> str:
    return (f'<svg id="site-diagram" xmlns="http://www.w3.org/2000/svg" role="img" '
            f'aria-label="hub and spoke diagram of site {escape(report.site)}" '
            f'width="{width:.0f}" height="{height:.0f}" '
            f'viewBox="0 0 {width:.0f} {height:.0f}">{body}</svg>')


def _hubs(report: SiteReport) -> list[str]:
    return [c for c in report.columns if report.hosts.get(c) and report.hosts[c].role == "hub"]


def diagram_svg(report: SiteReport) -> str | None:
    """The diagram (grouped above ``MAX_DIAGRAM_NODES`` routers); None without hubs or
    tunnels."""
    hubs = _hubs(report)
    others = [r for r in report.rows if r not in hubs]
    if not hubs or not report.matrix:
        return None
    if len(hubs) + len(others) > MAX_DIAGRAM_NODES:
        return grouped_svg(report, hubs, others)
    width = max(640, (_BOX_W + _GAP) * max(len(hubs), len(others)) + _GAP)
    hub_y, other_y = 50, 210
    pos = {h: (x, hub_y) for h, x in zip(hubs, _xs(len(hubs), width), strict=True)}
    pos.update({o: (x, other_y) for o, x in zip(others, _xs(len(others), width), strict=True)})
    edges = [_edge(*pos[row], *pos[col], cell.state,
                   f"{row} \u2013 {col}: {STATE_LABEL[cell.state]}")
             for row, col, cell in report.cells() if row in pos and col in pos]
    nodes = [_node(n, x, y, "hub" if n in hubs else "other") for n, (x, y) in pos.items()]
    return _svg(report, width, other_y + 40, "".join(edges) + "".join(nodes))


def _worst(states: Sequence[str]) -> str:
    return max(states, key=RANK.__getitem__) if states else "up"


def grouped_svg(report: SiteReport, hubs: list[str], others: list[str]) -> str:
    """Hubs, spoke groups (by the hubs they reach) with counts by state, problem spokes one by
    one."""
    unreachable = {n for n, h in report.hosts.items() if not h.reachable}
    state_of = {o: _worst([c.state for c in report.matrix.get(o, {}).values()]) for o in others}
    for name in unreachable & set(state_of):
        state_of[name] = _worst([state_of[name], "unchecked"])
    groups: dict[tuple[str, ...], list[str]] = {}
    for o in others:
        groups.setdefault(tuple(sorted(report.matrix.get(o, {}))), []).append(o)
    failed = [o for o in others if state_of[o] != "up"]
    drawn, hidden = failed[:MAX_DRAWN_PROBLEMS], failed[MAX_DRAWN_PROBLEMS:]
    width = max(900.0, (_BOX_W + _GAP) * max(len(hubs), min(len(drawn), _PER_ROW)) + _GAP,
                (170 + _GAP) * len(groups) + _GAP)
    hub_pos = dict(zip(hubs, _xs(len(hubs), width), strict=True))
    hub_y, group_y, failed_y = 50, 200, 330
    body: list[str] = []
    nodes: list[str] = []
    for (reach, members), gx in zip(groups.items(), _xs(len(groups), width), strict=True):
        counts = {s: sum(state_of[m] == s for m in members) for s in STATE_LABEL}
        lines = [f"{n:,} {s}" for s, n in counts.items() if n]
        title = (f"{len(members):,} routers with tunnels to {', '.join(reach) or 'no hub'}: "
                 + ", ".join(lines))
        group_state = _worst([s for s, n in counts.items() if n])
        nodes.append(_node(f"{len(members):,} spokes", gx, group_y, "group", lines=lines,
                           width=170, title=title, state=group_state))
        for hub in reach:
            states = [report.matrix[m][hub].state for m in members if hub in report.matrix[m]]
            body.append(_edge(gx, group_y, hub_pos[hub], hub_y, _worst(states),
                              f"{len(states):,} tunnels to {hub}"))
    for i, name in enumerate(drawn):
        x = _xs(min(len(drawn), _PER_ROW), width)[i % _PER_ROW]
        y = failed_y + 70 * (i // _PER_ROW)
        for hub, cell in report.matrix.get(name, {}).items():
            if cell.state != "up" and hub in hub_pos:
                body.append(_edge(x, y, hub_pos[hub], hub_y, cell.state,
                                  f"{name} \u2013 {hub}: {STATE_LABEL[cell.state]}"))
        nodes.append(_node(name, x, y, "other problem", state=state_of[name],
                           title=f"{name}: {STATE_LABEL[state_of[name]]}"))
    bottom = failed_y + 70 * ((len(drawn) - 1) // _PER_ROW + 1) if drawn else group_y + 80
    if hidden:
        nodes.append(_node(f"{len(hidden):,} more with problems", width / 2, bottom, "group",
                           width=220, title=", ".join(hidden)))
        bottom += 60
    nodes += [_node(h, x, hub_y, "hub") for h, x in hub_pos.items()]
    return _svg(report, width, bottom, "".join(body) + "".join(nodes))
