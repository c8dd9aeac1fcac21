"""What the lab runs: one ``RouterSpec`` per simulated router, and lab-wide ``LabSettings``.

Specs normally come from the inventory (``flexorch.lab.inventory.specs_from_inventory``); tests
and the benchmark may build them directly.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass
from pathlib import Path

from flexorch.errors import BadInputError
from flexorch.rollout.clock import ENV_REVERT_SCALE

# The lab only ever listens on loopback; anything else in an inventory is refused, not rewritten.
LOOPBACK_NAMES = frozenset({"127.0.0.1", "::1", "localhost"})


@dataclass(frozen=True)
class RouterSpec:
    """One simulated router: where it listens, who may log in, and its day-0 config.

    ``privilege`` is the level the login user lands at: 15 lands in ``#``, 1 lands in ``>`` and
    needs ``enable`` with ``enable_secret``. ``startup_config``: a config file (a real router's
    running config) the router boots with instead of its day-0 config; it replaces a saved
    startup-config. ``hardware``: the modelled router (``flexorch.ios.facts.HARDWARE``); None:
    recognised from the config's interface names.
    """

    name: str
    host: str
    port: int
    username: str
    password: str
    day0: str
    enable_secret: str | None = None
    privilege: int = 15
    site: str | None = None
    role: str | None = None
    behind_nat: bool = False
    nat_address: str | None = None  # the public address a NAT device maps this router to
    ios_version: str | None = None  # what show version reports; None: the lab-wide version
    known_hosts: str | None = None  # where flexorch pins this router's key (None: the default)
    startup_config: Path | None = None
    hardware: str | None = None

    def __post_init__(self) -> None:
        if self.host not in LOOPBACK_NAMES:
            try:
                loopback = ipaddress.ip_address(self.host).is_loopback
            except ValueError:
                loopback = False
            if not loopback:
                raise BadInputError(
                    f"host {self.name}: hostname {self.host} is not a loopback address; "
                    "the lab serves 127.0.0.1 / ::1 only"
                )
        if not 1 <= self.port <= 65535:
            raise BadInputError(f"host {self.name}: port {self.port} is out of range 1-65535")
        if self.privilege not in (1, 15):
            raise BadInputError(f"host {self.name}: lab privilege must be 1 or 15")
        if self.privilege == 1 and not self.enable_secret:
            raise BadInputError(f"host {self.name}: privilege 1 needs an enable secret")

    @property
    def bind_host(self) -> str:
        """The address to bind (``localhost`` resolved to 127.0.0.1 so no other address is used)."""
        return "127.0.0.1" if self.host == "localhost" else self.host


@dataclass(frozen=True)
class LabSettings:
    """Lab-wide knobs.

    ``revert_seconds_per_minute`` scales IOS revert-timer minutes (60 = real time; tests use ~1).
    ``reload_seconds`` is how long a reloading router stays away before it listens again.
    ``login_timeout`` closes connections that never finish authenticating.
    """

    revert_seconds_per_minute: float = 60.0
    reload_seconds: float = 1.0
    login_timeout: float = 30.0
    ios_version: str = "17.9.4a"

    @classmethod
    def from_env(cls, **overrides: float | str | None) -> LabSettings:
        """Settings from the environment, then explicit overrides (``None`` means not given)."""
        values: dict[str, float | str] = {}
        raw = os.environ.get(ENV_REVERT_SCALE)
        if raw:
            try:
                values["revert_seconds_per_minute"] = float(raw)
            except ValueError:
                raise BadInputError(f"{ENV_REVERT_SCALE}={raw!r} is not a number") from None
        values.update({k: v for k, v in overrides.items() if v is not None})
        settings = cls(**values)  # type: ignore[arg-type]
        if settings.revert_seconds_per_minute <= 0:
            raise BadInputError("revert seconds per minute must be positive")
        return settings
