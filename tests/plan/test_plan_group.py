"""plan's text at a fresh site (issue 14, item 2): spokes whose changes are the same but for
their own addresses and name are printed as one section (the first one's lines as the
example); a spoke with another change keeps its own; ``--full`` prints every router."""

from __future__ import annotations

from typing import Any

from flexorch.plan.collapse import shape
from flexorch.plan.document import PlanDocument
from flexorch.plan.text import plan_text, summary_json


def spoke(i: int, tunnel: str = "Tunnel0") -> dict[str, Any]:
    name = f"s{i:02d}"
    return {"host": name, "role": "spoke", "status": "changes", "lines": [
        "crypto ikev2 profile FLEX", f" identity local fqdn {name}.site.example",
        "interface Loopback0", f" ip address 10.0.0.{i} 255.255.255.255",
        f"interface {tunnel}", " tunnel destination 2001:DB8::1"],
        "outcomes": [{"tunnel": tunnel, "peer": "hub", "initiator": True,
                      "status": "ESTABLISHED", "step": "done", "suite": "AES-GCM-256"}]}


def fresh_site() -> PlanDocument:
    """24 spokes with their first change; s13 builds Tunnel1 instead of Tunnel0."""
    hosts = [spoke(i, "Tunnel1" if i == 13 else "Tunnel0") for i in range(1, 25)]
    return PlanDocument.model_validate({"site": "fresh", "created": "now", "inventory": "inv",
                                        "hosts": hosts})


def test_spokes_with_the_same_change_are_one_section_and_the_odd_one_keeps_its_own() -> None:
    plan = fresh_site()
    assert plan_text(plan).splitlines() == [
        "s01 (spoke) and 22 more routers with the same change, 6 lines each (values differ: "
        "addresses, router names): s01, s02, s03, s04, s05, s06, s07, s08 and 15 more (--full "
        "prints each router)",
        "  crypto ikev2 profile FLEX",
        "   identity local fqdn s01.site.example",
        "  interface Loopback0",
        "   ip address 10.0.0.1 255.255.255.255",
        "  interface Tunnel0",
        "   tunnel destination 2001:DB8::1",
        "  predicted IKEv2 (intended configs):",
        "    s01 Tunnel0 -> hub:  ESTABLISHED  AES-GCM-256  frag none  SGT disabled",
        "s13 (spoke): 6 lines to send",
        "  crypto ikev2 profile FLEX",
        "   identity local fqdn s13.site.example",
        "  interface Loopback0",
        "   ip address 10.0.0.13 255.255.255.255",
        "  interface Tunnel1",
        "   tunnel destination 2001:DB8::1",
        "  predicted IKEv2 (intended configs):",
        "    s13 Tunnel1 -> hub:  ESTABLISHED  AES-GCM-256  frag none  SGT disabled",
        "plan for site fresh: 24 routers: 0 unchanged, 24 with changes (s01, s02, s03, s04, "
        "s05, s06, s07, s08 and 16 more), 0 unreachable",
    ]
    # The JSON keeps every router, and names the group.
    summary = summary_json(plan)
    assert len(summary["routers"]["changes"]) == 24
    assert summary["groups"] == [{
        "routers": ["s01", "s02", "s03", "s04", "s05", "s06", "s07", "s08", "s09", "s10", "s11",
                    "s12", "s14", "s15", "s16", "s17", "s18", "s19", "s20", "s21", "s22", "s23",
                    "s24"],
        "lines": 6, "values_differ": ["addresses", "router names"]}]


def test_full_prints_every_router_and_small_sites_are_not_grouped() -> None:
    full = plan_text(fresh_site(), full=True).splitlines()
    assert [line for line in full if line.endswith("lines to send")] == [
        f"s{i:02d} (spoke): 6 lines to send" for i in range(1, 25)]
    assert not any("more routers" in line for line in full)
    small = PlanDocument.model_validate({"site": "s", "created": "now", "inventory": "inv",
                                         "hosts": [spoke(i) for i in range(1, 6)]})
    assert sum(line.endswith("6 lines to send") for line in plan_text(small).splitlines()) == 5


def test_a_group_of_two_stays_one_by_one_and_equal_lines_say_so() -> None:
    hosts = [spoke(i) for i in range(1, 22)]
    hosts += [spoke(i, "Tunnel7") for i in (22, 23)]
    for host in hosts:  # a new proposal for every spoke: no value of their own
        host["lines"] = ["crypto ikev2 proposal NGE", " group 21 20", " no group 19"]
    plan = PlanDocument.model_validate({"site": "f", "created": "now", "inventory": "inv",
                                        "hosts": hosts})
    text = plan_text(plan).splitlines()
    assert text[0] == ("s01 (spoke) and 20 more routers with the same change, 3 lines each (the "
                       "same lines): s01, s02, s03, s04, s05, s06, s07, s08 and 13 more (--full "
                       "prints each router)")
    assert "s22 (spoke): 3 lines to send" in text and "s23 (spoke): 3 lines to send" in text


def test_shape_abstracts_addresses_and_the_routers_own_name_only() -> None:
    one = shape("s1", ["peer hub", " address 198.18.0.1", " identity fqdn s1.example",
                       " description s10 backup", " ipv6 address 2001:DB8:FFFF::2:1/128",
                       " route-target 65000:100"])
    assert one.lines == ("peer hub", " address <ipv4>", " identity fqdn <router>.example",
                         " description s10 backup", " ipv6 address <ipv6>",
                         " route-target 65000:100")


def test_a_stage_of_many_batches_lists_its_first_and_last() -> None:
    data = fresh_site().model_dump(mode="json")
    names = [h["host"] for h in data["hosts"]]
    phases = [{"index": i, "name": f"spokes {i + 1}/6", "stage": "spokes", "batch": i + 1,
               "hosts": names[4 * i:4 * i + 4],
               "pushes": [{"host": n, "kind": "change", "lines": ["x"]}
                          for n in names[4 * i:4 * i + 4]]} for i in range(6)]
    data["rollout"] = {"phases": phases, "tunnels": []}
    plan = PlanDocument.model_validate(data)
    text = plan_text(plan).splitlines()
    start = text.index("rollout in 6 phase(s):")
    assert text[start + 1:start + 4] == [
        "  1. spokes 1/6: s01 (1), s02 (1), s03 (1), s04 (1)",
        "  2-5. spokes 2/6 to spokes 5/6: 16 routers in 4 batches (--full lists them)",
        "  6. spokes 6/6: s21 (1), s22 (1), s23 (1), s24 (1)"]
    full = plan_text(plan, full=True).splitlines()
    assert "  4. spokes 4/6: s13 (1), s14 (1), s15 (1), s16 (1)" in full
