"""Config mode and show running-config for the classes the netlab-collected configs of
ipspace/netlab-examples brought (gh-ipspace-netlab-*: IOSv 15.6, CSR1000V 16.6, IOL 17.12) and
an IOL-XE 17.12 show run of a blog post (gh-byrn-baker-nautobot-workshop-iol1712).

Each case is typed by hand from the raw corpus text named in the test (or the Cisco command
reference named there), never produced by flexorch.
"""

from __future__ import annotations

from flexorch.ios.config import apply_lines, show_running
from flexorch.ios.config.tree import ConfigTree


def _taken(lines: list[str]) -> ConfigTree:
    tree = ConfigTree()
    assert apply_lines(tree, lines) == []
    return tree


def test_applets_printed_back_to_back_are_three_applets() -> None:
    # gh-ipspace-netlab-small-site-eem-applet-iosv156/gw.cfg: IOSv 15.6 prints its applets with
    # no '!' between them; 'event manager applet' after an applet's last action is no event
    # detector (EEM CR: "event timer", "event track"), so it opens the next applet.
    lines = ["event manager applet ENABLE-MGMT",
             " event timer countdown name REBOOT time 5",
             ' action 0 cli command "enable"',
             "event manager applet ISP_A_down",
             " event track 100 state down",
             ' action 1.0 syslog msg "ping to 172.16.1.2 from GigabitEthernet 0/2 failed"',
             "event manager applet ISP_A_up",
             " event track 100 state up",
             ' action 1.0 syslog msg "172.16.1.2 is reachable"']
    tree = _taken(lines)
    assert show_running(tree, section="event manager").splitlines() == lines


def test_an_applet_takes_one_event_and_a_tagged_one_per_tag() -> None:
    # EEM CR, "event none" (no argument) and "event tag": an untagged event replaces the last.
    tree = _taken(["event manager applet A", " event none", " event timer watchdog time 60",
                   " event tag t1 syslog pattern \"UPDOWN\""])
    assert show_running(tree, section="event manager").splitlines() == [
        "event manager applet A", " event timer watchdog time 60",
        ' event tag t1 syslog pattern "UPDOWN"']


def _shown_roots(lines: list[str]) -> list[str]:
    return [line for line in show_running(_taken(lines)).splitlines()
            if line and not line.startswith((" ", "!"))]


def test_iol_xe_1712_global_order() -> None:
    # gh-ipspace-netlab-bgp-localas-initial-iol1712/r1.cfg (IOL-XE 17.12): ip cef, login
    # on-success log, no ipv6 cef; username, then lldp run (after a track object in
    # gh-ipspace-netlab-redundant-small-site-routing-iol1712/gw_a.cfg); ip forward-protocol nd,
    # ip bgp-community new-format, ip http server; gh-ciscodevnet-cml-ccna-nat-iol1712/edge.cfg:
    # ip http secure-server, ip dns server, ip route. Typed here in another order.
    roots = _shown_roots([
        "version 17.12", "hostname r1", "no ipv6 cef", "lldp run", "login on-success log",
        "ip route 0.0.0.0 0.0.0.0 192.0.2.1", "ip dns server", "ip http server",
        "ip bgp-community new-format", "ip forward-protocol nd",
        "track 17 ip sla 15 state", "username admin privilege 15 secret 0 lab-secret"])
    order = ["login on-success log", "no ipv6 cef", "username admin", "track 17", "lldp run",
             "ip forward-protocol nd", "ip bgp-community new-format", "ip http server",
             "ip dns server", "ip route 0.0.0.0"]
    where = [next(i for i, r in enumerate(roots) if r.startswith(o)) for o in order]
    assert where == sorted(where), roots


