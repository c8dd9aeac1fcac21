"""verify, drift and plan on workers: the same reports, JSON, exit codes and history as a local
run (``flexorch.verify_run.verify_site``, ``drift.run.drift_hosts`` + ``drift.record.record_run``,
``plan.workflow.plan_site``), the hosts read by workers in chunks.

A host whose chunk no worker finished (every worker died and none came back) is reported
``unreachable`` with that reason, like a router that could not be read.
"""

from __future__ import annotations

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
    from flexorch.plan.document import PlanDocument
    from flexorch.verify import Check
    from flexorch.verify_run import VerifyReport

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
                    options: ClusterOptions) -> tuple[PlanDocument, Path]:
    """``flexorch plan --executor celery`` (``plan.workflow.plan_site`` on workers): the plan
    saved where a local run saves it. A partial selection's routers outside it are read here."""
    from flexorch.plan.document import HostPlan, save_plan
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
    document = document_of(site, fleet, hosts, outside, selection)
    save_plan(document, path)
    coordinator.finish_run(run, plan_outcome(document), plan_summary(document))
    return document, path
