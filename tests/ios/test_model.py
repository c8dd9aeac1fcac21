"""RouterConfig: the typed view reads the guide's configuration examples as IOS means them.

Every config below is copied from /work/shared/reference/flexvpn-guide.txt (section named in the
test) or written by hand; expected values are read off the text, not produced by the code.
"""

from __future__ import annotations

import hashlib
import ipaddress

import pytest

from flexorch.ios.config import ConfigTree
from flexorch.ios.model import Identity, RouterConfig, Secret, TunnelMode


def _key(label: str) -> str:
    """A generated key for tests (no literal key is kept in git)."""
    return hashlib.sha256(f"flexorch-test:{label}".encode()).hexdigest()[:24]


def test_static_vrf_tunnel_from_guide() -> None:
    # "Tunnel Protection and VRF Integration"
    config = RouterConfig.from_text(
        "interface tunnel1\n"
        "vrf forwarding ivrf_1\n"
        "ip address 192.168.1.1 255.255.255.0\n"
        "ipv6 address 2001::1:1/120\n"
        "tunnel source g1\n"
        "tunnel destination 192.168.2.1\n"
        "tunnel vrf fvrf_1\n"
        "tunnel protection ipsec profile default\n"
        "end\n"
    )
    # The guide's example is flat (no indentation): its lines still belong to the interface in
    # IOS, but a flat text is read as top-level lines. Indented, it is one block:
    assert "Tunnel1" in config.interfaces
    indented = RouterConfig.from_text(
        "interface tunnel1\n vrf forwarding ivrf_1\n ip address 192.168.1.1 255.255.255.0\n"
        " ipv6 address 2001::1:1/120\n tunnel source g1\n tunnel destination 192.168.2.1\n"
        " tunnel vrf fvrf_1\n tunnel protection ipsec profile default\n"
    )
    tunnel = indented.interfaces["Tunnel1"]
    assert tunnel.is_tunnel and not tunnel.is_virtual_template
    assert tunnel.vrf == "ivrf_1"
    assert tunnel.tunnel_vrf == "fvrf_1"
    assert tunnel.ipv4 == (ipaddress.IPv4Interface("192.168.1.1/24"),)
    assert tunnel.ipv6 == (ipaddress.IPv6Interface("2001::1:1/120"),)
    assert tunnel.tunnel_source == "GigabitEthernet1"
    assert tunnel.tunnel_destination == "192.168.2.1"
    assert tunnel.tunnel_protection == "default"
    # No tunnel mode line: IOS's hidden default is gre ip.
    assert tunnel.tunnel_mode is None
    assert tunnel.mode == TunnelMode("gre", 4, None)
    assert tunnel.mode.text == "gre ip"


def test_virtual_template_type_tunnel() -> None:
    # "Dynamic Interfaces with Virtual Templates"
    config = RouterConfig.from_text(
        "crypto ikev2 profile ikev2_profile\n virtual-template 1\n"
        "interface virtual-template1 type tunnel\n ip unnumbered g1\n ipv6 unnumbered g1\n"
        " tunnel protection ipsec profile default\n"
    )
    vt = config.interfaces["Virtual-Template1"]
    assert vt.is_virtual_template and vt.template_type == "tunnel"
    assert vt.unnumbered == "GigabitEthernet1"
    assert vt.ipv6_unnumbered == "GigabitEthernet1"
    assert config.profiles["ikev2_profile"].virtual_template == 1
    assert config.profiles["ikev2_profile"].virtual_template_mode_auto is False
    assert config.virtual_templates == [vt]


