"""``flexorch drift --remediate``: push the intent to the hosts with config drift, through the
rollout machinery (site lock, backup, revert timer, verification gate, confirm or revert), then
read the site again and report what was fixed.

Only hosts with *config* drift are remediated: a host whose config is as intended but whose
tunnel is down has nothing to push (its drift is reported, and stays). The second read is a
drift run of its own (recorded), so ``report.remediation`` says per host whether the drift is
gone, and the exit code says whether any drift is left.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flexorch.drift.report import DriftReport
from flexorch.errors import FlexorchError, LockHeldError

if TYPE_CHECKING:
    from flexorch.intent.fleet import Fleet

log = logging.getLogger("flexorch.drift")


@dataclass(frozen=True)
class HostFix:
    """What the rollout did to one host: ``result`` confirmed | reverted | failed | unchanged,
    the step it reached, config lines sent (count) and the device's or runner's message."""

    host: str
    result: str
    step: str = ""
    lines_sent: int | None = None
    message: str = ""


@dataclass
class FixResult:
    """The rollout's answer for the remediated hosts."""

    hosts: list[HostFix] = field(default_factory=list)
    run_id: int | None = None
    outcome: str = ""
    message: str = ""


Runner = Callable[["Fleet", str, list[str], int, "FixOptions"], FixResult]


def config_drifted(report: DriftReport) -> list[str]:
    """Hosts whose managed config differs from the intent (what remediation pushes to)."""
    return [h.host for h in report.hosts if h.status == "drift" and h.config_drifted]


@dataclass(frozen=True)
class FixOptions:
    """How the remediation rollout runs: playbook file (None: the shipped default), seconds per
    router answer, whether to show the plan and ask first, the real length of a revert-timer
    minute (the lab scales it), and run arguments for the history record."""

    playbook: Path | None = None
    timeout: float = 60.0
    ask: bool = False
    minute_seconds: float = 60.0
    args: dict[str, Any] = field(default_factory=dict)


def rollout_runner(fleet: Fleet, site: str, hosts: list[str], workers: int,
                   options: FixOptions) -> FixResult:
    """Run the rollout machinery (``flexorch.rollout.api.run_rollout``: site lock, backups,
    revert timer, stage gates, history record) for ``hosts`` of ``site`` only, and translate
    its per-host result. With ``options.ask`` the plan is shown on stderr and confirmed first
    (``Declined`` when the answer is no)."""
    import click

    from flexorch.paths import resource_dir
    from flexorch.rollout.api import run_rollout
    from flexorch.rollout.playbook import load_playbook
    from flexorch.rollout.runner import RolloutOptions

    book = load_playbook(options.playbook or resource_dir("playbooks") / "default.yaml")
    book = book.with_overrides(workers=workers)

    def on_plan(document: Any) -> None:
        from flexorch.plan.text import plan_text

        if options.ask:
            click.echo(plan_text(document), nl=False, err=True)

    def confirm(document: Any) -> bool:
        lines = sum(len(h.lines) for h in document.hosts)
        return click.confirm(f"Push {lines} lines to {document.changes} router(s) of site "
                             f"{site} to remove the drift (revert timer "
                             f"{book.confirm_timeout} min)?", default=False, err=True)

    report = run_rollout(
        fleet, site, book,
        RolloutOptions(timeout=options.timeout, minute_seconds=options.minute_seconds,
                       recheck_running=options.ask),
        hosts=hosts, confirm=confirm if options.ask else None, on_plan=on_plan,
        workers=workers, command="rollout",
        args={**options.args, "playbook": book.name, "triggered_by": "drift --remediate"},
    )
    return FixResult(
        hosts=[HostFix(h.host, h.status, h.step, h.sent, h.message) for h in report.hosts],
        run_id=report.run_id, outcome="" if report.ok else report.outcome(),
    )


def remediate_report(
    fleet: Fleet, report: DriftReport, *, workers: int = 16, options: FixOptions | None = None,
    runner: Runner | None = None, timeout: float = 30.0,
) -> int | None:
    """Remediate the config-drifted hosts of ``report`` and check the site again; sets
    ``report.remediation``. Returns an exit code that overrides the normal one (2 when the site
    lock is held), else None. ``runner`` replaces the rollout (tests)."""
    from flexorch.drift.record import record_run
    from flexorch.drift.run import drift_hosts

    options = options or FixOptions()
    targets = config_drifted(report)
    doc: dict[str, Any] = {"hosts": [], "run_id": None, "remediated": targets,
                           "clean_after": report.ok, "after": None}
    report.remediation = doc
    if not targets:
        doc["outcome"] = "nothing to remediate"
        if not report.ok:
            doc["message"] = ("no host has config drift; operational drift and unreachable "
                              "hosts are not fixed by a config push")
        return None
    site = report.site or fleet.hosts[targets[0]].site
    try:
        fixed = (runner or rollout_runner)(fleet, site, targets, workers, options)
    except LockHeldError as exc:
        doc.update(outcome="refused", message=str(exc), clean_after=False)
        return LockHeldError.exit_code
    except FlexorchError as exc:
        declined = type(exc).__name__ == "Declined"
        if not declined:
            log.error("remediation failed: %s", exc)
        doc.update(outcome="declined" if declined else "failed", message=str(exc),
                   clean_after=False)
        return None
    doc["run_id"] = fixed.run_id
    doc["message"] = fixed.message

    # Read the whole selection again: remediating a spoke changes what its hub shows too.
    names = [h.host for h in report.hosts]
    after = drift_hosts(fleet, names, workers=workers, site=report.site, timeout=timeout)
    record_run(after, {**options.args, "after_remediation": True})
    status = {h.host: h.status for h in after.hosts}
    for entry in fixed.hosts:
        now = status.get(entry.host, "?")
        result = entry.result if entry.result != "confirmed" else (
            "fixed" if now == "clean" else f"confirmed, still {now}")
        doc["hosts"].append({"host": entry.host, "result": result, "step": entry.step,
                             "lines_sent": entry.lines_sent, "message": entry.message,
                             "status_after": now})
    doc["after"] = {"summary": after.summary(), "run_id": after.run_id,
                    "hosts": {h.host: h.status for h in after.hosts}}
    doc["clean_after"] = after.ok
    fixed_count = sum(1 for e in doc["hosts"] if e["result"] == "fixed")
    doc["outcome"] = fixed.outcome or (
        "fixed" if fixed_count == len(targets) else "partly fixed" if fixed_count else "not fixed")
    return None
