"""What a worker does with a rollout's batch (``rollout --executor celery``): the writing steps
of ``flexorch.rollout.phases`` on its own sessions, for the hosts the coordinator sends.

No secret travels through the broker: the coordinator sends each host's running-config hash
and the wave's lines *masked*; the worker reads the router again and pushes only when the router
holds the config the push was planned for, with its own lines (the whole change it plans with
its own secrets) or the masked ones filled in from its own plan and intended config (else the
host is skipped, nothing pushed: the router changed since, or the worker's inventory differs).
The pre-change running config stays in the worker's backup file (its state dir, 0600), which
the later steps of the same hosts read: the coordinator sends them to the worker that pushed
(its direct queue).

A host whose change runs in phases (make-before-break: a hub's bridge, release, cleanup) gets
one push message per phase, each with that phase's lines masked. The first goes to any worker
and must find the running config the coordinator planned from; each later one goes to the
worker that pushed the earlier phases and must find the running config the last confirmed
phase left there (``phase_sha256``, read by that worker right after the confirm). A masked
line is filled with the key of the worker's own plan or intended config under the same parent
lines (``flexorch.plan.document.unmasked_lines``); a line it cannot fill, or a router that
changed, is pushed nothing: ``skipped`` on the first phase, ``partial`` on a later one (the
earlier phases stay).

A push message is acknowledged when its worker starts it and never delivered again: a push
whose worker died is resolved by the coordinator (``flexorch.distributed.cluster.phases``).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flexorch.errors import FlexorchError
from flexorch.rollout.hostflow import RunContext
from flexorch.rollout.model import HostState
from flexorch.rollout.phases import LocalPhases
from flexorch.secrets import mask

if TYPE_CHECKING:
    from nornir.core import Nornir
    from nornir.core.task import Result, Task

    from flexorch.intent.fleet import Fleet
    from flexorch.plan.workflow import HostWork

log = logging.getLogger("flexorch.worker")
# What a worker sends back of a host's state (never ``lines``: the coordinator holds them).
STATE_FIELDS = ("status", "step", "message", "sent", "pushes", "backup_path", "flash_backup",
                "pushed", "push_error", "revert_by", "after_sha256", "phase_sha256")
CHANGED = ("its running config changed between the coordinator's read and the worker's, or "
           "the worker's inventory differs; nothing was pushed (run again)")
UNFILLED = ("a line of this push holds a key the worker cannot tell from its own plan and "
            "intended config (its inventory differs?); nothing was pushed")
EARLIER = "; the router keeps its earlier phase(s)"
UNREAD_LEFT = ("the config its earlier phase left could not be read after the confirm, so this "
               "phase cannot be checked against it; nothing was pushed (run again)")


def not_pushed(state: HostState, first: str, message: str, **changes: Any) -> None:
    """``state`` after a push that changed nothing: ``first`` on the host's first push,
    ``partial`` on a later phase (its earlier phases stay, ``EARLIER`` says so)."""
    later = state.pushes > 0
    state.update(status="partial" if later else first,
                 message=message + (EARLIER if later else ""), **changes)


def state_to_wire(state: HostState) -> dict[str, Any]:
    """A host's state as a worker returns it (messages masked: the worker knows the secrets)."""
    data = {key: getattr(state, key) for key in STATE_FIELDS}
    data["message"] = mask(state.message)
    data["push_error"] = None if state.push_error is None else mask(state.push_error)
    return {"host": state.host, **data}


def state_from_wire(state: HostState, data: dict[str, Any]) -> None:
    """Apply what a worker returned to the coordinator's state of that host (a field a worker
    of an earlier release does not send keeps its value)."""
    state.update(**{key: data[key] for key in STATE_FIELDS if key in data})


def _node() -> str:
    from celery import current_task

    return str(current_task.request.hostname) if current_task else "?"


