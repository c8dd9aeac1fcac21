"""Line tables of the IKEv2 blocks: each row is the inverse of a line of ``templates/ikev2_*.j2``
(proposal, policy, keyring and peer, profile, name mangler, authorization policy, FlexVPN
client, global ``crypto ikev2`` lines). The canonical line spelling is ``normalize_config``'s,
which is also how the templates render: a row reads back exactly what its template writes."""

from __future__ import annotations

import re
from typing import Any, Final

from flexorch.importer.rows import (
    Reading,
    Row,
    append,
    flag,
    integer,
    nested,
    numbers,
    read_lines,
    row,
    secret,
    validated,
    words,
)
from flexorch.intent.ikev2 import KeyringPeer
from flexorch.ios.config import Node

# A key as the canonical line shows it: ``[6|7] VALUE`` (type 0 is shown without the digit).
KEY = r"(?P<key>(?:[67] )?\S+)"
_WORD = r"(\S+)"


def _identity(m: re.Match[str]) -> dict[str, Any]:
    """``fqdn [domain] X`` / ``address A [M]`` / ``any`` as a RemoteIdentity."""
    out: dict[str, Any] = {"type": m.group("type")}
    if m.group("domain"):
        out["domain"] = True
    if m.group("value"):
        out["value"] = m.group("value")
    if m.group("mask"):
        out["mask"] = m.group("mask")
    return out


REMOTE_IDENTITY = (r"(?P<type>address|fqdn|email|key-id|any)(?P<domain> domain)?"
                   r"(?: (?P<value>\S+))?(?: (?P<mask>\d+\.\d+\.\d+\.\d+))?")

PROPOSAL: Final[tuple[Row, ...]] = (
    row(r"encryption (.+)", "encryption", words),
    row(r"integrity (.+)", "integrity", words),
    row(r"prf (.+)", "prf", words),
    row(r"group (.+)", "group", numbers),
)

POLICY: Final[tuple[Row, ...]] = (
    row(r"match fvrf (\S+)", "match_fvrf"),
    append(r"match address local (\S+)", "match_address_local"),
    append(r"proposal (\S+)", "proposals"),
)

KEYRING_PEER: Final[tuple[Row, ...]] = (
    row(r"description (.+)", "description"),
    row(r"address (\d+\.\d+\.\d+\.\d+)", "address"),
    Row(re.compile(r"address (\d+\.\d+\.\d+\.\d+) (\d+\.\d+\.\d+\.\d+)"),
        lambda r, m: r.data.update(address=m.group(1), mask=m.group(2)), "address"),
    row(r"address ([0-9A-Fa-f:]+:[0-9A-Fa-f:.]*)/128", "address"),
    row(r"address ([0-9A-Fa-f:]+:[0-9A-Fa-f:.]*/\d+)", "prefix"),
    row(r"hostname (\S+)", "hostname"),
    append(rf"identity {REMOTE_IDENTITY}", "identities", _identity),
    secret(rf"pre-shared-key {KEY}", "pre_shared_key", "psk"),
    secret(rf"pre-shared-key local {KEY}", "pre_shared_key_local", "psk-local"),
    secret(rf"pre-shared-key remote {KEY}", "pre_shared_key_remote", "psk-remote"),
)


def _auth(reading: Reading, m: re.Match[str], side: str) -> dict[str, Any]:
    out: dict[str, Any] = {"method": m.group("method")}
    if m.group("key"):
        out["key"] = reading.secret(m.group("key"), f"{reading.label}-auth-{side}")
    if m.group("eap"):
        out["eap"] = m.group("eap")
    return out


_AUTH = (r"(?P<method>pre-share|rsa-sig|ecdsa-sig|eap)(?: key (?P<key>(?:[67] )?\S+))?"
         r"(?: (?P<eap>gtc|md5|mschapv2|query-identity))?")


_AUTHZ = re.compile(r"aaa authorization (?P<scope>user|group)(?P<override> override)? "
                    r"(?P<kind>psk|cert|eap) (?:(?P<cached>cached)|list (?P<list>\S+)"
                    r"(?: name-mangler (?P<mangler>\S+)| (?!password )(?P<name>\S+))?"
                    rf"(?: password {KEY})?)")


def _store_authz(reading: Reading, m: re.Match[str]) -> None:
    out: dict[str, Any] = {"scope": m.group("scope"), "kind": m.group("kind")}
    for group, key in (("list", "list"), ("name", "name"), ("mangler", "name_mangler")):
        if m.group(group):
            out[key] = m.group(group)
    if m.group("override"):
        out["override"] = True
    if m.group("cached"):
        out["cached"] = True
    if m.group("key"):
        out["password"] = reading.secret(m.group("key"), f"{reading.label}-authz-password")
    reading.data.setdefault("aaa_authorization", []).append(out)


_KEYRING = re.compile(r"keyring (?:local (?P<local>\S+)|aaa (?P<aaa>\S+)"
                      rf"(?: name-mangler (?P<mangler>\S+))?(?: password {KEY})?)")


