"""Config mode, show running-config and the model for the command families the 2026-12 corpus
sources brought in (ISR G2 Oxidized backups, CML/EVE-NG IOSv 15.9 and CSR1000v 17.3 labs).

Every line is typed by hand from the corpus file named in the test
(tests/fixtures/real/<source>/<host>.cfg); every expected text is written by hand.
"""

from __future__ import annotations

from flexorch.ios.config import ConfigSession, ConfigTree, show_running
from flexorch.ios.facts import ERROR_INVALID
from flexorch.ios.model import RouterConfig
from tests.ios.test_engine_families import _body, _tree

# --- Extended access-list entries: log cookies, ICMP messages only after icmp ------------------

def test_a_log_cookie_ends_an_entry_and_is_kept_as_typed() -> None:
    # gh-tmullaly-oxidized-isrg2-backups/r1.cfg (IOS 15.7 on a 2901), access-list 100
    body = _body(_tree([
        "access-list 100 permit tcp any any eq ftp-data log FTP",
        "access-list 100 permit tcp any any eq 22 log SSH",
        "access-list 100 permit udp any any eq echo log ECHO",
        "access-list 100 permit ip any any log",
    ]))
    assert ("access-list 100 permit tcp any any eq ftp-data log FTP\n"
            "access-list 100 permit tcp any any eq 22 log SSH\n"
            "access-list 100 permit udp any any eq echo log ECHO\n"
            "access-list 100 permit ip any any log\n") in body


def test_icmp_message_names_follow_icmp_entries_only() -> None:
    # Security Command Reference, "permit (IP)": an ICMP message after an icmp entry's
    # destination; the same word after a tcp entry is not an option.
    session = ConfigSession(ConfigTree())
    assert session.feed("access-list 101 permit icmp any any echo").ok
    assert session.feed("access-list 101 permit icmp any host 10.0.100.17 8").ok
    refused = session.feed("access-list 101 permit tcp any any echo")
    assert refused.error is not None and refused.error.endswith(ERROR_INVALID)
    assert ("access-list 101 permit icmp any any echo\n"
            "access-list 101 permit icmp any host 10.0.100.17 8\n") in _body(session.tree)


# --- ISR G2 platform lines: vstack, line options ------------------------------------------------

def test_vstack_printed_indented_after_control_plane_is_a_global_command() -> None:
    # gh-tmullaly-oxidized-isrg2-backups/core.cfg: 'control-plane', '!', ' vstack'
    session = ConfigSession(ConfigTree())
    for line in ("control-plane", "!", " vstack"):
        assert session.feed(line).ok
    assert session.mode == "config"
    assert "\nvstack\n" in _body(session.tree)
    assert session.feed("no vstack").ok
    assert "\nno vstack\n" in _body(session.tree)


def test_line_no_forms_the_isr_g2_and_880_show() -> None:
    # gh-tmullaly-oxidized-isrg2-backups: r1.cfg 'line 2' / ' no activation-character',
    # wan.cfg 'line aux 0' / ' no modem enable'
    body = _body(_tree(["line 2", " no activation-character", " no exec",
                        "line aux 0", " no modem enable"]))
    assert "line aux 0\n no modem enable\n" in body
    assert "line 2\n no activation-character\n no exec\n" in body


# --- IKEv2 limits: IOS 15's spelling -----------------------------------------------------------

def test_ios15_spelling_of_the_in_negotiation_limit_is_taken_and_read() -> None:
    # gh-jakubkkk12-cml-dmvpn04-ikev2-nat/br3.cfg (IOSv 15.9)
    lines = ["crypto ikev2 limit max-in-negotation-sa 3 outgoing",
             "crypto ikev2 limit max-in-negotation-sa 3",
             "crypto ikev2 limit max-sa 7"]
    body = _body(_tree(lines))
    assert ("crypto ikev2 limit max-in-negotation-sa 3 outgoing\n"
            "crypto ikev2 limit max-in-negotation-sa 3\n") in body
    config = RouterConfig.from_text("\n".join(lines) + "\n")
    assert config.unread == ()
    assert config.ikev2.limit_max_in_negotiation == ((3, "outgoing"), (3, "incoming"))
    assert config.ikev2.limit_max_sa == 7


# --- MPLS traffic engineering, IS-IS, RSVP, BFD --------------------------------------------------

_TE_HEAD = [  # gh-jakubkkk12-cml-mpls-te-iosv/r4.cfg (IOSv 15.9), typed from the file
    "mpls traffic-eng tunnels",
    "interface Loopback0",
    " ip address 4.4.4.4 255.255.255.255",
    "interface Tunnel11",
    " description TASK-1",
    " ip unnumbered Loopback0",
    " tunnel mode mpls traffic-eng",
    " tunnel destination 6.6.6.6",
    " tunnel mpls traffic-eng autoroute announce",
    " tunnel mpls traffic-eng priority 3 3",
    " tunnel mpls traffic-eng bandwidth 100000",
    " tunnel mpls traffic-eng affinity 0x0 mask 0xF00000",
    " tunnel mpls traffic-eng path-option 1000 dynamic",
    " tunnel mpls traffic-eng record-route",
    " tunnel mpls traffic-eng path-selection metric te",
    " tunnel mpls traffic-eng exp 5 6 7",
    " no routing dynamic",
    "interface Tunnel10",
    " ip unnumbered Loopback0",
    " tunnel mode mpls traffic-eng",
    " tunnel destination 6.6.6.6",
    " tunnel mpls traffic-eng exp-bundle master",
    " tunnel mpls traffic-eng exp-bundle member Tunnel11",
    " tunnel mpls traffic-eng exp-bundle member Tunnel12",
    "interface GigabitEthernet0/0",
    " ip address 172.16.47.4 255.255.255.0",
    " ip router isis CORE",
    " mpls traffic-eng tunnels",
    " mpls traffic-eng attribute-flags 0xF00000",
    " isis circuit-type level-2-only",
    " isis bfd",
    " ip rsvp bandwidth percent 80 percent 20",
    "router isis CORE",
    " mpls traffic-eng router-id Loopback0",
    " mpls traffic-eng level-2",
    " net 49.0000.0000.0000.0004.00",
    " is-type level-2-only",
    " router-id Loopback0",
    " domain-password MPLS-CORE",
]


