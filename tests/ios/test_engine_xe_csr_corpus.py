"""Config mode and show running-config for the classes the CSR1000v IOS-XE 16.6/17.3 corpus
sources of session 26 brought in (an MPLS/VPLS backbone, netlab collect outputs).

Every line is typed by hand from the corpus file named in the test
(tests/fixtures/real/<source>/<host>.cfg); every expected text is written by hand.
"""

from __future__ import annotations

from flexorch.ios.config import ConfigSession, ConfigTree, apply_lines
from tests.ios.test_engine_families import _body, _tree


def _lines(tree: ConfigTree) -> list[str]:
    """The shown config's lines without the ``!`` separators."""
    return [line for line in _body(tree).splitlines() if line.strip() != "!"]


# --- Ethernet flow points and manual VPLS -------------------------------------------------------

def test_a_service_instance_opens_its_mode_and_keeps_dot1q_lower_case() -> None:
    # gh-anggrdwjy-csr173-mpls-backbone/11-ce.cfg (CSR1000v 17.3), interface GigabitEthernet2
    session = ConfigSession(ConfigTree())
    for line in ("version 17.3", "interface GigabitEthernet2", " no ip address",
                 " service instance 111 ethernet"):
        assert session.feed(line).ok, line
    assert session.mode == "config-if-srv"
    for line in ("  description WAN-111", "  encapsulation dot1q 111",
                 "  rewrite ingress tag pop 1 symmetric", "  bridge-domain 111",
                 " service instance 444 ethernet", "  description VPLS 444 TEST",
                 "  encapsulation dot1q 444", "  rewrite ingress tag pop 1 symmetric",
                 "  bridge-domain 444"):
        assert session.feed(line).ok, line
    assert ("interface GigabitEthernet2\n no ip address\n"
            " service instance 111 ethernet\n  description WAN-111\n  encapsulation dot1q 111\n"
            "  rewrite ingress tag pop 1 symmetric\n  bridge-domain 111\n !\n"
            " service instance 444 ethernet\n  description VPLS 444 TEST\n"
            "  encapsulation dot1q 444\n  rewrite ingress tag pop 1 symmetric\n"
            "  bridge-domain 444\n !\n!\n") in _body(session.tree)


def test_a_service_instance_description_is_not_the_interface_description() -> None:
    # 11-ce.cfg: "description Trunk to 1-SWI" on the port, "description WAN-666" on its EFP
    tree = _tree(["interface GigabitEthernet2", " description Trunk to 1-SWI", " mtu 1900",
                  " service instance 666 ethernet", "  description WAN-666",
                  "  encapsulation dot1q 666"])
    lines = _lines(tree)
    assert " description Trunk to 1-SWI" in lines
    assert "  description WAN-666" in lines
    assert " encapsulation dot1Q 666" not in lines


def test_a_manual_vfi_opens_its_mode_before_the_interfaces() -> None:
    # gh-anggrdwjy-csr173-mpls-backbone/21-ce.cfg: redundancy, l2 vfi ..., interface Loopback0
    tree = _tree(["version 17.3", "interface Loopback0", " ip address 21.21.21.21 255.255.255.255",
                  "l2 vfi VFI-444 manual", " vpn id 444", " bridge-domain 444", " mtu 1900",
                  " neighbor 11.11.11.11 encapsulation mpls", "redundancy"])
    lines = _lines(tree)
    vfi = lines.index("l2 vfi VFI-444 manual")
    assert lines[vfi:vfi + 5] == ["l2 vfi VFI-444 manual", " vpn id 444", " bridge-domain 444",
                                  " mtu 1900", " neighbor 11.11.11.11 encapsulation mpls"]
    assert lines.index("redundancy") < vfi < lines.index("interface Loopback0")


# --- BGP address-family settings ---------------------------------------------------------------

