"""Config mode for the command families a branch router carries next to its VPN and that the
corpus does not print yet: per-tunnel QoS groups, priority levels, ISR G2 platform lines,
parser views and privilege levels, IPS, MPLS LDP and IS-IS, serial WAN ports, and voice
(T1/E1 controllers, dial peers, CME).

Each line is written by hand from the Cisco command reference named in the test; the lab must
take it in the mode it belongs to (a refused line names the mode it fell out of).
"""

from __future__ import annotations

from flexorch.ios.config import apply_lines, show_running
from flexorch.ios.config.tree import ConfigTree
from flexorch.ios.model import RouterConfig


def _taken(lines: list[str]) -> ConfigTree:
    tree = ConfigTree()
    assert apply_lines(tree, lines) == []
    return tree


def test_per_tunnel_qos_group_and_priority_level() -> None:
    # DMVPN Configuration Guide, IOS XE, "Per-Tunnel QoS for DMVPN" ('nhrp group', 'nhrp map
    # group'); QoS Congestion Management Configuration Guide, IOS XE, "Multilevel Priority
    # Queues" ('priority level 1 percent 20'). The model leaves the QoS group alone.
    lines = ["policy-map QOS", " class class-default", "  priority level 1 percent 20",
             "interface Tunnel100", " ip address 10.0.0.1 255.255.255.0", " nhrp group SPOKE",
             " nhrp map group SPOKE service-policy output QOS", " tunnel mode gre multipoint"]
    tree = _taken(lines)
    assert "  priority level 1 percent 20" in show_running(tree, section="policy-map")
    shown = show_running(tree, section="interface")
    assert " nhrp group SPOKE" in shown
    assert " nhrp map group SPOKE service-policy output QOS" in shown
    assert RouterConfig.from_text("\n".join(lines)).unread == ()


def test_isr_g2_platform_security_and_ips_lines() -> None:
    # Configuration Fundamentals CR ('memory-size iomem', 'process-max-time', 'exception
    # crashinfo', 'file privilege'); Interface and Hardware Component CR ('errdisable
    # recovery'); Security CR ('parser view', 'privilege', 'ip ips'); IPv6 CR ('ipv6
    # general-prefix').
    tree = _taken([
        "memory-size iomem 10", "process-max-time 200", "exception crashinfo file flash:crash",
        "errdisable recovery cause all", "errdisable recovery interval 30", "file privilege 15",
        "parser view SHOWONLY", " secret 5 $1$abcd$efghijklmnopqrstuv",
        " commands exec include show", "privilege exec level 5 show running-config",
        "privilege configure level 5 interface", "ipv6 general-prefix GP 2001:DB8::/48",
        "ip ips config location flash:ips5", "ip ips name IPS"])
    shown = show_running(tree)
    assert "parser view SHOWONLY\n secret 5 $1$abcd$efghijklmnopqrstuv\n" in shown
    assert " commands exec include show\n" in shown
    assert "errdisable recovery interval 30\n" in shown


def test_mpls_ldp_and_isis_of_an_mpls_edge_router() -> None:
    # MPLS LDP CR ('mpls label protocol', 'mpls ldp router-id ... force'); IS-IS CR ('router
    # isis', 'net', 'is-type', 'metric-style', 'address-family ipv6' / 'multi-topology').
    tree = _taken(["mpls label protocol ldp", "mpls ldp router-id Loopback0 force",
                   "router isis CORE", " net 49.0001.0000.0000.0001.00",
                   " is-type level-2-only", " metric-style wide", " passive-interface Loopback0",
                   " address-family ipv6", "  multi-topology", " exit-address-family"])
    assert show_running(tree, section="router isis").splitlines() == [
        "router isis CORE", " net 49.0001.0000.0000.0001.00", " is-type level-2-only",
        " metric-style wide", " passive-interface Loopback0", " !", " address-family ipv6",
        "  multi-topology", " exit-address-family"]


