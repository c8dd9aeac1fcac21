"""The argument types' readings checked against independent references.

IPv6 addresses are compared with the standard library's ``ipaddress`` (compressed, upper case:
how IOS prints them) over generated and edge-case inputs; IPv4 addresses with a dotted-quad
reading written here from the rule (four decimal numbers up to 255, printed without leading
zeros); the words of a line with the one pattern that splits it (a quoted string or a run of
non-whitespace). No expectation is produced by running flexorch.
"""

from __future__ import annotations

import ipaddress
import itertools
import random
import re

import pytest

from flexorch.ios.cli import args


def _library_v6(text: str) -> str | None:
    try:
        return ipaddress.IPv6Address(text).compressed.upper()
    except ValueError:
        return None


def _v6(text: str) -> str | None:
    args._V6_READ.clear()  # the reading itself, not an earlier answer
    value = args._ipv6_text(text)
    # The printed form is kept as reading as itself (``args._V6_READ``): it must.
    assert value is None or _library_v6(value) == value, (text, value)
    return value


def test_every_layout_of_zero_groups_compresses_as_the_library_does() -> None:
    # All 256 ways for eight groups to be zero or not: the longest run (the first of equal
    # runs) becomes ``::``, a single zero group stays.
    for zeros in itertools.product((True, False), repeat=8):
        groups = ["0" if zero else f"{k + 1:x}a" for k, zero in enumerate(zeros)]
        full = ":".join(groups)
        assert _v6(full) == _library_v6(full), full
        padded = ":".join(group.rjust(4, "0") for group in groups)
        assert _v6(padded) == _library_v6(padded), padded


@pytest.mark.parametrize("text", [
    "::", "::1", "1::", "1::2", "::0", "0::", "0::0", "0:0:0:0:0:0:0:0", "0:0:0:0:0:0:0:1",
    "2001:DB8::1", "2001:db8:0:0:1:0:0:1", "2001:0db8:0000:0000:0000:ff00:0042:8329",
    "fe80::1", "FE80::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "1:0:0:2:0:0:3:4",
    "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "1:2:3:4:5:6::8", "1::3:4:5:6:7:8",
    "2001:DB8:0:5::1", "2001:DB8:A:0::1", "0000:0000::0000", "00001::", "1:2:3:4:5:6:7:8::",
    "::1:2:3:4:5:6:7:8", "1:2:3:4::5:6:7:8", ":::", "1:::2", "1::2::3", ":1::2", "1::2:",
    ":1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1:2", ":",
    "::ffff:1.2.3.4", "::FFFF:102:304", "::ffff:0:0", "0:0:0:0:0:ffff:a:b", "::1.2.3.4",
    "64:ff9b::192.0.2.33", "::ffff:1.2.3", "::ffff:01.2.3.4", "1::2%eth0", "fe80::1%",
    "fe80::1%a%b", "%eth0", "2001:db8::/64", "2001:db8::1/64", "2001:db8::g", "2001:db8:: 1",
    " ::1", "::1 ", "2001:db8::\u0661", "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:7:1.2.3.4",
    "::1.2.3.4%x", "ABCD:EF01:2345:6789:ABCD:EF01:2345:6789", "abcd::ef01:0:0:0:1",
])
def test_edge_cases_read_as_the_library_reads_them(text: str) -> None:
    assert _v6(text) == _library_v6(text)


def test_generated_addresses_read_as_the_library_reads_them() -> None:
    rnd = random.Random(15)
    pieces = ["", "0", "00", "000", "0000", "1", "01", "a", "A", "fFfF", "00a0", "12345", "ffff",
              "db8", "DB8", "2001", "0:0", ":", "1.2.3.4", "g", "%1", "/64"]
    for _ in range(40_000):
        text = ":".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 11)))
        assert _v6(text) == _library_v6(text), text
    for _ in range(20_000):
        mask = rnd.choice([(1 << 128) - 1, 0xFFFF0000FFFF0000FFFF00000000FFFF,
                           0xFFFF << 112 | 0xFFFF, 0xF0F0 << 64])
        value = rnd.getrandbits(128) & mask
        address = ipaddress.IPv6Address(value)
        for text in (address.exploded, address.compressed, address.compressed.upper(),
                     ":".join(f"{int(h, 16):x}" for h in address.exploded.split(":"))):
            assert _v6(text) == _library_v6(text), text


