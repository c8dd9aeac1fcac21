"""Configuration exchange (guide lines 1899-1952) and the access lists of ``route set
access-list`` (line 2021; IPv4 standard or extended, and IPv6): what lint says about them."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from flexorch.lint import Report
from tests.lint.helpers import Edits, findings

G, H = "groups.yaml", "hosts.yaml"
FLEX = ("spokes", "data", "ikev2_profiles", "FLEX")
S1_TUNNEL = (H, "s1", "data", "tunnels", "Tunnel0")
NEGOTIATED = {"ip_negotiated": True, "source": "GigabitEthernet1", "mode": "ipsec ipv4",
              "peer": "hub", "protection": "IPSEC"}
SPOKE_PROFILE = {
    "match": {"fvrf": "any"},
    "authentication_remote": [{"method": "pre-share"}],
    "authentication_local": {"method": "pre-share"},
    "aaa_authorization": [{"scope": "group", "kind": "psk", "list": "LOCAL", "name": "ROUTES"}],
}


def _spoke_profile(**config_exchange: bool) -> Edits:
    return {(G, *FLEX): {**SPOKE_PROFILE, **config_exchange}}


@pytest.mark.parametrize("flags", [
    {},
    {"config_exchange_request": True, "config_exchange_set_send": True,
     "config_exchange_set_accept": True},
    {"config_exchange_set_send": False, "config_exchange_set_accept": False},
], ids=["unset", "positive-lines", "no-set-send-accept"])
def test_negotiated_address_with_request_on_is_clean(
        flags: dict[str, bool], lint: Callable[..., Report]) -> None:
    # The positive lines of the guide's example (lines 1950-1952) and the default alike.
    assert findings(lint({**_spoke_profile(**flags), S1_TUNNEL: NEGOTIATED})) == set()


def test_negotiated_address_without_request_is_fv217(lint: Callable[..., Report]) -> None:
    report = lint({**_spoke_profile(config_exchange_request=False), S1_TUNNEL: NEGOTIATED})
    assert findings(report) == {
        ("FV217", "s1", "ikev2_profiles.FLEX.config_exchange_request")}
    (finding,) = report.findings
    assert finding.severity == "error"
    assert "Tunnel0 takes its address from the peer" in finding.message


def test_no_request_without_negotiated_address_is_clean(lint: Callable[..., Report]) -> None:
    # s2's Tunnel0 has its own address (ip unnumbered): nothing needs a CFG_REPLY.
    assert findings(lint(_spoke_profile(config_exchange_request=False))) == set()


ACLS: Edits = {
    (G, "base", "data", "extended_access_lists"): {
        "SPLIT4X": {"entries": [{"source": "10.0.0.0/24"}]}},
    (G, "base", "data", "ipv6_access_lists"): {
        "SPLIT6": {"entries": [{"source": "2001:db8:10::/64"}]}},
}


def test_route_set_extended_and_ipv6_lists_are_clean(lint: Callable[..., Report]) -> None:
    author = {"route_set_interface": True, "route_set_access_list": "SPLIT4X",
              "route_set_access_list_ipv6": "SPLIT6"}
    edits = {**ACLS, (G, "base", "data", "ikev2_authorization_policies", "ROUTES"): author}
    assert findings(lint(edits)) == set()


@pytest.mark.parametrize(("field", "name"), [
    ("route_set_access_list", "SPLIT6"),  # an IPv6 list where IPv4 is wanted
    ("route_set_access_list_ipv6", "SPLIT4X"),  # an IPv4 list after `ipv6`
    ("route_set_access_list", "NOPE"),
])
def test_route_set_list_of_the_wrong_family_or_missing_is_fv216(
        field: str, name: str, lint: Callable[..., Report]) -> None:
    author = {"route_set_interface": True, field: name}
    edits = {**ACLS, (G, "base", "data", "ikev2_authorization_policies", "ROUTES"): author}
    path = f"ikev2_authorization_policies.ROUTES.{field}"
    assert findings(lint(edits)) == {("FV216", host, path) for host in ("hub", "s1", "s2")}
