"""Config mode, show running-config and the model for the command families that real routers'
``show running-config`` captures kept as test data by network-automation projects brought in
(session 27: an ASR 920 on IOS-XE 16.8 recorded by Oxidized, an IOS 15.2 border router of
Batfish's example networks).

Every line is typed by hand from the corpus file named in the test
(tests/fixtures/real/<source>/<host>.cfg); every expected text is written by hand.
"""

from __future__ import annotations

from pathlib import Path

from flexorch.ios.config import ConfigSession, ConfigTree
from flexorch.ios.model import RouterConfig
from tests.ios.test_engine_families import _body, _tree

_REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"
_ASR920 = _REAL / "gh-ytti-oxidized-asr920-1681" / "hostname.cfg"

# --- AAA accounting method lists typed as blocks ---------------------------------------------


def test_an_accounting_method_list_typed_as_a_block_is_taken_and_shown_as_typed() -> None:
    # gh-ytti-oxidized-asr920-1681/hostname.cfg (ASR 920, IOS-XE 16.8.1b): 'aaa accounting exec
    # default' / ' action-type start-stop' / ' group DES_ACS_GROUP' / '!', 'aaa accounting
    # commands 15 default' / the same two lines, 'aaa accounting network default start-stop
    # group DES_ACS_GROUP'
    session = ConfigSession(ConfigTree())
    for line in ("aaa new-model", "aaa accounting exec default", " action-type start-stop",
                 " group DES_ACS_GROUP", "!", "aaa accounting commands 15 default",
                 " action-type start-stop", " group DES_ACS_GROUP", "!",
                 "aaa accounting network default start-stop group DES_ACS_GROUP"):
        assert session.feed(line).ok, line
    assert ("aaa accounting exec default\n action-type start-stop\n group DES_ACS_GROUP\n!\n"
            "aaa accounting commands 15 default\n action-type start-stop\n"
            " group DES_ACS_GROUP\n!\n"
            "aaa accounting network default start-stop group DES_ACS_GROUP\n"
            ) in _body(session.tree)


def test_a_method_list_block_takes_only_its_own_children() -> None:
    session = ConfigSession(ConfigTree())
    assert session.feed("aaa accounting exec default").ok
    assert session.mode == "cfg-acct-mlist"
    assert session.feed(" action-type stop-only broadcast").ok
    assert session.feed(" action-type later").error is not None
    assert session.feed(" server-private 10.0.0.1").error is not None
    assert session.feed("exit").ok and session.mode == "config"


def test_the_model_reads_a_network_accounting_block_s_groups_as_its_methods() -> None:
    # The FlexVPN IKEv2 profile's 'aaa accounting psk LIST' names such a list; typed as the ASR
    # 920 types its exec list (gh-ytti-oxidized-asr920-1681), it reads as the one-line form does.
    config = RouterConfig.from_text(
        "version 16.8\naaa new-model\naaa accounting network ACCT\n action-type start-stop\n"
        " group RAD-A\n!\naaa accounting network ONE start-stop group RAD-B\nend\n")
    assert config.unread == ()
    assert config.aaa.method_lists["accounting network"] == {
        "ACCT": ("group", "RAD-A"), "ONE": ("group", "RAD-B")}


def test_the_asr920_accounting_blocks_are_read() -> None:
    config = RouterConfig.from_text(_ASR920.read_text(encoding="utf-8"))
    assert "aaa accounting exec default" not in {u.text for u in config.unread}


# --- Transceiver monitoring -----------------------------------------------------------------


