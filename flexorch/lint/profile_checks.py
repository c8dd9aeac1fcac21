"""IKEv2 profile and keyring rules on the intent: FV201-FV207.

Profile matching follows the guide: ``match identity remote any`` is a catch-all that "cannot be
combined with other identity or certificate match statements"; a profile without authentication
or a match statement is incomplete and never used; a profile without ``match fvrf`` covers the
global routing table only (so a tunnel with ``tunnel vrf`` needs one).
"""

from __future__ import annotations

import ipaddress
from typing import Any

from flexorch.ios.facts import crypto
from flexorch.lint.context import HostCtx
from flexorch.lint.findings import Part

_CERT = ("rsa-sig", "ecdsa-sig")


def check_profiles(ctx: HostCtx) -> None:
    """FV201 any + other matches, FV202 incomplete, FV203/FV207 PSK without key, FV204 no
    trustpoint."""
    for name, profile in ctx.host.ikev2_profiles.items():
        base: list[Part] = ["ikev2_profiles", name]
        match = profile.match
        anys = [i for i, ident in enumerate(match.identity_remote) if ident.type == "any"]
        others = len(match.identity_remote) - len(anys) + len(match.certificate)
        if anys and others:
            ctx.report("FV201", [*base, "match", "identity_remote", anys[0]],
                       f"profile {name} combines match identity remote any with {others} other "
                       "identity/certificate match(es): keep the catch-all in a profile of its own")
        missing = []
        if profile.authentication_local is None:
            missing.append(("authentication_local", "authentication local"))
        if not profile.authentication_remote:
            missing.append(("authentication_remote", "authentication remote"))
        if not (match.identity_remote or match.certificate):
            missing.append(("match", "match identity remote / match certificate"))
        for field, what in missing:
            ctx.report("FV202", [*base, field],
                       f"profile {name} has no {what}: IOS treats the profile as incomplete and "
                       "never uses it")
        methods = [a.method for a in profile.authentication_remote]
        local = profile.authentication_local
        if local is not None:
            methods.append(local.method)
        keyed = profile.keyring is not None or (local is not None and local.key is not None)
        if local is not None and local.method == "pre-share" and not keyed:
            ctx.report("FV203", [*base, "keyring"],
                       f"profile {name} authenticates with a pre-shared key but has no keyring "
                       "and no authentication key: set psk on the spoke (derived keyring), a "
                       "keyring, or authentication_local.key")
        elif "pre-share" in [a.method for a in profile.authentication_remote] and not (
            profile.keyring is not None or any(a.key for a in profile.authentication_remote)
        ):
            _unkeyed_remote(ctx, name, profile.authentication_remote, base)
        if any(m in _CERT for m in methods) and not profile.pki_trustpoints:
            ctx.report("FV204", [*base, "pki_trustpoints"],
                       f"profile {name} uses certificates but names no pki trustpoint: as "
                       "responder IOS takes trustpoints only from the matched profile")


def _unkeyed_remote(ctx: HostCtx, name: str, remote: list[Any], base: list[Part]) -> None:
    """FV203 when pre-share is the only remote method (no peer can authenticate), FV207 when
    others remain: the guide's group authorization examples (lines 1622-1629, 1675-1682) accept
    pre-share and rsa-sig with no keyring, and their rsa-sig peers still authenticate."""
    others = sorted({a.method for a in remote} - {"pre-share"})
    if not others:
        ctx.report("FV203", [*base, "keyring"],
                   f"profile {name} accepts pre-shared keys but has no keyring and no "
                   "authentication remote key to verify them with")
        return
    index = next(i for i, a in enumerate(remote) if a.method == "pre-share")
    ctx.report("FV207", [*base, "authentication_remote", index],
               f"profile {name} accepts pre-shared keys but has no keyring and no "
               f"authentication remote key: peers using {', '.join(others)} authenticate, "
               "pre-share peers fail; add a keyring (or a key), or drop pre-share")


def _tunnel_profile(host: Any, tunnel: Any) -> tuple[str, Any]:
    """The IKEv2 profile a static tunnel initiates with: its own, its IPsec profile's, or
    ``default``; (name, profile or None when that name is not defined)."""
    ipsec = host.ipsec_profiles.get(tunnel.protection)
    pname = tunnel.protection_ikev2_profile or (ipsec.ikev2_profile if ipsec else None)
    pname = pname or crypto.DEFAULT_IKEV2_PROFILE_NAME
    return pname, host.ikev2_profiles.get(pname)


def check_tunnel_fvrf(ctx: HostCtx) -> None:
    """FV206: a static tunnel's ``tunnel vrf`` must be covered by its IKEv2 profile's match fvrf."""
    host = ctx.host
    for tname, tunnel in host.tunnels.items():
        if tunnel.protection is None:
            continue
        pname, profile = _tunnel_profile(host, tunnel)
        if profile is None:
            continue  # a dangling name: FV210
        wanted = profile.match.fvrf
        if wanted in ("any", tunnel.fvrf):
            continue
        table = f"vrf {tunnel.fvrf}" if tunnel.fvrf else "the global table"
        covers = f"vrf {wanted} only" if wanted else "the global table only (no match fvrf)"
        ctx.report("FV206", ["ikev2_profiles", pname, "match", "fvrf"],
                   f"{tname} negotiates in {table} but its IKEv2 profile {pname} covers "
                   f"{covers}: set match fvrf {tunnel.fvrf or 'any'} (or any) in the profile")


