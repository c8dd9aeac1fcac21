"""The phases of a rollout as the runner follows them (mixed into
``flexorch.rollout.runner.Rollout``, which defines the push, gate and finish steps declared at
the end of ``Phasing``).

The phased plan (``flexorch.plan.phases``) says what each host gets in each wave: its own
change, or a hub's bridge, release and cleanup pushes. This mixin builds it over the hosts
known so far, runs one wave (push, gate, ties, confirm or undo), predicts what the gate of a
wave should see (with the tunnels planned down meanwhile), ties a hub's keyring release to the
spokes it was made for, runs the cleanup phase when every peer of a hub has moved, and settles
the hosts left between phases.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from flexorch.rollout.model import PROBLEMS, StageReport

if TYPE_CHECKING:
    import threading

    from flexorch.intent.fleet import Fleet
    from flexorch.plan.phases import Phase, PhasedPlan
    from flexorch.plan.workflow import HostWork
    from flexorch.rollout.gate import HostExpectation, Models
    from flexorch.rollout.hostflow import RunContext
    from flexorch.rollout.model import HostState, RolloutReport
    from flexorch.rollout.playbook import Playbook, Stage
    from flexorch.rollout.progress import Reporter
    from flexorch.rollout.runner import RolloutOptions

DONE = ("confirmed", "unchanged")


class Phasing:
    """The phase half of a rollout; ``Rollout.__init__`` sets every attribute."""

    fleet: Fleet
    playbook: Playbook
    works: list[HostWork]
    states: dict[str, HostState]
    phased: PhasedPlan | None
    _final_up: frozenset[tuple[str, str]] | None
    _models: Models  # configs read once per text for every gate
    _outside: dict[str, str]  # routers outside a selection (never changed): running config
    outside_unknown: set[str]  # routers outside a selection that could not be read
    report: RolloutReport
    reporter: Reporter
    stop: threading.Event
    options: RolloutOptions
    _ctx: RunContext | None
    _background: threading.Thread | None
    _assign_pending: bool

    def _plan_phases(self) -> None:
        """Phase the change of every host read so far (hosts no longer pending are left out
        of the order); each pending host's lines become its pushes, in order."""
        from flexorch.plan.workflow import plan_phases, waiting_outside

        status = {w.host: self.states[w.host].status for w in self.works}
        self.phased = plan_phases(
            self.fleet, self.works, self.playbook,
            exclude=[h for h, s in status.items() if s not in ("pending", *DONE)],
            moved=[h for h, s in status.items() if s in DONE],
            waiting=waiting_outside(self.fleet, self._outside))
        for work in self.works:
            if self.states[work.host].status == "pending":
                self.states[work.host].update(lines=work.lines)

    def _needs_every_host(self) -> bool:
        """True when a host read so far needs a bridge towards peers not read yet (its first
        push then depends on them): a streaming run waits for them before pushing."""
        from flexorch.plan.bridge import bridge_tree
        from flexorch.plan.configs import canonical_tree

        for work in self.works:
            if work.running is None or work.remediation is None or not work.remediation.lines:
                continue
            intended = canonical_tree(work.intended)
            bridge = bridge_tree(canonical_tree(work.running), intended)
            if bridge.held or bridge.tree.to_text() != intended.to_text():
                return True
        return False

    def _wave_pushes(self, phase: Phase, ctx: RunContext) -> dict[str, tuple[str, ...]]:
        """The lines of each still pending host in ``phase``; sets which pushes are last."""
        assert self.phased is not None
        pushes = {p.host: p.lines for p in phase.pushes
                  if self.states[p.host].status == "pending"}
        ctx.lines = dict(pushes)
        ctx.last = {h for h in pushes if self.phased.last_push(h) is phase.push_of(h)}
        return pushes

    def _expect(self, phase: Phase, pushed: list[str], ctx: RunContext
                ) -> dict[str, HostExpectation]:
        """The gate's expectation of each pushed host on the fleet as it stands with them."""
        from flexorch.rollout.gate import expectations

        assert self.phased is not None
        after = self.phased.texts[phase.index]
        configs = {**self._outside, **ctx.running, **{n: after[n] for n in pushed}}
        unknown = [n for n in self.states if n not in ctx.running] + list(self.outside_unknown)
        return expectations(self.fleet, pushed, self._models.of(configs), unknown,
                            self._final(ctx))

    def _predict_ahead(self, phase: Phase, batch: list[str], ctx: RunContext) -> None:
        """Before a gated push, what its gate needs that the push cannot change: the tunnels
        up once every host holds its intent (``_final``) and the batch's configs after the
        push read into the model. Not after the push, while the pushed hosts wait under their
        revert timer: on a 2,000-router site that is ~5 s of a hub's unconfirmed window."""
        assert self.phased is not None
        self._final(ctx)
        after = self.phased.texts[phase.index]
        self._models.of({n: after[n] for n in batch if n in after})

    def _final(self, ctx: RunContext) -> frozenset[tuple[str, str]]:
        """Tunnels up once every host holds its intent (what planned-down tunnels become)."""
        from flexorch.ios.config import show_running
        from flexorch.plan.remediate import apply_remediation
        from flexorch.rollout.gate import up_pairs

        if self._final_up is None:
            configs = {**self._outside, **ctx.running}
            for work in self.works:
                if work.running is not None and work.remediation and work.remediation.lines:
                    tree, _ = apply_remediation(work.running, work.remediation.lines)
                    configs[work.host] = show_running(tree)
            unknown = [n for n in self.states if n not in configs] + list(self.outside_unknown)
            self._final_up = up_pairs(self.fleet, list(configs), self._models.of(configs),
                                      unknown)
        return self._final_up

    def _tie_releases(self, phase: Phase, keep: dict[str, bool],
                      reasons: dict[str, str]) -> None:
        """A hub's keyring release and the spokes it was made for are kept together: one is
        undone, so are the others (a spoke back on its old key needs the hub's old block)."""
        for push in phase.pushes:
            group = [n for n in (push.host, *push.peers) if n in keep]
            if push.kind != "release" or all(keep[n] for n in group):
                continue
            failed = ", ".join(n for n in group if not keep[n])
            for name in group:
                if keep[name]:
                    keep[name] = False
                    reasons[name] = (f"undone with {failed}: the keyring change on {push.host} "
                                     "and the spokes it was made for go together")

    def _cleanup_blocked(self, host: str) -> list[str]:
        """The peers of ``host`` in this run that did not reach their intent (its cleanup
        would cut them off)."""
        from flexorch.predict import peer_names

        return [p for p in peer_names(self.fleet, [host])
                if p != host and p in self.states and self.states[p].status not in DONE]

    def _prepare(self) -> tuple[RunContext, set[str]]:
        """The run's context and the hosts to change: re-read (after a prompt), every host
        read when a bridge needs it, the change phased."""
        ctx = self._ctx = self._context()
        changed = self._changed()
        replan = self.phased is None
        if self.options.recheck_running and changed:
            for name, why in self.recheck().items():
                self._finish(self.states[name], "skipped", "plan", why)
                changed.discard(name)
                replan = True
        if self._background is not None and self._needs_every_host():
            self._join()  # a bridge's first push depends on every peer: read them first
            self._assign_pending = False
            replan = True
        if replan:
            self._plan_phases()
        return ctx, changed

    def _run_wave(self, stage: Stage, wave: Phase, batch: list[str], ctx: RunContext,
                  hosts: list[str], kept: dict[str, str]) -> bool:
        """Push, verify and confirm (or undo) one wave; True when the stage's failures now
        exceed its threshold."""
        keep, reasons = self._push_and_verify(stage, wave, batch, ctx)
        over = self._over_threshold(stage, hosts, keep)
        self._decide(stage, keep, reasons, over)
        self._tie_releases(wave, keep, reasons)
        for name in batch:
            if keep.get(name):
                kept.setdefault(name, self.states[name].flash_backup or "")
        self._finish_batch(wave, batch, keep, reasons, ctx)
        return over

    def _run_cleanup(self, ctx: RunContext) -> None:
        """The last phase: hubs drop the old alternatives their bridge kept, once every peer of
        theirs in this run holds its intent (else the hub keeps its bridge: ``partial``)."""
        wave = self.phased.cleanup if self.phased is not None else None
        if wave is None:
            return
        for push in wave.pushes:
            blocked = self._cleanup_blocked(push.host)
            if blocked and self.states[push.host].status == "pending":
                self._finish(self.states[push.host], "partial", "cleanup", (
                    f"bridge config kept (old and new side by side): {', '.join(blocked)} "
                    "did not reach the intent; run rollout again once they can"))
        pushes = self._wave_pushes(wave, ctx)
        if not pushes:
            return
        # the gate of the stage the hubs ran in (the last stage's if unknown)
        stage = next((s for s in self.playbook.stages
                      if s.name == self.states[next(iter(pushes))].stage),
                     self.playbook.stages[-1])
        report = StageReport("cleanup", list(pushes), batches=1)
        self.report.stages.append(report)
        self.reporter.stage("cleanup", len(self.playbook.stages) + 1,
                            len(self.playbook.stages) + 1, len(pushes))
        keep, reasons = self._push_and_verify(stage, wave, list(pushes), ctx)
        self._decide(stage, keep, reasons, False)
        self._finish_batch(wave, list(pushes), keep, reasons, ctx)
        report.failed = sum(self.states[n].status in PROBLEMS for n in pushes)
        report.status = "interrupted" if self.stop.is_set() else (
            "failed" if report.failed else "ok")

    def _settle(self) -> None:
        """Hosts left waiting for a later phase when the run ended: they keep what was
        confirmed (``partial``), or were not touched (``skipped``)."""
        why = "interrupted" if self.stop.is_set() else "the rollout stopped"
        for state in self.states.values():
            if state.status != "pending":
                continue
            if state.pushes:
                self._finish(state, "partial", state.step, (
                    f"{why} before its last phase; it keeps its confirmed phase(s) (a bridge "
                    "config: old and new side by side); run rollout again to finish"))
            else:
                self._finish(state, "skipped", "plan", f"{why} before its phase; nothing was "
                             "changed")

    # --- defined by the runner ----------------------------------------------------------------
    def _context(self) -> RunContext:
        raise NotImplementedError

    def _changed(self) -> set[str]:
        raise NotImplementedError

    def recheck(self) -> dict[str, str]:
        raise NotImplementedError

    def _join(self) -> bool:
        raise NotImplementedError

    def _finish(self, state: HostState, status: str, step: str, message: str) -> None:
        raise NotImplementedError

    def _push_and_verify(self, stage: Stage, wave: Phase, batch: list[str],
                         ctx: RunContext) -> tuple[dict[str, bool], dict[str, str]]:
        raise NotImplementedError

    def _over_threshold(self, stage: Stage, hosts: list[str], keep: dict[str, bool]) -> bool:
        raise NotImplementedError

    def _decide(self, stage: Stage, keep: dict[str, bool], reasons: dict[str, str],
                over: bool) -> None:
        raise NotImplementedError

    def _finish_batch(self, wave: Phase, batch: list[str], keep: dict[str, bool],
                      reasons: dict[str, str], ctx: RunContext) -> None:
        raise NotImplementedError