def test_dmzlink_bw_and_slow_peer_detection_are_address_family_settings() -> None:
    # gh-ipspace-netlab-bgp-dmz-bw-csr166/e1.cfg (16.6); gh-anggrdwjy-csr173-mpls-backbone/
    # 4-rr.cfg (17.3)
    assert apply_lines(ConfigTree(), [
        "router bgp 65000", " neighbor 10.1.0.10 remote-as 65100", " address-family ipv4",
        "  bgp dmzlink-bw", "  neighbor 10.1.0.10 activate", "  neighbor 10.1.0.10 dmzlink-bw",
        " exit-address-family", " address-family vpnv4", "  bgp slow-peer detection",
    ]) == []
    tree = _tree(["router bgp 65000", " address-family vpnv4", "  bgp slow-peer detection",
                  "  bgp slow-peer detection threshold 300"])
    assert _lines(tree).count("  bgp slow-peer detection threshold 300") == 1
    assert "  bgp slow-peer detection" not in _lines(tree)


# --- MPLS LDP globals ---------------------------------------------------------------------------

def test_no_mpls_ldp_advertise_labels_is_shown_beside_its_for_acl_line() -> None:
    # gh-anggrdwjy-csr173-mpls-backbone/1-p.cfg (CSR1000v 17.3), in the order it prints them:
    # subscriber templating, the LDP globals, multilink
    tree = _tree(["version 17.3", "multilink bundle-name authenticated",
                  "subscriber templating", "mpls label protocol ldp",
                  "mpls ldp neighbor 10.10.10.10 password 7 121B040417090D0826",
                  "mpls ldp graceful-restart", "no mpls ldp advertise-labels",
                  "mpls ldp advertise-labels for ACL-MPLS-LDP"])
    lines = _lines(tree)
    start = lines.index("subscriber templating")
    assert lines[start:start + 7] == [
        "subscriber templating", "mpls label protocol ldp",
        "mpls ldp neighbor 10.10.10.10 password 7 121B040417090D0826",
        "mpls ldp graceful-restart", "no mpls ldp advertise-labels",
        "mpls ldp advertise-labels for ACL-MPLS-LDP", "multilink bundle-name authenticated"]
    assert apply_lines(tree, ["mpls ldp advertise-labels"]) == []
    assert "no mpls ldp advertise-labels" not in _lines(tree)
    assert "mpls ldp advertise-labels for ACL-MPLS-LDP" in _lines(tree)


# --- CDP per interface by platform -------------------------------------------------------------

def test_cdp_enable_is_shown_on_csr_ports_after_the_link_settings() -> None:
    # gh-anggrdwjy-csr173-mpls-backbone/1-p.cfg: load-interval 30, negotiation auto, cdp enable,
    # mpls ip (CDP is off by default on a CSR1000v / C8000V)
    tree = _tree(["version 17.3", "interface GigabitEthernet1", " mpls ip", " cdp enable",
                  " negotiation auto", " load-interval 30",
                  " ip address 172.0.0.1 255.255.255.252"])
    lines = _lines(tree)
    start = lines.index("interface GigabitEthernet1")
    assert lines[start:start + 6] == [
        "interface GigabitEthernet1", " ip address 172.0.0.1 255.255.255.252",
        " load-interval 30", " negotiation auto", " cdp enable", " mpls ip"]
    assert apply_lines(tree, ["interface GigabitEthernet1", " no cdp enable"]) == []
    assert " cdp enable" not in _lines(tree) and " no cdp enable" not in _lines(tree)


def test_cdp_stays_on_by_default_on_iol_ports() -> None:
    # gh-verttte-otus-lab14-gre-dmvpn-pki/r28.cfg (IOL 15.4): " no cdp enable" on Ethernet0/2.2
    tree = _tree(["version 15.4", "interface Ethernet0/2.2", " encapsulation dot1Q 2",
                  " no cdp enable", "interface Ethernet0/3", " cdp enable"])
    lines = _lines(tree)
    assert " no cdp enable" in lines and " cdp enable" not in lines


# --- Top-level order by train -------------------------------------------------------------------

