"""Remediation tables: negation, object kinds, references, weights."""

from __future__ import annotations

import pytest

from flexorch.ios.config import ConfigSession, ConfigTree, apply_lines, users_of
from flexorch.ios.facts import OBJECT_KINDS, negate, object_of


@pytest.mark.parametrize(
    ("line", "negation"),
    [
        ("tunnel protection ipsec profile IPP shared", "no tunnel protection ipsec profile"),
        ("pre-shared-key local s3cret", "no pre-shared-key local"),
        ("pre-shared-key s3cret", "no pre-shared-key"),
        ("authentication local pre-share key s3cret", "no authentication local pre-share"),
        ("key radius-secret", "no key"),
        ("username admin privilege 15 secret 9 $9$abc", "no username admin"),
        ("tunnel destination 192.0.2.1", "no tunnel destination"),
        ("ip local pool POOL 10.0.0.1 10.0.0.9", "no ip local pool POOL"),
        ("crypto ipsec transform-set TS esp-aes esp-sha-hmac", "no crypto ipsec transform-set TS"),
        ("interface Virtual-Template1 type tunnel", "no interface Virtual-Template1"),
        ("no config-exchange request", "config-exchange request"),
        ("match identity remote any", "no match identity remote any"),
        ("crypto ikev2 fragmentation mtu 1360", "no crypto ikev2 fragmentation"),
    ],
)
def test_negate(line: str, negation: str) -> None:
    assert negate(line) == negation


def test_negations_undo_lines_in_the_engine() -> None:
    cases = [
        (["crypto ikev2 keyring KR", "peer P"], ["address 192.0.2.1", "pre-shared-key local k",
                                                 "pre-shared-key remote r", "identity fqdn a.b"]),
        (["crypto ikev2 profile PR"], ["authentication local pre-share key k", "dpd 10 2 periodic",
                                       "no config-exchange request", "virtual-template 1 mode auto",
                                       "keyring local KR", "match identity remote any"]),
        (["interface Tunnel1"], ["tunnel source Loopback0", "tunnel destination 192.0.2.1",
                                 "tunnel mode ipsec ipv4", "ip mtu 1400",
                                 "tunnel protection ipsec profile default"]),
        (["crypto ipsec profile IPP"], ["set transform-set A B", "set pfs group14",
                                        "set ikev2-profile PR", "set mixed-mode"]),
    ]
    for headers, lines in cases:
        tree = ConfigTree()
        assert apply_lines(tree, [*headers, *lines]) == []
        session = ConfigSession(tree)
        for header in headers:
            assert session.feed(header).ok
        for line in lines:
            assert session.feed(negate(line)).ok, line
        assert [t for _, t in tree.lines()] == headers, headers


def test_object_of_recognises_every_kind() -> None:
    samples = {
        "ip local pool P 10.0.0.1 10.0.0.9": ("ip-local-pool", "P"),
        "vrf definition V": ("vrf", "V"),
        "crypto ikev2 proposal PR": ("ikev2-proposal", "PR"),
        "crypto ikev2 client flexvpn C": ("flexvpn-client", "C"),
        "crypto ipsec transform-set TS esp-aes": ("transform-set", "TS"),
        "crypto pki certificate map CM 10": ("certificate-map", "CM"),
        "aaa authorization network L local": ("aaa-method-list", "L"),
        "interface Tunnel1": ("interface", "Tunnel1"),
    }
    for line, (kind, name) in samples.items():
        found = object_of(line)
        assert found is not None, line
        assert (found[0].kind, found[1]) == (kind, name)
    assert object_of("hostname R1") is None


def test_weights_order_dependencies() -> None:
    weight = {k.kind: k.weight for k in OBJECT_KINDS}
    # Every reference target is created before its source.
    assert weight["ikev2-proposal"] < weight["ikev2-policy"]
    assert weight["ikev2-keyring"] < weight["ikev2-profile"]
    assert weight["transform-set"] < weight["ipsec-profile"]
    assert weight["ikev2-profile"] < weight["ipsec-profile"] < weight["interface"]
    assert weight["vrf"] < weight["interface"] < weight["flexvpn-client"]
    assert weight["radius-server"] < weight["aaa-group"] < weight["aaa-method-list"]


def test_users_of() -> None:
    tree = ConfigTree()
    assert apply_lines(tree, [
        "crypto ikev2 keyring KR", "crypto ikev2 profile PR", " keyring local KR",
        " virtual-template 2", "crypto ipsec transform-set A esp-aes",
        "crypto ipsec transform-set B esp-aes",
        "crypto ipsec profile IPP", " set transform-set A B", " set ikev2-profile PR",
    ]) == []
    assert users_of(tree, "ikev2-keyring", "KR") == ["crypto ikev2 profile PR"]
    assert users_of(tree, "transform-set", "B") == ["crypto ipsec profile IPP"]
    assert users_of(tree, "interface", "Virtual-Template2") == ["crypto ikev2 profile PR"]
    assert users_of(tree, "ikev2-keyring", "OTHER") == []


def test_access_list_is_an_object_used_by_authorization_policy() -> None:
    tree = ConfigTree()
    assert apply_lines(tree, ["ip access-list standard NETS", " permit 10.2.0.0 0.0.255.255",
                              "crypto ikev2 authorization policy AP",
                              " route set access-list NETS"]) == []
    found = object_of("ip access-list standard NETS")
    assert found is not None
    assert found[0].kind == "access-list"
    assert users_of(tree, "access-list", "NETS") == ["crypto ikev2 authorization policy AP"]
