"""Attributes AAA pushes onto the Virtual-Access a FlexVPN hub clones: a local authorization
policy's ``aaa attribute list`` with ``interface-config`` entries (Cisco's FlexVPN guide). The
hub's ivrf comes from the pushed ``vrf forwarding`` when there is one, else from the template."""

from __future__ import annotations

import pytest

from flexorch.ios.model import RouterConfig
from flexorch.ios.negotiate import Endpoint, Status, negotiate

KEY = "flexorch-aaa-test-key-0123456789"
SPOKE = (
    "hostname spoke\n"
    f"crypto ikev2 keyring KR\n peer HUB\n  address 198.51.100.1\n  pre-shared-key {KEY}\n"
    "crypto ikev2 profile default\n match identity remote address 198.51.100.1 255.255.255.255\n"
    " identity local fqdn spoke.example.net\n authentication remote pre-share\n"
    " authentication local pre-share\n keyring local KR\n"
    "interface Tunnel0\n ip unnumbered GigabitEthernet1\n tunnel source GigabitEthernet1\n"
    " tunnel mode ipsec ipv4\n tunnel destination 198.51.100.1\n"
    " tunnel protection ipsec profile default\n"
    "interface GigabitEthernet1\n ip address 203.0.113.5 255.255.255.0\n")


def hub(attributes: str, template_vrf: str = "") -> str:
    return (
        "hostname hub\naaa new-model\naaa authorization network LOCAL local\n"
        f"aaa attribute list AL\n{attributes}"
        "vrf definition BLUE\n address-family ipv4\nvrf definition RED\n address-family ipv4\n"
        "crypto ikev2 authorization policy SPOKES\n route set interface\n"
        " aaa attribute list AL\n"
        f"crypto ikev2 keyring KR\n peer ANY\n  address 0.0.0.0 0.0.0.0\n"
        f"  pre-shared-key {KEY}\n"
        "crypto ikev2 profile default\n match identity remote fqdn domain example.net\n"
        " authentication remote pre-share\n authentication local pre-share\n keyring local KR\n"
        " aaa authorization group psk list LOCAL SPOKES\n virtual-template 1\n"
        "interface Loopback0\n ip address 10.9.9.9 255.255.255.255\n"
        f"interface Virtual-Template1 type tunnel\n{template_vrf} ip unnumbered Loopback0\n"
        " tunnel source GigabitEthernet1\n tunnel mode ipsec ipv4\n"
        " tunnel protection ipsec profile default\n"
        "interface GigabitEthernet1\n ip address 198.51.100.1 255.255.255.0\n")


def hub_ivrf(hub_text: str) -> str:
    outcome = negotiate(Endpoint("spoke", RouterConfig.from_text(SPOKE)),
                        Endpoint("hub", RouterConfig.from_text(hub_text)), "Tunnel0")
    assert outcome.status is Status.ESTABLISHED, outcome.reason
    view = outcome.view_of("hub")
    assert view is not None and view.virtual_template == "Virtual-Template1"
    return view.ivrf


@pytest.mark.parametrize(("attributes", "template_vrf", "ivrf"), [
    (' attribute type interface-config "vrf forwarding RED" protocol ip\n', "", "RED"),
    (' attribute type interface-config "ip vrf forwarding RED"\n'
     ' attribute type interface-config "ip unnumbered Loopback0"\n', "", "RED"),
    # The pushed VRF wins over the template's own.
    (' attribute type interface-config "vrf forwarding RED"\n', " vrf forwarding BLUE\n",
     "RED"),
    # Nothing pushed: the template's VRF; neither: the global table.
    (' attribute type interface-config "ip mtu 1400"\n', " vrf forwarding BLUE\n", "BLUE"),
    ("", "", "none"),
])
def test_the_hub_ivrf_comes_from_aaa_then_the_template(attributes: str, template_vrf: str,
                                                       ivrf: str) -> None:
    assert hub_ivrf(hub(attributes, template_vrf)) == ivrf


def test_authorization_policy_route_accept_and_flow_limit_are_read() -> None:
    # "route accept any tag 100 distance 5": real line of gh-vyos-docs-flexvpn-hub-cisco.
    config = RouterConfig.from_text(
        "crypto ikev2 authorization policy A\n route accept any tag 100 distance 5\n"
        " ipsec flow-limit 10\ncrypto ikev2 authorization policy B\n no route accept\n")
    a, b = config.authorization_policies["A"], config.authorization_policies["B"]
    assert (a.route_accept, a.route_accept_any, a.route_accept_tag, a.route_accept_distance,
            a.ipsec_flow_limit, a.other) == (True, True, 100, 5, 10, ())
    assert (b.route_accept, b.route_accept_any, b.other) == (False, False, ())
