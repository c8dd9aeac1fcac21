"""A partial config (an operator pastes the crypto blocks and the tunnel, not the router's
interfaces) cannot tell the tunnel source's address: prediction says so instead of calling the
source wrong. A full ``show running-config`` lists every interface of the router (each physical
port and configured loopback), so a source missing among interfaces of its kind is wrong.
"""

from __future__ import annotations

from flexorch.ios.model import RouterConfig
from flexorch.ios.negotiate import Endpoint, Status, predict_sessions

TUNNEL_ONLY = """hostname A
crypto ikev2 keyring K
 peer B
  address 192.0.2.2
  pre-shared-key k3y-Of-A
crypto ikev2 profile P
 match identity remote address 192.0.2.2 255.255.255.255
 authentication remote pre-share
 authentication local pre-share
 keyring local K
crypto ipsec profile IP
 set ikev2-profile P
interface Tunnel1
 ip address 10.0.0.1 255.255.255.252
 tunnel source GigabitEthernet1
 tunnel mode ipsec ipv4
 tunnel destination 192.0.2.2
 tunnel protection ipsec profile IP
"""


def _outcome(text: str) -> tuple[Status, str]:
    config = RouterConfig.from_text(text)
    (session,) = predict_sessions({"A": Endpoint("A", config)})
    return session.outcome.status, session.outcome.reason


def test_a_config_without_interfaces_of_the_sources_kind_cannot_tell_its_address() -> None:
    status, reason = _outcome(TUNNEL_ONLY)
    assert status is Status.CONFIG_INCOMPLETE
    assert reason == ("Tunnel1 tunnel source GigabitEthernet1: this config has no interface of "
                      "that kind (a partial config?), so the source address cannot be told")


def test_a_source_missing_among_interfaces_of_its_kind_does_not_exist() -> None:
    text = TUNNEL_ONLY + "interface GigabitEthernet2\n ip address 192.0.2.1 255.255.255.0\n"
    status, reason = _outcome(text)
    assert status is Status.CONFIG_INCOMPLETE
    assert reason == "Tunnel1 tunnel source GigabitEthernet1 does not exist"
