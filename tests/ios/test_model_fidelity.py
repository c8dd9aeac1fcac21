"""RouterConfig reads real routers as IOS means them: one test per class of behaviour of issue 16.

Configs are cut from the real corpus (tests/fixtures/real/<group>, named in each test) or written
by hand after a Cisco document named in the test; expected values are typed from the text.
"""

from __future__ import annotations

import ipaddress

from flexorch.ios.model import (
    Identity,
    NhrpMapping,
    NhrpServer,
    RouterConfig,
    Software,
    Unread,
    dn_normalize,
)


def test_legacy_ip_vrf_reads_like_vrf_definition() -> None:
    # gh-yinghli-azure-china-csr-svti style: legacy ``ip vrf`` next to ``vrf definition``.
    config = RouterConfig.from_text(
        "ip vrf ISP2\n rd 65000:2\n"
        "vrf definition INET\n rd 65000:1\n !\n address-family ipv4\n exit-address-family\n"
        "interface GigabitEthernet2\n ip vrf forwarding ISP2\n ip address 192.0.2.2 255.255.255.0\n"
        "interface GigabitEthernet1\n vrf forwarding INET\n ip address 198.51.100.1 255.255.255.0\n"
    )
    assert (config.vrfs["ISP2"].legacy, config.vrfs["ISP2"].rd) == (True, "65000:2")
    assert (config.vrfs["INET"].legacy, config.vrfs["INET"].address_families) == (False, ("ipv4",))
    assert config.interfaces["GigabitEthernet2"].vrf == "ISP2"
    assert config.interfaces["GigabitEthernet1"].vrf == "INET"
    assert config.interfaces["GigabitEthernet2"].ipv4 == (
        ipaddress.IPv4Interface("192.0.2.2/24"),)
    assert config.unread == ()


def test_interface_line_at_top_level_is_no_vrf_named_forwarding() -> None:
    # A top-level ``ip vrf forwarding X`` (an interface line that lost its indentation) is not
    # ``ip vrf NAME``: the model reports it instead of creating a VRF "forwarding".
    config = RouterConfig.from_text("hostname r1\nip vrf forwarding RED\n")
    assert config.vrfs == {}
    assert config.unread == (Unread((), "ip vrf forwarding RED", 2),)


def test_no_default_lines_disable_the_defaults() -> None:
    # gh-jclarkson-ikev2-gre-site2site shows ``no crypto ipsec transform-set default``.
    config = RouterConfig.from_text(
        "no crypto ikev2 proposal default\nno crypto ikev2 policy default\n"
        "no crypto ipsec transform-set default\n"
    )
    assert config.disabled_defaults == {"ikev2-proposal", "ikev2-policy", "transform-set"}
    assert config.proposal("default") is None
    assert config.default_policy is None
    assert config.transform_set("default") is None
    assert config.ipsec_profile("default") is not None
    kept = RouterConfig.from_text("hostname r1\n")
    assert kept.proposal("default") is not None and kept.default_policy is not None
    assert config.unread == ()


def test_version_line_and_caller_software_facts() -> None:
    # gh-jclarkson-ikev2-dmvpn-ivrf: ``version 15.5`` on a CSR1000V (``license udi pid``).
    config = RouterConfig.from_text("version 15.5\nhostname HUB\n")
    assert config.software == Software("15.5", None, "config")
    assert (config.version, config.software.release) == ("15.5", (15, 5))
    told = config.with_software(version="17.3.4a", platform="C8000V")
    assert told.software == Software("17.3.4a", "C8000V", "caller")
    assert told.software.release == (17, 3)
    assert RouterConfig.from_text("hostname r\n").software == Software()


