"""What exec command handlers see of a lab session and its router: two small protocols.

The terminal (``flexorch.lab.terminal``) runs handlers (``execcmds``, ``filecmds``) and the
handlers change the terminal (privilege, screen length, config mode): each side knows the other
only through these protocols, so neither module imports the other's, and the router is reached
the same way (no import of ``flexorch.lab.router``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from flexorch.lab.crypto import CryptoModel
from flexorch.lab.execgrammar import Match
from flexorch.lab.faults import Faults
from flexorch.lab.replies import Reply
from flexorch.lab.settings import LabSettings, RouterSpec
from flexorch.lab.state import RouterState


class Router(Protocol):
    """A lab router as its sessions use it (``LabRouter``)."""

    @property
    def name(self) -> str: ...
    @property
    def spec(self) -> RouterSpec: ...
    @property
    def settings(self) -> LabSettings: ...
    @property
    def state(self) -> RouterState: ...
    @property
    def faults(self) -> Faults: ...
    @property
    def crypto(self) -> CryptoModel: ...

    def state_hostname(self) -> str:
        """The hostname of the running config."""

    async def reload(self) -> None:
        """Reload now: sessions drop, the router boots from startup-config."""


class Session(Protocol):
    """One CLI session as exec command handlers use it (``Terminal``)."""

    priv: int
    length: int
    width: int
    monitor: bool

    @property
    def router(self) -> Router: ...
    @property
    def user(self) -> str: ...

    def error(self, kind: str, line: str, caret: int = 0) -> str:
        """IOS's answer to a line it cannot take (``invalid``/``ambiguous``/``incomplete``)."""

    def enter_config(self) -> None:
        """Enter configuration mode on the router's running config."""

    def close(self) -> None:
        """End the session (``exit`` at exec level)."""


Handler = Callable[[Session, Match, str], Reply]
"""An exec command: the session, the matched command and the typed line -> output or questions."""
