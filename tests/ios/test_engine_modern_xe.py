"""Config mode, show running-config and the model for the command families the modern IOS XE
(16.x/17.x) corpus sources of 2026-12 brought in: ISR C1111 and CSR1000v/Catalyst 8000V
running configs.

Every line is typed by hand from the corpus file named in the test
(tests/fixtures/real/<source>/<host>.cfg); every expected text is written by hand.
"""

from __future__ import annotations

from flexorch.ios.config import ConfigSession, ConfigTree
from flexorch.ios.facts import ERROR_INVALID
from flexorch.ios.model import RouterConfig
from tests.ios.test_engine_families import _body, _tree

# --- crypto pki certificate pool ---------------------------------------------------------------

def test_the_certificate_pool_opens_a_mode_holding_its_ca_bundle() -> None:
    # gh-ktbyers-pyplus-c1111-cisco3/cisco3.cfg (ISR C1111-4P, IOS XE 16.12)
    session = ConfigSession(ConfigTree())
    assert session.feed("crypto pki certificate pool").ok
    assert session.mode == "ca-certificate-pool"
    assert session.feed(" cabundle nvram:ios.p7b").ok
    refused = session.feed(" enrollment terminal")
    assert refused.error is not None and refused.error.endswith(ERROR_INVALID)
    assert "\ncrypto pki certificate pool\n cabundle nvram:ios.p7b\n" in _body(session.tree)


def test_a_cabundle_needs_its_file() -> None:
    session = ConfigSession(ConfigTree())
    assert session.feed("crypto pki certificate pool").ok
    assert not session.feed(" cabundle").ok


def test_the_model_leaves_the_certificate_pool_alone_with_nothing_unread() -> None:
    text = ("hostname cisco3\n!\ncrypto pki certificate pool\n cabundle nvram:ios.p7b\n!\n"
            "license udi pid C1111-4P sn FGL222290LB\n!\nend\n")
    config = RouterConfig.from_text(text)
    assert config.unread == ()
    assert config.hostname == "cisco3"
    assert config.software.platform == "C1111-4P"
    assert config.pki.trustpoints == {} and config.pki.certificate_chains == {}


def test_the_pool_sits_beside_the_trustpoints_it_does_not_replace() -> None:
    body = _body(_tree([
        "crypto pki trustpoint SLA-TrustPoint", " enrollment pkcs12", " revocation-check crl",
        "crypto pki certificate pool", " cabundle nvram:ios.p7b",
    ]))
    assert "crypto pki trustpoint SLA-TrustPoint\n enrollment pkcs12\n" in body
    assert "crypto pki certificate pool\n cabundle nvram:ios.p7b\n" in body


def _lines(tree: ConfigTree) -> list[str]:
    """The shown config's lines without the ``!`` separators."""
    return [line for line in _body(tree).splitlines() if line.strip() != "!"]


def _before(lines: list[str], first: str, second: str) -> bool:
    return lines.index(first) < lines.index(second)


# --- Call-home's transport methods, each on or off on its own ----------------------------------

def test_the_tac_profile_shows_http_on_and_email_off() -> None:
    # gh-scrapli-cfg-csr1612-vrnetlab/csr1000v.cfg (CSR1000v 16.12), profile "CiscoTAC-1"
    body = _body(_tree([
        "version 16.12", "call-home", " contact-email-addr sch-smart-licensing@cisco.com",
        ' profile "CiscoTAC-1"', "  active", "  destination transport-method http",
        "  no destination transport-method email"]))
    assert (' profile "CiscoTAC-1"\n  active\n  destination transport-method http\n'
            "  no destination transport-method email\n") in body


def test_turning_email_back_on_replaces_its_no_form_only() -> None:
    session = ConfigSession(ConfigTree())
    for line in ("call-home", ' profile "CiscoTAC-1"', "  destination transport-method http",
                 "  no destination transport-method email", "  destination transport-method email"):
        assert session.feed(line).ok
    body = _body(session.tree)
    assert "  destination transport-method http\n  destination transport-method email\n" in body
    assert "no destination transport-method" not in body


# --- Global lines IOS-XE 16 shows in their no form ----------------------------------------------

