"""The rollout part of a plan document: its phases, every tunnel's predicted state at each
phase with the reason, and the tunnels predicted not to come up at all.

Built from a ``PhasedPlan`` (``flexorch.plan.phases``) and its ``simulate``d timelines
(``flexorch.plan.timeline``); everything here is masked and JSON-ready.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, Literal

from pydantic import BaseModel, ConfigDict

from flexorch.secrets import mask

if TYPE_CHECKING:
    from flexorch.intent.fleet import Fleet
    from flexorch.plan.phases import HostWork, PhasedPlan
    from flexorch.plan.timeline import Timeline

# Why a tunnel that is down for part of the rollout has no hitless path, by the status (and
# AUTH_FAILED cause) it is down with. The IOS facts behind each are in
# flexorch.ios.facts.transitions.
NO_HITLESS_PATH: Final[dict[tuple[str, str | None], str]] = {
    ("AUTH_FAILED", "psk-mismatch"): (
        "the pre-shared key changes: the responder authenticates a peer with one keyring peer "
        "block (the most specific), which holds one key, so both ends change in the same wave"),
    ("PROFILE_MISMATCH", None): (
        "an identity changes that the other end cannot accept beside the old one (the hub's "
        "own identity): down from the first end's push to the second's"),
    ("NO_PROPOSAL_CHOSEN", None): (
        "a proposal or transform set changes in place under its name: there is no old copy "
        "to keep beside the new one (give the new one a new name for a hitless change)"),
}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PushPlan(_Frozen):
    """Lines one host gets in one phase (masked)."""

    host: str
    kind: Literal["change", "bridge", "release", "cleanup"]
    lines: tuple[str, ...]
    why: str = ""


class PhasePlan(_Frozen):
    """One phase: a wave of the playbook (stage, batch) or the final cleanup."""

    index: int
    name: str
    stage: str | None
    batch: int
    hosts: tuple[str, ...]
    pushes: tuple[PushPlan, ...]


class TunnelAt(_Frozen):
    """A tunnel's predicted state at the end of one phase."""

    phase: int
    state: str  # up | as before | as intended | mixed | down | down within the wave | absent
    status: str
    reason: str = ""


class TunnelPlan(_Frozen):
    """One tunnel through the rollout."""

    tunnel: str  # "h1-gre Tunnel0 -> hub1"
    verdict: Literal["hitless", "outage", "new", "removed", "fails", "unchanged", "down"]
    before: str
    after: str
    states: tuple[TunnelAt, ...] = ()
    why: str = ""  # outage: why no hitless path exists; fails: the predicted failure


class RolloutPlan(_Frozen):
    """The phases of the rollout and the tunnels through them."""

    phases: tuple[PhasePlan, ...]
    tunnels: tuple[TunnelPlan, ...] = ()


class PredictedFailure(_Frozen):
    """A tunnel the negotiation model predicts will not come up once the intent is in place."""

    host: str
    tunnel: str
    peer: str | None
    status: str
    step: str
    reason: str


def predicted_failures(hosts: Iterable[Any]) -> tuple[dict[str, Any], ...]:
    """The failed outcomes of the hosts' predictions (``HostPlan`` objects or their JSON), each
    tunnel once: from its initiator, or from the responder when the initiator is not planned."""
    rows = [h.model_dump() if isinstance(h, BaseModel) else h for h in hosts]
    planned = {r["host"] for r in rows}
    out = []
    for row in rows:
        for outcome in row.get("outcomes", ()):
            item = outcome.model_dump() if isinstance(outcome, BaseModel) else outcome
            if item["status"] == "ESTABLISHED":
                continue
            if not item["initiator"] and item.get("peer") in planned:
                continue
            out.append({"host": row["host"], "tunnel": item["tunnel"], "peer": item.get("peer"),
                        "status": item["status"], "step": item["step"],
                        "reason": item.get("reason", "")})
    return tuple(out)


def phases_section(fleet: Fleet, works: Sequence[HostWork], phased: PhasedPlan,
                   timelines: bool = True,
                   outside: Mapping[str, str | None] | None = None) -> RolloutPlan:
    """The masked rollout section of a plan document (``timelines``: simulate every tunnel
    through the phases: one prediction per phase; the routers ``outside`` a partial selection
    keep their running configs, None for one that could not be read)."""
    from flexorch.plan.timeline import simulate

    phases = tuple(PhasePlan(
        index=p.index, name=p.name, stage=p.stage, batch=p.batch, hosts=p.hosts,
        pushes=tuple(PushPlan(host=u.host, kind=u.kind, lines=tuple(mask(x) for x in u.lines),
                              why=u.why) for u in p.pushes)) for p in phased.phases)
    if not timelines or not phases:
        return RolloutPlan(phases=phases)
    running = {w.host: w.running for w in works if w.running is not None}
    unknown = [w.host for w in works if w.running is None]
    unknown += [n for n, text in (outside or {}).items() if text is None]
    texts = {**{n: t for n, t in (outside or {}).items() if t is not None}, **running}
    lines = simulate(fleet, list(running), texts, phased, unknown)
    return RolloutPlan(phases=phases, tunnels=tuple(tunnel_plan(t) for t in lines))


def tunnel_plan(line: Timeline) -> TunnelPlan:
    """One simulated tunnel as the plan shows it (masked)."""
    states = tuple(TunnelAt(phase=i, state=line.label(s), status=s.status,
                            reason=mask((s.within or s).reason)) for i, s in enumerate(line.states))
    why = ""
    if line.verdict == "outage":
        down = line.first_down()
        assert down is not None
        why = no_hitless_path(down.status, down.cause)
    elif line.verdict == "fails":
        why = mask(line.after.reason)
    return TunnelPlan(tunnel=line.key, verdict=line.verdict, before=line.before.status,
                      after=line.after.status, states=states, why=why)


def no_hitless_path(status: str, cause: str | None,
                    table: Mapping[tuple[str, str | None], str] = NO_HITLESS_PATH) -> str:
    """Why a tunnel down with ``status`` (``cause``) during the rollout cannot stay up."""
    found = table.get((status, cause)) or table.get((status, None))
    return found or f"no bridge config keeps it up ({status})"
