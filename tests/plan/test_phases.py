"""Phased plans of the example site hub1 (no lab: the routers run the intent as rendered, then
the inventory changes as in tests/rollout/scenarios.py): which phases, which pushes, and every
tunnel's predicted state through them, written by hand from the FlexVPN facts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from flexorch.intent import load_fleet
from flexorch.paths import resource_dir
from flexorch.plan.document import PlanDocument
from flexorch.plan.outcomes import predicted_outcomes
from flexorch.plan.text import plan_text
from flexorch.plan.workflow import plan_document, plan_one, plan_phases
from flexorch.render import render_full
from flexorch.rollout.playbook import load_playbook
from tests.lab.helpers import copy_inventory
from tests.rollout.conftest import REPO
from tests.rollout.scenarios import PSK_SPOKES, SCENARIOS

SPOKES = ("h1-gre", "h1-ipsec", "h1-v6", "h1-mixed", "h1-frag", "h1-sgt", "h1-cert")


def _plan(tmp_path: Path, change: Callable[[Path], None]) -> PlanDocument:
    inventory = copy_inventory(REPO / "inventory", tmp_path / "inventory")
    before = load_fleet(inventory)
    names = [h.name for h in before.select(site="hub1")]
    running = {n: render_full(before, n) for n in names}  # every router holds the intent
    change(inventory)
    fleet = load_fleet(inventory)
    outcomes = predicted_outcomes(fleet, names)
    works = [plan_one(fleet, n, running[n], outcomes=outcomes[n]) for n in names]
    book = load_playbook(resource_dir("playbooks") / "default.yaml")
    return plan_document("hub1", fleet, works, phased=plan_phases(fleet, works, book),
                         playbook=book.name)


def _scenario(name: str) -> Callable[[Path], None]:
    return next(s.change for s in SCENARIOS if s.name == name)


def _pushes(document: PlanDocument, host: str) -> list[tuple[str, str]]:
    assert document.rollout is not None
    return [(phase.name, push.kind) for phase in document.rollout.phases
            for push in phase.pushes if push.host == host]


def _verdicts(document: PlanDocument) -> dict[str, str]:
    assert document.rollout is not None
    return {t.tunnel.split()[0]: t.verdict for t in document.rollout.tunnels}


def test_proposal_swap_bridges_the_hub_and_keeps_every_tunnel_up(tmp_path: Path) -> None:
    document = _plan(tmp_path, _scenario("proposal swap"))
    assert document.rollout is not None
    assert [p.name for p in document.rollout.phases] == ["hubs", "canary", "spokes", "cleanup"]
    assert _pushes(document, "hub1") == [("hubs", "bridge"), ("cleanup", "cleanup")]
    assert _pushes(document, "h1-gre") == [("canary", "change")]
    assert _verdicts(document) == dict.fromkeys(SPOKES, "hitless")
    gre = next(t for t in document.rollout.tunnels if t.tunnel.startswith("h1-gre"))
    # the canary negotiates the new suite at once; the others keep the old until they move
    assert [s.state for s in gre.states] == ["as before", "as intended", "as intended",
                                             "as intended"]
    ipsec = next(t for t in document.rollout.tunnels if t.tunnel.startswith("h1-ipsec"))
    assert [s.state for s in ipsec.states] == ["as before", "as before", "as intended",
                                               "as intended"]
    assert not document.predicted_failures
    assert document.exit_code() == 3  # changes, healthy once done


def test_psk_rotation_of_one_spoke_changes_the_hub_in_that_spokes_wave(tmp_path: Path) -> None:
    document = _plan(tmp_path, _scenario("PSK rotation, one spoke"))
    assert document.rollout is not None
    assert [p.name for p in document.rollout.phases] == ["hubs", "canary"]
    assert _pushes(document, "hub1") == [("canary", "release")]
    [release] = [p for p in document.rollout.phases[1].pushes if p.host == "hub1"]
    assert release.lines == ("crypto ikev2 keyring FLEX_KEYS", " peer h1-gre",
                             "  pre-shared-key ******")
    assert _verdicts(document) == {**dict.fromkeys(SPOKES, "unchanged"), "h1-gre": "outage"}
    gre = next(t for t in document.rollout.tunnels if t.verdict == "outage")
    assert [s.state for s in gre.states] == ["up", "down within the wave"]
    assert gre.states[1].reason.startswith("AUTH_FAILED at auth: ")
    assert gre.why.startswith("the pre-shared key changes: the responder authenticates a peer "
                              "with one keyring peer block")


def test_psk_rotation_of_every_spoke_keeps_each_outage_to_its_wave(tmp_path: Path) -> None:
    document = _plan(tmp_path, _scenario("PSK rotation, every spoke"))
    assert document.rollout is not None
    assert _pushes(document, "hub1") == [("canary", "release"), ("spokes", "release")]
    verdicts = _verdicts(document)
    assert {h for h, v in verdicts.items() if v == "outage"} == set(PSK_SPOKES)
    assert verdicts["h1-cert"] == "unchanged"  # certificates: no key to rotate
    for tunnel in document.rollout.tunnels:
        if tunnel.verdict == "outage":
            down = [s.phase for s in tunnel.states if s.state.startswith("down")]
            assert len(down) == 1, tunnel  # one wave, the spoke's own


@pytest.mark.parametrize("name", ["fragmentation off", "SGT off"])
def test_toggles_never_leave_a_tunnel_in_a_mixed_state(tmp_path: Path, name: str) -> None:
    document = _plan(tmp_path, _scenario(name))
    assert document.rollout is not None
    states = {s.state for t in document.rollout.tunnels for s in t.states}
    assert "mixed" not in states and not any(s.startswith("down") for s in states)
    assert set(_verdicts(document).values()) <= {"hitless", "unchanged"}


def test_a_broken_intent_is_a_predicted_failure_in_summary_and_json(tmp_path: Path) -> None:
    def break_hub(inventory: Path) -> None:
        hosts = inventory / "hosts.yaml"
        hosts.write_text(hosts.read_text().replace(
            "    role: hub\n", "    role: hub\n    ikev2_proposals:\n      FLEX_NGE: "
            "{encryption: [aes-cbc-256], integrity: [sha256], prf: [sha256], group: [14]}\n", 1))

    document = _plan(tmp_path, break_hub)
    failures = {(f.host, f.status, f.step) for f in document.predicted_failures}
    assert failures == {(s, "NO_PROPOSAL_CHOSEN", "ike-proposal") for s in SPOKES}
    text = plan_text(document)
    summary = text.splitlines()[-1]
    assert "; PREDICTED FAILURE: 7 tunnel(s) will not come up with this intent (" in summary
    assert all(f"{spoke} Tunnel" in summary for spoke in SPOKES)
    assert "predicted failures (the intent itself; run 'flexorch lint'):" in text
    assert document.model_dump(mode="json")["predicted_failures"][0]["status"] == (
        "NO_PROPOSAL_CHOSEN")
    assert document.exit_code() == 4  # not 3: the change leads to a broken fleet


def test_a_failure_toward_an_address_outside_the_inventory_is_listed_not_exit_4() -> None:
    from flexorch.plan.document import PlanDocument

    def document(peer: str | None) -> PlanDocument:
        outcome = {"tunnel": "Tunnel0", "peer": peer, "initiator": True,
                   "status": "NO_RESPONDER", "step": "reachability",
                   "reason": "no router owns 203.0.113.7"}
        return PlanDocument.model_validate({
            "site": "s1", "created": "2026-12-03T20:00:00Z", "inventory": "inv",
            "hosts": [{"host": "csr1", "role": "spoke", "status": "changes",
                       "lines": ["crypto ikev2 proposal P"], "outcomes": [outcome]}]})

    # An Azure gateway an imported router dials: nobody in the inventory owns its address.
    outside = document(None)
    assert [f.reason for f in outside.predicted_failures] == ["no router owns 203.0.113.7"]
    assert outside.exit_code() == 3
    assert document("hub1").exit_code() == 4
