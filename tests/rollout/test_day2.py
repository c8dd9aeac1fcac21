"""Day-2 changes through the DEFAULT playbook on the lab: every scenario of
tests/rollout/scenarios.py (the last: a wiped spoke re-adopted), one after the other, ends with
exit 0, a clean verify and nothing left to plan; the plan made first predicts exactly the
outages the change allows; the hitless ones take no tunnel down (lab time: every config change
replayed through the negotiation model), the others each tunnel within one wave only. The
downtime table is printed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from flexorch.rollout.model import RolloutReport
from flexorch.verify_run import verify_hosts
from tests.rollout.day2 import Day2Lab, day2_lab, default_playbook
from tests.rollout.downtime import downtime_table
from tests.rollout.scenarios import SCENARIOS, Scenario

pytestmark = pytest.mark.lab


@pytest.fixture
def day2(tmp_path: Path) -> Iterator[Day2Lab]:
    with day2_lab(tmp_path) as lab:
        yield lab


def _problems(report: RolloutReport) -> list[tuple[str, str, str]]:
    return [(h.host, h.status, h.message) for h in report.hosts
            if h.status not in ("confirmed", "unchanged")]


def _planned_outages(day2: Day2Lab, scenario: Scenario) -> list[str]:
    """The spokes whose tunnel the plan says goes down (after the scenario's change)."""
    planned = day2.plan(default_playbook())
    assert planned.changes and planned.rollout is not None, scenario.name
    assert not planned.predicted_failures, (scenario.name, planned.predicted_failures)
    return sorted(t.tunnel.split()[0] for t in planned.rollout.tunnels if t.verdict == "outage")


@pytest.mark.timeout(900)
def test_every_day2_change_rolls_out_with_the_default_playbook(day2: Day2Lab) -> None:
    book = default_playbook()
    assert day2.rollout(book).exit_code() == 0
    table = []
    for scenario in SCENARIOS:
        day2.change(scenario)
        for name in scenario.readopted:  # wiped: nothing of FlexVPN left on it
            assert "crypto ikev2" not in day2.lab.router(name).running_config(), name
        assert _planned_outages(day2, scenario) == sorted(scenario.down), scenario.name
        report, downtime, waves = day2.measure(book)
        assert report.exit_code() == 0, (scenario.name, _problems(report))
        assert sum(h.sent for h in report.hosts) > 0 and downtime.changes > 0, scenario.name
        if scenario.readopted:  # the hub and the other spokes left alone
            assert sorted(h.host for h in report.hosts if h.sent) == sorted(scenario.readopted)
        assert day2.plan(book).changes == 0, scenario.name  # no bridge left behind
        fleet = day2.fleet()
        verify = verify_hosts(fleet, [h.name for h in fleet.select(site="hub1")], site="hub1")
        assert verify.ok, (scenario.name, [(c.host, c.tunnel, c.check, c.observed)
                                           for h in verify.hosts for c in h.comparisons
                                           if not c.ok])
        down = sorted({o.tunnel.split()[0] for o in downtime.outages})
        assert down == sorted(scenario.down), (scenario.name, downtime.outages)
        for outage in downtime.outages:  # each outage within one wave: its spoke's
            first, last = outage.intervals[0][0], outage.intervals[-1][1]
            assert waves.window(first) == waves.window(last) >= 0, (scenario.name, outage,
                                                                     waves.starts)
        table.append((scenario.name, downtime))
    print("\n" + downtime_table(table))
