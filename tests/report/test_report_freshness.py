"""A report never shows a router it could not read as healthy, and says when a tunnel's two
sides come from different runs (issue 14, item 1)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from report_site_data import ok_tunnel

from flexorch.history import HostRecord, open_store
from flexorch.report.html import render_site_html
from flexorch.report.site import build_site_report
from flexorch.report.sources import age


def test_unreachable_spoke_is_unreachable_not_healthy(
    site_db: tuple[str, dict[str, int]]
) -> None:
    url, _ = site_db
    with open_store(url) as store:
        # A later drift run: spoke1 could not be reached; the hub still shows its SA READY.
        drift = store.start_run("drift", "hub1", "cron")
        store.record_hosts(drift, [
            HostRecord(host="hub1-r1", role="hub", step="done", status="clean",
                       verification=ok_tunnel("Virtual-Access1", "spoke1")),
            HostRecord(host="spoke1", role="spoke", step="connect", status="unreachable",
                       message="TCP connection to 127.0.0.1:2201 timed out"),
        ])
        store.finish_run(drift, "failed", {})
        report = build_site_report(store, "hub1")

    spoke1 = report.hosts["spoke1"]
    assert (spoke1.reachable, spoke1.status, spoke1.drift_status) == (
        False, "unreachable", "unreachable")
    assert spoke1.source is not None and spoke1.source.label() == f"drift run {drift}"
    cell = report.matrix["spoke1"]["hub1-r1"]
    assert cell.state == "unchecked"  # the hub's READY alone does not make it healthy
    assert cell.unread == ("spoke1",)
    assert cell.cause().startswith("spoke1 could not be read")
    problems = {(p.router, p.peer, p.state) for p in report.problems()}
    assert ("spoke1", None, "unreachable") in problems
    assert ("spoke1", "hub1-r1", "unchecked") in problems

    html = render_site_html(report)
    drift_part = html[html.index('<section id="drift">'):html.index('<section id="verify">')]
    assert "spoke1: NOT CHECKED: could not be read (unreachable)" in drift_part
    assert "spoke1: no drift" not in html
    assert 'data-row="spoke1" data-col="hub1-r1"' in html
    top = html[:html.index('<section id="tunnels">')]
    assert '<tr data-host="spoke1" data-peer="" data-state="unreachable">' in top
    assert "TCP connection to 127.0.0.1:2201 timed out" in top


def test_fixed_spoke_marks_the_older_hub_side_until_the_hub_is_read_again(
    site_db: tuple[str, dict[str, int]]
) -> None:
    url, ids = site_db
    with open_store(url) as store:
        # A rollout fixed spoke3 and verified it; the hub was not read again.
        rollout = store.start_run("rollout", "hub1", "ops")
        store.record_hosts(rollout, [
            HostRecord(host="hub1-r2", role="hub", step="done", status="ok"),
            HostRecord(host="spoke3", role="spoke", step="done", status="changed",
                       verification=ok_tunnel("Tunnel1", "hub1-r1")
                       + ok_tunnel("Tunnel2", "hub1-r2")),
        ])
        store.finish_run(rollout, "ok", {})
        before = build_site_report(store, "hub1")
        # The same rollout after the hub's side of the changed spoke is read again.
        reread = store.start_run("rollout", "hub1", "ops")
        store.record_hosts(reread, [
            HostRecord(host="hub1-r2", role="hub", step="done", status="ok",
                       verification=ok_tunnel("Virtual-Access3", "spoke3")),
            HostRecord(host="spoke3", role="spoke", step="done", status="changed",
                       verification=ok_tunnel("Tunnel2", "hub1-r2")),
        ])
        store.finish_run(reread, "ok", {})
        after = build_site_report(store, "hub1")

    cell = before.matrix["spoke3"]["hub1-r2"]
    assert cell.state == "up"  # the spoke's fresh READY decides, not the hub's older view
    assert [(v.host, v.run_id) for v in cell.views] == [
        ("spoke3", rollout), ("hub1-r2", ids["verify"])]
    (note,) = cell.stale
    assert note.startswith(f"hub1-r2's side is older: verify run {ids['verify']} (")
    assert note.endswith(f"said missing; rollout run {rollout} is newer")
    assert before.count("down") == 0
    html = render_site_html(before)
    assert f"\u2248 hub1-r2&#39;s side is older: verify run {ids['verify']}" in html

    cell = after.matrix["spoke3"]["hub1-r2"]
    assert (cell.state, cell.stale) == ("up", ())
    assert {v.run_id for v in cell.views} == {reread}
    assert after.count("down") == 0 and after.problems()[0].state != "down"


def test_every_card_and_cell_names_its_run_and_age(site_db: tuple[str, dict[str, int]]) -> None:
    url, ids = site_db
    with open_store(url) as store:
        started = store.get_run(ids["verify"]).started_at
        report = build_site_report(store, "hub1", now=started + timedelta(hours=3, minutes=5))
    html = render_site_html(report)
    stamp = started.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    verify = f"verify run {ids['verify']}, {stamp} (3 h 5 min ago)"
    cards = html[html.index('<div class="cards"'):html.index("</header>")]
    brief = f"verify run {ids['verify']}, 3 h 5 min ago"
    assert cards.count(f'<span class="src">{brief}</span>') == 3  # up, down, not as intended
    assert f'<span class="src">drift run {ids["drift"]}, 3 h 5 min ago</span>' in cards
    assert "3 h 5 min before this report" in cards
    assert f"Data from: verify run {ids['verify']}, {stamp} (3 h 5 min ago); drift run" in html
    cell = html[html.index('data-row="spoke1" data-col="hub1-r1"'):]
    assert cell[:cell.index("</td>")].count(f'<span class="src">{verify}</span>') == 1


def test_age_wording() -> None:
    now = datetime(2026, 12, 3, 18, 0, tzinfo=UTC)
    assert age(now - timedelta(seconds=59), now) == "just now"
    assert age(now - timedelta(minutes=12), now) == "12 min"
    assert age(now - timedelta(hours=2), now) == "2 h"
    assert age(now - timedelta(hours=49), now) == "2 days"