def test_mode_auto_and_tunnel_modes() -> None:
    config = RouterConfig.from_text(
        "crypto ikev2 profile ikev2_profile\n virtual-template 1 mode auto\n"
        "interface Tunnel1\n tunnel mode ipsec ipv6 v4-overlay\n"
        "interface Tunnel2\n tunnel mode ipsec ipv4 v6-overlay\n"
        "interface Tunnel3\n tunnel mode gre ipv6\n"
        "interface Tunnel4\n tunnel mode ipsec ipv4\n"
        "interface Tunnel5\n tunnel mode mpls traffic-eng\n"
    )
    assert config.profiles["ikev2_profile"].virtual_template_mode_auto is True
    modes = {name: intf.tunnel_mode for name, intf in config.interfaces.items()}
    # IPv4 overlay over IPv6 transport, and the reverse: both mixed.
    assert modes["Tunnel1"] == TunnelMode("ipsec", 6, 4)
    assert modes["Tunnel2"] == TunnelMode("ipsec", 4, 6)
    assert modes["Tunnel1"] is not None and modes["Tunnel1"].mixed
    assert modes["Tunnel3"] == TunnelMode("gre", 6, None)
    assert modes["Tunnel4"] == TunnelMode("ipsec", 4, 4)
    assert modes["Tunnel4"] is not None and not modes["Tunnel4"].mixed
    # Not a FlexVPN mode: no tunnel mode the model knows; a line the grammar does not know is
    # reported, one it knows is kept as written.
    assert modes["Tunnel5"] is None
    reported = [(u.path, u.text) for u in config.unread]
    assert (config.interfaces["Tunnel5"].tunnel_mode_text == "mpls traffic-eng"
            or reported == [(("interface Tunnel5",), "tunnel mode mpls traffic-eng")])


def test_proposal_rules_from_guide() -> None:
    # "Configuring an IKEv2 Proposal" and the ECDSA "nge" proposal.
    config = RouterConfig.from_text(
        "crypto ikev2 proposal ikev2_proposal\n encryption aes-cbc-256\n integrity sha512\n"
        " prf sha512\n group 16\n"
        "crypto ikev2 proposal nge\n encryption aes-gcm-256\n prf sha512\n group 21\n"
        "crypto ikev2 proposal gcm_with_integrity\n encryption aes-gcm-256\n integrity sha256\n"
        " prf sha256\n group 19\n"
        "crypto ikev2 proposal no_group\n encryption aes-cbc-128\n integrity sha256\n prf sha256\n"
        "crypto ikev2 proposal two_lines\n encryption aes-cbc-256\n encryption aes-cbc-128\n"
        " integrity sha256 sha1\n prf sha256\n group 14 19\n"
    )
    assert config.proposals["ikev2_proposal"].complete
    assert config.proposals["nge"].complete  # combined mode: no integrity needed
    assert not config.proposals["gcm_with_integrity"].complete
    assert any("combined-mode" in p for p in config.proposals["gcm_with_integrity"].problems)
    assert config.proposals["no_group"].problems == ["no DH group"]
    two = config.proposals["two_lines"]
    # A second encryption line adds to the list, preference left to right then line order.
    assert two.encryption == ("aes-cbc-256", "aes-cbc-128")
    assert two.integrity == ("sha256", "sha1")
    assert two.group == ("14", "19")


def test_default_objects_are_smart_defaults() -> None:
    config = RouterConfig.from_text("hostname r1\n")
    default = config.proposal("default")
    assert default is not None
    # The model knows no train: IOS-XE 17's default (real `show crypto ikev2 proposal` of an
    # IOS-XE build: AES-CBC-256; SHA512 SHA384; PRF the same; DH 19 14 21 5). The negotiation
    # model picks each router's train (tests/ios/test_negotiate_defaults.py).
    assert default.encryption == ("aes-cbc-256",)
    assert default.integrity == ("sha512", "sha384")
    assert default.prf == ("sha512", "sha384")
    assert default.group == ("19", "14", "21", "5")
    profile = config.ipsec_profile("default")
    assert profile is not None and profile.transform_sets == ("default",)
    assert profile.ikev2_profile == "default"
    tset = config.transform_set("default")
    assert tset is not None and tset.transforms == ("esp-aes", "esp-sha-hmac")
    assert config.proposal("nope") is None
    # A configured default replaces the built-in one.
    redefined = RouterConfig.from_text(
        "crypto ikev2 proposal default\n encryption aes-gcm-128\n prf sha256\n group 19\n"
    )
    assert redefined.proposal("default") is not None
    assert redefined.proposals["default"].encryption == ("aes-gcm-128",)


