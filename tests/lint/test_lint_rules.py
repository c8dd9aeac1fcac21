"""Every lint rule: one edit of the healthy base inventory that must produce exactly the findings
written here by hand (from the guide's rules), and one near-miss edit that must lint clean.

The base (tests/lint/base): group ``base`` (all three hosts) holds proposal NGE (aes-gcm-256,
sha512, groups 21/20), policy POL, transform set TS (esp-gcm 256), AAA list LOCAL and
authorization policy ROUTES; group ``spokes`` holds the spokes' profile FLEX and IPsec profile
IPSEC. ``hub`` has Virtual-Template1 (mode auto), ``s1`` an IPsec VTI and ``s2`` a GRE tunnel to
it, each with its own PSK reference. Expected sets list every finding of the whole lint run
(per-host and fleet), so a rule that fires where it should not fails the test too.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from flexorch.lint import RULES, Report
from tests.lint.helpers import DELETE, Edits, findings

G, H, D = "groups.yaml", "hosts.yaml", "defaults.yaml"
ALL = ("hub", "s1", "s2")


def base(*keys: Any) -> tuple[str, ...]:
    """A key of group ``base`` (every host)."""
    return (G, "base", "data", *keys)


def spokes(*keys: Any) -> tuple[str, ...]:
    return (G, "spokes", "data", *keys)


def host(name: str, *keys: Any) -> tuple[str, ...]:
    return (H, name, "data", *keys)


def every(rule: str, path: str) -> set[tuple[str, str, str]]:
    return {(rule, h, path) for h in ALL}


SPOKE_FLEX: dict[str, Any] = {
    "match": {"fvrf": "any"},
    "authentication_remote": [{"method": "pre-share"}],
    "authentication_local": {"method": "pre-share"},
    "dpd": {"interval": 30, "retry": 5, "mode": "on-demand"},
    "aaa_authorization": [{"scope": "group", "kind": "psk", "list": "LOCAL", "name": "ROUTES"}],
}
HUB_FLEX: dict[str, Any] = {
    "authentication_remote": [{"method": "pre-share"}],
    "authentication_local": {"method": "pre-share"},
    "dpd": {"interval": 30, "retry": 5, "mode": "on-demand"},
    "virtual_template": {"number": 1, "mode_auto": True},
    "aaa_authorization": [{"scope": "group", "kind": "psk", "list": "LOCAL", "name": "ROUTES"}],
}
NGE = {"encryption": ["aes-gcm-256"], "prf": ["sha512"], "group": [21, 20]}
S1_TUNNEL = {"ip_unnumbered": "Loopback0", "source": "GigabitEthernet1", "mode": "ipsec ipv4",
             "peer": "hub", "protection": "IPSEC"}


def spoke_flex(**changes: Any) -> dict[str, Any]:
    out = copy.deepcopy(SPOKE_FLEX)
    out.update(changes)
    return out


def hub_flex(**changes: Any) -> dict[str, Any]:
    out = copy.deepcopy(HUB_FLEX)
    out.update(changes)
    return out


def tunnel(**changes: Any) -> dict[str, Any]:
    return {**S1_TUNNEL, **changes}


HUB2 = {
    "hostname": "127.0.0.1", "port": 23004, "groups": ["base"],
    "data": {
        "role": "hub",
        "interfaces": {"GigabitEthernet1": {"ipv4": "192.0.2.2/24"}},
        "loopbacks": {"Loopback0": {"ipv4": "10.0.0.2/32"}},
        "virtual_templates": {"Virtual-Template1": {"ip_unnumbered": "Loopback0",
                                                    "protection": "IPSEC"}},
        "ikev2_profiles": {"FLEX": HUB_FLEX},
        "ipsec_profiles": {"IPSEC": {"transform_sets": ["TS"], "ikev2_profile": "FLEX"}},
    },
}


@dataclass
class Case:
    rule: str
    fail: Edits
    expected: set[tuple[str, str, str]]
    passing: Edits
    fail_env: dict[str, str] = field(default_factory=dict)
    pass_env: dict[str, str] = field(default_factory=dict)
    name: str = ""


CASES: list[Case] = [
    # --- FV1xx crypto -----------------------------------------------------------------------
    Case("FV101",
         {base("ikev2_proposals", "CBC"): {"encryption": ["aes-cbc-256"], "prf": ["sha512"],
                                           "group": [20]},
          base("ikev2_policies", "POL", "proposals"): ["NGE", "CBC"]},
         every("FV101", "ikev2_proposals.CBC.integrity"),
         {base("ikev2_proposals", "CBC"): {"encryption": ["aes-cbc-256"], "integrity": ["sha256"],
                                           "prf": ["sha512"], "group": [20]},
          base("ikev2_policies", "POL", "proposals"): ["NGE", "CBC"]}),
    # The integrity algorithm doubles as PRF (Cisco's IKEv2 configuration guide; a real SA of a
    # proposal without prf shows "PRF: SHA1", tests/fixtures/real/gh-atrubin-otus-ikev2-cryptomap):
    # only AES-GCM, which has no integrity, needs an explicit prf.
    Case("FV101",
         {base("ikev2_proposals", "GCM2"): {"encryption": ["aes-gcm-128"], "group": [20]},
          base("ikev2_policies", "POL", "proposals"): ["NGE", "GCM2"]},
         every("FV101", "ikev2_proposals.GCM2.prf"),
         {base("ikev2_proposals", "CBC"): {"encryption": ["aes-cbc-256"], "integrity": ["sha256"],
                                           "group": [20]},
          base("ikev2_policies", "POL", "proposals"): ["NGE", "CBC"]},
         name="FV101-prf-only-for-gcm"),
    Case("FV102",
         {base("ikev2_proposals", "GCM2"): {"encryption": ["aes-gcm-128"], "integrity": ["sha256"],
                                            "prf": ["sha256"], "group": [20]},
          base("ikev2_policies", "POL", "proposals"): ["NGE", "GCM2"]},
         every("FV102", "ikev2_proposals.GCM2.integrity"),
         {base("ikev2_proposals", "GCM2"): {"encryption": ["aes-gcm-128"], "prf": ["sha256"],
                                            "group": [20]},
          base("ikev2_policies", "POL", "proposals"): ["NGE", "GCM2"]}),
    Case("FV103",
         {base("ikev2_policies", "POL2"): {"match_fvrf": "any", "proposals": []}},
         every("FV103", "ikev2_policies.POL2.proposals"),
         {base("ikev2_policies", "POL2"): {"match_fvrf": "any", "proposals": ["NGE"]}}),
    Case("FV104",
         {base("ikev2_proposals", "SPARE"): {"encryption": ["aes-cbc-256"],
                                             "integrity": ["sha256"], "prf": ["sha256"],
                                             "group": [19]}},
         every("FV104", "ikev2_proposals.SPARE"),
         {base("ikev2_proposals", "SPARE"): {"encryption": ["aes-cbc-256"],
                                             "integrity": ["sha256"], "prf": ["sha256"],
                                             "group": [19]},
          base("ikev2_policies", "POL", "proposals"): ["NGE", "SPARE"]}),
    Case("FV105",
         {base("ikev2_policies", "POL", "proposals"): ["NGE", "default"]},
         every("FV105", "ikev2_policies.POL.proposals[1]"),
         {base("ikev2_proposals", "default"): {"encryption": ["aes-cbc-256"],
                                               "integrity": ["sha256"], "prf": ["sha256"],
                                               "group": [19]},
          base("ikev2_policies", "POL", "proposals"): ["NGE", "default"]},
         name="FV105-default-in-policy"),
    Case("FV105",
         {host("s2", "ikev2_policies"): {},
          host("s2", "ikev2_proposals"): {}},
         # s2 falls back to IOS's default proposal (IOS-XE 17: AES-CBC-256, DH 19/14/21/5),
         # which the hub's policy (AES-GCM, DH 21/20 only) does not support.
         {("FV105", "s2", "ikev2_policies"), ("FV504", "s2", "tunnels.Tunnel0")},
         {host("s2", "ikev2_policies"): {"P2": {"match_fvrf": "any", "proposals": ["NGE"]}}},
         name="FV105-no-policy"),
    Case("FV111",
         {base("ikev2_proposals", "OLD"): {"encryption": ["aes-cbc-256"], "integrity": ["md5"],
                                           "prf": ["sha256"], "group": [5]},
          base("ikev2_policies", "POL", "proposals"): ["NGE", "OLD"],
          base("ipsec_transform_sets", "TS_DES"): {"esp_encryption": "esp-des",
                                                   "esp_integrity": "esp-sha256-hmac"}},
         every("FV111", "ikev2_proposals.OLD.integrity[0]")
         | every("FV111", "ikev2_proposals.OLD.group[0]")
         | every("FV111", "ipsec_transform_sets.TS_DES.esp_encryption"),
         {base("ikev2_proposals", "OLD"): {"encryption": ["aes-cbc-256"], "integrity": ["sha256"],
                                           "prf": ["sha256"], "group": [14]},
          base("ikev2_policies", "POL", "proposals"): ["NGE", "OLD"],
          base("ipsec_transform_sets", "TS_DES"): {"esp_encryption": "esp-aes 256",
                                                   "esp_integrity": "esp-sha256-hmac"}}),
    Case("FV111",
         {spokes("ipsec_profiles", "IPSEC", "pfs"): "group2",
          host("hub", "ipsec_profiles", "IPSEC", "pfs"): "group2"},
         every("FV111", "ipsec_profiles.IPSEC.pfs"),
         {spokes("ipsec_profiles", "IPSEC", "pfs"): "group14",
          host("hub", "ipsec_profiles", "IPSEC", "pfs"): "group14"},
         name="FV111-pfs"),
    Case("FV112",
         {base("ikev2_proposals", "LEG"): {"encryption": ["3des"], "integrity": ["sha1"],
                                           "prf": ["sha256"], "group": [14]},
          base("ikev2_policies", "POL", "proposals"): ["NGE", "LEG"]},
         every("FV112", "ikev2_proposals.LEG.encryption[0]")
         | every("FV112", "ikev2_proposals.LEG.integrity[0]"),
         {base("ikev2_proposals", "LEG"): {"encryption": ["aes-cbc-256"], "integrity": ["sha256"],
                                           "prf": ["sha256"], "group": [14]},
          base("ikev2_policies", "POL", "proposals"): ["NGE", "LEG"]}),
    Case("FV112",
         {host("s1", "ipsec_profiles"): {"IPSEC": {"transform_sets": ["TS"],
                                                   "ikev2_profile": "FLEX"},
                                         "SPARE": {"ikev2_profile": "FLEX"}}},
         {("FV112", "s1", "ipsec_profiles.SPARE.transform_sets")},
         {host("s1", "ipsec_profiles"): {"IPSEC": {"transform_sets": ["TS"],
                                                   "ikev2_profile": "FLEX"},
                                         "SPARE": {"transform_sets": ["TS"],
                                                   "ikev2_profile": "FLEX"}}},
         name="FV112-default-transform-set"),
    Case("FV120", {}, {("FV120", "s1", "psk")}, {},
         fail_env={"LINT_TEST_PSK_S1": "short-key-12"},
         pass_env={"LINT_TEST_PSK_S1": "abcdefghij0123456789"}),
    Case("FV121",
         {(D, "data", "secrets", "lab_fallback"): False},
         {("FV121", "s2", "psk")},
         {(D, "data", "secrets", "lab_fallback"): False},
         fail_env={"LINT_TEST_PSK_S1": "a-long-enough-lab-key-0001"},
         pass_env={"LINT_TEST_PSK_S1": "a-long-enough-lab-key-0001",
                   "LINT_TEST_PSK_S2": "a-long-enough-lab-key-0002"}),
    # --- FV2xx profiles, keyrings, references -------------------------------------------------
    Case("FV201",
         {host("hub", "ikev2_profiles", "FLEX"): hub_flex(match={"identity_remote": [
             {"type": "any"}, {"type": "fqdn", "value": "other.lint.example"}]})},
         {("FV201", "hub", "ikev2_profiles.FLEX.match.identity_remote[0]")},
         {host("hub", "ikev2_profiles", "FLEX"): hub_flex(match={"identity_remote": [
             {"type": "any"}]})}),
    Case("FV202",
         {host("hub", "ikev2_profiles", "SPARE"): {"authentication_local": {"method": "rsa-sig"},
                                                   "pki_trustpoints": ["CA"]},
          host("hub", "pki_trustpoints", "CA"): {"enrollment_url": "http://192.0.2.10"}},
         {("FV202", "hub", "ikev2_profiles.SPARE.authentication_remote"),
          ("FV202", "hub", "ikev2_profiles.SPARE.match")},
         {host("hub", "ikev2_profiles", "SPARE"): {
             "authentication_local": {"method": "rsa-sig"},
             "authentication_remote": [{"method": "rsa-sig"}],
             "match": {"certificate": ["MAP"]}, "pki_trustpoints": ["CA"]},
          host("hub", "pki_trustpoints", "CA"): {"enrollment_url": "http://192.0.2.10"},
          host("hub", "pki_certificate_maps"): [
              {"name": "MAP", "seq": 10,
               "rules": [{"field": "subject-name", "op": "co", "value": "ou=spokes"}]}]}),
    Case("FV203",
         {host("hub", "ikev2_profiles", "SPARE"): {
             "match": {"identity_remote": [{"type": "any"}]},
             "authentication_local": {"method": "pre-share"},
             "authentication_remote": [{"method": "pre-share"}]}},
         {("FV203", "hub", "ikev2_profiles.SPARE.keyring")},
         {host("hub", "ikev2_profiles", "SPARE"): {
             "match": {"identity_remote": [{"type": "any"}]},
             "authentication_local": {"method": "pre-share",
                                      "key": {"env": "LINT_TEST_PSK_SPARE"}},
             "authentication_remote": [{"method": "pre-share",
                                        "key": {"env": "LINT_TEST_PSK_SPARE"}}]}}),
    Case("FV204",
         {host("hub", "ikev2_profiles", "SPARE"): {
             "match": {"identity_remote": [{"type": "any"}]},
             "authentication_local": {"method": "rsa-sig"},
             "authentication_remote": [{"method": "rsa-sig"}]}},
         {("FV204", "hub", "ikev2_profiles.SPARE.pki_trustpoints")},
         {host("hub", "ikev2_profiles", "SPARE"): {
             "match": {"identity_remote": [{"type": "any"}]},
             "authentication_local": {"method": "rsa-sig"},
             "authentication_remote": [{"method": "rsa-sig"}], "pki_trustpoints": ["CA"]},
          host("hub", "pki_trustpoints", "CA"): {"enrollment_url": "http://192.0.2.10"}}),
    Case("FV205",
         {host("hub", "ikev2_keyrings"): {"KEYS": {"peers": {
             "WIDE": {"address": "198.51.100.0", "mask": "255.255.255.0",
                      "pre_shared_key": {"env": "LINT_TEST_PSK_WIDE"}},
             "ONE": {"address": "198.51.100.11",
                     "pre_shared_key": {"env": "LINT_TEST_PSK_ONE"}}}}}},
         {("FV205", "hub", "ikev2_keyrings.KEYS.peers.ONE.address")},
         {host("hub", "ikev2_keyrings"): {"KEYS": {"peers": {
             "WIDE": {"address": "198.51.100.0", "mask": "255.255.255.0",
                      "pre_shared_key": {"env": "LINT_TEST_PSK_WIDE"}},
             "ONE": {"address": "203.0.113.5",
                     "pre_shared_key": {"env": "LINT_TEST_PSK_ONE"}}}}}}),
    Case("FV205",
         {host("hub", "ikev2_keyrings"): {"KEYS": {"peers": {
             "DOMAIN": {"identities": [{"type": "fqdn", "domain": True,
                                        "value": "lint.example"}],
                        "pre_shared_key": {"env": "LINT_TEST_PSK_DOMAIN"}}}}}},
         # the derived blocks of s1 and s2 (fqdn s1/s2.lint.example) come after DOMAIN
         {("FV205", "hub", "ikev2_keyrings.KEYS.peers.s1.identities[0]"),
          ("FV205", "hub", "ikev2_keyrings.KEYS.peers.s2.identities[0]")},
         {host("hub", "ikev2_keyrings"): {"KEYS": {"peers": {
             "DOMAIN": {"identities": [{"type": "fqdn", "domain": True,
                                        "value": "other.example"}],
                        "pre_shared_key": {"env": "LINT_TEST_PSK_DOMAIN"}}}}}},
         name="FV205-identity"),
    Case("FV206",
         {host("s1", "vrfs"): {"INET": {}},
          host("s1", "interfaces", "GigabitEthernet1", "vrf"): "INET",
          host("s1", "tunnels", "Tunnel0"): tunnel(fvrf="INET"),
          host("s1", "ikev2_profiles"): {"FLEX": spoke_flex(match={})}},
         {("FV206", "s1", "ikev2_profiles.FLEX.match.fvrf"),
          ("FV508", "s1", "tunnels.Tunnel0")},
         {host("s1", "vrfs"): {"INET": {}},
          host("s1", "interfaces", "GigabitEthernet1", "vrf"): "INET",
          host("s1", "tunnels", "Tunnel0"): tunnel(fvrf="INET"),
          host("s1", "ikev2_profiles"): {"FLEX": spoke_flex(match={"fvrf": "INET"})}}),
    Case("FV210",
         {base("ikev2_policies", "POL", "proposals"): ["NGE", "MISSING"]},
         every("FV210", "ikev2_policies.POL.proposals[1]"),
         {base("ikev2_proposals", "MORE"): {"encryption": ["aes-gcm-128"], "prf": ["sha256"],
                                            "group": [19]},
          base("ikev2_policies", "POL", "proposals"): ["NGE", "MORE"]}),
    Case("FV210",
         # a static tunnel on the built-in IPsec profile initiates with IKEv2 profile default;
         # a virtual-template on it does not (the guide's "correct example", lines 48-56: the
         # responder clones the template for the profile the peer matched)
         # (s1 then initiates nothing: FV503; the template is a second one, so no session's
         # transform sets change)
         {host("s1", "tunnels", "Tunnel0"): tunnel(protection="default"),
          host("hub", "virtual_templates", "Virtual-Template2"): {
              "ip_unnumbered": "Loopback0", "protection": "default"}},
         {("FV210", "s1", "tunnels.Tunnel0.protection"), ("FV503", "s1", "hubs[0]")},
         {host("hub", "virtual_templates", "Virtual-Template2"): {
             "ip_unnumbered": "Loopback0", "protection": "default"}},
         name="FV210-default-ipsec-profile-static-tunnel-only"),
    Case("FV210",
         # an IPsec profile without ikev2_profile: the same, through the tunnel that uses it
         {host("s1", "ipsec_profiles", "IPSEC"): {"transform_sets": ["TS"]},
          host("hub", "ipsec_profiles", "IPSEC"): {"transform_sets": ["TS"]}},
         {("FV210", "s1", "ipsec_profiles.IPSEC.ikev2_profile"), ("FV503", "s1", "hubs[0]")},
         {host("hub", "ipsec_profiles", "IPSEC"): {"transform_sets": ["TS"]}},
         name="FV210-ipsec-profile-without-ikev2-profile"),
    Case("FV210",
         # a dangling keyring: the model's "config incomplete" is not repeated as FV510
         {host("s1", "ikev2_profiles"): {"FLEX": spoke_flex(keyring={"local": "NOPE"})}},
         {("FV210", "s1", "ikev2_profiles.FLEX.keyring.local")},
         {host("s1", "ikev2_profiles"): {"FLEX": spoke_flex(keyring={"local": "KEYS"})}},
         name="FV210-keyring"),
    # FV207: the guide's group authorization profile (lines 1622-1629) accepts pre-share and
    # rsa-sig with no keyring: rsa-sig peers still authenticate, so a warning, not FV203
    Case("FV207",
         {host("hub", "ikev2_profiles", "SPARE"): {
             "match": {"identity_remote": [{"type": "any"}]},
             "authentication_local": {"method": "rsa-sig"},
             "authentication_remote": [{"method": "pre-share"}, {"method": "rsa-sig"}],
             "pki_trustpoints": ["CA"]},
          host("hub", "pki_trustpoints"): {"CA": {"enrollment_url": "http://192.0.2.50"}}},
         {("FV207", "hub", "ikev2_profiles.SPARE.authentication_remote[0]")},
         {host("hub", "ikev2_profiles", "SPARE"): {
             "match": {"identity_remote": [{"type": "any"}]},
             "authentication_local": {"method": "rsa-sig"},
             "authentication_remote": [{"method": "rsa-sig"}],
             "pki_trustpoints": ["CA"]},
          host("hub", "pki_trustpoints"): {"CA": {"enrollment_url": "http://192.0.2.50"}}}),
    Case("FV211",
         {host("s1", "ikev2_profiles"): {"FLEX": spoke_flex(pki_trustpoints=["NOPE"])}},
         {("FV211", "s1", "ikev2_profiles.FLEX.pki_trustpoints[0]")},
         {host("s1", "ikev2_profiles"): {"FLEX": spoke_flex(pki_trustpoints=["CA"])},
          host("s1", "pki_trustpoints"): {"CA": {"enrollment_url": "http://192.0.2.10"}}}),
    Case("FV212",
         {host("hub", "ikev2_profiles", "FLEX"): hub_flex(
             aaa_accounting=[{"kinds": ["psk"], "list": "ACCT"}])},
         {("FV212", "hub", "ikev2_profiles.FLEX.aaa_accounting[0].list")},
         {host("hub", "ikev2_profiles", "FLEX"): hub_flex(
             aaa_accounting=[{"kinds": ["psk"], "list": "ACCT"}]),
          host("hub", "aaa"): {"new_model": True, "authorization": [
              {"type": "network", "name": "LOCAL", "methods": ["local"]}],
              "accounting": [{"type": "network", "name": "ACCT", "methods": ["group RAD"]}],
              "radius_groups": {"RAD": {"servers": ["R1"]}}},
          host("hub", "radius_servers"): {"R1": {"address": "192.0.2.50",
                                                 "key": {"env": "LINT_TEST_RADIUS"}}}}),
    Case("FV212",
         {host("hub", "aaa"): {"new_model": True, "authorization": [
             {"type": "network", "name": "LOCAL", "methods": ["local"]}],
             "accounting": [{"type": "network", "name": "ACCT", "methods": ["group RAD"]}],
             "radius_groups": {"RAD": {"servers": ["R9"]}}}},
         {("FV212", "hub", "aaa.radius_groups.RAD.servers[0]")},
         {host("hub", "aaa"): {"new_model": True, "authorization": [
             {"type": "network", "name": "LOCAL", "methods": ["local"]}],
             "accounting": [{"type": "network", "name": "ACCT", "methods": ["group radius"]}]}},
         name="FV212-radius"),
    Case("FV213",
         {host("s1", "tunnels", "Tunnel0"): tunnel(protection="NOPE")},
         {("FV213", "s1", "tunnels.Tunnel0.protection")},
         {host("s1", "ipsec_profiles"): {"IPSEC": {"transform_sets": ["TS"],
                                                   "ikev2_profile": "FLEX"},
                                         "OTHER": {"transform_sets": ["TS"],
                                                   "ikev2_profile": "FLEX"}},
          host("s1", "tunnels", "Tunnel0"): tunnel(protection="OTHER")}),
    Case("FV214",
         {host("hub", "ikev2_profiles", "FLEX"): hub_flex(
             virtual_template={"number": 2, "mode_auto": True})},
         # the spokes' sessions then fail on the hub's side; not repeated as FV510
         {("FV214", "hub", "ikev2_profiles.FLEX.virtual_template.number")},
         {host("hub", "ikev2_profiles", "FLEX"): hub_flex(
             virtual_template={"number": 2, "mode_auto": True}),
          host("hub", "virtual_templates"): {"Virtual-Template2": {
              "ip_unnumbered": "Loopback0", "protection": "IPSEC"}}}),
    Case("FV214",
         {host("s1", "tunnels", "Tunnel0"): tunnel(source="GigabitEthernet2")},
         {("FV214", "s1", "tunnels.Tunnel0.source")},
         {host("s1", "tunnels", "Tunnel0"): tunnel(source="GigabitEthernet1")},
         name="FV214-source"),
    Case("FV215",
         {host("s1", "tunnels", "Tunnel0"): tunnel(vrf="CORP")},
         {("FV215", "s1", "tunnels.Tunnel0.vrf")},
         {host("s1", "tunnels", "Tunnel0"): tunnel(vrf="CORP"),
          host("s1", "vrfs"): {"CORP": {}},
          host("s1", "loopbacks", "Loopback0", "vrf"): "CORP"}),
    Case("FV216",
         {base("ikev2_authorization_policies", "ROUTES", "pool"): "POOL"},
         every("FV216", "ikev2_authorization_policies.ROUTES.pool"),
         {base("ikev2_authorization_policies", "ROUTES", "pool"): "POOL",
          base("local_pools"): {"POOL": {"start": "10.99.0.1", "end": "10.99.0.254"}}}),
    Case("FV217",
         {spokes("ikev2_profiles", "FLEX"): spoke_flex(config_exchange_request=False),
          host("s1", "tunnels", "Tunnel0"): {**tunnel(ip_negotiated=True), "ip_unnumbered": None}},
         {("FV217", "s1", "ikev2_profiles.FLEX.config_exchange_request")},
         {spokes("ikev2_profiles", "FLEX"): spoke_flex(config_exchange_request=True),
          host("s1", "tunnels", "Tunnel0"): {**tunnel(ip_negotiated=True), "ip_unnumbered": None}}),
    # --- FV3xx interfaces and tunnels -------------------------------------------------------
    Case("FV301",
         {host("hub", "virtual_templates", "Virtual-Template1"): {"ipv4": "10.9.9.1/24",
                                                                  "protection": "IPSEC"}},
         {("FV301", "hub", "virtual_templates.Virtual-Template1.ipv4")},
         {host("hub", "virtual_templates", "Virtual-Template1"): {"ip_unnumbered": "Loopback0",
                                                                  "protection": "IPSEC"}}),
    # SGT on s2's GRE tunnel: IOS XE 16.6 cannot tag it (Cisco "TrustSec DMVPN Inline Tagging
    # Support" came with 16.7), 16.7 and later (and the IOS-XE 17 assumed without a
    # platform_version) can, as the negotiation model predicts.
    Case("FV303",
         {host("s2", "ikev2"): {"cts_sgt": True}, host("hub", "ikev2"): {"cts_sgt": True},
          host("s2", "platform_version"): "16.6.4"},
         {("FV303", "s2", "tunnels.Tunnel0.mode")},
         {host("s2", "ikev2"): {"cts_sgt": True}, host("hub", "ikev2"): {"cts_sgt": True},
          host("s2", "platform_version"): "16.7.1"}),
    Case("FV303",
         {host("s2", "ikev2"): {"cts_sgt": True}, host("hub", "ikev2"): {"cts_sgt": True},
          host("s2", "platform_version"): "15.4(3)M5"},
         {("FV303", "s2", "tunnels.Tunnel0.mode")},
         {host("s2", "ikev2"): {"cts_sgt": True}, host("hub", "ikev2"): {"cts_sgt": True}},
         name="FV303-ios15-vs-unset"),
    Case("FV304",
         {host("s1", "ikev2"): {"cts_sgt": True, "fragmentation": {}},
          host("hub", "ikev2"): {"cts_sgt": True, "fragmentation": {}}},
         {("FV304", "s1", "ikev2.fragmentation"), ("FV304", "hub", "ikev2.fragmentation")},
         {host("s1", "ikev2"): {"cts_sgt": True, "fragmentation": {}},
          host("hub", "ikev2"): {"cts_sgt": True, "fragmentation": {}},
          host("s1", "tunnels", "Tunnel0"): tunnel(ip_mtu=1400),
          host("hub", "virtual_templates", "Virtual-Template1"): {
              "ip_unnumbered": "Loopback0", "protection": "IPSEC", "ip_mtu": 1400}}),
    Case("FV305",
         {host("s1", "ikev2"): {"cts_sgt": True}, host("hub", "ikev2"): {"cts_sgt": True},
          host("s1", "tunnels", "Tunnel0"): tunnel(cts_sgt_inline=True)},
         {("FV305", "s1", "tunnels.Tunnel0.cts_sgt_inline")},
         {host("s1", "tunnels", "Tunnel0"): tunnel(cts_sgt_inline=True)}),
    # FV306 is the remote-access headend's (guide line 169): a mixed-mode template without set
    # mixed-mode. The spokes' static mixed-mode tunnels need none (guide lines 151-167).
    Case("FV306",
         {host("hub", "loopbacks", "Loopback0"): {"ipv4": "10.0.0.1/32",
                                                 "ipv6": ["2001:db8:100::1/128"]},
          host("hub", "virtual_templates", "Virtual-Template2"): {
              "ip_unnumbered": "Loopback0", "mode": "ipsec ipv6 v4-overlay",
              "protection": "IPSEC"}},
         {("FV306", "hub", "ipsec_profiles.IPSEC.mixed_mode")},
         {host("hub", "loopbacks", "Loopback0"): {"ipv4": "10.0.0.1/32",
                                                 "ipv6": ["2001:db8:100::1/128"]},
          host("hub", "virtual_templates", "Virtual-Template2"): {
              "ip_unnumbered": "Loopback0", "mode": "ipsec ipv6 v4-overlay",
              "protection": "IPSEC"},
          host("hub", "ipsec_profiles", "IPSEC", "mixed_mode"): True}),
    Case("FV509",
         # a static mixed-mode spoke tunnel is fine on its own (no FV306 on s1); the headend it
         # reaches lacks set mixed-mode, which the negotiation model reports
         {host("s1", "loopbacks", "Loopback0"): {"ipv6": ["2001:db8:100::11/128"]},
          host("s1", "tunnels", "Tunnel0"): {
              "ipv6_unnumbered": "Loopback0", "source": "GigabitEthernet1",
              "mode": "ipsec ipv4 v6-overlay", "peer": "hub", "protection": "IPSEC"}},
         {("FV509", "s1", "tunnels.Tunnel0")},
         {host("s1", "loopbacks", "Loopback0"): {"ipv6": ["2001:db8:100::11/128"]},
          host("s1", "tunnels", "Tunnel0"): {
              "ipv6_unnumbered": "Loopback0", "source": "GigabitEthernet1",
              "mode": "ipsec ipv4 v6-overlay", "peer": "hub", "protection": "IPSEC"},
          host("hub", "ipsec_profiles", "IPSEC", "mixed_mode"): True},
         name="FV509-static-mixed-mode-needs-no-set-mixed-mode-on-the-spoke"),
    # --- FV4xx ranges: one past the guide's limit fails, the limit itself passes --------------
    Case("FV401", {base("ikev2"): {"window": 201}}, every("FV401", "ikev2.window"),
         {base("ikev2"): {"window": 200}}),
    Case("FV402", {base("ikev2"): {"dpd": {"interval": 9, "retry": 2}}},
         every("FV402", "ikev2.dpd.interval"), {base("ikev2"): {"dpd": {"interval": 10,
                                                                        "retry": 2}}}),
    Case("FV402",
         {host("hub", "ikev2_profiles", "FLEX"): hub_flex(dpd={"interval": 3601, "retry": 5})},
         {("FV402", "hub", "ikev2_profiles.FLEX.dpd.interval")},
         {host("hub", "ikev2_profiles", "FLEX"): hub_flex(dpd={"interval": 3600, "retry": 5})},
         name="FV402-profile"),
    Case("FV403", {base("ikev2"): {"dpd": {"interval": 3600, "retry": 61}}},
         every("FV403", "ikev2.dpd.retry"), {base("ikev2"): {"dpd": {"interval": 3600,
                                                                     "retry": 60}}}),
    Case("FV404", {base("ikev2"): {"fragmentation": {"mtu": 67}}},
         every("FV404", "ikev2.fragmentation.mtu"), {base("ikev2"): {"fragmentation": {
             "mtu": 1500}}}),
    Case("FV405", {base("ikev2"): {"cookie_challenge": 1001}},
         every("FV405", "ikev2.cookie_challenge"), {base("ikev2"): {"cookie_challenge": 0}}),
    Case("FV406", {base("ikev2"): {"limit": {"max_sa": 10000}}},
         every("FV406", "ikev2.limit.max_sa"), {base("ikev2"): {"limit": {"max_sa": 9999}}}),
    Case("FV407", {base("ikev2"): {"limit": {"max_in_negotiation_sa": 0}}},
         every("FV407", "ikev2.limit.max_in_negotiation_sa"),
         {base("ikev2"): {"limit": {"max_in_negotiation_sa": 1}}}),
    Case("FV408",
         {host("hub", "ikev2_profiles", "FLEX"): hub_flex(session_lifetime=119)},
         {("FV408", "hub", "ikev2_profiles.FLEX.session_lifetime")},
         {host("hub", "ikev2_profiles", "FLEX"): hub_flex(session_lifetime=25920000)}),
    Case("FV409", {base("ikev2"): {"certificate_cache": 2001}},
         every("FV409", "ikev2.certificate_cache"), {base("ikev2"): {"certificate_cache": 2000}}),
    Case("FV410", {base("ikev2"): {"diagnose_error": 0}},
         every("FV410", "ikev2.diagnose_error"), {base("ikev2"): {"diagnose_error": 1000}}),
    Case("FV411", {base("ikev2"): {"nat_keepalive": 4},
                   spokes("ikev2_profiles", "FLEX"): spoke_flex(nat_keepalive=3601)},
         every("FV411", "ikev2.nat_keepalive")
         | {("FV411", s, "ikev2_profiles.FLEX.nat_keepalive") for s in ("s1", "s2")},
         {base("ikev2"): {"nat_keepalive": 5},
          spokes("ikev2_profiles", "FLEX"): spoke_flex(nat_keepalive=3600)}),
    Case("FV412", {spokes("ikev2_profiles", "FLEX"): spoke_flex(lifetime=119)},
         {("FV412", "s1", "ikev2_profiles.FLEX.lifetime"),
          ("FV412", "s2", "ikev2_profiles.FLEX.lifetime")},
         {spokes("ikev2_profiles", "FLEX"): spoke_flex(lifetime=86400)}),
    # --- FV5xx fleet ----------------------------------------------------------------------------
    Case("FV501",
         {host("s2", "loopbacks", "Loopback0", "ipv4"): "10.0.1.1/32"},
         {("FV501", "s1", "loopbacks.Loopback0.ipv4"), ("FV501", "s2", "loopbacks.Loopback0.ipv4")},
         {host("s2", "loopbacks", "Loopback0", "ipv4"): "10.0.1.3/32"}),
    Case("FV502",
         {host("s1", "tunnels", "Tunnel0"): {**{k: v for k, v in S1_TUNNEL.items()
                                                if k != "peer"}, "destination": "203.0.113.99"}},
         # no router has 203.0.113.99, so s1 never reaches its hub either
         {("FV502", "s1", "tunnels.Tunnel0"), ("FV503", "s1", "hubs[0]")},
         {host("s1", "tunnels", "Tunnel0"): {**{k: v for k, v in S1_TUNNEL.items()
                                                if k != "peer"}, "destination": "192.0.2.1"}}),
    Case("FV503",
         {(H, "hub2"): HUB2, host("s1", "hubs"): ["hub", "hub2"]},
         {("FV503", "s1", "hubs[1]")},
         {(H, "hub2"): HUB2, host("s1", "hubs"): ["hub", "hub2"],
          host("s1", "tunnels", "Tunnel1"): tunnel(peer="hub2")}),
    Case("FV504",
         {host("hub", "ikev2_proposals"): {"CBC": {"encryption": ["aes-cbc-256"],
                                                   "integrity": ["sha256"], "prf": ["sha256"],
                                                   "group": [14]}},
          host("hub", "ikev2_policies"): {"POL": {"match_fvrf": "any", "proposals": ["CBC"]}}},
         {("FV504", "s1", "tunnels.Tunnel0"), ("FV504", "s2", "tunnels.Tunnel0")},
         {host("hub", "ikev2_proposals"): {"CBC": {"encryption": ["aes-cbc-256"],
                                                   "integrity": ["sha256"], "prf": ["sha256"],
                                                   "group": [14]},
                                           "NGE": NGE},
          host("hub", "ikev2_policies"): {"POL": {"match_fvrf": "any",
                                                  "proposals": ["CBC", "NGE"]}}}),
    Case("FV505",
         {host("hub", "ipsec_transform_sets"): {"TS": {"esp_encryption": "esp-aes 256",
                                                       "esp_integrity": "esp-sha256-hmac"}}},
         {("FV505", "s1", "tunnels.Tunnel0"), ("FV505", "s2", "tunnels.Tunnel0")},
         {host("hub", "ipsec_transform_sets"): {"TS": {"esp_encryption": "esp-gcm 256"},
                                                "TS2": {"esp_encryption": "esp-aes 256",
                                                        "esp_integrity": "esp-sha256-hmac"}},
          host("hub", "ipsec_profiles", "IPSEC"): {"transform_sets": ["TS2", "TS"],
                                                   "ikev2_profile": "FLEX"}}),
    Case("FV506",
         {host("s1", "ikev2_keyrings"): {"KEYS": {"peers": {"hub": {
             "address": "192.0.2.1", "pre_shared_key": {"env": "LINT_TEST_PSK_OTHER"}}}}}},
         {("FV506", "s1", "tunnels.Tunnel0")},
         # a different reference holding the same key is no mismatch: values are compared
         {host("s1", "ikev2_keyrings"): {"KEYS": {"peers": {"hub": {
             "address": "192.0.2.1", "pre_shared_key": {"env": "LINT_TEST_PSK_OTHER"}}}}}},
         fail_env={"LINT_TEST_PSK_OTHER": "another-key-of-24-chars!"},
         pass_env={"LINT_TEST_PSK_OTHER": "the-same-key-24-chars-ok",
                   "LINT_TEST_PSK_S1": "the-same-key-24-chars-ok"}),
    Case("FV506",
         # the key in the profile (authentication local pre-share key) signs, not the keyring
         {host("s1", "ikev2_profiles"): {"FLEX": spoke_flex(authentication_local={
             "method": "pre-share", "key": {"env": "LINT_TEST_PSK_PROFILE"}})}},
         {("FV506", "s1", "tunnels.Tunnel0")},
         {host("s1", "ikev2_profiles"): {"FLEX": spoke_flex(authentication_local={
             "method": "pre-share", "key": {"env": "LINT_TEST_PSK_PROFILE"}})}},
         fail_env={"LINT_TEST_PSK_PROFILE": "profile-key-differs-0001"},
         pass_env={"LINT_TEST_PSK_PROFILE": "one-key-on-both-ends-001",
                   "LINT_TEST_PSK_S1": "one-key-on-both-ends-001"},
         name="FV506-profile-key"),
    Case("FV507",
         {host("s2", "ikev2_profiles"): {"FLEX": spoke_flex(
             authentication_local={"method": "rsa-sig"}, pki_trustpoints=["CA"])},
          host("s2", "pki_trustpoints"): {"CA": {"enrollment_url": "http://192.0.2.10"}}},
         {("FV507", "s2", "tunnels.Tunnel0")},
         {host("s2", "ikev2_profiles"): {"FLEX": spoke_flex(
             authentication_local={"method": "pre-share"}, pki_trustpoints=["CA"])},
          host("s2", "pki_trustpoints"): {"CA": {"enrollment_url": "http://192.0.2.10"}}}),
    Case("FV508",
         {host("hub", "ikev2_profiles", "FLEX"): hub_flex(match={"identity_remote": [
             {"type": "fqdn", "value": "other.lint.example"}]})},
         {("FV508", "s1", "tunnels.Tunnel0"), ("FV508", "s2", "tunnels.Tunnel0")},
         {host("hub", "ikev2_profiles", "FLEX"): hub_flex(match={"identity_remote": [
             {"type": "fqdn", "domain": True, "value": "lint.example"}]})}),
    Case("FV509",
         {host("hub", "ikev2_profiles", "FLEX"): hub_flex(virtual_template={"number": 1})},
         # Virtual-Template1 has no mode: gre ip; only the IPsec spoke s1 does not fit
         {("FV509", "s1", "tunnels.Tunnel0")},
         {host("hub", "ikev2_profiles", "FLEX"): hub_flex(virtual_template={"number": 1}),
          host("s1", "tunnels", "Tunnel0"): tunnel(mode="gre ip")}),
    Case("FV510",
         {host("s1", "tunnels", "Tunnel0"): {k: v for k, v in S1_TUNNEL.items()
                                             if k != "source"}},
         {("FV510", "s1", "tunnels.Tunnel0")},
         {host("s1", "tunnels", "Tunnel0"): tunnel(source="198.51.100.11")}),
    Case("FV511",
         {host("s1", "ikev2"): {"fragmentation": {"mtu": 1200}}},
         {("FV511", "s1", "ikev2.fragmentation")},
         {host("s1", "ikev2"): {"fragmentation": {"mtu": 1200}},
          host("hub", "ikev2"): {"fragmentation": {}}}),
    Case("FV512",
         {host("s1", "ikev2"): {"cts_sgt": True}},
         {("FV512", "s1", "ikev2.cts_sgt")},
         {host("s1", "ikev2"): {"cts_sgt": True}, host("hub", "ikev2"): {"cts_sgt": True}}),
    # s2's tunnel is GRE: from IOS XE 16.7 it carries the SGT too, so one end only is FV512.
    Case("FV512",
         {host("s2", "ikev2"): {"cts_sgt": True}, host("s2", "platform_version"): "17.9.4a"},
         {("FV512", "s2", "ikev2.cts_sgt")},
         {host("s2", "ikev2"): {"cts_sgt": True}, host("hub", "ikev2"): {"cts_sgt": True},
          host("s2", "platform_version"): "17.9.4a"},
         name="FV512-gre-from-16.7"),
    Case("FV513",
         {host("hub", "ikev2"): {"cts_sgt": True}},
         {("FV513", "hub", "ikev2.cts_sgt")},
         {host("hub", "ikev2"): {"cts_sgt": True}, host("s1", "ikev2"): {"cts_sgt": True}}),
    Case("FV513",
         {host("hub", "ikev2"): {"fragmentation": {"mtu": 1400}}},
         {("FV513", "hub", "ikev2.fragmentation")},
         {host("hub", "ikev2"): {"fragmentation": {"mtu": 1400}},
          host("s2", "ikev2"): {"fragmentation": {}}},
         name="FV513-fragmentation"),
    Case("FV514",
         {spokes("ipsec_profiles", "IPSEC", "pfs"): "group20"},
         {("FV514", "s1", "tunnels.Tunnel0.protection"),
          ("FV514", "s2", "tunnels.Tunnel0.protection")},
         {spokes("ipsec_profiles", "IPSEC", "pfs"): "group20",
          host("hub", "ipsec_profiles", "IPSEC", "pfs"): "group20"}),
    # --- FV6xx lines kept verbatim (more in tests/lint/test_lint_raw.py) -----------------------
    Case("FV601",
         {host("s1", "tunnels", "Tunnel0", "extra_lines"): ["ip nhrp network-id 1"]},
         {("FV601", "s1", "tunnels.Tunnel0.extra_lines")},
         {}),
]


# FV515: an external peer may not take an inventory router's address (tests/lint/
# test_lint_external_peers.py has the site-to-site cases)
_PARTNER = {"address": "203.0.113.5", "authentication": "rsa-sig",
            "proposal": {"encryption": ["aes-cbc-256"], "integrity": ["sha256"], "group": [19]},
            "transform_set": {"esp_encryption": "esp-gcm 256"}}
CASES.append(Case(
    "FV515", {host("s1", "external_peers"): {"partner": {**_PARTNER, "address": "192.0.2.1"}}},
    {("FV515", "s1", "external_peers.partner.address")},
    {host("s1", "external_peers"): {"partner": _PARTNER}}))


def _id(case: Case) -> str:
    return case.name or case.rule


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_rule_fires(case: Case, lint: Callable[..., Report], monkeypatch: pytest.MonkeyPatch
                    ) -> None:
    for name, value in case.fail_env.items():
        monkeypatch.setenv(name, value)
    report = lint(case.fail)
    assert findings(report) == case.expected
    if case.expected:
        assert case.rule in {f.rule for f in report.findings}
        expected_exit = 1 if any(RULES[r].severity == "error" for r, _, _ in case.expected) else 0
        assert report.exit_code == expected_exit


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_near_miss_is_clean(case: Case, lint: Callable[..., Report],
                            monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in case.pass_env.items():
        monkeypatch.setenv(name, value)
    report = lint(case.passing)
    assert findings(report) == set()
    assert report.exit_code == 0


def test_every_rule_has_a_failing_and_a_passing_case() -> None:
    fired = {c.rule for c in CASES if c.expected}
    # FV302 (virtual-template type) is a config-level rule: tests/lint/test_lint_config_rules.py
    assert fired | {"FV302"} == set(RULES)


def test_base_inventory_is_clean(lint: Callable[..., Report]) -> None:
    report = lint({})
    assert findings(report) == set()
    assert report.sessions == 2  # s1 and s2 each negotiate with the hub once
    assert report.hosts == ["hub", "s1", "s2"]


def test_deleting_a_key_helper(lint: Callable[..., Report]) -> None:
    # s2 without its psk: s2's profile gets no keyring, and the hub derives neither a keyring
    # block nor a match identity for it, so the hub's profile never matches s2 (the profile
    # step comes before authentication)
    report = lint({host("s2", "psk"): DELETE})
    assert findings(report) == {("FV203", "s2", "ikev2_profiles.FLEX.keyring"),
                                ("FV508", "s2", "tunnels.Tunnel0")}
