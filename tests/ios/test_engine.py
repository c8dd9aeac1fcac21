"""ConfigSession: modes, prompts, implicit exit, no-forms, single-valued replacement, errors.

Expected texts are written by hand from IOS behaviour (prompts, error strings, caret column).
"""

from __future__ import annotations

from flexorch.ios.engine import ConfigSession, apply_lines
from flexorch.ios.tree import ConfigTree


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
