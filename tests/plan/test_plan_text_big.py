"""plan's text for big sites (issue 14, item 2): problems first, long sections summarised
(--full prints every line), predicted outcomes only for routers with changes, routers without
changes counted above 20 unless --all, a summary naming the routers, the same in the JSON;
exit 3 with changes pending even when some routers could not be read."""

from __future__ import annotations

from typing import Any

from flexorch.plan.collapse import collapsed, section_lines
from flexorch.plan.document import PlanDocument
from flexorch.plan.text import plan_text, summary_json


def up(tunnel: str, peer: str, initiator: bool = True) -> dict[str, Any]:
    return {"tunnel": tunnel, "peer": peer, "initiator": initiator, "status": "ESTABLISHED",
            "step": "done", "suite": "AES-GCM-256 PRF SHA512 DH 21"}


def document(spokes: int, *, hub_changes: bool = False) -> PlanDocument:
    """One hub and ``spokes`` spokes: s03 has three lines to send, s07 could not be read."""
    hub_lines = ["crypto ikev2 keyring FLEX_KEYS"] + [
        line for i in range(1, spokes + 1)
        for line in (f" peer s{i:02d}", f"  identity fqdn s{i:02d}.example",
                     "  pre-shared-key ******")]
    hosts: list[dict[str, Any]] = [{
        "host": "hub", "role": "hub", "status": "changes" if hub_changes else "no-changes",
        "lines": hub_lines if hub_changes else [],
        "outcomes": [up("Virtual-Template1", f"s{i:02d}", False) for i in range(1, spokes + 1)]}]
    for i in range(1, spokes + 1):
        name = f"s{i:02d}"
        if name == "s07":
            hosts.append({"host": name, "role": "spoke", "status": "unreachable",
                          "message": "connection refused"})
        elif name == "s03":
            hosts.append({"host": name, "role": "spoke", "status": "changes",
                          "lines": ["crypto ikev2 proposal NGE", " group 21 20", " no group 19"],
                          "outcomes": [up("Tunnel0", "hub")]})
        else:
            hosts.append({"host": name, "role": "spoke", "status": "no-changes",
                          "outcomes": [up("Tunnel0", "hub")]})
    return PlanDocument.model_validate({"site": "big", "created": "now", "inventory": "inv",
                                        "hosts": hosts})


def test_problems_first_unchanged_counted_and_exit_3_despite_an_unreachable_router() -> None:
    plan = document(30)
    assert plan_text(plan).splitlines() == [
        "s07 (spoke): UNREACHABLE: connection refused",
        "s03 (spoke): 3 lines to send",
        "  crypto ikev2 proposal NGE",
        "   group 21 20",
        "   no group 19",
        "  predicted IKEv2 (intended configs):",
        "    s03 Tunnel0 -> hub:  ESTABLISHED  AES-GCM-256 PRF SHA512 DH 21  frag none  "
        "SGT disabled",
        "29 routers without changes: not listed (--all lists them)",
        "plan for site big: 31 routers: 29 unchanged, 1 with changes (s03), 1 unreachable (s07); "
        "1 router(s) could not be read: their changes are not in this plan",
    ]
    assert plan.exit_code() == 3
    every = plan_text(plan, show_all=True).splitlines()
    assert "hub (hub): no changes" in every and "s30 (spoke): no changes" in every
    assert not any("predicted" in line for line in every[every.index("hub (hub): no changes"):])
    summary = summary_json(plan)
    assert summary["routers"] == {"changes": ["s03"], "unreachable": ["s07"], "refused": [],
                                  "predicted_failures": []}
    assert (summary["hosts"], summary["changes"], summary["unchanged"]) == (31, 1, 29)
    assert summary["text"] == plan_text(plan).splitlines()[-1]


def test_long_sections_are_summarised_unless_full() -> None:
    plan = document(30, hub_changes=True)
    text = plan_text(plan).splitlines()
    hub = text.index("hub (hub): 91 lines to send")
    assert text[hub + 1] == "  crypto ikev2 keyring FLEX_KEYS: +30 peer blocks (90 lines)"
    assert text[hub + 2] == "  predicted IKEv2 (intended configs):"
    assert text[hub + 3] == ("    hub: 30 tunnels ESTABLISHED to s01, s02, s03 and 27 more "
                             "(--full lists them)")
    full = plan_text(plan, full=True).splitlines()
    assert len(full) == len(text) + 90 + 29  # the section's 91 lines, 30 predicted tunnels
    assert "   peer s30" in full


