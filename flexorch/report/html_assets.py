# ruff: noqa: E501 - embedded HTML/CSS: markup lines read better unbroken than split for width
"""The site report page's CSS and JS (the template is ``html_template``), embedded so the page
is one file.

Nothing here may reference the network: no fonts, images, CDNs or fetches. The page carries a
Content-Security-Policy that forbids every load except its own inline style and script (by
hash), so a regression shows up as a broken page in the browser test, not as a silent fetch.
The page works without JS: JS only adds the "only problems" switch (on at first for big sites),
which filters the tunnels, drift and verification sections alike.
"""

from __future__ import annotations

from typing import Final

CSS: Final = """
:root { --ok:#1a7f37; --ok-bg:#dafbe1; --bad:#b42318; --bad-bg:#fee4e2; --warn:#8a5a00;
  --warn-bg:#fef0c7; --muted:#57606a; --line:#d0d7de; --bg:#f6f8fa; --ink:#1f2328; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica,
  Arial, sans-serif; color: var(--ink); background: #fff; }
header { padding: 20px 32px 12px; border-bottom: 1px solid var(--line); background: var(--bg); }
header h1 { margin: 0 0 4px; font-size: 22px; font-weight: 600; }
header .meta { margin: 0; color: var(--muted); font-size: 12px; }
nav { padding: 8px 32px; border-bottom: 1px solid var(--line); font-size: 13px; }
nav a { margin-right: 18px; color: #0969da; text-decoration: none; }
main { padding: 8px 32px 40px; max-width: 1400px; }
h2 { font-size: 17px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 14px; margin: 16px 0 6px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin-top: 14px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 4px 12px; min-width: 120px;
  background: #fff; }
.card .n { font-size: 18px; font-weight: 600; display: block; }
.card .l { color: var(--muted); font-size: 12px; }
.card.bad { border-color: var(--bad); } .card.bad .n { color: var(--bad); }
.card.warn { border-color: var(--warn); } .card.warn .n { color: var(--warn); }
.card.ok .n { color: var(--ok); }
table { border-collapse: collapse; margin: 6px 0 12px; }
th, td { border: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
thead th { background: var(--bg); font-weight: 600; font-size: 13px; }
tbody th { font-weight: 600; white-space: nowrap; }
.matrix td { min-width: 150px; }
.badge { display: inline-block; border-radius: 10px; padding: 1px 8px; font-size: 12px;
  font-weight: 600; white-space: nowrap; border: 1px solid transparent; }
.s-up, .s-ok, .s-clean, .s-changed { color: var(--ok); background: var(--ok-bg); border-color: var(--ok); }
.s-down, .s-failed, .s-unreachable, .s-reverted, .s-error, .s-interrupted
  { color: var(--bad); background: var(--bad-bg); border-color: var(--bad); }
.s-mismatch, .s-drift, .s-changes { color: var(--warn); background: var(--warn-bg); border-color: var(--warn); }
.s-none, .s-skipped, .s-running, .s-unknown { color: var(--muted); background: var(--bg); border-color: var(--line); }
.s-unchecked, .s-pending { color: #6639ba; background: #fbefff; border-color: #8250df; }
td.cell.state-unchecked { background: #fbf7ff; }
.src { display: block; font-size: 11px; color: var(--muted); }
.stale { display: block; font-size: 12px; color: #6639ba; }
.controls { margin: 12px 0 0; }
#problems-table td { font-size: 13px; }
.tiles { display: flex; flex-wrap: wrap; gap: 4px; margin: 6px 0 12px; }
.tile { border: 1px solid var(--line); border-radius: 4px; padding: 1px 5px; font-size: 12px; white-space: nowrap; }
.tile.state-down { border-color: var(--bad); background: #fff5f4; } .tile.state-mismatch { border-color: var(--warn); background: #fffbeb; }
.tile.state-unchecked { border-color: #8250df; background: #fbf7ff; }
.mini { display: inline-block; min-width: 14px; margin-left: 3px; text-align: center; border-radius: 7px; font-weight: 600; border: 1px solid transparent; }
.passing { font-size: 12px; color: var(--muted); }
td.cell.state-down { background: #fff5f4; } td.cell.state-mismatch { background: #fffbeb; }
td.none { color: var(--muted); text-align: center; }
.attr { display: block; font-size: 12px; color: var(--muted); }
.attr b { color: var(--ink); font-weight: 500; }
.problem { display: block; font-size: 12px; color: var(--bad); }
.role { font-size: 11px; font-weight: 400; color: var(--muted); margin-left: 4px; }
details { margin: 2px 0; } summary { cursor: pointer; font-size: 12px; color: #0969da; }
.mono, code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
.change-missing { color: var(--bad); } .change-extra { color: #0550ae; } .change-changed { color: var(--warn); }
.empty { color: var(--muted); font-style: italic; }
.legend { color: var(--muted); font-size: 12px; }
.legend .badge { margin-right: 6px; }
.js-only { display: none; } .js .js-only { display: inline-block; margin: 4px 0 8px; }
.only-problems [data-problem="0"] { display: none; }
svg .node rect { fill: #fff; stroke: var(--ink); stroke-width: 1; rx: 4; }
svg .node.hub rect { fill: var(--bg); stroke-width: 2; }
svg .node text { font: 12px system-ui, sans-serif; fill: var(--ink); }
svg .edge { stroke-width: 2; fill: none; }
svg .edge.up { stroke: var(--ok); } svg .edge.mismatch { stroke: var(--warn); stroke-dasharray: 6 3; }
svg .edge.down { stroke: var(--bad); stroke-dasharray: 2 4; stroke-width: 2.5; }
svg .edge.unchecked { stroke: #8250df; stroke-dasharray: 10 3 2 3; }
svg .node.group rect { fill: var(--bg); stroke-dasharray: 4 2; }
svg .node text.count { font-size: 11px; fill: var(--muted); }
svg .node.problem[data-state="down"] rect { stroke: var(--bad); stroke-width: 2; }
footer { padding: 12px 32px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); }
@media print { nav, .js-only { display: none !important; } }
"""

JS: Final = """
document.documentElement.classList.add('js');
var box = document.getElementById('only-problems');
if (box) {
  // Big sites open with only the problems shown; the box shows the rest.
  if (document.body.getAttribute('data-big') === '1') { box.checked = true; }
  var apply = function () { document.body.classList.toggle('only-problems', box.checked); };
  box.addEventListener('change', apply);
  apply();
}
"""
