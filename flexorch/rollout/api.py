"""Run a rollout the way every caller should: site lock held for the whole run, every host
recorded in the history store, plan shown and confirmed before anything is pushed.

``flexorch rollout`` calls ``run_rollout``; drift remediation calls it too, with ``hosts`` set
to the drifted hosts and ``command="drift"`` (same lock, backups, revert timer and gates)::

    from flexorch.rollout.api import run_rollout
    report = run_rollout(fleet, "hub1", playbook, RolloutOptions(), hosts=["h1-gre"],
                         confirm=None, command="drift")
    report.exit_code()   # 0 all confirmed/unchanged, 1 a host failed or was reverted
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flexorch.errors import FlexorchError
from flexorch.rollout.model import HISTORY_STATUS, HostState, RolloutReport
from flexorch.rollout.phases import HostPhases
from flexorch.rollout.progress import NullReporter, Reporter
from flexorch.rollout.runner import Rollout, RolloutOptions

if TYPE_CHECKING:
    from flexorch.history import HostRecord
    from flexorch.intent.fleet import Fleet
    from flexorch.plan.document import PlanDocument
    from flexorch.rollout.playbook import Playbook

# Where a rollout's pushes run, given the rollout and its history run id (``rollout.phases``).
PhasesFactory = Callable[[Rollout, int | None], HostPhases]


class Declined(FlexorchError):
    """The operator answered no: nothing was pushed."""


def host_record(state: HostState, *, in_progress: bool = False) -> HostRecord:
    """The history record of a host (the store masks every line and message). ``in_progress``:
    the host is being worked on (recorded ``pending``, with what is on the router now)."""
    from flexorch.history import HostRecord, check_results

    if in_progress:
        status, message = "pending", _in_progress(state)
    else:
        status = HISTORY_STATUS[state.status]
        message = f"{state.status}: {state.message}" if state.message else state.status
    return HostRecord(
        host=state.host, role=state.role, step=state.step,
        status=status,  # type: ignore[arg-type]
        message=message, lines_sent=tuple(state.lines[:state.sent]),
        verification=check_results(state.checks), backup_path=state.backup_path,
        after_sha256=state.after_sha256,
    )


def _in_progress(state: HostState) -> str:
    when = time.strftime("%Y-%m-%d %H:%M:%S %Z", time.localtime(state.revert_by or time.time()))
    if state.pushed:
        return (f"change pushed under the revert timer ({len(state.lines)} lines), not "
                f"confirmed: IOS rolls it back at {when} unless this run confirms it")
    if state.step == "push":
        return (f"pushing under the revert timer ({len(state.lines)} lines): a change may be on "
                f"the router, not confirmed; IOS rolls it back by {when} unless this run "
                "confirms it")
    return f"being changed (at {state.step}); nothing pushed yet"


def run_rollout(
    fleet: Fleet, site: str, playbook: Playbook, options: RolloutOptions, *,
    hosts: Sequence[str] | None = None, dry_run: bool = False, plan_file: Path | None = None,
    confirm: Callable[[PlanDocument], bool] | None = None,
    on_plan: Callable[[PlanDocument], None] | None = None,
    reporter: Callable[[int], Reporter] | None = None, workers: int | None = None,
    command: str = "rollout", args: dict[str, Any] | None = None, plan_outcomes: bool = True,
    selection: str | None = None, phases: PhasesFactory | None = None,
    lock_broker: str | None = None,
) -> RolloutReport:
    """Lock the site, read and plan, show (``on_plan``) and ask (``confirm``; None: no
    question), run the stages, record everything. Raises LockHeldError (exit 2) when another
    run holds the site, BadInputError for a stale or foreign ``plan_file``, Declined when the
    operator says no. ``plan_outcomes``: predict each tunnel's IKEv2 outcome for the plan
    handed to ``on_plan`` (only worth its cost when the plan is shown). ``selection``: a
    partial rollout of ``hosts`` (its description): the routers they negotiate with outside
    it are read too, the plan predicts their tunnels to the selection (``on_plan`` is always
    called) and the gates expect what their running configs give. ``phases``: where the
    batches' pushes run (``rollout.phases``; default this process), given the rollout and the
    history run id; ``lock_broker``: also hold the site's Redis lock on this broker (a run on
    workers).

    Unattended runs (no ``confirm``, no ``plan_file``, ``plan_outcomes`` False) stream: the
    first stage's routers are read and planned first, the others in the background (every
    router is read before the first push a gate verifies: ``Rollout._push_and_verify``), and
    ``on_plan`` is not called (there is nothing to show before pushing)."""
    from flexorch.history import RunRecorder, reap_abandoned
    from flexorch.rollout.lock import site_lock

    lock = None if dry_run else site_lock(site, f"{command} --site {site}", broker=lock_broker)
    if lock is not None:
        lock.acquire()
    try:
        abandoned = reap_abandoned(site)
        with RunRecorder(command, site=site, args={**(args or {}), "dry_run": dry_run}) as rec:
            report = _run(fleet, site, playbook, options, rec, hosts=hosts, dry_run=dry_run,
                          plan_file=plan_file, confirm=confirm, on_plan=on_plan,
                          reporter=reporter, workers=workers, outcomes=plan_outcomes,
                          selection=selection, phases=phases)
            rec.hosts(host_record(h) for h in report.hosts)
            if not dry_run and not report.interrupted:
                rec.hosts(_hub_sides(fleet, report, options.timeout))
            rec.finish(report.outcome(), {**report.counts(), "interrupted": report.interrupted,
                                          "lines_sent": sum(h.sent for h in report.hosts)})
            report.run_id = rec.run_id
            report.abandoned = abandoned
            return report
    finally:
        if lock is not None:
            lock.release()


def _hub_sides(fleet: Fleet, report: RolloutReport, timeout: float) -> list[HostRecord]:
    """The hubs' side of the changed spokes' tunnels, read again (``verify_run.hub_sides``),
    as history records: a hub of this run keeps its status and gains the checks."""
    from flexorch.verify_run import host_record as verify_record
    from flexorch.verify_run import hub_sides

    changed = [h.host for h in report.hosts if h.status == "confirmed"]
    ours = {h.host: h for h in report.hosts}
    out = []
    for side in hub_sides(fleet, changed, timeout=timeout) if changed else []:
        record = verify_record(side)
        state = ours.get(side.host)
        if state is not None and state.status != "confirmed":
            record = host_record(state).model_copy(update={
                "verification": record.verification,
                "message": "; ".join(m for m in (host_record(state).message, side.message) if m)})
        out.append(record)
    return out


def _run(fleet: Fleet, site: str, playbook: Playbook, options: RolloutOptions, rec: Any, *,
         hosts: Sequence[str] | None, dry_run: bool, plan_file: Path | None,
         confirm: Callable[[PlanDocument], bool] | None,
         on_plan: Callable[[PlanDocument], None] | None,
         reporter: Callable[[int], Reporter] | None, workers: int | None,
         outcomes: bool, selection: str | None,
         phases: PhasesFactory | None) -> RolloutReport:
    from flexorch.plan.document import check_plan, load_plan, masked_lines
    from flexorch.plan.workflow import plan_document
    from flexorch.rollout.collect import tell_read

    saved = load_plan(plan_file) if plan_file is not None else None
    if saved is not None and hosts is None:
        hosts = [h.host for h in saved.hosts]
    tag = f"run{rec.run_id}" if rec.run_id is not None else None
    rollout = Rollout(fleet, site, playbook,
                      RolloutOptions(**{**options.__dict__, "tag": options.tag or tag}),
                      hosts=hosts, workers=workers)
    if phases is not None:
        rollout.phases = phases(rollout, rec.run_id)
    rollout.on_host_done = lambda state: rec.host(host_record(state))
    rollout.on_host_touched = lambda state: rec.host(host_record(state, in_progress=True))
    live = reporter is not None and not dry_run
    if live:
        assert reporter is not None
        rollout.reporter = reporter(len(rollout.names))  # from the reading of the routers on
    if confirm is None and saved is None and not dry_run and not outcomes and not selection:
        return _stream(rollout)
    try:
        works = rollout.collect(outcomes=outcomes)
        outside = rollout.read_outside() if selection else None
        document = plan_document(site, fleet, works, outside, selection, phased=rollout.phased,
                                 playbook=playbook.name, timelines=outcomes)
        if saved is not None:
            assert plan_file is not None
            check_plan(saved, plan_file, site, {
                w.host: (w.running_sha256, masked_lines(w.lines)) for w in works},
                playbook.name)
        if confirm is not None:  # the plan and a question come next: no live view meanwhile
            rollout.reporter.close()
            rollout.reporter = NullReporter()
        if on_plan is not None:
            on_plan(document)
        if not dry_run and confirm is not None and document.changes and not confirm(document):
            raise Declined("rollout declined: nothing was changed")
    except BaseException:
        rollout.execute(dry_run=True)  # closes the sessions
        raise
    if live and confirm is not None:
        assert reporter is not None
        rollout.reporter = reporter(len(works))
        for work in works:
            tell_read(rollout.reporter, work)
    return rollout.execute(dry_run=dry_run)


def _stream(rollout: Rollout) -> RolloutReport:
    """Nothing to show or ask first: the first stage is planned while the rest is being read."""
    try:
        rollout.collect_streaming()
    except BaseException:
        rollout.execute(dry_run=True)
        raise
    return rollout.execute()
