"""Config mode and show running-config for the command families of real routers (issue 16):
banners, certificate chains, ``no`` forms IOS shows, smart defaults switched off, legacy VRFs,
interface-level crypto, access lists per software train, numbered entries, routing protocols.

Every expected text is written by hand from the IOS behaviour named in the test (a Cisco
command reference or a config of tests/fixtures/real).
"""

from __future__ import annotations

from flexorch.ios.config import (
    ConfigSession,
    ConfigTree,
    apply_lines,
    normalized_text,
    show_running,
)
from flexorch.ios.facts import ERROR_INVALID


def _tree(lines: list[str]) -> ConfigTree:
    tree = ConfigTree()
    assert apply_lines(tree, lines) == []
    return tree


def _body(tree: ConfigTree) -> str:
    return show_running(tree).split(" bytes\n", 1)[1]


def _shown(tree: ConfigTree) -> list[str]:
    """The lines ``show running-config`` prints after its header, without ``!`` and ``end``."""
    return [line for line in _body(tree).splitlines() if line.strip() not in ("!", "end")]


def test_banner_typed_with_any_delimiter_is_shown_with_etx() -> None:
    session = ConfigSession(ConfigTree())
    first = session.feed("banner motd #")
    assert first.ok and first.message == "Enter TEXT message.  End with the character '#'."
    assert session.feed("Authorised access only").ok
    assert session.mode == "config"  # no prompt change while the text is read
    assert session.feed("Disconnect now#").ok
    assert session.feed("banner login ^CHello^C").ok
    assert show_running(session.tree, section="banner") == (
        "banner login ^CHello^C\n"
        "banner motd ^C\nAuthorised access only\nDisconnect now^C\n"
    )


def test_a_one_line_banner_keeps_the_blanks_inside_its_delimiters() -> None:
    # IOS 15.4 shows 'banner motd ^C unauthorized access prohibited ^C' as typed
    # (tests/fixtures/real/gh-pekep97-otus-lab14-gre-dmvpn-pki/r18.cfg).
    line = "banner motd ^C unauthorized access prohibited ^C"
    session = ConfigSession(ConfigTree())
    assert session.feed(line).ok
    assert show_running(session.tree, section="banner") == line + "\n"
    assert ConfigTree.from_text(line + "\n").roots[0].text == line


def test_banner_from_a_running_config_reads_back_the_same() -> None:
    text = "banner exec ^C\n**********\n* IOSv *\n**********^C\nline con 0\n"
    tree = ConfigTree()
    session = ConfigSession(tree)
    for line in text.splitlines():
        assert session.feed(line).ok, line
    shown = show_running(tree)
    assert "\nbanner exec ^C\n**********\n* IOSv *\n**********^C\n!\nline con 0\n" in shown
    assert ConfigTree.from_text(text).roots[0].children == tree.roots[0].children


CHAIN = [
    "crypto pki certificate chain CA",
    " certificate ca 01",
    "  30820334 3082021C A0030201 02020101",
    "  2b312930 27060355",
    "        quit",
    " certificate 04 nvram:CA#4.cer",
]


def test_certificate_chain_hex_blocks_end_with_quit() -> None:
    session = ConfigSession(ConfigTree())
    prompts = [session.feed(line).prompt for line in CHAIN]
    assert prompts[1:4] == ["Router(config-pubkey)#"] * 3
    assert prompts[4] == "Router(config-cert-chain)#"
    # IOS prints hex in upper case, ends the data with a tabbed quit, and a certificate kept in
    # NVRAM has neither (tests/fixtures/real: IOS 15.4 and 15.5 chains).
    assert show_running(session.tree, section="chain") == (
        "crypto pki certificate chain CA\n"
        " certificate ca 01\n"
        "  30820334 3082021C A0030201 02020101\n"
        "  2B312930 27060355\n"
        "  \tquit\n"
        " certificate 04 nvram:CA#4.cer\n"
    )


