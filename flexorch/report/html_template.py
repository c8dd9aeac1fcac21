# ruff: noqa: E501 - embedded HTML: markup lines read better unbroken than split for width
"""The site report page's Jinja2 template (CSS and JS are in ``html_assets``).

Layout, top first: header cards (each says which run it is from and how old that is), the
problems table, the tunnels (a matrix for small sites, one compact tile per router for big
ones), the diagram, then the last rollout, drift and verification. One switch ("only
problems") filters tunnels, drift and verification alike: elements with ``data-problem="0"``.
"""

from __future__ import annotations

from typing import Final

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
<body data-big="{{ 1 if big else 0 }}">
<header>
<h1>FlexVPN site {{ r.site }}</h1>
<p class="meta">Generated {{ r.generated_at | when }} UTC from history store {{ r.store }} &middot; flexorch {{ version }}</p>
<p class="meta" id="sources">Data from: {% for s in r.sources %}{{ ago(s) }}{{ '; ' if not loop.last }}{% endfor %}</p>
<div class="cards" id="summary">
  <div class="card {{ 'ok' if r.count('up') == cells else '' }}"><span class="n">{{ r.count('up') }}/{{ cells }}</span><span class="l">tunnels up</span><span class="src">{{ cell_sources }}</span></div>
  <div class="card {{ 'bad' if r.count('down') else '' }}"><span class="n" id="down-count">{{ r.count('down') }}</span><span class="l">tunnels down</span><span class="src">{{ cell_sources }}</span></div>
  <div class="card {{ 'warn' if r.count('mismatch') else '' }}"><span class="n">{{ r.count('mismatch') }}</span><span class="l">not as intended</span><span class="src">{{ cell_sources }}</span></div>
  <div class="card {{ 'bad' if unreachable else '' }}"><span class="n" id="unreachable-count">{{ unreachable | length }}</span><span class="l">routers unreachable</span><span class="src">newest run of each; {{ r.count('unchecked') }} tunnel{{ 's' if r.count('unchecked') != 1 }} unchecked</span></div>
  <div class="card {{ 'warn' if drifted else '' }}"><span class="n">{{ drifted | length }}</span><span class="l">hosts with drift</span><span class="src">{{ drift_sources }}</span></div>
  {%- for label, run in runs %}
  <div class="card"><span class="n">{% if run %}{{ badge(run.state, run.state) }}{% else %}<span class="empty">none</span>{% endif %}</span><span class="l">last {{ label }}{% if run %} (run {{ run.id }}){% endif %}</span>{% if run %}<span class="src" title="{{ run.started_at | when }} UTC">{{ age(run.started_at) }}</span>{% endif %}</div>
  {%- endfor %}
