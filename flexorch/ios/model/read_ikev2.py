"""Reader rows of the IKEv2 blocks: proposal, policy, keyring and its peers, profile, name
mangler, authorization policy, FlexVPN client.

A part of ``flexorch.ios.model`` (see ``reader`` for how rows are applied). Values come from the
named slots of the rows in ``flexorch.ios.cli.commands.ikev2``.
"""

from __future__ import annotations

import ipaddress
from typing import Final

from flexorch.ios.cli.slots import Slots
from flexorch.ios.model.blocks import (
    AaaAuthorization,
    AuthMethod,
    AuthorizationPolicy,
    Dpd,
    FlexvpnClient,
    Keyring,
    KeyringPeer,
    NameMangler,
    Policy,
    Profile,
    Proposal,
    RouteSet,
)
from flexorch.ios.model.reader import Line, NotRead, Row, Rows, evolve, need, need_number
from flexorch.ios.model.values import Identity, Secret, address_pattern


def _more(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[str, ...]:
    """A merged list (a second ``encryption`` line adds to the list, as in IOS)."""
    return old + tuple(v for v in new if v not in old)


def identity_of(s: Slots, *, local: bool = False) -> Identity | None:
    """The identity the slots of an ``identity`` / ``match identity remote`` line give: an
    address pattern (one address for a local identity), fqdn, email, key-id or dn."""
    if "dn" in s:
        return Identity("dn", "")
    address = s.one("address")
    if address is not None:
        pattern = address if local else address_pattern(address, s.one("mask"))
        if pattern is None:
            raise NotRead(address)
        return Identity("address", pattern)
    for kind in ("fqdn", "email", "key-id"):
        value = s.one(kind)
        if value is not None:
            return Identity(kind, value, domain="domain" in s)
    return None


def _dpd(s: Slots) -> Dpd:
    return Dpd(need_number(s, "interval"), need_number(s, "retry"), need(s, "mode"))


# --- proposal, policy ---------------------------------------------------------------------------

PROPOSAL: Final[Rows[Proposal]] = Rows(read={
    "encryption": lambda p, line: evolve(
        p, encryption=_more(p.encryption, line.slots.all("value"))),
    "integrity": lambda p, line: evolve(p, integrity=_more(p.integrity, line.slots.all("value"))),
    "prf": lambda p, line: evolve(p, prf=_more(p.prf, line.slots.all("value"))),
    "group": lambda p, line: evolve(p, group=_more(p.group, line.slots.all("value"))),
    "pqc": lambda p, line: evolve(p, pqc=_more(p.pqc, line.slots.all("value")),
                                   pqc_optional="optional" in line.slots),
})

# ``match inbound-only`` (Cisco-IOS-XE-crypto.yang, IOS XE 17.12.1): the policy or profile only
# answers sessions a peer starts; the model matches responder policies and profiles the same way.
_INBOUND_ONLY: Final[dict[str, str]] = {
    "match inbound-only": "restricts it to sessions the peer starts, as the model matches it"}

POLICY: Final[Rows[Policy]] = Rows(read={
    "description": lambda p, line: evolve(p, description=line.slots.one("text")),
    "match fvrf": lambda p, line: evolve(p, match_fvrf=(*p.match_fvrf, need(line.slots, "vrf"))),
    "match address local": lambda p, line: evolve(
        p, match_address_local=(*p.match_address_local, need(line.slots, "address"))),
    "proposal": lambda p, line: evolve(p, proposals=(*p.proposals, need(line.slots, "name"))),
}, ignored=_INBOUND_ONLY)

# --- keyring ------------------------------------------------------------------------------------


def _peer_address(peer: KeyringPeer, line: Line) -> KeyringPeer:
    pattern = address_pattern(line.slots.one("address"), line.slots.one("mask"))
    if pattern is None:
        raise NotRead(line.text)
    return evolve(peer, address=ipaddress.ip_network(pattern))


def _peer_identity(peer: KeyringPeer, line: Line) -> KeyringPeer:
    ident = identity_of(line.slots)
    if ident is None:
        raise NotRead(line.text)
    return evolve(peer, identities=(*peer.identities, ident))


def _peer_ppk(peer: KeyringPeer, line: Line) -> KeyringPeer:
    s = line.slots
    return evolve(peer, ppk_id=s.one("id"), ppk_key=Secret.of(s.one("enc"), s.one("key")),
                   ppk_dynamic=s.one("dynamic"), ppk_required="required" in s)


def _peer_key(peer: KeyringPeer, line: Line) -> KeyringPeer:
    key = _hex_key(line) if "hex" in line.slots else Secret.of(
        line.slots.one("enc"), need(line.slots, "key"))
    side = line.slots.one("side")
    if side == "local":
        return evolve(peer, psk_local=key)
    if side == "remote":
        return evolve(peer, psk_remote=key)
    return evolve(peer, psk=key)


def _hex_key(line: Line) -> Secret:
    """``pre-shared-key [local|remote] hex H``: the key's octets typed in hex
    (Cisco-IOS-XE-crypto.yang of IOS XE 17.12.1, "Key entered in hex string"); the same key as
    the text whose octets they are, so it compares equal to the peer's plain-text key."""
    try:
        octets = bytes.fromhex(need(line.slots, "hex"))
    except ValueError as err:
        raise NotRead(line.text) from err
    return Secret(0, octets.decode("latin-1"))


KEYRING_PEER: Final[Rows[KeyringPeer]] = Rows(read={
    "description": lambda p, line: evolve(p, description=line.slots.one("text")),
    "address": _peer_address,
    "hostname": lambda p, line: evolve(p, hostname=need(line.slots, "name")),
    "identity": _peer_identity,
    "pre-shared-key": _peer_key,
    "ppk": _peer_ppk,
})


def _keyring_peer(keyring: Keyring, line: Line) -> Keyring:
    peer = line.block(KEYRING_PEER, KeyringPeer(need(line.slots, "name")))
    return line.append(keyring, "peers", peer)


KEYRING: Final[Rows[Keyring]] = Rows(read={
    "description": lambda k, line: evolve(k, description=line.slots.one("text")),
    "peer": _keyring_peer,
})

# --- profile ------------------------------------------------------------------------------------


def _match_identity(p: Profile, line: Line) -> Profile:
    if "any" in line.slots:
        return evolve(p, match_any=True)
    ident = identity_of(line.slots)
    if ident is None:
        raise NotRead(line.text)
    return line.append(p, "match_identities", ident)


def _auth_method(s: Slots) -> AuthMethod:
    username = s.one("username")
    options = s.all("option") + (("username", username) if username is not None else ())
    return AuthMethod(need(s, "method"), Secret.of(s.one("enc"), s.one("key")), options)


def _keyring(p: Profile, line: Line) -> Profile:
    s = line.slots
    local = s.one("local")
    if local is not None:
        return evolve(p, keyring_local=local)
    return evolve(p, keyring_aaa=need(s, "aaa"), keyring_aaa_name_mangler=s.one("mangler"),
                   keyring_aaa_password=Secret.of(s.one("enc"), s.one("key")))


def _trustpoint(p: Profile, line: Line) -> Profile:
    name, use = need(line.slots, "name"), line.slots.one("use")
    uses = p.pki_trustpoint_use if use is None else (*p.pki_trustpoint_use, (name, use))
    return evolve(p, pki_trustpoints=(*p.pki_trustpoints, name), pki_trustpoint_use=uses)


def _authorization(scope: str) -> Row[Profile]:
    def row(p: Profile, line: Line) -> Profile:
        s = line.slots
        author = AaaAuthorization(scope, need(s, "auth"), s.one("list"), s.one("name"),
                                  s.one("mangler"), "override" in s, "cached" in s,
                                  Secret.of(s.one("enc"), s.one("key")))
        return evolve(p, aaa_authorization=(*p.aaa_authorization, author))
    return row


def _lifetime(p: Profile, line: Line) -> Profile:
    seconds = line.slots.number("seconds")
    if seconds is None:
        return evolve(p, lifetime_certificate=True)  # ``lifetime certificate``
    return evolve(p, lifetime=seconds)


def _exchange(p: Profile, what: str, *, on: bool) -> Profile:
    """``config-exchange request|set send|set accept`` (IOS's default is on) and ``no`` forms."""
    if what == "request":
        return evolve(p, config_exchange_request=on)
    if what == "set send":
        return evolve(p, config_exchange_set_send=on)
    return evolve(p, config_exchange_set_accept=on)


def _no_exchange(what: str) -> Row[Profile]:
    return lambda p, line: _exchange(p, what, on=False)


PROFILE: Final[Rows[Profile]] = Rows(
    read={
        "description": lambda p, line: evolve(p, description=line.slots.one("text")),
        "match fvrf": lambda p, line: evolve(
            p, match_fvrf=(*p.match_fvrf, need(line.slots, "vrf"))),
        "match address local": lambda p, line: evolve(
            p, match_address_local=(*p.match_address_local, need(line.slots, "address"))),
        "match identity remote": _match_identity,
        "match certificate": lambda p, line: evolve(
            p, match_certificates=(*p.match_certificates, need(line.slots, "map"))),
        "identity local": lambda p, line: evolve(
            p, identity_local=identity_of(line.slots, local=True)),
        "authentication local": lambda p, line: evolve(
            p, auth_local=(*p.auth_local, _auth_method(line.slots))),
        "authentication remote": lambda p, line: evolve(
            p, auth_remote=(*p.auth_remote, _auth_method(line.slots))),
        "keyring": _keyring,
        "pki trustpoint": _trustpoint,
        "dpd": lambda p, line: evolve(p, dpd=_dpd(line.slots)),
        "nat keepalive": lambda p, line: evolve(
            p, nat_keepalive=need_number(line.slots, "seconds")),
        "nat force-encap": lambda p, line: evolve(p, nat_force_encap=True),
        "ivrf": lambda p, line: evolve(p, ivrf=need(line.slots, "vrf")),
        "aaa authentication": lambda p, line: evolve(
            p, aaa_authentication_eap=need(line.slots, "list")),
        "aaa authorization user": _authorization("user"),
        "aaa authorization group": _authorization("group"),
        "aaa accounting": lambda p, line: evolve(p, aaa_accounting=(
            *p.aaa_accounting, (need(line.slots, "auth"), need(line.slots, "list")))),
        "virtual-template": lambda p, line: evolve(
            p, virtual_template=need_number(line.slots, "number"),
            virtual_template_mode_auto="auto" in line.slots),
        "config-exchange": lambda p, line: _exchange(p, need(line.slots, "what"), on=True),
        "session-lifetime": lambda p, line: evolve(
            p, session_lifetime=need_number(line.slots, "seconds")),
        "lifetime": _lifetime,
        "lifetime certificate": _lifetime,
        "redirect gateway auth": lambda p, line: evolve(p, redirect_gateway_auth=True),
        "reconnect": lambda p, line: evolve(
            p, reconnect_timeout=line.slots.number("seconds") or 0),
        "shutdown": lambda p, line: evolve(p, shutdown=True),
    },
    negated={
        **{f"no config-exchange {what}": _no_exchange(what)
           for what in ("request", "set send", "set accept")},
        "no lifetime certificate": lambda p, line: evolve(p, lifetime_certificate=False),
        "no shutdown": lambda p, line: evolve(p, shutdown=False),
    },
    ignored={"initial-contact": "clears older SAs of the same peer; the same SA comes up",
             "anyconnect profile": "the AnyConnect client profile download",
             **_INBOUND_ONLY,
             # Cisco-IOS-XE-crypto.yang (IOS XE 17.12.1): ``dynamic`` and ``authentication
             # local dynamic`` take identities and methods per peer from AAA (controller-made
             # configs); the model cannot know them and reads the profile as having none set.
             **dict.fromkeys(("dynamic", "authentication local dynamic"),
                             "identities and methods set per peer by AAA at run time")},
)

# --- name mangler, authorization policy, FlexVPN client ----------------------------------------


def _mangler_rule(kind: str) -> Row[NameMangler]:
    return lambda m, line: evolve(m, rules=(*m.rules, (kind, need(line.slots, "rule"))))


NAME_MANGLER: Final[Rows[NameMangler]] = Rows(
    read={kind: _mangler_rule(kind) for kind in ("fqdn", "email", "dn", "eap")})


def _route_set(a: AuthorizationPolicy, line: Line) -> AuthorizationPolicy:
    s = line.slots
    address, mask = need(s, "address"), s.one("mask")
    network = address if mask is None else str(
        ipaddress.ip_network(f"{address}/{mask}", strict=False))
    entry = RouteSet(need(s, "side"), network, s.number("tag"), s.number("distance"))
    return evolve(a, route_sets=(*a.route_sets, entry),
                   route_set=(*a.route_set, line.text.removeprefix("route set ")))


def _route_set_acl(a: AuthorizationPolicy, line: Line) -> AuthorizationPolicy:
    acl = (6 if "ipv6" in line.slots else 4, need(line.slots, "name"))
    return evolve(a, route_set_access_lists=(*a.route_set_access_lists, acl),
                   route_set=(*a.route_set, line.text.removeprefix("route set ")))


def _route_accept(a: AuthorizationPolicy, line: Line) -> AuthorizationPolicy:
    return evolve(a, route_accept_any=True, route_accept=True,
                   route_accept_tag=line.slots.number("tag"),
                   route_accept_distance=line.slots.number("distance"))


AUTHORIZATION_POLICY: Final[Rows[AuthorizationPolicy]] = Rows(
    read={
        "pool": lambda a, line: evolve(a, pool=need(line.slots, "name")),
        "ipv6 pool": lambda a, line: evolve(a, ipv6_pool=need(line.slots, "name")),
        "dns": lambda a, line: evolve(a, dns=line.slots.all("server")),
        "wins": lambda a, line: evolve(a, wins=line.slots.all("server")),
        "netmask": lambda a, line: evolve(a, netmask=need(line.slots, "mask")),
        "def-domain": lambda a, line: evolve(a, def_domain=need(line.slots, "name")),
        "split-dns": lambda a, line: evolve(
            a, split_dns=(*a.split_dns, need(line.slots, "name"))),
        "backup-gateway": lambda a, line: evolve(
            a, backup_gateways=(*a.backup_gateways, need(line.slots, "name"))),
        "subnet-acl": lambda a, line: evolve(a, subnet_acl=need(line.slots, "name")),
        "banner": lambda a, line: evolve(a, banner=line.slots.one("text")),
        "aaa attribute list": lambda a, line: evolve(
            a, aaa_attribute_list=need(line.slots, "name")),
        "route set interface": lambda a, line: evolve(
            a, route_set_interface=True, route_set_interface_name=line.slots.one("interface")),
        "route set access-list": _route_set_acl,
        "route set": _route_set,
        "route accept any": _route_accept,
        "route accept": lambda a, line: evolve(a, route_accept=True),
        "session-lifetime": lambda a, line: evolve(
            a, session_lifetime=need_number(line.slots, "seconds")),
        "ipsec flow-limit": lambda a, line: evolve(
            a, ipsec_flow_limit=need_number(line.slots, "limit")),
    },
    negated={
        "no route accept": lambda a, line: evolve(a, route_accept=False, route_accept_any=False),
        "no route accept any": lambda a, line: evolve(
            a, route_accept=False, route_accept_any=False),
        "no route set interface": lambda a, line: evolve(a, route_set_interface=False),
    },
    ignored=dict.fromkeys(("ipv6 dns", "ipv6 subnet-acl", "max-logins", "include-local-lan",
                           "save-password", "smartcard-removal-disconnect", "pfs",
                           "configuration url", "configuration version", "ipv6 prefix", "dhcp",
                           "anyconnect profile"),
                          "settings pushed to remote-access clients, not SA parameters"),
)


def _client_peer(c: FlexvpnClient, line: Line) -> FlexvpnClient:
    seq = need_number(line.slots, "seq")
    track = line.slots.number("track")
    tracks = c.peer_tracks if track is None else (*c.peer_tracks, (seq, track))
    return evolve(c, peers=tuple(sorted((*c.peers, (seq, need(line.slots, "peer"))))),
                   peer_tracks=tracks)


FLEXVPN_CLIENT: Final[Rows[FlexvpnClient]] = Rows(read={
    "peer": _client_peer,
    "peer reactivate": lambda c, line: evolve(c, peer_reactivate=True),
    "client connect": lambda c, line: evolve(c, client_connect=need(line.slots, "interface")),
    "client inside": lambda c, line: evolve(
        c, client_inside=(*c.client_inside, need(line.slots, "interface"))),
    "connect": lambda c, line: evolve(c, connect=need(line.slots, "connect")),
    "source": lambda c, line: evolve(c, sources=tuple(sorted(
        (*c.sources, (need_number(line.slots, "seq"), need(line.slots, "interface")))))),
    "backup group": lambda c, line: evolve(
        c, backup_groups=(*c.backup_groups, need(line.slots, "name"))),
})