def test_no_login_on_success_log_is_shown() -> None:
    # gh-nickrusso-ansnet2-csr1612-ikev2-vgw/r1.cfg (CSR1000v 16.12)
    assert "\nno login on-success log\n" in _body(_tree(["no login on-success log"]))
    assert "\nlogin on-success log\n" in _body(_tree(["login on-success log"]))


def test_no_service_timestamps_is_shown() -> None:
    # gh-jclarkson-csr165-sr-playground/p2.cfg (CSR1000v 16.5)
    lines = _lines(_tree(["version 16.5", "no service timestamps debug uptime",
                          "no service timestamps log uptime", "hostname p2"]))
    assert lines[:4] == ["version 16.5", "no service timestamps debug uptime",
                         "no service timestamps log uptime", "hostname p2"]


# --- The legacy NETCONF agent -----------------------------------------------------------------

def test_netconf_ssh_is_its_own_command_printed_after_the_lines_on_16_12() -> None:
    # gh-scrapli-cfg-csr1612-vrnetlab/csr1000v.cfg: line vty 5 15, netconf ssh, netconf-yang, end
    lines = _lines(_tree(["version 16.12", "netconf-yang", "netconf ssh", "line vty 0 4",
                          " login local", "ntp server 192.0.2.1"]))
    assert "netconf ssh" in lines and "netconf-yang ssh" not in lines
    assert _before(lines, " login local", "netconf ssh")
    assert _before(lines, "netconf ssh", "netconf-yang")
    # and netconf-yang after ntp (gh-ktbyers-pyplus-c1111-cisco3/cisco3.cfg)
    assert _before(lines, "ntp server 192.0.2.1", "netconf-yang")


def test_netconf_ssh_takes_no_other_word() -> None:
    session = ConfigSession(ConfigTree())
    refused = session.feed("netconf ssh bogus")
    assert refused.error is not None and refused.error.endswith(ERROR_INVALID)


# --- Section order by train -------------------------------------------------------------------

def test_enable_secret_follows_the_boot_markers_on_16_x() -> None:
    # gh-ktbyers-pyplus-c1111-cisco3/cisco3.cfg (16.12), p1.cfg of
    # gh-jclarkson-csr165-sr-playground (16.5): enable before aaa new-model
    config = ["hostname r", "username u privilege 15 secret 0 pw", "aaa new-model",
              "enable secret 0 cisco", "boot-start-marker", "boot-end-marker"]
    lines = _lines(_tree(["version 16.12", *config]))
    enable = next(line for line in lines if line.startswith("enable secret"))
    assert _before(lines, "boot-end-marker", enable) and _before(lines, enable, "aaa new-model")
    # IOS-XE 26.2 prints it just before the users (gh-juliogomez-iosxe26-pqc-svti/r3.cfg)
    lines = _lines(_tree(["version 26.2", *config]))
    enable = next(line for line in lines if line.startswith("enable secret"))
    user = next(line for line in lines if line.startswith("username u"))
    assert _before(lines, "aaa new-model", enable) and _before(lines, enable, user)


def test_call_home_follows_the_clock_on_16_12_and_the_lines_on_17() -> None:
    # 16.12: cisco3.cfg (clock summer-time, call-home, ip name-server); 17.3:
    # gh-jakubkkk12-cml-dmvpn05-csr17-bfd (line vty, call-home, end)
    config = ["clock timezone PST -8 0", "ip name-server 1.1.1.1", "call-home",
              " contact-email-addr a@example.com", "line vty 0 4", " transport input ssh"]
    old = _lines(_tree(["version 16.12", *config]))
    assert _before(old, "clock timezone PST -8 0", "call-home")
    assert _before(old, "call-home", "ip name-server 1.1.1.1")
    new = _lines(_tree(["version 17.3", *config]))
    assert _before(new, " transport input ssh", "call-home")


