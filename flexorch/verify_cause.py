"""Why a tunnel the intent predicts is not up: the negotiation model run on what the routers
hold now.

verify and drift compare what routers show with the prediction on the *intended* configs;
when that prediction already fails, its reason is the cause. When it succeeds but the router
shows no READY SA, the cause is in the running configs: ``explain`` predicts the failing
tunnels again from the two ends' running configs (``flexorch.predict.prediction`` with them as
overrides) and puts the outcome's reason in the comparison's ``message``:
``NO_PROPOSAL_CHOSEN at ike-proposal: hub1 supports no proposal of s00017: ...``. The model is a
model: the message says which configs it was predicted from.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from flexorch.verify import Comparison

if TYPE_CHECKING:
    from flexorch.intent.fleet import Fleet
    from flexorch.ios.negotiate import Outcome

Pair = frozenset[str]


def unexplained(comparisons: Iterable[Comparison]) -> set[tuple[str, str]]:
    """(host, peer) of every failed status check without a cause yet."""
    return {(c.host, c.peer) for c in comparisons
            if c.check == "status" and not c.ok and not c.message and c.peer}


def ends_to_read(comparisons: Iterable[Comparison]) -> set[str]:
    """The routers whose running config ``explain`` needs: both ends of each unexplained
    tunnel."""
    return {name for pair in unexplained(comparisons) for name in pair}


FROM_RUNNING = "(predicted from the running configs)"


def _cause(outcome: Outcome | None) -> str:
    if outcome is None:
        return f"the running configs build no tunnel between them {FROM_RUNNING}"
    if outcome.established:
        return ("the running configs negotiate (predicted ESTABLISHED): look at the path "
                "between them or the routers' state")
    return f"{outcome.status} at {outcome.step}: {outcome.reason} {FROM_RUNNING}"


def explain(fleet: Fleet, comparisons: Sequence[Comparison], running: Mapping[str, str], *,
            unknown: Iterable[str] = ()) -> list[Comparison]:
    """``comparisons`` with a cause on each failed status check that had none: the outcome of
    predicting that tunnel from the running configs in ``running`` (config text by host; a
    router missing there takes part with its intended config, one in ``unknown`` not at all).
    """
    from flexorch.predict import prediction

    pairs = unexplained(comparisons)
    ends = {n for pair in pairs for n in pair if n in fleet.hosts}
    if not ends:
        return list(comparisons)
    # The spokes' sessions name their hubs; predicting for a hub would take all its spokes in.
    names = sorted(n for n in ends if fleet.hosts[n].role != "hub") or sorted(ends)
    predicted = prediction(fleet, names, overrides={n: running[n] for n in ends if n in running},
                           unknown=unknown)
    outcomes: dict[Pair, Outcome] = {}
    nobody: dict[str, Outcome] = {}  # initiator -> an attempt towards an address nobody owns
    for session in predicted.steady():
        if session.responder is None:
            nobody.setdefault(session.initiator, session.outcome)
            continue
        pair = frozenset((session.initiator, session.responder))
        if pair not in outcomes or outcomes[pair].established:  # a failing attempt explains
            outcomes[pair] = session.outcome
    out = []
    for c in comparisons:
        if c.peer is None or (c.host, c.peer) not in pairs or c.check != "status":
            out.append(c)
            continue
        outcome = outcomes.get(frozenset((c.host, c.peer)))
        if outcome is None:  # e.g. the tunnel's destination moved to an address nobody owns
            outcome = nobody.get(c.host) or nobody.get(c.peer)
        out.append(replace(c, message=_cause(outcome)))
    return out