def test_transceiver_monitoring_is_taken_and_shown_after_redundancy_before_lldp() -> None:
    # gh-ytti-oxidized-asr920-1681/hostname.cfg (ASR 920, IOS-XE 16.8.1b): 'username root secret
    # 5 password', '!', 'redundancy', '!' x5, 'transceiver type all', ' monitoring', '!',
    # 'lldp run', '!', '!', 'class-map match-any RoIP-RTP-Class-In'
    # (It shares LLDP's rank: typed after ``lldp run`` it would print after it.)
    session = ConfigSession(ConfigTree())
    for line in ("version 16.8", "transceiver type all", " monitoring", "exit", "lldp run",
                 "redundancy", "username root secret 5 password"):
        assert session.feed(line).ok, line
    body = _body(session.tree)
    assert "\ntransceiver type all\n monitoring\n" in body
    assert body.index("\nusername root") < body.index("\nredundancy\n") < body.index(
        "\ntransceiver type all\n") < body.index("\nlldp run\n")


def test_transceiver_monitoring_interval_range() -> None:
    # Interface and Hardware Component Command Reference, "monitoring": 300 to 3600 seconds.
    session = ConfigSession(ConfigTree())
    assert session.feed("transceiver type all").ok
    assert session.feed(" monitoring interval 300").ok
    assert session.feed(" monitoring interval 299").error is not None
    assert session.feed(" monitoring interval 3601").error is not None
    assert session.feed(" monitoring interval 3600").ok
    assert "\ntransceiver type all\n monitoring interval 3600\n" in _body(session.tree)


# --- Section positions: security, ip bootp, ip name-server on IOS-XE 16 -----------------------


def test_ios_xe_16_8_prints_security_bootp_and_name_server_where_the_asr920_does() -> None:
    # gh-ytti-oxidized-asr920-1681/hostname.cfg (IOS-XE 16.8.1b): 'vrf definition Mgmt-intf',
    # ..., 'security passwords min-length 8', 'logging buffered 200000', ..., 'clock timezone
    # UTC 10 0', 'no ip source-route', '!' x7, 'no ip bootp server', 'ip name-server ...',
    # 'no ip domain lookup', 'ip domain name abcd.abcd'
    body = _body(_tree([
        "version 16.8",
        "ip domain name abcd.abcd",
        "no ip domain lookup",
        "ip name-server 192.0.2.1 192.0.2.2",
        "no ip bootp server",
        "no ip source-route",
        "logging buffered 200000",
        "security passwords min-length 8",
        "vrf definition Mgmt-intf",
        " address-family ipv4",
    ]))
    assert body.index("\nvrf definition Mgmt-intf\n") < body.index(
        "\nsecurity passwords min-length 8\n") < body.index("\nlogging buffered 200000\n")
    assert body.index("\nno ip source-route\n") < body.index("\nno ip bootp server\n") < \
        body.index("\nip name-server 192.0.2.1 192.0.2.2\n") < body.index(
            "\nno ip domain lookup\n") < body.index("\nip domain name abcd.abcd\n")


def test_ios_15_still_prints_ip_domain_before_ip_name_server() -> None:
    # The IOS 15 place is unchanged by the IOS-XE 16 one above.
    body = _body(_tree(["version 15.4", "ip name-server 192.0.2.1", "ip domain name lab.local"]))
    assert body.index("\nip domain name lab.local\n") < body.index("\nip name-server 192.0.2.1\n")


# --- Line children: no exec, history size, transport preferred ----------------------------------


def test_line_children_in_the_asr920_and_isr_g2_order() -> None:
    # gh-ytti-oxidized-asr920-1681/hostname.cfg: 'line con 0' / ' exec-timeout 20 0' / ' logging
    # synchronous' / ' history size 50' / ' transport preferred none' / ' transport output none'
    # / ' stopbits 1', 'line aux 0' / ' no exec' / ' stopbits 1';
    # gh-tmullaly-oxidized-isrg2-backups/core.cfg 'line 2': ' no activation-character', ' no
    # exec', ' transport preferred none', ' transport input all', ' transport output ...'
    body = _body(_tree([
        "line con 0", " stopbits 1", " transport output none", " transport preferred none",
        " history size 50", " logging synchronous", " exec-timeout 20 0",
        "line aux 0", " stopbits 1", " no exec",
        "line 2", " transport input all", " transport preferred none", " no exec",
        " no activation-character",
    ]))
    assert ("line con 0\n exec-timeout 20 0\n logging synchronous\n history size 50\n"
            " transport preferred none\n transport output none\n stopbits 1\n"
            "line aux 0\n no exec\n stopbits 1\n"
            "line 2\n no activation-character\n no exec\n transport preferred none\n"
            " transport input all\n") in body