def test_crypto_logging_sits_between_the_ikev2_profiles_and_the_transform_sets() -> None:
    # gh-nickrusso-ansnet2-csr1612-ikev2-pan/r1.cfg
    lines = _lines(_tree([
        "crypto ipsec transform-set IPSEC_XFORM esp-gcm 256", "crypto logging ikev2",
        "crypto logging session", "crypto ikev2 profile IKEV2_PROFILE",
        " match identity remote address 0.0.0.0"]))
    assert _before(lines, "crypto ikev2 profile IKEV2_PROFILE", "crypto logging ikev2")
    assert _before(lines, "crypto logging session", "crypto ipsec transform-set IPSEC_XFORM "
                                                    "esp-gcm 256")


def test_ip_tcp_follows_ip_forward_protocol_from_16_12_and_redundancy_on_15() -> None:
    # 16.12: gh-nickrusso-ansnet2-csr1612-basic/r1.cfg (no ip forward-protocol nd,
    # ip tcp synwait-time 5, no ip http server); 15.4: gh-skydevil-final-dmvpn-dualcloud
    config = ["ip http server", "no ip forward-protocol nd", "ip tcp synwait-time 5",
              "redundancy"]
    new = _lines(_tree(["version 16.12", *config]))
    assert _before(new, "no ip forward-protocol nd", "ip tcp synwait-time 5")
    assert _before(new, "ip tcp synwait-time 5", "ip http server")
    old = _lines(_tree(["version 15.4", *config]))
    assert _before(old, "redundancy", "ip tcp synwait-time 5")
    assert _before(old, "ip tcp synwait-time 5", "no ip forward-protocol nd")
    assert _before(new, "redundancy", "no ip forward-protocol nd")


def test_the_ikev2_profile_shows_remote_authentication_first_again_on_16_12() -> None:
    # 16.12: gh-nickrusso-ansnet2-csr1612-ikev2-vgw/r1.cfg; 16.4: gh-fabferri-vwan-csr164-svti
    profile = ["crypto ikev2 profile P", " authentication local pre-share key k1",
               " authentication remote pre-share key k1"]
    new = _lines(_tree(["version 16.12", *profile]))
    assert _before(new, " authentication remote pre-share key k1",
                   " authentication local pre-share key k1")
    old = _lines(_tree(["version 16.4", *profile]))
    assert _before(old, " authentication local pre-share key k1",
                   " authentication remote pre-share key k1")


def test_archive_memory_and_file_prompt_keep_the_order_they_were_configured() -> None:
    # cisco3.cfg (16.12): license, archive, memory free, file prompt quiet, diagnostic
    lines = _lines(_tree([
        "version 16.12", "license udi pid C1111-4P sn FGL222290LB", "archive",
        " path flash:cisco3-cfg", "memory free low-watermark processor 70550",
        "file prompt quiet", "diagnostic bootup level minimal", "spanning-tree extend system-id"]))
    order = ["license udi pid C1111-4P sn FGL222290LB", "archive", " path flash:cisco3-cfg",
             "memory free low-watermark processor 70550", "file prompt quiet",
             "diagnostic bootup level minimal", "spanning-tree extend system-id"]
    assert [line for line in lines if line in order] == order


def test_lldp_run_follows_the_vlan_allocation_policy() -> None:
    # cisco3.cfg (16.12): redundancy, vlan internal allocation policy ascending, lldp run
    lines = _lines(_tree(["version 16.12", "lldp run", "vlan internal allocation policy ascending",
                          "redundancy",
                          "interface GigabitEthernet0/0/0", " ip address 10.0.0.1 255.0.0.0"]))
    assert _before(lines, "vlan internal allocation policy ascending", "lldp run")
    assert _before(lines, "lldp run", "interface GigabitEthernet0/0/0")


# --- Inside blocks ------------------------------------------------------------------------------

def test_a_console_line_shows_transport_input_before_stopbits() -> None:
    # cisco3.cfg and pynet-pod2-rtr1.cfg (ISR C1111, 16.12 and 16.8)
    assert ("line con 0\n logging synchronous\n transport input none\n stopbits 1\n"
            in _body(_tree(["line con 0", " stopbits 1", " transport input none",
                            " logging synchronous"])))