def test_csr_17_3_prints_ip_host_then_ip_domain_then_the_dhcp_server() -> None:
    # gh-ipspace-netlab-dhcp-vrf-relay-csr173/srv.cfg (CSR1000v 17.3)
    tree = _tree(["version 17.3", "ip dhcp pool p_172.16.0.0", " network 172.16.0.0 255.255.255.0",
                  "ip dhcp excluded-address vrf client 172.16.0.2", "ip domain name lab.local",
                  "no ip domain lookup", "ip host user 10.0.0.3 172.16.0.3"])
    lines = _lines(tree)
    host = lines.index("ip host user 10.0.0.3 172.16.0.3")
    assert host < lines.index("no ip domain lookup") < lines.index("ip domain name lab.local") \
        < lines.index("ip dhcp excluded-address vrf client 172.16.0.2") \
        < lines.index("ip dhcp pool p_172.16.0.0")


def test_iol_xe_17_12_prints_the_dhcp_server_first_and_ip_domain_last() -> None:
    # gh-ciscodevnet-cml-ccna-nat-iol1712/edge.cfg: ip dhcp ..., ip host, ip name-server,
    # ip domain name
    tree = _tree(["version 17.12", "ip domain name example.com", "ip name-server 192.168.255.1",
                  "ip host www_server 209.165.201.10",
                  "ip dhcp excluded-address 192.168.10.1 192.168.10.5"])
    lines = _lines(tree)
    assert lines.index("ip dhcp excluded-address 192.168.10.1 192.168.10.5") \
        < lines.index("ip host www_server 209.165.201.10") \
        < lines.index("ip name-server 192.168.255.1") < lines.index("ip domain name example.com")


def test_ios_15_prints_ip_domain_before_ip_host() -> None:
    # gh-testoffsurf-hw13-gre-ipsec-pki/r15.cfg (IOS 15.4): no ip domain lookup, ip host R14 ...
    tree = _tree(["version 15.4", "ip host R14 1.1.1.14", "no ip domain lookup"])
    lines = _lines(tree)
    assert lines.index("no ip domain lookup") < lines.index("ip host R14 1.1.1.14")


def test_17_3_still_prints_enable_after_the_boot_markers() -> None:
    # gh-anggrdwjy-csr173-mpls-backbone/10-pe.cfg: boot-end-marker, enable secret 9 ..., no aaa
    # new-model; IOS-XE 26.2 prints it before username (gh-juliogomez-iosxe26-pqc-svti/r3.cfg)
    secret = "enable secret 9 $9$62E0/Lz5zM4vPU$lTdp80JjnicCWxCrnm14QLLoKSdwrS82Wz8.rdo8VJg"
    user = ("username root privilege 15 secret 9 "
            "$9$QUF/t.xDAPkS/U$AtWub9pFUUafWM/hq7U1CPj1cAJn0xTSy.EYSROTXVA")
    typed = [user, secret, "no aaa new-model", "boot-start-marker", "boot-end-marker"]
    old = _lines(_tree(["version 17.3", *typed]))
    assert old.index("boot-end-marker") < old.index(secret) < old.index("no aaa new-model")
    new = _lines(_tree(["version 26.2", *typed]))
    assert new.index("no aaa new-model") < new.index(secret) < new.index(user)


def test_interface_lldp_lines_come_before_mop() -> None:
    # gh-ipspace-netlab-bgp-dmz-bw-csr166/e1.cfg (16.6): negotiation auto, no lldp transmit,
    # no lldp receive, no mop enabled, no mop sysid
    tree = _tree(["version 16.6", "interface GigabitEthernet1", " no mop sysid", " no mop enabled",
                  " no lldp receive", " no lldp transmit", " negotiation auto",
                  " ip address dhcp"])
    lines = _lines(tree)
    start = lines.index("interface GigabitEthernet1")
    assert lines[start:start + 7] == [
        "interface GigabitEthernet1", " ip address dhcp", " negotiation auto",
        " no lldp transmit", " no lldp receive", " no mop enabled", " no mop sysid"]


# --- Catalyst 8000V on 17.12 (DevNet always-on sandbox) ---------------------------------------

