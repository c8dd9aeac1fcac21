"""show_running: IOS order, separators, hidden defaults, type 6/7 keys, | section, interface.

Every expected text below is written by hand from how IOS-XE prints running-config. Type 6 needs
a cipher (IOS's algorithm is not published): the tests that show type-6 keys inject the lab's
stand-in (flexorch.lab.type6), as the lab does; without one, keys stay as stored.
"""

from __future__ import annotations

import re

import pytest

from flexorch.ios.config import ConfigSession, ConfigTree, apply_lines, show_running
from flexorch.ios.facts.keys import type7_decode
from flexorch.lab.type6 import CIPHER

SPOKE = [
    "hostname SPOKE1",
    "crypto ikev2 proposal PROP",
    " encryption aes-gcm-256",
    " prf sha512",
    " group 19",
    "crypto ikev2 policy POL",
    " proposal PROP",
    " match fvrf any",
    "crypto ikev2 keyring KR",
    " peer HUB",
    "  pre-shared-key local spoke-key",
    "  address 192.0.2.1",
    "crypto ikev2 profile PROF",
    " keyring local KR",
    " authentication local pre-share",
    " authentication remote pre-share",
    " match identity remote address 192.0.2.1 255.255.255.255",
    " dpd 10 2 on-demand",
    "crypto ipsec transform-set TS esp-gcm 256",
    "crypto ipsec profile IPP",
    " set ikev2-profile PROF",
    " set transform-set TS",
    "interface Tunnel1",
    " tunnel protection ipsec profile IPP",
    " tunnel destination 192.0.2.1",
    " tunnel source GigabitEthernet1",
    " tunnel mode ipsec ipv4",
    " ip address 10.255.0.2 255.255.255.0",
    "interface GigabitEthernet1",
    " ip address 198.51.100.2 255.255.255.0",
    "interface Loopback0",
    " ip address 10.0.0.2 255.255.255.255",
    "ip route 0.0.0.0 0.0.0.0 198.51.100.1",
    "crypto ikev2 fragmentation mtu 1360",
]

SPOKE_SHOWN = """\
!
hostname SPOKE1
!
crypto ikev2 proposal PROP
 encryption aes-gcm-256
 prf sha512
 group 19
!
crypto ikev2 policy POL
 match fvrf any
 proposal PROP
!
crypto ikev2 keyring KR
 peer HUB
  address 192.0.2.1
  pre-shared-key local spoke-key
 !
!
crypto ikev2 profile PROF
 match identity remote address 192.0.2.1 255.255.255.255
 authentication remote pre-share
 authentication local pre-share
 keyring local KR
 dpd 10 2 on-demand
!
crypto ikev2 fragmentation mtu 1360
!
crypto ipsec transform-set TS esp-gcm 256
 mode tunnel
!
crypto ipsec profile IPP
 set transform-set TS
 set ikev2-profile PROF
!
interface Loopback0
 ip address 10.0.0.2 255.255.255.255
!
interface Tunnel1
 ip address 10.255.0.2 255.255.255.0
 tunnel source GigabitEthernet1
 tunnel mode ipsec ipv4
 tunnel destination 192.0.2.1
 tunnel protection ipsec profile IPP
!
interface GigabitEthernet1
 ip address 198.51.100.2 255.255.255.0
!
ip route 0.0.0.0 0.0.0.0 198.51.100.1
!
end
"""


def _tree(lines: list[str]) -> ConfigTree:
    tree = ConfigTree()
    assert apply_lines(tree, lines, type6=CIPHER) == []
    return tree


def test_show_running_prints_ios_order_with_header_and_byte_count() -> None:
    shown = show_running(_tree(SPOKE))
    header = "Building configuration...\n\nCurrent configuration : "
    assert shown.startswith(header)
    count_line, body = shown[len(header):].split("\n", 1)
    assert body == SPOKE_SHOWN
    assert count_line == f"{len(SPOKE_SHOWN.encode())} bytes"