def test_ip_router_isis_follows_the_address_and_precedes_the_link_settings() -> None:
    # gh-jclarkson-csr165-sr-playground/p1.cfg (CSR1000v 16.5), interface GigabitEthernet1
    body = _body(_tree(["router isis djohn", "interface GigabitEthernet1", " negotiation auto",
                        " ip router isis djohn", " ip address 169.254.1.1 255.255.255.0"]))
    assert ("interface GigabitEthernet1\n ip address 169.254.1.1 255.255.255.0\n"
            " ip router isis djohn\n negotiation auto\n") in body


def test_extended_acl_deny_is_padded_with_its_sequence_number_on_17() -> None:
    # gh-fabferri-azure-csr173-rs-routingcontrol/sea-cust33-csr1.cfg (CSR1000v 17.3)
    body = _body(_tree(["version 17.3", "ip access-list extended SPOKE",
                        " deny ip 10.0.4.0 0.0.3.255 10.0.4.0 0.0.3.255", " permit ip any any"]))
    assert ("ip access-list extended SPOKE\n"
            " 10 deny   ip 10.0.4.0 0.0.3.255 10.0.4.0 0.0.3.255\n"
            " 20 permit ip any any\n") in body


def test_the_connected_prefix_sid_maps_address_family_is_closed() -> None:
    # gh-jclarkson-csr165-sr-playground/p1.cfg (CSR1000v 16.5)
    body = _body(_tree(["version 16.5", "segment-routing mpls", " connected-prefix-sid-map",
                        "  address-family ipv4", "   1.1.1.1/32 index 1 range 1",
                        "  exit-address-family"]))
    assert ("segment-routing mpls\n !\n connected-prefix-sid-map\n  address-family ipv4\n"
            "   1.1.1.1/32 index 1 range 1\n  exit-address-family\n") in body or (
        "segment-routing mpls\n connected-prefix-sid-map\n  address-family ipv4\n"
        "   1.1.1.1/32 index 1 range 1\n  exit-address-family\n") in body


def test_the_te_globals_and_the_sr_block_take_their_16_x_places() -> None:
    # p1.cfg: subscriber templating, mpls traffic-eng tunnels, multilink bundle-name; the
    # certificate chain, segment-routing mpls, license
    lines = _lines(_tree([
        "version 16.5", "license udi pid CSR1000V sn 98NELSVRT4N", "segment-routing mpls",
        "threat-visibility", "virtual-service csr_mgmt", "router isis djohn",
        "multilink bundle-name authenticated", "subscriber templating",
        "mpls traffic-eng tunnels", "crypto pki trustpoint TP", " enrollment selfsigned"]))
    assert _before(lines, "subscriber templating", "mpls traffic-eng tunnels")
    assert _before(lines, "mpls traffic-eng tunnels", "multilink bundle-name authenticated")
    assert _before(lines, "crypto pki trustpoint TP", "segment-routing mpls")
    assert _before(lines, "segment-routing mpls", "license udi pid CSR1000V sn 98NELSVRT4N")
    assert _before(lines, "router isis djohn", "threat-visibility")
    assert _before(lines, "threat-visibility", "virtual-service csr_mgmt")


# --- CSR1000v 17.3 SP edge routers (gh-nickrusso-spcor9-csr173-bgp, -spauto2-csr173-sr-ospf) ---

def test_ospf_takes_its_segment_routing_lines_and_stays_in_its_mode() -> None:
    # gh-nickrusso-spauto2-csr173-sr-ospf/csr04.cfg: router ospf 1 with router-id,
    # segment-routing mpls, segment-routing prefix-sid-map advertise-local, network ... area 0
    session = ConfigSession(ConfigTree())
    for line in ("router ospf 1", " router-id 10.0.0.4", " segment-routing mpls",
                 " segment-routing prefix-sid-map advertise-local",
                 " network 0.0.0.0 255.255.255.255 area 0"):
        assert session.feed(line).ok, line
        assert session.mode == "config-router"
    assert ("router ospf 1\n router-id 10.0.0.4\n segment-routing mpls\n"
            " segment-routing prefix-sid-map advertise-local\n"
            " network 0.0.0.0 255.255.255.255 area 0\n") in _body(session.tree)
    refused = session.feed(" segment-routing prefix-sid-map bogus")
    assert refused.error is not None and refused.error.endswith(ERROR_INVALID)