def test_a_bare_pae_line_and_vtp_sit_where_17_12_prints_them() -> None:
    # gh-automateyournetwork-devnet-c8kv1712-sandbox-brief/cat8000v.cfg: subscriber templating,
    # vtp version 1, multilink bundle-name authenticated, key chain ..., pae, crypto pki trustpoint
    tree = _tree(["version 17.12", "crypto pki trustpoint SLA-TrustPoint", " enrollment pkcs12",
                  "pae", "key chain CISCO_EIGRP", " key 2", "  key-string TEST125",
                  "multilink bundle-name authenticated", "subscriber templating", "vtp version 1"])
    lines = _lines(tree)
    assert lines.index("subscriber templating") < lines.index("vtp version 1") \
        < lines.index("multilink bundle-name authenticated") \
        < lines.index("key chain CISCO_EIGRP") < lines.index("pae") \
        < lines.index("crypto pki trustpoint SLA-TrustPoint")


def test_17_12_prints_diagnostic_after_memory_free() -> None:
    # gh-automateyournetwork-devnet-c8kv1712-sandbox/cat8000v.cfg: license udi, memory free
    # low-watermark processor 63709, diagnostic bootup level minimal; 17.3 the other way round
    # (gh-anggrdwjy-csr173-mpls-backbone/10-pe.cfg)
    typed = ["diagnostic bootup level minimal", "memory free low-watermark processor 63709"]
    new = _lines(_tree(["version 17.12", *typed]))
    assert new.index("memory free low-watermark processor 63709") \
        < new.index("diagnostic bootup level minimal")
    old = _lines(_tree(["version 17.3", *typed]))
    assert old.index("diagnostic bootup level minimal") \
        < old.index("memory free low-watermark processor 63709")


def test_17_12_prints_vrf_multicast_routing_before_ip_domain_and_pim_before_ip_http() -> None:
    # gh-automateyournetwork-devnet-c8kv1712-sandbox-brief/cat8000v.cfg: ip vrf actor, ip
    # multicast-routing vrf actor distributed, no ip domain lookup ... ip forward-protocol nd,
    # ip pim bidir-enable, ip pim rp-address 12.1.1.1, no ip http server
    tree = _tree(["version 17.12", "no ip http server", "ip pim rp-address 12.1.1.1",
                  "ip pim bidir-enable", "no ip domain lookup", "ip vrf actor",
                  "ip multicast-routing vrf actor distributed"])
    lines = _lines(tree)
    assert lines.index("ip vrf actor") < lines.index("ip multicast-routing vrf actor distributed") \
        < lines.index("no ip domain lookup")
    assert lines.index("ip pim bidir-enable") < lines.index("no ip http server")
    assert lines.index("ip pim rp-address 12.1.1.1") < lines.index("no ip http server")


def test_17_12_prints_static_routes_before_nat_and_17_3_after() -> None:
    # gh-automateyournetwork-devnet-c8kv1712-sandbox/cat8000v.cfg (17.12): ip route ..., ip nat
    # inside source list NAT-ACL interface GigabitEthernet1 overload, ip ssh bulk-mode 131072;
    # gh-fabferri-azure-csr173-rs-routingcontrol/sea-cust33-csr1.cfg (17.3): ip nat, ip route
    nat = "ip nat inside source list NAT-ACL interface GigabitEthernet1 overload"
    route = "ip route 0.0.0.0 0.0.0.0 GigabitEthernet1 10.10.20.254"
    typed = ["ip ssh bulk-mode 131072", nat, route]
    new = _lines(_tree(["version 17.12", *typed]))
    assert new.index(route) < new.index(nat) < new.index("ip ssh bulk-mode 131072")
    old = _lines(_tree(["version 17.3", *typed]))
    assert old.index(nat) < old.index(route)


# --- DevNet CSR1000v sandboxes of 2021 (16.9 and 17.3) -----------------------------------------