# --- IOS 15.2: numbered access lists before the route-maps --------------------------------------


def test_ios_15_2_prints_numbered_access_lists_before_route_maps() -> None:
    # gh-batfish-hybrid-aws-ios152-svti-ikev1/lhr-border-02.cfg (IOS 15.2): 'ip prefix-list
    # PROTECT_LOOPBACK seq 10 permit 0.0.0.0/0 le 32', 'access-list 2001 permit icmp 10.100.0.0
    # 0.0.255.255 any', '!', 'route-map PROTECT_LOOPBACK permit 10'
    lines = ["route-map PROTECT_LOOPBACK permit 10",
             " match ip address prefix-list PROTECT_LOOPBACK",
             "access-list 2001 permit icmp 10.100.0.0 0.0.255.255 any",
             "ip prefix-list PROTECT_LOOPBACK seq 10 permit 0.0.0.0/0 le 32"]
    body = _body(_tree(["version 15.2", *lines]))
    assert body.index("\nip prefix-list PROTECT_LOOPBACK") < body.index(
        "\naccess-list 2001 permit") < body.index("\nroute-map PROTECT_LOOPBACK permit 10\n")
    # IOL 15.4 prints the route-maps first (gh-toxiant-otus-lab14-ikev2-cryptomap-dmvpn/r14.cfg)
    body = _body(_tree(["version 15.4", *lines]))
    assert body.index("\nroute-map PROTECT_LOOPBACK permit 10\n") < body.index(
        "\naccess-list 2001 permit")


# --- Empty service-module ports show no 'no ip address' ----------------------------------------


def test_an_empty_service_engine_port_shows_nothing_under_its_header() -> None:
    # gh-genielibs-isr4351-179-voice/analog-perf-uut1.cfg (ISR4351, IOS-XE 17.9): 'interface
    # GigabitEthernet0/0/2' / ' no ip address' / ' negotiation auto' / '!' / 'interface
    # Service-Engine0/1/4' / '!'; an ISR G2's Embedded-Service-Engine0/0 shows 'no ip address'
    # (gh-tmullaly-oxidized-isrg2-backups/r1.cfg)
    body = _body(_tree(["version 17.9", "interface GigabitEthernet0/0/2", " negotiation auto",
                        "interface Service-Engine0/1/4", "interface Embedded-Service-Engine0/0",
                        " shutdown"]))
    assert "interface Service-Engine0/1/4\n!\n" in body
    assert "interface GigabitEthernet0/0/2\n no ip address\n negotiation auto\n" in body
    assert "interface Embedded-Service-Engine0/0\n no ip address\n shutdown\n" in body


# --- CSR1000v 16.9 (the Genie test router R1_xe) ------------------------------------------------

_R1XE_LINES = [
    "version 16.9",
    "username cisco privilege 15 secret 5 $1$zmuJ$N4opUnBFwW7eNn5hfKj550",
    "mac access-list extended mac_acl",
    " permit host 0000.0000.0000 host 0000.0000.0000",
    " deny host 0000.0000.0000 host 0000.0000.0000 msdos",
    "spanning-tree extend system-id",
    "multilink bundle-name authenticated",
    # (these three share a rank: in the order they were configured)
    "subscriber templating",
    "ipv6 unicast-routing",
    "ipv6 multicast-routing",
    "interface GigabitEthernet2.110",
    " encapsulation dot1Q 110",
    " ipv6 ospf 1 area 0",
    " mpls ip",
    " ipv6 address 2001:10:12:110::1/64",
    " ip address 10.12.110.1 255.255.255.0",
    "interface GigabitEthernet2.115",
    " encapsulation dot1Q 115",
    " ip igmp join-group 239.1.1.2",
    " ip router isis test",
    " ip address 10.12.115.1 255.255.255.0",
    "router isis test",
    " net 49.0001.1111.1111.1111.00",
]