def test_the_17_3_sp_router_sections_take_their_places() -> None:
    # gh-nickrusso-spcor9-csr173-bgp/csr08.cfg and csr05.cfg, spauto2 csr04.cfg (CSR1000v 17.3)
    lines = _lines(_tree([
        "version 17.3", "segment-routing mpls", "netconf-yang", "restconf",
        "telemetry ietf subscription 0", " stream yang-push",
        "ip community-list standard CL_FULLBOGONS permit 65332:888", "ip http server",
        "router ospf 1",
        "interface Loopback0", " ip address 10.0.0.4 255.255.255.255",
        "multilink bundle-name authenticated", "subscriber templating",
        "mpls label range 8000 8900 static 8901 8999", "flow record FLOW_RECORD_IPV4",
        " match ipv4 dscp", "diagnostic bootup level minimal",
        "license udi pid CSR1000V sn 9PQBTKR7DA7", "no ip icmp rate-limit unreachable",
        "process cpu threshold type total rising 50 interval 60 falling 20 interval 60",
        "no aaa new-model"]))
    order = ["no aaa new-model",
             "process cpu threshold type total rising 50 interval 60 falling 20 interval 60",
             "no ip icmp rate-limit unreachable", "subscriber templating",
             "mpls label range 8000 8900 static 8901 8999", "flow record FLOW_RECORD_IPV4",
             "multilink bundle-name authenticated", "license udi pid CSR1000V sn 9PQBTKR7DA7",
             "diagnostic bootup level minimal", "interface Loopback0", "segment-routing mpls",
             "router ospf 1", "ip http server",
             "ip community-list standard CL_FULLBOGONS permit 65332:888",
             "telemetry ietf subscription 0", "netconf-yang", "restconf"]
    assert [line for line in lines if line in order] == order


def test_a_flexible_netflow_monitor_precedes_the_interface_address() -> None:
    # gh-nickrusso-spcor9-csr173-bgp/csr08.cfg, interface GigabitEthernet2.3078
    body = _body(_tree([
        "vrf definition HUB", " address-family ipv4", "flow record R", " match ipv4 dscp",
        " collect counter bytes", "flow monitor M", " record R",
        "interface GigabitEthernet2.3078", " description CSR07", " encapsulation dot1Q 3078",
        " vrf forwarding HUB", " ip address 172.16.78.8 255.255.255.0",
        " ip flow monitor M input"]))
    assert ("interface GigabitEthernet2.3078\n description CSR07\n encapsulation dot1Q 3078\n"
            " vrf forwarding HUB\n ip flow monitor M input\n"
            " ip address 172.16.78.8 255.255.255.0\n") in body


def test_lldp_and_cdp_follow_redundancy_in_the_order_typed() -> None:
    # gh-nickrusso-spcor9-csr173-bgp/csr01.cfg (17.3): redundancy, lldp run, cdp run
    lines = _lines(_tree(["version 17.3", "lldp run", "cdp run", "redundancy",
                          "username labadmin privilege 15 secret 0 pw"]))
    tail = [line for line in lines if line in ("redundancy", "lldp run", "cdp run")]
    assert tail == ["redundancy", "lldp run", "cdp run"]


# --- C8000V IOS XE 17.15 (gh-dcantor-c8000v1715-svti-hub, gh-dcantor-c8000v1715-dmvpn-ikev2) ----

