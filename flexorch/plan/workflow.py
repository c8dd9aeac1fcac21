"""Planning a site: read each router's running config over its session, compute the remediation
against the rendered intent, predict the IKEv2 outcome per tunnel, build the plan document.

``plan_site`` is the whole ``flexorch plan`` run (sessions opened and closed, plan saved, run
recorded); ``collect_running`` / ``collect_and_plan`` take a Nornir object whose sessions stay
open (a rollout pushes on them next); ``plan_hosts`` is pure given the running configs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flexorch.errors import DeviceError, FlexorchError
from flexorch.ios.model.reader import evolve
from flexorch.plan.configs import canonical_rendered, canonical_tree, running_hash
from flexorch.plan.document import (
    HostPlan,
    OutsideTunnel,
    PlanDocument,
    SectionPlan,
    masked_lines,
    now,
)
from flexorch.plan.outcomes import (
    Rows,
    TunnelOutcome,
    host_outcomes,
    predicted_ends,
    predicted_outcomes,
)
from flexorch.plan.phases import PhasedPlan, Push, build_phases, changed_hosts
from flexorch.plan.remediate import Remediation, SectionChange, remediate, remediate_trees
from flexorch.secrets import mask

if TYPE_CHECKING:
    from nornir.core import Nornir

    from flexorch.history import HostRecord
    from flexorch.intent.fleet import Fleet
    from flexorch.pending import PendingChange
    from flexorch.plan.rolloutplan import RolloutPlan
    from flexorch.rollout.playbook import Playbook

log = logging.getLogger("flexorch.plan")


@dataclass
class HostWork:
    """Everything the plan knows about one host (secrets in clear: never print this as is)."""

    host: str
    role: str
    running: str | None = None
    running_sha256: str | None = None
    error: str | None = None  # why the running config could not be read
    intended: str = ""
    remediation: Remediation | None = None  # the whole change at once
    outcomes: list[TunnelOutcome] = field(default_factory=list)
    pending: PendingChange | None = None  # an unconfirmed change under a revert timer
    pushes: list[Push] | None = None  # the change in rollout phases (``plan_phases``)

    @property
    def reachable(self) -> bool:
        return self.running is not None

    @property
    def lines(self) -> tuple[str, ...]:
        """Every line to send: the phases' pushes in order once planned, else the change."""
        if self.pushes is not None:
            return tuple(line for push in self.pushes for line in push.lines)
        return self.remediation.lines if self.remediation is not None else ()

    def to_plan(self) -> HostPlan:
        """The masked plan entry of this host."""
        if not self.reachable:
            return HostPlan(host=self.host, role=self.role, status="unreachable",
                            message=self.error or "unreachable", outcomes=tuple(self.outcomes))
        if self.pending is not None:
            # What the router runs now vanishes when IOS rolls the change back: no plan.
            return HostPlan(host=self.host, role=self.role, status="refused",
                            running_sha256=self.running_sha256,
                            message=mask(self.pending.refusal(self.host)),
                            outcomes=tuple(self.outcomes))
        rem = self.remediation or Remediation(())
        return HostPlan(
            host=self.host, role=self.role, status="changes" if rem.lines else "no-changes",
            running_sha256=self.running_sha256, lines=masked_lines(rem.lines),
            sections=tuple(SectionPlan(section=mask(s.section), action=s.action,  # type: ignore[arg-type]
                                       lines=masked_lines(s.lines)) for s in rem.sections),
            notes=tuple(mask(n) for n in rem.notes), outcomes=tuple(self.outcomes),
        )


def collect_running(nr: Nornir, timeout: float,
                    on_host: Callable[[str, str | None], None] | None = None,
                    ) -> dict[str, tuple[str | None, str | None]]:
    """``show running-config`` of every host of ``nr`` over its session (kept open):
    host -> (text, None) or (None, why it failed). ``on_host`` is told each result."""
    from flexorch.tasks.device import read_running
    from flexorch.tasks.failures import device_message

    results = nr.run(task=read_running, timeout=timeout, on_failed=True)
    out: dict[str, tuple[str | None, str | None]] = {}
    for name, multi in results.items():
        if multi.failed:
            exc = multi[0].exception
            message = device_message(exc) if exc is not None else "failed"
            log.warning("%s: cannot read the running config: %s", name, message)
            out[name] = (None, message)
        else:
            out[name] = (str(multi[0].result), None)
        if on_host is not None:
            on_host(name, out[name][1])
    return out


