"""Opening a router's CLI session: netmiko's SSH login over a socket with Nagle's algorithm off,
then the session set up as netmiko's ``cisco_ios`` driver does (``terminal width 511``,
``terminal length 0``, the base prompt cut to 16 characters as IOS abbreviates it in config
mode), each command awaited on its echo and the prompt after it instead of netmiko's fixed
pauses (``find_prompt``, ``clear_buffer``: ~0.18 s per login, more than the SSH handshake itself
on a LAN).

IOS prints the prompt (``hostname#`` or ``hostname>``) after the echo of every exec command
(Cisco IOS Configuration Fundamentals, "Using the Cisco IOS Command-Line Interface"); the
prompt is taken from the line after the echo, so no login banner can be mistaken for it.
"""

from __future__ import annotations

import contextlib
import re
import socket
from typing import TYPE_CHECKING

from flexorch.tasks.channel import read_until

if TYPE_CHECKING:
    from netmiko import BaseConnection

# What netmiko's CiscoIosBase.session_preparation sends, in its order.
PREPARE = ("terminal width 511", "terminal length 0")
# IOS abbreviates the hostname in config-mode prompts after this many characters (netmiko's
# CiscoIosBase.set_base_prompt cuts the base prompt the same way).
PROMPT_CHARS = 16
_FIRST_PROMPT = r"[>#]\s*$"
_ENABLE_ASKS = re.compile(r"(?:[Pp]assword:|[>#])\s*$")


def login(conn: BaseConnection, timeout: float) -> None:
    """Log ``conn`` in (created with ``auto_connect=False``) and prepare its terminal. netmiko,
    paramiko and socket exceptions are raised as they are (``tasks.failures`` classifies them)."""
    conn.sock = open_socket(conn.host, conn.port, conn.conn_timeout)
    try:
        conn.establish_connection()
    except BaseException:
        with contextlib.suppress(OSError):
            conn.sock.close()
        raise
    first = read_until(conn, re.compile(_FIRST_PROMPT), timeout)
    if first.rstrip().endswith(">") and conn.secret:
        enable(conn, timeout)
    prompt = ""
    for command in PREPARE:
        conn.write_channel(conn.normalize_cmd(command))
        out = read_until(conn, re.compile(
            rf"{re.escape(command)}[^\n]*\n(?:[^\n]*\n)*[^\n]*[>#]\s*$"), timeout)
        prompt = out.rstrip().splitlines()[-1].strip()
    conn.base_prompt = prompt[:-1][:PROMPT_CHARS]


def enable(conn: BaseConnection, timeout: float) -> None:
    """Enter privileged EXEC with the enable secret (``data.credentials.enable``): a user below
    privilege 15 logs in to user EXEC (``hostname>``), where IOS refuses ``show running-config``
    and configuration mode. IOS asks ``Password:`` after ``enable`` and shows ``hostname#`` once
    the secret is taken (Cisco IOS Configuration Fundamentals, "Using the Cisco IOS
    Command-Line Interface": privileged EXEC is entered with ``enable``); it asks again after a
    wrong one. The secret is written to the session only, never echoed or logged. Raises
    paramiko's AuthenticationException when the secret is refused (``tasks.failures``:
    "authentication failed")."""
    from paramiko.ssh_exception import AuthenticationException

    conn.write_channel(conn.normalize_cmd("enable"))
    out = read_until(conn, _ENABLE_ASKS, timeout, after_echo=True)
    if out.rstrip().endswith(":"):
        conn.write_channel(conn.secret + conn.RETURN)
        out = read_until(conn, _ENABLE_ASKS, timeout)
    if not out.rstrip().endswith("#"):
        conn.write_channel("\x03")  # leave the second Password: prompt
        raise AuthenticationException("the enable secret was refused")


def open_socket(host: str, port: int, timeout: float) -> socket.socket:
    """The TCP connection paramiko runs the session over, with ``TCP_NODELAY``.

    paramiko leaves Nagle's algorithm on: its handshake writes small packets back to back
    (version, KEXINIT, ...), and each one written while the previous is unacknowledged waits
    for the router's delayed ACK (40 ms on Linux): ~85 ms of a 90 ms login on the lab, and
    the same stall on any later command written before the last write was acknowledged.
    OpenSSH's client turns Nagle off for every interactive session for the same reason
    (``ssh_packet_set_interactive`` -> ``set_nodelay``, openssh-portable packet.c). It is a
    setting of this end's socket only: nothing the router sees changes but the timing.
    Raises ConnectionRefusedError, TimeoutError or OSError as ``socket.create_connection``
    does (``tasks.failures`` classifies them)."""
    sock = socket.create_connection((host, port), timeout=timeout)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def needs_login(conn: BaseConnection) -> bool:
    """True for a session object created without connecting (``auto_connect=False``)."""
    return getattr(conn, "remote_conn", None) is None
