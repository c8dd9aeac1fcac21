"""ConfigSession: modes, prompts, implicit exit, no-forms, single-valued replacement, errors.

Expected texts are written by hand from IOS behaviour (prompts, error strings, caret column).
"""

from __future__ import annotations

from flexorch.ios.config import ConfigSession, ConfigTree, apply_lines


def _session(*lines: str) -> ConfigSession:
    session = ConfigSession(ConfigTree())
    session.feed("hostname R1")
    for line in lines:
        result = session.feed(line)
        assert result.ok, (line, result.error)
    return session


def _stored(session: ConfigSession) -> list[str]:
    return [" " * depth + text for depth, text in session.tree.lines()]


def test_prompts_follow_sub_modes() -> None:
    session = _session()
    expected = [
        ("interface tunnel0", "R1(config-if)#"),
        ("crypto ikev2 proposal P1", "R1(config-ikev2-proposal)#"),
        ("crypto ikev2 policy POL", "R1(config-ikev2-policy)#"),
        ("crypto ikev2 keyring KR", "R1(config-ikev2-keyring)#"),
        ("peer SPOKE1", "R1(config-ikev2-keyring-peer)#"),
        ("crypto ikev2 profile PROF", "R1(config-ikev2-profile)#"),
        ("crypto ikev2 authorization policy AP", "R1(config-ikev2-author-policy)#"),
        ("crypto ikev2 name-mangler NM", "R1(config-ikev2-name-mangler)#"),
        ("crypto ikev2 client flexvpn C1", "R1(config-ikev2-flexvpn)#"),
        ("crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac", "R1(cfg-crypto-trans)#"),
        ("crypto ipsec profile IP", "R1(ipsec-profile)#"),
        ("aaa group server radius G", "R1(config-sg-radius)#"),
        ("radius server RS", "R1(config-radius-server)#"),
        ("crypto pki trustpoint TP", "R1(ca-trustpoint)#"),
        ("crypto pki certificate map CM 10", "R1(ca-certificate-map)#"),
        ("aaa attribute list AL", "R1(config-attr-list)#"),
        ("archive", "R1(config-archive)#"),
        ("line vty 0 4", "R1(config-line)#"),
        ("vrf definition V", "R1(config-vrf)#"),
        ("address-family ipv4", "R1(config-vrf-af)#"),
        ("exit-address-family", "R1(config-vrf)#"),
        ("exit", "R1(config)#"),
        ("end", "R1#"),
    ]
    for line, prompt in expected:
        result = session.feed(line)
        assert result.ok, (line, result.error)
        assert result.prompt == prompt, line
    assert not session.active


def test_abbreviations_are_expanded_and_interfaces_canonical() -> None:
    session = _session()
    assert session.feed("int tu0").canonical == "interface Tunnel0"
    assert session.feed("tun mode ipsec ipv4").canonical == "tunnel mode ipsec ipv4"
    assert session.feed("tunnel source g1").canonical == "tunnel source GigabitEthernet1"
    assert session.feed("ipv6 add 2001:db8::1/64").canonical == "ipv6 address 2001:DB8::1/64"


def test_implicit_exit_applies_global_line_and_leaves_sub_mode() -> None:
    session = _session("crypto ikev2 keyring KR", "peer P", "address 10.0.0.1")
    result = session.feed("crypto ikev2 fragmentation mtu 1360")
    assert result.ok
    assert result.mode == "config"
    assert _stored(session)[-1] == "crypto ikev2 fragmentation mtu 1360"


def test_second_tunnel_destination_replaces_first() -> None:
    session = _session("interface Tunnel1", "tunnel destination 192.0.2.1",
                       "tunnel destination 192.0.2.2")
    assert _stored(session) == ["hostname R1", "interface Tunnel1",
                                " tunnel destination 192.0.2.2"]


def test_invalid_input_has_caret_under_failing_word() -> None:
    session = _session("interface Tunnel1")
    result = session.feed("tunnel mode foo")
    prompt = "R1(config-if)#"
    assert result.error == " " * (len(prompt) + len("tunnel mode ")) + "^\n" + \
        "% Invalid input detected at '^' marker."
    assert _stored(session) == ["hostname R1", "interface Tunnel1"]


def test_incomplete_and_ambiguous() -> None:
    session = _session()
    assert session.feed("crypto ikev2 proposal").error == "% Incomplete command."
    assert session.feed("i").error == '% Ambiguous command:  "i"'


def test_no_removes_block_and_line() -> None:
    tree = ConfigTree()
    errors = apply_lines(tree, ["interface Tunnel1", "tunnel destination 192.0.2.1",
                                "no tunnel destination", "crypto ikev2 proposal P",
                                "encryption aes-cbc-256", "no crypto ikev2 proposal P"])
    assert errors == []
    assert [t for _, t in tree.lines()] == ["interface Tunnel1"]


