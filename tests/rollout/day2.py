"""The lab the day-2 scenarios run on (tests/rollout/test_day2.py, tests/bench/bench_day2.py):
the example fleet plus a spare spoke the lab serves from the start, rollouts through a given
playbook with every tunnel's downtime recorded (tests/rollout/downtime.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from flexorch.intent import load_fleet
from flexorch.intent.fleet import Fleet
from flexorch.lab.fleet import LabFleet
from flexorch.lab.settings import LabSettings
from flexorch.paths import resource_dir
from flexorch.plan.document import PlanDocument
from flexorch.plan.workflow import plan_site
from flexorch.rollout.api import run_rollout
from flexorch.rollout.model import RolloutReport
from flexorch.rollout.playbook import Playbook, load_playbook
from flexorch.rollout.runner import RolloutOptions
from tests.lab.helpers import copy_inventory
from tests.rollout.downtime import Downtime, Recorder, Waves
from tests.rollout.scenarios import Scenario, with_spare_spoke, without_spare_spoke

REPO = Path(__file__).resolve().parents[2]
MINUTE = 2.0  # one IOS revert-timer minute in the lab, seconds


def default_playbook() -> Playbook:
    return load_playbook(resource_dir("playbooks") / "default.yaml")


@dataclass
class Day2Lab:
    lab: LabFleet
    inventory: Path  # what flexorch is told: changes scenario by scenario
    routers: Fleet  # the inventory the lab was started from (every router it serves)

    def fleet(self) -> Fleet:
        return load_fleet(self.inventory)

    def rollout(self, book: Playbook, reporter: Waves | None = None) -> RolloutReport:
        """An unattended rollout of site hub1 as the inventory now says."""
        return run_rollout(self.fleet(), "hub1", book,
                           RolloutOptions(timeout=5, minute_seconds=MINUTE), plan_outcomes=False,
                           reporter=(lambda _: reporter) if reporter else None)

    def plan(self, book: Playbook) -> PlanDocument:
        fleet = self.fleet()
        names = [h.name for h in fleet.select(site="hub1")]
        return plan_site(fleet, site="hub1", names=names, playbook=book,
                         out=self.inventory.parent / "plan.json", timeout=5)[0]

    def change(self, scenario: Scenario) -> None:
        """Make the scenario's change (on the lab first when it says so, then the inventory)."""
        if scenario.before is not None:
            scenario.before(self.lab)
        scenario.change(self.inventory)

    def measure(self, book: Playbook) -> tuple[RolloutReport, Downtime, Waves]:
        """Roll out, recording every tunnel's downtime and when each wave started."""
        waves, recorder = Waves(), Recorder(self.lab, self.routers)
        recorder.start()
        try:
            report = self.rollout(book, waves)
        finally:
            downtime = recorder.stop()
        return report, downtime, waves


@contextmanager
def day2_lab(folder: Path) -> Iterator[Day2Lab]:
    """The lab in ``folder`` (inventory copy on free ports, lab state), stopped on exit."""
    inventory = copy_inventory(REPO / "inventory", folder / "inventory")
    with_spare_spoke(inventory)
    settings = LabSettings(revert_seconds_per_minute=MINUTE, reload_seconds=0.5, login_timeout=10)
    routers = load_fleet(inventory)
    with LabFleet.start(inventory, folder / "lab", settings=settings) as lab:
        without_spare_spoke(inventory)
        yield Day2Lab(lab, inventory, routers)