def test_the_17_15_global_ip_sections_take_their_places() -> None:
    # r1.cfg of gh-dcantor-c8000v1715-svti-hub (C8000V 17.15): ip forward-protocol nd,
    # ip bgp-community new-format, ip community-list, ip as-path, no ip http server,
    # ip http secure-server, ip route, ip nat pool, ip nat inside source, ip ssh,
    # ip prefix-list, ip access-list standard, ip access-list extended
    config = [
        "ip access-list extended NAT-POOL-SRC",
        " 10 permit ip 192.168.10.64 0.0.0.31 10.30.0.0 0.0.255.255",
        "ip access-list standard VTY-MGMT", " 10 permit 192.168.99.0 0.0.0.255",
        "ip prefix-list PL-OWN-LO seq 5 permit 10.20.1.1/32",
        "ip ssh bulk-mode 131072",
        "ip nat pool SITE-POOL 10.30.1.100 10.30.1.129 prefix-length 24",
        "ip nat inside source list NAT-POOL-SRC pool SITE-POOL",
        "ip route 10.30.1.0 255.255.255.0 Null0",
        "no ip http server", "ip http secure-server",
        "ip as-path access-list 10 permit ^65002$",
        "ip community-list standard CL-VALID permit 65001:1",
        "ip bgp-community new-format",
        "ip forward-protocol nd",
    ]
    order = ["ip forward-protocol nd", "ip bgp-community new-format",
             "ip community-list standard CL-VALID permit 65001:1",
             "ip as-path access-list 10 permit ^65002$", "no ip http server",
             "ip http secure-server", "ip route 10.30.1.0 255.255.255.0 Null0",
             "ip nat pool SITE-POOL 10.30.1.100 10.30.1.129 prefix-length 24",
             "ip nat inside source list NAT-POOL-SRC pool SITE-POOL", "ip ssh bulk-mode 131072",
             "ip prefix-list PL-OWN-LO seq 5 permit 10.20.1.1/32",
             "ip access-list standard VTY-MGMT", "ip access-list extended NAT-POOL-SRC"]
    lines = _lines(_tree(["version 17.15", *config]))
    assert [line for line in lines if line in order] == order
    # 17.3 keeps its own places (gh-fabferri-azure-csr173-rs-routingcontrol: the NAT line
    # before the routes, the prefix lists after the access lists; spauto2 csr04: the community
    # lists after ip http)
    old = _lines(_tree(["version 17.3", *config]))
    assert _before(old, "ip nat inside source list NAT-POOL-SRC pool SITE-POOL",
                   "ip route 10.30.1.0 255.255.255.0 Null0")
    assert _before(old, "ip access-list extended NAT-POOL-SRC",
                   "ip prefix-list PL-OWN-LO seq 5 permit 10.20.1.1/32")
    assert _before(old, "ip http secure-server",
                   "ip community-list standard CL-VALID permit 65001:1")


def test_diagnostic_bootup_follows_license_and_memory_on_17_15() -> None:
    # r2.cfg of gh-dcantor-c8000v1715-svti-hub: license udi, license boot level, memory free
    # low-watermark, diagnostic bootup level minimal, spanning-tree extend system-id
    order = ["license udi pid C8000V sn 9M01CC10BTD",
             "memory free low-watermark processor 31774", "diagnostic bootup level minimal",
             "spanning-tree extend system-id"]
    # (memory and diagnostic share a place and keep the order typed, as on 16.12: cisco3.cfg)
    lines = _lines(_tree(["version 17.15", "spanning-tree extend system-id",
                          "memory free low-watermark processor 31774",
                          "diagnostic bootup level minimal",
                          "license udi pid C8000V sn 9M01CC10BTD"]))
    assert [line for line in lines if line in order] == order


def test_bfd_interval_sits_between_the_ip_lines_and_the_tunnel_lines() -> None:
    # r1.cfg of gh-dcantor-c8000v1715-dmvpn-ikev2 (C8000V 17.15), interface Tunnel0
    body = _body(_tree([
        "version 17.15", "interface Tunnel0", " tunnel key 100",
        " tunnel source GigabitEthernet2", " tunnel mode gre multipoint",
        " bfd interval 500 min_rx 500 multiplier 3", " ip tcp adjust-mss 1360",
        " ip nhrp redirect", " ip nat outside", " ip address 172.20.0.1 255.255.255.0"]))
    assert ("interface Tunnel0\n ip address 172.20.0.1 255.255.255.0\n ip nat outside\n"
            " ip nhrp redirect\n ip tcp adjust-mss 1360\n"
            " bfd interval 500 min_rx 500 multiplier 3\n tunnel source GigabitEthernet2\n"
            " tunnel mode gre multipoint\n tunnel key 100\n") in body