def test_serial_wan_port_clocking_is_link_layer_for_the_model() -> None:
    # Interface and Hardware Component CR ('clock rate', 'service-module t1 timeslots').
    lines = ["interface Serial0/0/0", " ip address 10.10.10.1 255.255.255.252",
             " encapsulation ppp", " clock rate 2000000", " service-module t1 timeslots 1-24"]
    _taken(lines)
    assert RouterConfig.from_text("\n".join(lines)).unread == ()


def test_voice_gateway_and_cme_blocks() -> None:
    # Voice CR ('voice service voip', 'dial-peer voice', 'voice translation-rule'), CME CR
    # ('telephony-service', 'ephone-dn'), Interface and Hardware Component CR ('card type',
    # 'controller T1', 'pri-group'), Dial CR ('isdn switch-type').
    tree = _taken([
        "card type t1 0 0", "network-clock-participate wic 0", "isdn switch-type primary-net5",
        "voice-card 0", " dspfarm", " dsp services dspfarm",
        "voice service voip", " allow-connections h323 to sip", " sip", "  bind control "
        "source-interface GigabitEthernet0/0",
        "voice translation-rule 1", " rule 1 /^9/ //",
        "voice translation-profile OUT", " translate called 1",
        "controller T1 0/0/0", " cablelength long 0db", " pri-group timeslots 1-24",
        "dial-peer voice 1 pots", " destination-pattern 9T", " port 0/0/0:23",
        " translation-profile outgoing OUT",
        "dial-peer voice 100 voip", " session protocol sipv2", " session target ipv4:10.0.0.5",
        " codec g711ulaw", " dtmf-relay rtp-nte",
        "telephony-service", " max-ephones 10", " ip source-address 192.168.1.1 port 2000",
        "ephone-dn 1", " number 100", "sccp"])
    shown = show_running(tree)
    for block in ("controller T1 0/0/0\n cablelength long 0db\n pri-group timeslots 1-24\n",
                  "dial-peer voice 100 voip\n", " session target ipv4:10.0.0.5\n",
                  "telephony-service\n max-ephones 10\n",
                  "voice-card 0\n dspfarm\n dsp services dspfarm\n"):
        assert block in shown


def test_device_tracking_policy_is_a_block() -> None:
    # IPv6 First Hop Security Configuration Guide, IOS XE ("device-tracking policy",
    # "tracking enable", "security-level", "limit address-count").
    tree = _taken(["device-tracking policy IPDT_POLICY", " tracking enable",
                   " security-level glean", " limit address-count 10"])
    assert show_running(tree, section="device-tracking").splitlines() == [
        "device-tracking policy IPDT_POLICY", " tracking enable", " security-level glean",
        " limit address-count 10"]


def test_get_vpn_group_member_and_key_server() -> None:
    # Cisco Group Encrypted Transport VPN Configuration Guide ("crypto gdoi group", "identity
    # number", "server address ipv4", "server local", "rekey", "sa ipsec", "redundancy", and
    # the group member's "crypto map M 10 gdoi" / "set group"). The model leaves the GDOI
    # entry's group alone: its SAs come from the key server.
    lines = ["crypto gdoi group GETVPN", " identity number 1234", " server address ipv4 10.0.0.9",
             "crypto gdoi group KSGROUP", " identity number 4321", " server local",
             "  rekey algorithm aes 256", "  rekey lifetime seconds 86400",
             "  rekey retransmit 10 number 2", "  rekey authentication mypubkey rsa REKEY",
             "  sa ipsec 10", "   profile GETVPN-PROFILE", "   match address ipv4 GET-ACL",
             "   replay time window-size 5", "  address ipv4 10.0.0.9", "  redundancy",
             "   local priority 100", "   peer address ipv4 10.0.0.10",
             "crypto map GETMAP 10 gdoi", " set group GETVPN"]
    tree = _taken(lines)
    shown = show_running(tree)
    assert "crypto gdoi group GETVPN\n identity number 1234\n server address ipv4 10.0.0.9\n" \
        in shown
    assert "  sa ipsec 10\n   profile GETVPN-PROFILE\n   match address ipv4 GET-ACL\n" in shown
    assert "crypto map GETMAP 10 gdoi\n set group GETVPN\n" in shown
    assert RouterConfig.from_text("\n".join(lines)).unread == ()