def check_config_exchange(ctx: HostCtx) -> None:
    """FV217: a tunnel that takes its address from the peer (``ip address negotiated``) whose
    IKEv2 profile has ``no config-exchange request``. The guide: the request is what makes the
    initiator send a CFG_REQUEST, answered by a CFG_REPLY (line 1907), and configuration
    exchange is how IP addresses are delivered (line 1901); without it no address arrives."""
    host = ctx.host
    for tname, tunnel in host.tunnels.items():
        if not tunnel.ip_negotiated or tunnel.protection is None:
            continue
        pname, profile = _tunnel_profile(host, tunnel)
        if profile is None or profile.config_exchange_request is not False:
            continue
        ctx.report("FV217", ["ikev2_profiles", pname, "config_exchange_request"],
                   f"{tname} takes its address from the peer (ip address negotiated) but its "
                   f"IKEv2 profile {pname} has no config-exchange request: no CFG_REQUEST is "
                   "sent, so no address arrives; remove config_exchange_request: false")


def _network(peer: Any) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
    if peer.prefix is not None:
        net: ipaddress.IPv4Network | ipaddress.IPv6Network = peer.prefix
        return net
    if peer.address is None:
        return None
    mask = f"/{peer.mask}" if peer.mask is not None else ""
    return ipaddress.ip_network(f"{peer.address}{mask}", strict=False)


def check_keyring_overlap(ctx: HostCtx) -> None:
    """FV205: peer blocks of one keyring that a peer could match both of (address ranges that
    overlap, the same identity twice, a domain identity covering another identity). O(n log n)
    in the number of blocks: a hub keyring with 10,000 spokes is swept, not compared pairwise."""
    for kname, keyring in ctx.host.ikev2_keyrings.items():
        if len(keyring.peers) < 2:  # an overlap takes two blocks (a spoke's keyring has one)
            continue
        base: list[Part] = ["ikev2_keyrings", kname, "peers"]
        nets = [(net, pname) for pname, peer in keyring.peers.items()
                if (net := _network(peer)) is not None]
        for version in (4, 6):
            ordered = sorted((n for n in nets if n[0].version == version),
                             key=lambda item: (int(item[0].network_address), -item[0].prefixlen))
            widest: tuple[Any, str] | None = None
            for net, pname in ordered:
                if widest is not None and int(net.network_address) <= int(
                        widest[0].broadcast_address):
                    field = "prefix" if keyring.peers[pname].prefix is not None else "address"
                    ctx.report("FV205", [*base, pname, field],
                               f"keyring {kname}: peer {pname} ({net}) overlaps peer {widest[1]} "
                               f"({widest[0]}): IOS uses the most specific block; make them "
                               "disjoint")
                if widest is None or int(net.broadcast_address) > int(widest[0].broadcast_address):
                    widest = (net, pname)
        _identity_overlap(ctx, kname, keyring, base)


def _identity_overlap(ctx: HostCtx, kname: str, keyring: Any, base: list[Part]) -> None:
    """Identity blocks of one keyring a presented identity could match twice: the same identity
    in two blocks, or a domain identity covering another block's identity or narrower domain."""
    entries: list[tuple[str, int, str, str, bool]] = [
        (pname, index, ident.type, str(ident.value).lower(), ident.domain)
        for pname, peer in keyring.peers.items()
        for index, ident in enumerate(peer.identities)
    ]
    exact: dict[tuple[str, str], int] = {}
    domains: dict[tuple[str, str], int] = {}
    for pos, (_, _, kind, value, domain) in enumerate(entries):
        (domains if domain else exact).setdefault((kind, value), pos)
    reported: set[frozenset[str]] = set()
    for pos, (pname, _, kind, value, domain) in enumerate(entries):
        table = domains if domain else exact
        candidates = [table[(kind, value)]]
        candidates += [domains[k] for k in _covering_domains(kind, value, domain) if k in domains]
        for other in candidates:
            opeer, _, okind, ovalue, odomain = entries[other]
            pair = frozenset((pname, opeer))
            if opeer == pname or pair in reported:
                continue
            reported.add(pair)
            lname, lindex, *_ = entries[max(pos, other)]
            what = f"{kind} {'domain ' if domain else ''}{value}"
            owhat = f"{okind} {'domain ' if odomain else ''}{ovalue}"
            ctx.report("FV205", [*base, lname, "identities", lindex],
                       f"keyring {kname}: identity {what} (peer {pname}) and {owhat} (peer "
                       f"{opeer}) can match the same peer: IOS uses the most specific block; "
                       "keep one block per identity")


def _covering_domains(kind: str, value: str, domain: bool) -> list[tuple[str, str]]:
    """The domain identities that would match ``value`` (strictly wider ones for a domain)."""
    if kind == "email":
        return [] if domain else [(kind, value.rsplit("@", 1)[-1])]
    if kind != "fqdn":
        return []
    labels = value.split(".")
    return [(kind, ".".join(labels[i:])) for i in range(1 if domain else 0, len(labels))]
