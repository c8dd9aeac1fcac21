"""Line tables of the IPsec, interface, VRF, AAA, RADIUS, PKI, pool and ACL blocks: each row the
inverse of a line of their templates (``templates/ipsec_*.j2``, ``interface.j2``, ``vrf.j2``,
``aaa.j2``, ``radius_server.j2``, ``pki_*.j2``). See ``flexorch.importer.rows``."""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from typing import Any, Final

from flexorch.importer.read_ikev2 import KEY
from flexorch.importer.rows import (
    Row,
    append,
    flag,
    integer,
    nested,
    row,
    secret,
    words,
)

_V4 = r"\d+\.\d+\.\d+\.\d+"

IPSEC_PROFILE: Final[tuple[Row, ...]] = (
    row(r"description (.+)", "description"),
    nested(r"set security-association lifetime seconds (\d+)", "lifetime", "seconds", integer),
    nested(r"set security-association lifetime kilobytes (\d+)", "lifetime", "kilobytes",
           integer),
    nested(r"set security-association lifetime kilobytes disable", "lifetime",
           "kilobytes_disable", lambda m: True),
    nested(r"set security-association replay disable", "replay", "disable", lambda m: True),
    nested(r"set security-association replay window-size (\d+)", "replay", "window_size",
           integer),
    row(r"set transform-set (.+)", "transform_sets", words),
    row(r"set pfs (group\d+)", "pfs"),
    row(r"set ikev2-profile (\S+)", "ikev2_profile"),
    flag(r"set mixed-mode", "mixed_mode"),
    nested(r"set reverse-route distance (\d+)", "reverse_route", "distance", integer),
    nested(r"set reverse-route tag (\d+)", "reverse_route", "tag", integer),
    flag(r"responder-only", "responder_only"),
)

TRANSFORM_SET_CHILDREN: Final[tuple[Row, ...]] = (
    row(r"mode (tunnel|transport)", "mode"),
)


def transform_set_header(words_: list[str]) -> dict[str, str] | None:
    """``esp-aes 256 esp-sha-hmac`` (the words after the set's name) as TransformSet keys;
    None for a transform the intent does not have (compression)."""
    out: dict[str, str] = {}
    index = 0
    while index < len(words_):
        word = words_[index]
        if word.startswith("ah-"):
            key = "ah"
        elif word.startswith("esp-") and word.endswith("-hmac"):
            key = "esp_integrity"
        elif word.startswith("esp-"):
            key = "esp_encryption"
            if index + 1 < len(words_) and words_[index + 1].isdigit():
                index += 1
                word = f"{word} {words_[index]}"
        else:
            return None
        if key in out:
            return None
        out[key] = word
        index += 1
    return out


def _v4_interface(m: re.Match[str], first: int = 1) -> str:
    return f"{m.group(first)}/{m.group(first + 1)}"


INTERFACE: Final[tuple[Row, ...]] = (
    row(r"description (.+)", "description"),
    row(r"vrf forwarding (\S+)", "vrf"),
    row(rf"ip address ({_V4}) ({_V4})", "ipv4", _v4_interface),
    append(rf"ip address ({_V4}) ({_V4}) secondary", "ipv4_secondary", _v4_interface),
    flag(r"ip address negotiated", "ip_negotiated"),
    row(r"ip unnumbered (\S+)", "ip_unnumbered"),
    row(r"ip mtu (\d+)", "ip_mtu", integer),
    row(r"ip tcp adjust-mss (\d+)", "tcp_adjust_mss", integer),
    flag(r"shutdown", "shutdown"),
    append(r"ipv6 address ([0-9A-Fa-f:.]+/\d+)", "ipv6"),
    flag(r"ipv6 enable", "ipv6_enable"),
    row(r"ipv6 unnumbered (\S+)", "ipv6_unnumbered"),
)
def _dhcp(reading: Any, m: re.Match[str]) -> bool:
    """``ip address dhcp [client-id IF] [hostname NAME]``."""
    if "ip_dhcp" in reading.data:
        return False
    reading.data.update(ip_dhcp=True, **({"dhcp_client_id": m.group(1)} if m.group(1) else {}),
                        **({"dhcp_hostname": m.group(2)} if m.group(2) else {}))
    return True


def _autoconfig(reading: Any, m: re.Match[str]) -> bool:
    """``ipv6 address autoconfig [default]``."""
    if "ipv6_autoconfig" in reading.data:
        return False
    reading.data.update(ipv6_autoconfig=True, **({"ipv6_autoconfig_default": True}
                                                  if m.group(1) else {}))
    return True


