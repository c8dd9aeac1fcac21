"""verify, drift and plan on workers: the same reports, JSON, exit codes and history as a local
run (``flexorch.verify_run.verify_site``, ``drift.run.drift_hosts`` + ``drift.record.record_run``,
``plan.workflow.plan_site``), the hosts read by workers in chunks.

A host whose chunk no worker finished (every worker died and none came back) is reported
``unreachable`` with that reason, like a router that could not be read.

A plan with changes also gets its rollout phases from a worker: the phases span the hubs and
their spokes, so one worker reads the whole selection again and returns the masked section
(``jobs._phases``). It is kept only when every router had the running config there that its
chunk planned (same hash); otherwise, or when no worker finished it, the plan has no phases
(``rollout`` computes them itself from what it reads) and a warning says why.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from flexorch.distributed.cluster.coordinator import Coordinator, Run
from flexorch.distributed.settings import ClusterOptions

if TYPE_CHECKING:
    from flexorch.drift.report import DriftReport
    from flexorch.history import HostRecord
    from flexorch.intent.fleet import Fleet
    from flexorch.plan.document import HostPlan, PlanDocument
    from flexorch.plan.rolloutplan import RolloutPlan
    from flexorch.rollout.playbook import Playbook
    from flexorch.verify import Check
    from flexorch.verify_run import VerifyReport

log = logging.getLogger("flexorch.cluster")
T = TypeVar("T")
LOST = "no worker finished reading it (the workers running its chunk were lost)"


@dataclass(frozen=True)
class Job:
    """One read-only command as the coordinator runs it."""

    command: str
    fleet: Fleet
    names: list[str]
    site: str | None
    args: dict[str, Any]
    params: dict[str, Any]
    started_at: datetime | None


def _gather(job: Job, options: ClusterOptions, rebuild: Callable[[Any], T],
            lost: Callable[[str, str], T],
            record: Callable[[T], HostRecord]) -> tuple[Coordinator, Run, list[T]]:
    """Preflight, open the run, map the chunks; every host's result in ``names`` order."""
    coordinator = Coordinator(options)
    coordinator.preflight()
    roles = [(n, job.fleet.hosts[n].role) for n in job.names]
    run = coordinator.open_run(job.command, job.site, job.args, job.started_at, roles)
    try:
        found, run.history_error = coordinator.map_hosts(job.command, job.fleet, job.names,
                                                         job.params, run)
    except BaseException:
        coordinator.finish_run(run, "error", {"error": "the run on workers did not finish"})
        raise
    results = [rebuild(found[n]) if n in found else lost(n, job.fleet.hosts[n].role)
               for n in job.names]
    missing = [record(r) for n, r in zip(job.names, results, strict=True) if n not in found]
    if missing:
        run.store.record_hosts(run.run_id, missing)
    return coordinator, run, results


def verify_on_workers(fleet: Fleet, *, site: str, names: Sequence[str],
                      checks: tuple[Check, ...], workers: int, timeout: float,
                      started_at: datetime | None, args: dict[str, Any],
                      options: ClusterOptions) -> VerifyReport:
    """``flexorch verify --executor celery`` (``verify_run.verify_site`` on workers)."""
    from flexorch.distributed.cluster.wire import verify_from_wire
    from flexorch.verify_run import HostVerify, VerifyReport, host_record, verify_outcome

    job = Job("verify", fleet, list(names), site, args,
              {"checks": list(checks), "workers": workers, "site": site, "timeout": timeout},
              started_at)
    coordinator, run, hosts = _gather(
        job, options, verify_from_wire,
        lambda n, role: HostVerify(n, role, "unreachable", LOST), host_record)
    report = VerifyReport(site, hosts)
    coordinator.finish_run(run, verify_outcome(report), dict(report.summary()))
    return report


