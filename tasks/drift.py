"""Read what drift compares over the host's one SSH session: the running config, the IKEv2 SAs
and the revert timer (``show running-config``, ``show crypto ikev2 sa detailed``, ``show
archive config rollback timer``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from flexorch.tasks.device import Device
from flexorch.tasks.verify import SA_COMMAND

if TYPE_CHECKING:
    from nornir.core.task import Result, Task

    from flexorch.parse.records import ParseResult
    from flexorch.pending import PendingChange

RUNNING_COMMAND = "show running-config"


@dataclass(frozen=True)
class DriftState:
    """What one router showed: its running config (secrets in clear: never print it), its
    parsed SAs (records + warnings for lines that could not be read) and the unconfirmed change
    it holds under the revert timer (None: nothing pending)."""

    running: str
    sas: ParseResult
    pending: PendingChange | None = None


def collect_drift(task: Task, analyse: Callable[[str, DriftState], Any] | None = None,
                  read_timeout: float = 60.0) -> Result:
    """Run the show commands on the host's session and parse them. ``result`` is a
    ``DriftState``, or ``analyse(host, state)`` when given (so the comparison of one host runs
    while other hosts are still answering). Read-only: never changed."""
    from nornir.core.task import Result

    from flexorch.parse.runner import parse_output

    device = Device(task, read_timeout)
    running = device.command(RUNNING_COMMAND, "collect")
    sa_text = device.command(SA_COMMAND, "collect")
    state = DriftState(running, parse_output(SA_COMMAND, sa_text), device.pending_change())
    result = state if analyse is None else analyse(task.host.name, state)
    return Result(host=task.host, result=result, changed=False)