def test_certificate_entered_again_replaces_its_data() -> None:
    tree = _tree(CHAIN)
    assert apply_lines(tree, ["crypto pki certificate chain CA", " certificate ca 01",
                              "  ABCDEF01", "  quit"]) == []
    cert = tree.get("crypto pki certificate chain CA")
    assert cert is not None and [c.text for c in cert.children[0].children] == ["ABCDEF01"]


def test_no_form_of_a_default_on_feature_is_stored_and_shown() -> None:
    # CSR1000v interfaces show ``no mop enabled`` / ``no mop sysid`` after ``negotiation auto``;
    # IOL subinterfaces ``no cdp enable`` after ``ip policy`` (tests/fixtures/real,
    # gh-verttte-otus-lab14-gre-dmvpn-pki/r28.cfg: Ethernet0/2.30); a subinterface without an
    # IPv4 address shows no ``no ip address`` (gh-jclarkson-csr-nat64-ripng).
    tree = _tree(["interface GigabitEthernet1", " no mop sysid", " negotiation auto",
                  " no mop enabled", "interface Ethernet0/2.30", " no cdp enable",
                  " ip policy route-map PBR", " encapsulation dot1Q 30"])
    assert show_running(tree, section="interface").splitlines() == [
        "interface Ethernet0/2.30", " encapsulation dot1Q 30", " ip policy route-map PBR",
        " no cdp enable", "interface GigabitEthernet1", " no ip address", " negotiation auto",
        " no mop enabled", " no mop sysid"]
    assert apply_lines(tree, ["interface Ethernet0/2.30", " cdp enable",
                              "interface Tunnel1", " no ip split-horizon eigrp 100"]) == []
    shown = show_running(tree)
    assert " cdp enable" not in shown  # back to the default: not shown
    assert "interface Tunnel1\n no ip address\n no ip split-horizon eigrp 100\n" in shown


def test_both_forms_shown_replace_each_other() -> None:
    tree = _tree(["no service pad", "router ospf 1", " passive-interface default",
                  " no passive-interface GigabitEthernet1"])
    assert show_running(tree, section="service|router").splitlines() == [
        "no service pad", "router ospf 1", " passive-interface default",
        " no passive-interface GigabitEthernet1"]
    assert apply_lines(tree, ["service pad", "router ospf 1",
                              " passive-interface GigabitEthernet1"]) == []
    assert show_running(tree, section="service|router").splitlines() == [
        "service pad", "router ospf 1", " passive-interface default",
        " passive-interface GigabitEthernet1"]


def test_smart_defaults_switched_off_are_shown() -> None:
    # FlexVPN configuration guide, "IKEv2 Smart Defaults"; an IOS 15.2 running config shows
    # ``no crypto ipsec transform-set default`` (tests/fixtures/real/gh-jclarkson-*).
    tree = _tree(["no crypto ikev2 proposal default", "no crypto ipsec transform-set default"])
    assert show_running(tree, section="default").splitlines() == [
        "no crypto ikev2 proposal default", "no crypto ipsec transform-set default"]
    assert apply_lines(tree, ["crypto ikev2 proposal default", " encryption aes-cbc-256"]) == []
    assert show_running(tree, section="proposal").splitlines() == [
        "crypto ikev2 proposal default", " encryption aes-cbc-256"]


def test_legacy_ip_vrf_and_no_vrf_named_forwarding() -> None:
    tree = _tree(["ip vrf ISP2", " rd 65000:2", "interface GigabitEthernet2",
                  " ip vrf forwarding ISP2", " ip address 192.0.2.1 255.255.255.0"])
    assert "interface GigabitEthernet2\n ip vrf forwarding ISP2\n ip address" in show_running(tree)
    session = ConfigSession(tree)
    refused = session.feed("ip vrf forwarding ISP2")
    assert refused.error is not None and refused.error.endswith(ERROR_INVALID)
    assert refused.error.splitlines()[0] == " " * len("Router(config)#ip vrf forwarding ") + "^"
    assert tree.get("ip vrf forwarding") is None


