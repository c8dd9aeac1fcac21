"""normalize_config: IOS-equivalent configs normalise to the same text."""

from __future__ import annotations

from flexorch.ios.config import (
    ConfigTree,
    apply_lines,
    configs_equivalent,
    normalize_config,
    normalized_text,
    secret_values,
    show_running,
)
from flexorch.lab.type6 import CIPHER


def test_abbreviations_interfaces_and_hidden_defaults() -> None:
    typed = "int tu0\n tun sou g1\n tun mode gre ip\n no ip address\n no shutdown\n"
    assert normalized_text(typed) == "interface Tunnel0\n tunnel source GigabitEthernet1\n"


def test_curly_quotes_and_ios_respellings() -> None:
    guide = "aaa attribute list A\n attribute type interface-config \u201cip mtu 1100\u201d\n" \
            "ip domain-name example.com\n"
    assert normalized_text(guide) == (
        'aaa attribute list A\n attribute type interface-config "ip mtu 1100"\n'
        "ip domain name example.com\n")


def test_transform_set_mode_split_and_default_mode_added() -> None:
    one_line = "crypto ipsec transform-set T esp-aes esp-sha-hmac mode transport\n" \
               "crypto ipsec transform-set U esp-gcm 256\n"
    assert normalized_text(one_line) == (
        "crypto ipsec transform-set T esp-aes esp-sha-hmac\n mode transport\n"
        "crypto ipsec transform-set U esp-gcm 256\n mode tunnel\n")


def test_default_on_features() -> None:
    text = "crypto ikev2 profile P\n config-exchange request\n no config-exchange set send\n"
    assert normalized_text(text) == "crypto ikev2 profile P\n no config-exchange set send\n"


def test_unknown_lines_are_kept() -> None:
    text = "router bgp 65000\n neighbor 192.0.2.1 remote-as 65001\nhostname R9\n"
    assert normalized_text(text) == (
        "hostname R9\nrouter bgp 65000\n neighbor 192.0.2.1 remote-as 65001\n")


def test_order_is_ios_order_whatever_the_input_order() -> None:
    a = "interface Tunnel1\n tunnel destination 192.0.2.1\n tunnel source Loopback0\n" \
        "crypto ikev2 proposal P\n group 19\n encryption aes-gcm-256\nhostname H\n"
    b = "hostname H\ncrypto ikev2 proposal P\n encryption aes-gcm-256\n group 19\n" \
        "interface Tunnel1\n tunnel source Loopback0\n tunnel destination 192.0.2.1\n"
    assert configs_equivalent(a, b)
    assert not configs_equivalent(a, b.replace("192.0.2.1", "192.0.2.9"))


def test_clear_key_in_intent_equals_type6_key_on_device() -> None:
    intent = "crypto ikev2 keyring KR\n peer HUB\n  address 192.0.2.1\n" \
             "  pre-shared-key local Sup3rS3cret\n"
    device = ConfigTree()  # the lab's router: type 6 with the lab's stand-in cipher
    assert apply_lines(device, ["key config-key password-encrypt MasterKey123",
                                "password encryption aes", *intent.splitlines()],
                       type6=CIPHER) == []
    shown = show_running(device, type6=CIPHER)
    assert "Sup3rS3cret" not in shown
    assert configs_equivalent(intent + "password encryption aes\n", shown)
    # Without masking, the ciphertext only matches when the caller can decrypt it.
    unmasked = normalized_text(shown, mask_secrets=False)
    assert "Sup3rS3cret" not in unmasked
    assert "  pre-shared-key local Sup3rS3cret\n" in normalized_text(
        shown, mask_secrets=False, decrypt_type6=CIPHER.decrypter("MasterKey123"))
    assert "Sup3rS3cret" not in normalized_text(
        shown, mask_secrets=False, decrypt_type6=CIPHER.decrypter("OtherKey999"))


def test_type7_and_type0_unmasked() -> None:
    text = "radius server R\n key 7 0822455D0A16\nradius server S\n key 0 plain\n"
    assert normalized_text(text, mask_secrets=False) == (
        "radius server R\n key cisco\nradius server S\n key plain\n")
    assert normalized_text(text) == (
        "radius server R\n key <secret>\nradius server S\n key <secret>\n")


