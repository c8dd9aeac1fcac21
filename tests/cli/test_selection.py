"""Host selection (``--site``, ``--host``, ``--group``, ``--role``, ``--filter``) on the shipped
example fleet: what each picks, how they combine, and one-line errors for what does not exist."""

from __future__ import annotations

from pathlib import Path

import pytest

from flexorch.errors import BadInputError, UnknownTargetError
from flexorch.intent import load_fleet
from flexorch.intent.fleet import Fleet
from flexorch.intent.select import parse_filter

REPO = Path(__file__).resolve().parents[2]
HUB1_SPOKES = ["h1-gre", "h1-ipsec", "h1-v6", "h1-mixed", "h1-frag", "h1-sgt", "h1-cert"]


@pytest.fixture(scope="module")
def fleet() -> Fleet:
    return load_fleet(REPO / "inventory")


def test_a_site_alone_is_every_router_of_it(fleet: Fleet) -> None:
    assert fleet.target("hub2") == ("hub2", ["hub2", "h2-spoke1", "h2-spoke2", "h2-client"])


def test_hosts_repeat_and_keep_inventory_order(fleet: Fleet) -> None:
    assert fleet.target(None, ["h1-v6", "hub1"]) == ("hub1", ["hub1", "h1-v6"])


def test_a_group_takes_its_members_and_members_of_groups_below_it(fleet: Fleet) -> None:
    # hub1_spokes has site_hub1 as its parent: a group selects through parent groups.
    assert fleet.target(None, groups=["hub1_spokes"])[1] == HUB1_SPOKES
    assert fleet.target(None, groups=["site_hub1"])[1] == ["hub1", *HUB1_SPOKES]


def test_criteria_narrow_each_other(fleet: Fleet) -> None:
    assert fleet.target("hub1", roles=["hub"]) == ("hub1", ["hub1"])
    assert fleet.target(None, ["h1-gre", "hub1"], roles=["spoke"])[1] == ["h1-gre"]
    assert fleet.target("hub2", roles=["client", "hub"])[1] == ["hub2", "h2-client"]


@pytest.mark.parametrize(("expression", "expected"), [
    ("role=spoke&groups__contains=hub1_spokes", HUB1_SPOKES),
    ("role=spoke & groups__contains=hub1_spokes & ~name__in=h1-gre,h1-cert",
     ["h1-ipsec", "h1-v6", "h1-mixed", "h1-frag", "h1-sgt"]),
    ("name=hub1|name=hub2", ["hub1", "hub2"]),
    ("site=hub2&(role=hub|role=client)", ["hub2", "h2-client"]),
    ("name__startswith=h2-spoke", ["h2-spoke1", "h2-spoke2"]),
    ("hubs__any=hub2,nohub&role=spoke", ["h2-spoke1", "h2-spoke2"]),
    ("~site=hub1&~site=hub2", []),
])
def test_filter_expressions_read_as_nornir_f(fleet: Fleet, expression: str,
                                            expected: list[str]) -> None:
    test = parse_filter(expression)
    assert [h.name for h in fleet.hosts.values() if test(h)] == expected


@pytest.mark.parametrize(("expression", "message"), [
    ("rol=spoke", "at character 1: unknown field 'rol' (did you mean 'role'?)"),
    ("role=spoke&groups__contain=x", "at character 12: unknown operator '__contain' (did you "
     "mean '__contains'?)"),
    ("groups=hub1_spokes", "groups is a list: use groups__contains=, __any= or __all="),
    ("role=spoke&", "a condition (field=value) is missing"),
    ("(role=spoke", "')' expected"),
    ("role", "'role' is not field=value (e.g. role=spoke)"),
    ("__import__('os')=x", "'__import__' is not field=value"),
])
def test_bad_filters_say_where_and_what(expression: str, message: str) -> None:
    with pytest.raises(BadInputError) as caught:
        parse_filter(expression)
    assert str(caught.value).startswith(f"--filter {expression!r}: at character ")
    assert message in str(caught.value)


@pytest.mark.parametrize(("kwargs", "error", "message"), [
    ({"host": ["h1-gre"], "site": "hub2"}, UnknownTargetError,
     "host 'h1-gre' is in site hub1, not hub2"),
    ({"host": ["h1-gri"]}, UnknownTargetError, "unknown host 'h1-gri' (did you mean 'h1-gre'?)"),
    ({"groups": ["hub1_spoke"]}, UnknownTargetError,
     "unknown group 'hub1_spoke' (did you mean 'hub1_spokes'?)"),
    ({"roles": ["router"]}, UnknownTargetError, "unknown role 'router'"),
    ({"roles": ["hub"]}, BadInputError, "the selection spans sites hub1, hub2: add --site SITE"),
    ({"site": "hub1", "where": "site=hub2"}, UnknownTargetError,
     "no host matches the selection in site hub1"),
])
def test_selection_errors_are_one_line(fleet: Fleet, kwargs: dict[str, object],
                                       error: type[Exception], message: str) -> None:
    with pytest.raises(error) as caught:
        fleet.target(**kwargs)  # type: ignore[arg-type]
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