def _once() -> None:
    """Run this message at most once: Redis hands a message that waited in a busy worker's
    prefetch longer than the visibility timeout to a second worker too; the second start is
    dropped (Celery's ``Ignore``: no result written over the first one's)."""
    from celery import current_task
    from celery.exceptions import Ignore

    request = current_task.request
    client = current_task.app.backend.client
    if not client.set(f"flexorch:started:{request.id}", str(request.hostname), nx=True,
                      ex=7 * 24 * 3600):
        log.warning("push message %s was delivered again: not run twice", request.id)
        raise Ignore


def _sessions(fleet: Fleet, names: Sequence[str], timeout: float) -> Nornir:
    from flexorch.intent import make_nornir
    from flexorch.tasks.device import session_defaults

    nr = make_nornir(fleet, list(names), workers=max(1, len(names)))
    session_defaults(nr, timeout)
    return nr


def _filter(nr: Nornir) -> Any:
    def nr_for(names: Sequence[str]) -> Nornir:
        wanted = set(names)
        return nr.filter(filter_func=lambda h: h.name in wanted)
    return nr_for


def _recorder(run_id: int | None) -> Any:
    """``RunContext.touched`` on a worker: the host's in-progress record in the run's history
    (as the coordinator would write it), so a dead worker's change is named there."""
    from flexorch.errors import StorageError
    from flexorch.history import open_store
    from flexorch.rollout.api import host_record

    def touched(state: HostState) -> None:
        if run_id is None:
            return
        try:
            with open_store() as store:
                store.record_hosts(run_id, [host_record(state, in_progress=True)])
        except StorageError as exc:
            log.warning("%s: in-progress record not written: %s", state.host, exc)
    return touched


def _checked(sent: dict[str, Any], work: HostWork, fleet: Fleet) -> HostState:
    """The worker's state of a host: this push's lines with the worker's own keys, when the
    router holds the config the push was planned for (see the module docstring). A later
    phase starts from the coordinator's state of the host (its backups, pushes so far)."""
    from flexorch.plan.document import masked_lines, unmasked_lines
    from flexorch.render import render_full

    state = HostState(work.host, work.role, stage=sent.get("stage"))
    if sent.get("state") is not None:
        state_from_wire(state, sent["state"])
        state.update(status="pending", step="plan", message="")
    later = state.pushes > 0
    if not work.reachable:
        not_pushed(state, "failed", f"{work.error}; nothing was changed")
    elif work.pending is not None:
        state.update(status="refused", step="plan", message=work.pending.refusal(work.host))
    elif later and sent["running_sha256"] is None:
        not_pushed(state, "skipped", UNREAD_LEFT, step="plan")
    elif work.running_sha256 != sent["running_sha256"]:
        not_pushed(state, "skipped", CHANGED, step="plan")
    elif not later and list(masked_lines(work.lines)) == list(sent["lines"]):
        state.update(lines=work.lines)  # the whole change: the worker's own lines
    else:
        lines = unmasked_lines(sent["lines"], (
            work.lines, render_full(fleet, work.host, reveal=True).splitlines()))
        if lines is None:
            not_pushed(state, "skipped", UNFILLED, step="plan")
        else:
            state.update(lines=lines)
    return state


def run_push(inventory: str, digest: str, site: str, run_id: int | None, tag: str,
             hosts: list[dict[str, Any]], options: dict[str, Any]) -> dict[str, Any]:
    """The Celery task of a batch's push on one worker: ``{"node": ..., "hosts": [state...]}``
    or ``{"error": ...}``. ``options``: ``timeout``, ``confirm_minutes``, ``minute_seconds``."""
    from flexorch.distributed.cluster.jobs import load_inventory
    from flexorch.files import new_private_dir
    from flexorch.paths import state_subdir
    from flexorch.plan.workflow import collect_and_plan

    _once()
    try:
        fleet = load_inventory(inventory, digest)
        names = [h["host"] for h in hosts]
        nr = _sessions(fleet, names, options["timeout"])
    except FlexorchError as exc:
        return {"error": str(exc), "exit_code": exc.exit_code}
    try:
        works = collect_and_plan(nr, fleet, options["timeout"], outcomes=False)
        sent = {h["host"]: h for h in hosts}
        states = {w.host: _checked(sent[w.host], w, fleet) for w in works}
        ctx = RunContext(tag=tag, backup_dir=new_private_dir(state_subdir("backups", site), tag),
                         confirm_minutes=options["confirm_minutes"], timeout=options["timeout"],
                         states=states, running={w.host: w.running for w in works if w.running},
                         minute_seconds=options["minute_seconds"], touched=_recorder(run_id),
                         lines={n: s.lines for n, s in states.items()})
        todo = [n for n in names if states[n].status == "pending"]
        if todo:
            LocalPhases(_filter(nr)).push(todo, ctx)
    except FlexorchError as exc:
        return {"error": str(exc), "exit_code": exc.exit_code}
    finally:
        nr.close_connections(on_failed=True)
    log.info("push of %d hosts done", len(names))
    return {"node": _node(), "hosts": [state_to_wire(states[n]) for n in names]}


