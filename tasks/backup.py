"""Back up a router's running config to its own flash before a change (``configure replace``
falls back on it when ``configure revert now`` cannot undo the change)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flexorch.files import safe_component
from flexorch.tasks.device import Device

if TYPE_CHECKING:
    from nornir.core.task import Result, Task


def flash_backup_name(tag: str) -> str:
    """The flash file name of a run's backup (``flexorch-<tag>.cfg``); the tag goes into a
    router command, so it must be a plain file name (BadInputError otherwise)."""
    return f"flexorch-{safe_component(tag, 'run tag')}.cfg"


def backup_to_flash(task: Task, filename: str, timeout: float = 60.0) -> Result:
    """``copy running-config flash:<filename>``, answering IOS's questions with the defaults."""
    from nornir.core.task import Result

    Device(task, timeout).copy_running(filename)
    return Result(host=task.host, result=filename, changed=False)
