"""The end of a rollout for big sites: the hosts in trouble first, the others counted above 20
hosts, counts naming the hosts in trouble (issue 14, item 2)."""

from __future__ import annotations

from flexorch.rollout.model import HostState, RolloutReport, StageReport
from flexorch.rollout.text import summary_text


def report(spokes: int) -> RolloutReport:
    hosts = [HostState(f"s{i:02d}", "spoke", step="done", status="confirmed", sent=3)
             for i in range(spokes)]
    hosts[4].update(status="reverted", step="verify",
                    message="gate failed: Tunnel1 to hub absent")
    hosts[9].update(status="unreachable", step="connect", message="connection refused")
    stage = StageReport("all", [h.host for h in hosts], status="failed", failed=2, batches=3)
    return RolloutReport("big", hosts, [stage], run_id=12)


def test_big_rollout_lists_the_hosts_in_trouble_and_counts_the_others() -> None:
    assert summary_text(report(30)).splitlines() == [
        "s04              REVERTED    at verify: gate failed: Tunnel1 to hub absent",
        "s09              UNREACHABLE at connect: connection refused",
        "28 hosts without problems: not listed (`flexorch history show 12 --all` lists them)",
        "stage all: failed (30 hosts, 3 batches, 2 failed)",
        "rollout of site big (run 12): failed; 28 confirmed, 1 reverted (s04), 1 unreachable "
        "(s09)",
    ]


def test_small_rollout_lists_every_host_problems_first() -> None:
    lines = summary_text(report(10)).splitlines()
    assert [line.split()[0] for line in lines[:5]] == ["s04", "s09", "s00", "s01", "s02"]
    assert lines[2] == "s00              CONFIRMED  : 3 lines, verified (0 checks)"
    assert len(lines) == 10 + 2
