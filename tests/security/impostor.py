"""An impostor router: an SSH server on the ports of real (lab) routers, with its own host key,
that records everything a client offers it.

It is as helpful as an attacker would be: every user name and password is accepted, and a
session gets a router-like prompt and has every line it receives recorded. So if flexorch ever
authenticated to it, the password would be in ``passwords`` and the config lines in ``lines``.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import asyncssh


@dataclass
class Seen:
    """What the impostor was offered: TCP connections, auth requests, passwords, lines."""

    connections: int = 0
    auth_requests: list[str] = field(default_factory=list)
    passwords: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


class _Server(asyncssh.SSHServer):
    def __init__(self, seen: Seen, open_connections: set[Any]) -> None:
        self.seen = seen
        self.open = open_connections
        self.conn: Any = None

    def connection_made(self, conn: Any) -> None:
        self.seen.connections += 1
        self.conn = conn
        self.open.add(conn)

    def connection_lost(self, exc: Exception | None) -> None:
        self.open.discard(self.conn)

    def begin_auth(self, username: str) -> bool:
        self.seen.auth_requests.append(username)
        return True

    def password_auth_supported(self) -> bool:
        return True

    def validate_password(self, username: str, password: str) -> bool:
        self.seen.passwords.append(password)
        return True


@contextmanager
def impostor(ports: Sequence[int], host: str = "127.0.0.1") -> Iterator[Seen]:
    """Listen on every port of ``ports`` (the real routers must be down) until the block ends."""
    seen = Seen()
    connections: set[Any] = set()
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="impostor", daemon=True)
    thread.start()

    async def shell(process: Any) -> None:
        process.stdout.write("hub1#")
        try:
            while True:
                line = await process.stdin.readline()
                if not line:
                    break
                seen.lines.append(line.rstrip("\r\n"))
                process.stdout.write("\r\nhub1#")
        except (asyncssh.Error, OSError, asyncio.CancelledError):
            pass
        process.exit(0)

    async def start() -> list[Any]:
        key = asyncssh.generate_private_key("ssh-ed25519")
        return [await asyncssh.listen(host, port, server_host_keys=[key], reuse_address=True,
                                      server_factory=lambda: _Server(seen, connections),
                                      process_factory=shell,
                                      encoding="utf-8")
                for port in ports]

    listeners = asyncio.run_coroutine_threadsafe(start(), loop).result(30)
    try:
        yield seen
    finally:
        async def stop() -> None:
            for listener in listeners:
                listener.close()
                await listener.wait_closed()
            for conn in list(connections):  # a client that just left may not be seen yet
                conn.close()
                await conn.wait_closed()

        asyncio.run_coroutine_threadsafe(stop(), loop).result(30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()