PHYSICAL: Final[tuple[Row, ...]] = (
    *INTERFACE,
    Row(re.compile(r"ip address dhcp(?: client-id (\S+))?(?: hostname (\S+))?"), _dhcp,
        "ip_dhcp"),
    flag(r"ipv6 address dhcp", "ipv6_dhcp"),
    Row(re.compile(r"ipv6 address autoconfig( default)?"), _autoconfig, "ipv6_autoconfig"),
    row(r"ip nat (inside|outside)", "nat"))
_TUNNEL_COMMON: Final[tuple[Row, ...]] = (
    *INTERFACE,
    flag(r"cts sgt inline", "cts_sgt_inline"),
    row(r"tunnel source (\S+)", "source"),
    row(r"tunnel mode (.+)", "mode"),
    row(r"tunnel key (\d+)", "tunnel_key", integer),
    row(r"tunnel vrf (\S+)", "fvrf"),
    Row(re.compile(r"tunnel protection ipsec profile (\S+)(?: ikev2-profile (\S+))?"),
        lambda r, m: r.data.update(protection=m.group(1), **(
            {"protection_ikev2_profile": m.group(2)} if m.group(2) else {})), "protection"),
)
TUNNEL: Final[tuple[Row, ...]] = (*_TUNNEL_COMMON, row(r"tunnel destination (\S+)", "destination"))
VIRTUAL_TEMPLATE: Final[tuple[Row, ...]] = _TUNNEL_COMMON

@lru_cache(maxsize=64)
def legacy_vrf_rows(names: tuple[str, ...]) -> tuple[Row, ...]:
    """``ip vrf forwarding NAME`` read as the interface's ``vrf`` only for the router's legacy
    VRFs ``names`` (the template renders that form for them); another stays a raw line."""
    if not names:
        return ()
    return (row(rf"ip vrf forwarding ({'|'.join(map(re.escape, names))})", "vrf"),)


VRF: Final[tuple[Row, ...]] = (
    row(r"description (.+)", "description"),
    row(r"rd (\S+)", "rd"),
)

RADIUS_SERVER: Final[tuple[Row, ...]] = (
    Row(re.compile(r"address ipv[46] (\S+)(?: auth-port (\d+))?(?: acct-port (\d+))?"),
        lambda r, m: r.data.update(address=m.group(1), **(
            {"auth_port": int(m.group(2))} if m.group(2) else {}), **(
            {"acct_port": int(m.group(3))} if m.group(3) else {})), "address"),
    secret(rf"key {KEY}", "key", "key"),
    row(r"timeout (\d+)", "timeout", integer),
    row(r"retransmit (\d+)", "retransmit", integer),
)

RADIUS_GROUP: Final[tuple[Row, ...]] = (
    append(r"server name (\S+)", "servers"),
    row(r"ip vrf forwarding (\S+)", "vrf"),
    row(r"ip radius source-interface (\S+)", "source_interface"),
)


def _match_certificate(m: re.Match[str]) -> dict[str, Any]:
    out: dict[str, Any] = {"map": m.group(1)}
    rest = m.group(2) or ""
    override = re.fullmatch(r"override (cdp|ocsp|sia) (\d+) (\S+)", rest)
    if override:
        out["override"] = {"type": override.group(1), "seq": int(override.group(2)),
                           "url": override.group(3)}
    elif rest:
        out[{"allow expired-certificate": "allow_expired",
             "skip revocation-check": "skip_revocation_check",
             "skip authorization-check": "skip_authorization_check"}[rest]] = True
    return out


TRUSTPOINT: Final[tuple[Row, ...]] = (
    row(r"enrollment url (\S+)", "enrollment_url"),
    flag(r"enrollment terminal", "enrollment_terminal"),
    flag(r"enrollment selfsigned", "enrollment_selfsigned"),
    flag(r"serial-number none", "serial_number_none"),
    row(r"fqdn (\S+)", "fqdn"),
    flag(r"ip-address none", "ip_address_none"),
    row(r"subject-name (.+)", "subject_name"),
    row(r"subject-alt-name (\S+)", "subject_alt_name"),
    row(r"revocation-check ((?:crl|none|ocsp)(?: (?:crl|none|ocsp))*)", "revocation_check",
        words),
    row(r"rsakeypair (\S+)", "rsakeypair"),
    row(r"eckeypair (\S+)", "eckeypair"),
    row(r"auto-enroll (\d+)", "auto_enroll", integer),
    append(r"match certificate (\S+)(?: (override (?:cdp|ocsp|sia) \d+ \S+|allow "
           r"expired-certificate|skip revocation-check|skip authorization-check))?",
           "match_certificate", _match_certificate),
)

