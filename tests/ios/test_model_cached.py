"""Values ``RouterConfig`` computes once (``address_owners``, ``tunnels``, ``memo``): the same
answers as computing them each time, and invisible in the model's repr, copies and pickles."""

from __future__ import annotations

import ipaddress
import pickle

from flexorch.ios.model import RouterConfig

CONFIG = """\
hostname r1
interface Loopback0
 ip address 10.0.0.1 255.255.255.255
 ipv6 address FE80::1 link-local
 ipv6 address 2001:DB8::1/128
interface GigabitEthernet1
 ip address 192.0.2.1 255.255.255.0
 ip address 192.0.2.9 255.255.255.0 secondary
 ipv6 address 2001:DB8:1::1/64
interface Tunnel2
 ip address 10.0.0.1 255.255.255.255
 tunnel source GigabitEthernet1
interface Tunnel1
 ip unnumbered Loopback0
 tunnel source GigabitEthernet1
"""


def test_address_owners_is_every_address_in_interface_order_first_one_wins() -> None:
    config = RouterConfig.from_text(CONFIG)
    owners = {str(addr): intf.name for addr, intf in config.address_owners.items()}
    # the link-local address is no one's; Tunnel2's 10.0.0.1 is Loopback0's (first one wins)
    assert owners == {"10.0.0.1": "Loopback0", "2001:db8::1": "Loopback0",
                      "192.0.2.1": "GigabitEthernet1", "192.0.2.9": "GigabitEthernet1",
                      "2001:db8:1::1": "GigabitEthernet1"}
    assert list(owners) == ["10.0.0.1", "2001:db8::1", "192.0.2.1", "192.0.2.9",
                            "2001:db8:1::1"]
    assert config.address_owners[ipaddress.ip_address("192.0.2.9")] \
        is config.interfaces["GigabitEthernet1"]


def test_tunnels_in_config_order_and_the_same_each_time() -> None:
    config = RouterConfig.from_text(CONFIG)
    assert [t.name for t in config.tunnels] == ["Tunnel2", "Tunnel1"]
    assert config.tunnels is config.tunnels


def test_computed_values_leave_repr_copies_and_pickles_alone() -> None:
    fresh = RouterConfig.from_text(CONFIG)
    used = RouterConfig.from_text(CONFIG)
    assert used.tunnels and used.address_owners
    used.memo["x"] = 1
    assert repr(used) == repr(fresh)
    copy = used.with_software(version="17.9")
    assert "memo" not in vars(copy) and "tunnels" not in vars(copy)
    assert [t.name for t in copy.tunnels] == ["Tunnel2", "Tunnel1"]
    loaded = pickle.loads(pickle.dumps(used))
    assert repr(loaded) == repr(fresh)
    assert [t.name for t in loaded.tunnels] == ["Tunnel2", "Tunnel1"]
