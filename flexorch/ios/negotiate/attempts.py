"""Where IKEv2 starts in a fleet: every attempt one router makes towards another, from its
config. A part of ``flexorch.ios.negotiate`` (``fleet.predict_sessions`` negotiates them).

Only tunnels that negotiate IKEv2 count (``steps.ikev2_profile_name``: IKEv1 tunnels are not
this model's business).

- ``static``: a protected point-to-point tunnel with an address destination. When the other end
  has a protected tunnel back (same two addresses), either end may initiate: the attempt carries
  that tunnel as ``reverse``.
- ``client``: the ``client connect`` tunnel of a ``crypto ikev2 client flexvpn`` block, towards
  its peers in sequence order (the client initiates).
- ``crypto-map``: an interface's crypto map entry with ``set ikev2-profile`` towards its peers in
  order (Cisco "IKEv2 and Legacy VPNs"); either end may initiate when the peer's crypto map names
  this router back, only this end when the peer answers with a dynamic map.
- ``nhrp``: a protected multipoint GRE tunnel (DMVPN) towards every NBMA address its NHRP
  configuration names (``ip nhrp nhs X nbma Y``, ``ip nhrp map X Y``). The spoke registers
  first, but the hub initiates again after a reload or ``clear``: either end may (real SAs of
  one spoke show both, tests/fixtures/real/gh-skydevil-lab14-gre-dmvpn R61).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

from flexorch.ios.model import CryptoMapEntry, Interface, RouterConfig
from flexorch.ios.negotiate.child import static_tunnel_back, tunnels_by_destination
from flexorch.ios.negotiate.index import AddressIndex
from flexorch.ios.negotiate.steps import ikev2_profile_name, nat_inside, tunnel_source
from flexorch.ios.negotiate.types import (
    Endpoint,
    Fail,
    address_shown,
    owned_addresses,
    parse_ip,
    show_address,
)

AttemptKind = Literal["static", "client", "nhrp", "shortcut", "crypto-map"]


@dataclass(frozen=True)
class Attempt:
    """One router bringing up IKEv2 from ``tunnel`` towards ``destination``, which ``responder``
    owns (None: no router of the fleet). ``either_end``: IOS lets the other end initiate too,
    whatever the model walks; ``reverse``: the other end's own attempt, negotiated as well."""

    initiator: str
    tunnel: str
    responder: str | None
    destination: str | None
    kind: AttemptKind
    client: str | None = None
    peers: tuple[str, ...] = ()  # tried in order, the first that answers wins
    reverse: Attempt | None = None
    either_end: bool = False
    crypto_map: CryptoMapEntry | None = None  # for kind "crypto-map": ``tunnel`` is the interface


def attempts(routers: Mapping[str, Endpoint], index: AddressIndex) -> list[Attempt]:
    """Every attempt of every router, by router name then configuration order. Two tunnels
    facing each other are one attempt (the first one met, with the other as ``reverse``). The
    order never decides who is shown as initiator (see ``Attempt``); it makes the result the
    same whatever order the routers are given in."""
    out: list[Attempt] = []
    paired: set[tuple[str, str]] = set()
    for name in sorted(routers):
        endpoint = routers[name]
        config = endpoint.config
        # Most routers have no FlexVPN client and no crypto map: their tables are then empty,
        # and asking for none skips building the generators and the set (attempts of 10,000
        # cold spokes 57-62 -> 41-47 ms).
        client_tunnels: set[str | None] = set()
        if config.flexvpn_clients:
            out += _clients(name, config)
            client_tunnels = {c.client_connect for c in config.flexvpn_clients.values()}
        if config.crypto_maps:
            out += _crypto_maps(endpoint, routers, index, paired)
        for tunnel in config.tunnels:
            if (tunnel.name in client_tunnels or not speaks_ikev2(config, tunnel)
                    or (name, tunnel.name) in paired):
                continue
            if tunnel.mode.multipoint:
                out += _nhrp(name, tunnel, index)
                continue
            if tunnel.tunnel_destination in (None, "dynamic"):
                continue  # brought up by a FlexVPN client, or a responder only
            attempt = _static(endpoint, tunnel, routers, index)
            if attempt.reverse is not None:
                paired.add((attempt.reverse.initiator, attempt.reverse.tunnel))
            out.append(attempt)
    return out


def _clients(name: str, config: RouterConfig) -> Iterator[Attempt]:
    for client in config.flexvpn_clients.values():
        if client.client_connect is not None:
            yield Attempt(name, client.client_connect, None, None, "client", client=client.name,
                          peers=tuple(peer for _, peer in client.peers))


def _crypto_maps(endpoint: Endpoint, routers: Mapping[str, Endpoint], index: AddressIndex,
                 paired: set[tuple[str, str]]) -> Iterator[Attempt]:
    """Every static IKEv2 entry of every crypto map applied to an interface that is up. When the
    first peer applies a static entry naming this router back, either end may initiate (each
    end's traffic triggers it); towards a dynamic map only this end can."""
    config = endpoint.config
    for intf in config.interfaces.values():
        entries = config.crypto_maps.get(intf.crypto_map or "", ()) if not intf.shutdown else ()
        for entry in entries:
            key = f"{intf.name} {entry.name} {entry.sequence}"
            if (entry.dynamic_map is not None or not entry.peers or entry.ikev2_profile is None
                    or (endpoint.name, key) in paired):
                continue
            back = _crypto_map_back(endpoint, intf, entry, routers, index)
            if back is not None:
                paired.add(back)
            yield Attempt(endpoint.name, intf.name, None, None, "crypto-map", peers=entry.peers,
                          either_end=back is not None, crypto_map=entry)