def test_collapse_counts_removals_and_single_lines() -> None:
    lines = ["crypto ikev2 profile FLEX"] + [f" match identity remote fqdn s{i}.example"
                                             for i in range(14)] + [" no dpd 10 2 on-demand"]
    assert section_lines(lines) == [
        "crypto ikev2 profile FLEX: +14 match identity remote lines, -1 dpd line"]
    assert collapsed(["interface Tunnel0", " ip mtu 1400", "no crypto ikev2 proposal OLD"]) == [
        "interface Tunnel0", " ip mtu 1400", "no crypto ikev2 proposal OLD"]


def test_predicted_failures_come_first_and_the_summary_names_them() -> None:
    hosts = document(30).model_dump(mode="json")["hosts"]
    for i in (11, 12):
        hosts[i]["outcomes"] = [{**hosts[i]["outcomes"][0], "status": "NO_PROPOSAL_CHOSEN",
                                 "step": "ike-proposal", "reason": "no common DH group",
                                 "suite": None}]
    plan = PlanDocument.model_validate({"site": "big", "created": "now", "inventory": "inv",
                                        "hosts": hosts})
    text = plan_text(plan).splitlines()
    assert text[:3] == [
        "predicted failures (the intent itself; run 'flexorch lint'):",
        "  s11 Tunnel0 -> hub: NO_PROPOSAL_CHOSEN at ike-proposal: no common DH group",
        "  s12 Tunnel0 -> hub: NO_PROPOSAL_CHOSEN at ike-proposal: no common DH group"]
    assert text[-1].endswith("; PREDICTED FAILURE: 2 tunnel(s) will not come up with this "
                             "intent (s11 Tunnel0, s12 Tunnel0)")
    assert summary_json(plan)["routers"]["predicted_failures"] == ["s11", "s12"]


def test_without_changes_exit_0_or_1_when_a_router_could_not_be_read() -> None:
    hub = {"host": "hub", "role": "hub", "status": "no-changes"}
    plan = PlanDocument.model_validate({"site": "small", "created": "now", "inventory": "inv",
                                        "hosts": [hub]})
    assert plan_text(plan).splitlines() == [
        "hub (hub): no changes",
        "plan for site small: 1 router: 1 unchanged, 0 with changes, 0 unreachable"]
    assert plan.exit_code() == 0
    down = {"host": "s1", "role": "spoke", "status": "unreachable", "message": "timed out"}
    plan = PlanDocument.model_validate({"site": "small", "created": "now", "inventory": "inv",
                                        "hosts": [hub, down]})
    assert plan_text(plan).splitlines() == [
        "s1 (spoke): UNREACHABLE: timed out",
        "hub (hub): no changes",
        "plan for site small: 2 routers: 1 unchanged, 0 with changes, 1 unreachable (s1)"]
    assert plan.exit_code() == 1


def test_predictions_listed_only_for_tunnels_whose_outcome_the_rollout_changes() -> None:
    """The hub gets a new peer block for s01 only: its tunnel to s01 comes up, the 29 others
    stay as they are and are counted."""
    data = document(30, hub_changes=True).model_dump(mode="json")
    verdict = {"s01": "new"}
    data["rollout"] = {"phases": [], "tunnels": [
        {"tunnel": f"s{i:02d} Tunnel0 -> hub", "verdict": verdict.get(f"s{i:02d}", "unchanged"),
         "before": "ESTABLISHED", "after": "ESTABLISHED"} for i in range(1, 31)]}
    plan = PlanDocument.model_validate(data)
    text = plan_text(plan).splitlines()
    hub = text.index("hub (hub): 91 lines to send")
    assert text[hub + 2:hub + 5] == [
        "  predicted IKEv2 (intended configs):",
        "    hub Virtual-Template1 <- s01:  ESTABLISHED  AES-GCM-256 PRF SHA512 DH 21  frag none"
        "  SGT disabled",
        "    hub: 29 tunnels ESTABLISHED as before, outcome unchanged (--full lists them)"]
    # s03's change leaves its tunnel as it was: counted too
    s03 = text.index("s03 (spoke): 3 lines to send")
    assert text[s03 + 5] == ("    s03: 1 tunnel ESTABLISHED as before, outcome unchanged "
                             "(--full lists them)")
    assert sum("<- s" in line for line in plan_text(plan, full=True).splitlines()) == 30