def test_16_9_prints_netconf_and_restconf_before_the_usernames_and_16_12_last() -> None:
    # gh-vivek31-devnet-csr-sandboxes/csr1000v.cfg (16.9): spanning-tree extend system-id,
    # netconf-yang, restconf, username ...; gh-scrapli-cfg-csr1612-vrnetlab (16.12): last
    typed = ["restconf", "netconf-yang", "line vty 0 4", " login local",
             "username cisco privilege 15 secret 5 $1$aO1Y$0AFVz00ON.hE4WkY.BeYq.",
             "spanning-tree extend system-id"]
    old = _lines(_tree(["version 16.9", *typed]))
    user = "username cisco privilege 15 secret 5 $1$aO1Y$0AFVz00ON.hE4WkY.BeYq."
    assert old.index("spanning-tree extend system-id") < old.index("netconf-yang") \
        < old.index(user)
    assert old.index("restconf") < old.index(user)
    new = _lines(_tree(["version 16.12", *typed]))
    assert new.index("line vty 0 4") < new.index("netconf-yang")


def test_vrrp_follows_the_link_settings() -> None:
    # gh-vivek31-devnet-csr-sandboxes/csr1000v-1.cfg (17.3): shutdown, negotiation auto, vrrp 2 ip
    # 10.10.40.1, no mop enabled
    tree = _tree(["version 17.3", "interface GigabitEthernet3", " no mop enabled",
                  " vrrp 2 ip 10.10.40.1", " negotiation auto", " shutdown",
                  " ip address 10.10.40.2 255.255.255.0", " description Network Interface"])
    lines = _lines(tree)
    start = lines.index("interface GigabitEthernet3")
    assert lines[start:start + 7] == [
        "interface GigabitEthernet3", " description Network Interface",
        " ip address 10.10.40.2 255.255.255.0", " shutdown", " negotiation auto",
        " vrrp 2 ip 10.10.40.1", " no mop enabled"]


# --- ISR4000 on IOS XE 16.9 -------------------------------------------------------------------

def test_an_empty_nim_serial_port_prints_no_no_ip_address() -> None:
    # gh-pryorb8357-cnit381-isr4331-169/r1.cfg (ISR4331, 16.9): interface Serial0/1/0, then !;
    # an empty loopback still prints it (gh-automateyournetwork-devnet-c8kv1712-sandbox:
    # interface Loopback10 / no ip address)
    tree = _tree(["version 16.9", "interface Serial0/1/0", "interface Serial0/1/1",
                  " ip address 192.168.1.2 255.255.255.0", "interface Loopback10"])
    assert "interface Serial0/1/0\n!\ninterface Serial0/1/1\n ip address 192.168.1.2 " \
        "255.255.255.0\n!" in _body(tree)
    assert "interface Loopback10\n no ip address\n" in _body(tree)


def test_16_9_prints_ip_tftp_after_ip_http_and_26_2_before() -> None:
    # gh-pryorb8357-cnit381-isr4331-169/r1.cfg (16.9): ip http server, ip http authentication
    # local, ip http secure-server, ip tftp source-interface GigabitEthernet0;
    # gh-juliogomez-iosxe26-pqc-svti/r1.cfg (26.2): ip tftp source-interface, ..., no ip http server
    typed = ["ip tftp source-interface GigabitEthernet0", "ip http server"]
    old = _lines(_tree(["version 16.9", *typed]))
    assert old.index("ip http server") < old.index("ip tftp source-interface GigabitEthernet0")
    new = _lines(_tree(["version 26.2", *typed]))
    assert new.index("ip tftp source-interface GigabitEthernet0") < new.index("ip http server")


def test_an_isr4000_management_port_keeps_cdp_on_by_default() -> None:
    # GigabitEthernet0 is an ISR4000's management port (flexorch.ios.facts.platform.HARDWARE,
    # the ISR4331s of gh-pryorb8357-cnit381-isr4331-169), not a CSR1000v/C8000V data port: only
    # those are CDP-off by default, so its ``no cdp enable`` is a setting IOS shows.
    tree = _tree(["version 16.9", "interface GigabitEthernet0", " no cdp enable",
                  "interface GigabitEthernet0/0/0", " no cdp enable"])
    lines = _lines(tree)
    assert lines.count(" no cdp enable") == 2 and " cdp enable" not in lines
