"""The staged rollout of one site: plan, then stages of batches, each pushed, verified, and
confirmed or rolled back.

    rollout = Rollout(fleet, "hub1", playbook, RolloutOptions(...))
    works = rollout.collect()          # connect + read running configs + plan
    report = rollout.execute()         # stages, batches, gates; always closes the sessions

Sessions and threads are bounded whatever the site size: at most workers +
``tasks.sessions.READ_AHEAD`` sessions open at once (an idle one is closed to make room, its
host logs in again when next needed; a router that closed its session is reconnected too),
on the run's shared worker threads (``rollout.workers``): a batch's hosts run concurrently,
up to the playbook's workers, and the reading of later hosts uses the threads left.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flexorch.files import new_private_dir, safe_component
from flexorch.paths import state_dir, state_subdir
from flexorch.rollout.collect import Collector
from flexorch.rollout.gate import Models, first_reads, run_gate
from flexorch.rollout.hostflow import RunContext, read_sa_task
from flexorch.rollout.interrupt import AbortRun, CtrlC, left_to_timers
from flexorch.rollout.model import PROBLEMS, HostState, RolloutReport, StageReport
from flexorch.rollout.phases import HostPhases, LocalPhases
from flexorch.rollout.phasing import Phasing
from flexorch.rollout.playbook import assign_stages
from flexorch.rollout.progress import NullReporter, Reporter

if TYPE_CHECKING:
    from nornir.core import Nornir

    from flexorch.intent.fleet import Fleet
    from flexorch.plan.phases import Phase, PhasedPlan
    from flexorch.plan.workflow import HostWork
    from flexorch.rollout.playbook import Playbook, Stage
    from flexorch.rollout.workers import WorkerPool

log = logging.getLogger("flexorch.rollout")


@dataclass(frozen=True)
class RolloutOptions:
    """Run-time knobs (the playbook holds the staging policy)."""

    timeout: float = 60.0  # seconds per router answer
    minute_seconds: float = 60.0  # real length of a revert-timer minute (lab: scaled)
    tag: str | None = None  # backup folder / flash file tag (default: time + pid)
    recheck_running: bool = False  # re-read running configs before pushing (after a prompt)


class Rollout(Collector, Phasing):
    """One site's rollout (see the module docstring)."""

    def __init__(self, fleet: Fleet, site: str, playbook: Playbook, options: RolloutOptions,
                 *, hosts: Sequence[str] | None = None, reporter: Reporter | None = None,
                 workers: int | None = None) -> None:
        self.fleet = fleet
        self.site = site
        self.playbook = playbook
        self.options = options
        self.names = list(hosts) if hosts is not None else [
            h.name for h in fleet.select(site=site)]
        self.reporter: Reporter = reporter or NullReporter()
        self.workers = workers or playbook.workers
        self.timeout = options.timeout
        self.tag = options.tag or time.strftime("%Y%m%dT%H%M%S") + f"-{threading.get_native_id()}"
        self.works: list[HostWork] = []
        self.states: dict[str, HostState] = {}
        self.started = time.time()
        self.report = RolloutReport(site, [], [], started=self.started)
        self.stop = threading.Event()  # first Ctrl-C: nothing more is pushed or confirmed
        self.abort = threading.Event()  # second Ctrl-C: stop waiting for the routers
        self.on_host_done: Callable[[HostState], None] | None = None
        # Called when a host is first touched and when its change goes on under the timer
        # (from worker threads): the run's history then names it even if the process dies.
        self.on_host_touched: Callable[[HostState], None] | None = None
        self._nr: Nornir | None = None
        self._workers: WorkerPool | None = None  # the run's threads (rollout.workers)
        self._models = Models()  # configs read for the gates' predictions, once per text
        self._outside: dict[str, str] = {}  # routers outside a selection: running config
        self.outside_unknown: set[str] = set()  # routers outside a selection, not readable
        self._ctx: RunContext | None = None
        self.phased: PhasedPlan | None = None  # what each host gets in each wave
        self._final_up: frozenset[tuple[str, str]] | None = None
        # Streaming (unattended runs): the hosts after the first stage are read and planned in
        # the background, joined before the first push a gate verifies.
        self._background: threading.Thread | None = None
        self._rest: list[HostWork] | BaseException | None = None
        self._assign_pending = False
        # Where the writing steps of a batch run (``rollout.phases``): here, or on workers.
        self.phases: HostPhases = LocalPhases(self._nr_for)

    def collect(self, *, outcomes: bool = True) -> list[HostWork]:
        """Read and plan every host (``Collector.collect``), then phase the change in the
        playbook's order (what the plan shown before pushing says)."""
        works = super().collect(outcomes=outcomes)
        self._plan_phases()
        return works

    def read_outside(self) -> dict[str, str | None]:
        """A partial rollout: read the routers outside the selection (``Collector``), then
        phase again: the bridges of the selection stay while those routers still differ from
        their intent."""
        outside = super().read_outside()
        self._plan_phases()
        return outside

    # --- execute ---------------------------------------------------------------------------------
    def execute(self, *, dry_run: bool = False) -> RolloutReport:
        """Run the stages (nothing when ``dry_run``); always closes the sessions."""
        self.report.dry_run = dry_run
        try:
            if not dry_run:
                try:
                    with CtrlC(self.stop, self.abort):
                        self._run_stages()
                except AbortRun:
                    self._left_to_timers()
                self.report.interrupted = self.stop.is_set()
            elif self._background is not None:
                self._background.join()
        finally:
            # After a second Ctrl-C the worker threads may still hold sessions: closing them
            # would wait for those threads. The process is about to end; the OS closes them.
            if self._nr is not None and not self.abort.is_set():
                self._nr.close_connections(on_failed=True)
            if self._workers is not None:
                self._workers.close()
            self.report.finished = time.time()
            self.reporter.close()
        return self.report

    def _left_to_timers(self) -> None:
        for state in left_to_timers(self.states.values()):
            self._host_done(state)

    def _context(self) -> RunContext:
        works = {w.host: w for w in self.works}
        running = {n: w.running for n, w in works.items() if w.running is not None}
        # a folder no earlier run used; its name is the run's tag (flash backup name too)
        folder = new_private_dir(state_subdir("backups", self.site), self.tag)
        self.tag = folder.name
        return RunContext(tag=self.tag, backup_dir=folder,
                          confirm_minutes=self.playbook.confirm_timeout,
                          timeout=self.options.timeout, states=self.states, running=running,
                          reporter=self.reporter, stop=self.stop, abort=self.abort,
                          minute_seconds=self.options.minute_seconds,
                          touched=self._touched,
                          file_push_above=self.playbook.file_push_above)

    def _touched(self, state: HostState) -> None:
        if self.on_host_touched is not None and not self.abort.is_set():
            self.on_host_touched(state)

    def _changed(self) -> set[str]:
        """Pending hosts with a change (the rollout order takes them)."""
        from flexorch.plan.phases import changed_hosts

        return {h for h in changed_hosts(self.works) if self.states[h].status == "pending"}

    def _roles(self) -> list[tuple[str, str]]:
        return [(s.host, s.role) for s in self.states.values()]

    def _run_stages(self) -> None:
        ctx, changed = self._prepare()
        if self._background is not None:  # streaming: only the first stage is known yet
            first = [w.host for w in self.works]
            stages = {s.name: (first if i == 0 else []) for i, s in
                      enumerate(self.playbook.stages)}
        else:
            stages = assign_stages(self.playbook, self._roles(), changed)
            self._skip_unselected(stages)
        stopped = False
        total = len(self.playbook.stages)
        for index, stage in enumerate(self.playbook.stages, start=1):
            if index > 1:
                self._assign_rest(stages)
            hosts = stages[stage.name]
            report = StageReport(stage.name, hosts)
            self.report.stages.append(report)
            for name in hosts:
                self.states[name].update(stage=stage.name)
            if stopped or self.stop.is_set():
                self._skip_stage(report)
                continue
            self.reporter.stage(stage.name, index, total, len(hosts))
            failed = self._run_stage(stage, hosts, ctx, report)
            if self.stop.is_set():
                report.status = "interrupted"
            elif failed:
                report.status = "failed"
                stopped = stage.on_failure != "continue"
            else:
                report.status = "ok"
        # Streaming with a one-stage playbook: the hosts read meanwhile still get a verdict
        # (a hosts-only playbook used to leave them "pending at connect").
        self._assign_rest(stages)
        if not stopped and not self.stop.is_set():
            self._run_cleanup(ctx)
        self._settle()

    def _assign_rest(self, stages: dict[str, list[str]]) -> None:
        """Streaming: once the other hosts are read, phase the rest of the run and give them
        their stages (the first stage keeps the hosts it ran)."""
        self._join()
        if not self._assign_pending:
            return
        self._assign_pending = False
        self._plan_phases()
        assigned = assign_stages(self.playbook, self._roles(), self._changed())
        done = {n for hosts in stages.values() for n in hosts}
        stages.update({k: [n for n in v if n not in done] for k, v in assigned.items()
                       if not stages.get(k)})
        self._skip_unselected(stages)

    def _skip_unselected(self, stages: dict[str, list[str]]) -> None:
        picked = {n for hosts in stages.values() for n in hosts}
        for state in self.states.values():
            if state.host not in picked and state.status == "pending":
                self._finish(state, "skipped", "plan",
                             f"no stage of playbook {self.playbook.name} selects it; nothing "
                             "was changed (select routers with --host/--group/--role/--filter)")

    def _skip_stage(self, report: StageReport) -> None:
        interrupted = self.stop.is_set()
        report.status = "interrupted" if interrupted else "skipped"
        why = "interrupted" if interrupted else "an earlier stage failed"
        for name in report.hosts:
            if self.states[name].status == "pending" and not self.states[name].pushes:
                self._finish(self.states[name], "skipped", "plan", f"{why}; nothing was changed")

    def _run_stage(self, stage: Stage, hosts: list[str], ctx: RunContext,
                   report: StageReport) -> bool:
        """Run a stage's waves (its batches, with the hub pushes that go with them); True when
        the stage failed (threshold exceeded)."""
        assert self.phased is not None
        for name in hosts:
            state = self.states[name]
            if state.status == "pending" and not state.lines:
                self._finish(state, "unchanged", "done", "")
            elif state.status in ("unreachable", "refused"):
                self._host_done(state)
        waves = [p for p in self.phased.phases if p.stage == stage.name]
        report.batches = len(waves)
        kept: dict[str, str] = {}  # host -> its flash backup before its first push kept here
        stage_failed = False
        for wave in waves:
            if self.stop.is_set():
                break
            pushes = self._wave_pushes(wave, ctx)
            if not pushes:
                continue
            self.reporter.batch(stage.name, wave.batch, len(waves), list(pushes))
            over = self._run_wave(stage, wave, list(pushes), ctx, hosts, kept)
            if over:
                stage_failed = True
                restore = [n for n in kept if self.states[n].status in ("confirmed", "pending")]
                if stage.on_failure == "revert-stage-and-stop" and restore:
                    self._restore(restore, ctx, f"stage {stage.name} failed", kept)
                if stage.on_failure != "continue":
                    break
        report.failed = sum(self.states[n].status in PROBLEMS for n in hosts)
        why = "interrupted" if self.stop.is_set() else f"stage {stage.name} stopped after failures"
        later = {p.host for w in self.phased.phases if w.index > (waves[-1].index if waves
                 else -1) for p in w.pushes}
        for name in hosts:
            state = self.states[name]
            if state.status == "pending" and not state.pushes and name not in later:
                self._finish(state, "skipped", "plan", f"{why}; nothing was changed")
        return stage_failed

    def _over_threshold(self, stage: Stage, hosts: list[str], keep: dict[str, bool]) -> bool:
        """True when the stage's failures so far exceed ``max_fail_pct`` of its hosts."""
        failures = sum(self.states[n].status in PROBLEMS for n in hosts) + sum(
            not ok for ok in keep.values())
        return failures * 100.0 / max(len(hosts), 1) > stage.max_fail_pct

    def _decide(self, stage: Stage, keep: dict[str, bool], reasons: dict[str, str],
                over: bool) -> None:
        """Interrupted: keep nothing. Stage failed with ``revert-stage-and-stop``: keep nothing
        of this batch either (passing hosts are rolled back with the stage)."""
        for name, kept in list(keep.items()):
            if self.stop.is_set():
                keep[name] = False
                reasons[name] = "interrupted before the change was confirmed"
            elif over and stage.on_failure == "revert-stage-and-stop" and kept:
                keep[name] = False
                reasons[name] = f"stage {stage.name} failed; the whole stage is reverted"

    def _push_and_verify(self, stage: Stage, wave: Phase, batch: list[str],
                         ctx: RunContext) -> tuple[dict[str, bool], dict[str, str]]:
        """Push the wave; run the gate. Returns which pushed hosts to keep, and why not."""
        ctx.read_after_push, ctx.sas = stage.gate.verify, {}
        if stage.gate.verify:
            # The gate's prediction needs every router's config: read them all BEFORE the push,
            # not while the pushed hosts wait under their revert timer (a 2,000-spoke hub sat
            # unconfirmed ~20 s on the lab; real routers read slower than the timer runs).
            self._join()
            self._predict_ahead(wave, batch, ctx)
        self.phases.push(batch, ctx)
        for name in batch:
            if self.states[name].status != "pending":  # not pushed, or failed and rolled back
                self._host_done(self.states[name])
        pushed = [n for n in batch if self.states[n].status == "pending" and
                  self.states[n].pushed]
        keep = {n: self.states[n].push_error is None for n in pushed}
        reasons = {n: str(self.states[n].push_error) for n in pushed if not keep[n]}
        good = [n for n in pushed if keep[n]]
        if good and stage.gate.verify and not self.stop.is_set():
            expect = self._expect(wave, good, ctx)
            failed = run_gate(stage.gate, good, expect, self._read_sa, self.states, self.stop,
                              first=first_reads(self.fleet, good, set(ctx.lines), ctx.sas))
            for name, why in failed.items():
                keep[name] = False
                reasons[name] = why
        return keep, reasons

    def _read_sa(self, names: list[str]) -> Any:
        assert self._ctx is not None
        return self._nr_for(names).run(task=read_sa_task, ctx=self._ctx, on_failed=True)

    def _finish_batch(self, wave: Phase, batch: list[str], keep: dict[str, bool],
                      reasons: dict[str, str], ctx: RunContext) -> None:
        assert self.phased is not None
        names = [n for n in batch if n in keep]
        self._keep_timers([n for n in names if keep[n]], ctx)
        if names:
            self.phases.finish(names, ctx, keep, reasons)
        for name in names:
            state = self.states[name]
            if state.status == "pending" and state.pushed:  # finish_host raised
                state.update(status="reverting", message=state.message or "could not finish")
            elif state.status in ("pending", "confirmed") and keep[name]:
                ctx.running[name] = self.phased.texts[wave.index][name]
            if state.status == "confirmed" and name in self.phased.incomplete:
                state.update(status="partial", message=self.phased.incomplete[name])
            if state.status != "pending":
                self._host_done(state)

    def _keep_timers(self, names: list[str], ctx: RunContext) -> None:
        """Restart the revert timer of hosts about to be confirmed when more than half of it
        has run out (a slow batch or a long gate): a verified change must not roll back in the
        last seconds before its confirm."""
        span = ctx.confirm_minutes * ctx.minute_seconds
        now = time.time()
        late = [n for n in names
                if (self.states[n].revert_by or now + span) - now < span / 2]
        if late:
            self.reporter.note(f"restarting the revert timer of {len(late)} host(s)")
            self.phases.extend(late, ctx)

    def _restore(self, names: list[str], ctx: RunContext, reason: str,
                 backups: dict[str, str]) -> None:
        """Undo what the failed stage confirmed: each host back to its flash backup from
        before its first push of the stage."""
        self.reporter.note(f"restoring {len(names)} confirmed host(s): {reason}")
        self.phases.restore(names, ctx, reason, backups)
        for name in names:
            self._host_done(self.states[name])

    def _finish(self, state: HostState, status: str, step: str, message: str) -> None:
        state.update(status=status, step=step, message=message)
        self._host_done(state)

    def _host_done(self, state: HostState) -> None:
        self.reporter.done(state)
        if self.on_host_done is not None:
            self.on_host_done(state)


def backup_root(site: str) -> Path:
    """Where a site's rollout backups go (one folder per run)."""
    return state_dir() / "backups" / safe_component(site, "site")
