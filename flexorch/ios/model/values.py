"""Values shared by every block of the typed config view: secrets, identities, DNs, addresses.

A part of ``flexorch.ios.model``: import these names from there (see its docstring).
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from typing import Final

from flexorch.ios.facts import ipv6_groups
from flexorch.ios.facts.keys import type7_decode

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
IpInterface = ipaddress.IPv4Interface | ipaddress.IPv6Interface

# An interface's address is made from its text by ``ipaddress`` twice over (the address, then
# the network from the same text): ~11 us for ``10.3.200.1/255.255.255.0`` and ~10 us for
# ``2001:DB8::2:1/64``, where the integer form takes ~5.5 and ~6.5 us (each router of a fleet
# has addresses of its own, so no cache helps). Only text ``ipaddress`` reads as these
# integers takes that way: a dotted quad as IOS prints it (no leading zero, octets up to 255:
# ``ipaddress`` refuses a leading zero) and hex groups alone (no IPv4 tail, no ``%`` scope);
# the rest, and every error, is ``ipaddress``'s own (tests/ios/test_model_values.py).
_DOTTED: Final = re.compile(r"(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}"
                            r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])")
_V6_HEX: Final = re.compile(r"[0-9A-Fa-f:]+")


def ipv4_interface(address: str, mask: str) -> ipaddress.IPv4Interface:
    """``ipaddress.IPv4Interface(f"{address}/{mask}")`` (raises what it raises)."""
    if _DOTTED.fullmatch(address) is None or "/" in mask:  # two ``/``: the text's error
        return ipaddress.IPv4Interface(f"{address}/{mask}")
    a, b, c, d = address.split(".")
    return ipaddress.IPv4Interface(((int(a) << 24) | (int(b) << 16) | (int(c) << 8) | int(d),
                                    mask))


def ipv6_interface(prefix: str) -> ipaddress.IPv6Interface:
    """``ipaddress.IPv6Interface(prefix)`` (raises what it raises)."""
    address, slash, length = prefix.partition("/")
    groups = ipv6_groups(address) if _V6_HEX.fullmatch(address) else None
    if groups is None or not slash or not (length.isascii() and length.isdigit()) \
            or int(length) > 128:
        return ipaddress.IPv6Interface(prefix)
    return ipaddress.IPv6Interface((int("".join([g.zfill(4) for g in groups]), 16), int(length)))


@dataclass(frozen=True, slots=True)
class Secret:
    """A key read from config. ``value`` is None when it cannot be known (type 6 ciphertext)."""

    encryption: int  # 0 clear text, 6 AES (master key needed), 7 reversible
    value: str | None = field(repr=False)

    @classmethod
    def of(cls, encryption: str | None, text: str | None) -> Secret | None:
        """A key from its two slots (``[{0|6|7}=enc] <word=key>``); None when no key is given."""
        if text is None:
            return None
        kind = int(encryption) if encryption is not None and encryption.isdigit() else 0
        if kind == 6:
            return cls(6, None)
        return cls(kind, type7_decode(text) if kind == 7 else text)

    @classmethod
    def parse(cls, words: list[str]) -> Secret | None:
        """``[0|6|7] <key...>`` -> Secret; None when no key is given."""
        if not words:
            return None
        if words[0] in ("0", "6", "7") and len(words) > 1:
            return cls.of(words[0], " ".join(words[1:]))
        return cls.of(None, " ".join(words))

    def same_as(self, other: Secret) -> bool | None:
        """Whether two keys are equal; None when either value is unknown."""
        if self.value is None or other.value is None:
            return None
        return self.value == other.value

    def __repr__(self) -> str:
        return f"Secret(type {self.encryption}, ******)"


def dn_normalize(text: str) -> str:
    """A distinguished name as IOS prints it in IKEv2 identities: attribute keys lower case, no
    blanks around ``=`` and ``,`` (``CN=R15, OU=VPN`` -> ``cn=R15,ou=VPN``). Values keep their
    case. Source: the corpus (gh-skydevil-lab14-gre-dmvpn: ``subject-name CN=R13`` is shown as
    ``Local id: hostname=R13.R13.local,cn=R13`` by ``show crypto ikev2 sa detailed``)."""
    parts = []
    for part in text.split(","):
        key, eq, value = part.partition("=")
        parts.append(f"{key.strip().lower()}={value.strip()}" if eq else part.strip())
    return ",".join(p for p in parts if p)


@dataclass(frozen=True, slots=True)
class Identity:
    """An IKE identity (``identity local fqdn x``) or an identity pattern (``match identity remote
    fqdn domain x``, keyring ``identity email domain x``, ``match identity remote address 10.0.0.0
    255.0.0.0``). ``kind``: address, fqdn, email, key-id, dn. ``value`` is '' for ``identity local
    dn`` (the subject of the router's certificate); a DN value is compared as IOS prints it
    (``dn_normalize``)."""

    kind: str
    value: str
    domain: bool = False

    def show(self) -> str:
        return self.value

    def match_score(self, presented: Identity) -> int:  # noqa: PLR0911 - one exit per rule
        """How specifically this pattern matches a presented identity: 0 no match, 1 address
        range / domain, 2 exact (used for "most specific wins")."""
        if self.kind != presented.kind:
            return 0
        if self.kind == "address":
            try:
                net = ipaddress.ip_network(self.value, strict=False)
                addr = ipaddress.ip_address(presented.value)
            except ValueError:
                return 0
            if addr.version != net.version or addr not in net:
                return 0
            return 2 if net.prefixlen == net.max_prefixlen else 1
        if self.kind == "dn":
            same = dn_normalize(self.value).lower() == dn_normalize(presented.value).lower()
            return 2 if same else 0
        if self.domain:
            sep = "@" if self.kind == "email" else "."
            tail = presented.value.lower().rsplit(sep, 1)[-1] if self.kind == "email" else None
            if tail is not None:
                return 1 if tail == self.value.lower() else 0
            name = presented.value.lower()
            dom = self.value.lower()
            return 1 if name == dom or name.endswith(sep + dom) else 0
        return 2 if self.value.lower() == presented.value.lower() else 0


def address_pattern(address: str | None, mask: str | None = None) -> str | None:
    """``A [MASK]`` / ``A/len`` -> a network string (``0.0.0.0`` alone means any IPv4)."""
    if address is None:
        return None
    try:
        if "/" in address:
            return str(ipaddress.ip_network(address, strict=False))
        addr = ipaddress.ip_address(address)
        if mask is not None:
            return str(ipaddress.ip_network(f"{address}/{mask}", strict=False))
        if addr.is_unspecified:
            return f"{addr}/0"
        return f"{addr}/{addr.max_prefixlen}"
    except ValueError:
        return None