def test_interface_df_bit_stays_on_the_interface() -> None:
    tree = _tree(["crypto ipsec df-bit clear", "interface Tunnel1",
                  " crypto ipsec df-bit clear", " tunnel mode ipsec ipv4"])
    tunnel = tree.get("interface Tunnel1")
    assert tunnel is not None and "crypto ipsec df-bit clear" in [c.text for c in tunnel.children]
    assert tree.get("crypto ipsec df-bit clear") is not None


def test_column_0_line_inside_a_block_stays_in_the_block() -> None:
    # IOS reads by mode: a description pasted at column 0 belongs to the interface (a real IOS
    # 15.2 config: tests/fixtures/real/gh-jclarkson-ikev2-gre-site2site/site_a.cfg).
    text = ("interface Tunnel102\ndescription IKEV2-GRE\n ip address 10.2.1.1 255.255.255.0\n"
            " tunnel source 192.0.2.1\n!\nip route 0.0.0.0 0.0.0.0 192.0.2.254\n")
    read = ConfigTree.from_text(text)
    assert [n.text for n in read.roots] == ["interface Tunnel102",
                                            "ip route 0.0.0.0 0.0.0.0 192.0.2.254"]
    assert [c.text for c in read.roots[0].children] == [
        "description IKEV2-GRE", "ip address 10.2.1.1 255.255.255.0", "tunnel source 192.0.2.1"]
    typed = _tree(text.splitlines())
    tunnel = typed.get("interface Tunnel102")
    assert tunnel is not None and tunnel.children == read.roots[0].children


def test_a_stray_line_does_not_end_the_block() -> None:
    # A description written with a line break: its second line is no command; IOS rejects it
    # and stays in the interface, so the lines after it are still the interface's.
    text = ("interface GigabitEthernet1\n description first line\nsecond line\n"
            " ip address 192.0.2.1 255.255.255.0\n")
    read = ConfigTree.from_text(text)
    assert len(read.roots) == 1
    assert [c.text for c in read.roots[0].children] == [
        "description first line", "second line", "ip address 192.0.2.1 255.255.255.0"]


def test_an_address_family_printed_flat_holds_the_lines_up_to_its_exit() -> None:
    # IOS 15.0 on a 7200 prints a vrf definition's address family flat: route targets, mdt and
    # exit-address-family at the header's indentation (tests/fixtures/real/
    # gh-jclarkson-sp-pe-qos-mvpn-te/pe1.cfg). IOS config mode stays in the family until
    # exit-address-family: the route targets are the family's, not the VRF's.
    text = ("vrf definition USA\n rd 9000:500\n !\n address-family ipv4\n"
            " route-target export 9000:500\n route-target import 9000:300\n"
            " mdt default 232.232.232.232\n\n exit-address-family\n !\n address-family ipv6\n"
            " exit-address-family\n!\nip route 0.0.0.0 0.0.0.0 192.0.2.254\n")
    read = ConfigTree.from_text(text)
    assert [n.text for n in read.roots] == ["vrf definition USA",
                                            "ip route 0.0.0.0 0.0.0.0 192.0.2.254"]
    vrf = read.roots[0]
    assert [c.text for c in vrf.children] == [
        "rd 9000:500", "address-family ipv4", "exit-address-family", "address-family ipv6",
        "exit-address-family"]
    assert [c.text for c in vrf.children[1].children] == [
        "route-target export 9000:500", "route-target import 9000:300",
        "mdt default 232.232.232.232"]
    assert vrf.children[3].children == []
    # as the engine (IOS config mode) reads the lines typed one by one
    assert normalized_text(text) == normalized_text(show_running(_tree(text.splitlines())))


def test_vrf_level_route_targets_before_a_family_stay_the_vrfs() -> None:
    # The same lines printed the usual way (a family's lines one level deeper): route targets
    # at the VRF's level before an empty family are the VRF's; one flat run without
    # exit-address-family after it is not a family's either.
    text = ("vrf definition A\n rd 1:1\n route-target export 1:1\n address-family ipv4\n"
            "  route-target import 1:2\n exit-address-family\n"
            "vrf definition B\n rd 1:2\n address-family ipv4\n route-target export 1:3\n")
    read = ConfigTree.from_text(text)
    a, b = read.roots
    assert [c.text for c in a.children] == [
        "rd 1:1", "route-target export 1:1", "address-family ipv4", "exit-address-family"]
    assert [c.text for c in a.children[2].children] == ["route-target import 1:2"]
    assert [c.text for c in b.children] == [
        "rd 1:2", "address-family ipv4", "route-target export 1:3"]


