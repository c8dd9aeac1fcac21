"""Read a router's IKEv2 SAs for a rollout's verification gate (prompt-anchored, bounded by the
run's command timeout, over the host's run-long session)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flexorch.tasks.device import Device

if TYPE_CHECKING:
    from nornir.core.task import Result, Task

SA_COMMAND = "show crypto ikev2 sa detailed"


def read_sa(task: Task, timeout: float = 60.0) -> Result:
    """``show crypto ikev2 sa detailed``, parsed: ``result`` is a ``ParseResult``."""
    from nornir.core.task import Result

    from flexorch.parse.runner import parse_output

    text = Device(task, timeout).command(SA_COMMAND, "verify")
    return Result(host=task.host, result=parse_output(SA_COMMAND, text), changed=False)
