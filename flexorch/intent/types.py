"""Validated scalar types for every value that reaches an IOS config line.

Each string type refuses anything that could smuggle a second IOS command into a config: line
breaks and other control characters, ``?`` (IOS context help fires mid-line), non-ASCII text, and
for single-word types any whitespace. Addresses are ``ipaddress`` objects; interface names are
canonicalised to IOS's spelling (``g1`` -> ``GigabitEthernet1``).
"""

from __future__ import annotations

import contextlib
import ipaddress
import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    ValidatorFunctionWrapHandler,
    WrapValidator,
)

from flexorch.ios.facts import address_refusal, interface_canonical, ipv6_groups
from flexorch.safetext import describe_char, escape_control

# Every pattern here is applied with fullmatch: ``$`` would also match before a final newline,
# and a name ending in a line break would split the config line it goes into.
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:@/+=-]*")
_WORD = re.compile(r"[!-~]+")
_SITE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.+=@-]{0,63}")
_PRINTABLE = re.compile(r"[ -~]*")  # check_printable's fast path: its loop finds the problem


class Model(BaseModel):
    """Base of every intent model: frozen, unknown keys rejected."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=False)


def check_printable(value: str, what: str) -> str:
    """``value`` when every character is printable ASCII (space to ``~``) and no ``?``."""
    if _PRINTABLE.fullmatch(value) is not None and "?" not in value:
        return value
    for char in value:
        if " " <= char <= "~":
            continue
        if char.isascii():
            raise ValueError(f"{what} contains a line break or control character "
                             f"({escape_control(char)})")
        raise ValueError(f"{what} contains a non-ASCII character ({describe_char(char)}): "
                         "IOS config is ASCII")
    if "?" in value:
        raise ValueError(f"{what} contains '?', which IOS treats as a help request")
    return value


def _check_name(value: str) -> str:
    check_printable(value, "name")
    if not _NAME.fullmatch(value):
        raise ValueError(
            f"'{value}' is not a valid IOS object name (one word: letters, digits, _ . : @ / + = -)"
        )
    return value


def _check_site(value: str) -> str:
    check_printable(value, "site")
    if not _SITE.fullmatch(value):
        raise ValueError(
            f"'{value}' is not a valid site name (letters, digits, _ . + = @ -, not starting "
            "with '.' or '-', at most 64 characters): it names files in the state directory"
        )
    return value


def _check_word(value: str) -> str:
    check_printable(value, "value")
    if not _WORD.fullmatch(value):
        raise ValueError(f"'{value}' must be one word without spaces")
    if '"' in value:
        raise ValueError(f"'{value}' must not contain a double quote")
    return value


def _check_text(value: str) -> str:
    check_printable(value, "text")
    if value != value.strip():
        raise ValueError("text must not start or end with spaces")
    if not value:
        raise ValueError("text must not be empty")
    if '"' in value:
        raise ValueError("text must not contain a double quote")
    return value


def _to_str(value: Any) -> Any:
    # YAML turns 10, 1.5 or yes into numbers/booleans; a name or word is still meant as text.
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return str(value)
    return value


def canonical_interface(value: str) -> str:
    """An interface name in IOS's spelling (``g1`` -> ``GigabitEthernet1``), printable ASCII
    only (Unicode digits would otherwise pass as interface numbers). Raises ValueError."""
    check_printable(value, "interface name")
    return interface_canonical(value)


def _slash_form(value: Any) -> Any:
    """Accept ``A M`` (IOS form) as well as ``A/len`` for interface addresses and networks."""
    if isinstance(value, str) and " " in value.strip():
        parts = value.split()
        if len(parts) == 2:
            return f"{parts[0]}/{parts[1]}"
    return value


Name = Annotated[str, BeforeValidator(_to_str), AfterValidator(_check_name), Field(max_length=64)]
"""An IOS object name: proposal, profile, keyring, VRF, list, map ... (one word)."""

SiteName = Annotated[str, BeforeValidator(_to_str), AfterValidator(_check_site)]
"""A site (FlexVPN domain): a name that is also safe as a file name (plans, locks, backups)."""

Word = Annotated[str, BeforeValidator(_to_str), AfterValidator(_check_word), Field(max_length=255)]
"""One token that goes into a config line verbatim (FQDN, e-mail, key-id, URL, delimiter)."""

Text = Annotated[str, AfterValidator(_check_text), Field(max_length=240)]
"""Free text on one line (description, subject name, attribute value); spaces allowed."""

InterfaceName = Annotated[str, AfterValidator(canonical_interface)]
"""An interface name in IOS's canonical spelling."""

