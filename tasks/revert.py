"""End a change made under the revert timer: keep it (``configure confirm`` + ``write memory``)
or undo it (``configure revert now``, else ``configure replace`` from the flash backup)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flexorch.tasks.device import Device

if TYPE_CHECKING:
    from nornir.core.task import Result, Task


def confirm_and_save(task: Task, timeout: float = 60.0) -> Result:
    """``configure confirm`` then ``write memory``."""
    from nornir.core.task import Result

    device = Device(task, timeout)
    device.confirm()
    device.save()
    return Result(host=task.host, result="confirmed", changed=True)


def restart_timer(task: Task, minutes: int, timeout: float = 60.0) -> Result:
    """``configure revert timer <minutes>``: the pending change's timer starts again."""
    from nornir.core.task import Result

    Device(task, timeout).restart_timer(minutes)
    return Result(host=task.host, result=minutes, changed=False)


def revert_now(task: Task, timeout: float = 60.0) -> Result:
    """``configure revert now``: back to the config archived when the timer started."""
    from nornir.core.task import Result

    out = Device(task, timeout).revert_now()
    return Result(host=task.host, result=out, changed=True)


def replace_from_flash(task: Task, filename: str, save: bool, timeout: float = 60.0) -> Result:
    """``configure replace flash:<filename> force`` (and ``write memory`` when ``save``: used to
    undo a change that was already confirmed and saved)."""
    from nornir.core.task import Result

    device = Device(task, timeout)
    out = device.replace(filename)
    if save:
        device.save()
    return Result(host=task.host, result=out, changed=True)


def running_config(task: Task, timeout: float = 60.0) -> str:
    """``show running-config`` (to check where a rollback left the router)."""
    text: str = Device(task, timeout).running_config()
    return text
