"""How long each tunnel of the lab was down during a rollout, in lab time.

Every lab router's config change is recorded as it happens (the router's ``changed`` hook, on
the lab's loop, after each accepted line, revert or replace: the router's running config and
the time). Afterwards the changes are replayed in order and, at every one, the IKEv2 sessions of
the whole lab are negotiated by the one prediction pipeline (``flexorch.predict.prediction`` on
the routers' running configs, NAT placement from the inventory the lab was started from): a
tunnel that is up before the rollout and after it, and not up at some change, was down from
that change until the one that brought it back. Routers with a ``peer-down`` fault (a
decommissioned spoke) are left out.

Stage and batch starts are recorded by a progress reporter, so an outage can be placed in the
wave it happened in.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flexorch.intent.fleet import Fleet
from flexorch.ios.model import RouterConfig
from flexorch.lab.fleet import LabFleet
from flexorch.predict import prediction
from flexorch.rollout.progress import NullReporter

Key = tuple[str, str, str | None]


@dataclass
class Waves(NullReporter):
    """A progress reporter that notes when each stage and batch starts (monotonic time)."""

    starts: list[tuple[float, str]] = field(default_factory=list)

    def stage(self, name: str, index: int, total: int, hosts: int) -> None:
        self.starts.append((time.monotonic(), name))

    def batch(self, stage: str, index: int, total: int, hosts: list[str]) -> None:
        self.starts.append((time.monotonic(), f"{stage} {index}/{total}"))

    def window(self, moment: float) -> int:
        """Index of the wave running at ``moment`` (-1: before the first)."""
        return sum(start <= moment for start, _ in self.starts) - 1


@dataclass
class Outage:
    tunnel: str
    seconds: float
    intervals: list[tuple[float, float]]


@dataclass
class Downtime:
    """The replayed rollout: tunnels up before and after it, and those down meanwhile."""

    tunnels: int
    outages: list[Outage]
    changes: int  # config changes recorded (every accepted line, revert, replace)

    @property
    def seconds(self) -> float:
        return sum(o.seconds for o in self.outages)


class Recorder:
    """Records every config change of the lab's routers from ``start`` to ``stop``.
    ``fleet``: the inventory the lab was started from (every lab router is a host of it)."""

    def __init__(self, lab: LabFleet, fleet: Fleet) -> None:
        self.lab = lab
        self.fleet = fleet
        self.events: list[tuple[float, str, str]] = []
        self.initial: dict[str, str] = {}
        self._restore: list[Callable[[], None]] = []

    def start(self) -> None:
        names = list(self.lab.lab.routers)
        self.initial = {n: self.lab.router(n).running_config() for n in names}
        for name in names:
            self.lab.router(name).call(self._hook)

    def _hook(self, router: Any) -> None:
        state, name = router.state, router.name
        original = state.changed

        def changed(user: str) -> None:
            original(user)
            self.events.append((time.monotonic(), name, state.running_text()))

        state.changed = changed
        self._restore.append(lambda: setattr(state, "changed", original))

    def stop(self) -> Downtime:
        for undo in self._restore:
            self.lab.call(undo)
        self._restore.clear()
        return self.replay()

    def replay(self) -> Downtime:
        gone = {n for pair in self.lab.lab.peers_down() for n in pair}
        configs = {n: RouterConfig.from_text(t) for n, t in self.initial.items() if n not in gone}

        def established() -> set[Key]:
            found = prediction(self.fleet, list(configs), overrides=configs,
                               unknown=gone & set(self.fleet.hosts))
            return {(s.initiator, s.tunnel, s.responder) for s in found.steady()
                    if s.outcome.established}

        timeline = [(0.0, established())]
        for moment, name, text in self.events:
            if name in configs:
                configs[name] = RouterConfig.from_text(text)
                timeline.append((moment, established()))
        steady = timeline[0][1] & timeline[-1][1]
        return Downtime(len(steady), _outages(steady, timeline), len(self.events))


def _outages(steady: set[Key], timeline: list[tuple[float, set[Key]]]) -> list[Outage]:
    out = []
    for key in sorted(steady, key=lambda k: (k[0], k[1], k[2] or "")):
        intervals: list[tuple[float, float]] = []
        down_since: float | None = None
        for moment, up in timeline:
            if key not in up and down_since is None:
                down_since = moment
            elif key in up and down_since is not None:
                intervals.append((down_since, moment))
                down_since = None
        if intervals:
            name = f"{key[0]} {key[1]} -> {key[2]}"
            out.append(Outage(name, sum(b - a for a, b in intervals), intervals))
    return out


def downtime_table(rows: list[tuple[str, Downtime]]) -> str:
    """The table the test and the benchmark print: per scenario, tunnels up before and after,
    how many went down meanwhile, and for how long in total and at most (lab time)."""
    out = [f"{'scenario':<28} {'tunnels':>7} {'down':>5} {'total ms':>9} {'max ms':>8}"]
    for name, downtime in rows:
        longest = max((o.seconds for o in downtime.outages), default=0.0)
        out.append(f"{name:<28} {downtime.tunnels:>7} {len(downtime.outages):>5} "
                   f"{downtime.seconds * 1000:>9.1f} {longest * 1000:>8.1f}")
    return "\n".join(out)