def test_lines_printed_under_a_command_that_opens_no_mode_are_the_blocks() -> None:
    # IOS 15.0 prints a class's WRED lines one space deeper than its bandwidth
    # (tests/fixtures/real/gh-jclarkson-sp-pe-qos-mvpn-te/pe1.cfg): ``bandwidth`` opens no
    # mode, so IOS keeps them in the class.
    text = ("policy-map Q\n class C3\n    bandwidth percent 20\n"
            "     random-detect discard-class-based\n"
            "     random-detect discard-class 0 30 40 10\n class C2\n    bandwidth percent 15\n")
    read = ConfigTree.from_text(text)
    c3, c2 = read.roots[0].children
    assert [c.text for c in c3.children] == [
        "bandwidth percent 20", "random-detect discard-class-based",
        "random-detect discard-class 0 30 40 10"]
    assert all(not c.children for c in c3.children)
    assert [c.text for c in c2.children] == ["bandwidth percent 15"]
    typed = _tree(text.splitlines())
    assert _body(typed) == _body(read)


def test_exit_in_a_typed_config_leaves_one_sub_mode_and_is_not_stored() -> None:
    # A configuration as typed (tests/fixtures/real/gh-fabferri-csr-fqdn-gre-natt/csr1.cfg):
    # ``exit`` moves IOS config mode up one mode. Under a keyring peer written without its
    # indentation, it leaves the peer, so a second peer still belongs to the keyring.
    text = ("crypto ikev2 keyring K\n peer A\n address 192.0.2.1\n pre-shared-key a\n exit\n"
            " peer B\n address 192.0.2.2\n exit\n exit\nline vty 0 4\n  exec-timeout 3 50\n"
            "  exit\nip route 0.0.0.0 0.0.0.0 192.0.2.254\n")
    read = ConfigTree.from_text(text)
    assert [n.text for n in read.roots] == [
        "crypto ikev2 keyring K", "line vty 0 4", "ip route 0.0.0.0 0.0.0.0 192.0.2.254"]
    keyring = read.roots[0]
    assert [c.text for c in keyring.children] == ["peer A", "peer B"]
    assert [c.text for c in keyring.children[1].children] == ["address 192.0.2.2"]
    assert [c.text for c in read.roots[1].children] == ["exec-timeout 3 50"]
    typed = _tree(text.splitlines())
    assert _body(typed) == _body(read)


def test_trustsec_bindings_policy_and_sxp_of_an_sgt_tagging_router() -> None:
    # Cisco TrustSec Configuration Guide, IOS XE 17 (cts role-based sgt-map / permissions /
    # enforcement, ip access-list role-based, cts sxp, cts manual with policy static sgt):
    # the lines next to ``crypto ikev2 cts sgt`` on a router that tags SGTs over its tunnels.
    lines = ["cts role-based sgt-map 10.1.0.0/24 sgt 10",
             "cts role-based sgt-map 10.1.0.0/24 sgt 11",
             "cts role-based permissions from 10 to 20 DENY-WEB", "cts role-based enforcement",
             "cts sxp enable",
             "cts sxp connection peer 192.0.2.2 source 192.0.2.1 password default mode local"
             " speaker",
             "ip access-list role-based DENY-WEB", " deny tcp dst eq 80", " permit ip",
             "interface GigabitEthernet2", " cts manual", "  policy static sgt 10 trusted",
             "  no propagate sgt", " ip address 10.1.0.1 255.255.255.0"]
    body = _body(_tree(lines))
    # One binding per prefix: the second SGT replaces the first.
    assert "cts role-based sgt-map 10.1.0.0/24 sgt 11\n" in body
    assert "cts role-based sgt-map 10.1.0.0/24 sgt 10" not in body
    assert ("interface GigabitEthernet2\n ip address 10.1.0.1 255.255.255.0\n cts manual\n"
            "  policy static sgt 10 trusted\n  no propagate sgt\n") in body
    assert "ip access-list role-based DENY-WEB\n deny tcp dst eq 80\n permit ip\n" in body
    # ``propagate sgt`` is the default: typed, it is not shown.
    shown = _body(_tree(["interface GigabitEthernet2", " cts manual", "  propagate sgt"]))
    assert " cts manual\n!" in shown
    # SGT 1 is not assignable (2-65519): IOS refuses it.
    refused = ConfigSession(ConfigTree()).feed("cts role-based sgt-map 10.1.0.0/24 sgt 1")
    assert refused.error is not None and refused.error.endswith(ERROR_INVALID)