def test_mpls_te_head_end_lines_are_taken_one_per_setting() -> None:
    body = _body(_tree(_TE_HEAD))
    assert "\nmpls traffic-eng tunnels\n" in body
    # both bundle members stay (one line per member), the later path option does not replace
    # the member lines
    assert (" tunnel mpls traffic-eng exp-bundle member Tunnel11\n"
            " tunnel mpls traffic-eng exp-bundle member Tunnel12\n") in body
    assert " tunnel mode mpls traffic-eng\n" in body
    assert " no routing dynamic\n" in body
    assert " ip rsvp bandwidth percent 80 percent 20\n" in body
    assert " isis bfd\n" in body
    assert " router-id Loopback0\n" in body
    # a new priority replaces the old one (one setting)
    tree = _tree([*_TE_HEAD, "interface Tunnel11", " tunnel mpls traffic-eng priority 5 5"])
    tunnel = show_running(tree, interface="Tunnel11")
    assert " tunnel mpls traffic-eng priority 5 5\n" in tunnel
    assert "priority 3 3" not in tunnel


def test_an_unknown_te_tunnel_option_is_refused() -> None:
    session = ConfigSession(ConfigTree())
    assert session.feed("interface Tunnel11").ok
    refused = session.feed(" tunnel mpls traffic-eng colour blue")
    assert refused.error is not None and refused.error.endswith(ERROR_INVALID)


def test_the_model_leaves_te_tunnels_and_rsvp_alone_with_nothing_unread() -> None:
    config = RouterConfig.from_text("\n".join(_TE_HEAD) + "\n")
    assert config.unread == ()
    tunnel = config.interfaces["Tunnel11"]
    assert tunnel.tunnel_mode is None  # not a GRE/IPsec mode the model knows
    assert tunnel.tunnel_mode_text == "mpls traffic-eng"
    assert tunnel.tunnel_destination == "6.6.6.6"


def test_the_bfd_template_shows_echo() -> None:
    # gh-jakubkkk12-cml-dmvpn05-csr17-bfd/br1.cfg (IOS XE 17.3)
    body = _body(_tree(["bfd-template single-hop DMVPN",
                        " interval min-tx 1000 min-rx 2000 multiplier 5",
                        " dampening 3 1500 3000 5", " echo"]))
    assert ("bfd-template single-hop DMVPN\n interval min-tx 1000 min-rx 2000 multiplier 5\n"
            " dampening 3 1500 3000 5\n echo\n") in body


# --- NHRP: the shortcut switched off -------------------------------------------------------------

def test_no_ip_nhrp_shortcut_is_read_as_the_shortcut_off() -> None:
    # gh-jakubkkk12-cml-troubleshoot-dmvpn04-ipv6-underlay/br4.cfg (IOSv 15.9), Tunnel20
    text = ("interface Tunnel20\n"
            " ip address 192.168.2.4 255.255.255.0\n"
            " ip nhrp network-id 200\n"
            " ip nhrp nhs 192.168.2.254 nbma 3200::140:0:67:23 multicast\n"
            " no ip nhrp shortcut\n"
            " tunnel mode gre multipoint ipv6\n")
    config = RouterConfig.from_text(text)
    assert config.unread == ()
    assert config.interfaces["Tunnel20"].nhrp.shortcut is False
    # typed after an 'ip nhrp shortcut', the 'no' form wins, as in config mode
    later = RouterConfig.from_text("interface Tunnel1\n ip nhrp shortcut\n no ip nhrp shortcut\n"
                                   " ipv6 nhrp shortcut\n")
    assert later.interfaces["Tunnel1"].nhrp.shortcut is False
    assert later.interfaces["Tunnel1"].nhrp6.shortcut is True


# --- The router as a DNS server ------------------------------------------------------------------

def test_ip_dns_primary_zone_with_its_soa_timers() -> None:
    # gh-ciscodevnet-cml-ccna-nat-iol1712/edge.cfg (IOL-XE 17.12)
    line = "ip dns primary example.com soa 192.168.255.1 admin@example.com 21600 900 7776000 86400"
    body = _body(_tree(["ip dns server", line]))
    assert f"ip dns server\n{line}\n" in body
    session = ConfigSession(ConfigTree())
    refused = session.feed("ip dns primary example.com 192.168.255.1 admin@example.com")
    assert refused.error is not None  # 'soa' is required


# --- IOL serial ports, OSPFv3 route filtering ----------------------------------------------------

def test_iol_serial_restart_delay_is_taken_and_left_alone_by_the_model() -> None:
    # gh-grom1984-otus-lab06-eigrp-serial-iol/r1.cfg (IOL 15.2), Serial1/0
    text = ("interface Serial1/0\n"
            " bandwidth 1024\n"
            " ip address 192.168.12.1 255.255.255.252\n"
            " serial restart-delay 0\n"
            " clock rate 128000\n")
    assert " serial restart-delay 0\n clock rate 128000\n" in _body(_tree(text.splitlines()))
    assert RouterConfig.from_text(text).unread == ()
    session = ConfigSession(ConfigTree())
    assert session.feed("interface Serial1/0").ok
    refused = session.feed(" serial restart-delay 901")
    assert refused.error is not None