def test_aaa_pushed_interface_config_makes_the_virtual_access() -> None:
    # FlexVPN server with local authorization (Cisco FlexVPN configuration guide, "Configuring
    # the FlexVPN Server"; attribute names from its "FlexVPN RADIUS Attributes" appendix).
    config = RouterConfig.from_text(
        "aaa new-model\naaa authorization network LOCAL local\n"
        "aaa attribute list PUSH\n attribute type interface-config \"vrf forwarding RED\"\n"
        " attribute type interface-config \"ip unnumbered Loopback1\"\n"
        " attribute type cisco-avpair \"ip:interface-config=ip mtu 1400\"\n"
        "crypto ikev2 authorization policy SPOKES\n aaa attribute list PUSH\n"
        "crypto ikev2 profile HUB\n match identity remote any\n"
        " aaa authorization group psk list LOCAL SPOKES\n virtual-template 1\n"
        "crypto ikev2 profile RAD\n match identity remote any\n"
        " aaa authorization group psk list RADLIST SPOKES\n virtual-template 1\n"
        "aaa authorization network RADLIST group radius\n"
        "interface Virtual-Template1 type tunnel\n ip unnumbered Loopback0\n"
        " tunnel protection ipsec profile default\n"
    )
    assert config.interface_pushes("HUB") == (
        "vrf forwarding RED", "ip unnumbered Loopback1", "ip mtu 1400")
    access = config.virtual_access("HUB")
    assert access is not None
    assert (access.vrf, access.unnumbered, access.mtu) == ("RED", "Loopback1", 1400)
    # The template itself is untouched; a RADIUS answer cannot be known from the config.
    assert config.interfaces["Virtual-Template1"].vrf is None
    assert config.interface_pushes("RAD") is None
    rad = config.virtual_access("RAD")
    assert rad is not None and (rad.vrf, rad.unnumbered) == (None, "Loopback0")
    assert config.unread == ()


def test_pushed_interface_line_the_model_cannot_read_is_reported() -> None:
    config = RouterConfig.from_text(
        "aaa attribute list PUSH\n attribute type interface-config \"bogus command\"\n")
    assert config.unread == (
        Unread(("aaa attribute list PUSH",), 'attribute type interface-config "bogus command"', 2),)


def test_authorization_policy_routes_and_limits() -> None:
    # gh-vyos-docs-flexvpn-hub-cisco: ``route accept any tag 100 distance 5``.
    config = RouterConfig.from_text(
        "crypto ikev2 authorization policy vyos\n pool mypool\n route set interface\n"
        " route accept any tag 100 distance 5\n route set access-list ipv6 V6-ROUTES\n"
        " route set access-list 101\n route set remote ipv6 2001:db8:5::/64\n"
        "crypto ikev2 authorization policy closed\n no route accept\n"
    )
    vyos = config.authorization_policies["vyos"]
    assert (vyos.route_accept, vyos.route_accept_tag, vyos.route_accept_distance) == (True, 100, 5)
    assert vyos.route_set_access_lists == ((6, "V6-ROUTES"), (4, "101"))
    assert [(r.side, r.network) for r in vyos.route_sets] == [("remote", "2001:DB8:5::/64")]
    assert vyos.pool == "mypool" and vyos.route_set_interface
    closed = config.authorization_policies["closed"]
    assert (closed.route_accept, closed.route_accept_any) == (False, False)
    bogus = RouterConfig.from_text("crypto ikev2 authorization policy p\n bogus line\n")
    assert bogus.authorization_policies["p"].other == ("bogus line",)
    assert bogus.authorization_policies["p"].route_accept  # IOS's default
    assert config.unread == ()


def test_config_exchange_positive_and_negative_forms() -> None:
    config = RouterConfig.from_text(
        "crypto ikev2 profile p\n match identity remote any\n no config-exchange request\n"
        " config-exchange set send\n no config-exchange set accept\n"
    )
    profile = config.profiles["p"]
    assert (profile.config_exchange_request, profile.config_exchange_set_send,
            profile.config_exchange_set_accept) == (False, True, False)
    assert config.unread == ()


def test_dn_identities_compare_as_ios_prints_them() -> None:
    # gh-skydevil-lab14-gre-dmvpn: ``subject-name CN=R13`` shows as ``cn=R13`` in the SA.
    assert dn_normalize("CN=R15, OU=VPN, O=trubin, C=RU") == "cn=R15,ou=VPN,o=trubin,c=RU"
    config = RouterConfig.from_text(
        "crypto pki trustpoint CA_ON_R14\n enrollment url http://10.10.14.254:80\n"
        " subject-name CN=R13\n revocation-check none\n rsakeypair IPSEC\n"
        "crypto ikev2 profile PKI\n match identity remote any\n identity local dn\n"
        " authentication remote rsa-sig\n authentication local rsa-sig\n pki trustpoint CA_ON_R14\n"
    )
    trustpoint = config.pki.trustpoints["CA_ON_R14"]
    assert (trustpoint.subject_dn, trustpoint.rsakeypair) == ("cn=R13", "IPSEC")
    assert trustpoint.enrollment_url == "http://10.10.14.254:80"
    profile = config.profiles["PKI"]
    assert profile.identity_local == Identity("dn", "")
    assert [m.method for m in profile.auth_local + profile.auth_remote] == ["rsa-sig", "rsa-sig"]
    assert profile.pki_trustpoints == ("CA_ON_R14",)
    assert Identity("dn", "CN=R13,hostname=R13").match_score(Identity("dn", "cn=r13, HOSTNAME=r13"))
    assert config.unread == ()


