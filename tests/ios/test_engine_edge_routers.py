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


def test_tacacs_plus_server_group_is_a_group_mode() -> None:
    # Security Command Reference, "aaa group server tacacs+": the keyword ends in '+', which the
    # grammar's notation also uses to repeat a group.
    tree = _tree(["aaa new-model", "aaa group server tacacs+ TAC", " server name ISE1",
                  " ip vrf forwarding Mgmt-intf", " ip tacacs source-interface GigabitEthernet0",
                  "aaa authentication login default group TAC local"])
    assert show_running(tree, section="aaa group").splitlines() == [
        "aaa group server tacacs+ TAC", " server name ISE1", " ip vrf forwarding Mgmt-intf",
        " ip tacacs source-interface GigabitEthernet0"]


def test_netflow_v5_export_and_bridging_of_a_15_0_router() -> None:
    # gh-jclarkson-l2bvi-netflow/r2.cfg (IOS 15.0 on a 7200).
    tree = _tree(["version 15.0", "bridge 1 route ip", "bridge 1 protocol ieee",
                  "control-plane", "ip flow-export destination 100.64.1.2 9991",
                  "ip flow-export version 5", "ip flow-export source Tunnel0",
                  "ip flow-capture vlan-id", "ip flow-egress input-interface",
                  "no ip http server", "no cdp advertise-v2", "bridge irb", "ip tcp synwait-time 5",
                  "interface BVI1", " ip flow egress", " ip flow ingress"])
    assert _body(tree) == [
        "version 15.0", "ip tcp synwait-time 5", "bridge irb", "interface BVI1",
        " no ip address", " ip flow ingress", " ip flow egress", "no ip http server",
        "ip flow-export destination 100.64.1.2 9991", "ip flow-export version 5",
        "ip flow-export source Tunnel0", "ip flow-capture vlan-id",
        "ip flow-egress input-interface", "no cdp advertise-v2", "control-plane",
        "bridge 1 route ip", "bridge 1 protocol ieee", "end"]


def test_top_talkers_cbac_and_password_security_are_taken() -> None:
    # NetFlow Command Reference ("ip flow-top-talkers", "ip flow-cache timeout"); Security
    # Command Reference ("ip inspect name", "security passwords min-length", "security
    # authentication failure rate"); a new protocol of an inspect rule is an entry of its own.
    tree = _tree(["ip flow-top-talkers", " top 10", " sort-by bytes",
                  "ip flow-cache timeout active 1", "ip inspect name FW tcp",
                  "ip inspect name FW udp",
                  "ip inspect name FW tcp alert on", "security passwords min-length 8",
                  "security authentication failure rate 10 log"])
    shown = _body(tree)
    for line in ("ip flow-top-talkers", " top 10", " sort-by bytes",
                 "ip flow-cache timeout active 1",
                 "ip inspect name FW tcp alert on", "ip inspect name FW udp",
                 "security passwords min-length 8",
                 "security authentication failure rate 10 log"):
        assert line in shown
    assert "ip inspect name FW tcp" not in shown


def test_kron_runs_an_applet_and_vty_authorization_precedes_login() -> None:
    # gh-jclarkson-ansible-iosv-kron/r1.cfg (IOSv 15.6): 'ethernet lmi ce' after 'aaa
    # session-id', 'domain lab' after multilink, kron between 'ip ssh' and control-plane.
    tree = _tree(["version 15.6", "control-plane", "kron policy-list crypto_key",
                  " cli event manager run crypto_key", "kron occurrence crypto_key in 1 oneshot",
                  " policy-list crypto_key", "ip ssh version 2", "domain lab",
                  "multilink bundle-name authenticated", "ethernet lmi ce", "aaa new-model",
                  "aaa session-id common", "line vty 0 4", " login authentication sshvty",
                  " authorization exec sshexc"])
    assert _body(tree) == [
        "version 15.6", "aaa new-model", "aaa session-id common", "ethernet lmi ce",
        "multilink bundle-name authenticated", "domain lab", "ip ssh version 2",
        "kron policy-list crypto_key", " cli event manager run crypto_key",
        "kron occurrence crypto_key in 1 oneshot", " policy-list crypto_key", "control-plane",
        "line vty 0 4", " authorization exec sshexc", " login authentication sshvty", "end"]


def test_nat64_ripng_and_an_ipv6_only_subinterface() -> None:
    # gh-jclarkson-csr-nat64-ripng/nat64-r2.cfg (IOS XE 3.x): no 'no ip address' on the
    # IPv6-only subinterface, 'nat64 enable' before its IPv6 address, RIPng after it; the
    # NAT64 mappings after the lines.
    tree = _tree(["version 15.5", "nat64 v6v4 static 2001::A00:A 10.0.0.10",
                  "nat64 prefix stateful 3001::/96", "line vty 0 4", "ipv6 router rip RIP",
                  "interface GigabitEthernet1.12", " ipv6 rip RIP enable",
                  " ipv6 address 2001::A00:B/128", " nat64 enable", " encapsulation dot1Q 12",
                  "interface Loopback0", " ipv6 address BB10::1/128"])
    assert _body(tree) == [
        "version 15.5", "interface Loopback0", " no ip address", " ipv6 address BB10::1/128",
        "interface GigabitEthernet1.12", " encapsulation dot1Q 12", " nat64 enable",
        " ipv6 address 2001::A00:B/128", " ipv6 rip RIP enable", "ipv6 router rip RIP",
        "line vty 0 4", "nat64 v6v4 static 2001::A00:A 10.0.0.10",
        "nat64 prefix stateful 3001::/96", "end"]


def test_more_edge_lines_by_their_command_references() -> None:
    # Interface and Hardware Component CR ("hw-module"), Carrier Ethernet CR ("lacp
    # system-priority"), IP Multicast CR ("ip igmp join-group ... source"), BGP CR ("bgp
    # default ipv6-nexthop").
    tree = _tree(["hw-module pvdm 0/0", "lacp system-priority 123",
                  "interface GigabitEthernet0/1",
                  " ip igmp join-group 232.1.1.1 source 10.10.10.10",
                  "router bgp 65000", " no bgp default ipv6-nexthop"])
    shown = _body(tree)
    for line in ("hw-module pvdm 0/0", "lacp system-priority 123",
                 " ip igmp join-group 232.1.1.1 source 10.10.10.10",
                 " no bgp default ipv6-nexthop"):
        assert line in shown


def test_ios_15_0_hides_the_tunnel_mode_of_a_transform_set() -> None:
    # gh-jclarkson-getvpn-key-server/us-ks1.cfg (IOS 15.0): 'crypto ipsec transform-set
    # AES256/SHA esp-aes 256 esp-sha-hmac' without ' mode tunnel'; IOS 15.2 on prints it.
    lines = ["crypto ipsec transform-set AES256/SHA esp-aes 256 esp-sha-hmac"]
    old = show_running(_tree(["version 15.0", *lines]), section="transform-set")
    new = show_running(_tree(["version 15.2", *lines]), section="transform-set")
    assert old.splitlines() == ["crypto ipsec transform-set AES256/SHA esp-aes 256 esp-sha-hmac"]
    assert new.splitlines() == ["crypto ipsec transform-set AES256/SHA esp-aes 256 esp-sha-hmac",
                                " mode tunnel"]
