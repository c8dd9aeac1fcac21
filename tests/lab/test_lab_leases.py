"""The lab's leases: the address each interface that learns one at run time holds
(``flexorch.lab.crypto.Leases``)."""

from __future__ import annotations

import ipaddress

from flexorch.ios.model import RouterConfig
from flexorch.lab.crypto import Leases

CONFIG = """interface GigabitEthernet1
 ip address dhcp
interface GigabitEthernet2
 no ip address
 ipv6 address autoconfig
interface GigabitEthernet3
 ip address 192.0.2.1 255.255.255.0
interface GigabitEthernet4
 ip address negotiated
"""


def test_every_learning_interface_holds_a_lease_and_the_others_are_untouched() -> None:
    config = RouterConfig.from_text(CONFIG)
    leases = Leases()
    leased = leases.applied("br4", config)
    gi1, gi2 = leased.interfaces["GigabitEthernet1"], leased.interfaces["GigabitEthernet2"]
    assert len(gi1.ipv4) == 1 and gi1.ipv4[0].ip in ipaddress.IPv4Network("100.64.0.0/10")
    assert gi1.ipv4_dynamic == "dhcp"  # still read as learned: only the address is added
    assert len(gi2.addresses(6)) == 1
    assert gi2.addresses(6)[0] in ipaddress.IPv6Network("2001:db8:ffee::/48")
    assert gi2.ipv4 == ()
    assert leased.interfaces["GigabitEthernet3"] is config.interfaces["GigabitEthernet3"]
    assert len(leased.interfaces["GigabitEthernet4"].ipv4) == 1  # PPP's IPCP gives one too
    assert config.interfaces["GigabitEthernet1"].ipv4 == ()  # the read config is not changed
    # the same lease every time, and for the show: the IPv4 ones by interface
    again = leases.applied("br4", RouterConfig.from_text(CONFIG))
    assert again.interfaces["GigabitEthernet1"].ipv4 == gi1.ipv4
    assert leases.of("br4") == {"GigabitEthernet1": str(gi1.ipv4[0].ip),
                                "GigabitEthernet4": str(
                                    leased.interfaces["GigabitEthernet4"].ipv4[0].ip)}
    assert leases.of("br5") == {}


def test_a_config_with_nothing_to_learn_is_returned_as_it_is() -> None:
    config = RouterConfig.from_text("interface GigabitEthernet3\n ip address 192.0.2.1 255.0.0.0\n")
    assert Leases().applied("r1", config) is config


def test_leases_are_distinct_even_when_names_hash_alike() -> None:
    leases = Leases()
    given = [leases.lease(f"spoke{i}", "GigabitEthernet1", 4) for i in range(5000)]
    assert len(set(given)) == 5000  # a clash takes the next free address
    pool = ipaddress.IPv4Network("100.64.0.0/10")
    assert all(a in pool and a not in (pool.network_address, pool.broadcast_address)
               for a in given)
    assert leases.lease("spoke7", "GigabitEthernet1", 4) == given[7]