def test_order_does_not_depend_on_typing_order() -> None:
    # Blocks typed in reverse order (each block kept whole, so sub-mode lines stay in place).
    blocks: list[list[str]] = []
    for line in SPOKE:
        if line.startswith(" ") and blocks:
            blocks[-1].append(line)
        else:
            blocks.append([line])
    reversed_lines = [line for block in reversed(blocks) for line in block]
    # The IPsec profile must exist before tunnel protection names it (IOS refuses otherwise).
    reversed_lines.remove(" tunnel protection ipsec profile IPP")
    reversed_lines.append("interface Tunnel1")
    reversed_lines.append(" tunnel protection ipsec profile IPP")
    assert show_running(_tree(reversed_lines)) == show_running(_tree(SPOKE))


def test_hidden_defaults_are_not_shown() -> None:
    tree = _tree([
        "interface Tunnel5", " tunnel mode gre ip", "crypto ikev2 window 5",
        "crypto ikev2 profile P", " config-exchange request", " lifetime certificate",
    ])
    shown = show_running(tree)
    assert "tunnel mode" not in shown
    assert "window" not in shown
    assert "config-exchange" not in shown
    assert "lifetime" not in shown
    assert "interface Tunnel5\n no ip address\n!" in shown


def test_default_mode_typed_after_other_mode_resets_it() -> None:
    tree = _tree(["interface Tunnel5", " tunnel mode ipsec ipv4", " tunnel mode gre ip"])
    assert "tunnel mode" not in show_running(tree)


def test_no_form_of_default_on_feature_is_shown() -> None:
    tree = _tree(["crypto ikev2 profile P", " no config-exchange request",
                  " no lifetime certificate", " crypto ikev2 window 10"])
    assert "crypto ikev2 profile P\n no config-exchange request\n no lifetime certificate\n!" \
        in show_running(tree)
    assert "crypto ikev2 window 10\n" in show_running(tree)
    assert apply_lines(tree, ["crypto ikev2 profile P", "config-exchange request"]) == []
    assert "config-exchange" not in show_running(tree)


KEYED = [
    "hostname HUB",
    "crypto ikev2 keyring KR",
    " peer S1",
    "  address 198.51.100.2",
    "  pre-shared-key local hub-secret-1",
    "  pre-shared-key remote spoke-secret-1",
    "crypto ikev2 profile P",
    " authentication local pre-share key profile-secret",
    "radius server R",
    " address ipv4 192.0.2.50 auth-port 1812 acct-port 1813",
    " key radius-secret",
]


def test_type6_display_with_password_encryption_aes() -> None:
    tree = _tree([*KEYED, "key config-key password-encrypt MasterKey123",
                  "password encryption aes"])
    shown = show_running(tree, type6=CIPHER)
    for clear in ("hub-secret-1", "spoke-secret-1", "profile-secret", "radius-secret",
                  "MasterKey123"):
        assert clear not in shown
    ciphers = re.findall(r"(?:pre-shared-key (?:local|remote)|pre-share key|key) 6 (\S+)", shown)
    assert len(ciphers) == 4
    assert len(set(ciphers)) == 4
    assert shown == show_running(tree, type6=CIPHER)  # deterministic
    assert "password encryption aes\n" in shown
    # The raw store keeps clear keys (the lab's negotiation model reads them).
    assert "  pre-shared-key local hub-secret-1\n" in tree.to_text()


def test_type6_cipher_typed_back_decrypts_with_the_master_key() -> None:
    tree = _tree([*KEYED, "key config-key password-encrypt MasterKey123",
                  "password encryption aes"])
    cipher = re.search(r"pre-shared-key local 6 (\S+)", show_running(tree, type6=CIPHER))
    assert cipher is not None
    session = ConfigSession(tree, type6=CIPHER)
    for line in ("crypto ikev2 keyring KR", "peer S1", f"pre-shared-key local 6 {cipher.group(1)}"):
        assert session.feed(line).ok
    assert "  pre-shared-key local hub-secret-1\n" in tree.to_text()
    # Another router (other master key) cannot decrypt it: the ciphertext is kept as typed.
    other = _tree(["key config-key password-encrypt OtherKey999", "password encryption aes",
                   "crypto ikev2 keyring KR", " peer S1",
                   f"  pre-shared-key local 6 {cipher.group(1)}"])
    assert f"pre-shared-key local 6 {cipher.group(1)}" in other.to_text()


