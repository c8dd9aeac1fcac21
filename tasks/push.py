"""Push a remediation under IOS's safety net: ``archive`` ensured, ``configure terminal revert
timer N``, the lines (IOS errors detected), ``end``. Nothing here confirms: an unconfirmed
change rolls back by itself when the timer expires."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from flexorch.ios.config import ConfigTree
from flexorch.tasks.device import Device

if TYPE_CHECKING:
    from nornir.core.task import Result, Task

# What flexorch configures when a router has no archive path (the revert timer needs one).
# It is left in place afterwards: every later rollout needs it too.
ARCHIVE_LINES = ("archive", " path flash:flexorch-archive", " maximum 14")


def has_archive_path(running: str) -> bool:
    """True when the running config has ``archive`` with a ``path``."""
    node = ConfigTree.from_text(running).get("archive")
    return node is not None and node.child("path") is not None


def ensure_archive(task: Task, running: str, timeout: float = 60.0) -> Result:
    """Configure ``archive`` + ``path`` when the running config lacks them (a plain config
    session, before any revert timer: the timer cannot start without an archive path)."""
    from nornir.core.task import Result

    if has_archive_path(running):
        return Result(host=task.host, result=False, changed=False)
    Device(task, timeout).configure(list(ARCHIVE_LINES), "archive")
    return Result(host=task.host, result=True, changed=True)


def push_under_timer(task: Task, lines: list[str], minutes: int, timeout: float = 60.0,
                     armed: Callable[[], None] | None = None,
                     sent: Callable[[int], None] | None = None) -> Result:
    """``configure terminal revert timer <minutes>``, the lines, ``end``. ``armed`` is called
    as soon as the timer runs (from then on the router holds an unconfirmed change); ``sent``
    with the number of lines IOS took so far, after each line."""
    from nornir.core.task import Result

    device = Device(task, timeout)
    device.enter_config(f"configure terminal revert timer {minutes}", "push")
    if armed is not None:
        armed()
    device.push(lines, sent=sent)
    device.end_config("push")
    return Result(host=task.host, result=len(lines), changed=True)