def test_addresses_read_are_kept_within_a_bound() -> None:
    args._V6_READ.clear()
    for n in range(args._V6_READ_MAX + 10):
        assert args._ipv6_text(f"2001:db8::{n >> 16:x}:{n & 0xFFFF:x}") is not None
    assert 0 < len(args._V6_READ) <= args._V6_READ_MAX + 1
    # Read again, an address gives what it gave the first time, and its printed form itself.
    assert args._ipv6_text("2001:db8:0:0::a:1") == "2001:DB8::A:1"
    assert args._ipv6_text("2001:db8:0:0::a:1") == "2001:DB8::A:1"
    assert args._ipv6_text("2001:DB8::A:1") == "2001:DB8::A:1"
    assert args._ipv6_text("2001:db8::a::1") is None
    assert args._ipv6_text("2001:db8::a::1") is None


def _quad(text: str) -> str | None:
    """Four decimal numbers (one to three digits each) up to 255, without leading zeros."""
    parts = text.split(".")
    if len(parts) != 4 or not all(part.isdecimal() and 1 <= len(part) <= 3 for part in parts):
        return None
    numbers = [int(part) for part in parts]
    return ".".join(map(str, numbers)) if max(numbers) <= 255 else None


@pytest.mark.parametrize("text", [
    "0.0.0.0", "255.255.255.255", "256.1.1.1", "10.0.0.1", "010.0.0.1", "10.00.0.001",
    "1.2.3", "1.2.3.4.5", "1..2.3", ".1.2.3", "1.2.3.", "1.2.3.4a", "a.b.c.d", "1000.1.1.1",
    "249.250.199.100", "255.255.255.0", "\u0661.2.3.4", "1.2.3.\u0664", "", "-1.2.3.4",
])
def test_ipv4_edge_cases(text: str) -> None:
    assert args._ipv4(text) == _quad(text)


def test_generated_dotted_quads() -> None:
    rnd = random.Random(4)
    numbers = [str(n) for n in range(300)] + ["00", "000", "01", "001", "099", "0255", ""]
    for _ in range(30_000):
        text = ".".join(rnd.choice(numbers) for _ in range(rnd.choice((3, 4, 4, 4, 5))))
        assert args._ipv4(text) == _quad(text), text


def _regex_words(line: str) -> list[tuple[str, int]]:
    """The words of a line as one pattern finds them: a double-quoted string (to its closing
    quote or the end of the line) or a run of non-whitespace."""
    line = line.translate(str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'",
                                         "\u2019": "'"}))
    return [(m.group(0), m.start()) for m in re.finditer(r'"[^"]*(?:"|$)|\S+', line)]


def test_the_pattern_and_str_split_agree_on_whitespace() -> None:
    # Lines without quotes are split by ``str.split``: it must cut where ``\S+`` does.
    for code in range(0x110000):
        char = chr(code)
        assert (re.fullmatch(r"\s", char) is not None) == char.isspace(), hex(code)


@pytest.mark.parametrize("line", [
    "", " ", "hostname R1", "  ip address 10.0.0.1 255.255.255.0  ", "a\tb\x0bc\x0cd\re",
    "a\x1cb\x1dc\x1ed\x1ff", "a\x85b\xa0c\u2003d\u3000e", "a\u200bb", "word word word",
    'attribute type interface-config "ip mtu 1100"', 'say "open quote', 'x ""  y "a b" z',
    "description \u201cquoted\u201d text", "banner \u2018x\u2019", "aa a aaa a", "no  shut",
])
def test_tokens_are_the_pattern_words_and_columns(line: str) -> None:
    tokens = args.tokenize.__wrapped__(line)
    assert [(token.text, token.col) for token in tokens] == _regex_words(line)


def test_generated_lines_split_as_the_pattern_splits_them() -> None:
    rnd = random.Random(28)
    pieces = ["a", "ab", "10.0.0.1", " ", "  ", "\t", "\u3000", "\xa0", "\x1f", '"', "\u201c",
              "\u201d", "b", "ab", "a", "-", "/"]
    for _ in range(20_000):
        line = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12)))
        tokens = args.tokenize.__wrapped__(line)
        assert [(token.text, token.col) for token in tokens] == _regex_words(line), repr(line)