def test_certificate_maps_and_trustpoint_use() -> None:
    config = RouterConfig.from_text(
        "crypto pki certificate map SPOKES 10\n subject-name co ou = vpn\n issuer-name eq cn = ca\n"
        "crypto ikev2 profile p\n match certificate SPOKES\n pki trustpoint TP sign\n"
    )
    entry = config.pki.certificate_maps["SPOKES"][0]
    assert entry.rules == (("subject-name", "co", "ou = vpn"), ("issuer-name", "eq", "cn = ca"))
    assert config.profiles["p"].pki_trustpoint_use == (("TP", "sign"),)
    assert config.unread == ()


def test_unread_lines_carry_their_block_path_and_line_number() -> None:
    config = RouterConfig.from_text(
        "hostname r1\n"
        "crypto ikev2 keyring KR\n peer A\n  address 10.0.0.1\n  bogus words\n"
        "interface Tunnel0\n duplex auto\n tunnel wrong thing\n"
        "router ospf 1\n network 10.0.0.0 0.0.0.255 area 0\n"
    )
    # ``duplex`` is left alone on purpose; ``router ospf`` is outside the model's families.
    assert config.unread == (
        Unread(("crypto ikev2 keyring KR", "peer A"), "bogus words", 5),
        Unread(("interface Tunnel0",), "tunnel wrong thing", 8),
    )
    assert str(config.unread[0]) == "line 5: crypto ikev2 keyring KR > peer A: bogus words"


def test_multipoint_gre_with_nhrp_spoke_and_hub() -> None:
    # gh-jclarkson-ikev2-dmvpn-ivrf: hub and spoke Tunnel0 (trimmed to the NHRP and tunnel lines).
    spoke = RouterConfig.from_text(
        "interface Tunnel0\n vrf forwarding inside-vrf\n ip address 100.64.1.1 255.255.255.0\n"
        " ip nhrp network-id 101\n ip nhrp nhs 100.64.1.100 nbma 202.100.15.1 multicast\n"
        " ip nhrp registration no-unique\n ip nhrp shortcut\n tunnel source GigabitEthernet1.25\n"
        " tunnel mode gre multipoint\n tunnel key 101\n tunnel vrf IWAN-TRANSPORT-1\n"
        " tunnel protection ipsec profile DMVPN-PROFILE-TRANSPORT-1\n"
    ).interfaces["Tunnel0"]
    assert spoke.mode.multipoint and spoke.tunnel_vrf == "IWAN-TRANSPORT-1"
    assert spoke.nhrp.network_id == 101
    assert spoke.nhrp.servers == (NhrpServer("100.64.1.100", "202.100.15.1", multicast=True),)
    assert spoke.nhrp.registration_no_unique and spoke.nhrp.shortcut
    assert spoke.nhrp.static_peers == ("202.100.15.1",)
    assert spoke.nhrp_nhs == (("100.64.1.100", "202.100.15.1"),)
    hub = RouterConfig.from_text(
        "interface Tunnel0\n ip nhrp map multicast dynamic\n ip nhrp network-id 101\n"
        " ip nhrp redirect\n tunnel mode gre multipoint\n"
        " tunnel protection ipsec profile DMVPN shared\n"
    ).interfaces["Tunnel0"]
    assert (hub.nhrp.multicast, hub.nhrp.redirect) == (("dynamic",), True)
    assert hub.nhrp.static_peers == () and hub.tunnel_protection_shared


def test_nhs_learnt_from_a_static_map_and_flexvpn_shortcut_template() -> None:
    # gh-avasekho-otus-lab14-ikev2-psk (spoke: nhs + map); gh-vyos-docs-flexvpn-hub-cisco (VT).
    spoke = RouterConfig.from_text(
        "interface Tunnel0\n ip nhrp map 10.99.20.1 77.58.86.53\n"
        " ip nhrp map multicast 77.58.86.53\n ip nhrp network-id 77\n ip nhrp nhs 10.99.20.1\n"
        " tunnel mode gre multipoint\n"
        "interface Virtual-Template1 type tunnel\n ip nhrp network-id 1\n"
        " ip nhrp shortcut virtual-template 1\n"
    )
    tunnel = spoke.interfaces["Tunnel0"]
    assert tunnel.nhrp.mappings == (NhrpMapping("10.99.20.1", "77.58.86.53"),)
    assert tunnel.nhrp.nbma_of("10.99.20.1") == "77.58.86.53"
    assert tunnel.nhrp.multicast == ("77.58.86.53",)
    assert tunnel.nhrp.static_peers == ("77.58.86.53",)
    template = spoke.interfaces["Virtual-Template1"]
    assert template.nhrp.shortcut_virtual_template == 1
    assert spoke.unread == ()


