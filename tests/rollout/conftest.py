"""Rollout fixtures: the shipped example fleet served by a fresh in-process lab per test (on free
127.0.0.1 ports), a fast playbook, and a runner that records into the test's state dir."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from flexorch.intent import load_fleet
from flexorch.intent.fleet import Fleet
from flexorch.lab.fleet import LabFleet
from flexorch.lab.settings import LabSettings
from flexorch.rollout.api import run_rollout
from flexorch.rollout.model import RolloutReport
from flexorch.rollout.playbook import Playbook
from flexorch.rollout.runner import RolloutOptions
from tests.lab.helpers import copy_inventory

REPO = Path(__file__).resolve().parents[2]
# One IOS revert-timer minute lasts this long in the test lab; playbooks use 5 minutes.
MINUTE = 2.0
CONFIRM_MINUTES = 5

FAST = {
    "name": "test", "confirm_timeout": CONFIRM_MINUTES, "workers": 8,
    "stages": [
        {"name": "hubs", "select": {"role": "hub"},
         "gate": {"settle_seconds": 0, "attempts": 3, "interval_seconds": 0.3}},
        {"name": "canary", "select": {"role": "spoke", "limit": 1},
         "gate": {"settle_seconds": 0, "attempts": 3, "interval_seconds": 0.3}},
        {"name": "spokes", "select": {"rest": True}, "batch_size": 3, "max_fail_pct": 50,
         "on_failure": "continue",
         "gate": {"settle_seconds": 0, "attempts": 3, "interval_seconds": 0.3}},
    ],
}


def playbook(**changes: object) -> Playbook:
    """The fast test playbook with top-level changes; ``stage_<name>={...}`` updates a stage."""
    data = {k: v for k, v in FAST.items() if k != "stages"}
    stages = [dict(s) for s in FAST["stages"]]  # type: ignore[attr-defined]
    for key, value in changes.items():
        if key.startswith("stage_"):
            name = key[len("stage_"):]
            for stage in stages:
                if stage["name"] == name:
                    stage.update(value)  # type: ignore[arg-type]
        else:
            data[key] = value
    return Playbook.model_validate({**data, "stages": stages})


@dataclass
class Site:
    lab: LabFleet
    inventory: Path
    fleet: Fleet

    def run(self, book: Playbook | None = None, timeout: float = 5.0, *,
            stream: bool = True, **kwargs: object) -> RolloutReport:
        """A rollout of hub1. ``stream``: as an unattended run does (the first stage pushes
        while the other routers are read); False: every router read and planned first, as
        when the plan is shown or a saved plan is checked."""
        options = RolloutOptions(timeout=timeout, minute_seconds=MINUTE)
        return run_rollout(self.fleet, "hub1", book or playbook(), options,
                           plan_outcomes=not stream, **kwargs)  # type: ignore[arg-type]

    def running(self, name: str) -> str:
        return self.lab.router(name).running_config()

    def names(self) -> list[str]:
        return [h.name for h in self.fleet.select(site="hub1")]

    def change_under_timer(self, name: str, lines: list[str], minutes: int) -> None:
        """Make a change on router ``name`` as an operator would by hand, and leave it
        unconfirmed: ``configure terminal revert timer <minutes>``, the lines, ``end``, over
        SSH (flexorch's own device code, outside any run)."""
        from flexorch.intent import make_nornir
        from flexorch.tasks.device import session_defaults
        from flexorch.tasks.push import ensure_archive, push_under_timer

        def by_hand(task: Any) -> None:
            ensure_archive(task, self.running(name), 10)  # the timer needs an archive path
            push_under_timer(task, lines, minutes, 10)

        nr = make_nornir(self.fleet, [name], workers=1)
        session_defaults(nr, 10)
        try:
            result = nr.run(task=by_hand)
        finally:
            nr.close_connections()
        assert not result.failed, result[name].exception
        assert self.lab.router(name).revert_pending()


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    inventory = copy_inventory(REPO / "inventory", tmp_path / "inventory")
    settings = LabSettings(revert_seconds_per_minute=MINUTE, reload_seconds=0.5, login_timeout=10)
    with LabFleet.start(inventory, tmp_path / "lab", settings=settings) as lab:
        yield Site(lab, inventory, load_fleet(inventory))


@pytest.fixture
def on_change() -> Iterator[Callable[[LabFleet, str, Callable[[object], None]], None]]:
    """Call ``callback(router_state)`` after every config change of a lab router (on the lab's
    loop, at the exact line that changed the config): how faults are injected mid-push. The
    router's ``changed`` hook is wrapped for the test and restored after it."""
    restore: list[Callable[[], None]] = []

    def add(lab: LabFleet, name: str, callback: Callable[[object], None]) -> None:
        def install(router: Any) -> None:
            state = router.state
            original = state.changed

            def changed(user: str) -> None:
                original(user)
                callback(state)

            state.changed = changed
            restore.append(lambda: lab.router(name).call(
                lambda r: setattr(r.state, "changed", original)))

        lab.router(name).call(install)

    yield add
    for undo in restore:
        with contextlib.suppress(Exception):  # the lab may already be down
            undo()
