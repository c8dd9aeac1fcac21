"""Every tunnel's predicted state before a rollout, after each of its phases, and in the end.

``simulate`` runs the negotiation model (``flexorch.predict.prediction``, the one pipeline) on
the fleet as it stands before the rollout and after each phase of a ``PhasedPlan`` (the configs
the IOS engine predicts after each push); after a phase only the sessions of the routers it
pushed are negotiated again. ``Timeline.verdict`` says what the rollout does to a tunnel:
``hitless`` (up throughout), ``outage`` (up before and after, down in some phases: the phases
and the reason are given), ``new``, ``removed``, ``fails`` (not up once the intent is in place:
the intent itself is broken), ``unchanged``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from flexorch.ios.model import RouterConfig

if TYPE_CHECKING:
    from flexorch.intent.fleet import Fleet
    from flexorch.ios.negotiate import Session
    from flexorch.plan.phases import PhasedPlan

Verdict = Literal["hitless", "outage", "new", "removed", "fails", "unchanged", "down"]
ESTABLISHED = "ESTABLISHED"


@dataclass(frozen=True)
class TunnelState:
    """One tunnel at one moment: its IKEv2 status and, when up, what both ends show."""

    status: str  # ESTABLISHED, a failure status, or ABSENT (nothing attempts it)
    reason: str = ""  # why it is not up (status at step: reason)
    cause: str | None = None  # AUTH_FAILED's structured cause (psk-mismatch, ...)
    detail: str = ""  # when up: suite, transform set, identities, fragmentation, SGT, NAT-T
    # Up at the end of the phase, but down while one end was pushed and the other not yet
    # (both ends change in the same wave): the state meanwhile.
    within: TunnelState | None = None

    @property
    def up(self) -> bool:
        """Up at the end of the phase."""
        return self.status == ESTABLISHED

    @property
    def down(self) -> bool:
        """Down at the end of the phase or for part of it."""
        return not self.up or self.within is not None


ABSENT = TunnelState("ABSENT", "not configured")


@dataclass
class Timeline:
    """One tunnel through the rollout: before it, and after each phase."""

    initiator: str
    tunnel: str
    responder: str | None
    before: TunnelState
    states: list[TunnelState]

    @property
    def key(self) -> str:
        return f"{self.initiator} {self.tunnel} -> {self.responder or '(nobody)'}"

    @property
    def after(self) -> TunnelState:
        return self.states[-1] if self.states else self.before

    def label(self, state: TunnelState) -> str:
        """How ``state`` compares with the tunnel before and after the rollout: ``up`` (what
        both ends show does not change), ``as before``, ``as intended``, ``mixed`` (neither:
        one end moved, the other not), ``down``, ``down within the wave``, ``absent``."""
        if state.within is not None:
            return "down within the wave"
        if not state.up:
            return "absent" if state.status == ABSENT.status else "down"
        if state.detail == self.before.detail == self.after.detail:
            return "up"
        if state.detail == self.after.detail:
            return "as intended"
        if state.detail == self.before.detail:
            return "as before"
        return "mixed"

    @property
    def down_phases(self) -> list[int]:
        """Phases (indexes) in which a tunnel that is up before and after is down."""
        if not (self.before.up and self.after.up):
            return []
        return [i for i, state in enumerate(self.states) if state.down]

    @property
    def verdict(self) -> Verdict:
        before, after = self.before, self.after
        if not after.up:
            if before.up and after.status == ABSENT.status:
                return "removed"
            return "fails" if after.status != ABSENT.status else "down"
        if not before.up:
            return "new"
        if self.down_phases:
            return "outage"
        if all(s == before for s in self.states):
            return "unchanged"
        return "hitless"

    def first_down(self) -> TunnelState | None:
        """How the tunnel is down in the first phase it is down in (the reason says why)."""
        state = next((self.states[i] for i in self.down_phases), None)
        return state.within if state is not None and state.within is not None else state


def simulate(fleet: Fleet, names: Sequence[str], texts: Mapping[str, str],
             plan: PhasedPlan, unknown: Iterable[str] = ()) -> list[Timeline]:
    """Every steady tunnel of ``names`` and their peers, before ``plan`` (``texts``: the
    running configs as read) and after each of its phases."""
    from flexorch.predict import prediction

    skip = list(unknown)
    configs = {h: RouterConfig.from_text(t) for h, t in texts.items()}
    current = {_key(s): s for s in prediction(fleet, names, overrides=configs,
                                              unknown=skip).steady()}
    before = {k: state_of(s) for k, s in current.items()}
    history: list[dict[tuple[str, str, str | None], TunnelState]] = []
    for pushed_texts in plan.texts:
        pushed = set(pushed_texts)
        old = dict(configs)
        configs.update({h: RouterConfig.from_text(t) for h, t in pushed_texts.items()})
        if pushed:
            fresh = prediction(fleet, sorted(pushed), overrides=configs, unknown=skip).steady()
            current = {k: s for k, s in current.items() if not _touches(s, pushed)}
            current.update({_key(s): s for s in fresh if _touches(s, pushed)})
        states = {k: state_of(s) for k, s in current.items()}
        for key in [k for k in states if k[0] in pushed and k[2] in pushed]:
            meanwhile = _one_end_down(fleet, key, old, configs, skip)
            if meanwhile is not None:
                states[key] = replace(states[key], within=meanwhile)
        history.append(states)
    keys = list(before)
    keys += sorted({k for states in history for k in states} - set(before),
                   key=lambda k: (k[0], k[1], k[2] or ""))
    return [Timeline(k[0], k[1], k[2], before.get(k, ABSENT),
                     [states.get(k, ABSENT) for states in history]) for k in keys]


def _one_end_down(fleet: Fleet, key: tuple[str, str, str | None],
                  old: Mapping[str, RouterConfig], new: Mapping[str, RouterConfig],
                  unknown: Sequence[str]) -> TunnelState | None:
    """When both ends of a tunnel are pushed in one phase: its state while only one of them
    holds its new config, when it is down then (None: up either way)."""
    from flexorch.predict import prediction

    initiator, _, responder = key
    assert responder is not None
    for moved in (initiator, responder):
        mixed = {**new, (responder if moved == initiator else initiator):
                 old[responder if moved == initiator else initiator]}
        found = [s for s in prediction(fleet, [initiator], overrides=mixed,
                                       unknown=unknown).steady() if _key(s) == key]
        if found and not found[0].outcome.established:
            state = state_of(found[0])
            return replace(state, reason=f"{state.reason} (while {moved} is pushed and its "
                           "peer not yet)")
    return None


def _key(session: Session) -> tuple[str, str, str | None]:
    return (session.initiator, session.tunnel, session.responder)


def _touches(session: Session, hosts: set[str]) -> bool:
    return session.initiator in hosts or session.responder in hosts


def state_of(session: Session) -> TunnelState:
    """The ``TunnelState`` of a predicted session."""
    from flexorch.plan.outcomes import suite_text

    outcome = session.outcome
    if not outcome.established:
        return TunnelState(str(outcome.status), f"{outcome.status} at {outcome.step}: "
                           f"{outcome.reason}", outcome.cause)
    ends = []
    for view in sorted(outcome.views, key=lambda v: v.router):
        frag: str = view.fragmentation
        if frag == "ietf" and view.fragmentation_mtu:
            frag = f"ietf mtu {view.fragmentation_mtu}"
        ends.append(f"{view.router}: {view.local_id} {view.transform_set}, frag {frag}, "
                    f"SGT {view.sgt}, NAT-T {view.nat_t}")
    return TunnelState(ESTABLISHED, detail="; ".join([suite_text(session) or "", *ends]))