def _no_scope(value: Any) -> Any:
    """IPv6 without a zone (``fe80::1%eth0``): IOS config has no zones, and Python accepts any
    text after ``%``, a line break included."""
    zones = (getattr(value, "scope_id", None),  # an address or interface (not its .ip)
             getattr(getattr(value, "network_address", None), "scope_id", None))  # a network
    if any(zone is not None for zone in zones):
        raise ValueError(f"'{escape_control(str(value))}': an IPv6 zone (%...) is not "
                         "allowed in IOS config")
    return value


IPv4 = ipaddress.IPv4Address
IPv6 = Annotated[ipaddress.IPv6Address, AfterValidator(_no_scope)]
def _host_address(value: ipaddress.IPv4Interface) -> ipaddress.IPv4Interface:
    """An interface address IOS takes: not its subnet's own or broadcast address below /31
    (IOS refuses it: ``% Bad mask /30 for address 172.20.100.96``, connecteddots.online "Cisco
    CLI Error: % Bad mask /xx for address X.X.X.X"; /31 and /32 are host routes)."""
    if address_refusal(int(value), int(value.netmask), "") is None:
        return value
    # Refused (a netmask is contiguous: the subnet's own or broadcast address): asked again
    # with the address's text for the message (``value.ip`` and its text cost 1.5 us, paid
    # only here).
    refusal = address_refusal(int(value), int(value.netmask), str(value.ip))
    which = "own" if value.ip == value.network.network_address else "broadcast"
    raise ValueError(f"{value.with_prefixlen} is its subnet's {which} address: IOS refuses "
                     f"it ('{refusal}'); give a host address of the subnet")


# Dotted quads exactly as ipaddress takes them (0-255, no leading zero; a prefix 0-32 without
# one): parsed here, about twice as fast as ipaddress's parser, which has the others.
_OCTET = r"(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_IPV4 = re.compile(rf"{_OCTET}\.{_OCTET}\.{_OCTET}\.{_OCTET}")
_IPV4_PREFIX = re.compile(rf"{_OCTET}\.{_OCTET}\.{_OCTET}\.{_OCTET}/(3[0-2]|[12]?[0-9])")


def _ipv4_int(match: re.Match[str]) -> int:
    first, second, third, fourth = match.group(1, 2, 3, 4)
    return (int(first) << 24) | (int(second) << 16) | (int(third) << 8) | int(fourth)


