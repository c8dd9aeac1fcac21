"""Config mode for lines of older ISR and CME/CUBE routers: Frame Relay, map classes, CBAC's port
map, the legacy IDS (``ip audit``), RMON, the TFTP server, RTCP and accounting globals.

Typed by hand from the Cisco command references named beside the grammar rows (Wide-Area
Networking, Security, Network Management, Configuration Fundamentals, Voice, IP Application
Services, DHCP).
"""

from __future__ import annotations

from flexorch.ios.config import apply_lines
from flexorch.ios.config.tree import ConfigTree
from tests.ios.test_engine_families import _shown, _tree


def test_frame_relay_port_and_point_to_point_subinterface() -> None:
    tree = _tree(["map-class frame-relay SHAPE", " frame-relay cir 64000",
                  "interface Serial0/0/0", " no ip address", " encapsulation frame-relay",
                  " frame-relay lmi-type ansi", " frame-relay lmi-type cisco",
                  "interface Serial0/0/0.100 point-to-point",
                  " ip address 10.1.1.1 255.255.255.252", " frame-relay interface-dlci 100",
                  " frame-relay class SHAPE"])
    shown = _shown(tree)
    assert " frame-relay lmi-type cisco" in shown and " frame-relay lmi-type ansi" not in shown
    assert " frame-relay interface-dlci 100" in shown and " frame-relay class SHAPE" in shown
    assert "map-class frame-relay SHAPE" in shown and " frame-relay cir 64000" in shown
    assert apply_lines(tree, ["interface Serial0/0/0.100 point-to-point",
                              " frame-relay interface-dlci 5"]) != []


def test_cbac_port_map_and_legacy_ids() -> None:
    lines = ["ip port-map http port 8080", "ip audit notify log", "ip audit po max-events 100",
             "ip audit name AUDIT info action alarm",
             "ip audit name AUDIT attack action alarm drop"]
    shown = _shown(_tree(lines))
    for line in lines:
        assert line in shown, line


def test_rmon_events_and_alarms() -> None:
    lines = ["rmon event 1 log trap public description high",
             "rmon alarm 1 ifInOctets.1 60 delta rising-threshold 1000 1 falling-threshold 100 1"]
    shown = _shown(_tree(lines))
    for line in lines:
        assert line in shown, line
    assert apply_lines(ConfigTree(), ["rmon alarm 1 ifInOctets.1 60 sometimes"]) != []


def test_tftp_server_files_rtcp_and_accounting_globals() -> None:
    lines = ["tftp-server flash:sip88xx.12-0-1MN-113.loads", "tftp-server flash:kern.sbn alias k",
             "ip rtcp report interval 9000", "ip accounting-threshold 1000",
             "ip dhcp-server 10.0.0.1"]
    shown = _shown(_tree(lines))
    for line in lines:
        assert line in shown, line


def test_utd_snort_ips_blocks() -> None:
    # Security Configuration Guide: Unified Threat Defense, "Snort IPS" (ISR 4000 / C8000).
    tree = _tree(["utd", " all-interfaces", " engine standard",
                  "utd engine standard", " logging host 10.1.1.9", " threat-inspection",
                  "  threat protection", "  policy security",
                  " signature update server cisco username u password p"])
    shown = _shown(tree)
    start = shown.index("utd engine standard")
    assert shown[start + 1:start + 5] == [" logging host 10.1.1.9", " threat-inspection",
                                          "  threat protection", "  policy security"]
    assert " all-interfaces" in shown and " engine standard" in shown
    assert apply_lines(tree, ["utd engine standard", " threat-inspection",
                              "  threat maybe"]) != []