def test_policy_matches_including_guide_erratum() -> None:
    config = RouterConfig.from_text(
        "crypto ikev2 policy ikev2_policy\n match address local 100.1.125.1\n"
        " proposal ikev2_proposal\n"
        "crypto ikev2 policy default\n match vrf any\n proposal nge\n"
        "crypto ikev2 policy multi\n match fvrf A\n match fvrf B\n proposal p1\n proposal p2\n"
    )
    assert config.policies["ikev2_policy"].match_address_local == ("100.1.125.1",)
    assert config.policies["ikev2_policy"].proposals == ("ikev2_proposal",)
    # The guide writes "match vrf any"; IOS's command is "match fvrf any".
    assert config.policies["default"].match_fvrf == ("any",)
    assert config.policies["multi"].match_fvrf == ("A", "B")
    assert config.policies["multi"].proposals == ("p1", "p2")
    # A VRF whose name abbreviates ``any`` is a name in a running config (IOS shows ``any``).
    assert RouterConfig.from_text(
        "crypto ikev2 policy p\n match fvrf an\n").policies["p"].match_fvrf == ("an",)
    assert config.unread == ()


def test_keyring_peer_blocks_from_guide() -> None:
    key1, key2, key = _key("k1"), _key("k2"), _key("k")
    config = RouterConfig.from_text(
        "crypto ikev2 keyring ikev2_keyring\n"
        " peer peer1\n  address 192.168.1.0 255.255.255.0\n  identity fqdn domain abc.com\n"
        "  identity email domain abc.com\n"
        f"  pre-shared-key local {key1}\n  pre-shared-key remote {key2}\n"
        " peer peer2\n  hostname peer2\n  address 192.168.2.1 255.255.255.255\n"
        "  identity address 192.168.2.1\n  identity key-id peer2\n  identity fqdn peer2.abc.com\n"
        f"  identity email peer2@abc.com\n  pre-shared-key {key}\n"
    )
    peer1, peer2 = config.keyrings["ikev2_keyring"].peers
    assert peer1.name == "peer1"
    assert peer1.address == ipaddress.ip_network("192.168.1.0/24")
    assert peer1.identities == (
        Identity("fqdn", "abc.com", True), Identity("email", "abc.com", True)
    )
    assert peer1.local_key is not None and peer1.local_key.value == key1
    assert peer1.remote_key is not None and peer1.remote_key.value == key2
    assert peer2.hostname == "peer2"
    assert peer2.address == ipaddress.ip_network("192.168.2.1/32")
    assert [i.kind for i in peer2.identities] == ["address", "key-id", "fqdn", "email"]
    # A symmetric key serves both directions.
    assert peer2.local_key is not None and peer2.local_key.value == key
    assert peer2.remote_key is not None and peer2.remote_key.value == key


def test_secrets_type6_unknown_type7_decoded_never_in_repr() -> None:
    clear = _key("clear")
    config = RouterConfig.from_text(
        "crypto ikev2 keyring kr\n peer a\n  address 10.0.0.1\n"
        "  pre-shared-key 6 FLgBaJHXdYY_AcHZZMgQ_RhTDJXHUBAAB\n"
        " peer b\n  address 10.0.0.2\n  pre-shared-key 7 0822455D0A16\n"
        f" peer c\n  address 10.0.0.3\n  pre-shared-key 0 {clear}\n"
        "radius server r1\n address ipv4 172.16.1.3 auth-port 1645 acct-port 1646\n"
        f" key {clear}\n"
        "radius server r7\n key 7 0822455D0A16\n"
    )
    a, b, c = config.keyrings["kr"].peers
    assert a.psk == Secret(6, None)
    # A keyring key is type 0 or 6 (``pre-shared-key [0|6] KEY``): a type 7 line is not one IOS
    # takes there, so it is reported rather than guessed.
    assert b.psk is None
    assert [(u.path, u.text) for u in config.unread] == [
        (("crypto ikev2 keyring kr", "peer b"), "pre-shared-key 7 0822455D0A16")]
    # 0822455D0A16 is the well-known type 7 encoding of "cisco" (RADIUS keys take type 7).
    r7 = config.aaa.radius_servers["r7"].key
    assert r7 is not None and (r7.encryption, r7.value) == (7, "cisco")
    assert c.psk is not None and c.psk.value == clear
    assert c.psk.same_as(Secret(0, clear)) is True
    assert a.psk is not None and a.psk.same_as(Secret(0, clear)) is None
    assert clear not in repr(config)
    assert "cisco" not in repr(config.keyrings)
    server = config.aaa.radius_servers["r1"]
    assert (server.address, server.auth_port, server.acct_port) == ("172.16.1.3", 1645, 1646)
    assert server.key is not None and server.key.value == clear