def _ipv4_interface(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """``a.b.c.d/len`` made here (the same interface as pydantic's ``IPv4Interface(value)``);
    anything else validated by pydantic (its errors)."""
    if type(value) is str:
        match = _IPV4_PREFIX.fullmatch(value)
        if match is not None:
            return ipaddress.IPv4Interface((_ipv4_int(match), int(match.group(5))))
    return handler(value)


# An IPv6 interface address of hexadecimal groups (no embedded IPv4, no zone) with a prefix
# length without a leading zero: made here from its groups (``ios.facts.ipv6_groups``: what
# ipaddress reads of that form; its parser costs 7 us an interface, 2 us from the number).
_IPV6_IF = re.compile(r"([0-9A-Fa-f:]+)/(12[0-8]|1[01][0-9]|[1-9]?[0-9])")


def _ipv6_interface(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """``addr/len`` of ``_IPV6_IF``'s form made here (the same interface as pydantic's
    ``IPv6Interface(value)``); anything else validated by pydantic (its errors)."""
    if type(value) is str and (match := _IPV6_IF.fullmatch(value)) is not None \
            and (groups := ipv6_groups(match.group(1))) is not None:
        number = int("".join(group.zfill(4) for group in groups), 16)
        return ipaddress.IPv6Interface((number, int(match.group(2))))
    return handler(value)


IPv4If = Annotated[ipaddress.IPv4Interface, BeforeValidator(_slash_form),
                   WrapValidator(_ipv4_interface), AfterValidator(_host_address)]
IPv6If = Annotated[ipaddress.IPv6Interface, WrapValidator(_ipv6_interface),
                   AfterValidator(_no_scope)]
IPv4Net = Annotated[ipaddress.IPv4Network, BeforeValidator(_slash_form)]
IPv6Net = Annotated[ipaddress.IPv6Network, AfterValidator(_no_scope)]
# Numbers (Port, Positive, ...) are in flexorch.intent.strict: they refuse booleans.


def _address(value: Any) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    if isinstance(value, ipaddress.IPv4Address | ipaddress.IPv6Address):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected an IPv4 or IPv6 address, got {type(value).__name__}")
    text = value.strip()
    match = _IPV4.fullmatch(text)
    if match is not None:
        return ipaddress.IPv4Address(_ipv4_int(match))
    try:
        if ":" not in text:  # not IPv6, and not IPv4 (_IPV4): ip_address would refuse it
            raise ValueError
        address = ipaddress.ip_address(text)
    except ValueError:
        raise ValueError(f"'{value}' is not an IPv4 or IPv6 address") from None
    return _no_scope(address)  # type: ignore[no-any-return]


def _address_or_interface(value: Any) -> ipaddress.IPv4Address | ipaddress.IPv6Address | str:
    try:
        return _address(value)
    except ValueError:
        pass
    if not isinstance(value, str):
        raise ValueError(f"expected an interface name or an address, got {type(value).__name__}")
    try:
        return canonical_interface(value)
    except ValueError:
        raise ValueError(f"'{value}' is neither an interface name nor an IP address") from None


def _destination(value: Any) -> ipaddress.IPv4Address | ipaddress.IPv6Address | str:
    try:
        return _address(value)
    except ValueError:
        pass
    if value == "dynamic":
        return "dynamic"
    # a host name; all-numeric labels are a mistyped address, not a name (no numeric TLDs)
    if isinstance(value, str) and _FQDN.fullmatch(value) and not value.rsplit(".", 1)[-1].isdigit():
        return value
    raise ValueError(f"'{value}' is not an IP address, 'dynamic' or a host name")


_FQDN = re.compile(
    r"(?=.{1,253}\Z)[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9][A-Za-z0-9-]{0,62})*"
)

Address = Annotated[ipaddress.IPv4Address | ipaddress.IPv6Address, PlainValidator(_address)]
"""An IPv4 or IPv6 address."""

SourceRef = Annotated[
    ipaddress.IPv4Address | ipaddress.IPv6Address | str, PlainValidator(_address_or_interface)
]
"""`tunnel source`: an interface (canonicalised) or an address."""

Destination = Annotated[
    ipaddress.IPv4Address | ipaddress.IPv6Address | str, PlainValidator(_destination)
]
"""`tunnel destination`: an address, ``dynamic`` or a host name."""


def ip_text(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    """An address as IOS prints it: IPv6 in upper case (``2001:DB8::1``)."""
    return str(address).upper() if address.version == 6 else str(address)


def _connect_address(value: Any) -> str:
    """Where flexorch connects: an IP address or a DNS name, as text. Nothing else, because the
    value is also a known_hosts key (where ``,`` ``*`` ``!`` ``[`` have meanings)."""
    if not isinstance(value, str):
        raise ValueError(f"expected an IP address or a host name, got {type(value).__name__}")
    if type(value) is str and _IPV4.fullmatch(value):
        return value  # a dotted quad as ipaddress prints it
    with contextlib.suppress(ValueError):
        if value == value.strip():
            return str(_address(value))
    if _FQDN.fullmatch(value):
        return value
    raise ValueError(f"'{escape_control(value)}' is not an IP address or a host name")


ConnectAddress = Annotated[str, PlainValidator(_connect_address)]
"""The address flexorch's SSH session goes to (a host's ``hostname``)."""

