# ruff: noqa: E501 - embedded HTML/CSS: markup lines read better unbroken than split for width
"""The site report page: Jinja2 template, CSS and JS, embedded so the page is one file.

Nothing here may reference the network: no fonts, images, CDNs or fetches. The page carries a
Content-Security-Policy that forbids every load except its own inline style and script (by
hash), so a regression shows up as a broken page in the browser test, not as a silent fetch.
The page works without JS: JS only adds the "only problems" filter.
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
.card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 130px;
  background: #fff; }
.card .n { font-size: 20px; font-weight: 600; display: block; }
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
.only-problems tr[data-problem="0"] { display: none; }
svg .node rect { fill: #fff; stroke: var(--ink); stroke-width: 1; rx: 4; }
svg .node.hub rect { fill: var(--bg); stroke-width: 2; }
svg .node text { font: 12px system-ui, sans-serif; fill: var(--ink); }
svg .edge { stroke-width: 2; fill: none; }
svg .edge.up { stroke: var(--ok); } svg .edge.mismatch { stroke: var(--warn); stroke-dasharray: 6 3; }
svg .edge.down { stroke: var(--bad); stroke-dasharray: 2 4; stroke-width: 2.5; }
footer { padding: 12px 32px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); }
@media print { nav, .js-only { display: none !important; } }
"""

JS: Final = """
document.documentElement.classList.add('js');
var box = document.getElementById('only-problems');
if (box) {
  box.addEventListener('change', function () {
    document.body.classList.toggle('only-problems', box.checked);
  });
}
"""

TEMPLATE: Final = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{ csp }}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="flexorch {{ version }}">
<title>flexorch site report: {{ r.site }}</title>
<style>{{ css }}</style>
</head>
<body>
<header>
<h1>FlexVPN site {{ r.site }}</h1>
<p class="meta">Generated {{ r.generated_at | when }} UTC from history store {{ r.store }}
{%- if r.live %} and live verification{% endif %} &middot; flexorch {{ version }}</p>
<div class="cards" id="summary">
  <div class="card {{ 'ok' if r.count('up') == cells else '' }}"><span class="n">{{ r.count('up') }}/{{ cells }}</span><span class="l">tunnels up</span></div>
  <div class="card {{ 'bad' if r.count('down') else '' }}"><span class="n" id="down-count">{{ r.count('down') }}</span><span class="l">tunnels down</span></div>
  <div class="card {{ 'warn' if r.count('mismatch') else '' }}"><span class="n">{{ r.count('mismatch') }}</span><span class="l">tunnels not as intended</span></div>
  <div class="card {{ 'warn' if drifted else '' }}"><span class="n">{{ drifted | length }}</span><span class="l">hosts with drift</span></div>
  {%- for label, run in runs %}
  <div class="card"><span class="n">{% if run %}{{ badge(run.state, run.state) }}{% else %}<span class="empty">none</span>{% endif %}</span><span class="l">last {{ label }}{% if run %} (run {{ run.id }}){% endif %}</span></div>
  {%- endfor %}
</div>
</header>
<nav><a href="#tunnels">Tunnels</a><a href="#diagram">Diagram</a><a href="#rollout">Last rollout</a><a href="#drift">Drift</a><a href="#verify">Verification</a></nav>
<main>
<section id="tunnels">
<h2>Tunnels</h2>
<p class="legend">{{ badge('up', 'READY') }}{{ badge('down', 'DOWN') }}{{ badge('mismatch', 'MISMATCH') }}
Each cell is the tunnel between the row's router and the column's {{ 'hub' if hubs else 'peer' }}, as reported by either end.
DOWN: no SA or not READY; MISMATCH: READY but suite, fragmentation, SGT or NAT-T not as intended.</p>
<label class="js-only"><input type="checkbox" id="only-problems"> Show only problems</label>
{%- if r.rows and r.columns %}
<table class="matrix" id="tunnel-matrix">
<thead><tr><th scope="col">Router \u2193 {{ 'Hub' if hubs else 'Peer' }} \u2192</th>{% for col in r.columns %}<th scope="col">{{ col }}</th>{% endfor %}</tr></thead>
<tbody>
{%- for row in r.rows %}
{%- set cells_of = r.matrix.get(row, {}) %}
<tr data-host="{{ row }}" data-problem="{{ 1 if problem_rows[row] else 0 }}">
<th scope="row">{{ row }}{% if r.hosts[row].role %}<span class="role">{{ r.hosts[row].role }}</span>{% endif %}</th>
{%- for col in r.columns %}
{%- set cell = cells_of.get(col) %}
{%- if row == col %}<td class="none">&mdash;</td>
{%- elif not cell %}<td class="none" data-state="none" title="no tunnel expected or reported">no tunnel</td>
{%- else %}
{%- set v = cell.views[0] %}
<td class="cell state-{{ cell.state }}" data-state="{{ cell.state }}" data-row="{{ row }}" data-col="{{ col }}">
{{ badge(cell.state, state_label(cell)) }}
<span class="attr">{{ v.tunnel }}{% if v.status and v.status not in ('READY', 'unknown') %} &middot; <b>{{ v.status }}</b>{% endif %}</span>
{% if v.fragmentation is not none %}<span class="attr">fragmentation <b>{{ v.fragmentation }}</b></span>{% endif %}
{% if v.sgt is not none %}<span class="attr">SGT <b>{{ v.sgt }}</b></span>{% endif %}
{% for view in cell.views %}{% for p in view.problems %}<span class="problem">{{ view.host }}: {{ p }}</span>
{% endfor %}{% endfor %}
{% if cell.views | length > 1 or v.suite %}
<details><summary>both ends</summary>{% for view in cell.views %}<div class="attr">{{ view.host }} {{ view.tunnel }}: <b>{{ view.status }}</b>{% if view.suite %}, {{ view.suite }}{% endif %}{% if view.run_id %} (run {{ view.run_id }}){% else %} (live){% endif %}</div>{% endfor %}</details>
{%- endif %}
</td>
{%- endif %}
{%- endfor %}
</tr>
{%- endfor %}
</tbody>
</table>
{%- else %}
<p class="empty">No verification results recorded for this site yet.</p>
{%- endif %}
{%- if unplaced %}
<h3>Other tunnels and checks</h3>
<table id="other-tunnels"><thead><tr><th>Router</th><th>Tunnel</th><th>State</th><th>Status</th><th>Problems</th></tr></thead><tbody>
{%- for t in unplaced %}
<tr data-problem="{{ 0 if t.state == 'up' else 1 }}"><td>{{ t.host }}</td><td>{{ t.tunnel }}{% if t.peer %} to {{ t.peer }}{% endif %}</td><td>{{ badge(t.state, t.state | upper) }}</td><td>{{ t.status }}</td><td>{{ t.problems | join('; ') }}</td></tr>
{%- endfor %}
</tbody></table>
{%- endif %}
</section>