def test_type6_depends_on_master_key() -> None:
    first = _tree([*KEYED, "key config-key password-encrypt MasterKey123",
                   "password encryption aes"])
    second = _tree([*KEYED, "key config-key password-encrypt OtherKey999",
                    "password encryption aes"])
    assert show_running(first, type6=CIPHER) != show_running(second, type6=CIPHER)


def test_no_type6_without_master_key_and_type7_with_service_password_encryption() -> None:
    tree = _tree([*KEYED, "password encryption aes", "service password-encryption"])
    shown = show_running(tree, type6=CIPHER)
    assert "  pre-shared-key local hub-secret-1\n" in shown   # no master key: clear
    key7 = re.search(r"\n key 7 (\S+)\n", shown)
    assert key7 is not None
    assert type7_decode(key7.group(1)) == "radius-secret"


def test_without_a_cipher_type6_is_neither_shown_nor_opened() -> None:
    # flexorch knows no real type-6 algorithm: with no cipher given, show prints keys as stored
    # and a typed type-6 key is kept as typed, whatever the master key.
    tree = _tree([*KEYED, "key config-key password-encrypt MasterKey123",
                  "password encryption aes"])
    shown = show_running(tree)
    assert "  pre-shared-key local hub-secret-1\n" in shown
    assert " 6 " not in shown
    cipher = CIPHER.encrypt("hub-secret-2", "MasterKey123")
    session = ConfigSession(tree)
    for line in ("crypto ikev2 keyring KR", "peer S1", f"pre-shared-key local 6 {cipher}"):
        assert session.feed(line).ok
    assert f"  pre-shared-key local 6 {cipher}\n" in tree.to_text()
    assert "hub-secret-2" not in tree.to_text()


@pytest.mark.parametrize("cipher", ["0822455D0A16", "02050D480809"])
def test_type7_decodes_well_known_vectors(cipher: str) -> None:
    # Both strings are published encodings of "cisco" (seeds 08 and 02).
    assert type7_decode(cipher) == "cisco"


def test_secret_is_hashed_to_type9() -> None:
    tree = _tree(["username admin privilege 15 secret LabPass1"])
    shown = show_running(tree)
    assert re.search(r"\nusername admin privilege 15 secret 9 \$9\$\S{14}\$\S{43}\n", shown)
    assert "LabPass1" not in tree.to_text()


def test_section_filter_returns_whole_blocks() -> None:
    tree = _tree(SPOKE)
    assert show_running(tree, section="ikev2 profile") == (
        "crypto ikev2 profile PROF\n"
        " match identity remote address 192.0.2.1 255.255.255.255\n"
        " authentication remote pre-share\n"
        " authentication local pre-share\n"
        " keyring local KR\n"
        " dpd 10 2 on-demand\n"
    )
    by_child = show_running(tree, section="tunnel source")
    assert by_child.startswith("interface Tunnel1\n ip address 10.255.0.2 255.255.255.0\n")
    assert by_child.endswith(" tunnel protection ipsec profile IPP\n")
    assert show_running(tree, section="nothing-matches") == ""


def test_show_running_interface() -> None:
    body = "!\ninterface Loopback0\n ip address 10.0.0.2 255.255.255.255\nend\n"
    assert show_running(_tree(SPOKE), interface="lo0") == (
        f"Building configuration...\n\nCurrent configuration : {len(body)} bytes\n{body}")
    with pytest.raises(ValueError, match="Tunnel99"):
        show_running(_tree(SPOKE), interface="Tunnel99")