CERTIFICATE_MAP_RULE = re.compile(
    r"(subject-name|issuer-name|unstructured-subject-name|alt-subject-name|name|"
    r"serial-number|expires-on|valid-start) (eq|ne|co|nc|lt|le|gt|ge) (.+)")


# An address in an extended ACL entry: ``any``, ``host A`` or ``A WILDCARD`` (what
# templates/ip_access_list.j2 renders; the corpus's extended lists use these three shapes:
# tests/fixtures/real/doc-michaelbecze-strongswan-azure-iosxe/r1.cfg,
# gh-avasekho-otus-lab14-ikev2-psk/r28.cfg).
_V4_ACL_ADDRESS = rf"(?:any|host {_V4}|{_V4} {_V4})"
_EXTENDED = re.compile(rf"(?:(\d+) )?(permit|deny) +ip ({_V4_ACL_ADDRESS}) ({_V4_ACL_ADDRESS})")
# ``ipv6 access-list`` entries as IOS-XE shows them: ``sequence N`` only where the number is not
# the one IOS would give (tests/fixtures/real/gh-dchirkov-otus-hw14-ikev2-dmvpn/r28.cfg:
# ``sequence 20 permit ipv6 FC00:ABCD:4:1::/64 any``).
_V6_ACL_ADDRESS = r"(?:any|host [0-9A-Fa-f:.]+|[0-9A-Fa-f:.]+/\d+)"
_IPV6 = re.compile(rf"(?:sequence (\d+) )?(permit|deny) +ipv6 ({_V6_ACL_ADDRESS}) "
                   rf"({_V6_ACL_ADDRESS})")


def _network(text: str, version: int) -> str | None:
    """An ACL address (``any``, ``host A``, ``A W``, ``P/L``) as the intent's network."""
    if text == "any":
        return "any"
    parts = text.split()
    try:
        if parts[0] == "host":
            return str(ipaddress.ip_network(parts[1]))
        if version == 4:
            return str(ipaddress.IPv4Network(f"{parts[0]}/{parts[1]}"))
        return str(ipaddress.IPv6Network(parts[0]))
    except ValueError:  # host bits set, a wildcard that is not a mask
        return None


# An IPv4 named list's entries are written only with their sequence numbers: the templates
# always render them (IOS-XE 16+ shows them), IOS 15 shows none
# (``flexorch.ios.facts.display.ACL_SEQUENCES_SHOWN_FROM``), so such a list would not render
# back as the router shows it; it is left out (plan leaves it) and a route set naming it kept
# verbatim.
def extended_acl_entry(text: str) -> dict[str, Any] | None:
    """``SEQ permit|deny ip SOURCE DESTINATION`` of an extended ACL as an ExtendedAclEntry;
    None for another shape (another protocol, ports, ``log``, no sequence number)."""
    return _two_address_entry(_EXTENDED.fullmatch(text), 4)


def ipv6_acl_entry(text: str) -> dict[str, Any] | None:
    """``[sequence N] permit|deny ipv6 SOURCE DESTINATION`` of an IPv6 ACL as an Ipv6AclEntry;
    None for another shape."""
    return _two_address_entry(_IPV6.fullmatch(text), 6)


def _two_address_entry(m: re.Match[str] | None, version: int) -> dict[str, Any] | None:
    if m is None or (version == 4 and not m.group(1)):
        return None
    source, destination = _network(m.group(3), version), _network(m.group(4), version)
    if source is None or destination is None:
        return None
    out: dict[str, Any] = {"action": m.group(2), "source": source, "destination": destination}
    if m.group(1):
        out["seq"] = int(m.group(1))
    return out


def acl_entry(text: str) -> dict[str, Any] | None:
    """``SEQ permit|deny any|A|A W`` of a standard ACL as an AclEntry; None for another shape
    (or no sequence number: see ``extended_acl_entry``)."""
    m = re.fullmatch(rf"(?:(\d+) )?(permit|deny) +(?:(any)|({_V4})(?: ({_V4}))?)", text)
    if m is None or not m.group(1):
        return None
    out: dict[str, Any] = {"action": m.group(2)}
    if m.group(1):
        out["seq"] = int(m.group(1))
    if m.group(3):
        out["network"] = "any"
        return out
    wildcard = m.group(5) or "0.0.0.0"
    try:
        net = ipaddress.IPv4Network(f"{m.group(4)}/{wildcard}")
    except ValueError:
        return None
    out["network"] = str(net)
    return out