def test_bfd_template_on_a_tunnel() -> None:
    # IP Routing: BFD Configuration Guide, IOS XE 17: a single-hop template applied with ``bfd
    # template`` on the interface, as on DMVPN/FlexVPN tunnels. Real routers show the template's
    # ``echo`` (IOSv 15.9 and a CSR1000v on 17.3: tests/fixtures/real/gh-jakubkkk12-cml-mpls-te-
    # iosv, gh-jakubkkk12-cml-dmvpn05-csr17-bfd).
    lines = ["bfd-template single-hop BFD", " interval min-tx 500 min-rx 500 multiplier 3",
             " echo", "interface Tunnel1", " ip address 10.0.0.1 255.255.255.0",
             " bfd template BFD"]
    body = _body(_tree(lines))
    assert ("bfd-template single-hop BFD\n interval min-tx 500 min-rx 500 multiplier 3\n echo\n!"
            in body)
    assert " bfd template BFD\n" in body
    session = ConfigSession(ConfigTree())
    assert session.feed("bfd-template single-hop BFD").ok
    refused = session.feed(" interval min-tx 500 min-rx 500 multiplier 2")  # 3-50
    assert refused.error is not None and refused.error.endswith(ERROR_INVALID)


def test_extended_acl_entries_by_train() -> None:
    lines = ["ip access-list extended NAT", " permit ip 10.0.0.0 0.0.255.255 any",
             " deny ip any any"]
    # IOS 15.4 (tests/fixtures/real: IOL 15.4): no sequence numbers, ``deny`` padded.
    old = _tree(["version 15.4", *lines])
    assert show_running(old, section="access-list").splitlines() == [
        "ip access-list extended NAT", " permit ip 10.0.0.0 0.0.255.255 any", " deny   ip any any"]
    # IOS-XE 17: numbered (tests/fixtures/real/doc-michaelbecze-strongswan-azure-iosxe), ``deny``
    # still padded (a CSR1000v 17.3: `` 10 deny   ip 10.0.4.0 0.0.3.255 ...``,
    # tests/fixtures/real/gh-fabferri-azure-csr173-rs-routingcontrol).
    new = _tree(lines)
    assert show_running(new, section="access-list").splitlines() == [
        "ip access-list extended NAT", " 10 permit ip 10.0.0.0 0.0.255.255 any",
        " 20 deny   ip any any"]


def test_extended_acl_grammar_is_strict() -> None:
    session = ConfigSession(ConfigTree())
    session.feed("ip access-list extended WEB")
    bad = session.feed(" permit tcp any any eq 443 bogus")
    assert bad.error is not None
    assert bad.error.splitlines()[0].index("^") == len("Router(config-ext-nacl)# permit tcp any "
                                                       "any eq 443 ")


def test_numbered_acl_and_prefix_list_numbering() -> None:
    tree = _tree(["access-list 100 deny ip 10.0.0.0 0.0.0.255 any",
                  "access-list 100 permit ip any any",
                  "ip prefix-list OUT permit 10.0.0.0/8 le 24",
                  "ip prefix-list OUT deny 0.0.0.0/0"])
    assert show_running(tree, section="list").splitlines() == [
        "ip prefix-list OUT seq 5 permit 10.0.0.0/8 le 24",
        "ip prefix-list OUT seq 10 deny 0.0.0.0/0",
        "access-list 100 deny   ip 10.0.0.0 0.0.0.255 any", "access-list 100 permit ip any any"]