def test_ikev1_aggressive_mode_peer_and_xauth_timer() -> None:
    # Security Command Reference ("crypto isakmp peer", "set aggressive-mode password",
    # "set aggressive-mode client-endpoint", "crypto isakmp xauth timeout").
    tree = _taken(["crypto isakmp peer address 192.0.2.4", " set aggressive-mode password Aggr-pw1",
                   " set aggressive-mode client-endpoint user-fqdn spoke@example.com",
                   "crypto isakmp xauth timeout 30"])
    shown = show_running(tree)
    assert ("crypto isakmp peer address 192.0.2.4\n set aggressive-mode password Aggr-pw1\n"
            " set aggressive-mode client-endpoint user-fqdn spoke@example.com\n") in shown
    assert "crypto isakmp xauth timeout 30\n" in shown


def test_ssl_vpn_blocks_of_ios_xe_and_of_ios_webvpn() -> None:
    # SSL VPN Configuration Guide, IOS XE 17 ("crypto ssl proposal", "crypto ssl policy",
    # "crypto ssl profile", "crypto ssl authorization policy"); IOS SSL VPN Configuration
    # Guide ("webvpn gateway", "webvpn install svc", "webvpn context", "policy group").
    _taken([
        "crypto ssl proposal SSLP", " protection rsa-aes256-sha1 rsa-aes128-sha1",
        "crypto ssl authorization policy SSLAUTH", " pool SSLPOOL", " dns 8.8.8.8",
        "crypto ssl policy SSLPOL", " ssl proposal SSLP", " pki trustpoint TP sign",
        " ip address local 192.0.2.1 port 443",
        "crypto ssl profile SSLPROF", " match policy SSLPOL", " match url https://vpn.example.com",
        " aaa authentication user-pass list VPN", " authentication remote user-pass",
        " user-profile location flash:profile.xml", " virtual-template 2",
        "webvpn gateway GW", " ip address 192.0.2.1 port 443", " ssl encryption aes256-sha1",
        " ssl trustpoint TP", " inservice",
        "webvpn install svc flash:/webvpn/anyconnect-win.pkg sequence 1",
        "webvpn context CTX", " title-color #FF9900", " ssl authenticate verify all",
        " policy group POL", "  functions svc-enabled",
        '  svc address-pool "SSLPOOL" netmask 255.255.255.0', " default-group-policy POL",
        " gateway GW", " inservice"])


def test_umbrella_nbar_static_route_tag_and_ca_rollover() -> None:
    # Cisco Umbrella Integration on Cisco ISR ('parameter-map type umbrella global', 'token',
    # 'dnscrypt', 'umbrella out'); NBAR Configuration Guide ('ip nbar protocol-pack', 'ip nbar
    # custom'); IP Routing: Protocol-Independent CR ('ip route ... [name N] [permanent | track
    # N] [tag T]'); PKI Configuration Guide ('auto-rollover'). The model reads the interface
    # and the trustpoint whole.
    lines = ["parameter-map type umbrella global",
             " token 0123456789ABCDEF0123456789ABCDEF01234567", " dnscrypt",
             "ip nbar protocol-pack bootflash:pp.pack", "ip nbar custom MYAPP tcp 9999",
             "ip route vrf MGMT 0.0.0.0 0.0.0.0 GigabitEthernet1 192.0.2.1 name DEFAULT "
             "permanent tag 5",
             "crypto pki trustpoint TP", " enrollment terminal pem", " auto-rollover 10",
             "interface GigabitEthernet1", " ip address 192.0.2.2 255.255.255.0", " umbrella out"]
    tree = _taken(lines)
    assert " umbrella out" in show_running(tree, section="interface")
    assert RouterConfig.from_text("\n".join(lines)).unread == ()


