"""Configs read in one process share the tables and parts they hold alike
(``RouterConfig.from_tree``): the memory of a site of 100,000 spokes. Sharing must never merge
what differs: each config still reads as it does alone."""

from __future__ import annotations

import dataclasses

from flexorch.ios.model import Interface, RouterConfig
from flexorch.ios.model.interfaces import Nhrp

SPOKE = """hostname {name}
aaa new-model
aaa authorization network FLEX local
crypto ikev2 proposal NGE
 encryption aes-gcm-256
 prf sha512
 group 21
crypto ikev2 keyring KEYS
 peer hub
  address {hub}
  pre-shared-key cisco123
crypto ikev2 profile FLEX
 match identity remote address {hub} 255.255.255.255
 identity local fqdn {name}.example
 authentication remote pre-share
 authentication local pre-share
 keyring local KEYS
interface Tunnel0
 ip unnumbered Loopback0
 tunnel source GigabitEthernet1
 tunnel destination {hub}
"""


def _read(name: str, hub: str) -> RouterConfig:
    return RouterConfig.from_text(SPOKE.format(name=name, hub=hub))


def _fields(config: RouterConfig) -> dict[str, object]:
    return {f.name: getattr(config, f.name) for f in dataclasses.fields(config)}


def test_equal_tables_are_one_object_and_read_the_same() -> None:
    one, two = _read("s1", "192.0.2.1"), _read("s2", "192.0.2.1")
    assert one.proposals is two.proposals
    assert one.keyrings is two.keyrings
    assert one.aaa is two.aaa
    assert one.vrfs is two.vrfs and one.vrfs == {}
    assert one.profiles is not two.profiles  # identity local differs
    assert one.profiles["FLEX"].identity_local != two.profiles["FLEX"].identity_local
    assert one.hostname == "s1" and two.hostname == "s2"


def test_a_differing_table_is_never_merged() -> None:
    one, other = _read("s1", "192.0.2.1"), _read("s1", "198.51.100.7")
    assert one.keyrings is not other.keyrings
    assert str(one.keyrings["KEYS"].peers[0].address) == "192.0.2.1/32"
    assert str(other.keyrings["KEYS"].peers[0].address) == "198.51.100.7/32"
    assert one.proposals is other.proposals


def test_a_config_read_again_holds_what_it_held() -> None:
    first = _fields(_read("s9", "203.0.113.9"))
    for _ in range(3):
        _read("s8", "203.0.113.8")
    assert _fields(_read("s9", "203.0.113.9")) == first


def test_interfaces_without_nhrp_share_one_frozen_value() -> None:
    a, b = Interface("Tunnel1"), Interface("Tunnel2")
    assert a.nhrp is b.nhrp and a.nhrp6 is a.nhrp
    assert a.nhrp == Nhrp() and not a.nhrp.enabled
