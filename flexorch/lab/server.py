"""The lab: many simulated routers served by asyncssh from one event loop, one port each.

``Lab`` owns the routers and their listeners; ``_RouterServer`` authenticates logins for one
router and opens ``_CliSession`` channels, each driving a ``Terminal`` (line discipline and CLI).
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import asyncssh

from flexorch.errors import BadInputError, FlexorchError
from flexorch.lab.crypto import CryptoModel
from flexorch.lab.faults import apply_fault, normalise_fault
from flexorch.lab.router import LabRouter
from flexorch.lab.scp import ScpSink
from flexorch.lab.settings import LabSettings, RouterSpec
from flexorch.lab.storage import RouterStore, load_or_create_host_key
from flexorch.lab.terminal import Terminal

log = logging.getLogger("flexorch.lab")

KEX_ALGS = ("curve25519-sha256", "curve25519-sha256@libssh.org")


class _PeerGoneFilter(logging.Filter):
    """asyncio warns when a write meets a socket the client already closed; clients do that
    all the time (netmiko sends ``exit`` and hangs up), so the warning is noise here."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != "socket.send() raised exception."


_PEER_GONE = _PeerGoneFilter()


class _CoalescingTransport:
    """Joins the writes of one event-loop turn into one socket send.

    asyncssh precedes every encrypted packet with an SSH_MSG_IGNORE packet and writes each on
    its own, so an echoed line costs two send() calls, and over loopback each send carries the
    receiver's TCP work too. Coalescing halves the server's syscalls without changing a byte on
    the wire. Everything else is the wrapped asyncio transport's.
    """

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self._transport = transport
        self._loop = loop
        self._pending: list[bytes] = []

    def write(self, data: bytes) -> None:
        if not self._pending:
            self._loop.call_soon(self._flush)
        self._pending.append(data)

    def _flush(self) -> None:
        if self._pending:
            data = b"".join(self._pending)
            self._pending = []
            if not self._transport.is_closing():
                self._transport.write(data)

    def close(self) -> None:
        self._flush()
        self._transport.close()

    def abort(self) -> None:
        self._pending = []
        self._transport.abort()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class _CliSession(asyncssh.SSHServerSession[bytes]):
    """One SSH channel (shell or exec) to a router."""

    def __init__(self, router: LabRouter, conn: Any, user: str) -> None:
        self.router = router
        self.conn = conn
        self.user = user
        self.chan: Any = None
        self.command: str | None = None
        self.scp: ScpSink | None = None  # an ``scp -t`` upload instead of the CLI
        router.sessions_total += 1
        self.terminal = Terminal(router, user, self)

    # Transport protocol used by Terminal
    def write(self, text: str) -> None:
        if self.chan is not None:
            self.chan.write(text.encode("utf-8", "replace"))

    def close(self, abort: bool) -> None:
        self.router.sessions.discard(self.terminal)
        if abort:
            self.conn.abort()
        elif self.chan is not None:
            self.chan.exit(0)
            self.conn.close()

    def call_later(self, delay: float, callback: Callable[[], None]) -> Any:
        return asyncio.get_running_loop().call_later(delay, callback)

    # asyncssh callbacks
    def connection_made(self, chan: Any) -> None:
        self.chan = chan

    def pty_requested(self, term_type: str, term_size: Any, term_modes: Any) -> bool:
        return True

    def shell_requested(self) -> bool:
        return True

    def exec_requested(self, command: str) -> bool:
        self.command = command
        return True

    def session_started(self) -> None:
        self.router.sessions.add(self.terminal)
        if self.command is not None and self.command.startswith("scp "):
            self.scp = ScpSink(self.router, self.command, self.chan.write, self._finish)
            self.scp.start()
            return
        if self.command is not None:
            output = self.terminal.run_once(self.command)
            self.write(output)
            self.chan.exit(0)
            return
        self.terminal.start()

    def data_received(self, data: bytes | str, datatype: Any) -> None:
        if self.scp is not None:
            self.scp.feed(data if isinstance(data, bytes) else data.encode())
            return
        text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
        self.terminal.feed(text)

    def eof_received(self) -> bool:
        if self.scp is not None:
            self.scp.eof()
        return False  # close the channel

    def _finish(self, code: int, abort: bool) -> None:
        """End an SCP channel: exit status ``code``, or the connection cut (a fault)."""
        self.router.sessions.discard(self.terminal)
        if abort:
            self.conn.abort()
        else:
            self.chan.exit(code)

    def connection_lost(self, exc: Exception | None) -> None:
        self.terminal.closed = True
        self.router.sessions.discard(self.terminal)


class _RouterServer(asyncssh.SSHServer):
    """Authentication and channels for one router's port."""

    def __init__(self, router: LabRouter) -> None:
        self.router = router
        self.conn: Any = None
        self.user = ""

    def connection_made(self, conn: Any) -> None:
        self.conn = conn
        self.router.connections.add(conn)
        # asyncssh calls this before it writes anything, so every packet goes through the
        # wrapper; if a future asyncssh keeps its transport elsewhere, nothing is wrapped.
        transport = getattr(conn, "_transport", None)
        if isinstance(transport, asyncio.Transport):
            conn._transport = _CoalescingTransport(transport, asyncio.get_running_loop())

    def connection_lost(self, exc: Exception | None) -> None:
        self.router.connections.discard(self.conn)

    def begin_auth(self, username: str) -> bool:
        self.user = username
        return True

    def password_auth_supported(self) -> bool:
        return True

    def validate_password(self, username: str, password: str) -> bool:
        spec = self.router.spec
        if self.router.faults.auth_refuse:
            log.info("%s: fault auth-refuse: login of %s refused", self.router.name, username)
            return False
        user_ok = hmac.compare_digest(username.encode(), spec.username.encode())
        return hmac.compare_digest(password.encode(), spec.password.encode()) and user_ok

    def session_requested(self) -> _CliSession:
        return _CliSession(self.router, self.conn, self.user)