def test_radius_key_type_0_is_shown_as_ios_shows_it() -> None:
    tree = _tree(["radius server R1", " address ipv4 192.0.2.10 auth-port 1812 acct-port 1813",
                  " key 0 Rad1us-Key"])
    assert show_running(tree, section="radius").splitlines()[-1] == " key Rad1us-Key"
    encrypted = _tree(["service password-encryption", "radius server R1", " key 0 Rad1us-Key"])
    key_line = show_running(encrypted, section="radius").splitlines()[-1]
    assert key_line.startswith(" key 7 ") and "Rad1us-Key" not in key_line


def test_bgp_with_address_family_and_dynamic_neighbors() -> None:
    tree = _tree(["router bgp 65000", " bgp listen range 10.0.0.0/24 peer-group SPOKES",
                  " neighbor SPOKES peer-group", " neighbor SPOKES remote-as 65000",
                  " address-family ipv4 unicast", "  neighbor SPOKES activate",
                  "  neighbor SPOKES route-reflector-client", " exit-address-family"])
    assert show_running(tree, section="router bgp").splitlines() == [
        "router bgp 65000", " bgp listen range 10.0.0.0/24 peer-group SPOKES",
        " neighbor SPOKES peer-group", " neighbor SPOKES remote-as 65000", " !",
        " address-family ipv4", "  neighbor SPOKES activate",
        "  neighbor SPOKES route-reflector-client", " exit-address-family"]


def test_bgp_peer_templates_and_vrf_neighbors_of_a_flexvpn_hub() -> None:
    # tests/fixtures/real/gh-rakenit-flexvpn-radius-dvti/hub-01.cfg: a peer-policy template with
    # 'soo', a peer-session template with both 'transport' settings and 'log-neighbor-changes',
    # and VRF neighbors inheriting the session template inside 'address-family ipv4 vrf'.
    lines = ["router bgp 65000", " template peer-policy POL", "  soo 65000:0",
             "  send-community both", " exit-peer-policy", " template peer-session SES",
             "  transport path-mtu-discovery", "  transport connection-mode passive",
             "  log-neighbor-changes", "  timers 3 10", " exit-peer-session",
             " address-family ipv4 vrf CUST", "  neighbor 169.254.10.14 remote-as 65001",
             "  neighbor 169.254.10.14 inherit peer-session SES",
             "  neighbor 169.254.10.14 activate",
             "  neighbor 169.254.10.14 inherit peer-policy POL", " exit-address-family"]
    tree = ConfigTree()
    assert apply_lines(tree, ["vrf definition CUST", " address-family ipv4"]) == []
    assert apply_lines(tree, lines) == []
    shown = [line.strip() for line in show_running(tree, section="router bgp").splitlines()]
    assert [line for line in shown if line != "!"] == [line.strip() for line in lines]


def test_ipv6_crypto_map_and_its_interface_line() -> None:
    # Cisco IOS Security Command Reference, "crypto map (global IPsec)" (ipv6 keyword); IPv6
    # Command Reference, "ipv6 crypto map": the IPv6 map sits beside the IPv4 one on an interface.
    tree = _tree(["crypto map ipv6 VPN6-MAP 10 ipsec-isakmp", " set peer 2001:DB8:A:3::2",
                  " match address VPN-IPv6", "interface GigabitEthernet1",
                  " crypto map VPN-MAP", " ipv6 crypto map VPN6-MAP"])
    assert show_running(tree, section="crypto map ipv6").splitlines() == [
        "crypto map ipv6 VPN6-MAP 10 ipsec-isakmp", " set peer 2001:DB8:A:3::2",
        " match address VPN-IPv6"]
    assert show_running(tree, section="interface").splitlines()[-2:] == [
        " crypto map VPN-MAP", " ipv6 crypto map VPN6-MAP"]