def test_a_vty_line_shows_its_access_class_before_the_exec_timeout() -> None:
    # r1.cfg of gh-dcantor-c8000v1715-svti-hub (17.15) and gh-neytrin-otus-lab14-cryptomap-dmvpn
    # r28.cfg (IOL 15.4)
    body = _body(_tree(["version 17.15", "ip access-list standard VTY-MGMT",
                        " 10 permit 192.168.99.0 0.0.0.255", "line vty 0 4",
                        " exec-timeout 0 0", " transport input ssh",
                        " access-class VTY-MGMT in vrf-also"]))
    assert ("line vty 0 4\n access-class VTY-MGMT in vrf-also\n exec-timeout 0 0\n"
            " transport input ssh\n") in body


def test_a_standard_acl_deny_is_not_padded_on_17_15() -> None:
    # r1.cfg of gh-dcantor-c8000v1715-svti-hub: " 30 deny any log"; IOS 15.7 pads it
    # (gh-degreekeeper-otus-less16-ipsec/r28.cfg: " deny   any")
    acl = ["ip access-list standard VTY-MGMT", " 10 permit 192.168.99.0 0.0.0.255",
           " 30 deny any log"]
    assert " 30 deny any log\n" in _body(_tree(["version 17.15", *acl]))
    assert " 30 deny   any log\n" in _body(_tree(["version 17.3", *acl]))
    assert " deny   any log\n" in _body(_tree(["version 15.7", *acl]))


def test_snmp_server_host_keeps_one_entry_per_udp_port() -> None:
    # r1.cfg of gh-dcantor-c8000v1715-svti-hub: the same host, VRF and user, once with
    # udp-port 1162 and once on the default port
    session = ConfigSession(ConfigTree())
    for line in ("snmp-server host 192.168.99.10 vrf MGMT version 3 priv labmon udp-port 1162",
                 "snmp-server host 192.168.99.10 vrf MGMT version 3 priv labmon"):
        assert session.feed(line).ok
    body = _body(session.tree)
    assert ("snmp-server host 192.168.99.10 vrf MGMT version 3 priv labmon udp-port 1162\n"
            "snmp-server host 192.168.99.10 vrf MGMT version 3 priv labmon\n") in body
    # the same port again replaces that port's entry only
    assert session.feed(
        "snmp-server host 192.168.99.10 vrf MGMT version 3 priv other udp-port 1162").ok
    body = _body(session.tree)
    assert "priv labmon udp-port 1162" not in body
    assert "snmp-server host 192.168.99.10 vrf MGMT version 3 priv other udp-port 1162\n" in body
    assert "snmp-server host 192.168.99.10 vrf MGMT version 3 priv labmon\n" in body


def test_cdp_and_lldp_run_follow_the_ikev2_blocks_on_17_15() -> None:
    # hub.cfg of gh-dcantor-cat8000v1715-ipsec-vti-nac (C8000V 17.15): crypto ikev2 profile,
    # cdp run, lldp run, crypto ipsec transform-set; 17.3 (gh-nickrusso-spcor9-csr173-bgp):
    # redundancy, lldp run, cdp run
    config = ["crypto ipsec transform-set VPN-TS esp-aes 256 esp-sha256-hmac",
              "crypto ikev2 profile VPN-IKEV2", " dpd 20 3 on-demand", "cdp run", "lldp run",
              "redundancy"]
    new = _lines(_tree(["version 17.15", *config]))
    assert _before(new, "crypto ikev2 profile VPN-IKEV2", "cdp run")
    assert _before(new, "lldp run", "crypto ipsec transform-set VPN-TS esp-aes 256 esp-sha256-hmac")
    old = _lines(_tree(["version 17.3", *config]))
    assert _before(old, "redundancy", "cdp run")
    assert _before(old, "lldp run", "crypto ikev2 profile VPN-IKEV2")


# --- IOSv 15.6 (gh-ngmunia-iosv156-dualhub-dmvpn-zbf) ----------------------------------------