def plan_one(fleet: Fleet, name: str, text: str | None, error: str | None = None,
             outcomes: Sequence[TunnelOutcome] = (),
             pending: PendingChange | None = None) -> HostWork:
    """The plan of one host from its running config (``text``; None: unreachable, ``error``
    says why) and the unconfirmed change it holds (``pending``: the host is refused). Renders
    the intent, which resolves secrets: SecretError is bad input."""
    from flexorch.render import render_host

    work = HostWork(name, fleet.hosts[name].role, outcomes=list(outcomes), pending=pending)
    if text is None:
        work.error = error or "not collected"
        return work
    work.running = text
    work.running_sha256 = running_hash(text)
    if pending is not None:
        return work
    work.intended = render_host(fleet, name)
    work.remediation = remediate_trees(canonical_tree(text), canonical_rendered(work.intended))
    return work


def collect_and_plan(nr: Nornir, fleet: Fleet, timeout: float, *,
                     outcomes: bool = True) -> list[HostWork]:
    """Read every host's running config and its revert timer over its session (kept open)
    and plan it in the same worker, so one host's planning overlaps the others' network waits.
    A host holding an unconfirmed change is refused (``HostWork.pending``). In ``nr``'s
    order."""
    from flexorch.tasks.device import read_pending_change, read_running
    from flexorch.tasks.failures import device_message

    def task(task: Any) -> Any:
        from nornir.core.task import Result

        text = str(read_running(task, timeout).result)
        pending = read_pending_change(task, timeout).result
        return Result(host=task.host, result=plan_one(fleet, task.host.name, text,
                                                      pending=pending))

    results = nr.run(task=task, on_failed=True)
    works = []
    for name, multi in results.items():
        if multi.failed:
            exc = multi[0].exception
            if isinstance(exc, FlexorchError) and not isinstance(exc, DeviceError):
                raise exc  # bad input (an unresolvable secret): the whole run stops
            message = device_message(exc) if exc is not None else "failed"
            log.warning("%s: cannot read the running config: %s", name, message)
            works.append(plan_one(fleet, name, None, message))
        else:
            works.append(multi[0].result)
    if outcomes:
        predicted = predicted_outcomes(fleet, [w.host for w in works])
        for work in works:
            work.outcomes = predicted.get(work.host, [])
    return works


def plan_hosts(fleet: Fleet, names: Sequence[str],
               running: Mapping[str, tuple[str | None, str | None]],
               *, outcomes: bool = True) -> list[HostWork]:
    """The plan of each host of ``names`` from its running config (pure but for rendering the
    intent, which resolves its secrets: SecretError is bad input)."""
    from flexorch.forked import forked_map
    from flexorch.gcpause import gc_paused

    seen: dict[Any, Any] = {}
    made: Rows = {}

    def one(name: str) -> HostWork:
        # the host's predicted rows are made here, on the worker planning it (all of them
        # before the map: 0.11 s of one process at 10,000 spokes, 1.4 s at 100,000)
        return _shared_lines(plan_one(fleet, name, *running.get(name, (None, "not collected")),
                                      outcomes=host_outcomes(name, ends.get(name, ()), made)),
                             seen)

    with gc_paused(freeze=True):  # no cyclic garbage: flexorch.gcpause
        ends = predicted_ends(fleet, names) if outcomes else {}
        # pure per host: worker processes share the work on a big site
        return forked_map(one, list(names), weights=fleet.work_weights(names))


def _shared_lines(work: HostWork, seen: dict[Any, Any]) -> HostWork:
    """``work`` with each remediation line, each tuple of lines and each section change that
    an earlier router of the run has too held once: spokes receive the same lines (a site of
    10,000 has 427,000 lines, 60,000 of them distinct) in the same sections, and one value per
    distinct one is what keeps 100,000 routers' plans in memory (and what a worker process
    pickles once). ``seen``: the values met so far (each line and tuple of lines maps to
    itself; a section change is found by its section, action and the ``id`` of its shared
    lines, which ``seen`` keeps alive: never reused for another tuple); all are immutable."""
    change = work.remediation
    if change is None:
        return work

    def shared(lines: tuple[str, ...]) -> tuple[str, ...]:
        known: tuple[str, ...] | None = seen.get(lines)
        if known is None:
            # (``map`` of the bound method, no loop in Python: 4,000 spokes 12.4-12.7 -> 11.9-12.1
            # us)
            known = seen[lines] = tuple(map(seen.setdefault, lines, lines))
        return known

    def section(one: SectionChange) -> SectionChange:
        lines = shared(one.lines)
        key = (one.section, one.action, id(lines))  # (str, str, int): no line nor lines tuple
        made: SectionChange | None = seen.get(key)
        if made is None:
            made = seen[key] = SectionChange(one.section, one.action, lines)
        return made

    work.remediation = evolve(
        change, lines=shared(change.lines), sections=tuple([section(s) for s in change.sections]))
    return work