def test_the_1703_order_is_kept() -> None:
    # A CSR1000v on 17.3 prints the community format after 'ip http' (SECTIONS_FROM_TRAIN,
    # gh-nickrusso-spauto2-csr173-sr-ospf) and lldp run right after redundancy
    # (gh-nickrusso-spcor9-csr173-bgp).
    roots = _shown_roots(["version 17.3", "hostname r1", "ip bgp-community new-format",
                          "ip http server", "track 1 interface Loopback0 line-protocol",
                          "lldp run"])
    assert roots.index("ip http server") < roots.index("ip bgp-community new-format")
    assert roots.index("lldp run") < roots.index("track 1 interface Loopback0 line-protocol")


def test_hsrp_before_the_interface_ospf_area_and_the_cost_after_it() -> None:
    # gh-ipspace-netlab-redundant-small-site-routing-iol1712/gw_a.cfg: ip nat enable, standby 1
    # ip/preempt/track, ip ospf 1 area 0; gh-artysleep-otus-lab14-gre-dmvpn-pki/msk-r15.cfg:
    # ip ospf 1 area 10, ip ospf cost 100; the netlab IOSv/CSR configs: ip ospf network
    # point-to-point, then the area.
    tree = _taken(["version 17.12", "interface Ethernet0/1", " ip ospf cost 100",
                   " ip ospf 1 area 0", " standby 1 ip 192.168.0.1", " standby 1 preempt",
                   " ip ospf network point-to-point", " ip address 192.168.0.3 255.255.255.0"])
    shown = show_running(tree, section="interface").splitlines()
    assert shown[shown.index("interface Ethernet0/1") + 1:][:6] == [
        " ip address 192.168.0.3 255.255.255.0", " ip ospf network point-to-point",
        " standby 1 ip 192.168.0.1", " standby 1 preempt", " ip ospf 1 area 0",
        " ip ospf cost 100"]


def test_iol_xe_1712_ipv6_and_ldp_globals() -> None:
    # gh-byrn-baker-nautobot-workshop-iol1712/p1.cfg (IOL-XE 17.12): login on-success log, ipv6
    # unicast-routing, ipv6 cef, mpls label protocol ldp, multilink; ipv6 route ..., ipv6 router
    # ospf 1, ipv6 prefix-list; route-map ..., mpls ldp router-id Loopback0 force, control-plane.
    roots = _shown_roots([
        "version 17.12", "hostname P1", "mpls ldp router-id Loopback0 force",
        "ipv6 prefix-list V6 seq 5 permit ::/0 le 128", "ipv6 router ospf 1",
        " router-id 100.0.254.1", "ipv6 route ::/0 Null0", "route-map RM permit 10",
        "control-plane", "multilink bundle-name authenticated", "ipv6 unicast-routing",
        "ipv6 cef", "mpls label protocol ldp", "login on-success log"])
    order = ["login on-success log", "ipv6 unicast-routing", "ipv6 cef",
             "mpls label protocol ldp", "multilink", "ipv6 route ", "ipv6 router ospf 1",
             "ipv6 prefix-list", "route-map RM", "mpls ldp router-id", "control-plane"]
    where = [next(i for i, r in enumerate(roots) if r.startswith(o)) for o in order]
    assert where == sorted(where), roots


def test_iol_xe_1712_interface_ospfv3_after_mpls() -> None:
    # gh-byrn-baker-nautobot-workshop-iol1712/p1.cfg: ip ospf network point-to-point, ip ospf 1
    # area 0, ipv6 address, ipv6 enable, mpls ip, ipv6 ospf 1 area 0.
    tree = _taken(["version 17.12", "interface Ethernet0/1", " ipv6 ospf 1 area 0", " mpls ip",
                   " ipv6 enable", " ipv6 address 2001:DB8:100:12::1/64", " ip ospf 1 area 0",
                   " ip ospf network point-to-point", " ip address 100.0.12.1 255.255.255.0"])
    shown = show_running(tree, section="interface").splitlines()
    assert shown[shown.index("interface Ethernet0/1") + 1:][:7] == [
        " ip address 100.0.12.1 255.255.255.0", " ip ospf network point-to-point",
        " ip ospf 1 area 0", " ipv6 address 2001:DB8:100:12::1/64", " ipv6 enable",
        " mpls ip", " ipv6 ospf 1 area 0"]