def test_proposal_transforms_accumulate_and_no_removes_one_value() -> None:
    session = _session("crypto ikev2 proposal P", "encryption aes-cbc-256",
                       "encryption aes-cbc-128 aes-cbc-256", "integrity sha512 sha384")
    assert _stored(session)[-2:] == [" encryption aes-cbc-256 aes-cbc-128",
                                     " integrity sha512 sha384"]
    assert session.feed("no encryption aes-cbc-256").ok
    assert _stored(session)[-2] == " encryption aes-cbc-128"
    assert session.feed("no integrity").ok
    assert _stored(session)[-1] == " encryption aes-cbc-128"


def test_list_commands_coexist_and_single_commands_replace() -> None:
    session = _session("crypto ikev2 profile P", "authentication remote pre-share",
                       "authentication remote rsa-sig", "authentication local pre-share",
                       "authentication local rsa-sig", "match identity remote fqdn a.example",
                       "match identity remote fqdn b.example")
    assert _stored(session)[2:] == [
        " authentication remote pre-share", " authentication remote rsa-sig",
        " authentication local rsa-sig", " match identity remote fqdn a.example",
        " match identity remote fqdn b.example"]


def test_ip_unnumbered_replaces_ip_address() -> None:
    session = _session("interface Virtual-Template1 type tunnel",
                       "ip address 10.1.1.1 255.255.255.0", "ip unnumbered Loopback0")
    assert _stored(session)[1:] == ["interface Virtual-Template1 type tunnel",
                                    " ip unnumbered Loopback0"]


def test_vrf_forwarding_change_removes_addresses_with_ios_message() -> None:
    session = _session("vrf definition BLUE", "interface Tunnel1",
                       "ip address 10.0.0.1 255.255.255.0", "ipv6 address 2001:db8::1/64")
    result = session.feed("vrf forwarding BLUE")
    assert result.ok
    assert result.message == ("% Interface Tunnel1 IPv4 disabled and address(es) removed due to "
                              "enabling VRF BLUE.")
    assert _stored(session)[-2:] == ["interface Tunnel1", " vrf forwarding BLUE"]


def test_vrf_must_exist() -> None:
    session = _session("interface Tunnel1")
    result = session.feed("vrf forwarding RED")
    assert result.error == "% VRF RED not configured."
    assert _stored(session) == ["hostname R1", "interface Tunnel1"]


def test_tunnel_protection_needs_existing_ipsec_profile() -> None:
    session = _session("interface Tunnel1")
    assert session.feed("tunnel protection ipsec profile NOPE").error == \
        "% IPSEC profile NOPE not found"
    assert session.feed("tunnel protection ipsec profile default").ok


def test_objects_in_use_cannot_be_deleted() -> None:
    session = _session("crypto ikev2 proposal P", "encryption aes-cbc-256",
                       "crypto ikev2 policy POL", "proposal P",
                       "crypto ipsec profile IPP", "interface Tunnel1",
                       "tunnel protection ipsec profile IPP", "exit")
    refused = session.feed("no crypto ikev2 proposal P")
    assert refused.error == ("% IKEv2 proposal P is in use by crypto ikev2 policy POL "
                             "and cannot be removed")
    refused = session.feed("no crypto ipsec profile IPP")
    assert refused.error is not None
    assert "IPP" in refused.error
    assert "interface Tunnel1" in refused.error
    # Re-point first, then the old object can go (create -> re-point -> remove).
    for line in ("crypto ikev2 proposal P2", "encryption aes-gcm-256", "crypto ikev2 policy POL",
                 "proposal P2", "no proposal P", "exit", "no crypto ikev2 proposal P"):
        assert session.feed(line).ok, line
    assert "crypto ikev2 proposal P" not in _stored(session)


def test_physical_interfaces() -> None:
    session = ConfigSession(ConfigTree(), physical_interfaces={"GigabitEthernet1"})
    assert session.feed("interface GigabitEthernet1").ok
    bad = session.feed("interface GigabitEthernet9")
    assert bad.error is not None
    assert bad.error.splitlines()[0] == " " * (len("Router(config-if)#") + 10) + "^"
    assert session.feed("no interface GigabitEthernet1").error == \
        "% Removal of physical interfaces is not permitted"


def test_virtual_template_needs_type_tunnel_for_tunnel_commands() -> None:
    session = _session("interface Virtual-Template2")
    assert session.feed("tunnel source GigabitEthernet1").error is not None
    assert session.feed("interface Virtual-Template2 type tunnel").error == \
        "% Virtual-Template2 already exists with a different type"
    tunnel = _session("interface Virtual-Template3 type tunnel", "exit",
                      "interface virtual-template3")
    assert tunnel.feed("tunnel source GigabitEthernet1").ok
    assert _stored(tunnel)[-2:] == ["interface Virtual-Template3 type tunnel",
                                    " tunnel source GigabitEthernet1"]