def plan_phases(fleet: Fleet, works: Sequence[HostWork], playbook: Playbook,
                exclude: Iterable[str] = (), moved: Iterable[str] = (),
                waiting: Iterable[str] = ()) -> PhasedPlan:
    """The phases of the rollout of ``works`` in ``playbook``'s order (``flexorch.plan.phases``);
    each work's ``pushes`` is set. Hosts in ``exclude`` are left out of the order and, like
    the routers outside a partial selection still ``waiting`` for their change, keep their
    peers' bridges; hosts in ``moved`` already hold their intent."""
    from flexorch.rollout.playbook import rollout_waves

    left_out = set(exclude) | set(moved)
    roles = {w.host: w.role for w in works if w.reachable and w.host not in left_out}
    changed = changed_hosts(works) - left_out
    phased = build_phases(fleet, works, rollout_waves(playbook, roles, changed), moved,
                          waiting)
    for work in works:
        work.pushes = phased.pushes_of(work.host) if work.reachable else None
    return phased


def plan_document(site: str, fleet: Fleet, works: Sequence[HostWork],
                  outside: Mapping[str, str | None] | None = None,
                  selection: str | None = None, *, phased: PhasedPlan | None = None,
                  playbook: str = "", timelines: bool = True) -> PlanDocument:
    """The masked, saveable plan of ``works``; for a partial selection (``selection`` says
    which) the predicted tunnels of the routers ``outside`` it (their running configs: None
    for one that could not be read); with ``phased``, the rollout's phases and (``timelines``)
    every tunnel's predicted state at each phase."""
    from flexorch.plan.rolloutplan import phases_section

    section = None if phased is None else phases_section(fleet, works, phased, timelines,
                                                          outside or {})
    return document_of(site, fleet, [w.to_plan() for w in works], outside, selection,
                       rollout=section, playbook=playbook)


def document_of(site: str, fleet: Fleet, plans: Sequence[HostPlan],
                outside: Mapping[str, str | None] | None = None,
                selection: str | None = None, *, rollout: RolloutPlan | None = None,
                playbook: str = "") -> PlanDocument:
    """``plan_document`` of hosts already planned (masked ``HostPlan``s, as workers return
    them; their running configs stay on the workers: ``rollout`` is the section one worker
    computed for them, see ``distributed.cluster.runs``)."""
    tunnels = outside_effects(fleet, [h.host for h in plans], outside) if outside else []
    return PlanDocument(site=site, created=now(), inventory=str(fleet.folder),
                        playbook=playbook, hosts=tuple(plans), rollout=rollout,
                        selection=selection,
                        outside_hosts=tuple(outside or ()), outside=tuple(tunnels),
                        outside_unread=tuple(n for n, t in (outside or {}).items() if t is None))


def waiting_outside(fleet: Fleet, outside: Mapping[str, str | None]) -> list[str]:
    """The routers outside a partial selection (their running configs) whose config differs
    from their intent: the selection's bridges stay until they move too."""
    from flexorch.render import render_host

    return [name for name, text in outside.items()
            if text is not None and remediate(text, render_host(fleet, name)).lines]


def outside_names(fleet: Fleet, names: Sequence[str]) -> list[str]:
    """The routers the selected ``names`` negotiate with but that are not selected (a hub's
    spokes, a spoke's hubs): a partial run keeps their config, and changes their tunnels."""
    from flexorch.predict import peer_names

    chosen = set(names)
    return [n for n in peer_names(fleet, names) if n not in chosen]


def read_outside(fleet: Fleet, names: Sequence[str], timeout: float,
                 workers: int) -> dict[str, str | None]:
    """The running config of each router outside the selection that the selection negotiates
    with (None when it could not be read). Read-only; the sessions are closed."""
    from flexorch.intent import make_nornir
    from flexorch.tasks.device import session_defaults

    outside = outside_names(fleet, names)
    if not outside:
        return {}
    nr = make_nornir(fleet, outside, workers=workers)
    session_defaults(nr, timeout)
    try:
        read = collect_running(nr, timeout)
    finally:
        nr.close_connections(on_failed=True)
    return {name: read.get(name, (None, None))[0] for name in outside}


