"""A whole fleet in the negotiation model: every attempt to bring up IKEv2 negotiated
(``predict_sessions``), with who initiates as IOS decides it, stable tunnel ids and Virtual-Access
numbers, and each router's SAs (``views_by_router``). A part of ``flexorch.ios.negotiate``: import
these names from there.

Attempts come from ``attempts`` (static tunnels, FlexVPN clients, NHRP peers of multipoint
tunnels) and, once those are negotiated, ``shortcuts`` (spoke-to-spoke SAs NHRP builds on demand).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from flexorch.ios.facts import crypto
from flexorch.ios.model.reader import evolve
from flexorch.ios.negotiate.attempts import Attempt, AttemptKind, attempts
from flexorch.ios.negotiate.exchange import negotiate
from flexorch.ios.negotiate.index import AddressIndex
from flexorch.ios.negotiate.shortcuts import shortcut_attempts
from flexorch.ios.negotiate.types import Endpoint, Note, Outcome, SideView, Status

# ``map`` over the attempts in order (``flexorch.forked.forked_map`` on a big site)
Spread = Callable[[Callable[[Attempt], "Session"], Sequence[Attempt]], list["Session"]]


@dataclass(frozen=True)
class Session:
    """One IKEv2 attempt in a fleet: which router initiates from which tunnel, to whom.

    ``initiator`` is the end the model walked as initiator; ``initiator_known`` says whether IOS
    decides it (a spoke or client towards a virtual-template, a tunnel facing a responder-only
    end) or either end may initiate (then both views show ``initiator`` None). ``client`` names
    the ``crypto ikev2 client flexvpn`` block of a client attempt. ``kind`` says how the attempt
    arose (``AttemptKind``); ``shortcut`` sessions are built on demand, when traffic flows between
    two spokes, so a router shows them only then."""

    initiator: str
    tunnel: str
    responder: str | None
    destination: str | None
    outcome: Outcome
    client: str | None = None
    kind: AttemptKind = "static"
    initiator_known: bool = True

    @property
    def views(self) -> tuple[SideView, ...]:
        return self.outcome.views

    @property
    def on_demand(self) -> bool:
        return self.kind == "shortcut"


def predict_sessions(routers: Mapping[str, Endpoint], *, shortcuts: bool = True,
                     spread: Spread | None = None) -> list[Session]:
    """Negotiate every attempt of a fleet (see ``attempts``), then, with ``shortcuts``, the
    spoke-to-spoke SAs NHRP would build between spokes whose sessions to a common hub are up.

    Where both ends may initiate (two static tunnels facing each other) both directions are
    negotiated: the SA is up when either is (the initiator is then known unless both are), and
    a failure is reported when neither is. Established views get per-router tunnel ids 1..n and
    per-responder Virtual-Access numbers 1..n in (peer, interface) order, so the numbering is
    stable across runs. Sessions are returned sorted by (initiator, tunnel, destination).
    ``spread(func, attempts)``, when given, maps ``func`` over the attempts in order (lint
    gives ``flexorch.forked.forked_map``; the lab, answering one router's show, does not).
    """
    index = AddressIndex.of(routers)

    def one(attempt: Attempt) -> Session:
        return _session(attempt, routers, index)

    # each attempt is negotiated on its own: ``spread`` may share them among processes
    found = list(attempts(routers, index))
    sessions = spread(one, found) if spread is not None else [one(a) for a in found]
    if shortcuts:
        sessions += [_session(attempt, routers, index)
                     for attempt in shortcut_attempts(routers, sessions)]
    return _number(sessions)


def _session(attempt: Attempt, routers: Mapping[str, Endpoint], index: AddressIndex) -> Session:
    if attempt.client is not None and not attempt.peers:
        return _no_peer(routers[attempt.initiator], attempt.client, attempt.tunnel)
    if attempt.peers:
        return _peers_session(attempt, routers, index)
    first = _walk(attempt, routers)
    if attempt.reverse is None:
        return _known(first, attempt)
    back = _walk(attempt.reverse, routers)
    if first.outcome.established and back.outcome.established:
        return _either(first, back)
    if back.outcome.established or (first.outcome.status is Status.NOT_INITIATED
                                    and back.outcome.status is not Status.NOT_INITIATED):
        return _known(back, attempt.reverse)
    return _known(first, attempt)


def _walk(attempt: Attempt, routers: Mapping[str, Endpoint]) -> Session:
    responder = routers.get(attempt.responder) if attempt.responder else None
    outcome = negotiate(routers[attempt.initiator], responder, attempt.tunnel,
                        destination=attempt.destination, crypto_map=attempt.crypto_map)
    return Session(attempt.initiator, attempt.tunnel, attempt.responder, attempt.destination,
                   outcome, attempt.client, attempt.kind)


def _known(session: Session, attempt: Attempt) -> Session:
    """A session whose initiator IOS decides, unless either end may: the attempt says so, or the
    responder took it on a multipoint tunnel (a DMVPN hub initiates to spokes it knows)."""
    if attempt.either_end or any(v.tunnel_mode == "gre multipoint" for v in session.views):
        return _unknown_initiator(session)
    return session


def _either(first: Session, back: Session) -> Session:
    """Both directions establish: either end may initiate. The first walk's views stand; a
    different suite the other way round is noted (the initiator's proposal order decides)."""
    session = _unknown_initiator(first)
    mine, theirs = first.outcome.suite, back.outcome.suite
    if mine is not None and theirs is not None and (
            mine.encryption, mine.prf, mine.integrity, mine.dh_group) != (
            theirs.encryption, theirs.prf, theirs.integrity, theirs.dh_group):
        note = Note("suite-depends-on-initiator",
                    f"the suite depends on who initiates: {back.initiator} would bring "
                    f"{crypto.cipher_text(theirs.encryption_show, theirs.keysize)} DH "
                    f"{theirs.dh_group}")
        outcome = dataclasses.replace(session.outcome, notes=(*session.outcome.notes, note))
        session = dataclasses.replace(session, outcome=outcome)
    return session


def _unknown_initiator(session: Session) -> Session:
    views = tuple(evolve(v, initiator=None) for v in session.views)
    return evolve(session, outcome=evolve(session.outcome, views=views), initiator_known=False)


def _peers_session(attempt: Attempt, routers: Mapping[str, Endpoint], index: AddressIndex
                   ) -> Session:
    """A FlexVPN client (or a crypto map entry) tries its peers in order: the first ESTABLISHED
    peer wins, else the most informative failure (one past NO_RESPONDER, else a known router
    that is down)."""
    endpoint = routers[attempt.initiator]
    tries: list[Session] = []
    for peer in attempt.peers:
        owner = index.owner(peer, exclude=endpoint.name)
        tried = _walk(dataclasses.replace(attempt, responder=owner, destination=peer), routers)
        if tried.outcome.established:
            return _known(tried, attempt)
        tries.append(tried)
    return min(tries, key=lambda a: (a.outcome.status is Status.NO_RESPONDER,
                                     a.responder is None))


def _no_peer(endpoint: Endpoint, client: str, tunnel: str) -> Session:
    outcome = Outcome(Status.CONFIG_INCOMPLETE, "initiator-config",
                      f"{endpoint.name}: FlexVPN client {client} has no peer", endpoint.name,
                      None, tunnel)
    return Session(endpoint.name, tunnel, None, None, outcome, client, "client")


def _number(sessions: list[Session]) -> list[Session]:
    """Give every established view its per-router tunnel id (and Virtual-Access number).

    The views are numbered in place: every one of them was made by this ``predict_sessions``
    call (``negotiate`` builds fresh views for each attempt; a worker's come back unpickled),
    no two sessions share one and nobody has seen them yet, so setting the two fields here is
    building them, not changing a published value. (Copies cost 10 us a view: a view, its
    outcome and its session copied for each of a hub's 10,000 spokes took 0.15 s of one
    process at the end of lint's negotiation, 1.6 s at 100,000 spokes.)"""
    # (peer, interface, remote address: the order, then session index, view index, view): the
    # two indexes break ties as before, so a view is never compared; keeping the view saves
    # looking it up again. One flat tuple: no key tuple to make and compare (10,000 spokes,
    # best of 8: 28-30 -> 22-25 ms).
    per_router: defaultdict[str, list[tuple[str, str, str, int, int, SideView]]] = \
        defaultdict(list)
    for s_index, session in enumerate(sessions):
        for v_index, view in enumerate(session.outcome.views):
            interface = view.interface if view.virtual_template is None else ""
            per_router[view.router].append(
                (view.peer, interface, view.remote_address or "", s_index, v_index, view))
    for entries in per_router.values():
        entries.sort()
        access = 0
        for tunnel_id, (_, _, _, _, _, view) in enumerate(entries, start=1):
            if view.virtual_template is not None:
                access += 1
                _set(view, "interface", f"Virtual-Access{access}")
            if view.tunnel_id != tunnel_id:
                _set(view, "tunnel_id", tunnel_id)
    out = list(sessions)
    out.sort(key=lambda s: (s.initiator, s.tunnel, s.destination or ""))
    return out


_set = object.__setattr__  # SideView is frozen: only ``_number`` sets fields of new views


def views_by_router(sessions: list[Session]) -> dict[str, list[SideView]]:
    """Each router's established SAs (its side), ordered by tunnel id: what the lab shows."""
    out: dict[str, list[SideView]] = {}
    for session in sessions:
        for view in session.views:
            out.setdefault(view.router, []).append(view)
    for views in out.values():
        views.sort(key=lambda v: v.tunnel_id)
    return out
