"""Config mode for an IWAN-style hub and branch (PfRv3 master/border blocks, a WAN tunnel's
``domain ... path``, AVC's performance monitor) and a CUBE's SIP user agent and trusted list.

Typed by hand from the Cisco documents named beside the grammar rows: the Performance Routing
Version 3 Configuration Guide, the Application Visibility and Control Configuration Guide, the
Cisco Unified Border Element Configuration Guide and the Cisco IOS Voice Command Reference.
"""

from __future__ import annotations

from flexorch.ios.config import apply_lines
from flexorch.ios.config.tree import ConfigTree
from flexorch.ios.model import RouterConfig
from tests.ios.test_engine_families import _shown, _tree

_HUB = ["domain one", " vrf default", "  master hub", "   source-interface Loopback0",
        "   site-prefixes prefix-list DC-PREFIXES", "   enterprise-prefix prefix-list ENT",
        "   class VOICE sequence 10", "    match dscp ef policy voice",
        "    path-preference MPLS fallback INET", "  border", "   source-interface Loopback0",
        "   master local"]


def test_pfr_hub_master_holds_classes_and_the_border_its_master() -> None:
    shown = _shown(_tree(_HUB))
    assert "   site-prefixes prefix-list DC-PREFIXES" in shown
    klass = shown.index("   class VOICE sequence 10")
    assert shown[klass + 1:klass + 3] == ["    match dscp ef policy voice",
                                          "    path-preference MPLS fallback INET"]
    assert "   master local" in shown


def test_pfr_branch_master_names_its_hub() -> None:
    tree = _tree(["domain one", " vrf default", "  master branch", "   source-interface Loopback0",
                  "   hub 10.8.3.3", "   hub 10.8.3.4"])
    shown = _shown(tree)
    # one hub: a second one replaces the first
    assert "   hub 10.8.3.4" in shown and "   hub 10.8.3.3" not in shown


def test_pfr_class_refuses_a_policy_match_without_policy() -> None:
    errors = apply_lines(ConfigTree(), [*_HUB[:7], "    match dscp ef"])
    assert len(errors) == 1


def test_wan_tunnel_path_and_performance_monitor_are_read_as_not_the_sas() -> None:
    text = "\n".join(["interface Tunnel100", " ip address 10.0.0.1 255.255.255.0",
                      " domain one path MPLS path-id 1", " performance monitor context PM",
                      " tunnel source GigabitEthernet1", " tunnel mode gre multipoint", "!",
                      "end", ""])
    assert apply_lines(ConfigTree(), text.splitlines()[:-2]) == []
    assert RouterConfig.from_text(text).unread == ()


def test_performance_monitor_context_block() -> None:
    tree = _tree(["performance monitor context PM profile application-experience",
                  " exporter destination 10.1.1.1 source Loopback0 port 4739",
                  " traffic-monitor application-response-time"])
    shown = _shown(tree)
    start = shown.index("performance monitor context PM profile application-experience")
    assert shown[start + 1:start + 3] == [
        " exporter destination 10.1.1.1 source Loopback0 port 4739",
        " traffic-monitor application-response-time"]


def test_cube_trusted_list_is_a_block_of_addresses() -> None:
    tree = _tree(["voice service voip", " ip address trusted list", "  ipv4 10.0.0.0 255.0.0.0",
                  "  ipv4 192.0.2.10", " allow-connections sip to sip"])
    shown = _shown(tree)
    start = shown.index(" ip address trusted list")
    assert shown[start + 1:start + 3] == ["  ipv4 10.0.0.0 255.0.0.0", "  ipv4 192.0.2.10"]
    assert apply_lines(tree, ["voice service voip", " ip address trusted list",
                              "  ipv4 10.0.0.300"]) != []


def test_sip_ua_block() -> None:
    tree = _tree(["sip-ua", " registrar ipv4:192.0.2.10 expires 3600",
                  " credentials username u password 7 0822455D0A16 realm r", " connection-reuse"])
    shown = _shown(tree)
    start = shown.index("sip-ua")
    assert " registrar ipv4:192.0.2.10 expires 3600" in shown[start:]
    assert " connection-reuse" in shown[start:]


def test_ikev2_authorization_policy_pushes_an_anyconnect_profile() -> None:
    # The IKEv2 AnyConnect headend tech note: the policy names the profile loaded by
    # 'crypto vpn anyconnect profile'; the model leaves it alone (pushed to the client).
    lines = ["crypto vpn anyconnect profile AC bootflash:/ac.xml",
             "crypto ikev2 authorization policy AUTH", " pool P", " anyconnect profile AC"]
    assert " anyconnect profile AC" in _shown(_tree(lines))
    assert RouterConfig.from_text("\n".join([*lines, "end", ""])).unread == ()


def test_dspfarm_transcoding_profile_block() -> None:
    # Cisco IOS Voice Command Reference, "dspfarm profile": a transcoding profile's codecs,
    # sessions and the SCCP application it registers with.
    tree = _tree(["dspfarm profile 1 transcode", " codec g711ulaw", " codec g729r8",
                  " maximum sessions 4", " associate application SCCP", " maximum sessions 6"])
    shown = _shown(tree)
    start = shown.index("dspfarm profile 1 transcode")
    body = shown[start + 1:start + 5]
    assert " codec g711ulaw" in body and " codec g729r8" in body
    assert " maximum sessions 6" in body and " maximum sessions 4" not in shown


def test_ips_signature_categories_are_nested_blocks() -> None:
    # Security Command Reference, "ip ips signature-category" / "category" / "retired".
    tree = _tree(["ip ips signature-category", " category all", "  retired true",
                  " category ios_ips basic", "  retired false"])
    shown = _shown(tree)
    start = shown.index("ip ips signature-category")
    assert shown[start + 1:start + 5] == [" category all", "  retired true",
                                          " category ios_ips basic", "  retired false"]
    assert apply_lines(tree, ["ip ips signature-category", " category all",
                              "  retired maybe"]) != []