</div>
</header>
<nav><a href="#problems">Problems</a><a href="#tunnels">Tunnels</a><a href="#diagram">Diagram</a><a href="#rollout">Last rollout</a><a href="#drift">Drift</a><a href="#verify">Verification</a></nav>
<main>
<p class="controls js-only"><label><input type="checkbox" id="only-problems"> Show only problems (tunnels, drift, verification)</label></p>
<section id="problems">
<h2>Problems ({{ problems | length }})</h2>
{%- if problems %}
<table id="problems-table"><thead><tr><th>Router</th><th>Peer</th><th>State</th><th>Cause</th><th>From</th></tr></thead><tbody>
{%- for p in problems %}
<tr data-host="{{ p.router }}" data-peer="{{ p.peer or '' }}" data-state="{{ p.state }}"><th scope="row">{{ p.router }}</th><td>{{ p.peer or '' }}</td><td>{{ badge(p.state, p.state | upper) }}</td><td>{{ p.cause }}</td><td class="src"{% if p.source %} title="{{ ago(p.source) }}"{% endif %}>{% if p.source %}{{ brief(p.source) }}{% endif %}</td></tr>
{%- endfor %}
</tbody></table>
{%- else %}
<p class="empty">No problems: every tunnel up and every router read in its newest run.</p>
{%- endif %}
</section>
<section id="tunnels">
<h2>Tunnels</h2>
<p class="legend">{{ badge('up', 'READY') }}{{ badge('down', 'DOWN') }}{{ badge('mismatch', 'MISMATCH') }}{{ badge('unchecked', 'UNCHECKED') }}
Each {{ 'tile lists a router\\'s tunnels to its hubs' if big else 'cell is the tunnel between the row\\'s router and the column\\'s ' ~ ('hub' if hubs else 'peer') }}, as reported by either end (hover for details).
DOWN: no SA or not READY; MISMATCH: READY but suite, fragmentation, SGT or NAT-T not as intended; UNCHECKED: an end could not be read in its newest run.
\u2248 marks a tunnel whose two sides come from different runs.</p>
{%- if r.rows and r.columns and big %}
<div class="tiles" id="tunnel-tiles">
{%- for row in r.rows %}
{%- set cells_of = r.matrix.get(row, {}) %}
<div class="tile state-{{ row_state[row] }}" data-host="{{ row }}" data-problem="{{ 1 if problem_rows[row] else 0 }}">{{ row }}
{%- for col, cell in cells_of.items() %}<span class="mini s-{{ cell.state }}" data-row="{{ row }}" data-col="{{ col }}" data-state="{{ cell.state }}" title="{{ col }}: {{ state_label(cell) }}{% if cell.cause() %}: {{ cell.cause() }}{% endif %} ({{ ago(cell.source) }}){% for s in cell.stale %}; {{ s }}{% endfor %}">{{ icon(cell.state) }}</span>{% if cell.stale %}<span class="mini" title="{{ cell.stale | join('; ') }}">\u2248</span>{% endif %}
{%- endfor %}{% if not cells_of and not r.hosts[row].reachable %}<span class="mini s-unreachable" title="{{ r.hosts[row].message }}">{{ icon('unreachable') }}</span>{% endif %}</div>
{%- endfor %}
</div>
{%- elif r.rows and r.columns %}
<table class="matrix" id="tunnel-matrix">
<thead><tr><th scope="col">Router \u2193 {{ 'Hub' if hubs else 'Peer' }} \u2192</th>{% for col in r.columns %}<th scope="col">{{ col }}</th>{% endfor %}</tr></thead>
<tbody>
{%- for row in r.rows %}
{%- set cells_of = r.matrix.get(row, {}) %}
<tr data-host="{{ row }}" data-problem="{{ 1 if problem_rows[row] else 0 }}">
<th scope="row">{{ row }}{% if r.hosts[row].role %}<span class="role">{{ r.hosts[row].role }}</span>{% endif %}{% if not r.hosts[row].reachable %} {{ badge('unreachable', 'UNREACHABLE') }}{% endif %}</th>
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
{% for name in cell.unread %}<span class="problem">{{ name }} could not be read in its newest run ({{ ago(r.hosts[name].source) }}): {{ r.hosts[name].message }}</span>
{% endfor %}{% for view in cell.views %}{% if view.source == cell.source %}{% for p in view.problems %}<span class="problem">{{ view.host }}: {{ p }}</span>
{% endfor %}{% for c in view.causes %}<span class="problem">cause: {{ c }}</span>
{% endfor %}{% endif %}{% endfor %}{% for s in cell.stale %}<span class="stale">\u2248 {{ s }}</span>
{% endfor %}<span class="src">{{ ago(cell.source) }}</span>
{% if cell.views | length > 1 or v.suite %}
<details><summary>both ends</summary>{% for view in cell.views %}<div class="attr">{{ view.host }} {{ view.tunnel }}: <b>{{ view.status }}</b>{% if view.suite %}, {{ view.suite }}{% endif %} ({{ ago(view.source) }}){% for p in view.problems %}; {{ p }}{% endfor %}</div>{% endfor %}</details>
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
<table id="other-tunnels"><thead><tr><th>Router</th><th>Tunnel</th><th>State</th><th>Status</th><th>Problems</th><th>From</th></tr></thead><tbody>
{%- for t in unplaced %}
<tr data-problem="{{ 0 if t.state == 'up' else 1 }}"><td>{{ t.host }}</td><td>{{ t.tunnel }}{% if t.peer %} to {{ t.peer }}{% endif %}</td><td>{{ badge(t.state, t.state | upper) }}</td><td>{{ t.status }}</td><td>{{ t.problems | join('; ') }}</td><td class="src">{{ ago(t.source) }}</td></tr>
{%- endfor %}
</tbody></table>
{%- endif %}
</section>

<section id="diagram">
<h2>Diagram</h2>
{%- if svg %}
{{ svg }}
<p class="legend">Solid green line: READY &middot; long dashes, amber: MISMATCH &middot; dotted red: DOWN &middot; dash-dot, purple: UNCHECKED.{% if big %} Spokes are grouped by the hubs they reach (counts by state); every spoke with a problem is drawn on its own.{% endif %} Hover a line or box for its routers.</p>
{%- else %}
<p class="empty">{{ svg_note }}</p>
{%- endif %}
</section>

<section id="rollout">
<h2>Last rollout</h2>
{{ run_table(r.last_rollout) }}
{%- if r.failed_rollout %}
<h3>Failed since</h3>
{{ run_table(r.failed_rollout) }}
{%- endif %}
</section>

<section id="drift">
<h2>Drift</h2>
{%- if drift_hosts %}
{%- for name in drift_hosts %}
{%- set h = r.hosts[name] %}
{%- if h.drift or h.drift_status in ('unreachable', 'failed') %}
<details class="drift-host" id="drift-{{ name }}" data-host="{{ name }}" data-problem="1" open>
<summary>{{ name }}: {% if h.drift %}{{ h.drift | length }} finding{{ 's' if h.drift | length != 1 }}{% else %}NOT CHECKED: could not be read ({{ h.drift_status }}){% endif %} &middot; {{ ago(h.drift_source) }}</summary>
{%- if h.drift %}
<table class="findings"><thead><tr><th>Kind</th><th>Section</th><th>Change</th><th>Line</th><th>Detail</th></tr></thead><tbody>
{%- for f in h.drift %}
<tr><td>{{ f.kind }}</td><td class="mono">{{ f.section }}</td><td class="change-{{ f.change }}">{{ {'missing': '\u2212 missing', 'extra': '+ extra', 'changed': '~ changed'}[f.change] }}</td><td class="mono">{{ f.line }}</td><td>{{ f.detail }}</td></tr>
{%- endfor %}
</tbody></table>
{%- endif %}
</details>
{%- endif %}
{%- endfor %}
{%- if clean_drift %}
<p class="passing" data-problem="0">{{ clean_drift | length }} host{{ 's' if clean_drift | length != 1 }} without drift: {{ clean_drift | join(', ') }}</p>
{%- endif %}
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
<p>Run {{ run.id }} ({{ run.command }}) by {{ run.user }}, {{ run.started_at | when }} UTC ({{ age(run.started_at) }}),
{% if run.duration_s is not none %}{{ '%.1f' | format(run.duration_s) }} s{% else %}not finished{% endif %}:
{{ badge(run.state, run.state) }}</p>
{%- if run.args.get('ticket') or run.args.get('comment') %}
<p class="ticket">{% if run.args.get('ticket') %}Ticket <strong>{{ run.args.get('ticket') }}</strong>{% endif %}{% if run.args.get('ticket') and run.args.get('comment') %}: {% endif %}{{ run.args.get('comment') or '' }}</p>
{%- endif %}
{%- set shown = run.hosts | selectattr('problem') | list if big else run.hosts %}
{%- if shown %}
<table class="hosts"><thead><tr><th>Host</th><th>Role</th><th>Status</th><th>Step reached</th><th>Message</th>{% if checks %}<th>Checks passed</th>{% else %}<th>Lines sent</th><th>Backup</th>{% endif %}</tr></thead><tbody>
{%- for h in shown %}
<tr data-problem="{{ 1 if h.problem else 0 }}"><th scope="row">{{ h.host }}</th><td>{{ h.role or '' }}</td><td>{{ badge(h.status, h.status) }}</td><td>{{ h.step }}</td><td>{{ h.message }}</td>
{%- if checks %}
<td>{{ h.verification | selectattr('ok') | list | length }} of {{ h.verification | length }}</td>
{%- else %}
<td>{% if h.lines_sent %}<details><summary>{{ h.lines_sent | length }} line{{ 's' if h.lines_sent | length != 1 }}</summary><pre class="mono">{{ h.lines_sent | join('\\n') }}</pre></details>{% else %}0{% endif %}</td>
<td class="mono">{{ h.backup_path or '' }}</td>
{%- endif %}</tr>
{%- endfor %}
</tbody></table>
{%- else %}
<p class="empty">No host with a problem.</p>
{%- endif %}
{%- if big %}
{%- set passing = run.hosts | rejectattr('problem') | map(attribute='host') | list %}
{%- if passing %}<p class="passing" data-problem="0">{{ passing | length }} host{{ 's' if passing | length != 1 }} without problems: {{ passing | join(', ') }}</p>{% endif %}
{%- endif %}
{%- endif %}
{% endmacro %}"""