def _phase_left(nr_for: Any, ctx: RunContext, names: Sequence[str]) -> None:
    """``phase_sha256`` of each host confirmed with more phases to come: the running config
    its next phase must find (None when it cannot be read now: that phase is not pushed)."""
    if not names:
        return
    results = nr_for(names).run(task=_read_left, ctx=ctx, on_failed=True)
    for name in names:
        result = results[name]
        ctx.states[name].update(phase_sha256=None if result.failed else result[0].result)


def _read_left(task: Task, ctx: RunContext) -> Result:
    from nornir.core.task import Result

    from flexorch.rollout.hostflow import config_left

    return Result(host=task.host, result=config_left(task, ctx))


def _backup(site: str, path: str | None) -> str | None:
    """The pre-change running config this worker saved at ``path`` (only a file under its own
    backup folder of ``site`` is read)."""
    from flexorch.paths import state_subdir

    if not path:
        return None
    root = state_subdir("backups", site).resolve()
    found = Path(path).resolve()
    if not found.is_relative_to(root) or not found.is_file():
        return None
    return found.read_text(encoding="utf-8")


def run_after(inventory: str, digest: str, site: str, phase: str, hosts: list[dict[str, Any]],
              decision: dict[str, Any], options: dict[str, Any]) -> dict[str, Any]:
    """The Celery task of a later step on the worker that pushed (``phase``: ``finish``,
    ``extend`` or ``restore``; ``decision``: ``keep``, ``reasons``, ``reason``)."""
    from flexorch.distributed.cluster.jobs import load_inventory

    _once()
    try:
        fleet = load_inventory(inventory, digest)
        names = [h["host"] for h in hosts]
        nr = _sessions(fleet, names, options["timeout"])
    except FlexorchError as exc:
        return {"error": str(exc), "exit_code": exc.exit_code}
    states = {}
    for data in hosts:
        states[data["host"]] = HostState(data["host"], fleet.hosts[data["host"]].role)
        state_from_wire(states[data["host"]], data)
    running = {n: text for n, s in states.items()
               if (text := _backup(site, s.backup_path)) is not None}
    # The hosts whose push now is their last (confirming it finishes them); the others have
    # more phases to come (a coordinator of an older release sends no ``last``: one push each).
    ctx = RunContext(tag=options["tag"], backup_dir=Path(), states=states, running=running,
                     confirm_minutes=options["confirm_minutes"], timeout=options["timeout"],
                     minute_seconds=options["minute_seconds"],
                     last=set(decision.get("last", names)))
    phases = LocalPhases(_filter(nr))
    try:
        if phase == "finish":
            phases.finish(names, ctx, decision["keep"], decision["reasons"])
            _phase_left(_filter(nr), ctx, [n for n in names if states[n].step == "phase-done"])
        elif phase == "extend":
            phases.extend(names, ctx)
        else:
            phases.restore(names, ctx, decision["reason"], decision.get("backups", {}))
    finally:
        nr.close_connections(on_failed=True)
    return {"node": _node(), "hosts": [state_to_wire(states[n]) for n in names]}