@pytest.mark.parametrize(("words", "value"), [
    (["7", "02050D480809"], "cisco"),  # published encoding of "cisco" with seed 02
    (["7", "0822455D0A1"], None),  # odd length: not a type 7 string, so the key is unknown
    (["7", "XX22455D0A16"], None),  # no seed digits
])
def test_type7_keys_decode_as_ios_does(words: list[str], value: str | None) -> None:
    secret = Secret.parse(words)
    assert secret is not None and secret.encryption == 7
    assert secret.value == value


def test_profile_every_statement() -> None:
    # Lines from the guide's profile, AAA, name-mangler, certificate and lifetime sections.
    key = _key("profile")
    config = RouterConfig.from_text(
        "crypto ikev2 profile ikev2_profile\n"
        " description hub profile\n"
        " match fvrf any\n"
        " match address local interface g1\n"
        " match identity remote address 10.0.0.0 255.0.0.0\n"
        " match identity remote fqdn domain example.com\n"
        " match identity remote email user@example.com\n"
        " match identity remote key-id kid1\n"
        " match certificate certmap\n"
        " identity local fqdn vpn1.example.com\n"
        f" authentication local pre-share key {key}\n"
        " authentication remote pre-share\n"
        " authentication remote rsa-sig\n"
        " authentication remote eap query-identity\n"
        " keyring aaa aaa_method_list name-mangler name_mangler\n"
        " pki trustpoint ca_server1\n"
        " dpd 10 2 on-demand\n"
        " nat keepalive 10\n"
        " aaa authentication eap authen_list_radius\n"
        " aaa authorization user cert list author_list_radius user1\n"
        " aaa authorization group override psk list group_author_list name-mangler gm\n"
        " aaa authorization user psk cached\n"
        " aaa accounting cert acc_list_radius\n"
        " no config-exchange request\n"
        " session-lifetime 3600\n"
        " no lifetime certificate\n"
        " virtual-template 1 mode auto\n"
    )
    p = config.profiles["ikev2_profile"]
    assert p.description == "hub profile"
    assert p.match_fvrf == ("any",)
    assert p.match_address_local == ("GigabitEthernet1",)
    assert p.match_identities == (
        Identity("address", "10.0.0.0/8"), Identity("fqdn", "example.com", True),
        Identity("email", "user@example.com"), Identity("key-id", "kid1"),
    )
    assert p.match_certificates == ("certmap",)
    assert p.has_match
    assert p.identity_local == Identity("fqdn", "vpn1.example.com")
    assert [m.method for m in p.auth_local] == ["pre-share"]
    assert p.auth_local[0].key is not None and p.auth_local[0].key.value == key
    assert [m.method for m in p.auth_remote] == ["pre-share", "rsa-sig", "eap"]
    assert (p.keyring_aaa, p.keyring_aaa_name_mangler) == ("aaa_method_list", "name_mangler")
    assert p.pki_trustpoints == ("ca_server1",)
    assert p.dpd is not None and (p.dpd.interval, p.dpd.retry, p.dpd.mode) == (10, 2, "on-demand")
    assert p.nat_keepalive == 10
    assert p.aaa_authentication_eap == "authen_list_radius"
    user, group, cached = p.aaa_authorization
    assert (user.scope, user.auth, user.method_list, user.name) == ("user", "cert",
                                                                   "author_list_radius", "user1")
    assert (group.scope, group.override, group.name_mangler) == ("group", True, "gm")
    assert cached.cached and cached.auth == "psk"
    assert p.aaa_accounting == (("cert", "acc_list_radius"),)
    # config-exchange is on by default; only "request" was turned off.
    assert (p.config_exchange_request, p.config_exchange_set_send,
            p.config_exchange_set_accept) == (False, True, True)
    assert p.session_lifetime == 3600
    assert p.lifetime_certificate is False
    assert (p.virtual_template, p.virtual_template_mode_auto) == (1, True)
    assert key not in repr(p)