def test_column_zero_description_stays_in_its_interface() -> None:
    # gh-jclarkson-ikev2-gre-site2site site_a.cfg: a description printed at column 0 inside
    # ``interface Tunnel102``; IOS config mode keeps it (and what follows) in the interface.
    config = RouterConfig.from_text(
        "interface Tunnel102\n"
        "description IKEV2-GRE OVER IPSEC,Before enable IKEV2,please no inter tunnel 101\n"
        " ip address 12.2.1.1 255.255.255.0\n tunnel source Ethernet1/0\n"
        " tunnel destination 202.100.1.2\n tunnel protection ipsec profile IPV4\n"
    )
    tunnel = config.interfaces["Tunnel102"]
    assert tunnel.description is not None and tunnel.description.startswith("IKEV2-GRE OVER")
    assert tunnel.ipv4 == (ipaddress.IPv4Interface("12.2.1.1/24"),)
    assert (tunnel.tunnel_destination, tunnel.tunnel_protection) == ("202.100.1.2", "IPV4")
    assert config.unread == ()


def test_a_flat_config_is_read_by_mode_the_current_sub_mode_first() -> None:
    # doc-cisco-115934-ikev2-debugs-s2s-psk router1.cfg (Cisco document 115934): the config
    # is published with no indentation at all; IOS config mode keeps ``hostname host1`` in the
    # keyring peer that is open (the peer's identity), though global config takes ``hostname``.
    config = RouterConfig.from_text(
        "interface Ethernet0/0\nip address 10.0.0.1 255.255.255.0\n\n"
        "crypto ikev2 proposal PHASE1-prop\nencryption 3des aes-cbc-128\nintegrity sha1\n"
        "group 2\n!\ncrypto ikev2 keyring KEYRNG\npeer peer1\n"
        "address 10.0.0.2 255.255.255.0\nhostname host1\n"
    )
    assert config.hostname is None
    peer = config.keyrings["KEYRNG"].peers[0]
    assert (peer.name, peer.hostname) == ("peer1", "host1")
    assert config.proposals["PHASE1-prop"].encryption == ("3des", "aes-cbc-128")
    assert config.interfaces["Ethernet0/0"].ipv4 == (ipaddress.IPv4Interface("10.0.0.1/24"),)
    assert config.unread == ()


def test_an_indented_config_keeps_its_column_zero_hostname_global() -> None:
    # The same lines printed as show running-config prints them: the column-0 hostname after
    # the keyring is the router's name (indentation is the nesting when the text has any).
    config = RouterConfig.from_text(
        "crypto ikev2 keyring KEYRNG\n peer peer1\n  address 10.0.0.2 255.255.255.0\n !\n"
        "hostname host1\n"
    )
    assert config.hostname == "host1"
    assert config.keyrings["KEYRNG"].peers[0].hostname is None


def test_primary_address_first_though_secondaries_are_printed_before_it() -> None:
    # gh-skydevil-lab14-gre-dmvpn R13 Ethernet0/2: the secondary line comes first.
    config = RouterConfig.from_text(
        "interface Ethernet0/2\n ip address 10.10.13.254 255.255.255.0 secondary\n"
        " ip address 172.16.1.13 255.255.255.0\n"
    )
    intf = config.interfaces["Ethernet0/2"]
    assert [str(a.ip) for a in intf.ipv4] == ["172.16.1.13", "10.10.13.254"]
    assert [str(a.ip) for a in intf.ipv4_secondary] == ["10.10.13.254"]


