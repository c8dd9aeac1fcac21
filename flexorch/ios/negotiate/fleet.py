"""A whole fleet in the negotiation model: every static tunnel and FlexVPN client negotiated
(``predict_sessions``), with stable tunnel ids and Virtual-Access numbers, and each router's SAs
(``views_by_router``). A part of ``flexorch.ios.negotiate``: import these names from there.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flexorch.ios.model import Interface, IpAddress
from flexorch.ios.negotiate.exchange import negotiate
from flexorch.ios.negotiate.steps import nat_inside, static_tunnel_back, tunnel_source
from flexorch.ios.negotiate.types import (
    Endpoint,
    Fail,
    Outcome,
    SideView,
    Status,
    parse_ip,
)


# --- a whole fleet --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Session:
    """One IKEv2 attempt in a fleet: which router initiates from which tunnel, to whom.
    ``client`` names the ``crypto ikev2 client flexvpn`` block when a client peer was used."""

    initiator: str
    tunnel: str
    responder: str | None
    destination: str | None
    outcome: Outcome
    client: str | None = None

    @property
    def views(self) -> tuple[SideView, ...]:
        return self.outcome.views


def _address_index(routers: Mapping[str, Endpoint]) -> dict[IpAddress, str]:
    index: dict[IpAddress, str] = {}
    for name in sorted(routers):
        endpoint = routers[name]
        for addr in endpoint.config.address_owners:
            index.setdefault(addr, name)
        public = parse_ip(endpoint.nat_public_address)
        if public is not None:
            index.setdefault(public, name)
    return index


def _owner(index: dict[IpAddress, str], routers: Mapping[str, Endpoint], dest: str | None,
           self_name: str) -> Endpoint | None:
    addr = parse_ip(dest)
    owner = index.get(addr) if addr is not None else None
    return routers[owner] if owner is not None and owner != self_name else None


def predict_sessions(routers: Mapping[str, Endpoint]) -> list[Session]:
    """Negotiate every static tunnel and every FlexVPN client of a fleet.

    Static tunnels: every protected ``interface Tunnel`` with an address destination, initiated
    by its router towards the router owning that address (interfaces or NAT public address).
    Two routers with tunnels pointing at each other form ONE SA, initiated by the router whose
    name sorts first (unless that side never initiates: then the other one does, and no session
    is listed for the silent side). FlexVPN clients: the ``client connect`` tunnel tries the
    client's peers in sequence order; the first ESTABLISHED peer wins, else the most informative
    failure (one past NO_RESPONDER, else a known router that is down). Tunnels with ``tunnel
    destination dynamic`` are only brought up by a client. Established views get per-router
    tunnel ids 1..n and per-responder Virtual-Access numbers 1..n in (peer, interface) order, so
    the numbering is stable across runs. Sessions are returned sorted by (initiator, tunnel).
    """
    index = _address_index(routers)
    sessions: list[Session] = []
    paired: set[tuple[str, str]] = set()
    for name in sorted(routers):
        endpoint = routers[name]
        client_tunnels = {c.client_connect for c in endpoint.config.flexvpn_clients.values()}
        for client in endpoint.config.flexvpn_clients.values():
            if client.client_connect is not None:
                sessions.append(_client_session(endpoint, client.name, client.client_connect,
                                                peers=client.peers, index=index, routers=routers))
        for tunnel in endpoint.config.tunnels:
            if (tunnel.name in client_tunnels or tunnel.tunnel_protection is None
                    or tunnel.tunnel_destination in (None, "dynamic")
                    or (name, tunnel.name) in paired):
                continue
            responder = _owner(index, routers, tunnel.tunnel_destination, name)
            outcome = negotiate(endpoint, responder, tunnel.name)
            back = _mutual_tunnel(endpoint, tunnel, responder) if responder else None
            if back is not None and responder is not None:
                if outcome.status is Status.NOT_INITIATED:
                    continue  # this end never initiates: the other end's tunnel will
                paired.add((responder.name, back.name))
            sessions.append(Session(name, tunnel.name, responder.name if responder else None,
                                    tunnel.tunnel_destination, outcome))
    return _number(sessions)


def _mutual_tunnel(endpoint: Endpoint, tunnel: Interface, responder: Endpoint) -> Interface | None:
    try:
        local, _ = tunnel_source(endpoint.config, tunnel, tunnel.mode.transport)
    except Fail:
        return None
    seen = parse_ip(endpoint.nat_public_address) if endpoint.behind_nat else None
    dest = parse_ip(tunnel.tunnel_destination)
    if dest is None:
        return None
    rconfig = responder.config
    r_local = dest if dest in rconfig.address_owners else None
    if r_local is None:
        inside = nat_inside(rconfig, dest.version)
        r_local = inside[1] if inside else None
    if r_local is None:
        return None
    return static_tunnel_back(rconfig, seen or local, r_local)


def _client_session(endpoint: Endpoint, client: str, tunnel: str, *,
                    peers: tuple[tuple[int, str], ...], index: dict[IpAddress, str],
                    routers: Mapping[str, Endpoint]) -> Session:
    attempts: list[Session] = []
    for _, peer in peers:
        responder = _owner(index, routers, peer, endpoint.name)
        outcome = negotiate(endpoint, responder, tunnel, destination=peer)
        attempt = Session(endpoint.name, tunnel, responder.name if responder else None, peer,
                          outcome, client)
        if outcome.established:
            return attempt
        attempts.append(attempt)
    if not attempts:
        outcome = Outcome(Status.CONFIG_INCOMPLETE, "initiator-config",
                          f"{endpoint.name}: FlexVPN client {client} has no peer",
                          endpoint.name, None, tunnel)
        return Session(endpoint.name, tunnel, None, None, outcome, client)
    # Most informative first: a failure past reachability, then a known router that is down,
    # then an address nobody owns; peer order breaks ties.
    return min(attempts, key=lambda a: (a.outcome.status is Status.NO_RESPONDER,
                                        a.responder is None))


def _number(sessions: list[Session]) -> list[Session]:
    """Give every established view its per-router tunnel id (and Virtual-Access number)."""
    per_router: dict[str, list[tuple[tuple[str, str], int, int]]] = {}
    for s_index, session in enumerate(sessions):
        for v_index, view in enumerate(session.views):
            per_router.setdefault(view.router, []).append(
                ((view.peer, view.interface if view.virtual_template is None else ""), s_index,
                 v_index))
    # Only views whose number differs from what negotiate() gave them (tunnel id 1, Virtual-
    # Access1) are copied: on a hub-and-spoke fleet that is the hub's side only.
    replaced: dict[tuple[int, int], SideView] = {}
    for entries in per_router.values():
        entries.sort()
        access = 0
        for tunnel_id, (_, s_index, v_index) in enumerate(entries, start=1):
            view = sessions[s_index].views[v_index]
            changes: dict[str, Any] = {}
            if view.tunnel_id != tunnel_id:
                changes["tunnel_id"] = tunnel_id
            if view.virtual_template is not None:
                access += 1
                if view.interface != f"Virtual-Access{access}":
                    changes["interface"] = f"Virtual-Access{access}"
            if changes:
                replaced[(s_index, v_index)] = dataclasses.replace(view, **changes)
    out = []
    for s_index, session in enumerate(sessions):
        numbered = session
        if any((s_index, v) in replaced for v in range(len(session.views))):
            views = tuple(replaced.get((s_index, v), view)
                          for v, view in enumerate(session.views))
            numbered = dataclasses.replace(
                session, outcome=dataclasses.replace(session.outcome, views=views))
        out.append(numbered)
    out.sort(key=lambda s: (s.initiator, s.tunnel))
    return out


def views_by_router(sessions: list[Session]) -> dict[str, list[SideView]]:
    """Each router's established SAs (its side), ordered by tunnel id: what the lab shows."""
    out: dict[str, list[SideView]] = {}
    for session in sessions:
        for view in session.views:
            out.setdefault(view.router, []).append(view)
    for views in out.values():
        views.sort(key=lambda v: v.tunnel_id)
    return out