def test_profile_without_match_is_incomplete() -> None:
    config = RouterConfig.from_text(
        "crypto ikev2 profile p\n authentication local pre-share\n"
        " authentication remote pre-share\n"
    )
    assert not config.profiles["p"].has_match


def test_ipsec_transform_sets_profiles_and_globals() -> None:
    config = RouterConfig.from_text(
        "crypto ipsec transform-set tset esp-aes esp-sha-hmac mode transport\n"
        "crypto ipsec transform-set nge-transform esp-gcm 256\n mode transport\n"
        "crypto ipsec profile nge-profile\n set transform-set nge-transform\n set pfs group21\n"
        " set ikev2-profile nge\n set mixed-mode\n set reverse-route\n"
        " set security-association lifetime seconds 1800\n"
        " set security-association replay window-size 512\n responder-only\n"
        "crypto ikev2 fragmentation mtu 1300\n"
        "crypto ikev2 cts sgt\n"
        "crypto ikev2 window 20\n"
        "crypto ikev2 dpd 10 2 periodic\n"
        "crypto ikev2 nat keepalive 20\n"
        "crypto ikev2 cookie-challenge 100\n"
        "crypto ikev2 limit max-sa 500\n"
        "crypto ikev2 limit max-in-negotiation sa 40 incoming\n"
        "crypto ikev2 limit max-in-negotiation sa 400 outgoing\n"
        "crypto ikev2 limit max-in-negotiation-sa 100\n"
        "crypto ikev2 http-url cert\n"
        "crypto ikev2 certificate-cache 500\n"
        "crypto ikev2 disconnect-revoked-peers\n"
        "crypto ikev2 diagnose error 50\n"
    )
    nge = config.transform_sets["nge-transform"]
    assert nge.mode == "transport"
    assert nge.esp is not None and nge.esp.encryption == "esp-gcm 256" and nge.esp.integrity is None
    tset = config.transform_sets["tset"]
    assert tset.esp is not None
    assert (tset.esp.encryption, tset.esp.integrity) == ("esp-aes 128", "esp-sha-hmac")
    prof = config.ipsec_profiles["nge-profile"]
    assert prof.transform_sets == ("nge-transform",)
    assert (prof.pfs_group, prof.ikev2_profile) == (21, "nge")
    assert prof.mixed_mode and prof.reverse_route and prof.responder_only
    assert prof.sa_lifetime_seconds == 1800
    assert prof.replay == ("window-size", "512")
    g = config.ikev2
    assert (g.fragmentation, g.fragmentation_mtu, g.cts_sgt, g.window) == (True, 1300, True, 20)
    assert g.dpd is not None and (g.dpd.interval, g.dpd.retry, g.dpd.mode) == (10, 2, "periodic")
    assert (g.nat_keepalive, g.cookie_challenge, g.limit_max_sa) == (20, 100, 500)
    # The guide's spelling and IOS's own (max-in-negotiation-sa, incoming by default) both read.
    assert g.limit_max_in_negotiation == ((40, "incoming"), (400, "outgoing"), (100, "incoming"))
    assert (g.http_url_cert, g.certificate_cache, g.disconnect_revoked_peers,
            g.diagnose_error) == (True, 500, True, 50)


def test_fragmentation_without_mtu_and_absent() -> None:
    assert RouterConfig.from_text("crypto ikev2 fragmentation\n").ikev2.fragmentation_mtu is None
    assert RouterConfig.from_text("crypto ikev2 fragmentation\n").ikev2.fragmentation
    assert not RouterConfig.from_text("hostname r\n").ikev2.fragmentation