def test_secret_values_by_path() -> None:
    text = "crypto ikev2 keyring KR\n peer HUB\n  pre-shared-key local abc\n" \
           "  pre-shared-key remote 6 XYZAAB\n"
    assert secret_values(text) == {
        ("crypto ikev2 keyring KR", "peer HUB", "pre-shared-key local"): "abc",
        ("crypto ikev2 keyring KR", "peer HUB", "pre-shared-key remote"): "6 XYZAAB",
    }


def test_show_running_of_applied_lines_normalises_like_the_lines() -> None:
    lines = ["hostname R1", "crypto ikev2 proposal P", " encryption aes-cbc-256",
             " integrity sha256", " group 14", "crypto ikev2 policy POL", " proposal P",
             "interface Loopback0", " ip address 10.0.0.1 255.255.255.255",
             "crypto ikev2 profile PR", " match identity remote any",
             " authentication local pre-share key k1", " authentication remote pre-share key k2"]
    tree = ConfigTree()
    assert apply_lines(tree, lines) == []
    assert normalized_text(show_running(tree)) == normalized_text("\n".join(lines))


def test_a_line_repeated_in_a_block_is_kept_once_whether_known_or_new() -> None:
    # ``tun sou g1`` and ``tunnel source GigabitEthernet1`` are one line once normalised; the
    # second block has its lines known already (the normaliser's memo of lines), the first not
    first = "interface Tunnel7\n tun sou g1\n tunnel source GigabitEthernet1\n"
    again = "interface Tunnel8\n tunnel source GigabitEthernet1\n tun sou g1\n"
    assert normalized_text(first) == "interface Tunnel7\n tunnel source GigabitEthernet1\n"
    assert normalized_text(again) == "interface Tunnel8\n tunnel source GigabitEthernet1\n"


def test_a_repeated_sub_block_is_kept_twice() -> None:
    # a block repeated inside a block is not a repeated line (IOS merges the two)
    text = ("crypto ikev2 keyring K\n peer A\n  address 192.0.2.1\n"
            " peer A\n  pre-shared-key k1\n")
    assert normalized_text(text) == ("crypto ikev2 keyring K\n peer A\n  address 192.0.2.1\n"
                                     " peer A\n  pre-shared-key <secret>\n")


def test_canonical_trees_sharing_lines_are_independent_once_copied() -> None:
    # two routers' blocks hold the same lines (canonical trees share them): a copy modified
    # leaves every other tree as it was
    one = normalize_config("interface Tunnel1\n tunnel source GigabitEthernet1\n")
    two = normalize_config("interface Tunnel2\n tunnel source GigabitEthernet1\n")
    mine = one.copy()
    mine.roots[0].children[0].text = "tunnel source Loopback0"
    assert one.to_text() == "interface Tunnel1\n tunnel source GigabitEthernet1\n"
    assert two.to_text() == "interface Tunnel2\n tunnel source GigabitEthernet1\n"
    assert mine.to_text() == "interface Tunnel1\n tunnel source Loopback0\n"


def test_a_block_is_kept_from_the_second_time_it_is_met() -> None:
    # a router's own block (met once) is not kept, nor are its comparisons; a block met again
    # is, and the trees holding it share its node
    from flexorch.ios.config.normalize import is_shared

    text = "crypto ikev2 proposal KEPT-ONCE-OR-TWICE\n encryption aes-gcm-256\n group 21\n"
    first = normalize_config(text)
    assert not is_shared(first.roots[0])
    second = normalize_config(text)
    third = normalize_config(text)
    assert is_shared(second.roots[0])
    assert third.roots[0] is second.roots[0]
    assert first == second == third
    assert first.to_text() == ("crypto ikev2 proposal KEPT-ONCE-OR-TWICE\n"
                               " encryption aes-gcm-256\n group 21\n")


def test_a_line_met_once_or_more_normalises_alike() -> None:
    # the normal form of a line is kept from the second time it is met: the same either way
    texts = [normalized_text(f"interface Tunnel{n}\n tun sou g1\n ipv6 unnum lo{n % 2}\n")
             for n in range(4)]
    # (IOS shows an interface's addresses before its tunnel settings)
    assert texts == [f"interface Tunnel{n}\n ipv6 unnumbered Loopback{n % 2}\n"
                     " tunnel source GigabitEthernet1\n" for n in range(4)]
