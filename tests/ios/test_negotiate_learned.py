"""A tunnel sourced from an interface whose address IOS learns at run time (``ip address dhcp``,
``ip address negotiated``) comes up: real Azure CSR1000v routers do exactly that
(tests/fixtures/real/gh-fabferri-vwan-csr164-svti: ``ip address dhcp`` on GigabitEthernet1, the
sessions UP-ACTIVE). The config cannot say the address, so the prediction shows none, and a peer
can only recognise such a router by a wildcard identity and keyring peer.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from flexorch.cli import cli
from flexorch.ios.model import RouterConfig
from flexorch.ios.negotiate import Endpoint, Session, Status, predict_sessions

KEY = "flexorch-test-key-1234567890"
SPOKE = f"""hostname spoke
crypto ikev2 keyring KR
 peer HUB
  address 203.0.113.1
  pre-shared-key {KEY}
crypto ikev2 profile default
 match identity remote address 203.0.113.1 255.255.255.255
 authentication remote pre-share
 authentication local pre-share
 keyring local KR
interface Tunnel0
 ip address 10.0.0.2 255.255.255.252
 tunnel source GigabitEthernet1
 tunnel mode ipsec ipv4
 tunnel destination 203.0.113.1
 tunnel protection ipsec profile default
interface GigabitEthernet1
 ip address dhcp
"""


def _hub(peer_address: str) -> str:
    return f"""hostname hub
crypto ikev2 keyring KR
 peer SPOKES
  address {peer_address}
  pre-shared-key {KEY}
crypto ikev2 profile default
 match identity remote address {peer_address}
 authentication remote pre-share
 authentication local pre-share
 keyring local KR
 virtual-template 1
interface Virtual-Template1 type tunnel
 ip unnumbered GigabitEthernet1
 tunnel mode ipsec ipv4
 tunnel protection ipsec profile default
interface GigabitEthernet1
 ip address 203.0.113.1 255.255.255.0
"""


def _sessions(hub: str) -> list[Session]:
    routers = {name: Endpoint(name, RouterConfig.from_text(text))
               for name, text in (("spoke", SPOKE), ("hub", hub))}
    return list(predict_sessions(routers))


def test_a_dhcp_spoke_reaches_a_hub_matching_any_address() -> None:
    [session] = _sessions(_hub("0.0.0.0 0.0.0.0"))
    assert session.outcome.status is Status.ESTABLISHED
    views = {v.router: v for v in session.views}
    assert (views["spoke"].local_address, views["spoke"].remote_address) == (None, "203.0.113.1")
    assert (views["hub"].local_address, views["hub"].remote_address) == ("203.0.113.1", None)


def test_a_hub_expecting_a_named_address_cannot_be_shown_to_match() -> None:
    # Which address DHCP gives is not in the config: a hub that names one is not assumed to get it.
    [session] = _sessions(_hub("198.51.100.2 255.255.255.255"))
    assert session.outcome.status is Status.PROFILE_MISMATCH
    assert ("identity address (learned at run time: a dhcp/negotiated/autoconfig address)"
            in session.outcome.reason)


def test_predict_shows_no_local_address_for_a_learned_one(tmp_path: Path) -> None:
    (tmp_path / "spoke.cfg").write_text(SPOKE, encoding="utf-8")
    (tmp_path / "hub.cfg").write_text(_hub("0.0.0.0 0.0.0.0"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["predict", "-f", "json", str(tmp_path / "spoke.cfg"),
                                      str(tmp_path / "hub.cfg")])
    assert result.exit_code == 0, result.output
    [record] = [r for r in json.loads(result.output) if r["local_host"] == "spoke"]
    assert (record["status"], record["local_address"], record["remote_address"]) == (
        "READY", None, "203.0.113.1")


def test_an_ipv6_transport_from_an_autoconfig_interface_comes_up_too() -> None:
    # ``ipv6 address autoconfig`` (SLAAC) or ``ipv6 address dhcp`` on the source of a
    # ``tunnel mode ipsec ipv6`` tunnel: the address is learned at run time like a DHCPv4 one.
    spoke = (SPOKE.replace("address 203.0.113.1\n", "address 2001:DB8::1/128\n")
             .replace("match identity remote address 203.0.113.1 255.255.255.255",
                      "match identity remote address 2001:DB8::1/128")
             .replace("tunnel mode ipsec ipv4", "tunnel mode ipsec ipv6")
             .replace("tunnel destination 203.0.113.1", "tunnel destination 2001:DB8::1")
             .replace(" ip address dhcp\n", " ipv6 address autoconfig\n"))
    hub = (_hub("::/0").replace("tunnel mode ipsec ipv4", "tunnel mode ipsec ipv6")
           .replace(" ip address 203.0.113.1 255.255.255.0\n", " ipv6 address 2001:DB8::1/64\n")
           .replace(" ip unnumbered GigabitEthernet1\n", " ipv6 unnumbered GigabitEthernet1\n"))
    config = RouterConfig.from_text(spoke)
    assert config.interfaces["GigabitEthernet1"].ipv6_dynamic == "autoconfig"
    routers = {"spoke": Endpoint("spoke", config), "hub": Endpoint("hub",
                                                                  RouterConfig.from_text(hub))}
    [session] = predict_sessions(routers)
    assert session.outcome.status is Status.ESTABLISHED, session.outcome.reason
    views = {v.router: v for v in session.views}
    assert (views["spoke"].local_address, views["spoke"].remote_address) == (None, "2001:DB8::1")


def test_a_profile_matching_its_dhcp_interface_by_name_covers_the_learned_address() -> None:
    # The Azure CSR1000v's profile says ``match address local interface GigabitEthernet1`` and
    # that interface is on DHCP (tests/fixtures/real/gh-fabferri-vwan-csr164-svti/csr1.cfg):
    # its tunnels come up (the capture shows them UP-ACTIVE), so the profile covers the address
    # the interface learns.
    spoke = SPOKE.replace(" match identity remote address 203.0.113.1 255.255.255.255\n",
                          " match identity remote address 203.0.113.1 255.255.255.255\n"
                          " match address local interface GigabitEthernet1\n")
    routers = {name: Endpoint(name, RouterConfig.from_text(text))
               for name, text in (("spoke", spoke), ("hub", _hub("0.0.0.0 0.0.0.0")))}
    [session] = predict_sessions(routers)
    assert session.outcome.status is Status.ESTABLISHED, session.outcome.reason
    # another interface's name (with a fixed address) does not cover it
    other = spoke.replace("match address local interface GigabitEthernet1",
                          "match address local interface GigabitEthernet2") \
        + "interface GigabitEthernet2\n ip address 198.51.100.9 255.255.255.0\n"
    routers["spoke"] = Endpoint("spoke", RouterConfig.from_text(other))
    [session] = predict_sessions(routers)
    assert session.outcome.status is Status.PROFILE_MISMATCH
