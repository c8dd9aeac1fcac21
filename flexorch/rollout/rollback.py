"""``flexorch rollback RUN_ID``: put the routers a run changed back on the config they had before
it, the way a rollout changes a router: under IOS's revert timer, verified, then confirmed.

Per host (those the run confirmed; ``hosts`` picks some of them):

1. the run's backup: the local copy (history ``backup_path``) and the router's own flash copy
   (``flash:flexorch-<tag>.cfg``, written by the run); the flash copy must hold the same config
   (``more flash:...``), else the host is refused (nothing to replace from);
2. refused while an unconfirmed change is pending (``flexorch recover``), and when the running
   config is not the one the run left (``after_sha256``, recorded at confirm) unless ``force``;
   a router already back on its backup is ``unchanged``;
3. backup of the config as it is now (so this rollback can be rolled back in turn), ``archive``
   ensured, ``configure replace flash:<backup> force time <minutes>``, the gate (each tunnel as
   the negotiation model predicts it with the restored configs and the running configs of the
   routers around them), then ``configure confirm`` + ``write memory``, or ``configure revert
   now``.

Recorded in the history as a ``rollback`` run (args: the run rolled back), each host when first
touched and at the end, with the hash of the config it was left with.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from flexorch.errors import EXIT_FAIL, EXIT_OK, BadInputError
from flexorch.rollout.api import Declined
from flexorch.secrets import mask

if TYPE_CHECKING:
    from nornir.core import Nornir

    from flexorch.history import HostRecord, RunDetail
    from flexorch.intent.fleet import Fleet
    from flexorch.rollout.model import CheckRow
    from flexorch.rollout.playbook import Gate

Outcome = Literal["pending", "restored", "unchanged", "reverted", "refused", "failed",
                  "unreachable"]
_HISTORY = {"pending": "pending", "restored": "changed", "unchanged": "ok",
            "reverted": "reverted", "refused": "skipped", "failed": "failed",
            "unreachable": "unreachable"}


@dataclass
class HostRollback:
    host: str
    role: str
    backup: Path  # the run's local copy of the config to go back to
    flash: str  # its flash copy on the router
    expected_after: str | None  # running-config hash the run left (None: not recorded)
    outcome: Outcome = "pending"
    message: str = ""
    running: str | None = None  # as read before the rollback (secrets in clear: never print)
    after_sha256: str | None = None
    checks: list[CheckRow] = field(default_factory=list)
    step: str = "collect"

    def finish(self, outcome: Outcome, message: str, step: str | None = None) -> None:
        self.outcome, self.message = outcome, mask(message)
        self.step = step or self.step

    def record(self, backup_path: str | None = None) -> HostRecord:
        from flexorch.history import HostRecord, check_results

        return HostRecord(host=self.host, role=self.role, step=self.step,
                          status=_HISTORY[self.outcome],  # type: ignore[arg-type]
                          message=f"{self.outcome}: {self.message}" if self.message
                          else self.outcome, verification=check_results(self.checks),
                          backup_path=backup_path, after_sha256=self.after_sha256)

    def to_json(self) -> dict[str, Any]:
        return {"host": self.host, "role": self.role, "outcome": self.outcome,
                "step": self.step, "message": self.message, "backup": str(self.backup),
                "checks": len(self.checks), "failed_checks": [
                    c.__dict__ for c in self.checks if not c.ok]}


@dataclass
class RollbackReport:
    rolled_back: int  # the run id
    site: str
    hosts: list[HostRollback]
    run_id: int | None = None

    def exit_code(self) -> int:
        """0 every host restored or already on its backup, 1 otherwise."""
        ok = all(h.outcome in ("restored", "unchanged") for h in self.hosts)
        return EXIT_OK if ok else EXIT_FAIL

    def to_json(self) -> dict[str, Any]:
        return {"command": "rollback", "run": self.rolled_back, "site": self.site,
                "run_id": self.run_id, "exit_code": self.exit_code(),
                "hosts": [h.to_json() for h in self.hosts]}


@dataclass(frozen=True)
class RollbackOptions:
    force: bool = False
    timeout: float = 30.0
    workers: int = 16
    minutes: int = 10  # IOS revert timer of the replace
    tag: str | None = None


def rollback_targets(run: RunDetail, fleet: Fleet, hosts: Sequence[str]) -> list[HostRollback]:
    """The hosts of ``run`` to restore: those it changed (``hosts``: some of them), each with
    its backup. Raises BadInputError for a run that is not a rollout or rollback, still going
    on, a host it did not change, or a backup that is gone."""
    from flexorch.tasks.backup import flash_backup_name

    if run.command not in ("rollout", "rollback"):
        raise BadInputError(f"run {run.id} is a {run.command} run: only rollout and rollback runs "
                            "changed routers")
    if run.state == "running":
        raise BadInputError(f"run {run.id} is still going on (`flexorch history show {run.id}`)")
    changed = {h.host: h for h in run.hosts if h.status == "changed"}
    for name in hosts:
        if name not in changed:
            was = run.host(name)
            raise BadInputError(f"host {name} was not changed by run {run.id}"
                                + (f" (its status there: {was.status})" if was else ""))
    out = []
    for name in hosts or list(changed):
        record = changed[name]
        if name not in fleet.hosts:
            raise BadInputError(f"host {name} of run {run.id} is not in the inventory any more")
        if not record.backup_path or not Path(record.backup_path).is_file():
            raise BadInputError(f"host {name}: the backup of run {run.id} "
                                f"({record.backup_path or 'not recorded'}) is gone")
        backup = Path(record.backup_path)
        out.append(HostRollback(name, fleet.hosts[name].role, backup,
                                flash_backup_name(backup.parent.name), record.after_sha256))
    if not out:
        raise BadInputError(f"run {run.id} changed no router: nothing to roll back")
    return out


def rollback_run(fleet: Fleet, run_id: int, *, hosts: Sequence[str] = (),
                 options: RollbackOptions = RollbackOptions(),
                 confirm: Callable[[list[HostRollback]], bool] | None = None) -> RollbackReport:
    """Restore the routers ``run_id`` changed (see the module docstring), under the site lock,
    recorded in the history. ``confirm`` is asked (with the hosts about to be restored) before
    anything changes; Declined when the answer is no. Raises UnknownRunError / BadInputError
    (exit 2) and LockHeldError (exit 2)."""
    from flexorch.history import RunRecorder, open_store, reap_abandoned
    from flexorch.rollout.lock import FileSiteLock

    with open_store() as store:
        run = store.get_run(run_id)
    targets = rollback_targets(run, fleet, hosts)
    site = run.site or fleet.hosts[targets[0].host].site
    with FileSiteLock(site, f"rollback {run_id} --site {site}"):
        reap_abandoned(site)
        with RunRecorder("rollback", site=site, args={
                "run": run_id, "hosts": [t.host for t in targets],
                "force": options.force}) as rec:
            report = RollbackReport(run_id, site, targets, rec.run_id)
            tag = options.tag or (f"run{rec.run_id}" if rec.run_id is not None
                                  else time.strftime("%Y%m%dT%H%M%S"))
            _Restore(fleet, site, report, options, tag, rec).run(confirm)
            rec.finish("ok" if report.exit_code() == EXIT_OK else "failed",
                       {h.outcome: sum(x.outcome == h.outcome for x in report.hosts)
                        for h in report.hosts} | {"run": run_id})
    return report


class _Restore:
    """One rollback's steps over one Nornir session per host."""

    def __init__(self, fleet: Fleet, site: str, report: RollbackReport,
                 options: RollbackOptions, tag: str, rec: Any) -> None:
        from flexorch.files import new_private_dir
        from flexorch.paths import state_subdir

        self.fleet, self.site, self.report, self.options, self.rec = fleet, site, report, \
            options, rec
        self.tag = tag
        # This rollback's own backups (what each router ran before it): a rollback can be
        # rolled back in turn.
        self.folder = new_private_dir(state_subdir("backups", site), tag)
        self.hosts = {h.host: h for h in report.hosts}
        self.backups: dict[str, str] = {}  # host -> where this rollback saved "before"

    def run(self, confirm: Callable[[list[HostRollback]], bool] | None) -> None:
        from flexorch.intent import make_nornir
        from flexorch.tasks.device import session_defaults

        nr = make_nornir(self.fleet, list(self.hosts), workers=self.options.workers)
        session_defaults(nr, self.options.timeout)
        try:
            self._inspect(nr)
            go = [h for h in self.report.hosts if h.outcome == "pending"]
            if go and confirm is not None and not confirm(go):
                for h in go:
                    h.finish("refused", "declined: nothing was changed")
                raise Declined("rollback declined: nothing was changed")
            if go:
                self._replace(nr, go)
                self._finish(nr, [h for h in go if h.outcome == "pending"])
        finally:
            nr.close_connections(on_failed=True)
            self.rec.hosts(h.record(self.backups.get(h.host)) for h in self.report.hosts)

    def _for(self, nr: Nornir, hosts: Sequence[HostRollback], task: Any) -> dict[str, Any]:
        """Run ``task(task, h)`` on ``hosts``: host -> result, or the DeviceError text."""
        from flexorch.tasks.failures import device_message

        wanted = {h.host for h in hosts}
        results = nr.filter(filter_func=lambda host: host.name in wanted).run(
            task=lambda t: task(t, self.hosts[t.host.name]), on_failed=True)
        return {name: (f"!{device_message(m[0].exception)}" if m.failed else m[0].result)
                for name, m in results.items()}

    def _inspect(self, nr: Nornir) -> None:
        """Read each router (running config, revert timer, the run's flash copy) and decide."""
        from nornir.core.task import Result

        from flexorch.plan.configs import running_hash
        from flexorch.tasks.device import Device

        timeout = self.options.timeout

        def look(task: Any, h: HostRollback) -> Any:
            device = Device(task, timeout)
            running = device.running_config()
            pending = device.pending_change()
            saved = device.command(f"more flash:{h.flash}", "collect")
            return Result(host=task.host, result=(running, pending, saved))

        read = self._for(nr, self.report.hosts, look)
        for h in self.report.hosts:
            got = read[h.host]
            if isinstance(got, str):
                h.finish("unreachable", f"{got[1:]}; nothing was changed", "connect")
                continue
            running, pending, saved = got
            h.running = running
            backup = h.backup.read_text(encoding="utf-8")
            if pending is not None:
                h.finish("refused", pending.refusal(h.host), "collect")
            elif running_hash(running) == running_hash(backup):
                h.finish("unchanged", "already on the config it had before the run", "done")
            elif running_hash(saved) != running_hash(backup):
                h.finish("refused", f"flash:{h.flash} is gone or differs from the run's backup "
                         f"{h.backup}: nothing to replace from (restore by hand)", "collect")
            elif h.expected_after != running_hash(running) and not self.options.force:
                why = ("changed since the run (its running config is not the one the run left)"
                       if h.expected_after else "the run did not record the config it left")
                h.finish("refused", f"{why}: nothing was changed; `--force` restores it anyway",
                         "collect")

    def _replace(self, nr: Nornir, go: list[HostRollback]) -> None:
        """Save the config as it is now, then ``configure replace ... time N``."""
        from flexorch.rollout.hostflow import write_backup
        from flexorch.tasks.backup import backup_to_flash, flash_backup_name
        from flexorch.tasks.device import Device
        from flexorch.tasks.push import ensure_archive

        timeout, minutes = self.options.timeout, self.options.minutes

        def replace(task: Any, h: HostRollback) -> bool:
            h.step = "backup"
            self.rec.host(h.record())
            assert h.running is not None
            self.backups[h.host] = str(write_backup(self.folder, h.host, h.running))
            backup_to_flash(task, flash_backup_name(self.tag), timeout)
            ensure_archive(task, h.running, timeout)
            h.step = "push"
            self.rec.host(h.record(self.backups[h.host]))
            Device(task, timeout).replace(h.flash, minutes)
            return True

        done = self._for(nr, go, replace)
        for h in go:
            if isinstance(done[h.host], str):
                h.finish("failed", f"{done[h.host][1:]}; check the router (`flexorch recover "
                         f"--host {h.host}` shows a change left under the revert timer)")

    def _finish(self, nr: Nornir, replaced: list[HostRollback]) -> None:
        """The gate, then confirm and save, or revert now."""
        from flexorch.plan.configs import running_hash
        from flexorch.tasks.device import Device
        from flexorch.tasks.revert import confirm_and_save, revert_now

        failed = self._gate(nr, replaced)
        timeout = self.options.timeout

        def end(task: Any, h: HostRollback) -> str:
            if h.host in failed:
                revert_now(task, timeout)
                return "reverted"
            confirm_and_save(task, timeout)
            h.after_sha256 = running_hash(Device(task, timeout).running_config())
            return "restored"

        done = self._for(nr, replaced, end)
        for h in replaced:
            result = done[h.host]
            if result == "restored":
                h.finish("restored", f"restored from flash:{h.flash}, verified, confirmed and "
                         "saved", "done")
            elif result == "reverted":
                h.finish("reverted", f"{failed[h.host]}; rolled back (configure revert now)",
                         "revert")
            else:
                h.finish("failed", f"{result[1:]}; IOS's revert timer rolls the replace back "
                         "unless it was confirmed", "confirm")

    def _gate(self, nr: Nornir, replaced: list[HostRollback]) -> dict[str, str]:
        """Hosts whose tunnels are not as predicted with the restored configs, with why."""
        from flexorch.plan.workflow import read_outside
        from flexorch.predict import addresses_of, expected_tunnels
        from flexorch.rollout.gate import HostExpectation, check_host, failure_text
        from flexorch.rollout.playbook import Gate
        from flexorch.tasks.gate import read_sa

        gate: Gate = Gate()
        names = [h.host for h in replaced]
        configs: dict[str, str] = {h.host: h.backup.read_text(encoding="utf-8") for h in replaced}
        outside = read_outside(self.fleet, names, self.options.timeout, self.options.workers)
        configs.update({n: t for n, t in outside.items() if t is not None})
        unknown = [n for n, t in outside.items() if t is None]
        predicted = expected_tunnels(self.fleet, names, overrides=configs, unknown=unknown)
        # A tunnel the model says will not come up with the restored configs (its peer outside
        # the rollback holds other settings) is not checked, and its SA not unexpected.
        expected = {n: [e for e in rows if e.predicted == "ESTABLISHED"]
                    for n, rows in predicted.items()}
        tolerated = addresses_of(self.fleet, unknown) | {
            e.remote_address for rows in predicted.values() for e in rows
            if e.predicted != "ESTABLISHED" and e.remote_address is not None}
        causes: dict[str, str] = {}
        pending = list(replaced)
        time.sleep(gate.settle_seconds)
        for attempt in range(gate.attempts):
            read = self._for(nr, pending, lambda t, h: read_sa(t, self.options.timeout).result)
            still = []
            for h in pending:
                got = read[h.host]
                if isinstance(got, str):
                    causes[h.host] = f"verify failed: {got[1:]}"
                    still.append(h)
                    continue
                expect = HostExpectation(expected.get(h.host, []), [], frozenset(tolerated))
                h.checks = check_host(h.host, expect, got.records, gate.checks)
                if all(c.ok for c in h.checks):
                    causes.pop(h.host, None)
                else:
                    causes[h.host] = failure_text(h.checks)
                    still.append(h)
            pending = still
            if not pending or attempt == gate.attempts - 1:
                break
            time.sleep(gate.interval_seconds)
        return {h.host: causes[h.host] for h in pending}


def rollback_text(report: RollbackReport) -> str:
    out = [f"{h.host:<16} {h.outcome.upper():<10}" + (f" {h.message}" if h.message else "")
           for h in report.hosts]
    counts: dict[str, int] = {}
    for h in report.hosts:
        counts[h.outcome] = counts.get(h.outcome, 0) + 1
    run = f" (run {report.run_id})" if report.run_id is not None else ""
    out.append(f"rollback of run {report.rolled_back}, site {report.site}{run}: "
               + ", ".join(f"{n} {o}" for o, n in sorted(counts.items())))
    return "\n".join(out) + "\n"