class Lab:
    """Every router of the lab, on the current event loop."""

    def __init__(
        self, specs: Iterable[RouterSpec], settings: LabSettings, root: Path | None
    ) -> None:
        self.settings = settings
        self.root = root
        self.started = time.time()
        logging.getLogger("asyncio").addFilter(_PEER_GONE)  # same object: added once
        self.routers: dict[str, LabRouter] = {}
        self.crypto = CryptoModel(self.routers, self.peers_down)
        self._down: set[frozenset[str]] | None = None  # peers_down(), until a fault changes
        seen_ports: dict[tuple[str, int], str] = {}
        for spec in specs:
            if spec.name in self.routers:
                raise BadInputError(f"host {spec.name}: defined twice")
            other = seen_ports.get((spec.bind_host, spec.port))
            if other:
                raise BadInputError(f"host {spec.name}: port {spec.port} is also used by {other}")
            seen_ports[(spec.bind_host, spec.port)] = spec.name
            store = RouterStore(root, spec.name) if root else None
            self.routers[spec.name] = LabRouter(spec, settings, store, crypto=self.crypto,
                                                listeners=self)
        self._options: Any = None
        self.host_key: Any = None  # asyncssh private key, made with the options

    def _base_options(self) -> Any:
        if self._options is None:
            if self.root:
                key = load_or_create_host_key(self.root)
            else:
                key = asyncssh.generate_private_key("ssh-ed25519")
            self.host_key = key
            self._options = asyncssh.SSHServerConnectionOptions(
                server_host_keys=[key],
                kex_algs=list(KEX_ALGS),
                server_version="Cisco-1.25",
                line_editor=False,
                encoding=None,
                allow_scp=False,
                agent_forwarding=False,
                x11_forwarding=False,
                sftp_factory=None,
                login_timeout=self.settings.login_timeout,
                keepalive_interval=0,
            )
        return self._options

    def public_key(self) -> str:
        """The routers' SSH host key, public part, as an OpenSSH line (what flexorch pins)."""
        self._base_options()
        return str(self.host_key.export_public_key("openssh").decode().strip())

    async def start(self) -> None:
        """Listen on every router's port; raises FlexorchError naming a port that is taken (and
        listens on none)."""
        results = await asyncio.gather(
            *(self.start_listener(r) for r in self.routers.values()), return_exceptions=True
        )
        failed = [r for r in results if isinstance(r, BaseException)]
        if failed:
            await self.stop()
            raise failed[0]

    async def start_listener(self, router: LabRouter) -> None:
        options = asyncssh.SSHServerConnectionOptions(
            options=self._base_options(), server_factory=lambda: _RouterServer(router)
        )
        try:
            router.listener = await asyncssh.listen(
                router.spec.bind_host, router.spec.port, options=options, reuse_address=True
            )
        except OSError as exc:
            raise FlexorchError(
                f"host {router.name}: cannot listen on {router.spec.bind_host}:{router.spec.port}: "
                f"{exc.strerror or exc}"
            ) from None

    async def stop_listener(self, router: LabRouter) -> None:
        listener, router.listener = router.listener, None
        if listener is not None:
            listener.close()
            await listener.wait_closed()

    async def stop(self) -> None:
        """Close every listener and connection."""
        for router in self.routers.values():
            if router.state.revert and router.state.revert.handle:
                router.state.revert.handle.cancel()
            router.drop_sessions()
        await asyncio.gather(*(self.stop_listener(r) for r in self.routers.values()))

    def router(self, name: str) -> LabRouter:
        try:
            return self.routers[name]
        except KeyError:
            raise BadInputError(f"no lab router named {name!r}") from None

    def fault(self, name: str, kind: str, arg: str | None = None) -> list[str]:
        """Switch a fault on (or ``clear``); the router's active faults after it."""
        router = self.router(name)
        kind, arg = normalise_fault(kind, arg)
        if kind == "peer-down" and arg is not None and arg not in self.routers:
            raise BadInputError(f"fault peer-down: no lab router named {arg!r}")
        if kind == "reload":
            asyncio.get_running_loop().create_task(router.reload())
        else:
            apply_fault(router.faults, kind, arg)
            if kind in ("peer-down", "clear"):
                self._down = None
                router.state.version += 1  # the negotiation view must be recomputed
        log.info("%s: fault %s %s", name, kind, arg or "")
        return router.faults.active()

    def peers_down(self) -> set[frozenset[str]]:
        """Router pairs whose tunnels are down by fault (a pair with '*' means every peer).
        Kept until ``fault`` changes one (the crypto model asks on every view it computes: a walk
        over every router each time would make a spoke's show cost O(routers))."""
        if self._down is None:
            self._down = {frozenset((router.name, peer)) for router in self.routers.values()
                          for peer in router.faults.peers_down}
        return self._down

    def status(self) -> dict[str, Any]:
        return {
            "started": self.started,
            "routers": [r.status() for r in self.routers.values()],
        }

    def running_text(self, name: str) -> str:
        """Router ``name``'s running config as a file holds it (raises BadInputError)."""
        return self.router(name).state.running_text()

    def sessions_total(self) -> int:
        """SSH sessions opened on every router since the lab started."""
        return sum(r.sessions_total for r in self.routers.values())