def test_dhcp_client_id_is_shown_before_the_address() -> None:
    # tests/fixtures/real/gh-rakenit-flexvpn-radius-dvti/crtspk2.cfg: 'client-id ascii' (IP
    # Addressing: DHCP Command Reference, "ip dhcp client client-id"), printed before 'ip address'.
    tree = _tree(["interface GigabitEthernet1", " ip address 10.0.5.104 255.255.255.0",
                  " ip dhcp client client-id ascii crtspk2-gi1"])
    assert show_running(tree, section="interface GigabitEthernet1").splitlines()[:3] == [
        "interface GigabitEthernet1", " ip dhcp client client-id ascii crtspk2-gi1",
        " ip address 10.0.5.104 255.255.255.0"]


def test_dial_on_demand_of_a_pppoe_spoke() -> None:
    # Cisco IOS Dial Technologies Command Reference ("dialer-list protocol", "dialer-group",
    # "dialer watch-list"): the dialer interface of a DSL/cellular spoke and its global lists.
    lines = ["interface Dialer1", " ip address negotiated", " encapsulation ppp",
             " dialer pool 1", " dialer-group 1", " dialer watch-group 1",
             "dialer-list 1 protocol ip permit", "dialer-list 1 protocol ipv6 permit",
             "dialer watch-list 1 ip 5.6.7.8 0.0.0.0",
             "dialer watch-list 1 delay route-check initial 60"]
    tree = _tree(lines)
    shown = [line for line in _body(tree).splitlines() if line not in ("!", "end")]
    assert sorted(shown) == sorted(lines)


def test_cellular_wan_interface_of_an_lte_spoke() -> None:
    # Cisco 4G LTE Software Installation and Configuration Guide, "Configuring the Cellular
    # Interface" (encapsulation slip, dialer in-band, dialer string lte, async mode interactive),
    # and Dial Technologies Command Reference "pulse-time": the WAN of a FlexVPN client on LTE.
    lines = ["interface Cellular0/2/0", " ip address negotiated", " encapsulation slip",
             " dialer in-band", " dialer idle-timeout 0", " dialer string lte",
             " dialer-group 1", " async mode interactive", " pulse-time 1"]
    tree = _tree(lines)
    shown = show_running(tree, section="interface").splitlines()
    assert sorted(shown) == sorted(lines)
    # the chat script and the line that dials it (Dial Technologies Command Reference,
    # "chat-script", "script dialer")
    dial = ['chat-script lte "" "AT!CALL" TIMEOUT 20 "OK"', "line 0/0/0", " script dialer lte",
            " modem InOut"]
    body = _body(_tree(dial)).splitlines()
    assert [line for line in body if line not in ("!", "end")] == dial


def test_trustsec_vlan_bindings_and_a_dynamic_interface_policy() -> None:
    # Cisco TrustSec Configuration Guide, IOS XE 17: "VLAN-to-SGT Mapping" and "Manually
    # Configuring Cisco TrustSec" (policy dynamic identity replaces a static policy).
    tree = _tree(["cts role-based sgt-map vlan-list 100 sgt 12", "interface GigabitEthernet4",
                  " cts manual", "  policy static sgt 5 trusted",
                  "  policy dynamic identity PEER1"])
    assert "cts role-based sgt-map vlan-list 100 sgt 12" in _body(tree).splitlines()
    assert show_running(tree, section="interface").splitlines()[-2:] == [
        " cts manual", "  policy dynamic identity PEER1"]


def test_management_agents_of_an_iot_fnd_managed_flexvpn_client() -> None:
    # Cisco IOS WSMA Command Reference (wsma agent, wsma profile listener) and the IoT FND
    # guides (cgna profile): the agents FND manages its FlexVPN clients (IR1101, IR8xx) with;
    # EEM Command Reference, "event manager directory user" with a quoted path.
    lines = ["wsma agent exec", " profile exec", "wsma profile listener exec",
             " transport https path /wsma/exec", "cgna gzip", "cgna profile cg-nms-register",
             " add-command show version | format flash:/managed/odm/cg-nms.odm", " interval 3",
             " url https://fnd.example.com/cgna/ios/registration", " gzip", " active",
             'event manager directory user policy "flash:/managed/scripts"']
    body = [line for line in _body(_tree(lines)).splitlines() if line not in ("!", "end")]
    assert sorted(body) == sorted(lines)


