"""An unattended rollout (nothing shown, nothing asked: it streams) reads every router of the site
before it changes the first one: the first stage's gate needs every peer's config for its
prediction, and a hub pushed before its spokes are read would sit under its revert timer while
they are read (seconds at 2,000 spokes on the lab, minutes on real routers: past the timer)."""

from __future__ import annotations

from flexorch.rollout.model import HostState
from flexorch.rollout.progress import NullReporter
from tests.rollout.conftest import Site

CHANGES = ("backup", "archive", "push")  # steps that touch a router's config or flash


class Recorder(NullReporter):
    """Reads and steps in the order the rollout reports them."""

    def __init__(self) -> None:
        self.events: list[tuple[str, str]] = []

    def read(self, host: str, lines: int, error: str | None) -> None:
        self.events.append(("read", host))

    def step(self, host: HostState, step: str) -> None:
        self.events.append((step, host.host))


def test_an_unattended_run_reads_every_router_before_it_changes_one(site: Site) -> None:
    for name in site.names():
        if name != "hub1":  # the spokes answer slowly: reading them outlasts the hub's push
            site.lab.router(name).set_fault("slow", "0.05")
    recorder = Recorder()
    report = site.run(reporter=lambda total: recorder)
    for name in site.names():
        site.lab.router(name).clear_faults()
    assert {h.status for h in report.hosts} == {"confirmed"}, report.hosts
    first = next(i for i, (kind, _) in enumerate(recorder.events) if kind in CHANGES)
    assert recorder.events[first] == ("backup", "hub1")  # the hubs' stage goes first
    assert {host for kind, host in recorder.events[:first] if kind == "read"} == set(site.names())
