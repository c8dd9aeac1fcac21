"""A drift run as findings, history records, JUnit, text and the site report — from hand-made
configs and comparisons, recorded in a real SQLite store."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import click
import pytest

from flexorch.drift.config import config_drift
from flexorch.drift.record import host_record, junit, outcome, record_run
from flexorch.drift.report import DriftReport, HostDrift
from flexorch.drift.text import report_text
from flexorch.history import open_store
from flexorch.verify import Comparison
from tests.drift.configs import INTENDED, PSK, RUNNING, edit

DPD = edit(RUNNING, (" dpd 30 5 on-demand\n", " dpd 10 3 periodic\n"),
           ("  address 192.0.2.1\n", "  address 192.0.2.77\n"))
WRONG_PSK = "Wrong-Key-Typed-On-The-Router-55"


def _ok(host: str, peer: str, tunnel: str, check: str, value: str) -> Comparison:
    return Comparison(host, peer, tunnel, check, value, value, True)  # type: ignore[arg-type]


def _spoke() -> HostDrift:
    comparisons = [
        Comparison("spoke", "hub1", "Tunnel0", "status", "READY", "absent", False),
        Comparison("spoke", None, "tunnel-id 7", "unexpected_peers", "none",
                   "203.0.113.9 (READY)", False, "an SA with a peer the intent does not know"),
        _ok("spoke", "hub2", "Tunnel1", "status", "READY"),
        Comparison("spoke", "hub2", "Tunnel1", "fragmentation", "ietf mtu 1200", "none", False),
    ]
    return HostDrift("spoke", "spoke", "drift", config=config_drift(DPD, INTENDED),
                     comparisons=comparisons)


def _report() -> DriftReport:
    clean = HostDrift("hub1", "hub", "clean", config=config_drift(INTENDED, INTENDED),
                      comparisons=[_ok("hub1", "spoke", "Virtual-Template1", "status", "READY")])
    down = HostDrift("spoke9", "spoke", "unreachable", "authentication failed")
    return DriftReport("hub1", [clean, _spoke(), down])


def test_config_findings_carry_section_line_change_and_intent() -> None:
    findings = [f for f in _spoke().findings() if f.kind == "config"]
    assert [(f.section, f.line, f.change, f.detail) for f in findings] == [
        ("crypto ikev2 keyring FLEX_KEYS", "  address 192.0.2.77", "changed",
         "intended: address 192.0.2.1; under peer hub1"),
        ("crypto ikev2 profile FLEX", " dpd 10 3 periodic", "changed",
         "intended: dpd 30 5 on-demand"),
    ]
    dpd = findings[1].model_dump()
    assert (dpd["intended"], dpd["observed"], dpd["path"]) == (
        "dpd 30 5 on-demand", "dpd 10 3 periodic", [])


def test_operational_findings_name_tunnel_check_and_values() -> None:
    findings = [f for f in _spoke().findings() if f.kind == "operational"]
    assert [(f.section, f.line, f.change, f.detail) for f in findings] == [
        ("Tunnel0 to hub1", "status", "missing", "expected READY, observed absent"),
        ("tunnel-id 7", "unexpected_peers", "extra",
         "expected none, observed 203.0.113.9 (READY); an SA with a peer the intent does not "
         "know"),
        ("Tunnel1 to hub2", "fragmentation", "changed", "expected ietf mtu 1200, observed none"),
    ]


def test_host_records_and_outcome() -> None:
    report = _report()
    records = {r.host: r for r in (host_record(h) for h in report.hosts)}
    assert (records["hub1"].status, records["hub1"].step) == ("clean", "done")
    assert records["hub1"].message == "no drift"
    assert (records["spoke"].status, records["spoke"].step) == ("drift", "done")
    assert records["spoke"].message == ("2 config lines in 2 sections; "
                                        "3 failed checks on 3 tunnels")
    assert len(records["spoke"].verification) == 4  # passed checks too (tunnel matrix)
    assert (records["spoke9"].status, records["spoke9"].step, records["spoke9"].message) == (
        "unreachable", "connect", "authentication failed")
    assert outcome(report) == "drift"
    assert outcome(DriftReport("s", [report.hosts[0], report.hosts[2]])) == "failed"
    assert outcome(DriftReport("s", [report.hosts[0]])) == "ok"
    assert not report.ok
    assert report.summary() == {"hosts": 3, "clean": 1, "drift": 1, "unreachable": 1,
                                "failed": 0, "config_sections": 2, "config_lines": 2,
                                "operational": 3, "unconfirmed": 0}


def test_recorded_run_reads_back_and_holds_no_secret(tmp_path: Path) -> None:
    psk_drift = config_drift(edit(RUNNING, (f"  pre-shared-key {PSK}\n",
                                            f"  pre-shared-key {WRONG_PSK}\n")), INTENDED)
    report = _report()
    report.hosts.append(HostDrift("spoke2", "spoke", "drift", config=psk_drift))
    url = str(tmp_path / "history.sqlite3")
    record_run(report, {"host": None, "remediate": False}, url=url)
    assert report.history_error is None
    assert report.run_id is not None
    store = open_store(url)
    try:
        run = store.get_run(report.run_id)
    finally:
        store.close()
    assert (run.command, run.site, run.outcome) == ("drift", "hub1", "drift")
    assert run.summary["drift"] == 2
    spoke2 = run.host("spoke2")
    assert spoke2 is not None
    [finding] = spoke2.drift
    assert (finding.section, finding.line, finding.change) == (
        "crypto ikev2 keyring FLEX_KEYS", "  pre-shared-key ******", "changed")
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    assert PSK.encode() not in raw
    assert WRONG_PSK.encode() not in raw


def test_site_report_shows_drift_findings_and_tunnels(tmp_path: Path) -> None:
    from flexorch.report.site import build_site_report

    report = _report()
    url = str(tmp_path / "history.sqlite3")
    record_run(report, {}, url=url)
    store = open_store(url)
    try:
        site = build_site_report(store, "hub1")
    finally:
        store.close()
    assert site.last_drift is not None and site.last_drift.id == report.run_id
    spoke = site.hosts["spoke"]
    assert {(f.kind, f.section, f.change) for f in spoke.drift} >= {
        ("config", "crypto ikev2 profile FLEX", "changed"),
        ("operational", "Tunnel0 to hub1", "missing")}
    states = {(t.host, t.peer): t.state for t in site.tunnels}
    assert states[("spoke", "hub1")] == "down"
    assert states[("hub1", "spoke")] == "up"


def test_junit_cases_per_host_and_check() -> None:
    root = ET.fromstring(junit(_report()))
    cases = {(c.get("classname"), c.get("name")): c for c in root.iter("testcase")}
    assert cases[("spoke9", "connect")].find("error") is not None
    assert cases[("hub1", "config drift")].find("failure") is None
    assert cases[("hub1", "Virtual-Template1 status (peer spoke)")].find("failure") is None
    failure = cases[("spoke", "config drift: crypto ikev2 profile FLEX")].find("failure")
    assert failure is not None
    assert "~ changed: dpd 10 3 periodic (intended: dpd 30 5 on-demand)" in (failure.text or "")
    assert cases[("spoke", "Tunnel0 status (peer hub1)")].find("failure") is not None
    assert root.get("errors") == "1"


def test_text_report_lists_sections_lines_and_tunnels() -> None:
    text = click.unstyle(report_text(_report()))
    lines = text.splitlines()
    # Problems first: the router that could not be read, the one that drifted, then the clean.
    assert lines[0] == "spoke9 (spoke): UNREACHABLE - authentication failed"
    assert lines[-2] == "hub1 (hub): clean"
    spoke = text.split("spoke (spoke): DRIFT", 1)[1].split("hub1 (hub)", 1)[0]
    assert "  config: crypto ikev2 keyring FLEX_KEYS\n       peer hub1\n    ~  address 192.0.2.77" \
        in spoke
    assert "~ dpd 10 3 periodic" in spoke
    assert "intended: dpd 30 5 on-demand" in spoke
    assert "  - spoke Tunnel0 to hub1 status: expected READY, observed absent\n" in spoke
    assert "  + spoke tunnel-id 7 unexpected_peers: expected none, observed 203.0.113.9 (READY)" \
        in spoke
    assert "spoke9 (spoke): UNREACHABLE - authentication failed" in text
    assert lines[-1] == ("drift: 3 hosts, 1 clean, 1 drift (spoke), 1 unreachable (spoke9); 2 "
                         "config lines in 2 sections, 3 failed tunnel checks")


@pytest.mark.parametrize("status", ["clean", "drift"])
def test_json_document_exit_code_follows_status(status: str) -> None:
    host = _spoke() if status == "drift" else HostDrift("r", "hub", "clean")
    document = DriftReport("s", [host]).to_json()
    assert document["exit_code"] == (1 if status == "drift" else 0)
    assert document["ok"] is (status == "clean")


def test_remediation_text_says_what_was_fixed_and_what_is_left() -> None:
    from flexorch.drift.text import remediation_lines

    doc = {
        "outcome": "partly fixed", "run_id": 12, "remediated": ["a", "b"],
        "hosts": [
            {"host": "a", "result": "fixed", "lines_sent": 1, "message": ""},
            {"host": "b", "result": "reverted", "lines_sent": 3,
             "message": "gate failed: Tunnel0 status"},
        ],
        "after": {"summary": {"hosts": 4, "clean": 3, "drift": 1, "unreachable": 0},
                  "run_id": 13},
    }
    assert remediation_lines(doc) == [
        "remediation: partly fixed (rollout run 12)",
        "  a: fixed, 1 line sent",
        "  b: reverted, 3 lines sent - gate failed: Tunnel0 status",
        "  after: 4 hosts, 3 clean, 1 drift, 0 unreachable (drift run 13)",
    ]


def test_json_lines_spell_out_both_sides() -> None:
    running = edit(RUNNING, (" aaa authorization group psk list FLEX_LOCAL FLEX_ROUTES\n",
                             " nat keepalive 20\n"),
                   ("  address 192.0.2.1\n", "  address 192.0.2.77\n"))
    document = HostDrift("s", "spoke", "drift", config=config_drift(running, INTENDED)).to_json()
    assert document["config"] == [
        {"section": "crypto ikev2 keyring FLEX_KEYS", "state": "modified", "lines": [
            {"change": "changed", "line": "address 192.0.2.77", "intended": "address 192.0.2.1",
             "observed": "address 192.0.2.77", "depth": 2, "path": ["peer hub1"]}]},
        {"section": "crypto ikev2 profile FLEX", "state": "modified", "lines": [
            {"change": "missing",
             "line": "aaa authorization group psk list FLEX_LOCAL FLEX_ROUTES",
             "intended": "aaa authorization group psk list FLEX_LOCAL FLEX_ROUTES",
             "observed": None, "depth": 1, "path": []},
            {"change": "extra", "line": "nat keepalive 20", "intended": None,
             "observed": "nat keepalive 20", "depth": 1, "path": []}]},
    ]
    assert document["message"] == "3 config lines in 2 sections"


def _big(clean: int) -> DriftReport:
    """``clean`` clean spokes after the three hosts of ``_report``."""
    more = [HostDrift(f"s{i:02d}", "spoke", "clean") for i in range(clean)]
    return DriftReport("hub1", [*_report().hosts, *more])


def test_big_site_counts_the_clean_routers_and_names_the_others() -> None:
    lines = click.unstyle(report_text(_big(20))).splitlines()
    assert lines[0] == "spoke9 (spoke): UNREACHABLE - authentication failed"
    assert lines[1] == ("spoke (spoke): DRIFT - 2 config lines in 2 sections; 3 failed checks on "
                        "3 tunnels")
    assert lines[-2] == "21 routers clean: not listed (--all lists them)"
    assert not [line for line in lines if line.endswith(": clean")]
    assert lines[-1].startswith("drift: 23 hosts, 21 clean, 1 drift (spoke), 1 unreachable "
                                "(spoke9); ")
    every = click.unstyle(report_text(_big(20), show_all=True)).splitlines()
    assert len([line for line in every if line.endswith(": clean")]) == 21
    assert "not listed" not in "\n".join(every)
    summary = _big(20).to_json()["summary"]
    assert summary["routers"] == {"drift": ["spoke"], "unreachable": ["spoke9"], "failed": []}
    assert summary["text"] == lines[-1]