def test_lines_whose_values_the_grammar_did_not_name_are_read() -> None:
    # Commands of IOS-XE 16/17 FlexVPN hubs whose grammar rows once gave the model no value:
    # ``ip radius source-interface`` in a server group, ``tunnel protection ... ikev2-profile``
    # (Cisco Security Command Reference, "tunnel protection"), certificate-map ``name`` /
    # ``expires-on`` rules (Cisco PKI configuration guide, "crypto pki certificate map"), and
    # ``cts sgt inline`` (Cisco "TrustSec DMVPN Inline Tagging Support", IOS XE 16.7).
    config = RouterConfig.from_text(
        "aaa new-model\naaa group server radius ISE\n server name ISE1\n"
        " ip radius source-interface GigabitEthernet2\n"
        "crypto pki certificate map SPOKES 10\n name co spoke\n expires-on gt 01:00:00 Jan 1 2030\n"
        "interface Tunnel1\n cts sgt inline\n cts manual\n cts role-based enforcement\n"
        " tunnel protection ipsec profile IPSEC ikev2-profile SPOKE\n"
    )
    assert config.aaa.server_groups["ISE"].source_interface == "GigabitEthernet2"
    assert config.pki.certificate_maps["SPOKES"][0].rules == (
        ("name", "co", "spoke"), ("expires-on", "gt", "01:00:00 Jan 1 2030"))
    tunnel = config.interfaces["Tunnel1"]
    assert (tunnel.cts_sgt_inline, tunnel.tunnel_protection,
            tunnel.tunnel_protection_ikev2_profile) == (True, "IPSEC", "SPOKE")
    assert config.unread == ()


def test_remote_access_profile_lines_read_whole() -> None:
    # FlexVPN remote access (Cisco "FlexVPN and Internet Key Exchange Version 2 Configuration
    # Guide", IOS XE 17: EAP query-identity with its 45-180 s timeout, AnyConnect aggregate
    # authentication, initial-contact force; ``eku request`` in the trustpoint).
    config = RouterConfig.from_text(
        "crypto pki trustpoint RA\n enrollment terminal\n eku request client-auth server-auth\n"
        "crypto ikev2 profile RA\n match identity remote any\n authentication local rsa-sig\n"
        " authentication remote eap query-identity timeout 60\n"
        " authentication remote anyconnect-eap aggregate\n initial-contact force\n"
        " pki trustpoint RA\n virtual-template 10\n"
    )
    profile = config.profiles["RA"]
    assert [(a.method, a.options) for a in profile.auth_remote] == [
        ("eap", ("query-identity", "timeout 60")), ("anyconnect-eap", ("aggregate",))]
    assert config.unread == ()
    # The authorization policy a remote-access headend pushes (Cisco IKEv2 command reference,
    # "crypto ikev2 authorization policy"): client settings read whole, the session lifetime kept.
    policy = RouterConfig.from_text(
        "crypto ikev2 authorization policy RA\n pool RA\n ipv6 dns 2001:DB8::53\n"
        " max-logins 1\n include-local-lan\n save-password\n smartcard-removal-disconnect\n"
        " pfs\n session-lifetime 3600\n")
    assert policy.authorization_policies["RA"].session_lifetime == 3600
    assert policy.unread == ()
    # Out of IOS's range (45-180 s): not a line IOS shows, reported.
    wrong = RouterConfig.from_text(
        "crypto ikev2 profile RA\n authentication remote eap timeout 20\n")
    assert [u.text for u in wrong.unread] == ["authentication remote eap timeout 20"]


def test_dmvpn_hub_and_ipsec_tuning_lines_read_whole() -> None:
    # IOS-XE DMVPN hub lines (Cisco DMVPN configuration guide: "if-state nhrp"; Security Command
    # Reference: "mode transport require", "crypto ipsec security-association lifetime
    # kilobytes disable" - real SAs then print "KB Vol Rekey Disabled", corpus
    # genie-show-crypto-session-detail), EIGRP authentication on the tunnel, a private RADIUS
    # server in a group, a plain ``route accept``.
    config = RouterConfig.from_text(
        "aaa new-model\naaa group server radius ISE\n server-private 10.0.0.10 key 0 secret\n"
        "crypto ikev2 authorization policy AP\n route accept\n"
        "crypto ikev2 profile P\n lifetime certificate\n"
        "crypto ipsec security-association lifetime kilobytes disable\n"
        "crypto ipsec transform-set TS esp-gcm 256\n mode transport require\n"
        "interface Tunnel100\n ip address 10.0.100.1 255.255.255.0\n"
        " ip authentication mode eigrp 100 md5\n ip nhrp network-id 100\n if-state nhrp\n"
        " qos pre-classify\n tunnel mode gre multipoint\n"
    )
    assert config.aaa.server_groups["ISE"].servers == ("10.0.0.10",)
    assert config.authorization_policies["AP"].route_accept is True
    assert config.profiles["P"].lifetime_certificate is True
    assert config.ipsec.sa_lifetime_kilobytes_disabled is True
    transform_set = config.transform_set("TS")
    assert transform_set is not None and transform_set.mode == "transport"
    assert config.unread == ()
