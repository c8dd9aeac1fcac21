"""What happens to one host in a rollout, as Nornir task functions run by the stage runner.

``push_host``: backup (local file + flash copy), ``archive`` ensured, change pushed under the
revert timer. A failure after the timer started is undone at once (``recover``).
``finish_host``: after the gate, keep the change (confirm + save) or undo it.
``restore_host``: undo a change already confirmed and saved (stage reverted as a whole).
``recover``: ``configure revert now``; when that is impossible, ``configure replace`` from the
flash backup; when the router cannot be reached at all, its revert timer will roll it back.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from flexorch.errors import DeviceError, DeviceRefused, PushRefused
from flexorch.files import safe_component, write_file
from flexorch.rollout.model import HostState
from flexorch.rollout.progress import NullReporter, Reporter
from flexorch.secrets import mask

if TYPE_CHECKING:
    from nornir.core.task import Result, Task

    from flexorch.parse.records import ParseResult

log = logging.getLogger("flexorch.rollout")

# Pauses before each rollback attempt (the first on the open session; then new sessions, in
# case the router drops sessions or is reloading).
RETRY_PAUSES = (0.0, 1.0, 3.0)


class Interrupted(Exception):
    """The run was asked to stop (Ctrl-C) before this host changed anything."""


@dataclass
class RunContext:
    """What every host task of one run shares."""

    tag: str  # run tag: backup folder and flash file names
    backup_dir: Path
    confirm_minutes: int
    timeout: float
    states: dict[str, HostState]
    # Per host: the running config read at the start, then as each confirmed push left it
    # (predicted by the IOS engine): what a push is compared with and undone to.
    running: dict[str, str]
    reporter: Reporter = field(default_factory=NullReporter)
    stop: threading.Event = field(default_factory=threading.Event)
    abort: threading.Event = field(default_factory=threading.Event)  # stop waiting (2nd Ctrl-C)
    minute_seconds: float = 60.0  # how long one revert-timer minute lasts (lab: scaled)
    file_push_above: int | None = None  # push more lines than this as a file (None: never)
    touched: Callable[[HostState], None] = lambda state: None  # recorded in the history
    # The wave being run: host -> the lines of its push now, and the hosts for which this
    # push is the last (confirming it finishes the host; otherwise more phases follow).
    lines: dict[str, tuple[str, ...]] = field(default_factory=dict)
    last: set[str] = field(default_factory=set)
    # The wave's gate reads: each host's SAs right after its push, on the same session (the
    # gate takes them as its first read of a host whose peers are not in the wave).
    read_after_push: bool = False
    sas: dict[str, ParseResult] = field(default_factory=dict)

    def step(self, state: HostState, step: str) -> None:
        state.update(step=step)
        self.reporter.step(state, step)


def write_backup(folder: Path, host: str, text: str) -> Path:
    """Save a running config to ``folder/<host>.cfg`` (the run's own 0700 folder, file 0600,
    never overwriting: FileExistsError). It holds the router's keys as the router shows them:
    never printed, never stored elsewhere."""
    path = folder / f"{safe_component(host, 'host')}.cfg"
    return write_file(path, text, private=True, replace=False)


def ensure_session(task: Task) -> None:
    """Make sure the host's session is usable (re-open it if the router closed it)."""
    from flexorch.tasks.device import alive, reopen

    if task.host.connections.get("netmiko") is not None and not alive(task):
        reopen(task)