def test_vrf_definition_display() -> None:
    tree = _tree(["vrf definition BLUE", " rd 65000:1", " address-family ipv4",
                  " exit-address-family", " address-family ipv6"])
    assert show_running(tree, section="vrf") == (
        "vrf definition BLUE\n rd 65000:1\n !\n address-family ipv4\n exit-address-family\n"
        " !\n address-family ipv6\n exit-address-family\n"
    )


def test_access_lists_display() -> None:
    # As IOS-XE 16/17 running configs print named lists: standard ones (by name) before
    # extended ones, no `!` between consecutive lists, one after them, entries by sequence
    # number, `deny` padded to the width of `permit` in standard and extended lists (a
    # CSR1000v 17.3: ` 10 deny   ip 10.0.4.0 0.0.3.255 ...`,
    # tests/fixtures/real/gh-fabferri-azure-csr173-rs-routingcontrol).
    tree = _tree(["radius server R1", " address ipv4 192.0.2.130",
                  "ip access-list extended WEB", " permit tcp any any eq 443",
                  " deny ip any any log",
                  "ip access-list standard NETS", " permit 10.2.0.0 0.0.255.255", " deny any",
                  " 5 permit host 10.9.9.9",
                  "ip access-list standard ADMIN", " deny   10.1.1.1 log",
                  "ip route 0.0.0.0 0.0.0.0 192.0.2.1"])
    body = show_running(tree).split("Current configuration")[1].split("\n", 1)[1]
    assert body == (
        "!\n"
        "ip route 0.0.0.0 0.0.0.0 192.0.2.1\n"
        "!\n"
        "ip access-list standard ADMIN\n"
        " 10 deny   10.1.1.1 log\n"
        "ip access-list standard NETS\n"
        " 5 permit 10.9.9.9\n"
        " 10 permit 10.2.0.0 0.0.255.255\n"
        " 20 deny   any\n"
        "ip access-list extended WEB\n"
        " 10 permit tcp any any eq 443\n"
        " 20 deny   ip any any log\n"
        "!\n"
        "radius server R1\n"
        " address ipv4 192.0.2.130\n"
        "!\n"
        "end\n"
    )
    # What IOS shows is what it reads back (startup-config, configure replace).
    again = ConfigTree()
    assert apply_lines(again, body.splitlines()) == []
    assert show_running(again) == show_running(tree)


def test_master_key_never_shown_but_kept() -> None:
    tree = _tree(["key config-key password-encrypt MasterKey123"])
    assert "config-key" not in show_running(tree)
    assert "key config-key password-encrypt MasterKey123\n" in tree.to_text()


def test_private_lines_restore_type6_after_reload_from_shown_text() -> None:
    from flexorch.ios.config import private_lines

    tree = _tree([*KEYED, "key config-key password-encrypt MasterKey123",
                  "password encryption aes"])
    saved = show_running(tree, type6=CIPHER)
    reloaded = ConfigTree()
    assert apply_lines(reloaded, [*private_lines(tree), *saved.splitlines()[3:]],
                       type6=CIPHER) == []
    assert "  pre-shared-key local hub-secret-1\n" in reloaded.to_text()
    assert show_running(reloaded, type6=CIPHER) == saved


def test_flexvpn_client_block() -> None:
    tree = _tree(["interface Tunnel1", " ip address negotiated", " tunnel source dynamic",
                  " tunnel destination dynamic", " tunnel mode ipsec ipv4",
                  "crypto ikev2 client flexvpn CLIENT", " client connect Tunnel1",
                  " peer 2 198.51.100.9", " peer 1 192.0.2.1"])
    assert show_running(tree, section="client flexvpn") == (
        "crypto ikev2 client flexvpn CLIENT\n  peer 1 192.0.2.1\n  peer 2 198.51.100.9\n"
        "  client connect Tunnel1\n")
    assert show_running(tree, section="Tunnel1").startswith(
        "crypto ikev2 client flexvpn CLIENT\n")