def outside_effects(fleet: Fleet, names: Sequence[str],
                    outside: Mapping[str, str | None]) -> list[OutsideTunnel]:
    """Each tunnel between a router outside the selection (its running config, as read) and a
    selected one (its intended config), as the negotiation model predicts it once the selection
    holds the intent. Routers that could not be read take no part."""
    from flexorch.plan.outcomes import outcomes_by_host
    from flexorch.predict import prediction

    known = {n: text for n, text in outside.items() if text is not None}
    unknown = [n for n, text in outside.items() if text is None]
    sessions = prediction(fleet, names, overrides=known, unknown=unknown).steady()
    chosen = set(names)
    by_host = outcomes_by_host(sessions, known)
    return [OutsideTunnel(host=host, role=fleet.hosts[host].role, **row.model_dump())
            for host in known for row in by_host[host] if row.peer in chosen]


def plan_site(fleet: Fleet, *, site: str, names: Sequence[str], playbook: Playbook,
              selection: str | None = None, out: Path | None = None, workers: int = 16,
              timeout: float = 60.0, started_at: datetime | None = None,
              args: dict[str, Any] | None = None) -> tuple[PlanDocument, Path]:
    """``flexorch plan``: read and plan ``names`` of ``site`` (``Fleet.target``) over sessions
    bounded by ``timeout``, phase the change in ``playbook``'s rollout order, save the plan
    (``out``, default ``<state dir>/plans/<site>.json``, ``<site>-<host>.json`` for one host,
    ``<site>-partial.json`` for another selection) and record the run. A partial selection
    (``selection`` names it) also reads the routers outside it that it negotiates with and
    predicts their tunnels. Raises SecretError (bad input); an unreadable router is a host
    marked unreachable, not an error."""
    from flexorch.plan.document import save_plan

    path = out or plan_path(site, names, selection)  # a bad name is refused before any session
    works = read_and_plan(fleet, names, workers=workers, timeout=timeout)
    outside = read_outside(fleet, names, timeout, workers) if selection else None
    phased = plan_phases(fleet, works, playbook, waiting=waiting_outside(fleet, outside or {}))
    document = plan_document(site, fleet, works, outside, selection, phased=phased,
                             playbook=playbook.name)
    save_plan(document, path)
    record_plan(document, args or {}, started_at)
    return document, path


def read_and_plan(fleet: Fleet, names: Sequence[str], *, workers: int = 16,
                  timeout: float = 60.0) -> list[HostWork]:
    """Open a session per host of ``names``, read and plan each (``collect_and_plan``), close
    the sessions. In ``names``' order. A chunk of a plan run on a worker is this call."""
    from flexorch.intent import make_nornir
    from flexorch.tasks.device import session_defaults

    nr = make_nornir(fleet, list(names), workers=workers)
    session_defaults(nr, timeout)
    try:
        return collect_and_plan(nr, fleet, timeout)
    finally:
        nr.close_connections(on_failed=True)


def plan_path(site: str, names: Sequence[str], selection: str | None) -> Path:
    """Where a plan run saves its plan by default (``default_plan_path``)."""
    from flexorch.plan.document import default_plan_path

    stem = None if not selection else names[0] if len(names) == 1 else "partial"
    return default_plan_path(site, stem)


_HISTORY_STATUS = {"changes": "changed", "no-changes": "ok", "unreachable": "unreachable",
                   "refused": "failed"}
_OUTCOME = {0: "ok", 3: "changes", 4: "predicted-failure", 1: "failed"}


def record_plan(document: PlanDocument, args: dict[str, Any],
                started_at: datetime | None = None) -> None:
    """Record a plan run in the history (every host: lines pending or why it was unreachable)."""
    from flexorch.history import record

    record("plan", document.site, (host_record(h) for h in document.hosts),
           plan_outcome(document), plan_summary(document), args=args, started_at=started_at)


def host_record(h: HostPlan) -> HostRecord:
    """The history record of one host of a plan run: lines pending, or why it was
    unreachable."""
    from flexorch.history import HostRecord

    return HostRecord(
        host=h.host, role=h.role, step="connect" if h.status == "unreachable" else "plan",
        status=_HISTORY_STATUS[h.status],  # type: ignore[arg-type]
        message=h.message or (f"{len(h.lines)} lines pending" if h.lines else "no changes"),
    )


def plan_outcome(document: PlanDocument) -> str:
    """The run's outcome word in the history."""
    return _OUTCOME[document.exit_code()]


def plan_summary(document: PlanDocument) -> dict[str, Any]:
    """The run's summary in the history."""
    return {"changes": document.changes, "unreachable": document.unreachable,
            "hosts": len(document.hosts)}