def _store_keyring(reading: Reading, m: re.Match[str]) -> None:
    out: dict[str, Any] = {}
    for group, key in (("local", "local"), ("aaa", "aaa"), ("mangler", "name_mangler")):
        if m.group(group):
            out[key] = m.group(group)
    if m.group("key"):
        out["password"] = reading.secret(m.group("key"), f"{reading.label}-keyring-password")
    reading.data["keyring"] = out


def _accounting(m: re.Match[str]) -> dict[str, Any]:
    return {"kinds": [m.group(1)], "list": m.group(2)} if m.group(1) else {"list": m.group(2)}


def _dpd(m: re.Match[str]) -> dict[str, Any]:
    return {"interval": int(m.group(1)), "retry": int(m.group(2)), "mode": m.group(3)}


PROFILE: Final[tuple[Row, ...]] = (
    row(r"description (.+)", "description"),
    nested(r"match fvrf (\S+)", "match", "fvrf"),
    nested(r"match address local interface (\S+)", "match", "address_local_interface"),
    Row(re.compile(r"match address local (\S+)"),
        lambda r, m: r.data.setdefault("match", {}).setdefault("address_local", []).append(
            m.group(1)), "match"),
    Row(re.compile(r"match certificate (\S+)"),
        lambda r, m: r.data.setdefault("match", {}).setdefault("certificate", []).append(
            m.group(1)), "match"),
    Row(re.compile(rf"match identity remote {REMOTE_IDENTITY}"),
        lambda r, m: r.data.setdefault("match", {}).setdefault("identity_remote", []).append(
            _identity(m)), "match"),
    row(r"identity local (address|fqdn|email|key-id|dn)(?: (\S+))?", "identity_local",
        lambda m: {"type": m.group(1), **({"value": m.group(2)} if m.group(2) else {})}),
    Row(re.compile(rf"authentication local {_AUTH}"),
        lambda r, m: r.data.update(authentication_local=_auth(r, m, "local")),
        "authentication_local"),
    Row(re.compile(rf"authentication remote {_AUTH}"),
        lambda r, m: r.data.setdefault("authentication_remote", []).append(
            _auth(r, m, "remote")), "authentication_remote"),
    Row(_KEYRING, _store_keyring, "keyring"),
    append(r"pki trustpoint (\S+)", "pki_trustpoints"),
    row(r"dpd (\d+) (\d+) (on-demand|periodic)", "dpd", _dpd),
    row(r"nat keepalive (\d+)", "nat_keepalive", integer),
    flag(r"nat force-encap", "nat_force_encap"),
    row(r"ivrf (\S+)", "ivrf"),
    row(r"aaa authentication eap (\S+)", "aaa_authentication_eap"),
    Row(_AUTHZ, _store_authz, "aaa_authorization"),
    append(r"aaa accounting(?: (psk|cert|eap))? (\S+)", "aaa_accounting", _accounting),
    row(r"virtual-template (\d+)( mode auto)?", "virtual_template",
        lambda m: {"number": int(m.group(1)), **({"mode_auto": True} if m.group(2) else {})}),
    # The positive lines (as the FlexVPN guide prints them, lines 1950-1952) are IOS's
    # defaults, which IOS hides: the canonical tree drops them (``rules.DEFAULT_ON``) and they
    # are imported as unset, the same setting; plan and drift drop them too.
    flag(r"no config-exchange request", "config_exchange_request", False),
    flag(r"no config-exchange set send", "config_exchange_set_send", False),
    flag(r"no config-exchange set accept", "config_exchange_set_accept", False),
    row(r"session-lifetime (\d+)", "session_lifetime", integer),
    row(r"lifetime (\d+)", "lifetime", integer),
    flag(r"no lifetime certificate", "lifetime_certificate", False),
    Row(re.compile(r"reconnect(?: timeout (\d+))?"),
        lambda r, m: r.data.update(reconnect=True, **(
            {"reconnect_timeout": int(m.group(1))} if m.group(1) else {})), "reconnect"),
)

NAME_MANGLER: Final[tuple[Row, ...]] = (
    row(r"fqdn (hostname|domain|all)", "fqdn"),
    row(r"email (username|domain|all)", "email"),
    row(r"dn (\S+)", "dn"),
    row(r"eap all", "eap", lambda m: {"all": True}),
    row(r"eap dn (\S+)", "eap", lambda m: {"dn": m.group(1)}),
    row(r"eap prefix delimiter (\S)", "eap", lambda m: {"prefix_delimiter": m.group(1)}),
    row(r"eap suffix delimiter (\S)", "eap", lambda m: {"suffix_delimiter": m.group(1)}),
)


def _route(m: re.Match[str]) -> dict[str, Any]:
    prefix = f"{m.group('net')}/{m.group('mask')}" if m.group("mask") else m.group("net")
    out: dict[str, Any] = {"prefix": prefix}
    if m.group("tag"):
        out["tag"] = int(m.group("tag"))
    if m.group("distance"):
        out["distance"] = int(m.group("distance"))
    return out


