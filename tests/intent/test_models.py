"""Intent models on their own: what each accepts, how it normalises, what it refuses."""

from __future__ import annotations

import ipaddress
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from flexorch.intent.ikev2 import (
    Authorization,
    Identity,
    KeyringPeer,
    ProfileKeyring,
    RemoteIdentity,
)
from flexorch.intent.ikev2_aux import EapMangle
from flexorch.intent.interfaces import InterfaceBase, StaticRoute, Tunnel
from flexorch.intent.ipsec import TransformSet
from flexorch.intent.types import InterfaceName, Name, Text, Word

PSK = {"env": "T_KEY"}


@pytest.mark.parametrize("value", ["FLEX", "attr-list1", "flex2.example", "a_b:c/d@e+f=g", "10"])
def test_names_accepted(value: str) -> None:
    assert TypeAdapter(Name).validate_python(value) == value


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("FLEX NGE", "not a valid IOS object name"),
        ("FLEX\nexit", "line break or control character"),
        ("FLEX\r", "line break or control character"),
        ("FLEX\x1a", "line break or control character"),  # Ctrl-Z ends config mode
        ("FLEX?", "'?'"),
        ("FLÉX", "non-ASCII"),
        ("-flex", "not a valid IOS object name"),
        ("", "not a valid IOS object name"),
        ("x" * 65, "at most 64"),
    ],
)
def test_names_refused(value: str, reason: str) -> None:
    with pytest.raises(ValidationError, match=reason):
        TypeAdapter(Name).validate_python(value)


@pytest.mark.parametrize(
    ("adapter", "value", "reason"),
    [
        (Word, "two words", "one word"),
        (Word, 'a"b', "double quote"),
        (Text, "line one\nshutdown", "line break"),
        (Text, " padded", "start or end with spaces"),
        (Text, 'say "hi"', "double quote"),
        (Text, "what?", "'?'"),
    ],
)
def test_words_and_text_refused(adapter: Any, value: str, reason: str) -> None:
    with pytest.raises(ValidationError, match=reason):
        TypeAdapter(adapter).validate_python(value)


def test_text_keeps_inner_spaces() -> None:
    assert TypeAdapter(Text).validate_python("WAN to ISP, circuit 42") == "WAN to ISP, circuit 42"


@pytest.mark.parametrize(
    ("given", "canonical"),
    [
        ("g1", "GigabitEthernet1"),
        ("Gi0/0/1", "GigabitEthernet0/0/1"),
        ("tunnel0", "Tunnel0"),
        ("lo 5", "Loopback5"),
        ("virtual-template1", "Virtual-Template1"),
        ("te1/0/1", "TenGigabitEthernet1/0/1"),
    ],
)
def test_interface_names_canonical(given: str, canonical: str) -> None:
    assert TypeAdapter(InterfaceName).validate_python(given) == canonical


def test_interface_addresses_in_both_forms() -> None:
    slash = InterfaceBase.model_validate({"ipv4": "192.0.2.1/30"})
    mask = InterfaceBase.model_validate({"ipv4": "192.0.2.1 255.255.255.252"})
    assert slash.ipv4 == mask.ipv4 == ipaddress.IPv4Interface("192.0.2.1/30")
    with pytest.raises(ValidationError, match="give one of ipv4, ip_unnumbered, ip_negotiated"):
        InterfaceBase.model_validate({"ipv4": "192.0.2.1/30", "ip_unnumbered": "lo0"})


@pytest.mark.parametrize(
    ("given", "address", "prefix"),
    [
        ("2001:db8::2:1/64", "2001:db8::2:1", 64),
        ("2001:DB8:0:0:0:0:0:1/128", "2001:db8::1", 128),
        ("::/0", "::", 0),
        ("fe80::1/10", "fe80::1", 10),
        ("1:2:3:4:5:6:7::/64", "1:2:3:4:5:6:7:0", 64),  # "::" for the last group
        ("::2:3:4:5:6:7:8/64", "0:2:3:4:5:6:7:8", 64),
        ("2001:db8::1/064", "2001:db8::1", 64),  # a prefix length with a leading zero
        ("::ffff:192.0.2.1/96", "::ffff:c000:201", 96),  # an IPv4 tail
    ],
)
def test_interface_ipv6_addresses(given: str, address: str, prefix: int) -> None:
    made = InterfaceBase.model_validate({"ipv6": [given]}).ipv6[0]
    assert (str(made.ip), made.network.prefixlen) == (address, prefix)


@pytest.mark.parametrize("given", ["1:2:3:4:5:6:7:8::/64", "1::2::3/64", "2001:db8::12345/64",
                                   "2001:db8::1/129", "2001:db8::g/64", ":2001:db8::1/64"])
