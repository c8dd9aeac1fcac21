"""The words of a CLI line and the typed arguments of the grammar (``<word>``, ``<int:1-10>``,
``<ip>``, ``<iface>``, ...): how a line is split into tokens, and what each argument type accepts
and how it spells what it accepted (IOS's canonical forms: interface names, upper-case IPv6 and
hex, the rest of a line with its spacing).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from flexorch.ios.cli.slots import split_slot
from flexorch.ios.facts import interface_canonical, ipv6_groups

# --- Tokens ------------------------------------------------------------------------------------

_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})


class Token(NamedTuple):
    """One word of a typed line and the column where it starts."""

    text: str
    col: int


_WORD = re.compile(r'"[^"]*(?:"|$)|\S+')
_new_token = tuple.__new__  # a Token without NamedTuple's Python-level ``__new__``


@lru_cache(maxsize=100_000)
def tokenize(line: str) -> tuple[Token, ...]:
    """Split a CLI line into words; a double-quoted string (curly quotes straightened) is one
    word, as IOS reads ``attribute type interface-config "ip mtu 1100"``."""
    if not line.isascii():
        line = line.translate(_QUOTES)
    if '"' in line:
        return tuple([_new_token(Token, (m.group(0), m.start())) for m in _WORD.finditer(line)])
    # Without quotes the words are ``str.split``'s (the same whitespace as the pattern's ``\S``):
    # 1 us for a line of four words against 4 us.
    tokens = []
    col = 0
    for word in line.split():
        col = line.find(word, col)
        tokens.append(_new_token(Token, (word, col)))
        col += len(word)
    return tuple(tokens)


# --- Argument types ----------------------------------------------------------------------------
# A matcher gets the tokens and the index of the current one and returns
# (canonical text, tokens consumed) or None when the argument does not accept them.
Matcher = Callable[[Sequence[Token], int], "tuple[str, int] | None"]

_IPV4 = re.compile(r"^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$")
_IFNUM = re.compile(r"^\d+(?:[/.:]\d+)*$")
_IFWORD = re.compile(r"^[A-Za-z][A-Za-z-]*$")


# A dotted quad already as IOS prints it (no leading zeros, octets up to 255): most addresses
# of a config, accepted as they are (the general reading below costs ~1.5 us more).
_IPV4_CANONICAL = re.compile(r"(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}"
                             r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])")


def _ipv4(text: str) -> str | None:
    if _IPV4_CANONICAL.fullmatch(text) is not None:
        return text
    match = _IPV4.match(text)
    if match is None:
        return None
    octets = [int(part) for part in match.groups()]
    return None if max(octets) > 255 else ".".join(map(str, octets))


def _m_ip(tokens: Sequence[Token], i: int) -> tuple[str, int] | None:
    value = _ipv4(tokens[i].text)
    return None if value is None else (value, 1)


# IOS prints IPv6 addresses compressed (RFC 5952: the longest run of two or more zero groups,
# the first of equal runs, becomes ``::``; no leading zeros), hex digits upper case: what
# ``ipaddress.IPv6Address(text).compressed.upper()`` gives. An address of hex groups alone is
# compressed here (~2.5 us against ~7 us for ``ipaddress``); one with an IPv4 tail or a ``%``
# scope, and an IPv4-mapped one (its printed form differs between Python versions), is left to
# ``ipaddress``. tests/ios/test_args.py compares the two over generated and edge-case inputs.
_V6_HEX = re.compile(r"[0-9A-Fa-f:]+")
# The characters ``ipaddress`` can accept before a ``%`` scope (it refuses any ``/``): any
# other character is no address, refused without it.
_V6_ANY = re.compile(r"[0-9A-Fa-f:.]*")
_ZERO_RUNS = tuple(":" + "0:" * count for count in range(8, 1, -1))


def _ipv6_library(text: str) -> str | None:
    try:
        return ipaddress.IPv6Address(text).compressed.upper()
    except ValueError:
        return None


def _compressed(wrapped: str) -> str:
    """``:G1:...:G8:`` (groups without leading zeros) with its longest run of zero groups (the
    first of equal runs, two groups or more) written ``::``, the outer colons dropped."""
    if ":0:0:" not in wrapped:
        return wrapped[1:-1]
    run = next(run for run in _ZERO_RUNS if run in wrapped)
    at = wrapped.find(run)
    return wrapped[1:at] + "::" + wrapped[at + len(run):-1]


# Addresses read, and how they read; cleared when full. An address is matched in a line, then
# again (as IOS prints it) when the line's slots are captured: the printed form is kept too,
# since it reads as itself (~2.5 us saved when a config spells an address otherwise).
_V6_READ: dict[str, str | None] = {}
_V6_READ_MAX = 65_536


def _ipv6_text(text: str) -> str | None:
    # What is plainly no address (a prefix ``A::B/64`` is tried as an address too) is refused
    # before the cache, so that it takes no entry.
    if ":" not in text or "/" in text:
        return None
    value = _V6_READ.get(text, "")  # "" is no answer: not read yet
    if value != "":
        return value
    value = _ipv6_read(text)
    if len(_V6_READ) >= _V6_READ_MAX:
        _V6_READ.clear()
    _V6_READ[text] = value
    if value is not None:
        _V6_READ[value] = value
    return value


def _ipv6_read(text: str) -> str | None:
    if _V6_HEX.fullmatch(text) is None:
        cheap_no = _V6_ANY.fullmatch(text.partition("%")[0]) is None
        return None if cheap_no else _ipv6_library(text)
    groups = ipv6_groups(text)
    if groups is None:
        return None
    # Between colons at both ends, so that a run of zero groups is a plain substring.
    wrapped = ":" + ":".join([group.lstrip("0") or "0" for group in groups]) + ":"
    return _ipv6_library(text) if wrapped.startswith(":0:0:0:0:0:FFFF:") else _compressed(wrapped)


def _m_ipv6(tokens: Sequence[Token], i: int) -> tuple[str, int] | None:
    value = _ipv6_text(tokens[i].text)
    return None if value is None else (value, 1)


def _m_ipv6pfx(tokens: Sequence[Token], i: int) -> tuple[str, int] | None:
    addr, slash, length = tokens[i].text.partition("/")
    if not slash or not length.isdigit() or int(length) > 128:
        return None
    value = _ipv6_text(addr)
    return None if value is None else (f"{value}/{int(length)}", 1)


def _m_word(tokens: Sequence[Token], i: int) -> tuple[str, int] | None:
    text = tokens[i].text
    return None if text.startswith('"') else (text, 1)


def _m_quoted(tokens: Sequence[Token], i: int) -> tuple[str, int] | None:
    text = tokens[i].text
    if len(text) >= 2 and text.startswith('"') and text.endswith('"'):
        return (text, 1)
    return None


def _m_rest(tokens: Sequence[Token], i: int) -> tuple[str, int] | None:
    # The words with the spacing typed between them: IOS keeps a description's text verbatim.
    parts = [tokens[i].text]
    for prev, tok in zip(tokens[i:], tokens[i + 1:], strict=False):
        parts.append(" " * max(1, tok.col - prev.col - len(prev.text)) + tok.text)
    return ("".join(parts), len(tokens) - i)


_HEX = re.compile(r"^[0-9A-Fa-f]+$")
_PFX4 = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){3})/(\d{1,2})$")
_ASDOT = re.compile(r"^(\d{1,5})\.(\d{1,5})$")
_MAC = re.compile(r"^[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}$")


def _m_hex(tokens: Sequence[Token], i: int) -> tuple[str, int] | None:
    text = tokens[i].text
    return (text.upper(), 1) if _HEX.match(text) else None


def _m_pfx(tokens: Sequence[Token], i: int) -> tuple[str, int] | None:
    match = _PFX4.match(tokens[i].text)
    if match is None or int(match.group(2)) > 32:
        return None
    addr = _ipv4(match.group(1))
    return None if addr is None else (f"{addr}/{int(match.group(2))}", 1)


def _m_plen(tokens: Sequence[Token], i: int) -> tuple[str, int] | None:
    """An IPv4 prefix length written on its own, ``/24`` (``ip nat inside source static network
    A B /24`` as IOS 15.4 prints it: tests/fixtures/real/gh-spanter-otus-pro-nat-static-network)."""
    text = tokens[i].text
    if len(text) < 2 or text[0] != "/" or not text[1:].isdigit() or int(text[1:]) > 32:
        return None
    return f"/{int(text[1:])}", 1


def _m_asn(tokens: Sequence[Token], i: int) -> tuple[str, int] | None:
    text = tokens[i].text
    if text.isdigit():
        return (str(int(text)), 1) if 1 <= int(text) <= 4294967295 else None
    match = _ASDOT.match(text)
    if match and int(match.group(1)) <= 65535 and int(match.group(2)) <= 65535:
        return (text, 1)
    return None


def _m_mac(tokens: Sequence[Token], i: int) -> tuple[str, int] | None:
    text = tokens[i].text
    return (text.lower(), 1) if _MAC.match(text) else None


def _m_iface(tokens: Sequence[Token], i: int) -> tuple[str, int] | None:
    text = tokens[i].text
    consumed = 1
    # IOS also takes the number as a separate word: ``interface Tunnel 1``.
    if _IFWORD.match(text) and i + 1 < len(tokens) and _IFNUM.match(tokens[i + 1].text):
        text += tokens[i + 1].text
        consumed = 2
    try:
        return (interface_canonical(text), consumed)
    except ValueError:
        return None


def _m_ifnum(tokens: Sequence[Token], i: int) -> tuple[str, int] | None:
    text = tokens[i].text
    return (text, 1) if _IFNUM.match(text) else None


_INT_RANGE = re.compile(r"^(-?\d+)-(-?\d+)$")


def _int_matcher(lo: int, hi: int) -> Matcher:
    def match(tokens: Sequence[Token], i: int) -> tuple[str, int] | None:
        text = tokens[i].text
        if not (text.isdigit() or (lo < 0 and text.startswith("-") and text[1:].isdigit())):
            return None
        value = int(text)
        return (str(value), 1) if lo <= value <= hi else None

    return match


# Argument types and whether they are "free" (accept any word: lowest priority).
_SIMPLE_TYPES: dict[str, tuple[Matcher, bool]] = {
    "word": (_m_word, True),
    "url": (_m_word, True),
    "rest": (_m_rest, True),
    "quoted": (_m_quoted, False),
    "ip": (_m_ip, False),
    "mask": (_m_ip, False),
    "ipv6": (_m_ipv6, False),
    "ipv6pfx": (_m_ipv6pfx, False),
    "iface": (_m_iface, False),
    "ifnum": (_m_ifnum, False),
    "hex": (_m_hex, False),
    "pfx": (_m_pfx, False),
    "plen": (_m_plen, False),
    "asn": (_m_asn, False),
    "mac": (_m_mac, False),
}


@dataclass(frozen=True)
class Arg:
    """A typed argument of a command."""

    kind: str
    matcher: Matcher = field(compare=False, hash=False)
    free: bool

    @classmethod
    def parse(cls, spec: str) -> Arg:
        """Build from ``word`` / ``int:1-200`` (the text between angle brackets; a slot name,
        ``word=name``, is dropped)."""
        spec = split_slot(spec)[0]
        kind, _, param = spec.partition(":")
        if kind == "int":
            bounds = _INT_RANGE.match(param)
            if bounds is None:
                raise ValueError(f"bad integer range <{spec}>")
            return cls(spec, _int_matcher(int(bounds.group(1)), int(bounds.group(2))), False)
        if kind not in _SIMPLE_TYPES:
            raise ValueError(f"unknown argument type <{spec}>")
        matcher, free = _SIMPLE_TYPES[kind]
        return cls(spec, matcher, free)


@lru_cache(maxsize=1024)
def _arg(spec: str) -> Arg:
    return Arg.parse(spec)


def arg_accepts(spec: str, word: str) -> bool:
    """Whether a canonical word (one token, or the joined rest of a line for ``rest``) is what
    argument ``spec`` produced: slot capture replays a match over canonical words."""
    arg = _arg(spec)
    if " " in word and arg.kind not in ("rest", "quoted"):
        return False
    return arg.matcher((_new_token(Token, (word, 0)),), 0) is not None
