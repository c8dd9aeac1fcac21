"""SiteReport from the store: the matrix and drift details the page is built on."""

from __future__ import annotations

from pathlib import Path

import pytest

from flexorch.errors import BadInputError
from flexorch.history import HostRecord, open_store
from flexorch.report.html import render_site_html
from flexorch.report.site import MatrixCell, build_site_report


def states(matrix: dict[str, dict[str, MatrixCell]]) -> dict[str, dict[str, str]]:
    return {row: {col: cell.state for col, cell in cells.items()} for row, cells in matrix.items()}


def test_matrix_from_the_recorded_site(site_db: tuple[str, dict[str, int]]) -> None:
    url, ids = site_db
    with open_store(url) as store:
        report = build_site_report(store, "hub1")
    assert report.columns == ("hub1-r1", "hub1-r2")
    assert report.rows == ("client1", "spoke1", "spoke2", "spoke3")
    assert states(report.matrix) == {
        "client1": {"hub1-r1": "up"},
        "spoke1": {"hub1-r1": "up", "hub1-r2": "up"},
        "spoke2": {"hub1-r1": "mismatch", "hub1-r2": "up"},
        "spoke3": {"hub1-r1": "up", "hub1-r2": "down"},
    }
    assert (report.count("up"), report.count("down"), report.count("mismatch")) == (5, 1, 1)
    # The down tunnel is reported by both ends: spoke3 sees DELETED, hub1-r2 sees no SA.
    down = report.matrix["spoke3"]["hub1-r2"]
    assert [(v.host, v.tunnel, v.status) for v in down.views] == [
        ("spoke3", "Tunnel2", "DELETED"), ("hub1-r2", "Virtual-Access3", "missing")]
    assert down.views[0].problems == ("status: expected READY, observed DELETED",)
    assert down.views[1].problems == ("peer: expected present, observed (none)",)
    mismatch = report.matrix["spoke2"]["hub1-r1"].views[0]
    assert (mismatch.status, mismatch.fragmentation, mismatch.sgt) == ("READY", "none", "enabled")
    assert mismatch.problems == ("fragmentation: expected ietf, observed none",)
    assert report.matrix["client1"]["hub1-r1"].views[0].sgt is None
    assert all(v.run_id == ids["verify"] for v in report.tunnels)
    # Runs and drift details.
    assert report.last_rollout is not None and report.last_rollout.id == ids["rollout"]
    assert report.last_drift is not None and report.last_drift.id == ids["drift"]
    assert report.last_verify is not None and report.last_verify.id == ids["verify"]
    assert [(f.kind, f.section, f.change) for f in report.hosts["spoke2"].drift] == [
        ("config", "crypto ikev2 profile FLEX-PROFILE", "missing"),
        ("config", "interface Tunnel1", "changed"),
        ("operational", "Tunnel1 to hub1-r1", "changed")]
    assert report.hosts["spoke1"].drift == ()
    assert report.hosts["client1"].role == "client"


def test_live_records_override_the_recorded_verification(
    site_db: tuple[str, dict[str, int]]
) -> None:
    url, _ = site_db
    live = [HostRecord(host="spoke3", role="spoke", step="done", status="ok", verification=[
        {"tunnel": "Tunnel2", "peer": "hub1-r2", "check": "status", "expected": "READY",
         "observed": "READY", "ok": True}])]
    with open_store(url) as store:
        report = build_site_report(store, "hub1", live=live)
    cell = report.matrix["spoke3"]["hub1-r2"]
    assert report.last_verify is not None
    verify = report.last_verify.id
    assert [(v.host, v.status, v.run_id) for v in cell.views] == [
        ("spoke3", "READY", None), ("hub1-r2", "missing", verify)]
    # The newest side decides; the hub's older side is named as older, not hidden.
    assert cell.state == "up"
    assert len(cell.stale) == 1
    assert cell.stale[0].startswith(f"hub1-r2's side is older: verify run {verify} (")
    assert cell.stale[0].endswith("said missing; live verify is newer")
    assert report.live is True


def test_site_without_runs_is_bad_input(site_db: tuple[str, dict[str, int]]) -> None:
    url, _ = site_db
    with open_store(url) as store, pytest.raises(BadInputError) as err:
        build_site_report(store, "hub9")
    assert str(err.value).startswith(
        f"no finished rollout, drift or verify run of site 'hub9' in history store {url}")


def test_without_roles_every_peer_is_a_column(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "h.sqlite3")) as store:
        run = store.start_run("verify", "lab")
        store.record_hosts(run, [
            HostRecord(host="a", step="done", status="ok", verification=[
                {"tunnel": "Tunnel1", "peer": "b", "check": "status", "expected": "READY",
                 "observed": "READY", "ok": True},
                {"tunnel": "Tunnel9", "check": "status", "expected": "READY",
                 "observed": "IN-NEG", "ok": False},
                {"tunnel": "-", "check": "unexpected_peers", "expected": "none",
                 "observed": "none", "ok": True}]),
        ])
        store.finish_run(run, "failed")
        report = build_site_report(store, "lab")
    assert (report.columns, report.rows) == (("b",), ("a",))
    assert states(report.matrix) == {"a": {"b": "up"}}
    # The tunnel without a known peer is still reported (on the page: "Other tunnels").
    assert [(t.tunnel, t.state, t.status) for t in report.tunnels] == [
        ("Tunnel1", "up", "READY"), ("Tunnel9", "down", "IN-NEG"), ("-", "up", "unknown")]
    html = render_site_html(report)
    assert "Router \u2193 Peer \u2192" in html
    other = html[html.index('<table id="other-tunnels">'):]
    other = other[:other.index("</table>")]
    assert "<td>a</td><td>Tunnel9</td>" in other and "<td>IN-NEG</td>" in other
    assert "Tunnel1" not in other  # placed in the matrix, not repeated
    assert "unexpected_peers" not in html and "<td>-</td>" not in other  # passing host check
    assert "No hub roles recorded for this site." in html


def test_site_with_only_a_rollout_renders_without_a_matrix(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "h.sqlite3")) as store:
        run = store.start_run("rollout", "hub2")
        store.record_host(run, HostRecord(host="hub2-r1", role="hub", step="push",
                                          status="failed", message="% Invalid input detected"))
        store.finish_run(run, "failed")
        report = build_site_report(store, "hub2")
    assert (report.columns, report.rows, report.matrix) == (("hub2-r1",), (), {})
    html = render_site_html(report)
    assert "No verification results recorded for this site yet." in html
    assert "No drift run recorded for this site." in html
    assert "% Invalid input detected" in html
