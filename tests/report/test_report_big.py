"""The report of a big site (generated history, one hub and 300 spokes, 5 broken, one spoke
unreachable in the newest run): every problem at the top with its cause, compact tiles, a
grouped diagram, passing hosts collapsed into counts (issue 14, item 3)."""

from __future__ import annotations

import re
from pathlib import Path

from gen_history import BigSite, seed_big

from flexorch.history import open_store
from flexorch.report.html import render_site_html
from flexorch.report.site import SiteReport, build_site_report


def big_report(tmp_path: Path, spokes: int, hubs: int = 1) -> tuple[BigSite, SiteReport]:
    with open_store(str(tmp_path / "big.sqlite3")) as store:
        site = seed_big(store, spokes=spokes, hubs=hubs)
        return site, build_site_report(store, site.site)


def test_problems_come_first_with_their_causes(tmp_path: Path) -> None:
    site, report = big_report(tmp_path, 300)
    assert sorted(site.broken) == ["s00017", "s00077", "s00137", "s00197", "s00257"]
    assert site.unreachable == "s00154"
    problems = report.problems()
    tunnels = {(p.router, p.peer): p for p in problems if p.peer}
    # Every broken spoke's tunnel, with the cause the verify run recorded.
    assert {r for r, _ in tunnels} == {*site.broken, "s00154"}
    assert tunnels[("s00017", "hub")].state == "down"
    assert ("NO_PROPOSAL_CHOSEN at IKE_SA_INIT: s00017 offers DH 19 only, hub policy POL "
            "requires 21/20") in tunnels[("s00017", "hub")].cause
    assert tunnels[("s00137", "hub")].state == "mismatch"
    assert tunnels[("s00154", "hub")].state == "unchecked"
    assert [p.state for p in problems][:4] == ["down", "down", "down", "down"]

    html = render_site_html(report)
    top = html[:html.index('<section id="tunnels">')]
    for spoke, cause in site.broken.items():
        row = re.search(rf'<tr data-host="{spoke}" data-peer="hub"[^>]*>.*?</tr>', top)
        assert row is not None, spoke
        assert cause.split(":")[0] in row.group(0)
    assert '<tr data-host="s00154" data-peer="" data-state="unreachable">' in top


def test_big_site_is_compact(tmp_path: Path) -> None:
    _, report = big_report(tmp_path, 300)
    html = render_site_html(report)
    assert '<body data-big="1">' in html
    assert 'id="tunnel-matrix"' not in html and html.count('<div class="tile ') == 300
    assert html.count('data-problem="1"') > 5
    # Passing hosts are a count, not a table row each.
    drift = html[html.index('<section id="drift">'):html.index('<section id="verify">')]
    assert drift.count("<details") == 6  # 5 drifted, 1 not checked
    assert "295 hosts without drift: hub, s00001, s00002" in drift
    verify = html[html.index('<section id="verify">'):]
    assert verify.count("<tr data-problem") == 6  # the hub and the 5 broken spokes
    assert "295 hosts without problems: s00001" in verify
    # Grouped diagram: one group of 300 spokes by state, the 6 with problems drawn alone.
    svg = html[html.index("<svg"):html.index("</svg>")]
    assert "<title>300 routers with tunnels to hub: 294 up, 4 down, 1 mismatch, 1 unchecked" \
        in svg
    assert svg.count('class="node other problem"') == 6
    assert len(html) < 400_000


def test_two_hubs_group_by_the_hubs_reached(tmp_path: Path) -> None:
    _, report = big_report(tmp_path, 80, hubs=2)
    html = render_site_html(report)
    svg = html[html.index("<svg"):html.index("</svg>")]
    assert "80 routers with tunnels to hub-r1, hub-r2" in svg
    assert svg.count('class="node hub"') == 2