def test_name_manglers_authorization_policies_aaa() -> None:
    config = RouterConfig.from_text(
        "aaa new-model\n"
        "aaa group server radius radius_group\n server name radius_server\n"
        "aaa authentication login authen_list_radius group radius_group\n"
        "aaa authorization network author_list_local local\n"
        "aaa accounting network acc_list_radius start-stop group radius_group\n"
        "aaa attribute list attr-list1\n attribute type interface-config \"ip mtu 1100\"\n"
        "crypto ikev2 name-mangler name_mangler\n fqdn hostname\n eap prefix delimiter @\n"
        "crypto ikev2 authorization policy author_policy\n route set interface\n"
        " route accept any\n pool ip_address_pool\n aaa attribute list attr_list\n"
        " route set local ipv4 192.168.6.0 255.255.255.0 tag 5000 distance 5\n"
        " def-domain domain1\n"
    )
    aaa = config.aaa
    assert aaa.new_model
    assert aaa.server_groups["radius_group"].servers == ("radius_server",)
    assert aaa.method_lists["authentication login"] == {
        "authen_list_radius": ("group", "radius_group")
    }
    assert aaa.method_lists["authorization network"] == {"author_list_local": ("local",)}
    assert aaa.method_lists["accounting network"] == {"acc_list_radius": ("group", "radius_group")}
    assert aaa.is_local("author_list_local") and not aaa.is_local("acc_list_radius")
    assert aaa.attribute_lists["attr-list1"] == ('attribute type interface-config "ip mtu 1100"',)
    attributes = aaa.attributes["attr-list1"].attributes
    assert [(a.type, a.value, a.interface_config) for a in attributes] == [
        ("interface-config", "ip mtu 1100", "ip mtu 1100")]
    assert config.name_manglers["name_mangler"].rules == (("fqdn", "hostname"),
                                                          ("eap", "prefix delimiter @"))
    policy = config.authorization_policies["author_policy"]
    assert policy.route_set_interface and policy.route_accept_any
    assert (policy.pool, policy.aaa_attribute_list, policy.def_domain) == (
        "ip_address_pool", "attr_list", "domain1")
    assert policy.route_set == ("local ipv4 192.168.6.0 255.255.255.0 tag 5000 distance 5",)


def test_pki_and_flexvpn_client() -> None:
    config = RouterConfig.from_text(
        "crypto pki trustpoint ca_server1\n enrollment url http://10.1.1.1\n subject-name cn=R1\n"
        " revocation-check none\n"
        "crypto pki certificate map cert_map 20\n issuer-name co ca\n"
        "crypto pki certificate map cert_map 10\n subject-name co vpn.example.com\n"
        "crypto pki crl download schedule time 01:00\n"
        "crypto ikev2 client flexvpn client1\n peer 2 192.0.2.2\n peer 1 192.0.2.1\n"
        " client connect tunnel1\n"
        "interface Tunnel1\n tunnel destination dynamic\n"
    )
    tp = config.pki.trustpoints["ca_server1"]
    assert (tp.enrollment_url, tp.subject_name, tp.revocation_check) == (
        "http://10.1.1.1", "cn=R1", ("none",))
    entries = config.pki.certificate_maps["cert_map"]
    assert [e.sequence for e in entries] == [10, 20]
    assert entries[0].rules == (("subject-name", "co", "vpn.example.com"),)
    assert config.pki.crl_schedule == ("crypto pki crl download schedule time 01:00",)
    client = config.flexvpn_clients["client1"]
    assert client.peers == ((1, "192.0.2.1"), (2, "192.0.2.2"))
    assert client.client_connect == "Tunnel1"
    assert config.interfaces["Tunnel1"].tunnel_destination == "dynamic"


def test_tolerant_of_whole_running_configs() -> None:
    text = (
        "Building configuration...\n\nCurrent configuration : 1234 bytes\n!\n"
        "version 17.9\nservice timestamps debug datetime msec\nhostname edge-7\n!\n"
        "ip domain name corp.example\n"
        "interface GigabitEthernet1\n description WAN\n ip address dhcp\n negotiation auto\n"
        " shutdown\n!\n"
        "interface Loopback0\n ip address 10.9.9.9 255.255.255.255\n"
        " ip address 10.9.9.10 255.255.255.255 secondary\n"
        "line vty 0 4\n transport input ssh\n"
        "crypto ikev2 profile broken\n match identity remote address not-an-ip\n bogus line here\n"
        "crypto ikev2 keyring kr\n peer p\n  address 999.1.1.1\n"
        "interface Tunnel0\n tunnel source 10.9.9.9\n"
        "end\n"
    )
    config = RouterConfig.from_text(text)
    assert config.hostname == "edge-7"
    assert config.domain_name == "corp.example"
    wan = config.interfaces["GigabitEthernet1"]
    assert (wan.description, wan.ipv4_dynamic, wan.shutdown, wan.ipv4) == ("WAN", "dhcp", True, ())
    loop = config.interfaces["Loopback0"]
    assert [str(i.ip) for i in loop.ipv4] == ["10.9.9.9", "10.9.9.10"]
    assert config.loopbacks == [loop]
    assert config.profiles["broken"].match_identities == ()
    assert config.keyrings["kr"].peers[0].address is None
    assert config.interfaces["Tunnel0"].tunnel_source == "10.9.9.9"
    assert config.tunnels == [config.interfaces["Tunnel0"]]
    assert config.interface("lo0") is loop
    assert config.address_owners[ipaddress.ip_address("10.9.9.10")] is loop


