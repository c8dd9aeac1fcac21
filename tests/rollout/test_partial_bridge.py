"""A hub rolled out alone (a partial selection) for a change its spokes share keeps its bridge
config while they still differ from their intent: every tunnel stays up, the hub is reported
``partial`` with who it waits for, and the next full rollout moves the spokes and finishes the
hub with its cleanup alone."""

from __future__ import annotations

import pytest

from flexorch.history import open_store
from flexorch.intent import load_fleet
from flexorch.parse.runner import parse_output
from tests.rollout.conftest import Site
from tests.rollout.scenarios import SCENARIOS

pytestmark = pytest.mark.lab

SA = "show crypto ikev2 sa detailed"


def _ready(site: Site, name: str) -> list[str]:
    from flexorch.lab import crypto

    text = site.lab.router(name).call(lambda r: str(crypto.show(r, "show_ikev2_sa_detailed")))
    return [sa.status for sa in parse_output(SA, text).records]


def test_hub_alone_keeps_its_bridge_until_its_spokes_move(site: Site) -> None:
    assert site.run().exit_code() == 0
    next(s for s in SCENARIOS if s.name == "proposal swap").change(site.inventory)
    site.fleet = load_fleet(site.inventory)

    alone = site.run(stream=False, hosts=["hub1"], selection="host hub1")
    [hub] = alone.hosts
    assert (hub.host, hub.status) == ("hub1", "partial"), hub.message
    assert hub.message.startswith("keeps its bridge config: h1-gre, h1-ipsec, h1-v6, h1-mixed, "
                                  "h1-frag, h1-sgt, h1-cert (changes pending) is not in this "
                                  "rollout and still needs it")
    assert alone.exit_code() == 1  # not at its intent yet
    assert _ready(site, "hub1") == ["READY"] * 7  # every spoke still up, on the old proposal
    running = site.running("hub1")
    assert " proposal FLEX_NGE\n proposal FLEX_NGE2\n" in running

    full = site.run()
    assert full.exit_code() == 0, [(h.host, h.status, h.message) for h in full.hosts]
    with open_store() as store:
        record = store.get_run(full.run_id).host("hub1")  # type: ignore[arg-type,union-attr]
    assert record is not None and list(record.lines_sent) == [
        "crypto ikev2 policy FLEX_POLICY", " no proposal FLEX_NGE",
        "no crypto ikev2 proposal FLEX_NGE"]
    assert _ready(site, "hub1") == ["READY"] * 7