def push_host(task: Task, ctx: RunContext) -> Result:
    """Check that no unconfirmed change is pending (another's change is never pushed onto:
    the host is ``refused``), then backup, archive, push this wave's lines (``ctx.lines``)
    under the revert timer. The first push of a run backs up the running config locally and
    to flash; a later push (a hub's release or cleanup) backs up to its own flash file, so
    undoing it goes back to what the earlier pushes left. A failure before the timer started
    leaves the host ``failed`` (nothing changed) on its first push, ``partial`` on a later one
    (its earlier phases stay); after it, ``push_error`` says why and the runner has the change
    undone in the finish phase. The host is recorded in the history when it is first touched
    and once its change is on."""
    from nornir.core.task import Result

    from flexorch.tasks.device import read_pending_change
    from flexorch.tasks.filepush import ensure_scp_server
    from flexorch.tasks.push import ensure_archive

    state = ctx.states[task.host.name]
    running = ctx.running[task.host.name]
    lines = ctx.lines[state.host]
    if ctx.stop.is_set():
        raise Interrupted
    try:
        ensure_session(task)
        ctx.step(state, "backup")
        pending = read_pending_change(task, ctx.timeout).result
        if pending is not None:
            state.update(status="refused", message=mask(pending.refusal(state.host)))
            return Result(host=task.host, result=state.status)
        ctx.touched(state)
        _backup(task, ctx, state, running)
        ctx.step(state, "archive")
        ensure_archive(task, running, ctx.timeout)
        as_file = ctx.file_push_above is not None and len(lines) > ctx.file_push_above
        if as_file:
            ensure_scp_server(task, running, ctx.timeout)
        if ctx.stop.is_set():
            raise Interrupted
        _push_under_timer(task, ctx, state, as_file)
    except DeviceError as exc:
        _push_failed(state, exc)
        return Result(host=task.host, result=state.status)
    if ctx.read_after_push:
        _read_after_push(task, ctx)
    return Result(host=task.host, result="pushed", changed=True)


def _read_after_push(task: Task, ctx: RunContext) -> None:
    """The host's SAs right after its push (``ctx.sas``); a failed read is left to the gate."""
    from flexorch.tasks.gate import read_sa

    try:
        ctx.sas[task.host.name] = read_sa(task, ctx.timeout).result
    except DeviceError as exc:
        log.info("%s: SAs not read after the push: %s", task.host.name, exc.reason)


def _backup(task: Task, ctx: RunContext, state: HostState, running: str) -> None:
    """The first push of a run backs up the running config locally and to flash; a later push
    (a hub's release or cleanup) to its own flash file, so undoing it goes back to what the
    earlier pushes left."""
    from flexorch.tasks.backup import backup_to_flash, flash_backup_name

    first = state.backup_path is None
    if first:
        state.update(backup_path=str(write_backup(ctx.backup_dir, state.host, running)))
    flash = flash_backup_name(ctx.tag if first else f"{ctx.tag}-{state.pushes + 1}")
    backup_to_flash(task, flash, ctx.timeout)
    state.update(flash_backup=flash, pushes=state.pushes + 1)


def _push_failed(state: HostState, exc: DeviceError) -> None:
    """Record why a push failed: after the timer started, ``push_error`` (undone in the batch's
    finish phase, so a router that stopped answering does not hold up the others whose revert
    timers are running); before it, ``failed`` on a first push, ``partial`` on a later one."""
    if isinstance(exc, PushRefused):
        state.update(sent=state.sent + max(exc.index, 0))
    if state.pushed:
        state.update(push_error=f"{exc.step} failed: {exc.reason}")
    elif state.pushes > 1:
        state.update(status="partial", message=mask(
            f"{exc.step} failed: {exc.reason}; the router keeps its earlier phase(s)"))
    else:
        state.update(status="failed", message=mask(
            f"{exc.step} failed: {exc.reason}; nothing was changed"))


def _push_under_timer(task: Task, ctx: RunContext, state: HostState, as_file: bool) -> None:
    """The push step: the revert timer armed and this wave's lines sent, one by one or as a
    file; either way the reporter hears how many lines are on their way (for a file: how many
    of its lines the transfer has carried, then the ``copy`` step while IOS merges them)."""
    from flexorch.tasks.filepush import push_file_name, push_file_under_timer
    from flexorch.tasks.push import push_under_timer

    lines = list(ctx.lines[state.host])
    ctx.step(state, "push")
    # Recorded before the timer command is sent: if the process dies from here on, the
    # history says a change may be on the router and when IOS rolls it back at the latest.
    state.update(revert_by=time.time() + ctx.confirm_minutes * ctx.minute_seconds)
    ctx.touched(state)

    def armed() -> None:
        state.update(pushed=True, revert_by=time.time() + ctx.confirm_minutes
                     * ctx.minute_seconds)
        ctx.touched(state)

    before = state.sent

    def sent(n: int) -> None:
        ctx.reporter.sent(state, before + n)

    if as_file:
        push_file_under_timer(task, lines, ctx.confirm_minutes, push_file_name(ctx.tag),
                              ctx.timeout, armed, sent=sent,
                              copying=lambda: ctx.step(state, "copy"))
    else:
        push_under_timer(task, lines, ctx.confirm_minutes, ctx.timeout, armed, sent=sent)
    state.update(sent=before + len(lines))