def test_adsl_and_wireless_ports_of_an_isr_g1() -> None:
    # Cisco 800 Series Software Configuration Guide ("Configuring PPP over ATM": 'interface ATM0',
    # 'no atm ilmi-keepalive', 'dsl operating-mode auto', 'interface ATM0.1 point-to-point',
    # 'pvc 8/35', 'pppoe-client dial-pool-number 1'); Cisco Wireless Device Configuration Guide
    # ('interface Dot11Radio0', 'station-role root', 'speed basic-1.0 ...', 'dot11 ssid').
    lines = ["dot11 syslog", "dot11 ssid HOME", " authentication open", " guest-mode",
             "ip auth-proxy max-nodata-conns 3", "interface ATM0", " no ip address",
             " no atm ilmi-keepalive", " dsl operating-mode auto",
             "interface ATM0.1 point-to-point", " pvc 8/35", "  pppoe-client dial-pool-number 1",
             "interface Dot11Radio0", " no ip address", " shutdown",
             " speed basic-1.0 basic-2.0 basic-5.5 6.0 9.0 basic-11.0 12.0 18.0 24.0 36.0",
             " station-role root"]
    tree = _taken(lines)
    shown = show_running(tree)
    assert "interface ATM0.1 point-to-point\n pvc 8/35\n  pppoe-client dial-pool-number 1\n" \
        in shown
    assert " no atm ilmi-keepalive\n" in shown
    assert " station-role root\n" in shown
    assert RouterConfig.from_text("\n".join(lines)).unread == ()


def test_ntp_server_named_with_its_address_family() -> None:
    # Basic System Management CR, "ntp server": '[ip | ipv6] {address | hostname}'; the family
    # keyword is part of the server's identity (two lines, two servers).
    tree = _taken(["ntp server ip time.google.com", "ntp server 0.pool.ntp.org",
                   "ntp server vrf MGMT ipv6 time.example.com prefer"])
    assert show_running(tree, section="ntp").splitlines() == [
        "ntp server ip time.google.com", "ntp server 0.pool.ntp.org",
        "ntp server vrf MGMT ipv6 time.example.com prefer"]


def test_ospf_lsa_limit_and_dhcp_relay_classes() -> None:
    # OSPF CR ("max-lsa", "ignore lsa mospf"); DHCP CR ("ip dhcp class", "relay agent
    # information", "relay-information hex", a pool's "class").
    tree = _taken(["router ospf 1", " max-lsa 12000 80 warning-only", " ignore lsa mospf",
                   "ip dhcp class CLASS1", " relay agent information",
                   "  relay-information hex 01040101000102060011223344* ",
                   "ip dhcp pool VOICE", " network 10.1.1.0 255.255.255.0", " class CLASS1"])
    shown = show_running(tree)
    assert " max-lsa 12000 80 warning-only\n" in shown
    assert "ip dhcp class CLASS1\n relay agent information\n" in shown


def test_vrf_limits_lacp_and_vpdn_dial_in() -> None:
    # MPLS Layer 3 VPNs Configuration Guide ('vpn id', 'maximum routes', 'import map', 'import
    # ipv4 unicast map'); LACP CR ('lacp fast-switchover', 'lacp max-bundle', 'lacp rate');
    # VPDN CR ('vpdn enable', 'vpdn-group', 'accept-dialin', 'protocol', 'virtual-template').
    # The model leaves the VPN id and LACP alone.
    lines = ["vpdn enable", "vpdn-group PPTP", " accept-dialin", "  protocol pptp",
             "  virtual-template 1",
             "vrf definition CUST", " rd 65000:10", " vpn id 1:1",
             " address-family ipv4", "  maximum routes 1000 80",
             "  import ipv4 unicast map IMPORT", " exit-address-family",
             "ip vrf LEGACY", " rd 65000:20", " import map IMP2",
             "interface Port-channel1", " no ip address", " lacp fast-switchover",
             " lacp max-bundle 2", "interface GigabitEthernet0/1", " no ip address",
             " channel-group 1 mode active", " lacp rate fast",
             " ip nbar protocol-discovery ipv4"]
    tree = _taken(lines)
    assert "vpdn-group PPTP\n accept-dialin\n  protocol pptp\n  virtual-template 1\n" in \
        show_running(tree)
    assert RouterConfig.from_text("\n".join(lines)).unread == ()


