"""One simulated router: its spec, state, faults and open sessions (event-loop side).

The router does not know the lab it belongs to: the lab hands it the crypto model all routers
share and the ``Listeners`` that take its port down and up again on reload.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Protocol

from flexorch.lab.crypto import CryptoModel
from flexorch.lab.faults import Faults
from flexorch.lab.settings import LabSettings, RouterSpec
from flexorch.lab.state import RouterState
from flexorch.lab.storage import RouterStore
from flexorch.lab.terminal import Terminal

log = logging.getLogger("flexorch.lab")


class Listeners(Protocol):
    """What a router needs from the lab to reload: its SSH listener stopped and started."""

    async def stop_listener(self, router: LabRouter) -> None:
        """Stop listening on the router's port."""

    async def start_listener(self, router: LabRouter) -> None:
        """Listen on the router's port again."""


class LabRouter:
    """A router of the lab. Lives on the lab's event loop; use ``LabFleet.router()`` from tests."""

    def __init__(
        self, spec: RouterSpec, settings: LabSettings, store: RouterStore | None, *,
        crypto: CryptoModel, listeners: Listeners,
    ) -> None:
        self.crypto = crypto
        self.listeners = listeners
        self.spec = spec
        self.name = spec.name
        self.settings = settings
        self.faults = Faults()
        scale = settings.revert_seconds_per_minute
        self.state = RouterState(spec.name, spec.day0, store, revert_seconds_per_minute=scale,
                                 startup_file=spec.startup_config, hardware=spec.hardware)
        self.sessions: set[Terminal] = set()
        self.connections: set[Any] = set()  # asyncssh connections, closed on reload
        self.listener: Any = None
        self.reloading = False
        self.sessions_total = 0
        self._host_cache: tuple[int, str] = (-1, "Router")

    def state_hostname(self) -> str:
        """The hostname from the running config (cached per config version)."""
        if self._host_cache[0] != self.state.version:
            self._host_cache = (self.state.version, self.state.hostname())
        return self._host_cache[1]

    def status(self) -> dict[str, Any]:
        """What ``flexorch lab status`` shows for this router."""
        return {
            "name": self.name,
            "host": self.spec.host,
            "port": self.spec.port,
            "up": self.listener is not None and not self.reloading,
            "sessions": len(self.sessions),
            "faults": self.faults.active(),
            "unsaved": self.state.dirty,
            "revert_pending": self.state.revert is not None,
            "boot_rejected": list(self.state.boot_rejected),
        }

    def drop_sessions(self) -> None:
        """Close every SSH connection to this router at once (reload, shutdown)."""
        for conn in list(self.connections):
            conn.abort()
        self.connections.clear()
        self.sessions.clear()

    async def reload(self) -> None:
        """Reload: sessions drop, the router is away ``reload_seconds``, then boots from startup."""
        if self.reloading:
            return
        self.reloading = True
        log.info("%s: reloading", self.name)
        try:
            await self.listeners.stop_listener(self)
            self.drop_sessions()
            self.state.reload()
            await asyncio.sleep(self.settings.reload_seconds)
            await self.listeners.start_listener(self)
        finally:
            self.reloading = False
        log.info("%s: back from reload", self.name)