def test_ospfv3_distribute_list_prefix_list() -> None:
    # gh-gervold-otus-lab14-gre-dmvpn-ipsec/r15.cfg (IOS 15.4 IOL)
    body = _body(_tree(["ipv6 router ospf 1", " router-id 15.15.15.15",
                        " distribute-list prefix-list DENY-AREA-101-IPV6 in",
                        " default-information originate"]))
    assert ("ipv6 router ospf 1\n router-id 15.15.15.15\n"
            " distribute-list prefix-list DENY-AREA-101-IPV6 in\n"
            " default-information originate\n") in body


def _tops(lines: list[str]) -> list[str]:
    """The top-level lines the lab shows for ``lines`` (no ``!``, no children)."""
    return [line for line in _body(_tree(lines)).splitlines()
            if line and not line.startswith((" ", "!"))]


def test_ios15_prints_the_legacy_ipv6_routing_blocks_after_the_ipv6_routes() -> None:
    # gh-kononenkoyury-otus-lab40-ikev2-rsa-gre-dmvpn/r14.cfg (IOL 15.7): router ospf, router
    # bgp, ..., ip prefix-list, ipv6 route, ipv6 router ospf 1, ipv6 ioam timestamp, ipv6
    # prefix-list, route-map (the order of gh-moskovchenko-otus-lab14-dmvpn-pki/r15.cfg, 15.4).
    lines = ["ipv6 router ospf 1", " router-id 0.0.0.14", "route-map PREP-TO-101 permit 10",
             "ipv6 prefix-list V6 seq 5 permit ::/0", "ipv6 ioam timestamp",
             "ipv6 route ::/0 20FF:CCFF:FFFF:AA::22", "ip prefix-list V4 seq 5 permit 0.0.0.0/0",
             "router ospf 1", " router-id 0.0.0.14", "interface Loopback0",
             " ip address 10.22.1.1 255.255.255.255"]
    tops = _tops(["version 15.7", *lines])
    assert tops == ["version 15.7", "interface Loopback0", "router ospf 1",
                    "ip prefix-list V4 seq 5 permit 0.0.0.0/0",
                    "ipv6 route ::/0 20FF:CCFF:FFFF:AA::22", "ipv6 router ospf 1",
                    "ipv6 ioam timestamp", "ipv6 prefix-list V6 seq 5 permit ::/0",
                    "route-map PREP-TO-101 permit 10", "end"]
    # 'router ospfv3' keeps its place after the interfaces on IOS 15 (gh-alnor23-otus-lab14-
    # ikev2-rsa/r14.cfg, 15.5), and so does 'ipv6 router' where no IOS-XE 16/17 config shows
    # another place (the lab's default train).
    tops = _tops(["version 15.5", "ipv6 route ::/0 Null0", "router ospfv3 1",
                  "interface Loopback0"])
    assert tops == ["version 15.5", "interface Loopback0", "router ospfv3 1",
                    "ipv6 route ::/0 Null0", "end"]
    tops = _tops(["ipv6 route ::/0 Null0", "ipv6 router ospf 1", "router ospf 1",
                  "interface Loopback0"])
    assert tops.index("ipv6 router ospf 1") < tops.index("router ospf 1")


def test_eigrp_interface_lines_and_delay_in_ios_order() -> None:
    # gh-annavladimirovnakondrateva-otus-lab15-dmvpn-ikev1/r15.cfg (IOL 15.4), Tunnel15: hello,
    # hold, next-hop-self, split-horizon, then NHRP; gh-quanghong-eve-iosv-eigrp-dmvpn/r2.cfg
    # (IOSv 15.9), GigabitEthernet0/2: authentication, hello, hold, delay, then the link settings.
    body = _body(_tree(["interface Tunnel15", " ip nhrp network-id 15",
                        " no ip split-horizon eigrp 15", " no ip next-hop-self eigrp 15",
                        " ip hold-time eigrp 15 30", " ip hello-interval eigrp 15 10",
                        " ip address 10.15.0.1 255.255.255.0"]))
    assert (" ip address 10.15.0.1 255.255.255.0\n ip hello-interval eigrp 15 10\n"
            " ip hold-time eigrp 15 30\n no ip next-hop-self eigrp 15\n"
            " no ip split-horizon eigrp 15\n ip nhrp network-id 15\n") in body
    body = _body(_tree(["interface GigabitEthernet0/2", " duplex auto", " delay 4000",
                        " ip hold-time eigrp 100 3", " ip hello-interval eigrp 100 1",
                        " ip authentication key-chain eigrp 100 EIGRP",
                        " ip address 10.0.0.10 255.255.255.248"]))
    assert (" ip address 10.0.0.10 255.255.255.248\n"
            " ip authentication key-chain eigrp 100 EIGRP\n ip hello-interval eigrp 100 1\n"
            " ip hold-time eigrp 100 3\n delay 4000\n duplex auto\n") in body


def test_ios15_prints_bgp_community_new_format_before_the_as_path_lists() -> None:
    # gh-toxiant-otus-lab14-ikev2-cryptomap-dmvpn/r14.cfg (IOL 15.4): ip forward-protocol nd,
    # ip bgp-community new-format, ip as-path access-list 10 permit ^$, ip http server
    tops = _tops(["version 15.4", "ip http server", "ip as-path access-list 10 permit ^$",
                  "ip bgp-community new-format", "ip forward-protocol nd"])
    assert tops == ["version 15.4", "ip forward-protocol nd", "ip bgp-community new-format",
                    "ip as-path access-list 10 permit ^$", "ip http server", "end"]