def test_ios_xe_16_9_globals_where_the_csr1000v_r1_xe_prints_them() -> None:
    # gh-genielibs-csr1000v-169-r1xe/r1_xe.cfg (CSR1000v, IOS-XE 16.9): 'subscriber templating',
    # ..., 'ipv6 unicast-routing', 'ipv6 rip vrf-mode enable', 'ipv6 multicast-routing',
    # ..., 'multilink bundle-name authenticated'; 'spanning-tree extend system-id', '!',
    # 'mac access-list extended mac_acl', ' permit host 0000.0000.0000 host 0000.0000.0000',
    # ' deny   host 0000.0000.0000 host 0000.0000.0000 msdos', ..., 'username cisco ...'
    body = _body(_tree(_R1XE_LINES))
    assert body.index("\nsubscriber templating\n") < body.index(
        "\nipv6 unicast-routing\n") < body.index("\nipv6 multicast-routing\n") < body.index(
        "\nmultilink bundle-name authenticated\n")
    assert ("mac access-list extended mac_acl\n"
            " permit host 0000.0000.0000 host 0000.0000.0000\n"
            " deny   host 0000.0000.0000 host 0000.0000.0000 msdos\n") in body
    assert body.index("\nspanning-tree extend system-id\n") < body.index(
        "\nmac access-list extended mac_acl\n") < body.index("\nusername cisco ")


def test_ios_xe_16_9_interface_lines_where_the_csr1000v_r1_xe_prints_them() -> None:
    # gh-genielibs-csr1000v-169-r1xe/r1_xe.cfg: GigabitEthernet2.110 ' ipv6 address ...',
    # ' mpls ip', ' ipv6 ospf 1 area 0'; GigabitEthernet2.115 ' ip address ...', ' ip router isis
    # test', ' ip igmp join-group 239.1.1.2'
    body = _body(_tree(_R1XE_LINES))
    assert ("interface GigabitEthernet2.110\n encapsulation dot1Q 110\n"
            " ip address 10.12.110.1 255.255.255.0\n ipv6 address 2001:10:12:110::1/64\n"
            " mpls ip\n ipv6 ospf 1 area 0\n") in body
    assert ("interface GigabitEthernet2.115\n encapsulation dot1Q 115\n"
            " ip address 10.12.115.1 255.255.255.0\n ip router isis test\n"
            " ip igmp join-group 239.1.1.2\n") in body


# --- Multicast: Auto-RP, MSDP, IPv6 PIM RP and BSR candidates -----------------------------------


