"""Predicted IKEv2 outcome per tunnel, from the negotiation model on the intended configs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict

from flexorch.ios.facts import crypto

if TYPE_CHECKING:
    from flexorch.intent.fleet import Fleet
    from flexorch.ios.negotiate import Session


class TunnelOutcome(BaseModel):
    """What one tunnel of a host is predicted to do once the intent is in place."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    tunnel: str  # Tunnel0, or the virtual template a hub clones for this peer
    peer: str | None  # the other router's inventory name (None: nobody owns the address)
    initiator: bool
    status: str  # ESTABLISHED, NO_PROPOSAL_CHOSEN, AUTH_FAILED, ...
    step: str
    reason: str = ""
    suite: str | None = None  # AES-GCM-256 PRF SHA512 DH 21
    fragmentation: str = "none"  # none | cisco | ietf mtu N
    sgt: str = "disabled"
    nat_t: str | None = None


def suite_text(session: Session) -> str | None:
    """The negotiated IKE suite as plan shows it (AES-GCM-256 PRF SHA512 DH 21)."""
    suite = session.outcome.suite
    if suite is None:
        return None
    text = f"{crypto.cipher_text(suite.encryption_show, suite.keysize)} PRF {suite.prf_show}"
    if suite.integrity is not None:
        text += f" HASH {suite.hash_show}"
    return f"{text} DH {suite.dh_group}"


# One end of a session as a host sees it: (the session, the peer, whether this host initiates).
End = tuple["Session", str | None, bool]
# Rows made so far, by their values: equal rows are one (frozen) object.
Rows = dict[tuple[object, ...], TunnelOutcome]


def ends_by_host(sessions: Sequence[Session], hosts: Iterable[str]) -> dict[str, list[End]]:
    """Each host's ends among ``sessions`` (as initiator or responder), in session order."""
    out: dict[str, list[End]] = {h: [] for h in hosts}
    for session in sessions:
        mine = out.get(session.initiator)
        if mine is not None:
            mine.append((session, session.responder, True))
        if session.responder is not None and (theirs := out.get(session.responder)) is not None:
            theirs.append((session, session.initiator, False))
    return out


def host_outcomes(host: str, ends: Iterable[End], made: Rows) -> list[TunnelOutcome]:
    """The rows of ``host``'s ``ends`` (``ends_by_host``), ordered by tunnel; a row equal to
    one in ``made`` is that one (the spokes of a site share theirs)."""
    rows = []
    for session, peer, initiator in ends:
        outcome = session.outcome
        view = outcome.view_of(host)
        if view is not None:
            tunnel = view.virtual_template or view.interface
            frag: str = view.fragmentation
            if frag == "ietf" and view.fragmentation_mtu:
                frag = f"ietf mtu {view.fragmentation_mtu}"
            sgt, nat_t = view.sgt, view.nat_t
        else:
            tunnel = session.tunnel if initiator else "(responder)"
            frag, sgt, nat_t = "none", "disabled", None
        values: dict[str, Any] = {
            "tunnel": tunnel, "peer": peer, "initiator": initiator,
            "status": str(outcome.status), "step": outcome.step,
            "reason": "" if outcome.established else outcome.reason,
            "suite": suite_text(session), "fragmentation": frag, "sgt": sgt, "nat_t": nat_t}
        key = tuple(values.values())
        row = made.get(key)
        if row is None:
            row = made[key] = TunnelOutcome(**values)
        rows.append(row)
    rows.sort(key=lambda r: (r.tunnel, r.peer or ""))
    return rows


def outcomes_by_host(sessions: Sequence[Session],
                     hosts: Iterable[str]) -> dict[str, list[TunnelOutcome]]:
    """Each host's tunnels among ``sessions``, as initiator or responder, ordered by tunnel.
    Equal rows are one (frozen) object: the spokes of a site share theirs."""
    made: Rows = {}
    return {host: host_outcomes(host, ends, made)
            for host, ends in ends_by_host(sessions, hosts).items()}


def predicted_ends(fleet: Fleet, names: Sequence[str]) -> dict[str, list[End]]:
    """Per host of ``names``: its ends of the sessions ``predicted_outcomes`` reads (rows made
    per host, where the host is planned: ``host_outcomes``)."""
    from flexorch.predict import prediction

    return ends_by_host(prediction(fleet, names).steady(), names)


def predicted_outcomes(fleet: Fleet, names: Sequence[str],
                       configs: Mapping[str, str] | None = None) -> dict[str, list[TunnelOutcome]]:
    """Per host of ``names``: the predicted IKEv2 outcome of each tunnel once the intent is in
    place, negotiated against the intended configs of its peers (its hubs, or a hub's spokes).
    ``configs`` overrides the full config used for some hosts (defaults: ``render_full``)."""
    from flexorch.predict import prediction

    return outcomes_by_host(prediction(fleet, names, overrides=configs).steady(), names)