def test_an_iosv_dmvpn_tunnel_shows_zone_delay_and_the_tunnel_lines_in_order() -> None:
    # hq-r1-hub.cfg, interface Tunnel10 (IOSv 15.6)
    body = _body(_tree([
        "version 15.6", "zone security Inside",
        "crypto ipsec transform-set crypto_ts esp-aes 256 esp-sha256-hmac", " mode transport",
        "crypto ipsec profile crypto_profile", " set transform-set crypto_ts",
        "interface Tunnel10",
        " tunnel protection ipsec profile crypto_profile", " tunnel key 10",
        " tunnel mode gre multipoint", " tunnel source GigabitEthernet0/1", " delay 1",
        " ip tcp adjust-mss 1360", " zone-member security Inside", " ip nhrp network-id 10",
        " ip nhrp map multicast dynamic", " ip nhrp authentication dmvpn1",
        " ip address 172.16.0.1 255.255.255.0"]))
    assert ("interface Tunnel10\n ip address 172.16.0.1 255.255.255.0\n"
            " ip nhrp authentication dmvpn1\n ip nhrp map multicast dynamic\n"
            " ip nhrp network-id 10\n zone-member security Inside\n ip tcp adjust-mss 1360\n"
            " delay 1\n tunnel source GigabitEthernet0/1\n tunnel mode gre multipoint\n"
            " tunnel key 10\n tunnel protection ipsec profile crypto_profile\n") in body


def test_an_iosv_ethernet_port_shows_nbar_before_netflow_and_no_cdp_enable_last() -> None:
    # r1-branch.cfg GigabitEthernet0/0 and hq-r1-hub.cfg GigabitEthernet0/0 (IOSv 15.6)
    body = _body(_tree([
        "version 15.6", "zone security Inside", "interface GigabitEthernet0/0", " no cdp enable",
        " media-type rj45", " speed auto", " duplex auto",
        " ip summary-address eigrp 100 192.168.0.0 255.255.224.0",
        " zone-member security Inside", " ip virtual-reassembly in", " ip nat inside",
        " ip flow egress", " ip flow ingress", " ip nbar protocol-discovery",
        " ip address 192.168.10.1 255.255.255.0"]))
    assert ("interface GigabitEthernet0/0\n ip address 192.168.10.1 255.255.255.0\n"
            " ip nbar protocol-discovery\n ip flow ingress\n ip flow egress\n ip nat inside\n"
            " ip virtual-reassembly in\n zone-member security Inside\n"
            " ip summary-address eigrp 100 192.168.0.0 255.255.224.0\n duplex auto\n"
            " speed auto\n media-type rj45\n no cdp enable\n") in body


def test_iosv_globals_process_cpu_clock_flow_cache_and_flow_export_take_their_places() -> None:
    # r1-branch.cfg (IOSv 15.6): ethernet lmi ce, no process cpu autoprofile hog, clock timezone,
    # mmi ...; ip dhcp pool, ip flow-cache timeout, ip domain name; ip forward-protocol nd,
    # ip flow-export ..., no ip http server (the DHCP and flow-cache lines share a place and keep
    # the order typed)
    session = ConfigSession(ConfigTree())
    for line in ("version 15.6", "no ip http server", "ip flow-export version 9",
                 "ip forward-protocol nd", "ip domain name abc.com",
                 "ip dhcp excluded-address 192.168.10.1 192.168.10.10",
                 "ip flow-cache timeout active 1", "mmi polling-interval 60",
                 "clock timezone GMT 3 0",
                 "no process cpu autoprofile hog", "snmp-server chassis-id "):
        assert session.feed(line).ok, line
    lines = _lines(session.tree)
    order = ["no process cpu autoprofile hog", "clock timezone GMT 3 0", "mmi polling-interval 60",
             "ip dhcp excluded-address 192.168.10.1 192.168.10.10",
             "ip flow-cache timeout active 1", "ip domain name abc.com", "ip forward-protocol nd",
             "ip flow-export version 9", "no ip http server"]
    assert [line for line in lines if line in order] == order
    assert "snmp-server chassis-id" in lines
    # the default form removes the 'no' line and is not shown
    assert session.feed("process cpu autoprofile hog").ok
    assert "no process cpu autoprofile hog" not in _body(session.tree)


def test_ios_15_0_still_shows_netflow_export_after_ip_http() -> None:
    # gh-jclarkson-l2bvi-netflow/r2.cfg (IOS 15.0): no ip http server, ip flow-export source
    lines = _lines(_tree(["version 15.0", "ip flow-export version 5", "no ip http server"]))
    assert _before(lines, "no ip http server", "ip flow-export version 5")
