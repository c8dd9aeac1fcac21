"""Read a host's IKEv2 SAs (``show crypto ikev2 sa detailed``) over its run-long session."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flexorch.tasks.device import Device

if TYPE_CHECKING:
    from nornir.core.task import Result, Task

SA_COMMAND = "show crypto ikev2 sa detailed"


def collect_sa(task: Task, timeout: float = 60.0) -> Result:
    """Run ``show crypto ikev2 sa detailed`` (prompt-anchored, ``timeout`` seconds) and parse it.
    ``result`` is a ``ParseResult`` (records + warnings for lines that could not be read).
    Read-only: never changed. Raises DeviceError naming the step when the router fails."""
    from nornir.core.task import Result

    from flexorch.parse.runner import parse_output

    text = Device(task, timeout).command(SA_COMMAND, "verify")
    return Result(host=task.host, result=parse_output(SA_COMMAND, text), changed=False)
