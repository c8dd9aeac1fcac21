"""A router's answers read on the socket: each command written once, then its echo and the
prompt after it awaited with ``poll`` on the SSH channel, so a command costs one round trip.

netmiko's ``send_command`` sleeps between reads instead (10 ms while it waits for the echo,
then 25 ms per loop: ~36 ms per command on the lab, 13 commands per router and rollout), and
its ``read_until_pattern`` polls every 10 ms.

IOS echoes every command typed at an exec or config prompt and prints the prompt again after
its output (Cisco IOS Configuration Fundamentals Configuration Guide, "Using the Cisco IOS
Command-Line Interface"; every transcript under tests/fixtures/real/ shows the echo and the
prompt after the output): the prompt is searched for after the echo's line break only, so the
echoed command and any text before it can never be taken for it.
"""

from __future__ import annotations

import contextlib
import re
import select
import socket
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from netmiko import BaseConnection


def read_until(conn: BaseConnection, pattern: re.Pattern[str], timeout: float, *,
               after_echo: bool = False) -> str:
    """Read the session until ``pattern`` matches what was read (with ``after_echo``: what
    follows the first line break, the echo of what was typed); what was read, line breaks
    normalised as netmiko's ``read_channel`` does. Raises netmiko's ReadTimeout after
    ``timeout`` seconds and EOFError when the router closes the session."""

    def done(text: str) -> bool:
        start = text.find("\n") + 1 if after_echo else 0
        return (start > 0 or not after_echo) and pattern.search(text, start) is not None

    return read_while(conn, done, timeout, pattern.pattern)


def read_while(conn: BaseConnection, done: Callable[[str], bool], timeout: float,
               what: str) -> str:
    """Read the session until ``done(what was read)``; ``read_until``'s errors (``what``
    names what was awaited in the timeout's message)."""
    from netmiko.exceptions import ReadTimeout

    channel: Any = conn.remote_conn
    deadline = time.monotonic() + timeout
    text = ""
    while True:
        text += conn.read_channel()
        if done(text):
            return text
        left = deadline - time.monotonic()
        if left <= 0:
            raise ReadTimeout(f"not found within {timeout:g} s: {what!r}")
        if closed(channel):
            raise EOFError("the router closed the session")
        readable(channel, min(left, 1.0))


def answers_of(text: str, lines: list[str]) -> list[str] | None:
    """What IOS answered to each of ``lines`` typed ahead at once (``text``: the session's
    output since): the text between one line's echo and the next one's, the last one's up to
    the end; None until every line's echo is there. IOS reads typed-ahead lines one at a time,
    each echoed after the prompt of the line before and followed by its own answer."""
    bounds: list[tuple[int, int]] = []
    pos = 0
    for line in lines:
        at = text.find(line.strip(), pos)
        end = text.find("\n", at) if at >= 0 else -1
        if end < 0:
            return None
        bounds.append((at, end + 1))
        pos = end + 1
    return [text[after:(bounds[i + 1][0] if i + 1 < len(bounds) else len(text))]
            for i, (_, after) in enumerate(bounds)]


def closed(channel: Any) -> bool:
    """True when the router closed the channel or its SSH transport (what it sent before is
    read first: ``read_until`` reads before it asks)."""
    if channel.closed or not channel.get_transport().is_active():
        return True
    return bool(channel.exit_status_ready() and not channel.recv_ready())


def answer_body(text: str, command: str, prompt: re.Pattern[str]) -> str:
    """What a command printed: ``text`` (read by ``read_until`` after typing ``command``)
    without its echo line and without the last line when it is the ``prompt`` (what netmiko's
    ``strip_command`` and ``strip_prompt`` leave)."""
    text = text.replace("\x08", "")  # IOS redraws a long echoed line with backspaces
    if text.lstrip().startswith(command.strip()):
        text = text.split("\n", 1)[1] if "\n" in text else ""
    head, _, last = text.rpartition("\n")
    return head if prompt.match(last) else text


def readable(channel: Any, timeout: float) -> bool:
    """Wait until the paramiko channel has data (True) or ``timeout`` seconds pass. poll, not
    select: select fails on a descriptor above 1023 (a process with thousands of files open,
    such as the lab of a big site in the same process)."""
    poller = select.poll()
    poller.register(channel.fileno(), select.POLLIN)
    return bool(poller.poll(timeout * 1000))


TRANSPORT_STOP = 5.0  # seconds to wait for paramiko's transport thread to end


def stop_transport(conn: Any) -> None:
    """Stop netmiko connection ``conn``'s SSH transport before anything closes its channel:
    the socket shut down (paramiko's transport thread notices a closed socket only at its next
    0.1 s poll, seconds on a loaded machine: shut down, it ends at once), the transport closed
    and its thread joined. Channel.close closes the channel's event pipe (made by ``readable``'s
    poll) while that thread may still feed a late packet, which writes b"*" to the pipe's
    descriptor number after it was closed, when it may already be another login's socket or
    known_hosts file (seen at 2,000 routers: a login's socket closed under it, a scratch
    known_hosts file missing the key; README, performance). Never raises."""
    client = getattr(conn, "remote_conn_pre", None)
    transport = client.get_transport() if client is not None else None
    if transport is None:
        return
    with contextlib.suppress(OSError):
        transport.sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(Exception):
        transport.close()  # does not wait for the thread once its socket is closed: join
        transport.join(TRANSPORT_STOP)
