"""Named slots of the grammar: the words a line gives each named part of its command.

The rows below are written for these tests (the notation of ``flexorch.ios.cli.grammar``);
expected slot values are typed by hand from the lines.
"""

from __future__ import annotations

import pytest

from flexorch.ios.cli import Mode, match_line
from flexorch.ios.cli.slots import Slots, split_slot
from flexorch.ios.cli.syntax import Command as C

MODE = Mode("test-slots", "test", (
    C("tunnel protection ipsec profile <word=profile> [shared=shared]"),
    C("encryption {3des|aes-cbc-128|aes-cbc-256|aes-gcm-256}+=enc"),
    C("peer <int:1-10=seq> {<ip=peer>|<ipv6=peer>|fqdn <word=fqdn> [dynamic=dynamic]}"),
    C("set transform-set {<word=ts>}+"),
    C("tunnel mode {gre {ip|ipv6|multipoint [ipv6]}|ipsec {ipv4|ipv6}}=mode"),
    C("interface <iface=name> [type tunnel=tunnel]"),
    C("description <rest=text>"),
    C("crypto ipsec transform-set <word=name> {esp-aes [{128|192|256}=bits]|esp-sha-hmac}+=t"),
    C("attribute type <word=type> {<quoted=value>|<word=value>}"),
    C("aaa authorization group {psk|eap|cert}=auth list <word=list> [{name-mangler <word=mangler>"
      "|<word=name>}] [password <word=password>]"),
    C("trail <word=w> {[a=a]|b=b}"),
    C("nest <word=w> {[{x|y}=xy]} [<int:1-9=n>]"),
))


def _slots(line: str) -> Slots:
    found = match_line(MODE, line)
    assert found.ok, (line, found.status)
    return found.slots


def test_argument_and_flag_slots_with_abbreviated_keywords() -> None:
    slots = _slots("tunnel prot ipsec prof DMVPN sh")
    assert slots.one("profile") == "DMVPN"
    assert "shared" in slots
    assert "shared" not in _slots("tunnel protection ipsec profile DMVPN")


def test_repeated_group_gives_one_value_per_repetition_in_line_order() -> None:
    assert _slots("encryption aes-gcm-256 aes-cbc-128").all("enc") == ("aes-gcm-256", "aes-cbc-128")
    assert _slots("set transform-set A B C").all("ts") == ("A", "B", "C")


def test_a_name_used_in_several_branches_and_typed_values() -> None:
    v4 = _slots("peer 2 10.0.0.1")
    assert (v4.number("seq"), v4.one("peer"), v4.one("fqdn")) == (2, "10.0.0.1", None)
    # IPv6 addresses are given compressed, upper case, as IOS prints them.
    assert _slots("peer 1 2001:db8:0::1").one("peer") == "2001:DB8::1"
    fqdn = _slots("peer 3 fqdn hub.example.com dyn")
    assert (fqdn.one("fqdn"), fqdn.one("dynamic")) == ("hub.example.com", "dynamic")


def test_group_slot_holds_the_canonical_words_of_its_pass() -> None:
    assert _slots("tunnel mode gre multi").one("mode") == "gre multipoint"
    assert _slots("tunnel mode ipsec ipv4").one("mode") == "ipsec ipv4"
    transforms = _slots("crypto ipsec transform-set T esp-aes 256 esp-sha-hmac")
    assert transforms.all("t") == ("esp-aes 256", "esp-sha-hmac")
    assert transforms.all("bits") == ("256",)


def test_interface_names_and_rest_of_line_are_canonical() -> None:
    slots = _slots("interface virtual-template 1 type tunnel")
    assert (slots.one("name"), slots.one("tunnel")) == ("Virtual-Template1", "tunnel")
    # IOS keeps a description's text as typed, inner spacing included.
    assert _slots("description to hub  one").one("text") == "to hub  one"


def test_quoted_argument_keeps_its_quotes() -> None:
    slots = _slots('attribute type interface-config "vrf forwarding RED"')
    assert slots.one("value") == '"vrf forwarding RED"'


def test_optional_branches_pick_the_reading_that_completes() -> None:
    named = _slots("aaa authorization group eap list L POLICY password X")
    assert (named.one("auth"), named.one("list"), named.one("name"), named.one("password")) == (
        "eap", "L", "POLICY", "X")
    mangled = _slots("aaa authorization group psk list L name-mangler M")
    assert (mangled.one("mangler"), mangled.one("name")) == ("M", None)


def test_incomplete_or_invalid_lines_have_no_slots() -> None:
    assert match_line(MODE, "tunnel protection ipsec profile").slots == Slots()
    assert match_line(MODE, "peer 11 10.0.0.1").slots == Slots()


@pytest.mark.parametrize(("item", "expected"), [
    ("word=name", ("word", "name")),
    ("int:1-10=seq", ("int:1-10", "seq")),
    ("shared", ("shared", None)),
    ("=", ("=", None)),
])
def test_split_slot(item: str, expected: tuple[str, str | None]) -> None:
    assert split_slot(item) == expected


def test_slot_names_do_not_change_what_a_mode_accepts() -> None:
    plain = Mode("test-plain", "test", (C("tunnel protection ipsec profile <word> [shared]"),))
    for line in ("tunnel protection ipsec profile X shared", "tunnel protection ipsec profile"):
        assert match_line(plain, line).status == match_line(MODE, line).status
    assert match_line(MODE, "tunnel protection ipsec profile X shared=shared").status == "invalid"


def test_a_group_at_the_end_of_the_words_is_skipped_or_passed_empty() -> None:
    # ``{[a]|b}`` may be passed without a word; ``{[{x|y}]}`` and ``[<int>]`` too, nested.
    assert _slots("trail foo").items == (("w", "foo"),)
    assert _slots("trail foo b").items == (("w", "foo"), ("b", "b"))
    assert _slots("nest foo").items == (("w", "foo"),)
    assert _slots("nest foo 3").items == (("w", "foo"), ("n", "3"))
    assert _slots("nest foo y 3").items == (("w", "foo"), ("xy", "y"), ("n", "3"))