_ROUTE = (r"(?:ipv4 (?P<net>\d+\.\d+\.\d+\.\d+) (?P<mask>\d+\.\d+\.\d+\.\d+)|ipv6 (?P<net6>\S+))"
          r"(?: tag (?P<tag>\d+))?(?: distance (?P<distance>\d+))?")


def _route_any(m: re.Match[str]) -> dict[str, Any]:
    return _route(m) if m.group("net") else {**_route(m), "prefix": m.group("net6")}


AUTHORIZATION_POLICY: Final[tuple[Row, ...]] = (
    row(r"pool (\S+)", "pool"),
    row(r"dns (.+)", "dns", words),
    row(r"netmask (\S+)", "netmask"),
    row(r"def-domain (\S+)", "def_domain"),
    row(r"aaa attribute list (\S+)", "aaa_attribute_list"),
    Row(re.compile(r"route set interface(?: (\S+))?"),
        lambda r, m: r.data.update(route_set_interface=True, **(
            {"route_set_interface_name": m.group(1)} if m.group(1) else {})),
        "route_set_interface"),
    row(r"route set access-list ipv6 (\S+)", "route_set_access_list_ipv6"),
    row(r"route set access-list (\S+)", "route_set_access_list"),
    row(r"route accept any(?: tag (\d+))?(?: distance (\d+))?", "route_accept_any",
        lambda m: {**({"tag": int(m.group(1))} if m.group(1) else {}),
                   **({"distance": int(m.group(2))} if m.group(2) else {})}),
    append(rf"route set local {_ROUTE}", "route_set_local", _route_any),
    append(rf"route set remote {_ROUTE}", "route_set_remote", _route_any),
)


def _client_peer(m: re.Match[str]) -> dict[str, Any]:
    out: dict[str, Any] = {"seq": int(m.group(1))}
    if m.group(2):
        out["fqdn"] = m.group(2)
        if m.group(3):
            out["dynamic"] = True
    else:
        out["address"] = m.group(4)
    return out


CLIENT: Final[tuple[Row, ...]] = (
    append(r"peer (\d+) (?:fqdn (\S+)( dynamic)?|(\S+))", "peers", _client_peer),
    flag(r"peer reactivate", "peer_reactivate"),
    append(r"source (\d+) (\S+)(?: track (\d+))?", "sources",
           lambda m: {"seq": int(m.group(1)), "interface": m.group(2),
                      **({"track": int(m.group(3))} if m.group(3) else {})}),
    append(r"client connect (\S+)", "connect"),
)

GLOBALS: Final[tuple[Row, ...]] = (
    flag(r"crypto ikev2 http-url cert", "http_url_cert"),
    row(r"crypto ikev2 certificate-cache (\d+)", "certificate_cache", integer),
    row(r"crypto ikev2 cookie-challenge (\d+)", "cookie_challenge", integer),
    nested(r"crypto ikev2 limit max-sa (\d+)", "limit", "max_sa", integer),
    Row(re.compile(r"crypto ikev2 limit max-in-negotiation-sa (\d+)(?: (incoming|outgoing))?"),
        lambda r, m: r.data.setdefault("limit", {}).update(
            max_in_negotiation_sa=int(m.group(1)),
            **({"max_in_negotiation_direction": m.group(2)} if m.group(2) else {})), "limit"),
    row(r"crypto ikev2 window (\d+)", "window", integer),
    row(r"crypto ikev2 dpd (\d+) (\d+) (on-demand|periodic)", "dpd", _dpd),
    row(r"crypto ikev2 nat keepalive (\d+)", "nat_keepalive", integer),
    flag(r"crypto ikev2 cts sgt", "cts_sgt"),
    flag(r"crypto ikev2 disconnect-revoked-peers", "disconnect_revoked_peers"),
    row(r"crypto ikev2 fragmentation(?: mtu (\d+))?", "fragmentation",
        lambda m: {"mtu": int(m.group(1))} if m.group(1) else {}),
    row(r"crypto ikev2 diagnose error (\d+)", "diagnose_error", integer),
    nested(r"crypto ikev2 redirect gateway (init|auth)", "redirect", "gateway"),
    Row(re.compile(r"crypto ikev2 redirect client(?: max-redirects (\d+))?"),
        lambda r, m: r.data.setdefault("redirect", {}).update(client=True, **(
            {"client_max_redirects": int(m.group(1))} if m.group(1) else {})), "redirect"),
)


def keyring_peers(reading: Reading, node: Node) -> None:
    """``peer NAME`` of a keyring: read as its own block, validated alone (a peer the model
    refuses is listed without hiding the others)."""
    name = node.text.split(maxsplit=1)[1]
    peer = reading.child(node.text, name)
    read_lines(peer, node.children, KEYRING_PEER)
    data = validated(peer, KeyringPeer)
    reading.unexpressed.extend(peer.unexpressed)
    if data is None:
        return
    reading.data.setdefault("peers", {})[name] = data
    reading.lines.setdefault("peers", []).append(node.text)