def test_auto_rp_msdp_and_ipv6_pim_globals_are_taken_and_shown_in_place() -> None:
    # gh-genielibs-csr1000v-169-r1xe/r1_xe.cfg (CSR1000v, IOS-XE 16.9): 'ip pim rp-address
    # 2.2.2.2', 'ip pim send-rp-announce Loopback0 scope 32', 'ip pim send-rp-discovery
    # Loopback0 scope 32', ..., 'ip msdp peer 2.2.2.2 connect-source Loopback0', 'ip msdp
    # cache-sa-state', 'ip msdp vrf VRF1 peer 2.2.2.2 connect-source Loopback300', ..., 'ip ssh
    # version 2'; 'ipv6 router rip ripng', ..., 'ipv6 pim vrf VRF1 rp-address 2001:2:2:2::2',
    # 'ipv6 pim vrf VRF1 bsr candidate bsr 2001:1:1:1::1', 'ipv6 pim bsr candidate rp
    # 2001:1:1:1::1', 'ipv6 prefix-list test6 seq 5 permit 2001:DB8:1::/64'
    lines = [
        "version 16.9",
        "ipv6 prefix-list test6 seq 5 permit 2001:DB8:1::/64",
        "ip ssh version 2",
        "ip pim rp-address 2.2.2.2",
        "ip pim send-rp-announce Loopback0 scope 32",
        "ip pim send-rp-discovery Loopback0 scope 32",
        "ip msdp peer 2.2.2.2 connect-source Loopback0",
        "ip msdp cache-sa-state",
        "ip msdp vrf VRF1 peer 3.3.3.3 connect-source Loopback300",
        "ipv6 pim vrf VRF1 rp-address 2001:2:2:2::2",
        "ipv6 pim vrf VRF1 bsr candidate bsr 2001:1:1:1::1",
        "ipv6 pim bsr candidate rp 2001:1:1:1::1",
    ]
    body = _body(_tree(lines))
    assert ("ip pim rp-address 2.2.2.2\nip pim send-rp-announce Loopback0 scope 32\n"
            "ip pim send-rp-discovery Loopback0 scope 32\n"
            "ip msdp peer 2.2.2.2 connect-source Loopback0\nip msdp cache-sa-state\n"
            "ip msdp vrf VRF1 peer 3.3.3.3 connect-source Loopback300\n") in body
    assert body.index("\nip msdp vrf VRF1 peer") < body.index("\nip ssh version 2\n")
    assert ("ipv6 pim vrf VRF1 rp-address 2001:2:2:2::2\n"
            "ipv6 pim vrf VRF1 bsr candidate bsr 2001:1:1:1::1\n"
            "ipv6 pim bsr candidate rp 2001:1:1:1::1\n") in body
    assert body.index("\nipv6 pim bsr candidate rp") < body.index("\nipv6 prefix-list test6 ")


def test_auto_rp_scope_range() -> None:
    # IP Multicast Command Reference, "ip pim send-rp-announce": scope (TTL) 1-255.
    session = ConfigSession(ConfigTree())
    assert session.feed("ip pim send-rp-announce Loopback0 scope 0").error is not None
    assert session.feed("ip pim send-rp-announce Loopback0 scope 256").error is not None
    assert session.feed("ip pim send-rp-announce Loopback0 scope 16 group-list 20").ok
    assert session.feed("ip pim vrf V send-rp-discovery scope 16 interval 60").ok


# --- VRF-aware IS-IS and RIPng ---------------------------------------------------------------


def test_vrf_aware_isis_and_ripng_are_taken_and_shown_as_the_csr1000v_prints_them() -> None:
    # gh-genielibs-csr1000v-169-r1xe/r1_xe.cfg (CSR1000v, IOS-XE 16.9): 'ipv6 unicast-routing',
    # 'ipv6 rip vrf-mode enable'; 'router isis test1' / ' vrf VRF1' / ' net
    # 49.0001.1111.1111.1111.00' / ' metric-style wide'; 'ipv6 router rip ripng' / ' !' /
    # ' address-family ipv6 vrf VRF1' / ' exit-address-family' / '!'
    session = ConfigSession(ConfigTree())
    for line in ("version 16.9", "ipv6 unicast-routing", "ipv6 rip vrf-mode enable",
                 "vrf definition VRF1", " address-family ipv6", "exit",
                 "router isis test1", " vrf VRF1", " net 49.0001.1111.1111.1111.00",
                 " metric-style wide", "ipv6 router rip ripng",
                 " address-family ipv6 vrf VRF1", " exit-address-family"):
        assert session.feed(line).ok, line
    assert session.mode == "config-rtr"
    body = _body(session.tree)
    assert "\nipv6 unicast-routing\nipv6 rip vrf-mode enable\n" in body
    assert ("router isis test1\n vrf VRF1\n net 49.0001.1111.1111.1111.00\n"
            " metric-style wide\n") in body
    assert ("ipv6 router rip ripng\n !\n address-family ipv6 vrf VRF1\n"
            " exit-address-family\n") in body


def test_the_admission_watch_list_is_taken_and_shown_after_ip_domain() -> None:
    # gh-genielibs-csr1000v-169-r1xe/r1_xe.cfg (CSR1000v, IOS-XE 16.9): 'ip domain name
    # cisco.com', 'ip admission watch-list expiry-time 0', 'ip multicast-routing distributed'
    body = _body(_tree(["version 16.9", "ip multicast-routing distributed",
                        "ip admission watch-list expiry-time 0", "ip domain name cisco.com"]))
    assert ("ip domain name cisco.com\nip admission watch-list expiry-time 0\n"
            "ip multicast-routing distributed\n") in body


