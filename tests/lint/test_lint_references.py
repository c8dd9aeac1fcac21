"""Dangling references (FV210-FV216), one case per kind of reference, on the per-host rules only
(``negotiate=False``: the fleet consequences are covered in test_lint_rules.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from flexorch.intent import load_fleet
from flexorch.lint import lint_fleet
from tests.lint.helpers import Edits, findings

G, H = "groups.yaml", "hosts.yaml"
ALL = ("hub", "s1", "s2")


def base(*keys: Any) -> tuple[str, ...]:
    return (G, "base", "data", *keys)


def spokes(*keys: Any) -> tuple[str, ...]:
    return (G, "spokes", "data", *keys)


def host(name: str, *keys: Any) -> tuple[str, ...]:
    return (H, name, "data", *keys)


def every(rule: str, path: str, hosts: tuple[str, ...] = ALL) -> set[tuple[str, str, str]]:
    return {(rule, h, path) for h in hosts}


HUB_FLEX = {
    "authentication_remote": [{"method": "pre-share"}],
    "authentication_local": {"method": "pre-share"},
    "virtual_template": {"number": 1, "mode_auto": True},
}
SPOKE_FLEX = {
    "match": {"fvrf": "any"},
    "authentication_remote": [{"method": "pre-share"}],
    "authentication_local": {"method": "pre-share"},
}
TUNNEL = {"ip_unnumbered": "Loopback0", "source": "GigabitEthernet1", "mode": "ipsec ipv4",
          "peer": "hub", "protection": "IPSEC"}
CERT_PROFILE = {"match": {"certificate": ["MAPX"]}, "authentication_local": {"method": "rsa-sig"},
                "authentication_remote": [{"method": "rsa-sig"}], "pki_trustpoints": ["CA"]}

CASES: list[tuple[str, Edits, set[tuple[str, str, str]]]] = [
    ("name-mangler of an authorization",
     {host("hub", "ikev2_profiles", "FLEX"): {**HUB_FLEX, "aaa_authorization": [
         {"scope": "group", "kind": "psk", "list": "LOCAL", "name_mangler": "NM"}]}},
     {("FV210", "hub", "ikev2_profiles.FLEX.aaa_authorization[0].name_mangler")}),
    ("name-mangler of keyring aaa",
     {host("hub", "ikev2_profiles", "FLEX"): {**HUB_FLEX, "keyring": {
         "aaa": "LOCAL", "name_mangler": "NM"}}},
     {("FV210", "hub", "ikev2_profiles.FLEX.keyring.name_mangler")}),
    ("local authorization policy",
     {spokes("ikev2_profiles", "FLEX"): {**SPOKE_FLEX, "aaa_authorization": [
         {"scope": "group", "kind": "psk", "list": "LOCAL", "name": "ROUTES2"}]}},
     every("FV210", "ikev2_profiles.FLEX.aaa_authorization[0].name", ("s1", "s2"))),
    ("tunnel protection ikev2-profile",
     {host("s1", "tunnels", "Tunnel0"): {**TUNNEL, "protection_ikev2_profile": "NOPE"}},
     {("FV210", "s1", "tunnels.Tunnel0.protection_ikev2_profile")}),
    ("IPsec profile without ikev2_profile and no profile default",
     {host("s1", "ipsec_profiles"): {"IPSEC": {"transform_sets": ["TS"]}}},
     {("FV210", "s1", "ipsec_profiles.IPSEC.ikev2_profile")}),
    ("built-in IPsec profile default without IKEv2 profile default",
     {host("s1", "tunnels", "Tunnel0"): {**TUNNEL, "protection": "default"}},
     {("FV210", "s1", "tunnels.Tunnel0.protection")}),
    ("certificate map of a profile",
     {host("hub", "ikev2_profiles", "CERT"): CERT_PROFILE,
      host("hub", "pki_trustpoints"): {"CA": {"enrollment_url": "http://192.0.2.10"}}},
     {("FV211", "hub", "ikev2_profiles.CERT.match.certificate[0]")}),
    ("certificate map of a trustpoint",
     {host("hub", "pki_trustpoints"): {"CA": {"enrollment_url": "http://192.0.2.10",
                                              "match_certificate": [{"map": "MAPX"}]}}},
     {("FV211", "hub", "pki_trustpoints.CA.match_certificate[0].map")}),
    ("trustpoint of the CRL download",
     {host("hub", "pki_crl"): {"trustpoints": ["NOPE"]}},
     {("FV211", "hub", "pki_crl.trustpoints[0]")}),
    ("method list of keyring aaa",
     {host("hub", "ikev2_profiles", "FLEX"): {**HUB_FLEX, "keyring": {"aaa": "AAA_PSK"}}},
     {("FV212", "hub", "ikev2_profiles.FLEX.keyring.aaa")}),
    ("method list of aaa authentication eap",
     {host("hub", "ikev2_profiles", "FLEX"): {**HUB_FLEX, "aaa_authentication_eap": "EAPLIST"}},
     {("FV212", "hub", "ikev2_profiles.FLEX.aaa_authentication_eap")}),
    ("aaa new-model off",
     {base("aaa", "new_model"): False},
     every("FV212", "aaa.new_model")),
    ("server group of a method list",
     {base("aaa", "authorization"): [{"type": "network", "name": "LOCAL",
                                      "methods": ["group NOPE", "local"]}]},
     every("FV212", "aaa.authorization[0].methods[0]")),
    ("attribute list of an authorization policy",
     {base("ikev2_authorization_policies", "ROUTES", "aaa_attribute_list"): "ATTR"},
     every("FV212", "ikev2_authorization_policies.ROUTES.aaa_attribute_list")),
    ("transform set of an IPsec profile",
     {spokes("ipsec_profiles", "IPSEC", "transform_sets"): ["TS", "NOPE"]},
     every("FV213", "ipsec_profiles.IPSEC.transform_sets[1]", ("s1", "s2"))),
    ("unnumbered interface",
     {host("s1", "tunnels", "Tunnel0"): {**TUNNEL, "ip_unnumbered": "Loopback9"}},
     {("FV214", "s1", "tunnels.Tunnel0.ip_unnumbered")}),
    ("FlexVPN client connect and source",
     {host("s1", "ikev2_clients"): {"C": {"connect": ["Tunnel9"], "sources": [
         {"seq": 1, "interface": "GigabitEthernet9"}]}}},
     {("FV214", "s1", "ikev2_clients.C.connect[0]"),
      ("FV214", "s1", "ikev2_clients.C.sources[0].interface")}),
    ("route interface and route vrf",
     {host("s1", "routes"): [{"prefix": "10.50.0.0/16", "interface": "Tunnel9"},
                             {"prefix": "0.0.0.0/0", "vrf": "INET",
                              "next_hop": "198.51.100.1"}]},
     {("FV214", "s1", "routes[0].interface"), ("FV215", "s1", "routes[1].vrf")}),
    ("match address local interface",
     {spokes("ikev2_profiles", "FLEX"): {**SPOKE_FLEX, "match": {
         "fvrf": "any", "address_local_interface": "Loopback9"}}},
     every("FV214", "ikev2_profiles.FLEX.match.address_local_interface", ("s1", "s2"))),
    ("RADIUS group source interface and vrf",
     {host("hub", "aaa"): {"new_model": True, "authorization": [
         {"type": "network", "name": "LOCAL", "methods": ["local"]}],
         "radius_groups": {"RAD": {"servers": ["R1"], "vrf": "MGMT",
                                   "source_interface": "GigabitEthernet9"}}},
      host("hub", "radius_servers"): {"R1": {"address": "192.0.2.50"}}},
     {("FV215", "hub", "aaa.radius_groups.RAD.vrf"),
      ("FV214", "hub", "aaa.radius_groups.RAD.source_interface")}),
    ("route set interface NAME",
     {base("ikev2_authorization_policies", "ROUTES", "route_set_interface_name"): "Loopback9"},
     every("FV214", "ikev2_authorization_policies.ROUTES.route_set_interface_name")),
    ("policy match fvrf",
     {base("ikev2_policies", "POL", "match_fvrf"): "INET"},
     every("FV215", "ikev2_policies.POL.match_fvrf")),
    ("profile ivrf",
     {host("hub", "ikev2_profiles", "FLEX"): {**HUB_FLEX, "ivrf": "CORP"}},
     {("FV215", "hub", "ikev2_profiles.FLEX.ivrf")}),
    ("route set access-list",
     {base("ikev2_authorization_policies", "ROUTES", "route_set_access_list"): "ACL"},
     every("FV216", "ikev2_authorization_policies.ROUTES.route_set_access_list")),
]


@pytest.mark.parametrize(("edits", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_dangling_reference(edits: Edits, expected: set[tuple[str, str, str]],
                            inventory: Callable[[Edits], Path]) -> None:
    report = lint_fleet(load_fleet(inventory(edits)), negotiate=False)
    assert findings(report) == expected
    assert report.exit_code == 1


def test_defined_references_are_clean(inventory: Callable[[Edits], Path]) -> None:
    # The same kinds of references, all defined.
    edits: Edits = {
        host("hub", "ikev2_profiles", "FLEX"): {
            **HUB_FLEX, "aaa_authorization": [{"scope": "group", "kind": "psk", "list": "LOCAL",
                                               "name_mangler": "NM"}],
            "aaa_authentication_eap": "EAPLIST", "ivrf": "CORP"},
        host("hub", "ikev2_name_manglers"): {"NM": {"fqdn": "domain"}},
        host("hub", "vrfs"): {"CORP": {}, "MGMT": {}},
        host("hub", "aaa"): {"new_model": True,
                             "authentication": [{"type": "login", "name": "EAPLIST",
                                                 "methods": ["group RAD"]}],
                             "authorization": [{"type": "network", "name": "LOCAL",
                                                "methods": ["local"]}],
                             "radius_groups": {"RAD": {"servers": ["R1"], "vrf": "MGMT",
                                                       "source_interface": "GigabitEthernet1"}},
                             "attribute_lists": {"ATTR": [{"type": "interface-config",
                                                           "value": "ip mtu 1400"}]}},
        host("hub", "radius_servers"): {"R1": {"address": "192.0.2.50"}},
        host("hub", "ikev2_authorization_policies"): {"ROUTES": {
            "route_set_interface": True, "route_set_interface_name": "Loopback0",
            "route_set_access_list": "ACL", "aaa_attribute_list": "ATTR", "pool": "POOL"}},
        host("hub", "access_lists"): {"ACL": {"entries": [{"network": "10.0.0.0/8"}]}},
        host("hub", "local_pools"): {"POOL": {"start": "10.99.0.1", "end": "10.99.0.9"}},
        host("s1", "routes"): [{"prefix": "10.50.0.0/16", "interface": "Tunnel0"}],
    }
    report = lint_fleet(load_fleet(inventory(edits)), negotiate=False)
    assert findings(report) == set()