def test_iol_xe_17_12_global_order() -> None:
    # gh-alex209-otus-diplom-iolxe1712-dmvpn-pki/r1.cfg (IOL-XE 17.12): ip cef, login on-success
    # log, no ipv6 cef; crypto ikev2 profile, no cdp log mismatch duplex, crypto ipsec
    # transform-set; ip forward-protocol nd, ip as-path access-list, ip http server; ip prefix-list
    # before ip access-list extended 101.
    lines = ["version 17.12", "ip access-list extended 101",
             " 10 permit ip 192.168.100.0 0.0.0.255 any",
             "ip prefix-list pl_LAN seq 10 permit 192.168.0.0/16 le 32", "ip http server",
             "ip as-path access-list 1 permit ^$", "ip forward-protocol nd",
             "crypto ipsec transform-set T esp-aes 256 esp-sha256-hmac",
             "no cdp log mismatch duplex", "crypto ikev2 profile P",
             " match identity remote address 0.0.0.0", "no ipv6 cef", "login on-success log",
             "ip cef"]
    tops = _tops(lines)
    want = ["ip cef", "login on-success log", "no ipv6 cef", "crypto ikev2 profile P",
            "no cdp log mismatch duplex", "crypto ipsec transform-set T esp-aes 256 "
            "esp-sha256-hmac", "ip forward-protocol nd", "ip as-path access-list 1 permit ^$",
            "ip http server", "ip prefix-list pl_LAN seq 10 permit 192.168.0.0/16 le 32",
            "ip access-list extended 101"]
    assert [line for line in tops if line in want] == want


def test_clns_routing_is_a_global_switch() -> None:
    # gh-grom1984-otus-lab06-eigrp-troubleshooting/r5.cfg (IOL 15.4)
    assert "\nclns routing\n" in _body(_tree(["clns routing"]))
    assert "clns routing" not in _body(_tree(["clns routing", "no clns routing"]))


# --- SP PE families (IOS 15.0 7200 and IOS 15.2, gh-jclarkson-sp-*) -------------------------------

def test_a_policer_without_actions_opens_its_own_mode() -> None:
    # gh-jclarkson-sp-pe-qos-mvpn-te/pe1.cfg, policy-map PIPE-MARKING
    session = ConfigSession(ConfigTree())
    for line in ("policy-map PIPE-MARKING", " class VOIP-REALTIME", "  police cir percent 35"):
        assert session.feed(line).ok
    assert session.mode == "config-pmap-c-police"  # IOS's prompt: (config-pmap-c-police)#
    for line in ("   conform-action set-mpls-exp-imposition-transmit 5", "   exceed-action drop"):
        assert session.feed(line).ok
    refused = session.feed("   exceed-action set-mpls-exp-imposition-transmit 8")  # EXP 0-7
    assert refused.error is not None
    body = _body(session.tree)
    assert ("policy-map PIPE-MARKING\n class VOIP-REALTIME\n  police cir percent 35\n"
            "   conform-action set-mpls-exp-imposition-transmit 5\n   exceed-action drop\n") in body


def test_wred_by_discard_class_one_line_per_class() -> None:
    # gh-jclarkson-sp-pe-qos-mvpn-te/pe1.cfg, policy-map PE-CE-QUEUING
    body = _body(_tree(["policy-map PE-CE-QUEUING", " class QOSGROUP3", "  bandwidth percent 20",
                        "  random-detect discard-class-based",
                        "  random-detect discard-class 0 30 40 10",
                        "  random-detect discard-class 1 20 40 10",
                        "  random-detect discard-class 1 25 40 10"]))
    assert ("  random-detect discard-class-based\n  random-detect discard-class 0 30 40 10\n"
            "  random-detect discard-class 1 25 40 10\n") in body
    assert "discard-class 1 20 40 10" not in body  # the later thresholds replace the earlier


def test_mdt_lines_are_taken_and_left_alone_by_the_model() -> None:
    # gh-jclarkson-sp-interas-mvpn-te/r4.cfg (two mLDP roots), pe1.cfg (GRE MDTs)
    text = ("vrf definition b\n rd 2:2\n !\n address-family ipv4\n"
            "  mdt default mpls mldp 4.4.4.4\n  mdt default mpls mldp 2.2.2.2\n"
            "  route-target export 2:2\n exit-address-family\n"
            "vrf definition USA\n rd 9000:501\n mdt default 232.232.232.232\n"
            " mdt data 232.253.2.0 0.0.0.255\n")
    body = _body(_tree(text.splitlines()))
    assert "  mdt default mpls mldp 4.4.4.4\n  mdt default mpls mldp 2.2.2.2\n" in body
    config = RouterConfig.from_text(text)
    assert config.unread == ()
    assert config.vrfs["b"].route_targets == (("export", "2:2"),)


def test_ospf_te_areas_prefix_suppression_and_explicit_paths() -> None:
    # gh-jclarkson-sp-interas-mvpn-te/r4.cfg and gh-jclarkson-sp-pe-qos-mvpn-te/pe1.cfg
    body = _body(_tree([
        "router ospf 1", " prefix-suppression", " mpls traffic-eng router-id Loopback0",
        " mpls traffic-eng area 0", " mpls traffic-eng area 1",
        "interface FastEthernet0/1", " ip ospf prefix-suppression",
        "ip explicit-path name FRR_EXPLICIT_PATH_FROM_PE1_P1_P2_PE2 enable",
        " next-address 169.169.253.11", " next-address loose 169.169.253.22",
        "mpls ldp label", " allocate global host-routes"]))
    assert " mpls traffic-eng area 0\n mpls traffic-eng area 1\n" in body
    assert " ip ospf prefix-suppression\n" in body
    assert ("ip explicit-path name FRR_EXPLICIT_PATH_FROM_PE1_P1_P2_PE2 enable\n"
            " next-address 169.169.253.11\n next-address loose 169.169.253.22\n") in body
    assert "mpls ldp label\n allocate global host-routes\n" in body