# --- Voice on an ISR4351 (IOS-XE 17.9) -----------------------------------------------------------


def test_voice_ports_mgcp_dial_peers_and_isdn_where_the_isr4351_prints_them() -> None:
    # gh-genielibs-isr4351-179-voice/analog-perf-uut1.cfg: 'multilink bundle-name
    # authenticated', ..., 'isdn switch-type basic-net3', ..., 'crypto pki trustpoint ...';
    # 'control-plane', ..., 'voice-port 0/1/0' / ' no echo-cancel enable', ..., 'mgcp behavior
    # rsip-range tgcp-only', ..., 'mgcp profile default', ..., 'dial-peer voice 1001 pots' /
    # ' destination-pattern 550' / ' port 1/0/0', ..., 'line con 0'
    session = ConfigSession(ConfigTree())
    for line in ("version 17.9", "line con 0", " stopbits 1",
                 "dial-peer voice 1001 pots", " destination-pattern 550",
                 "mgcp profile default", "mgcp behavior rsip-range tgcp-only",
                 "voice-port 0/1/0", " no echo-cancel enable", "control-plane",
                 "crypto pki trustpoint SLA-TrustPoint", " enrollment pkcs12",
                 # (these two share a rank: in the order they were configured)
                 "multilink bundle-name authenticated", "isdn switch-type basic-net3"):
        assert session.feed(line).ok, line
    body = _body(session.tree)
    assert "voice-port 0/1/0\n no echo-cancel enable\n" in body
    order = ["\nmultilink bundle-name authenticated\n", "\nisdn switch-type basic-net3\n",
             "\ncrypto pki trustpoint SLA-TrustPoint\n", "\ncontrol-plane\n",
             "\nvoice-port 0/1/0\n", "\nmgcp profile default\n",
             "\ndial-peer voice 1001 pots\n", "\nline con 0\n"]
    assert [body.index(text) for text in order] == sorted(body.index(text) for text in order)
    assert session.feed("voice-port 0/1/0").ok
    assert session.feed(" echo-cancel enable").ok
    assert "no echo-cancel enable" not in _body(session.tree)


def test_isdn_port_settings_stay_on_the_port_and_channel_ports_follow_the_hardware_ports() -> None:
    # gh-genielibs-isr4351-179-voice/analog-perf-uut1.cfg (ISR4351, IOS-XE 17.9): 'interface
    # GigabitEthernet0' / ' vrf forwarding Mgmt-intf', then 'interface BRI0/1/0:0' / ' isdn
    # switch-type basic-qsig' / ' isdn point-to-point-setup' / ' isdn incoming-voice voice' /
    # ' isdn sending-complete', 'interface BRI0/1/1:0' / ' shutdown' / ' isdn switch-type
    # basic-net3' / ' isdn timer T310 120000'; the global 'isdn switch-type basic-net3'
    session = ConfigSession(ConfigTree())
    for line in ("version 17.9", "isdn switch-type basic-net3",
                 "interface BRI0/1/0:0", " isdn switch-type basic-qsig",
                 " isdn point-to-point-setup", " isdn incoming-voice voice",
                 " isdn sending-complete", "interface BRI0/1/1:0", " shutdown",
                 " isdn switch-type basic-net3", " isdn timer T310 120000",
                 "interface GigabitEthernet0", " negotiation auto",
                 "interface GigabitEthernet0/0/2", " negotiation auto"):
        assert session.feed(line).ok, line
        assert not line.startswith(" ") or session.mode == "config-if", line
    body = _body(session.tree)
    assert "\nisdn switch-type basic-net3\n" in body  # the global one, untouched by the ports'
    assert (" isdn switch-type basic-qsig\n isdn point-to-point-setup\n"
            " isdn incoming-voice voice\n isdn sending-complete\n") in body
    assert " shutdown\n isdn switch-type basic-net3\n isdn timer T310 120000\n" in body
    assert body.index("interface GigabitEthernet0/0/2\n") < body.index(
        "interface GigabitEthernet0\n") < body.index("interface BRI0/1/0:0\n") < body.index(
        "interface BRI0/1/1:0\n")