def test_username_with_scrypt_algorithm_is_stored_as_type_9() -> None:
    # Security Command Reference, "username" / "enable algorithm-type": scrypt hashes to type 9,
    # which is what show running-config prints; the clear password is never shown.
    tree = _tree(["username admin privilege 15 algorithm-type scrypt secret Adm1nPass99",
                  "enable algorithm-type scrypt secret En4blePass99"])
    body = _body(tree)
    assert "Adm1nPass99" not in body and "En4blePass99" not in body
    assert "username admin privilege 15 secret 9 $9$" in body
    assert "enable secret 9 $9$" in body


def test_hsrp_and_urpf_lines_in_the_order_ios_xe_prints_them() -> None:
    # tests/fixtures/real/gh-rakenit-flexvpn-radius-dvti/hub-01.cfg (CSR1000v): 'standby' after
    # the address and before 'negotiation auto'; 'ip verify' after the address, before 'shutdown'.
    tree = _tree(["interface GigabitEthernet2", " negotiation auto",
                  " standby 1 ip 172.28.28.1", " ip address 172.28.28.2 255.255.255.0",
                  "interface GigabitEthernet3", " shutdown", " ip verify unicast reverse-path"])
    assert show_running(tree, section="interface").splitlines() == [
        "interface GigabitEthernet2", " ip address 172.28.28.2 255.255.255.0",
        " standby 1 ip 172.28.28.1", " negotiation auto", "interface GigabitEthernet3",
        " no ip address", " ip verify unicast reverse-path", " shutdown"]


def test_named_eigrp_af_interface_and_topology() -> None:
    tree = _tree(["router eigrp OVERLAY", " address-family ipv4 unicast autonomous-system 100",
                  "  af-interface Tunnel0", "   no split-horizon", "  exit-af-interface",
                  "  topology base", "  exit-af-topology", "  network 10.0.0.0 0.0.0.255"])
    assert show_running(tree, section="eigrp").splitlines() == [
        "router eigrp OVERLAY", " !", " address-family ipv4 unicast autonomous-system 100",
        "  !", "  af-interface Tunnel0", "   no split-horizon", "  exit-af-interface", "  !",
        "  topology base", "  exit-af-topology", "  network 10.0.0.0 0.0.0.255",
        " exit-address-family"]


def test_hardware_of_the_modelled_router() -> None:
    from flexorch.ios.facts import hardware_for
    from flexorch.lab.configmode import physical_interfaces

    iol = physical_interfaces(ConfigTree.from_text("interface Ethernet0/0\n"))
    assert hardware_for(["Ethernet0/0"]).model == "IOL" and "Ethernet1/3" in iol
    session = ConfigSession(ConfigTree(), physical_interfaces=iol)
    assert session.feed("interface GigabitEthernet1").error is not None
    assert session.feed("interface Ethernet0/2.10").ok
    assert session.feed(" encapsulation dot1Q 10").ok
    assert "interface Ethernet0/2.10\n encapsulation dot1Q 10\n" in show_running(session.tree)
    c8000v = physical_interfaces(ConfigTree.from_text("interface GigabitEthernet1\n"))
    assert {"GigabitEthernet1", "GigabitEthernet8"} <= c8000v and "GigabitEthernet9" not in c8000v
    isr = physical_interfaces(ConfigTree(), "ISR4000")
    assert isr == {"GigabitEthernet0/0/0", "GigabitEthernet0/0/1", "GigabitEthernet0/0/2",
                   "GigabitEthernet0/0/3", "GigabitEthernet0"}


def test_every_block_header_opens_a_mode_the_grammar_has() -> None:
    from flexorch.ios.cli import MODES

    opened = {c.opens for m in MODES.values() for c in m.commands if c.opens}
    assert opened - set(MODES) == {"interface"} - set(MODES)  # "interface" resolves per name
    assert all(m.commands for m in MODES.values())