def test_pseudowire_class_and_xconnect_by_class() -> None:
    # gh-jclarkson-sp-pe-qos-mvpn-te/pe1.cfg
    body = _body(_tree(["pseudowire-class UK_TO_GERMANY", " encapsulation mpls",
                        "interface FastEthernet0/0.50", " encapsulation dot1Q 50",
                        " xconnect 169.169.253.2 9000 pw-class UK_TO_GERMANY",
                        "ip pim vrf USA ssm default"]))
    assert "pseudowire-class UK_TO_GERMANY\n encapsulation mpls\n" in body
    assert " xconnect 169.169.253.2 9000 pw-class UK_TO_GERMANY\n" in body
    assert "\nip pim vrf USA ssm default\n" in body


def test_segment_routing_prefix_sid_map_and_pcc() -> None:
    # gh-jclarkson-csr16-segment-routing/xe-r7.cfg (CSR1000v 16.7)
    session = ConfigSession(ConfigTree())
    for line in ("segment-routing mpls", " connected-prefix-sid-map", "  address-family ipv4",
                 "   100.64.1.7/32 index 7 range 1 "):
        assert session.feed(line).ok, line
    assert session.mode == "config-srmpls-conn-af"
    assert session.feed("  exit-address-family").ok
    assert session.mode == "config-srmpls-conn"
    for line in ("mpls traffic-eng pcc peer 150.1.255.253 source 100.64.1.7",
                 "mpls traffic-eng pcc report-all",
                 "mpls traffic-eng auto-tunnel p2p config unnumbered-interface Loopback0",
                 "mpls traffic-eng auto-tunnel p2p tunnel-num min 1 max 100"):
        assert session.feed(line).ok, line
    body = _body(session.tree)
    # (IOS prints a ' !' before the map and the family's 'exit-address-family' after it: the
    # lab's display leaves both out, see test_lab_corpus READER_DIFFERENCES)
    assert ("segment-routing mpls\n connected-prefix-sid-map\n  address-family ipv4\n"
            "   100.64.1.7/32 index 7 range 1\n") in body
    # two auto-tunnel settings are two lines
    assert "auto-tunnel p2p config unnumbered-interface Loopback0\n" in body
    assert "auto-tunnel p2p tunnel-num min 1 max 100\n" in body


# --- HSRP virtual MAC, outside static NAT with its route, PPPoE server ---------------------------

def test_hsrp_virtual_mac_outside_static_nat_and_pppoe_server() -> None:
    # gh-jclarkson-hsrp-vrrp-bgp-nexthop/r1.cfg, gh-jclarkson-ios-dnat-outside-static/r2.cfg,
    # gh-jclarkson-sp-pe-qos-mvpn-te/ra-gw-2.cfg
    body = _body(_tree([
        "interface FastEthernet0/0", " standby version 2", " standby 12 ip 100.64.1.254",
        " standby 12 mac-address 1212.1212.1212",
        "ip nat outside source static 185.1.1.1 10.189.138.254 add-route",
        "bba-group pppoe global", " virtual-template 1"]))
    assert " standby 12 ip 100.64.1.254\n standby 12 mac-address 1212.1212.1212\n" in body
    assert "\nip nat outside source static 185.1.1.1 10.189.138.254 add-route\n" in body
    assert "\nbba-group pppoe global\n virtual-template 1\n" in body


def test_static_network_nat_with_a_detached_prefix_length_and_a_two_word_pool() -> None:
    # gh-spanter-otus-pro-nat-static-network/r28.cfg (IOL 15.4)
    body = _body(_tree(["ip dhcp pool VLAN30", " network 192.168.30.0 255.255.255.0",
                        "ip dhcp pool VLAN 31", " network 192.168.31.0 255.255.255.0",
                        "ip nat inside source static network 192.168.30.0 10.10.2.0 /24"]))
    assert "ip dhcp pool VLAN 31\n network 192.168.31.0 255.255.255.0\n" in body
    assert "ip dhcp pool VLAN30\n network 192.168.30.0 255.255.255.0\n" in body
    assert "\nip nat inside source static network 192.168.30.0 10.10.2.0 /24\n" in body
    refused = ConfigSession(ConfigTree()).feed(
        "ip nat inside source static network 192.168.30.0 10.10.2.0 /33")
    assert refused.error is not None and refused.error.endswith(ERROR_INVALID)


def test_bgp_route_server_add_path_multicast_boundary_and_p2p_ethernet() -> None:
    # gh-jclarkson-bgp-route-server/r6.cfg, gh-jclarkson-bgp-multicast-ssm/r4.cfg,
    # gh-jclarkson-ospf-autoconfig-default-route/r4.cfg (IOS 15.2)
    text = ["interface FastEthernet0/0", " ip multicast boundary 1",
            "interface FastEthernet1/0", " medium p2p",
            "router bgp 6", " neighbor 169.254.1.1 remote-as 1",
            " address-family ipv4", "  bgp additional-paths select all",
            "  bgp additional-paths send receive", "  bgp additional-paths install",
            "  neighbor 169.254.1.1 activate", "  neighbor 169.254.1.1 route-server-client"]
    body = _body(_tree(text))
    assert " ip multicast boundary 1\n" in body and " medium p2p\n" in body
    assert ("  bgp additional-paths select all\n  bgp additional-paths send receive\n"
            "  bgp additional-paths install\n") in body
    assert "  neighbor 169.254.1.1 route-server-client\n" in body
    assert RouterConfig.from_text("\n".join(text[:4]) + "\n").unread == ()


def test_ospfv3_distance_default_route_map_and_ip_sla_auto_discovery() -> None:
    # gh-degreekeeper-otus-less16-ipsec r14/r28, gh-irvin232-otus-lab11-bgp-ipv6-default r14
    body = _body(_tree([
        "ipv6 router ospf 1", " router-id 14.14.14.14",
        " default-information originate metric 5 route-map DOWNLINK-Moscow_ipv6",
        " distance 210", "ip sla auto discovery"]))
    assert " default-information originate metric 5 route-map DOWNLINK-Moscow_ipv6\n" in body
    assert " distance 210\n" in body
    assert "\nip sla auto discovery\n" in body
    session = ConfigSession(ConfigTree())
    assert session.feed("ipv6 router ospf 1").ok
    assert session.feed(" distance 255").error is not None  # 1-254