def test_the_model_leaves_an_isdn_port_s_signalling_alone() -> None:
    # gh-genielibs-isr4351-179-voice/analog-perf-uut1.cfg: the voice BRI ports' ISDN lines are no
    # FlexVPN settings; the model reads the port and reports nothing unread.
    config = RouterConfig.from_text(
        "version 17.9\ninterface BRI0/1/0:0\n isdn switch-type basic-qsig\n"
        " isdn point-to-point-setup\n isdn incoming-voice voice\n isdn sending-complete\n"
        " isdn timer T310 120000\nend\n")
    assert config.unread == ()


# --- IOS 15.2 interface order: media-type, speed, duplex; multicast boundary ----------------------


def test_ios_15_2_prints_speed_before_duplex_and_the_boundary_after_pim() -> None:
    # gh-batfish-hybrid-aws-ios152-svti-ikev1/lhr-border-02.cfg (IOS 15.2): 'interface
    # GigabitEthernet0/0' / ' ip address 192.168.60.37 255.255.255.0' / ' media-type gbic' /
    # ' speed 1000' / ' duplex full' / ' no negotiation auto'; gh-jclarkson-bgp-multicast-ssm/
    # r4.cfg (15.2): ' ip pim sparse-mode' / ' ip multicast boundary 1' / ' speed auto' /
    # ' duplex auto'
    lines = ["interface GigabitEthernet0/0", " no negotiation auto", " duplex full",
             " speed 1000", " media-type gbic", " ip address 192.168.60.37 255.255.255.0",
             "interface FastEthernet1/0", " duplex auto", " speed auto",
             " ip multicast boundary 1", " ip pim sparse-mode",
             " ip address 45.1.1.4 255.255.255.0"]
    body = _body(_tree(["version 15.2", *lines]))
    assert ("interface GigabitEthernet0/0\n ip address 192.168.60.37 255.255.255.0\n"
            " media-type gbic\n speed 1000\n duplex full\n no negotiation auto\n") in body
    assert ("interface FastEthernet1/0\n ip address 45.1.1.4 255.255.255.0\n"
            " ip pim sparse-mode\n ip multicast boundary 1\n speed auto\n duplex auto\n") in body
    # IOSv 15.6 prints duplex first (gh-ngmunia-iosv156-dualhub-dmvpn-zbf: duplex auto, speed
    # auto, media-type rj45)
    body = _body(_tree(["version 15.6", *lines]))
    assert " duplex full\n speed 1000\n media-type gbic\n" in body


# --- Interface masks ----------------------------------------------------------------------------


def test_an_interface_address_with_a_non_contiguous_mask_is_refused() -> None:
    # IOS refuses it ("Bad mask 0x6F6F6F6F for address 111.111.111.111"): the sanitised ASR 920
    # capture's 'ip address 111.111.111.111 111.111.111.111' (gh-ytti-oxidized-asr920-1681) is
    # no line the router printed.
    session = ConfigSession(ConfigTree())
    assert session.feed("interface Loopback9").ok
    assert session.feed(" ip address 111.111.111.111 111.111.111.111").error is not None
    assert session.feed(" ip address 10.0.0.1 255.0.255.0").error is not None
    assert session.feed(" ip address 10.0.0.1 255.255.255.0 secondary").ok
    assert session.feed(" ip address 10.0.1.1 255.255.255.255").ok
    assert session.feed(" ip address 10.0.2.1 255.255.254.0").ok
    assert "interface Loopback9\n ip address 10.0.0.1 255.255.255.0 secondary\n" \
        " ip address 10.0.2.1 255.255.254.0\n" in _body(session.tree)