def finish_host(task: Task, ctx: RunContext, keep: dict[str, bool],
                reasons: dict[str, str]) -> Result:
    """Confirm and save a verified change, or undo it (with ``reasons[host]`` as the cause)."""
    from nornir.core.task import Result

    from flexorch.tasks.revert import confirm_and_save

    state = ctx.states[task.host.name]
    if not keep.get(state.host, False):
        recover(task, ctx, state, reasons.get(state.host, "not confirmed"))
        return Result(host=task.host, result=state.status)
    ctx.step(state, "confirm")
    try:
        ensure_session(task)
        confirm_and_save(task, ctx.timeout)
    except DeviceError as exc:
        if "no change pending" in exc.reason:
            _undone(state, "the revert timer expired before the change was confirmed; the "
                    "router rolled back to its previous config (raise confirm_timeout)")
        else:
            recover(task, ctx, state, f"confirm failed: {exc.reason}")
        return Result(host=task.host, result=state.status)
    if state.host in ctx.last:
        state.update(status="confirmed", pushed=False, step="done", message="",
                     after_sha256=config_left(task, ctx))
    else:  # more phases follow: the host stays pending with this push kept
        state.update(pushed=False, step="phase-done", message="")
    return Result(host=task.host, result=state.status, changed=True)


def _undone(state: HostState, message: str) -> None:
    """A push was rolled back: ``reverted`` on the host's first push, ``partial`` when earlier
    phases stay confirmed."""
    status = "partial" if state.pushes > 1 else "reverted"
    state.update(status=status, pushed=False, message=mask(message))


def config_left(task: Task, ctx: RunContext) -> str | None:
    """The hash of the running config a confirmed change left (what ``flexorch rollback``
    checks the router still holds); None when it cannot be read now."""
    from flexorch.plan.configs import running_hash
    from flexorch.tasks.revert import running_config

    try:
        return running_hash(running_config(task, ctx.timeout))
    except DeviceError as exc:
        log.info("%s: the config left was not read: %s", task.host.name, exc.reason)
        return None


def extend_timer(task: Task, ctx: RunContext) -> Result:
    """``configure revert timer <minutes>``: restart a pending change's timer (the gate of a
    batch took long enough to put it at risk)."""
    from nornir.core.task import Result

    from flexorch.tasks.revert import restart_timer

    state = ctx.states[task.host.name]
    try:
        ensure_session(task)
        restart_timer(task, ctx.confirm_minutes, ctx.timeout)
    except DeviceError as exc:
        log.info("%s: revert timer not restarted: %s", state.host, exc.reason)
        return Result(host=task.host, result=False)
    state.update(revert_by=time.time() + ctx.confirm_minutes * ctx.minute_seconds)
    return Result(host=task.host, result=True)