def test_isis_attached_bit_by_route_map() -> None:
    # gh-irvin232-otus-lab07-isis/r25.cfg (IOL 15.5)
    body = _body(_tree(["router isis", " net 49.2222.0025.0025.0025.00",
                        " set-attached-bit route-map rm_vlan31-32"]))
    assert ("router isis\n net 49.2222.0025.0025.0025.00\n"
            " set-attached-bit route-map rm_vlan31-32\n") in body


# --- BFD templates: right after ``redundancy``, on IOS-XE 17.3 and IOSv 15.9 alike --------------

def test_a_bfd_template_is_shown_right_after_redundancy_on_csr1000v_17_3() -> None:
    # gh-jakubkkk12-cml-dmvpn05-csr17-bfd/br1.cfg (CSR1000v 17.3): 'spanning-tree extend
    # system-id', 'redundancy', 'bfd-template single-hop DMVPN' with its three lines, then
    # 'crypto ikev2 keyring DMVPN'. Typed here template first, as an operator might.
    body = _body(_tree([
        "version 17.3",
        "bfd-template single-hop DMVPN",
        " interval min-tx 1000 min-rx 2000 multiplier 5",
        " dampening 3 1500 3000 5",
        " echo",
        "crypto ikev2 keyring DMVPN",
        " peer ANY-IPv4",
        "  address 0.0.0.0 0.0.0.0",
        "  pre-shared-key PASS",
        "spanning-tree extend system-id",
        "redundancy",
    ]))
    spanning = body.index("spanning-tree extend system-id\n")
    redundancy = body.index("\nredundancy\n")
    template = body.index("\nbfd-template single-hop DMVPN\n"
                          " interval min-tx 1000 min-rx 2000 multiplier 5\n"
                          " dampening 3 1500 3000 5\n"
                          " echo\n")
    keyring = body.index("\ncrypto ikev2 keyring DMVPN\n")
    assert spanning < redundancy < template < keyring
    # ... and, as there, no '!' between 'redundancy' and the template
    assert "\nredundancy\nbfd-template single-hop DMVPN\n" in body


def test_a_bfd_template_is_shown_right_after_redundancy_on_iosv_15_9() -> None:
    # gh-jakubkkk12-cml-mpls-te-iosv/r4.cfg (IOSv 15.9): 'redundancy', 'bfd-template
    # single-hop ISIS-BFD' (interval, authentication, echo), then 'interface Loopback0'.
    body = _body(_tree([
        "version 15.9",
        "key chain ISIS-BFD-KEY",
        " key 100",
        "  key-string BFDPASS",
        "interface Loopback0",
        " ip address 4.4.4.4 255.255.255.255",
        "bfd-template single-hop ISIS-BFD",
        " interval min-tx 1000 min-rx 1000 multiplier 3",
        " authentication sha-1 keychain ISIS-BFD-KEY",
        " echo",
        "redundancy",
    ]))
    redundancy = body.index("\nredundancy\n")
    template = body.index("\nbfd-template single-hop ISIS-BFD\n")
    loopback = body.index("\ninterface Loopback0\n")
    assert body.index("\nkey chain ISIS-BFD-KEY\n") < redundancy < template < loopback


# --- IOS-XE 17.6 and 17.9 section positions (Catalyst 9800-L and 9200L device simulations) -----

def test_ios_xe_17_6_prints_enable_between_the_logging_and_the_aaa_lines() -> None:
    # gh-ytti-oxidized-c9800l-wlc176/wlc1.cfg (IOS-XE 17.6.5): 'logging monitor informational',
    # 'enable secret 9 $9$SECRET_REMOVED', '!', '!', 'aaa server radius dynamic-author', ...,
    # 'aaa session-id common', 'clock timezone CET 1 0'
    body = _body(_tree([
        "version 17.6",
        "clock timezone CET 1 0",
        "aaa session-id common",
        "enable secret 9 $9$SECRET_REMOVED",
        "logging monitor informational",
    ]))
    assert body.index("\nlogging monitor informational\n") < body.index(
        "\nenable secret 9 $9$SECRET_REMOVED\n") < body.index("\naaa session-id common\n") < \
        body.index("\nclock timezone CET 1 0\n")


def test_ios_xe_17_9_prints_enable_after_spanning_tree_and_errdisable_before_username() -> None:
    # gh-ytti-oxidized-c9200l-sw179/sw123.cfg (IOS-XE 17.9.4a): 'spanning-tree mode
    # rapid-pvst', ..., 'spanning-tree extend system-id', '!', '!', six 'errdisable recovery
    # cause' lines, '!', 'enable secret 9 ...', '!', 'username oxidized secret 9 ...'
    body = _body(_tree([
        "version 17.9",
        "username oxidized secret 9 $9$xxxxxxxxxxSECRET_OXIDIZEDxxxxxxxxx",
        "enable secret 9 $9$xxxSECRET_ENABLExxxxxxxxxxxxxx",
        "errdisable recovery cause udld",
        "errdisable recovery cause bpduguard",
        "logging buffered 65536 informational",
        "aaa new-model",
        "spanning-tree mode rapid-pvst",
        "spanning-tree extend system-id",
    ]))
    assert ("spanning-tree mode rapid-pvst\nspanning-tree extend system-id\n!\n"
            "errdisable recovery cause udld\nerrdisable recovery cause bpduguard\n!\n"
            "enable secret 9 $9$xxxSECRET_ENABLExxxxxxxxxxxxxx\n!\n"
            "username oxidized secret 9 $9$xxxxxxxxxxSECRET_OXIDIZEDxxxxxxxxx\n") in body
    assert body.index("\nlogging buffered 65536 informational\n") < body.index(
        "\naaa new-model\n") < body.index("\nspanning-tree mode rapid-pvst\n")


