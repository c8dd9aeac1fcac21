"""Declared external peers: a site-to-site tunnel from an inventory router to a router outside the
inventory passes lint when the far end is declared and agrees, and fails with the negotiation
model's reason (FV504/FV505/FV506/FV508) when it does not; an undeclared one is FV502 with advice;
inconsistent declarations are FV515. The prediction pipeline negotiates them like any tunnel.

Base: tests/lint/base (hub, spokes s1 and s2). Here s1 gets a second tunnel, Tunnel1, to the
partner router 203.0.113.5 with its own IKEv2 profile S2S (the partner presents
fqdn partner.example.net) and keyring entry.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from flexorch.errors import InventoryError
from flexorch.intent import load_fleet
from flexorch.lint import Report
from flexorch.predict import expected_tunnels, prediction
from tests.lint.helpers import Edits, findings
from tests.lint.test_lint_rules import SPOKE_FLEX

G, H = "groups.yaml", "hosts.yaml"
PARTNER: dict[str, Any] = {
    "address": "203.0.113.5",
    "identity": {"type": "fqdn", "value": "partner.example.net"},
    "authentication": "pre-share",
    "pre_shared_key": {"env": "LINT_TEST_PSK_PARTNER"},
    "proposal": {"encryption": ["aes-cbc-256"], "integrity": ["sha256"], "group": [19]},
    "transform_set": {"esp_encryption": "esp-aes 256", "esp_integrity": "esp-sha256-hmac"},
}
S2S = {
    "match": {"identity_remote": [{"type": "fqdn", "value": "partner.example.net"}]},
    "authentication_local": {"method": "pre-share"},
    "authentication_remote": [{"method": "pre-share"}],
    "keyring": {"local": "KEYS"},
}
TUNNEL1 = {"ipv4": "10.255.0.1/30", "source": "GigabitEthernet1", "mode": "ipsec ipv4",
           "peer": "partner", "protection": "S2S"}


def s1(*keys: Any) -> tuple[str, ...]:
    return (H, "s1", "data", *keys)


def site_to_site(partner: dict[str, Any] | None = None, **tunnel: Any) -> Edits:
    """s1 with Tunnel1 to the partner (declared as ``partner``, or undeclared when None)."""
    edits: Edits = {
        s1("tunnels", "Tunnel1"): {**TUNNEL1, **tunnel},
        s1("ikev2_proposals"): {"NGE": {"encryption": ["aes-gcm-256"], "prf": ["sha512"],
                                        "group": [21, 20]},
                                "S2S": {"encryption": ["aes-cbc-256"], "integrity": ["sha256"],
                                        "group": [19]}},
        s1("ikev2_policies"): {"POL": {"match_fvrf": "any", "proposals": ["NGE", "S2S"]}},
        s1("ikev2_profiles"): {"FLEX": copy.deepcopy(SPOKE_FLEX), "S2S": S2S},
        s1("ikev2_keyrings"): {"KEYS": {"peers": {"partner": {
            "address": "203.0.113.5", "pre_shared_key": {"env": "LINT_TEST_PSK_PARTNER"}}}}},
        s1("ipsec_transform_sets"): {
            "TS": {"esp_encryption": "esp-gcm 256"},
            "S2S": {"esp_encryption": "esp-aes 256", "esp_integrity": "esp-sha256-hmac"}},
        s1("ipsec_profiles"): {"IPSEC": {"transform_sets": ["TS"], "ikev2_profile": "FLEX"},
                               "S2S": {"transform_sets": ["S2S"], "ikev2_profile": "S2S"}},
    }
    if partner is not None:
        edits[s1("external_peers")] = {"partner": partner}
    return edits


def partner(**changes: Any) -> dict[str, Any]:
    return {**copy.deepcopy(PARTNER), **changes}


@pytest.fixture(autouse=True)
def _partner_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINT_TEST_PSK_PARTNER", "a-partner-key-of-enough-length-42")


def test_declared_partner_is_clean_and_predicted(
        lint: Callable[..., Report], inventory: Callable[[Edits], Path]) -> None:
    edits = site_to_site(partner())
    report = lint(edits)
    assert findings(report) == set()
    assert report.sessions == 3  # s1 and s2 to the hub, s1 to the partner
    fleet = load_fleet(inventory(edits))
    sessions = [s for s in prediction(fleet, ["s1"]).steady() if s.responder == "partner"]
    assert [(s.initiator, s.tunnel, str(s.outcome.status)) for s in sessions] == [
        ("s1", "Tunnel1", "ESTABLISHED")]
    suite = sessions[0].outcome.suite
    assert suite is not None
    assert (suite.encryption, suite.integrity, suite.dh_group) == ("aes-cbc-256", "sha256", 19)
    # verify expects the tunnel on s1, with the partner's address
    expected = {(e.peer, e.remote_address) for e in expected_tunnels(fleet, ["s1"])["s1"]}
    assert ("partner", "203.0.113.5") in expected


def test_undeclared_partner_is_fv502_with_advice(lint: Callable[..., Report]) -> None:
    report = lint(site_to_site(None, peer=None, destination="203.0.113.5"))
    assert findings(report) == {("FV502", "s1", "tunnels.Tunnel1")}
    message = report.findings[0].message
    assert "external_peers" in message
    assert "203.0.113.5" in message


@pytest.mark.parametrize(("declared", "rule"), [
    # the partner wants DH 20 only: IKE_SA_INIT finds no common proposal
    (partner(proposal={"encryption": ["aes-cbc-256"], "integrity": ["sha256"], "group": [20]}),
     "FV504"),
    # the partner's ESP transforms differ: the child SA fails
    (partner(transform_set={"esp_encryption": "esp-gcm 256"}), "FV505"),
    # the partner holds another key
    (partner(pre_shared_key={"env": "LINT_TEST_PSK_OTHER"}), "FV506"),
    # the partner presents another identity than s1's profile S2S matches
    (partner(identity={"type": "fqdn", "value": "gw.other.example"}), "FV508"),
], ids=["proposal", "transform-set", "key", "identity"])
def test_disagreeing_partner_fails_with_the_models_reason(
        declared: dict[str, Any], rule: str, lint: Callable[..., Report],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINT_TEST_PSK_OTHER", "another-partner-key-of-enough-length")
    report = lint(site_to_site(declared))
    assert findings(report) == {(rule, "s1", "tunnels.Tunnel1")}
    assert report.findings[0].peer == "partner"


def test_certificate_partner(lint: Callable[..., Report]) -> None:
    cert = partner(authentication="rsa-sig", pre_shared_key=None)
    edits = site_to_site(cert)
    edits[s1("ikev2_profiles")]["S2S"] = {**S2S, "keyring": None,
                                          "authentication_local": {"method": "rsa-sig"},
                                          "authentication_remote": [{"method": "rsa-sig"}],
                                          "pki_trustpoints": ["CA"]}
    edits[s1("pki_trustpoints")] = {"CA": {"enrollment_url": "http://192.0.2.50"}}
    assert findings(lint(edits)) == set()


@pytest.mark.parametrize(("subject", "expected"), [
    ("cn=partner.example.net, o=Partner", set()),
    ("cn=someone.else.example", {("FV508", "s1", "tunnels.Tunnel1")}),
    (None, {("FV508", "s1", "tunnels.Tunnel1")}),
], ids=["subject-matches-map", "subject-differs", "no-subject"])
def test_certificate_partner_matched_by_certificate_map(
        subject: str | None, expected: set[tuple[str, str, str]],
        lint: Callable[..., Report]) -> None:
    # The guide's ECDSA site-to-site profile matches the peer by certificate map (lines
    # 1370-1373, 1403): the declared subject is what the map reads.
    cert = partner(authentication="ecdsa-sig", pre_shared_key=None, identity={"type": "dn"},
                   certificate_subject=subject)
    edits = site_to_site(cert)
    edits[s1("ikev2_profiles")]["S2S"] = {
        "match": {"certificate": ["PARTNER"]},
        "authentication_local": {"method": "ecdsa-sig"},
        "authentication_remote": [{"method": "ecdsa-sig"}], "pki_trustpoints": ["CA"]}
    edits[s1("pki_trustpoints")] = {"CA": {"enrollment_url": "http://192.0.2.50"}}
    edits[s1("pki_certificate_maps")] = [{"name": "PARTNER", "seq": 10, "rules": [
        {"field": "subject-name", "op": "co", "value": "partner.example.net"}]}]
    assert findings(lint(edits)) == expected


def test_certificate_subject_needs_certificate_authentication(
        inventory: Callable[[Edits], Path]) -> None:
    edits = site_to_site(partner(certificate_subject="cn=partner"))
    with pytest.raises(InventoryError, match="certificate_subject needs authentication"):
        load_fleet(inventory(edits))


def test_partner_over_ipv6(lint: Callable[..., Report]) -> None:
    v6 = partner(address="2001:db8:ff::5")
    edits = site_to_site(v6, mode="ipsec ipv6", ipv4=None, ipv6=["2001:db8:fe::1/64"])
    edits[s1("interfaces")] = {"GigabitEthernet1": {"ipv4": "198.51.100.11/24",
                                                    "ipv6": ["2001:db8:1::11/64"]}}
    edits[s1("ikev2_keyrings")] = {"KEYS": {"peers": {"partner": {
        "address": "2001:db8:ff::5", "pre_shared_key": {"env": "LINT_TEST_PSK_PARTNER"}}}}}
    assert findings(lint(edits)) == set()


@pytest.mark.parametrize(("edits", "expected"), [
    # the name of an inventory host
    ({s1("external_peers"): {"hub": partner()}, s1("tunnels", "Tunnel1"): {
        **TUNNEL1, "peer": None, "destination": "203.0.113.5"}},
     {("FV515", "s1", "external_peers.hub")}),
    # an address the hub holds
    ({s1("external_peers"): {"partner": partner(address="192.0.2.1")}},
     {("FV515", "s1", "external_peers.partner.address")}),
    # declared one way on s1, another on s2
    ({(H, "s2", "data", "external_peers"): {"partner": partner(description="other")}},
     {("FV515", "s2", "external_peers.partner")}),
], ids=["host-name", "host-address", "two-declarations"])
def test_conflicting_declarations_are_fv515(edits: Edits, expected: set[tuple[str, str, str]],
                                            lint: Callable[..., Report]) -> None:
    base = site_to_site(partner())
    found = findings(lint({**base, **edits}))
    assert {f for f in found if f[0] == "FV515"} == expected


def test_a_peer_declared_by_a_group_serves_every_host(lint: Callable[..., Report]) -> None:
    # the declaration moves to group spokes (both spokes see it); s2 declares nothing itself
    edits = site_to_site(None)
    edits[(G, "spokes", "data", "external_peers")] = {"partner": partner()}
    assert findings(lint(edits)) == set()
