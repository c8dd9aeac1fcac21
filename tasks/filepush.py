"""Push a large change as a file, as operators do on real hubs: the lines are copied to the
router's flash over SCP (on the run's own SSH connection), then merged with ``copy
flash:FILE running-config`` under the same revert timer as a line-by-line push.

Order, so that a failed transfer leaves nothing applied:

1. ``ip scp server enable`` ensured (a plain config session before any timer, like ``archive``;
   it stays: every later file push needs it);
2. the file is transferred and checked with ``dir flash:FILE``; a failure here changes nothing
   (the file, perhaps truncated, is deleted);
3. ``configure terminal revert timer N`` + ``end`` arms the timer: IOS rolls back to the
   configuration archived at that moment, so everything the copy merges is undone unless
   confirmed (Cisco, "Configuration Replace and Configuration Rollback", IOS XE 17
   Configuration Management Guide: Rollback Confirmed Change);
4. ``copy flash:FILE running-config``: IOS merges the file line by line and prints a ``% ...``
   line for each line it refuses, then ``N bytes copied in S secs (R bytes/sec)`` (a real
   capture: jlamsens/opensysadmins docs/howtos/password-recovery-cisco2960/index.md at
   fd8676d0, ``copy flash:config.text.bak run`` / ``Destination filename [running-config]?`` /
   ``1767 bytes copied in 5.545 secs (319 bytes/sec)``). Any ``%`` line is a refusal
   (PushRefused): the change is then undone by the caller like a refused line;
5. ``delete flash:FILE`` (the same capture: ``Delete filename [config.text.bak]?`` /
   ``Delete flash:/config.text.bak? [confirm]``), whatever happened.
"""

from __future__ import annotations

import io
import logging
import time
from bisect import bisect_right
from collections.abc import Callable
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from flexorch.errors import DeviceError, DeviceRefused, PushRefused, SessionLost
from flexorch.ios.facts import REFUSED_LINE
from flexorch.secrets import mask
from flexorch.tasks.device import Device, alive, reopen
from flexorch.tasks.failures import CLOSED

if TYPE_CHECKING:
    from nornir.core.task import Result, Task

log = logging.getLogger("flexorch.push")

SCP_SERVER_LINE = "ip scp server enable"
FILE_PREFIX = "flexorch-push-"
# Lines above which a rollout pushes a change as a file (playbook ``file_push_above``).
DEFAULT_FILE_PUSH_ABOVE = 200
_COPIED = "bytes copied"
# Pauses before each attempt to delete a file left by a failed transfer (the router may be
# reloading: then a new session, after a pause).
CLEANUP_PAUSES = (0.0, 1.0, 3.0)


def push_file_name(tag: str) -> str:
    """The flash file name of a run's pushed change (its tag: one per run and router)."""
    return f"{FILE_PREFIX}{tag}.cfg"


def file_text(lines: list[str]) -> str:
    """The change as a config file: the lines as pushed line by line, then ``end``."""
    return "".join(f"{line}\n" for line in lines) + "end\n"


def has_scp_server(running: str) -> bool:
    """True when the running config has ``ip scp server enable``."""
    from flexorch.ios.config import ConfigTree

    return ConfigTree.from_text(running).get(SCP_SERVER_LINE) is not None


def ensure_scp_server(task: Task, running: str, timeout: float = 60.0) -> Result:
    """Configure ``ip scp server enable`` when the running config lacks it (before any revert
    timer; left in place afterwards)."""
    from nornir.core.task import Result

    if has_scp_server(running):
        return Result(host=task.host, result=False, changed=False)
    Device(task, timeout).configure([SCP_SERVER_LINE], "transfer")
    return Result(host=task.host, result=True, changed=True)