<section id="diagram">
<h2>Diagram</h2>
{%- if svg %}
{{ svg }}
<p class="legend">Solid green line: READY &middot; long dashes, amber: MISMATCH &middot; dotted red: DOWN. Hover a line for its routers.</p>
{%- else %}
<p class="empty">{{ svg_note }}</p>
{%- endif %}
</section>

<section id="rollout">
<h2>Last rollout</h2>
{{ run_table(r.last_rollout) }}
</section>

<section id="drift">
<h2>Drift</h2>
{%- if r.last_drift %}
<p>Run {{ r.last_drift.id }} by {{ r.last_drift.user }}, {{ r.last_drift.started_at | when }} UTC: {{ badge(r.last_drift.state, r.last_drift.state) }}</p>
{%- for name in drift_hosts %}
{%- set h = r.hosts[name] %}
<details class="drift-host" id="drift-{{ name }}" data-host="{{ name }}" {% if h.drift %}open{% endif %}>
<summary>{{ name }}: {% if h.drift %}{{ h.drift | length }} finding{{ 's' if h.drift | length != 1 }}{% else %}no drift{% endif %}</summary>
{%- if h.drift %}
<table class="findings"><thead><tr><th>Kind</th><th>Section</th><th>Change</th><th>Line</th><th>Detail</th></tr></thead><tbody>
{%- for f in h.drift %}
<tr><td>{{ f.kind }}</td><td class="mono">{{ f.section }}</td><td class="change-{{ f.change }}">{{ {'missing': '\u2212 missing', 'extra': '+ extra', 'changed': '~ changed'}[f.change] }}</td><td class="mono">{{ f.line }}</td><td>{{ f.detail }}</td></tr>
{%- endfor %}
</tbody></table>
{%- endif %}
</details>
{%- endfor %}
{%- else %}
<p class="empty">No drift run recorded for this site.</p>
{%- endif %}
</section>

<section id="verify">
<h2>Verification</h2>
{{ run_table(r.last_verify, checks=True) }}
</section>
</main>
<footer>flexorch site report &middot; self-contained page, no network access &middot; secrets masked</footer>
<script>{{ js }}</script>
</body>
</html>
"""

RUN_TABLE: Final = """{% macro run_table(run, checks=False) %}
{%- if not run %}<p class="empty">None recorded for this site.</p>
{%- else %}
<p>Run {{ run.id }} ({{ run.command }}) by {{ run.user }}, {{ run.started_at | when }} UTC,
{% if run.duration_s is not none %}{{ '%.1f' | format(run.duration_s) }} s{% else %}not finished{% endif %}:
{{ badge(run.state, run.state) }}</p>
<table class="hosts"><thead><tr><th>Host</th><th>Role</th><th>Status</th><th>Step reached</th><th>Message</th>{% if checks %}<th>Checks passed</th>{% else %}<th>Lines sent</th><th>Backup</th>{% endif %}</tr></thead><tbody>
{%- for h in run.hosts %}
<tr data-problem="{{ 1 if h.problem else 0 }}"><th scope="row">{{ h.host }}</th><td>{{ h.role or '' }}</td><td>{{ badge(h.status, h.status) }}</td><td>{{ h.step }}</td><td>{{ h.message }}</td>
{%- if checks %}
<td>{{ h.verification | selectattr('ok') | list | length }} of {{ h.verification | length }}</td>
{%- else %}
<td>{% if h.lines_sent %}<details><summary>{{ h.lines_sent | length }} line{{ 's' if h.lines_sent | length != 1 }}</summary><pre class="mono">{{ h.lines_sent | join('\\n') }}</pre></details>{% else %}0{% endif %}</td>
<td class="mono">{{ h.backup_path or '' }}</td>
{%- endif %}</tr>
{%- endfor %}
</tbody></table>
{%- endif %}
{% endmacro %}"""