def test_physical_interface_has_no_tunnel_commands() -> None:
    session = _session("interface GigabitEthernet1")
    result = session.feed("tunnel destination 192.0.2.1")
    assert result.error is not None
    assert result.error.endswith("% Invalid input detected at '^' marker.")


def test_exit_end_do_and_nested_exit() -> None:
    session = _session("crypto ikev2 keyring KR", "peer P")
    assert session.feed("exit").mode == "config-ikev2-keyring"
    do = session.feed("do show running-config")
    assert do.do_command == "show running-config"
    assert do.mode == "config-ikev2-keyring"
    assert session.feed("exit").mode == "config"
    assert session.feed("exit").mode == "exec"
    assert not session.active


def test_transform_set_mode_on_header_line_is_split() -> None:
    session = _session("crypto ipsec transform-set T esp-aes 256 esp-sha256-hmac mode transport")
    assert session.mode == "cfg-crypto-trans"
    assert _stored(session)[1:] == ["crypto ipsec transform-set T esp-aes 256 esp-sha256-hmac",
                                    " mode transport"]
    assert session.feed("no mode").ok
    assert _stored(session)[-1] == " mode tunnel"


def test_out_of_range_number_is_invalid_at_the_number() -> None:
    session = _session()
    result = session.feed("crypto ikev2 fragmentation mtu 9000")
    assert result.error is not None
    assert result.error.splitlines()[0] == " " * (len("R1(config)#") + 31) + "^"
    assert session.feed("crypto ikev2 dpd 5 2 on-demand").error is not None
    assert session.feed("crypto ikev2 dpd 10 2 on-demand").ok


def test_interface_number_as_separate_word_and_ipv6_upper_case() -> None:
    session = _session()
    assert session.feed("interface Tunnel 7").canonical == "interface Tunnel7"
    assert session.feed("tunnel destination 2001:db8:0:0::2").canonical == \
        "tunnel destination 2001:DB8::2"


def test_no_for_missing_line_is_silent_and_no_alone_is_incomplete() -> None:
    session = _session("interface Tunnel1")
    assert session.feed("no tunnel destination").ok
    assert session.feed("no").error == "% Incomplete command."
    assert session.feed("no crypto ikev2 profile").error == "% Incomplete command."


def test_apply_lines_reports_each_error_with_its_line() -> None:
    tree = ConfigTree()
    errors = apply_lines(tree, ["interface Tunnel1", "tunnel bogus", "crypto ikev2 proposal"])
    assert errors == ["tunnel bogus: % Invalid input detected at '^' marker.",
                      "crypto ikev2 proposal: % Incomplete command."]


def test_result_tells_identity_key_open_and_no() -> None:
    session = _session()
    opened = session.feed("crypto ikev2 profile PROF")
    assert (opened.opened, opened.key) == (True, "crypto ikev2 profile PROF")
    line = session.feed("aaa authorization group override psk list L P")
    assert (line.opened, line.negated, line.key) == (False, False, "aaa authorization group psk")
    removed = session.feed("no crypto ikev2 profile PROF")
    assert (removed.negated, removed.changed, removed.key) == (True, True,
                                                              "crypto ikev2 profile PROF")


def test_many_top_level_removals_keep_the_index_right() -> None:
    tree = ConfigTree()
    lines = [f"ip route 10.{i}.0.0 255.255.0.0 192.0.2.1" for i in range(50)]
    assert apply_lines(tree, ["hostname R1", *lines]) == []
    assert apply_lines(tree, [f"no {line}" for line in lines[::2]]) == []
    assert apply_lines(tree, lines[:4]) == []  # existing ones are not duplicated
    remaining = [t for _, t in tree.lines()]
    assert remaining[0] == "hostname R1"
    assert sorted(remaining[1:]) == sorted([*lines[1::2], lines[0], lines[2]])


def test_access_list_entries_get_sequence_numbers() -> None:
    session = _session("ip access-list standard NETS", "permit 10.2.0.0 0.0.255.255",
                       "permit host 10.9.9.9", "5 deny any", "permit 10.2.0.0 0.0.255.255")
    assert session.prompt == "R1(config-std-nacl)#"
    assert _stored(session)[1:] == ["ip access-list standard NETS",
                                    " 10 permit 10.2.0.0 0.0.255.255", " 20 permit 10.9.9.9",
                                    " 5 deny any"]
    assert session.feed("no permit 10.9.9.9").ok
    assert session.feed("no 5").ok
    assert _stored(session)[1:] == ["ip access-list standard NETS",
                                    " 10 permit 10.2.0.0 0.0.255.255"]