def upload(device: Device, filename: str, text: str,
           progress: Callable[[int], None] | None = None) -> None:
    """Copy ``text`` to ``flash:<filename>`` over SCP on the device's SSH connection (a new
    channel of the session's transport: the router's host key was verified when the session
    opened, and no new session is counted), then check the file is there (``dir``).
    ``progress`` is called with the bytes carried so far. Raises DeviceError (step
    ``transfer``)."""
    from scp import SCPClient

    channel: Any = device.conn.remote_conn

    def carried(_name: bytes, _size: int, sent: int) -> None:
        if progress is not None:
            progress(sent)

    try:
        transport = channel.get_transport()
        # IOS runs no shell: the path is passed as typed (scp's default quoting would not do)
        with SCPClient(transport, socket_timeout=device.timeout, progress=carried,
                       sanitize=lambda path: path) as client:
            client.putfo(io.BytesIO(text.encode()), f"flash:{filename}")
    except Exception as exc:
        if channel is None or not channel.get_transport().is_active():
            raise SessionLost(device.host, "transfer", CLOSED) from exc
        raise DeviceRefused(device.host, "transfer", mask(
            f"SCP to flash:{filename} failed: {str(exc).strip() or type(exc).__name__} "
            f"(is '{SCP_SERVER_LINE}' accepted, and AAA exec authorization given?)")) from exc
    out = device.command(f"dir flash:{filename}", "transfer")
    if "%" in out or filename not in out:
        raise DeviceRefused(device.host, "transfer",
                            f"flash:{filename} is not on the router after the transfer")


def lines_carried(lines: list[str]) -> Callable[[int], int]:
    """How many whole lines of ``file_text(lines)`` the first N bytes hold (``end`` not
    counted): the transfer's progress in the unit of a line-by-line push."""
    ends = list(accumulate(len(line.encode()) + 1 for line in lines))
    return lambda sent: bisect_right(ends, sent)


def merge(device: Device, filename: str) -> str:
    """``copy flash:<filename> running-config``; raises PushRefused (``index`` -1: IOS does not
    say which line) quoting every refusal, DeviceRefused when the copy did not run."""
    out = device.dialog(f"copy flash:{filename} running-config", "push", answers=1)
    if _COPIED not in out:  # the copy itself failed (%Error opening ...): no line was merged
        raise DeviceRefused(device.host, "push", mask(
            out.strip().splitlines()[-1] if out.strip() else f"copy flash:{filename} failed"))
    refusals = [m.group(0).strip() for m in REFUSED_LINE.finditer(out)]
    if refusals:
        more = f" (and {len(refusals) - 1} more)" if len(refusals) > 1 else ""
        raise PushRefused(device.host, "push", mask(
            f"IOS refused {len(refusals)} line(s) of flash:{filename}: {refusals[0]}{more}"), -1)
    return out


def delete_file(device: Device, filename: str) -> None:
    """``delete flash:<filename>`` (its questions answered with the defaults)."""
    device.dialog(f"delete flash:{filename}", "cleanup")


def remove_left_file(task: Task, filename: str, timeout: float) -> bool:
    """Delete a file a failed transfer may have left, on a new session when the old one broke
    (after a pause: the router may be reloading). True when it is gone."""
    for attempt, pause in enumerate(CLEANUP_PAUSES):
        try:
            if attempt or not alive(task):
                reopen(task)
                time.sleep(pause)
            delete_file(Device(task, timeout), filename)
            return True
        except DeviceError as exc:
            log.info("%s: flash:%s not deleted (attempt %d): %s", task.host.name, filename,
                     attempt + 1, exc.reason)
    return False


def push_file_under_timer(task: Task, lines: list[str], minutes: int, filename: str,
                          timeout: float = 60.0, armed: Callable[[], None] | None = None,
                          sent: Callable[[int], None] | None = None,
                          copying: Callable[[], None] | None = None) -> Result:
    """The file push (see the module doc). ``armed`` is called as soon as the revert timer
    runs; ``sent`` with the number of lines the transfer has carried so far; ``copying`` when
    IOS starts merging the file. A failed transfer raises DeviceError before the timer (nothing
    changed); a refusal by ``copy`` raises PushRefused after it (the caller undoes the change)."""
    from nornir.core.task import Result

    device = Device(task, timeout)
    count = lines_carried(lines)
    try:
        upload(device, filename, file_text(lines),
               None if sent is None else lambda carried: sent(count(carried)))
    except DeviceError as exc:
        gone = remove_left_file(task, filename, timeout)
        if not gone:
            raise type(exc)(exc.host, exc.step, f"{exc.reason}; flash:{filename} may remain "
                            "on the router (delete it)") from exc
        raise
    try:
        device.enter_config(f"configure terminal revert timer {minutes}", "push")
        if armed is not None:
            armed()
        device.end_config("push")
        if copying is not None:
            copying()
        merge(device, filename)
    finally:
        if not remove_left_file(task, filename, timeout):
            log.warning("%s: flash:%s could not be deleted", task.host.name, filename)
    return Result(host=task.host, result=len(lines), changed=True)
