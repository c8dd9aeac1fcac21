"""Opening a router's CLI session: netmiko's SSH login, then the session set up as netmiko's
``cisco_ios`` driver does (``terminal width 511``, ``terminal length 0``, the base prompt cut
to 16 characters as IOS abbreviates it in config mode), each command awaited on its echo and
the prompt after it instead of netmiko's fixed pauses (``find_prompt``, ``clear_buffer``:
~0.18 s per login, more than the SSH handshake itself on a LAN).

IOS prints the prompt (``hostname#`` or ``hostname>``) after the echo of every exec command
(Cisco IOS Configuration Fundamentals, "Using the Cisco IOS Command-Line Interface"); the
prompt is taken from the line after the echo, so no login banner can be mistaken for it.
"""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from netmiko import BaseConnection

# What netmiko's CiscoIosBase.session_preparation sends, in its order.
PREPARE = ("terminal width 511", "terminal length 0")
# IOS abbreviates the hostname in config-mode prompts after this many characters (netmiko's
# CiscoIosBase.set_base_prompt cuts the base prompt the same way).
PROMPT_CHARS = 16
_FIRST_PROMPT = r"[>#]\s*$"


def login(conn: BaseConnection, timeout: float) -> None:
    """Log ``conn`` in (created with ``auto_connect=False``) and prepare its terminal. netmiko
    and paramiko exceptions are raised as they are (``tasks.failures`` classifies them)."""
    conn.establish_connection()
    read_until(conn, re.compile(_FIRST_PROMPT), timeout)
    prompt = ""
    for command in PREPARE:
        conn.write_channel(conn.normalize_cmd(command))
        out = read_until(conn, re.compile(
            rf"{re.escape(command)}[^\n]*\n(?:[^\n]*\n)*[^\n]*[>#]\s*$"), timeout)
        prompt = out.rstrip().splitlines()[-1].strip()
    conn.base_prompt = prompt[:-1][:PROMPT_CHARS]


def read_until(conn: BaseConnection, pattern: re.Pattern[str], timeout: float) -> str:
    """Read the session until ``pattern`` matches what was read; what was read. Waits on the
    socket (``readable``), not netmiko's 10 ms polling. Raises netmiko's ReadTimeout after
    ``timeout`` seconds and EOFError when the router closes the session."""
    from netmiko.exceptions import ReadTimeout

    channel: Any = conn.remote_conn
    deadline = time.monotonic() + timeout
    text = ""
    while True:
        text += conn.read_channel()
        if pattern.search(text):
            return text
        left = deadline - time.monotonic()
        if left <= 0:
            raise ReadTimeout(f"pattern not found within {timeout:g} s: {pattern.pattern!r}")
        if channel.closed or (channel.exit_status_ready() and not channel.recv_ready()):
            raise EOFError("the router closed the session")
        readable(channel, min(left, 1.0))


def readable(channel: Any, timeout: float) -> bool:
    """Wait until the paramiko channel has data (True) or ``timeout`` seconds pass. poll, not
    select: select fails on a descriptor above 1023 (a process with thousands of files open,
    such as the lab of a big site in the same process)."""
    import select

    poller = select.poll()
    poller.register(channel.fileno(), select.POLLIN)
    return bool(poller.poll(timeout * 1000))


def needs_login(conn: BaseConnection) -> bool:
    """True for a session object created without connecting (``auto_connect=False``)."""
    return getattr(conn, "remote_conn", None) is None