def test_ios_xe_17_9_prints_ftp_tftp_and_tacacs_sources_after_ip_http_before_ip_ssh() -> None:
    # gh-ytti-oxidized-c9200l-sw179/sw123.cfg (IOS-XE 17.9.4a): 'ip default-gateway ...',
    # 'no ip http server', 'no ip http secure-server', 'ip ftp source-interface Vlan2', 'ip tftp
    # source-interface Vlan2', 'ip tacacs source-interface Vlan2 ', 'ip ssh version 2'
    body = _body(_tree([
        "version 17.9",
        "interface Vlan2",
        " ip address 10.42.11.42 255.255.255.0",
        "ip ftp source-interface Vlan2",
        "ip tftp source-interface Vlan2",
        "ip tacacs source-interface Vlan2",
        "ip ssh version 2",
        "no ip http server",
        "no ip http secure-server",
        "ip default-gateway 10.41.11.1",
        "ip access-list standard 5",
        " 10 permit 10.0.0.0 0.0.0.255",
    ]))
    assert ("no ip http server\nno ip http secure-server\n"
            "ip ftp source-interface Vlan2\nip tftp source-interface Vlan2\n"
            "ip tacacs source-interface Vlan2\nip ssh version 2\n") in body
    assert body.index("\nip default-gateway 10.41.11.1\n") < body.index("\nno ip http server\n")
    assert body.index("\nip ssh version 2\n") < body.index("\nip access-list standard 5\n")


def test_no_aaa_accounting_system_guarantee_first_is_shown() -> None:
    # gh-ytti-oxidized-c9200l-sw179/sw123.cfg (IOS-XE 17.9.4a): 'aaa authorization exec default
    # group tacacs+ if-authenticated ', 'no aaa accounting system guarantee-first', '!', '!',
    # 'aaa session-id common'
    session = ConfigSession(ConfigTree())
    for line in ("aaa new-model", "no aaa accounting system guarantee-first",
                 "aaa session-id common"):
        assert session.feed(line).ok, line
    assert ("\nno aaa accounting system guarantee-first\n" in _body(session.tree))
    assert session.feed("aaa accounting system guarantee-first").ok
    body = _body(session.tree)
    assert "\naaa accounting system guarantee-first\n" in body
    assert "no aaa accounting system guarantee-first" not in body


# --- Layer-2 ports: 'no ip address' by train ------------------------------------------------------

def test_a_port_with_switchport_lines_shows_no_ip_address_on_ios_15_only() -> None:
    # IOS 15.4 on a C880 prints it under 'switchport access vlan' (gh-tmullaly-oxidized-isrg2-
    # backups/wan.cfg: interface FastEthernet0, description to-core, switchport access vlan 5,
    # no ip address); IOS-XE 17.9 on a Catalyst 9200L does not (gh-ytti-oxidized-c9200l-sw179/
    # sw123.cfg: interface GigabitEthernet1/0/2, description oxidized two, switchport access
    # vlan 3, switchport mode access)
    old = _body(_tree(["version 15.4", "interface FastEthernet0", " description to-core",
                       " switchport access vlan 5"]))
    assert ("interface FastEthernet0\n description to-core\n switchport access vlan 5\n"
            " no ip address\n!\n") in old
    new = _body(_tree(["version 17.9", "interface GigabitEthernet1/0/2",
                       " description oxidized two", " switchport access vlan 3",
                       " switchport mode access"]))
    assert ("interface GigabitEthernet1/0/2\n description oxidized two\n"
            " switchport access vlan 3\n switchport mode access\n!\n") in new
    # a routed port of the same 17.9 config keeps it (interface Vlan1: no ip address, shutdown)
    routed = _body(_tree(["version 17.9", "interface Vlan1", " shutdown"]))
    assert "interface Vlan1\n no ip address\n shutdown\n!\n" in routed


def test_an_empty_switch_port_of_a_router_with_a_built_in_switch_prints_nothing() -> None:
    # ISR C1111-4P on 16.12 (gh-ktbyers-pyplus-c1111-cisco3/cisco3.cfg: license udi pid
    # C1111-4P sn ..., interface GigabitEthernet0/1/0 then '!', interface Vlan1 / no ip address);
    # its routed WAN port GigabitEthernet0/0/1 without an address still shows 'no ip address'
    lines = ["version 16.12", "license udi pid C1111-4P sn FGL222290LB",
             "interface GigabitEthernet0/0/1", "interface GigabitEthernet0/1/0", "interface Vlan1"]
    body = _body(_tree(lines))
    assert "interface GigabitEthernet0/1/0\n!\ninterface Vlan1\n no ip address\n" in body
    assert "interface GigabitEthernet0/0/1\n no ip address\n" in body
    # the same ports on a router whose pid is not known to have a switch: routed
    other = _body(_tree([line for line in lines if not line.startswith("license")]))
    assert "interface GigabitEthernet0/1/0\n no ip address\n" in other


def test_a_null_interface_never_shows_no_ip_address() -> None:
    # IOS 12.4 (gh-mpenning-ciscoconfparse-ios124-edge/foo.cfg): interface Null0 / no ip
    # unreachables; an empty loopback beside it still shows the line
    body = _body(_tree(["interface Null0", " no ip unreachables", "interface Loopback9"]))
    assert "interface Null0\n no ip unreachables\n!\n" in body
    assert "interface Loopback9\n no ip address\n" in body


