"""verify's text for big sites: one line per tunnel naming both routers, problems first with
their cause, passing tunnels counted above 20 routers unless --all, a summary naming the
routers in trouble, the same summary in the JSON (issue 14, item 2)."""

from __future__ import annotations

import click

from flexorch.verify import Comparison
from flexorch.verify_run import HostVerify, VerifyReport
from flexorch.verify_text import report_lines, summary_json


def ok_checks(host: str, tunnel: str, peer: str) -> list[Comparison]:
    return [Comparison(host, peer, tunnel, "status", "READY", "READY", True),
            Comparison(host, peer, tunnel, "fragmentation", "ietf", "ietf", True)]


def site(spokes: int) -> VerifyReport:
    """One hub and ``spokes`` spokes; s03 has no SA (with the model's cause), s05 negotiated
    without fragmentation, s07 could not be read."""
    cause = "NO_PROPOSAL_CHOSEN at ike-proposal: hub supports no proposal of s03"
    hub: list[Comparison] = []
    hosts = []
    for i in range(1, spokes + 1):
        name = f"s{i:02d}"
        if name == "s07":
            hosts.append(HostVerify(name, "spoke", "unreachable", "connection refused"))
            continue
        checks = ok_checks(name, "Tunnel1", "hub")
        if name == "s03":
            checks = [Comparison(name, "hub", "Tunnel1", "status", "READY", "absent", False,
                                 cause)]
            hub.append(Comparison("hub", name, "Virtual-Template1", "status", "READY", "absent",
                                  False, cause))
        elif name == "s05":
            checks[1] = Comparison(name, "hub", "Tunnel1", "fragmentation", "ietf", "none", False)
            hub.append(Comparison("hub", name, "Virtual-Template1", "status", "READY", "READY",
                                  True))
        else:
            hub += ok_checks("hub", "Virtual-Template1", name)
        hosts.append(HostVerify(name, "spoke", "ok" if name not in ("s03", "s05") else
                                "mismatch", comparisons=checks))
    hosts.insert(0, HostVerify("hub", "hub", "mismatch", comparisons=hub))
    return VerifyReport("big", hosts)


def test_problems_first_one_line_per_tunnel_with_both_routers_and_the_cause() -> None:
    lines = [click.unstyle(line) for line in report_lines(site(30))]
    assert lines == [
        "UNREACHABLE s07 (spoke): connection refused",
        "MISMATCH    hub Virtual-Template1 to s03: status absent (expected READY): "
        "NO_PROPOSAL_CHOSEN at ike-proposal: hub supports no proposal of s03",
        "MISMATCH    s03 Tunnel1 to hub: status absent (expected READY): "
        "NO_PROPOSAL_CHOSEN at ike-proposal: hub supports no proposal of s03",
        "MISMATCH    s05 Tunnel1 to hub: fragmentation none (expected ietf)",
        "ok          55 tunnels on 28 routers with every check ok: not listed (--all lists "
        "them)",
        "verify: 31 routers: 27 ok, 3 mismatch (hub, s03, s05), 1 unreachable (s07); "
        "3/113 checks failed",
    ]


def test_all_lists_every_tunnel_and_small_sites_list_them_anyway() -> None:
    every = [click.unstyle(line) for line in report_lines(site(30), show_all=True)]
    assert len(every) == 4 + 55 + 1
    assert "ok          hub Virtual-Template1 to s05: READY, 1 checks ok" in every
    assert "ok          s30 Tunnel1 to hub: READY, 2 checks ok" in every
    small = [click.unstyle(line) for line in report_lines(site(10))]
    assert len(small) == 4 + 15 + 1  # 11 routers: under the threshold, nothing collapses
    failures = [click.unstyle(line) for line in report_lines(site(10), failures_only=True)]
    assert [line.split()[0] for line in failures] == [
        "UNREACHABLE", "MISMATCH", "MISMATCH", "MISMATCH", "verify:"]


def test_summary_names_the_first_routers_then_how_many_more() -> None:
    report = site(30)
    for h in report.hosts:
        if h.verdict == "ok" and h.host < "s20":
            h.verdict = "mismatch"
    summary = summary_json(report)
    assert summary["routers"]["mismatch"][:3] == ["hub", "s01", "s02"]
    assert len(summary["routers"]["mismatch"]) == 19
    assert summary["routers"]["unreachable"] == ["s07"]
    assert summary["text"] == (
        "verify: 31 routers: 11 ok, 19 mismatch (hub, s01, s02, s03, s04, s05, s06, s08 and 11 "
        "more), 1 unreachable (s07); 3/113 checks failed")
    assert report.to_json()["summary"] == summary