def restore_host(task: Task, ctx: RunContext, reason: str,
                 backups: Mapping[str, str] | None = None) -> Result:
    """Undo confirmed and saved changes: ``configure replace`` from a flash backup (``backups``
    [host]: the one taken before the host's first push of the failed stage; default: before
    its last push), then ``write memory``. A host that keeps phases of earlier stages (a hub's
    bridge) is ``partial``, else ``reverted``."""
    from nornir.core.task import Result

    from flexorch.tasks.backup import flash_backup_name
    from flexorch.tasks.revert import replace_from_flash

    state = ctx.states[task.host.name]
    backup = (backups or {}).get(state.host) or state.flash_backup or ""
    ctx.step(state, "restore")
    try:
        ensure_session(task)
        replace_from_flash(task, backup, True, ctx.timeout)
    except DeviceError as exc:
        state.update(status="failed", step="restore", message=mask(
            f"{reason}; configure replace flash:{backup} failed: {exc.reason}; the router "
            "keeps the confirmed change"))
        return Result(host=task.host, result=state.status)
    earlier = backup != flash_backup_name(ctx.tag)
    state.update(status="partial" if earlier else "reverted", step="restore",
                 message=f"{reason}; restored from flash:{backup} and saved"
                 + ("; the phases of earlier stages stay" if earlier else ""))
    return Result(host=task.host, result=state.status, changed=True)


def recover(task: Task, ctx: RunContext, state: HostState, reason: str) -> None:
    """Undo an unconfirmed change and set the host's final state.

    1. ``configure revert now`` on the session (re-opened once if it broke);
    2. when nothing is pending any more (the timer fired, or a reload lost it) the running
       config is checked against the backup, and ``configure replace`` restores it if needed;
    3. when the router cannot be reached, its revert timer will roll it back: ``reverting``.
    """
    from flexorch.tasks.device import reopen
    from flexorch.tasks.revert import replace_from_flash, revert_now, running_config

    ctx.step(state, "revert")
    how = ""
    last: DeviceError = DeviceError(state.host, "revert", "not attempted")
    for attempt, pause in enumerate(RETRY_PAUSES):
        if ctx.abort.is_set():
            return  # the run stopped waiting (and reported the host): its timer rolls it back
        try:
            if attempt:
                # The session broke (dropped, reload, hang): a new one, after a pause in case
                # the router is booting.
                reopen(task)
                time.sleep(pause)
            ensure_session(task)
            try:
                revert_now(task, ctx.timeout)
                how = "configure revert now"
            except DeviceError as exc:
                if exc.reason != "no change pending":
                    raise
                how = "nothing pending (the revert timer or a reload had rolled it back)"
            now = running_config(task, ctx.timeout)
            if not _same(now, ctx.running[state.host]):
                ctx.step(state, "restore")
                replace_from_flash(task, state.flash_backup or "", False, ctx.timeout)
                how += f"; configure replace flash:{state.flash_backup}"
            _undone(state, f"{reason}; rolled back ({how})")
            return
        except DeviceError as exc:
            last = exc
            log.info("%s: rollback attempt %d failed: %s", state.host, attempt + 1, exc.reason)
    if isinstance(last, DeviceRefused):
        state.update(status="failed", message=mask(
            f"{reason}; rollback failed: {last.reason}; check the router against its backup "
            f"{state.backup_path}"))
        return
    when = time.strftime("%H:%M:%S", time.localtime(state.revert_by or time.time()))
    state.update(status="reverting", message=mask(
        f"{reason}; router not answering ({last.reason}): its revert timer rolls the unconfirmed "
        f"change back (at {when})"))


def _same(now: str, before: str) -> bool:
    """True when two running configs hold the same settings: display noise ignored, and the
    ``archive`` section and ``ip scp server enable`` too (flexorch may have added them for the
    revert timer and a file push; they stay)."""
    from flexorch.ios.config import ConfigTree
    from flexorch.plan.configs import canonical_tree, running_hash
    from flexorch.tasks.filepush import SCP_SERVER_LINE

    if running_hash(now) == running_hash(before):
        return True

    def settings(text: str) -> str:
        tree = canonical_tree(text)
        kept = [n for n in tree.roots if n.text not in ("archive", SCP_SERVER_LINE)]
        return ConfigTree(kept).to_text()

    return settings(now) == settings(before)


def read_sa_task(task: Task, ctx: RunContext) -> Result:
    """The gate's read of one host's SAs (``result``: ParseResult)."""
    from flexorch.tasks.gate import read_sa

    state = ctx.states[task.host.name]
    ctx.step(state, "verify")
    ensure_session(task)
    result: Result = read_sa(task, ctx.timeout)
    return result