def test_interface_ipv6_addresses_refused(given: str) -> None:
    with pytest.raises(ValidationError, match="valid IPv6 interface"):
        InterfaceBase.model_validate({"ipv6": [given]})


@pytest.mark.parametrize(
    ("destination", "expected"),
    [
        ("192.0.2.1", ipaddress.ip_address("192.0.2.1")),
        ("2001:db8::1", ipaddress.ip_address("2001:db8::1")),
        ("dynamic", "dynamic"),
        ("hub.example.com", "hub.example.com"),
    ],
)
def test_tunnel_destination_forms(destination: str, expected: object) -> None:
    assert Tunnel.model_validate({"destination": destination}).destination == expected


@pytest.mark.parametrize("destination", ["192.0.2.300", "hub example", "1.2.3.4.5", "-x.example"])
def test_tunnel_destination_refused(destination: str) -> None:
    with pytest.raises(ValidationError, match="not an IP address, 'dynamic' or a host name"):
        Tunnel.model_validate({"destination": destination})


def test_route_next_hop_family_must_match() -> None:
    with pytest.raises(ValidationError, match="same IP version"):
        StaticRoute.model_validate({"prefix": "10.0.0.0/8", "next_hop": "2001:db8::1"})


def test_identity_address_is_stored_as_ios_prints_it() -> None:
    assert (
        Identity.model_validate({"type": "address", "value": "2001:db8::a"}).value == "2001:DB8::A"
    )
    with pytest.raises(ValidationError, match="'hub1' is not an IPv4 or IPv6 address"):
        Identity.model_validate({"type": "address", "value": "hub1"})
    with pytest.raises(ValidationError, match="dn takes no value"):
        Identity.model_validate({"type": "dn", "value": "cn=x"})


def test_remote_identity_shapes() -> None:
    assert RemoteIdentity.model_validate({"type": "any"}).value is None
    with pytest.raises(ValidationError, match="any takes no value"):
        RemoteIdentity.model_validate({"type": "any", "value": "x"})
    with pytest.raises(ValidationError, match="domain applies to fqdn and email"):
        RemoteIdentity.model_validate({"type": "key-id", "value": "k", "domain": True})


def test_keyring_peer_keys() -> None:
    symmetric = KeyringPeer.model_validate({"address": "192.0.2.1", "pre_shared_key": PSK})
    assert symmetric.pre_shared_key is not None
    with pytest.raises(ValidationError, match="not both"):
        KeyringPeer.model_validate({"pre_shared_key": PSK, "pre_shared_key_local": PSK})
    with pytest.raises(ValidationError, match="needs pre_shared_key"):
        KeyringPeer.model_validate({"address": "192.0.2.1"})
    with pytest.raises(ValidationError, match="mask needs an IPv4 address"):
        KeyringPeer.model_validate(
            {"address": "2001:db8::1", "mask": "255.0.0.0", "pre_shared_key": PSK}
        )
    with pytest.raises(ValidationError, match="valid dictionary or instance of SecretRef"):
        KeyringPeer.model_validate({"pre_shared_key": "literal-key"})


def test_authorization_and_keyring_shapes() -> None:
    cached = Authorization.model_validate({"scope": "user", "kind": "psk", "cached": True})
    assert cached.list is None
    with pytest.raises(ValidationError, match="cached applies to"):
        Authorization.model_validate({"scope": "group", "kind": "psk", "cached": True})
    with pytest.raises(ValidationError, match="override applies to group"):
        Authorization.model_validate(
            {"scope": "user", "kind": "psk", "list": "L", "override": True}
        )
    with pytest.raises(ValidationError, match="either local: NAME or aaa: LIST"):
        ProfileKeyring.model_validate({"local": "K", "aaa": "L"})
    with pytest.raises(ValidationError, match="exactly one of"):
        EapMangle.model_validate({"all": True, "dn": "domain"})


def test_transform_set_display_spelling() -> None:
    assert (
        TransformSet.model_validate({"esp_encryption": "esp-aes 128"}).esp_encryption == "esp-aes"
    )
    assert TransformSet.model_validate({"esp_encryption": "esp-gcm 256"}).esp_encryption == (
        "esp-gcm 256"
    )
    with pytest.raises(ValidationError, match="at least one transform"):
        TransformSet.model_validate({"mode": "transport"})


def test_models_are_frozen_and_strict() -> None:
    tunnel = Tunnel.model_validate({"destination": "192.0.2.1"})
    with pytest.raises(ValidationError, match="frozen"):
        tunnel.destination = "dynamic"  # type: ignore[misc]
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        Tunnel.model_validate({"destinaton": "192.0.2.1"})
