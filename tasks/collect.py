"""Collect show-command output over the host's one SSH session (netmiko, reused for the run)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from netmiko import BaseConnection
    from nornir.core.task import Result, Task

CONNECTION = "netmiko"


def connection(task: Task) -> BaseConnection:
    """The host's netmiko session: opened on first use, then reused by every later task of the
    run (Nornir caches it per host until ``close_connections``)."""
    conn: BaseConnection = task.host.get_connection(CONNECTION, task.nornir.config)
    return conn


def collect_show(task: Task, commands: Sequence[str], read_timeout: float = 60.0) -> Result:
    """Run each show command and return ``{command: output}``. Read-only: never changed."""
    from nornir.core.task import Result

    conn = connection(task)
    outputs: dict[str, Any] = {}
    for command in commands:
        outputs[command] = conn.send_command(command, read_timeout=read_timeout)
    return Result(host=task.host, result=outputs, changed=False)