def _crypto_map_back(endpoint: Endpoint, intf: Interface, entry: CryptoMapEntry,
                     routers: Mapping[str, Endpoint], index: AddressIndex
                     ) -> tuple[str, str] | None:
    """(router, key) of the first peer's static IKEv2 entry naming this interface's address."""
    owner = index.owner(entry.peers[0], exclude=endpoint.name)
    peer_address = parse_ip(entry.peers[0])
    if owner is None or peer_address is None:
        return None
    rconfig = routers[owner].config
    receiving = rconfig.address_owners.get(peer_address)
    mine = set(intf.addresses())
    for other in rconfig.crypto_maps.get(receiving.crypto_map or "", ()) if receiving else ():
        if other.ikev2_profile is not None and any(parse_ip(p) in mine for p in other.peers):
            assert receiving is not None
            return owner, f"{receiving.name} {other.name} {other.sequence}"
    return None


def _static(endpoint: Endpoint, tunnel: Interface, routers: Mapping[str, Endpoint],
            index: AddressIndex) -> Attempt:
    responder = index.owner(tunnel.tunnel_destination, exclude=endpoint.name)
    reverse = None
    if responder is not None:
        back = mutual_tunnel(endpoint, tunnel, routers[responder])
        if back is not None:
            reverse = Attempt(responder, back.name, endpoint.name, back.tunnel_destination,
                              "static")
    return Attempt(endpoint.name, tunnel.name, responder, tunnel.tunnel_destination, "static",
                   reverse=reverse)


def _nhrp(name: str, tunnel: Interface, index: AddressIndex) -> Iterator[Attempt]:
    for nbma in nhrp_peers(tunnel):
        yield Attempt(name, tunnel.name, index.owner(nbma, exclude=name), nbma, "nhrp",
                      either_end=True)


def nhrp_peers(tunnel: Interface) -> list[str]:
    """The NBMA addresses a multipoint tunnel's NHRP configuration names, in configuration order:
    its NHS (``nbma`` given, or resolved by a static ``ip nhrp map``), then other static maps."""
    maps = dict(tunnel.nhrp_maps)
    out: list[str] = []
    for nhs, nbma in tunnel.nhrp_nhs:
        target = nbma or maps.get(nhs)
        if target is not None and target not in out:
            out.append(target)
    out += [nbma for _, nbma in tunnel.nhrp_maps if nbma not in out]
    return out


def mutual_tunnel(endpoint: Endpoint, tunnel: Interface, responder: Endpoint) -> Interface | None:
    """The responder's protected tunnel facing ``tunnel`` (destination = this end's address as
    the responder sees it, source = the address ``tunnel`` goes to), if any."""
    if not tunnels_by_destination(responder.config):
        return None  # a hub of virtual-templates has none (asked first: ``attempts`` of
        # 10,000 spokes 0.11 -> 0.07 s)
    try:
        local, _ = tunnel_source(endpoint.config, tunnel, tunnel.mode.transport)
    except Fail:
        return None
    seen = parse_ip(endpoint.nat_public_address) if endpoint.behind_nat else None
    dest = parse_ip(tunnel.tunnel_destination)
    if dest is None:
        return None
    rconfig = responder.config
    r_local = dest if dest in owned_addresses(rconfig) else None
    if r_local is None:
        inside = nat_inside(rconfig, dest.version)
        r_local = inside[1] if inside else None
    if r_local is None:
        return None
    back = static_tunnel_back(rconfig, seen or local, r_local, tunnel.mode)
    return back if back is not None and speaks_ikev2(rconfig, back) else None


def speaks_ikev2(config: RouterConfig, tunnel: Interface) -> bool:
    """A protected tunnel that negotiates IKEv2 (not IKEv1: see ``ikev2_profile_name``). A
    protection naming an IPsec profile that does not exist counts: the attempt then reports it."""
    if tunnel.tunnel_protection is None:
        return False
    return (config.ipsec_profile(tunnel.tunnel_protection) is None
            or ikev2_profile_name(config, tunnel) is not None)


def source_address(config: RouterConfig, tunnel: str) -> str | None:
    """The address ``tunnel`` sends IKE from, as ``show crypto`` prints it; None when the config
    does not say (no such tunnel, no source, a source without an address)."""
    intf = config.interface(tunnel)
    if intf is None:
        return None
    if not (intf.is_tunnel or intf.is_virtual_template):
        addresses = intf.addresses()  # a crypto map's interface
        return show_address(addresses[0]) if addresses else None
    try:
        address, _ = tunnel_source(config, intf, intf.mode.transport)
    except Fail:
        return None
    return address_shown(address)


def initiation_targets(config: RouterConfig) -> list[str]:
    """Every address this router initiates IKEv2 to (tunnel destinations, FlexVPN client peers,
    NHRP NBMA addresses), as written; the lab finds each router's neighbours with these."""
    out = [t.tunnel_destination for t in config.tunnels if t.tunnel_destination]
    out += [peer for client in config.flexvpn_clients.values() for _, peer in client.peers]
    out += [nbma for t in config.tunnels if t.mode.multipoint for nbma in nhrp_peers(t)]
    out += [peer for intf in config.interfaces.values()
            for entry in config.crypto_maps.get(intf.crypto_map or "", ()) for peer in entry.peers]
    return out
