"""``flexorch recover``: resolve unconfirmed changes left under IOS's revert timer (by a run that
died, a second Ctrl-C, or someone's hand), which plan and rollout refuse to touch.

Per host: read ``show archive config rollback timer``; then, as asked, nothing more (show),
``configure revert now`` (revert), or, after verifying that the host's tunnels are what the
intent predicts, ``configure confirm`` + ``write memory`` (confirm; a failed verification
refuses the host unless forced). The sites' locks are held (a rollout in progress is never
raced) and the run is recorded in the history.

    report = recover_hosts(fleet, ["h1-gre"], action="revert", timeout=30)
    report.exit_code()   # 0 nothing pending any more, 1 something is still pending or failed
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from flexorch.errors import EXIT_FAIL, EXIT_OK
from flexorch.rollout.api import Declined
from flexorch.secrets import mask

if TYPE_CHECKING:
    from flexorch.history import HostRecord, RunDetail
    from flexorch.intent.fleet import Fleet
    from flexorch.pending import PendingChange

Action = Literal["show", "revert", "confirm"]
# What became of a host: nothing pending; still pending (show, or not confirmed); rolled back;
# confirmed and saved; could not be read or resolved.
Outcome = Literal["clean", "pending", "reverted", "confirmed", "refused", "unreachable", "failed"]
_HISTORY = {"clean": "ok", "pending": "skipped", "reverted": "reverted", "confirmed": "changed",
            "refused": "skipped", "unreachable": "unreachable", "failed": "failed"}


@dataclass
class HostRecovery:
    host: str
    role: str
    outcome: Outcome
    pending: PendingChange | None = None  # what was pending when the host was read
    message: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"host": self.host, "role": self.role, "outcome": self.outcome,
                "pending": self.pending.to_json() if self.pending else None,
                "message": mask(self.message)}

    def record(self) -> HostRecord:
        from flexorch.history import HostRecord

        step = {"clean": "collect", "pending": "collect", "unreachable": "connect",
                "refused": "verify", "confirmed": "confirm"}.get(self.outcome, "revert")
        return HostRecord(host=self.host, role=self.role, step=step,
                          status=_HISTORY[self.outcome],  # type: ignore[arg-type]
                          message=f"{self.outcome}: {self.message}" if self.message
                          else self.outcome)


@dataclass
class RecoverReport:
    action: Action
    hosts: list[HostRecovery]
    run_id: int | None = None
    abandoned: list[RunDetail] = field(default_factory=list)

    def exit_code(self) -> int:
        """0 when no host holds an unconfirmed change any more (and none failed), else 1."""
        done = {"clean", "reverted", "confirmed"}
        return EXIT_OK if all(h.outcome in done for h in self.hosts) else EXIT_FAIL

    def to_json(self) -> dict[str, Any]:
        return {"command": "recover", "action": self.action, "run_id": self.run_id,
                "exit_code": self.exit_code(), "hosts": [h.to_json() for h in self.hosts],
                "abandoned_runs": [r.id for r in self.abandoned]}


def recover_hosts(fleet: Fleet, names: Sequence[str], *, action: Action, force: bool = False,
                  timeout: float = 30.0, workers: int = 16,
                  confirm: Callable[[list[HostRecovery]], bool] | None = None) -> RecoverReport:
    """Read and resolve the unconfirmed changes of ``names`` under their sites' locks, and
    record the run. ``confirm`` is asked (with the hosts about to be confirmed) before any
    ``configure confirm``; it raises Declined when the answer is no. Raises LockHeldError
    (exit 2) when a rollout holds a site."""
    from contextlib import ExitStack

    from flexorch.history import reap_abandoned, record
    from flexorch.rollout.lock import FileSiteLock

    sites = sorted({fleet.hosts[n].site for n in names})
    with ExitStack() as locks:
        for site in sites:  # in a fixed order: two recovers never wait on each other
            locks.enter_context(FileSiteLock(site, f"recover --site {site}"))
        abandoned = [run for site in sites for run in reap_abandoned(site)]
        report = RecoverReport(action, _read(fleet, names, timeout, workers), abandoned=abandoned)
        if action == "revert":
            _revert(fleet, report, timeout, workers)
        elif action == "confirm":
            _confirm(fleet, report, force, timeout, workers, confirm)
        done = record("recover", sites[0] if len(sites) == 1 else None,
                      (h.record() for h in report.hosts),
                      "ok" if report.exit_code() == EXIT_OK else "failed",
                      {h.outcome: sum(x.outcome == h.outcome for x in report.hosts)
                       for h in report.hosts},
                      args={"action": action, "hosts": list(names), "force": force})
        report.run_id = done.run_id
    return report


def _run(fleet: Fleet, names: Sequence[str], task: Any, timeout: float,
         workers: int) -> dict[str, tuple[Any, str | None]]:
    """Run a task on ``names``: host -> (result, None) or (None, why it failed)."""
    from flexorch.intent import make_nornir
    from flexorch.tasks.device import session_defaults
    from flexorch.tasks.failures import device_message

    nr = make_nornir(fleet, list(names), workers=workers)
    session_defaults(nr, timeout)
    try:
        results = nr.run(task=task, timeout=timeout, on_failed=True)
    finally:
        nr.close_connections(on_failed=True)
    return {name: (None, device_message(multi[0].exception)) if multi.failed
            else (multi[0].result, None) for name, multi in results.items()}


def _read(fleet: Fleet, names: Sequence[str], timeout: float,
          workers: int) -> list[HostRecovery]:
    from flexorch.tasks.device import read_pending_change

    read = _run(fleet, names, read_pending_change, timeout, workers)
    out = []
    for name in names:
        pending, error = read[name]
        role = fleet.hosts[name].role
        if error is not None:
            out.append(HostRecovery(name, role, "unreachable", message=error))
        elif pending is None:
            out.append(HostRecovery(name, role, "clean", message="no unconfirmed change"))
        else:
            out.append(HostRecovery(name, role, "pending", pending, pending.describe()))
    return out


def _revert(fleet: Fleet, report: RecoverReport, timeout: float, workers: int) -> None:
    from flexorch.tasks.revert import revert_now

    targets = [h for h in report.hosts if h.outcome == "pending"]
    if not targets:
        return
    done = _run(fleet, [h.host for h in targets], revert_now, timeout, workers)
    for h in targets:
        _, error = done[h.host]
        if error is None:
            h.outcome, h.message = "reverted", "rolled back now (configure revert now)"
        elif "no change pending" in error:  # the timer fired meanwhile
            h.outcome, h.message = "reverted", "the revert timer had rolled it back meanwhile"
        else:
            h.outcome, h.message = "failed", f"configure revert now failed: {error}"


def _confirm(fleet: Fleet, report: RecoverReport, force: bool, timeout: float, workers: int,
             ask: Callable[[list[HostRecovery]], bool] | None) -> None:
    from flexorch.tasks.revert import confirm_and_save
    from flexorch.verify_run import verify_hosts

    targets = [h for h in report.hosts if h.outcome == "pending"]
    if not targets:
        return
    checked = verify_hosts(fleet, [h.host for h in targets], timeout=timeout, workers=workers)
    verdicts = {v.host: v for v in checked.hosts}
    for h in targets:
        verdict = verdicts[h.host]
        if verdict.checks_ok or force:
            continue
        failed = [c for c in verdict.comparisons if not c.ok]
        why = verdict.message or "; ".join(
            f"{c.tunnel}{' to ' + c.peer if c.peer else ''} {c.check}: expected {c.expected}, "
            f"observed {c.observed}" for c in failed[:3])
        h.outcome, h.message = "refused", (
            f"verification failed ({why}); not confirmed: `--revert` rolls it back, "
            "`--confirm --force` keeps it anyway")
    chosen = [h for h in targets if h.outcome == "pending"]
    if not chosen:
        return
    if ask is not None and not ask(chosen):
        raise Declined("recover declined: nothing was confirmed")
    done = _run(fleet, [h.host for h in chosen], confirm_and_save, timeout, workers)
    for h in chosen:
        _, error = done[h.host]
        if error is None:
            h.outcome = "confirmed"
            h.message = "verified, confirmed and saved" if verdicts[h.host].checks_ok \
                else "confirmed and saved without a passing verification (--force)"
        elif "no change pending" in error:
            h.outcome, h.message = "reverted", ("the revert timer rolled it back before it "
                                                "could be confirmed")
        else:
            h.outcome, h.message = "failed", f"configure confirm failed: {error}"


def recover_text(report: RecoverReport) -> str:
    """One line per host, then the run."""
    from flexorch.history.text import abandoned_lines

    out = abandoned_lines(report.abandoned)
    for h in report.hosts:
        out.append(f"{h.host} ({h.role}): {h.outcome.upper()}"
                   + (f" - {mask(h.message)}" if h.message else ""))
    counts: dict[str, int] = {}
    for h in report.hosts:
        counts[h.outcome] = counts.get(h.outcome, 0) + 1
    run = f" (run {report.run_id})" if report.run_id is not None else ""
    out.append(f"recover{run}: " + ", ".join(f"{n} {o}" for o, n in sorted(counts.items())))
    return "\n".join(out) + "\n"
