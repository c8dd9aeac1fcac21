"""Reading and planning the routers of a rollout (mixed into ``flexorch.rollout.runner.Rollout``).

``collect``: every router read and planned before anything is pushed (the plan is shown,
confirmed, checked against a saved plan). ``collect_streaming``: unattended runs: the first
stage's routers now, the others in the background while the first stage is phased (every
router is read before the first push a gate verifies: the gate needs every config, and a pushed
router must not wait under its revert timer for the reading).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from flexorch.rollout.model import HostState, RolloutReport

if TYPE_CHECKING:
    from nornir.core import Nornir

    from flexorch.intent.fleet import Fleet
    from flexorch.plan.workflow import HostWork
    from flexorch.rollout.gate import Models
    from flexorch.rollout.hostflow import RunContext
    from flexorch.rollout.playbook import Playbook
    from flexorch.rollout.progress import Reporter
    from flexorch.rollout.workers import WorkerPool


class Collector:
    """The reading half of a rollout; ``Rollout.__init__`` sets every attribute."""

    fleet: Fleet
    site: str
    playbook: Playbook
    names: list[str]
    workers: int
    timeout: float
    works: list[HostWork]
    states: dict[str, HostState]
    report: RolloutReport
    started: float
    _nr: Nornir | None
    _workers: WorkerPool | None
    _models: Models
    reporter: Reporter
    _outside: dict[str, str]
    _ctx: RunContext | None
    _background: threading.Thread | None
    _rest: list[HostWork] | BaseException | None
    _assign_pending: bool
    outside_unknown: set[str]

    def collect(self, *, outcomes: bool = True) -> list[HostWork]:
        """Read the running configs, plan every host (with the predicted IKEv2 outcomes when
        ``outcomes``: they are only shown, never needed)."""
        self._open_sessions()
        self.works = self._read(self.names, outcomes=outcomes)
        self._add_works(self.works)
        return self.works

    def _read(self, names: Sequence[str], *, outcomes: bool = False,
              release: bool = True) -> list[HostWork]:
        """Read and plan ``names`` on the reading threads (``rollout.workers``: the stage's
        hosts go first), each host told to the reporter as it is planned. With ``release``
        their sessions are closed first when the pool needs room (most are pushed later, if
        ever)."""
        from flexorch.plan.workflow import collect_and_plan
        from flexorch.rollout.workers import READ_AHEAD
        from flexorch.tasks.sessions import pool_of

        assert self._nr is not None and self._workers is not None
        nr = self._nr_for(names).with_runner(self._workers.runner(READ_AHEAD))
        nr = nr.with_processors([*nr.processors, ReadProgress(self.reporter)])
        self.reporter.reading(len(names))
        works = collect_and_plan(nr, self.fleet, self.timeout, outcomes=outcomes)
        pool = pool_of(nr)
        if pool is not None and release:
            pool.release(list(names))
        return works

    def collect_streaming(self) -> None:
        """For runs that show no plan and ask nothing: read and plan the first stage's hosts
        now, every other host in the background (joined before the first push a gate verifies:
        its prediction needs every router's config). Falls back
        to ``collect`` when the first stage selects by ``limit`` or takes every host."""
        from flexorch.render import secret_paths

        first = self._first_stage_hosts()
        if first is None:
            self.collect(outcomes=False)
            return
        for name in self.names:  # an unresolvable secret is bad input before anything runs
            for path, ref in secret_paths(self.fleet.hosts[name]):
                self.fleet.resolve(ref, name, path)
        self._open_sessions()
        for name in self.names:
            self.states[name] = HostState(name, self.fleet.hosts[name].role)
        rest = [n for n in self.names if n not in first]

        def background() -> None:
            try:
                self._rest = self._read(rest)
                # read into the model now, in the background: the first gate needs them
                self._models.of({w.host: w.running for w in self._rest if w.running})
            except BaseException as exc:  # re-raised in the main thread by _join
                self._rest = exc

        works = self._read(first, release=False)  # pushed next, on these sessions
        self._background = threading.Thread(target=background, name="flexorch-collect",
                                            daemon=True)
        self._background.start()
        self.works = list(works)
        self._add_works(works)

    def read_outside(self) -> dict[str, str | None]:
        """A partial rollout: read the running config of every router the selection negotiates
        with outside it (never changed by this run); the gates then predict with those configs
        (a router that could not be read takes no part). Returns name -> text or None."""
        from flexorch.plan.workflow import read_outside

        outside = read_outside(self.fleet, self.names, self.timeout, self.workers)
        self._outside.update({n: text for n, text in outside.items() if text is not None})
        self.outside_unknown = {n for n, text in outside.items() if text is None}
        return outside

    def _open_sessions(self) -> Nornir:
        """The run's Nornir: sessions bounded by the run's timeout and in number (workers +
        ``tasks.sessions.READ_AHEAD`` open at once), on the run's shared daemon worker threads
        (``rollout.workers``: as many for the stage as the playbook's workers, the others
        reading ahead; a second Ctrl-C stops waiting for them)."""
        from flexorch.intent import make_nornir
        from flexorch.rollout.workers import FOREGROUND, READ_AHEAD, WorkerPool
        from flexorch.tasks.device import session_defaults
        from flexorch.tasks.sessions import READ_AHEAD as AHEAD

        size = self.workers + AHEAD
        self._workers = WorkerPool(size, {FOREGROUND: self.workers, READ_AHEAD: size})
        nr = make_nornir(self.fleet, self.names, workers=self.workers)
        self._nr = nr.with_runner(self._workers.runner(FOREGROUND))
        session_defaults(self._nr, self.timeout)
        return self._nr

    def _first_stage_hosts(self) -> list[str] | None:
        select = self.playbook.stages[0].select
        if select.limit is not None or select.rest:
            return None
        chosen = [n for n in self.names
                  if (select.role is None or self.fleet.hosts[n].role == select.role)
                  and (select.hosts is None or n in select.hosts)]
        return chosen if chosen and len(chosen) < len(self.names) else None

    def _join(self) -> bool:
        """Wait for the background read of the other hosts; True when it had to (their
        states, configs and predictions are then complete)."""
        if self._background is None:
            return False
        self._background.join()
        self._background = None
        rest = self._rest
        if isinstance(rest, BaseException):
            raise rest
        assert rest is not None
        self.works += rest
        self._add_works(rest)
        if self._ctx is not None:
            self._ctx.running.update({w.host: w.running for w in rest if w.running is not None})
        self._assign_pending = True
        return True

    def _add_works(self, works: Sequence[HostWork]) -> None:
        for work in works:
            state = self.states.get(work.host) or HostState(work.host, work.role)
            state.update(lines=work.lines)
            if not work.reachable:
                state.update(status="unreachable", step="connect",
                             message=f"{work.error}; nothing was changed")
            elif work.pending is not None:
                state.update(status="refused", step="plan",
                             message=work.pending.refusal(work.host))
            self.states[work.host] = state
        # The report lists every host known so far (it keeps its stages: it may be running).
        self.report.hosts = [self.states[n] for n in self.names if n in self.states]

    def recheck(self) -> dict[str, str]:
        """Hosts to leave alone because their running config changed since ``collect`` (or
        cannot be read again), with why. Sessions the router closed meanwhile (an operator
        took long to answer) are re-opened."""
        from flexorch.plan.configs import running_hash
        from flexorch.rollout.hostflow import ensure_session
        from flexorch.tasks.device import read_running
        from flexorch.tasks.failures import device_message

        assert self._nr is not None
        names = [w.host for w in self.works if w.reachable and w.lines]
        timeout = self.timeout

        def again(task: Any) -> Any:
            ensure_session(task)
            return read_running(task, timeout)

        results = self._nr_for(names).run(task=again, on_failed=True)
        out: dict[str, str] = {}
        for work in self.works:
            multi = results.get(work.host)
            if multi is None:
                continue
            if multi.failed:
                exc = multi[0].exception
                out[work.host] = ("could not be read again before pushing ("
                                  f"{device_message(exc) if exc else 'failed'}); nothing was "
                                  "pushed")
            elif running_hash(str(multi[0].result)) != work.running_sha256:
                out[work.host] = ("the running config changed since the plan was shown; "
                                  "nothing was pushed (plan again)")
        return out

    def _nr_for(self, names: Sequence[str]) -> Nornir:
        assert self._nr is not None
        wanted = set(names)
        return self._nr.filter(filter_func=lambda h: h.name in wanted)



class ReadProgress:
    """A Nornir Processor telling the reporter each host read and planned (the result of
    ``plan.workflow.collect_and_plan``'s task: a ``HostWork``, or the failure)."""

    def __init__(self, reporter: Reporter) -> None:
        self.reporter = reporter

    def task_instance_completed(self, task: Any, host: Any, result: Any) -> None:
        from flexorch.tasks.failures import device_message

        if result.failed:
            exc = result[0].exception
            self.reporter.read(host.name, 0, device_message(exc) if exc else "failed")
            return
        tell_read(self.reporter, result[0].result)

    def task_started(self, task: Any) -> None:
        return None

    def task_completed(self, task: Any, result: Any) -> None:
        return None

    def task_instance_started(self, task: Any, host: Any) -> None:
        return None

    def subtask_instance_started(self, task: Any, host: Any) -> None:
        return None

    def subtask_instance_completed(self, task: Any, host: Any, result: Any) -> None:
        return None


def tell_read(reporter: Reporter, work: HostWork) -> None:
    """Tell ``reporter`` one host read and planned: its lines, or why it cannot be changed."""
    error = work.error if not work.reachable else (
        "an unconfirmed change is pending" if work.pending is not None else None)
    reporter.read(work.host, len(work.lines), error)