def drift_on_workers(fleet: Fleet, names: Sequence[str], options: ClusterOptions, *,
                     site: str | None, args: dict[str, Any], workers: int, timeout: float,
                     started_at: datetime | None = None) -> DriftReport:
    """``flexorch drift --executor celery`` (the run recorded, as ``record_run`` does)."""
    from flexorch.distributed.cluster.wire import drift_from_wire
    from flexorch.drift.record import host_record, outcome
    from flexorch.drift.report import DriftReport, HostDrift
    from flexorch.verify import ALL_CHECKS

    job = Job("drift", fleet, list(names), site, args,
              {"checks": list(ALL_CHECKS), "workers": workers, "site": site, "timeout": timeout},
              started_at)
    coordinator, run, hosts = _gather(
        job, options, drift_from_wire,
        lambda n, role: HostDrift(n, role, "unreachable", LOST), host_record)
    report = DriftReport(site, hosts)
    coordinator.finish_run(run, outcome(report), dict(report.summary()))
    report.run_id, report.history_error = run.run_id, run.history_error
    return report


def plan_on_workers(fleet: Fleet, *, site: str, names: Sequence[str], selection: str | None,
                    out: Path | None, workers: int, timeout: float,
                    started_at: datetime | None, args: dict[str, Any],
                    options: ClusterOptions, playbook: Playbook) -> tuple[PlanDocument, Path]:
    """``flexorch plan --executor celery`` (``plan.workflow.plan_site`` on workers): the plan
    saved where a local run saves it, with its phases in ``playbook``'s order when it has
    changes (see the module docstring). A partial selection's routers outside it are read
    here."""
    from flexorch.plan.document import HostPlan, save_plan
    from flexorch.plan.rolloutplan import RolloutPlan
    from flexorch.plan.workflow import (
        document_of,
        host_record,
        plan_outcome,
        plan_path,
        plan_summary,
        read_outside,
    )

    path = out or plan_path(site, names, selection)
    job = Job("plan", fleet, list(names), site, args,
              {"workers": workers, "timeout": timeout}, started_at)
    coordinator, run, hosts = _gather(
        job, options, HostPlan.model_validate,
        lambda n, role: HostPlan(host=n, role=role, status="unreachable", message=LOST),
        host_record)
    outside = read_outside(fleet, names, timeout, workers) if selection else None
    section: RolloutPlan | None = RolloutPlan(phases=())  # nothing to phase, as a local plan
    if any(h.status == "changes" for h in hosts):
        section = _phases_on_a_worker(coordinator, job, hosts, playbook, partial=bool(selection))
    document = document_of(site, fleet, hosts, outside, selection, rollout=section,
                           playbook=playbook.name if section else "")
    save_plan(document, path)
    coordinator.finish_run(run, plan_outcome(document), plan_summary(document))
    return document, path


def _phases_on_a_worker(coordinator: Coordinator, job: Job, plans: Sequence[HostPlan],
                        playbook: Playbook, *, partial: bool) -> RolloutPlan | None:
    """The rollout section one worker computes for the whole selection; None (with a warning)
    when no worker finished it or a router's running config changed since its chunk read it."""
    from flexorch.distributed.cluster.app import CHUNK_TASK
    from flexorch.distributed.cluster.jobs import inventory_digest
    from flexorch.plan.rolloutplan import RolloutPlan

    params = {**job.params, "playbook": playbook.model_dump(mode="json"), "partial": partial}
    result = coordinator.send(CHUNK_TASK, {
        "job": "phases", "inventory": str(job.fleet.folder.resolve()),
        "digest": inventory_digest(job.fleet.folder), "names": job.names, "params": params,
        "run_id": None})
    value = coordinator.wait(result)
    if value is None or "error" in value:
        why = value["error"] if value else "no worker finished it"
        log.warning("plan without rollout phases: %s (rollout computes them itself)", why)
        return None
    found = value["hosts"][0]
    moved = [p.host for p in plans if found["running"].get(p.host) != p.running_sha256]
    if moved:
        log.warning("plan without rollout phases: the running config of %s changed between "
                    "the two reads (plan again)", ", ".join(moved[:8]))
        return None
    return RolloutPlan.model_validate(found["rollout"])
