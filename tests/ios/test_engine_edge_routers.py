"""Config mode and show running-config for what edge routers carry around their crypto: SSH
public-key chains, a zone-based firewall's zones, EIGRP IPv6 route filters, the 7200's FPD and
gatekeeper lines, IOS-XE 16.9's licensing and access-list forms, BGP monitoring and BGP-LS.

Every expected text is written by hand from the corpus config named in the test
(tests/fixtures/real) or the Cisco document named beside the grammar row.
"""

from __future__ import annotations

from flexorch.ios.config import apply_lines, show_running
from flexorch.ios.config.tree import ConfigTree


def _tree(lines: list[str]) -> ConfigTree:
    tree = ConfigTree()
    assert apply_lines(tree, lines) == []
    return tree


def _body(tree: ConfigTree) -> list[str]:
    return [line for line in show_running(tree).split(" bytes\n", 1)[1].splitlines()
            if line.strip() != "!"]


def test_ssh_public_key_chain_is_a_mode_with_users_and_key_hashes() -> None:
    # gh-sirmysterion-techpatix-zbf-6in4 (IOS 15.4): the users' keys two and three blanks deep.
    tree = _tree(["version 15.4", "ip ssh version 2", "ip ssh pubkey-chain", " username thomas",
                  "  key-hash ssh-rsa 0123456789ABCDEF0123456789ABCDEF thomas@host",
                  " username ops"])
    assert show_running(tree, section="ip ssh").splitlines() == [
        "ip ssh version 2", "ip ssh pubkey-chain", "  username thomas",
        "   key-hash ssh-rsa 0123456789ABCDEF0123456789ABCDEF thomas@host", "  username ops"]


def test_eigrp_ipv6_topology_filters_one_list_per_interface() -> None:
    # gh-sirmysterion-techpatix-zbf-6in4: 'distribute-list prefix-list HQ-LAN out Tunnel0' in a
    # named mode's IPv6 topology; a second interface's list is a setting of its own.
    tree = _tree(["router eigrp techpatix", " address-family ipv6 unicast autonomous-system 1",
                  "  topology base", "   distribute-list prefix-list HQ-LAN out Tunnel0",
                  "   distribute-list prefix-list BR-LAN out Tunnel1",
                  "   distribute-list prefix-list HQ-LAN2 out Tunnel0"])
    assert [line.strip() for line in _body(tree) if "distribute-list" in line] == [
        "distribute-list prefix-list HQ-LAN2 out Tunnel0",
        "distribute-list prefix-list BR-LAN out Tunnel1"]


def test_zone_member_follows_nat_and_reassembly_and_precedes_the_link() -> None:
    # gh-sirmysterion-techpatix-zbf-6in4/hq-edge.cfg, GigabitEthernet0/1 (IOS 15.4).
    tree = _tree(["version 15.4", "zone security INSIDE", "interface GigabitEthernet0/1",
                  " duplex full", " zone-member security INSIDE", " ip virtual-reassembly in",
                  " ip nat inside", " ip address 172.16.100.1 255.255.255.252"])
    assert show_running(tree, section="interface").splitlines() == [
        "interface GigabitEthernet0/1", " ip address 172.16.100.1 255.255.255.252",
        " ip nat inside", " ip virtual-reassembly in", " zone-member security INSIDE",
        " duplex full"]


def test_snmp_server_precedes_numbered_access_lists_up_to_15_4() -> None:
    lines = ["access-list 10 permit 172.16.120.0 0.0.0.255", "snmp-server community c0mm RO",
             "ipv6 prefix-list HQ-LAN seq 5 permit 2001:470:3857::/48"]
    # gh-sirmysterion-techpatix-zbf-6in4 (IOS 15.4): ipv6 prefix-list, snmp-server, access-list.
    assert [line.split()[0] for line in _body(_tree(["version 15.4", *lines]))[-4:-1]] == [
        "ipv6", "snmp-server", "access-list"]
    # Later trains keep the lab's order (snmp-server after the access lists).
    assert [line.split()[0] for line in _body(_tree(lines))[-4:-1]] == [
        "ipv6", "access-list", "snmp-server"]


def test_a_7200_on_15_0_prints_fpd_source_route_cef_domain_and_gatekeeper() -> None:
    # gh-jclarkson-dmvpn-ikev1-behind-nat/hq.cfg: 'upgrade fpd auto' above 'version 15.0',
    # 'ip source-route' / 'no ip icmp rate-limit unreachable' / 'ip cef' / 'no ip domain lookup',
    # and 'gatekeeper' / ' shutdown' between control-plane and the lines.
    tree = _tree(["version 15.0", "line con 0", "gatekeeper", " shutdown", "no ip domain lookup",
                  "ip cef", "no ip icmp rate-limit unreachable", "ip source-route",
                  "upgrade fpd auto", "control-plane"])
    assert _body(tree) == [
        "upgrade fpd auto", "version 15.0", "ip source-route", "no ip icmp rate-limit unreachable",
        "ip cef", "no ip domain lookup", "control-plane", "gatekeeper", " shutdown",
        "line con 0", "end"]


def test_ios_xe_16_9_licensing_acl_form_and_ipv6_routing_position() -> None:
    # gh-jclarkson-ansible-csr-backup and -bmp-bgpls (a 16.9 CSR1000v): 'no license smart
    # enable' is shown, extended ACL entries carry no numbers, 'ipv6 unicast-routing' follows
    # 'subscriber templating'.
    tree = _tree(["version 16.9", "multilink bundle-name authenticated", "subscriber templating",
                  "ipv6 unicast-routing", "license udi pid CSR1000V sn 92UTESU9Z2W",
                  "no license smart enable", "ip access-list extended dhcp",
                  " permit udp any any eq bootps bootpc"])
    assert _body(tree) == [
        "version 16.9", "subscriber templating", "ipv6 unicast-routing",
        "multilink bundle-name authenticated", "license udi pid CSR1000V sn 92UTESU9Z2W",
        "no license smart enable", "ip access-list extended dhcp",
        " permit udp any any eq bootps bootpc", "end"]


def test_bgp_monitoring_servers_and_bgp_link_state() -> None:
    # gh-jclarkson-ansible-csr-bmp-bgpls/ios01.cfg (IOS XE 16.9).
    tree = _tree([
        "router ospf 1", " distribute link-state",
        "router bgp 1", " bmp server 1", "  address 100.64.1.20 port-number 5000",
        '  description "BMP Server - primary"', "  initial-delay 10", "  activate",
        " exit-bmp-server-mode", " bmp server 2", " exit-bmp-server-mode",
        " bmp buffer-size 100", " bmp initial-refresh delay 1",
        " neighbor FD00::2 remote-as 1", " neighbor FD00::2 bmp-activate all",
        " address-family link-state link-state", " exit-address-family"])
    assert show_running(tree, section="router").splitlines() == [
        "router ospf 1", " distribute link-state",
        "router bgp 1", " bmp server 1", "  address 100.64.1.20 port-number 5000",
        '  description "BMP Server - primary"', "  initial-delay 10", "  activate",
        " exit-bmp-server-mode", " !", " bmp server 2", " exit-bmp-server-mode", " !",
        " bmp buffer-size 100", " bmp initial-refresh delay 1",
        " neighbor FD00::2 remote-as 1", " neighbor FD00::2 bmp-activate all", " !",
        " address-family link-state link-state", " exit-address-family"]