def test_remarks_of_a_named_access_list_stay_with_the_entry_after_them() -> None:
    # IOS 12.4 (gh-mpenning-ciscoconfparse-ios124-edge/foo.cfg, ip access-list extended
    # ETH0_0_IN): remark, deny, remark, permit, remark, permit, each remark printed in place
    body = _body(_tree([
        "version 12.4",
        "ip access-list extended ETH0_0_IN",
        " remark deny Windows Media Player Updates",
        " deny   tcp any 207.46.248.0 0.0.0.255 eq www",
        " remark permit anything else",
        " permit ip any any",
        " remark log all IPSEC (temporarily)",
        " permit esp any any log",
    ]))
    assert ("ip access-list extended ETH0_0_IN\n"
            " remark deny Windows Media Player Updates\n"
            " deny   tcp any 207.46.248.0 0.0.0.255 eq www\n"
            " remark permit anything else\n"
            " permit ip any any\n"
            " remark log all IPSEC (temporarily)\n"
            " permit esp any any log\n") in body


def test_a_named_eigrp_service_family_prints_its_trailers() -> None:
    # IOL 15.2 (gh-rain360z-otus-lab08-eigrp-named-saf-iol152/r16.cfg): ' service-family ipv4
    # autonomous-system 1', '  !', '  topology base', '  exit-sf-topology', ' exit-service-family'
    body = _body(_tree(["version 15.2", "router eigrp EIGRP-SAF",
                        " service-family ipv4 autonomous-system 1", "  topology base"]))
    assert (" service-family ipv4 autonomous-system 1\n  !\n  topology base\n"
            "  exit-sf-topology\n exit-service-family\n") in body


def test_an_interface_address_ios_refuses_for_its_mask() -> None:
    # "% Bad mask /30 for address 172.20.100.96" (a subnet's own address) and "Bad mask
    # 0xE1E1E100 for address 192.168.1.4" (a mask that is not contiguous): the sources in
    # rules.MSG_BAD_MASK; a /31 and a /32 take any address
    session = ConfigSession(ConfigTree())
    assert session.feed("interface Loopback1").ok
    assert session.feed("ip address 172.20.100.96 255.255.255.252").error == \
        "% Bad mask /30 for address 172.20.100.96"
    assert session.feed("ip address 172.20.100.99 255.255.255.252").error == \
        "% Bad mask /30 for address 172.20.100.99"
    assert session.feed("ip address 192.168.1.4 225.225.225.0").error == \
        "Bad mask 0xE1E1E100 for address 192.168.1.4"
    assert session.feed("ip address 172.20.100.96 255.255.255.254").ok
    assert session.feed("ip address 10.0.0.0 255.255.255.255 secondary").ok


def test_a_layer_2_image_shows_its_empty_switch_ports_bare() -> None:
    # IOL 15.2 L2 image routing (gh-rain360z-otus-lab08-eigrp-named-saf-iol152/r16.cfg):
    # Ethernet0/0 'no switchport' + address, Ethernet1/0 printed with no line of its own,
    # interface Loopback0 still 'no ip address' when it has none
    body = _body(_tree(["version 15.2", "interface Ethernet0/0", " no switchport",
                        " ip address 10.128.255.16 255.255.255.254", "interface Ethernet1/0",
                        "interface Loopback5"]))
    assert "interface Ethernet1/0\n!\n" in body
    assert "interface Loopback5\n no ip address\n" in body
    # a router image (no port says 'no switchport'): an empty port shows 'no ip address'
    routed = _body(_tree(["version 15.2", "interface Ethernet1/0"]))
    assert "interface Ethernet1/0\n no ip address\n" in routed


def test_an_isakmp_key_pads_its_peer_address_before_no_xauth() -> None:
    # IOS 15.4(2)T1 on an 881 (gh-ktbyers-pynet-881-cryptomap-onep/pynet-rtr1.cfg):
    # 'crypto isakmp key KEY address 1.1.1.1         no-xauth' (the address in 15 columns)
    body = _body(_tree(["version 15.4", "crypto isakmp key KEY address 1.1.1.1 no-xauth",
                        "crypto isakmp key KEY address 10.10.0.1"]))
    assert "crypto isakmp key KEY address 1.1.1.1         no-xauth\n" in body
    assert "crypto isakmp key KEY address 10.10.0.1\n" in body


def test_ip_domain_list_is_printed_with_the_other_domain_lines() -> None:
    # IOL 15.2 (gh-rain360z-otus-lab03-dhcp-domain-list-iol152/r10.cfg): clock timezone +04 4 0,
    # ip domain-list STATEFUL2.com, ip cef, no ipv6 cef
    body = _body(_tree(["version 15.2", "no ipv6 cef", "ip cef", "ip domain-list STATEFUL2.com",
                        "clock timezone +04 4 0"]))
    assert body.index("clock timezone") < body.index("ip domain-list STATEFUL2.com") \
        < body.index("ip cef") < body.index("no ipv6 cef")


def test_vlan_ifdescr_detail_is_a_global_printed_before_multilink() -> None:
    # IOL 15.4 (gh-mcdemon05-otus-lab01-roas-iol154/r1.cfg): no ipv6 cef, vlan ifdescr detail,
    # multilink bundle-name authenticated (not with the VLAN definitions)
    body = _body(_tree(["version 15.4", "multilink bundle-name authenticated",
                        "vlan ifdescr detail", "no ipv6 cef"]))
    assert body.index("no ipv6 cef") < body.index("vlan ifdescr detail") \
        < body.index("multilink bundle-name authenticated")


def test_the_global_dhcp_server_address_is_printed_after_the_domain_lines() -> None:
    # IOL 15.4 (gh-neytrin-otus-lab14-cryptomap-dmvpn/r18.cfg): no ip domain lookup, ip domain
    # name SPeterburg2042.ru, ip dhcp-server 172.23.13.18, ip cef
    body = _body(_tree(["version 15.4", "ip cef", "ip dhcp-server 172.23.13.18",
                        "ip domain name SPeterburg2042.ru"]))
    assert body.index("ip domain name SPeterburg2042.ru") < body.index(
        "ip dhcp-server 172.23.13.18") < body.index("\nip cef")