def test_static_route_options_in_the_orders_the_references_allow() -> None:
    # IP Routing: Protocol-Independent CR, "ip route" ('track N' with a name); IPv6 CR, "ipv6
    # route" (a tag after the name); BFD CR, "ipv6 route static bfd".
    _taken(["ip route 10.2.0.0 255.255.0.0 10.1.1.2 track 3 name B",
            "ipv6 route 2001:DB8:1::/48 2001:DB8::2 name N tag 7",
            "ipv6 route static bfd GigabitEthernet1 FE80::1"])


def test_eem_applet_with_tagged_events_and_a_trigger() -> None:
    # Embedded Event Manager CR ("event tag", "trigger", "correlate"): two tagged events are two
    # settings, the trigger block correlates them.
    tree = _taken(["event manager applet WAN-MONITOR authorization bypass",
                   ' event tag e1 syslog pattern "LINEPROTO-5-UPDOWN"',
                   " event tag e2 track 10 state down", " trigger",
                   "  correlate event e1 or event e2", ' action 1.0 cli command "enable"'])
    assert show_running(tree, section="event manager").splitlines() == [
        "event manager applet WAN-MONITOR authorization bypass",
        ' event tag e1 syslog pattern "LINEPROTO-5-UPDOWN"', " event tag e2 track 10 state down",
        " trigger", "  correlate event e1 or event e2", ' action 1.0 cli command "enable"']


def test_a_second_applet_typed_after_the_first_opens_its_own_block() -> None:
    # gh-denisdubovoy-otus-lab14-dmvpn-pki-cryptomap/r28.cfg (IOL 15.4): two applets one after
    # the other; 'event manager applet B' is no applet command (EEM CR: the event detectors are
    # keywords such as 'track', 'syslog', 'none'), so it leaves the first applet.
    lines = ["event manager applet WAN_FAILOVER_PRIMARY_DOWN", " event track 1 state down",
             ' action 4.0 cli command "tunnel source Ethernet0/1"',
             "event manager applet WAN_FAILOVER_PRIMARY_UP", " event track 1 state up",
             ' action 4.0 cli command "tunnel source Ethernet0/0"']
    assert show_running(_taken(lines), section="event manager").splitlines() == lines
    tree = ConfigTree()
    assert apply_lines(tree, ["event manager applet A", " event manager-x 1"]) != []


def test_icmpv6_message_types_and_time_ranges() -> None:
    # IPv6 CR, "permit icmp (IPv6)" ('nd-ns', 'nd-na', 'router-advertisement'); Security CR,
    # "time-range" / "periodic" and an entry's 'time-range' option.
    tree = _taken(["ipv6 access-list V6", " permit icmp any any nd-ns",
                   " permit icmp any any nd-na", " permit icmp any any router-advertisement",
                   "time-range WORK", " periodic weekdays 8:00 to 18:00",
                   "ip access-list extended ACL", " permit ip any any time-range WORK"])
    shown = show_running(tree)
    assert " permit icmp any any nd-ns\n" in shown
    assert "time-range WORK\n periodic weekdays 8:00 to 18:00\n" in shown


def test_crypto_engine_mode_and_accelerator() -> None:
    # Security CR ("crypto engine mode vrf", "crypto engine accelerator": an ISR's hardware
    # accelerator switched off shows 'no crypto engine accelerator').
    tree = _taken(["no crypto engine accelerator", "crypto engine mode vrf"])
    shown = show_running(tree)
    assert "no crypto engine accelerator\n" in shown
    assert "crypto engine mode vrf\n" in shown


def test_local_lockout_ca_server_rollover_grant_and_certificate_storage() -> None:
    # Security CR ("aaa local authentication attempts max-fail"); PKI Configuration Guide
    # ("grant auto rollover ra-cert", "crypto pki certificate storage"). The model leaves the
    # storage location alone.
    lines = ["aaa new-model", "aaa local authentication attempts max-fail 5",
             "crypto pki certificate storage flash:/certs", "crypto pki server CA",
             " grant auto rollover ra-cert", " lifetime certificate 365"]
    _taken(lines)
    assert RouterConfig.from_text("\n".join(lines)).unread == ()
