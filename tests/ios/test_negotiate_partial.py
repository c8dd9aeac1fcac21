"""A partial config (an operator pastes the crypto blocks and the tunnel, not the router's
interfaces) cannot tell the tunnel source's address: prediction says so instead of calling the
source wrong. A full ``show running-config`` lists every interface of the router (each physical
port and configured loopback), so a source missing among interfaces of its kind is wrong. A source
written as an address in such an excerpt is the router's own address.
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


def _excerpt(name: str, mine: str, peer: str) -> str:
    """An excerpt as write-ups publish it: the crypto blocks and the tunnel, whose source is
    written as an address; no other interface."""
    return (TUNNEL_ONLY.replace("hostname A", f"hostname {name}")
            .replace("192.0.2.2", peer).replace("tunnel source GigabitEthernet1",
                                                f"tunnel source {mine}"))


def _views(texts: dict[str, str]) -> list[tuple[str, str | None, str | None, str]]:
    routers = {name: Endpoint(name, RouterConfig.from_text(text)) for name, text in texts.items()}
    return sorted((v.router, v.local_address, v.remote_address, session.outcome.status.value)
                  for session in predict_sessions(routers) for v in session.views)


def test_an_excerpts_literal_tunnel_source_is_the_routers_address() -> None:
    # The guide: a protected tunnel's IKE "Local address: from tunnel source IP", "Peer address:
    # from tunnel destination IP". In an excerpt (no interface but the tunnel holds an IPv4
    # address) the literal source is the only word on the router's address: both ends are found
    # and the SA is predicted with those addresses.
    texts = {"A": _excerpt("A", "192.0.2.1", "192.0.2.2"),
             "B": _excerpt("B", "192.0.2.2", "192.0.2.1")}
    assert _views(texts) == [("A", "192.0.2.1", "192.0.2.2", "ESTABLISHED"),
                             ("B", "192.0.2.2", "192.0.2.1", "ESTABLISHED")]


def test_a_whole_configs_literal_source_must_be_one_of_its_addresses() -> None:
    # With an addressed physical interface the config is a router's whole show running-config:
    # a tunnel source address no interface holds is wrong, as before.
    text = (_excerpt("A", "192.0.2.9", "192.0.2.2")
            + "interface GigabitEthernet1\n ip address 192.0.2.1 255.255.255.0\n")
    status, reason = _outcome(text)
    assert status is Status.CONFIG_INCOMPLETE
    assert reason == "Tunnel1 tunnel source 192.0.2.9 is not an address of this router"


def test_a_literal_source_on_a_router_whose_ports_learn_their_addresses_is_its_own() -> None:
    # A cloud router's port takes its address from DHCP; a tunnel sourced at that (learned)
    # address names it literally: the guide's "Local address: from tunnel source IP".
    dhcp = "interface GigabitEthernet1\n ip address dhcp\n"
    texts = {"A": _excerpt("A", "192.0.2.1", "192.0.2.2") + dhcp,
             "B": _excerpt("B", "192.0.2.2", "192.0.2.1") + dhcp}
    assert _views(texts) == [("A", "192.0.2.1", "192.0.2.2", "ESTABLISHED"),
                             ("B", "192.0.2.2", "192.0.2.1", "ESTABLISHED")]
