"""Is the process that recorded a run still alive?

A run records the process that wrote it: its pid, the machine (host name) it ran on and, where
the kernel says so, when that process started (Linux: field 22 of ``/proc/<pid>/stat``, clock
ticks since boot). A run with no outcome is *running* while that process lives and *abandoned*
once it is gone (killed, crashed, machine rebooted): a pid reused by another process has another
start time, so it does not keep a dead run alive. A run recorded on another machine cannot be
checked from here (``None``: unknown).
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ProcessRef:
    """The process that writes a run."""

    pid: int
    machine: str
    started: str | None  # kernel start time token; None where the platform does not say


def machine_name() -> str:
    """This machine's host name (what runs record as ``machine``)."""
    return socket.gethostname()


def start_token(pid: int) -> str | None:
    """The kernel's start time of process ``pid`` (Linux ``/proc``); None when unknown."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    # The command name (field 2) is in parentheses and may hold spaces or ')': the fields
    # after the last ')' start at field 3 (state), so field 22 (starttime) is index 19.
    fields = text.rpartition(")")[2].split()
    return fields[19] if len(fields) > 19 else None


def this_process() -> ProcessRef:
    """The current process."""
    pid = os.getpid()
    return ProcessRef(pid, machine_name(), start_token(pid))


def is_alive(pid: int | None, machine: str | None, started: str | None) -> bool | None:
    """True while the recorded process runs, False once it is gone, None when it cannot be told
    (recorded on another machine, or before runs recorded their process)."""
    if pid is None or machine is None or machine != machine_name():
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # another user's process with that pid exists; its start time decides
    if started is None:
        return True
    now = start_token(pid)
    return now is None or now == started