def test_from_tree_equals_from_text() -> None:
    text = "hostname r9\ninterface Tunnel7\n tunnel mode ipsec ipv4\n tunnel destination 192.0.2.9"
    via_tree = RouterConfig.from_tree(ConfigTree.from_text(text))
    via_text = RouterConfig.from_text(text)
    assert via_tree.interfaces == via_text.interfaces
    assert via_tree.hostname == via_text.hostname == "r9"


def test_ipv6_crypto_map_is_read_apart_from_the_ipv4_one() -> None:
    # Cisco IOS Security Command Reference, "crypto map (global IPsec)" (the ipv6 keyword) and
    # IPv6 Command Reference, "ipv6 crypto map": one interface with an IPv4 and an IPv6 map.
    config = RouterConfig.from_text(
        "crypto map ipv6 VPN6-MAP 10 ipsec-isakmp\n set peer 2001:db8:a:3::2\n"
        " set transform-set VPN-TS\n set ikev2-profile P6\n match address VPN-IPv6\n"
        "crypto map VPN-MAP 10 ipsec-isakmp\n set peer 9.6.11.10\n match address VPN-IPv4\n"
        "interface GigabitEthernet1\n crypto map VPN-MAP\n ipv6 crypto map VPN6-MAP\n")
    assert config.unread == ()
    assert "VPN6-MAP" not in config.crypto_maps
    (v6,) = config.ipv6_crypto_maps["VPN6-MAP"]
    assert (v6.ipv6, v6.peers, v6.ikev2_profile, v6.match_address) == (
        True, ("2001:DB8:A:3::2",), "P6", "VPN-IPv6")  # IOS holds IPv6 in capitals
    assert config.crypto_maps["VPN-MAP"][0].ipv6 is False
    gi1 = config.interfaces["GigabitEthernet1"]
    assert (gi1.crypto_map, gi1.ipv6_crypto_map) == ("VPN-MAP", "VPN6-MAP")


def test_an_ipv6_crypto_map_named_as_an_ipv4_one_is_another_map() -> None:
    # IPv6 Command Reference, "ipv6 crypto map": the IPv6 maps are their own namespace, so the
    # IPv4 map's entries (what the negotiation follows) are only its own.
    config = RouterConfig.from_text(
        "crypto map ipv6 VPN 10 ipsec-isakmp\n set peer 2001:db8::2\n set transform-set TS\n"
        " match address V6\n"
        "crypto map VPN 10 ipsec-isakmp\n set peer 192.0.2.2\n set transform-set TS\n"
        " match address V4\n"
        "interface GigabitEthernet1\n crypto map VPN\n ipv6 crypto map VPN\n")
    assert config.unread == ()
    assert [e.peers for e in config.crypto_maps["VPN"]] == [("192.0.2.2",)]
    assert [e.peers for e in config.ipv6_crypto_maps["VPN"]] == [("2001:DB8::2",)]


def test_dialer_interface_of_a_pppoe_spoke_is_read_whole() -> None:
    # Cisco IOS Dial Technologies Command Reference ("dialer-group"): dial-on-demand, not a
    # setting of the SAs; the tunnel over the dialer is read as usual.
    config = RouterConfig.from_text(
        "interface Dialer1\n ip address negotiated\n dialer pool 1\n dialer-group 1\n"
        "interface Tunnel1\n ip unnumbered Dialer1\n tunnel source Dialer1\n"
        " tunnel mode ipsec ipv4\n tunnel destination 198.51.100.1\n")
    assert config.unread == ()
    assert config.interfaces["Tunnel1"].tunnel_source == "Dialer1"
