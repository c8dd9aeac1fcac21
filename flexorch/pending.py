"""An unconfirmed change under IOS's revert timer, as ``show archive config rollback timer``
shows it, and what flexorch says about it.

IOS's Configuration Rollback Confirmed Change (``configure terminal revert timer N``,
``configure replace URL time N``) keeps a change until ``configure confirm``; when the timer
runs out, IOS rolls the running config back to the archive taken when the timer started. A
change left pending by a run that died, or by someone else, must never be pushed onto or
confirmed by a later run: every command reads the timer first (plan, rollout, drift, verify,
recover, rollback).

What IOS prints (Cisco IOS Configuration Fundamentals Command Reference, "show archive config
rollback timer", sample output; fixtures in tests/rollout/fixtures/)::

    Time configured(or reconfigured): 22:50:48 UTC Sat Feb 21 2009
    Timer type: absolute timer
    Timer value: 2 min
    User: console

and, with nothing pending (the same wording on a router without ``archive``)::

    %No Rollback Confirmed Change pending
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Final

ROLLBACK_TIMER_COMMAND: Final = "show archive config rollback timer"
NO_PENDING: Final = "No Rollback Confirmed Change pending"

# The fields of the output, by the words IOS starts each line with (the command reference's
# sample; napalm's IOS driver reads the same four: napalm/ios/ios.py _get_pending_commits).
_FIELDS: Final = (
    ("configured", re.compile(r"^\s*Time configured[^:]*:\s*(.*?)\s*$", re.M)),
    ("timer_type", re.compile(r"^\s*Timer type:\s*(.*?)\s*$", re.M)),
    ("timer_value", re.compile(r"^\s*Timer value:\s*(.*?)\s*$", re.M)),
    ("user", re.compile(r"^\s*User:\s*(.*?)\s*$", re.M)),
)
_MINUTES: Final = re.compile(r"^(\d+)\s*min")
# IOS's clock as ``show clock`` and this output print it, in UTC: 22:50:48 UTC Sat Feb 21 2009
_UTC_TIME: Final = re.compile(
    r"^\*?(\d{1,2}):(\d{2}):(\d{2})(?:\.\d+)? UTC \w{3} (\w{3}) (\d{1,2}) (\d{4})$")


class UnreadableTimer(ValueError):
    """The router's answer is neither a pending change nor "nothing pending"."""


@dataclass(frozen=True)
class PendingChange:
    """One unconfirmed change as IOS shows it (values as printed)."""

    configured: str  # when the timer was set or last reset, in the router's clock
    timer_type: str  # absolute timer | idle timer
    timer_value: str  # "10 min"
    user: str

    @property
    def minutes(self) -> int | None:
        found = _MINUTES.match(self.timer_value)
        return int(found.group(1)) if found else None

    def reverts_at(self) -> datetime | None:
        """When IOS rolls it back (absolute timer, clock in UTC); None when that cannot be told
        (another time zone, an idle timer, which restarts on every keystroke)."""
        found = _UTC_TIME.match(self.configured)
        if found is None or self.minutes is None or "idle" in self.timer_type:
            return None
        hour, minute, second, month, day, year = found.groups()
        try:
            when = datetime.strptime(f"{year} {month} {day} {hour}:{minute}:{second}",
                                     "%Y %b %d %H:%M:%S").replace(tzinfo=UTC)
        except ValueError:
            return None
        return when + timedelta(minutes=self.minutes)

    def describe(self) -> str:
        """One line: since when, how long, who, and when it rolls back."""
        text = (f"an unconfirmed change is pending under the revert timer ({self.timer_type} "
                f"{self.timer_value}, set {self.configured} by {self.user})")
        at = self.reverts_at()
        if at is not None:
            text += f"; IOS rolls it back at {at.strftime('%H:%M:%S')} UTC unless it is confirmed"
        return text

    def refusal(self, host: str) -> str:
        """Why a command leaves the host alone, and how to resolve it."""
        return (f"{self.describe()}: nothing is pushed onto an unconfirmed change; resolve it "
                f"first: `flexorch recover --host {host} --revert` (roll it back now) or "
                f"`flexorch recover --host {host} --confirm` (keep it, after verifying)")

    def to_json(self) -> dict[str, Any]:
        at = self.reverts_at()
        return {"configured": self.configured, "timer_type": self.timer_type,
                "timer_value": self.timer_value, "user": self.user,
                "reverts_at": at.isoformat() if at is not None else None}


def read_pending(output: str) -> PendingChange | None:
    """The pending change in ``show archive config rollback timer`` output, None when IOS says
    nothing is pending. Raises UnreadableTimer for any other answer (an error, a platform that
    lacks the command): a caller must then not assume nothing is pending.

    >>> read_pending("%No Rollback Confirmed Change pending") is None
    True
    >>> read_pending("Time configured(or reconfigured): 22:50:48 UTC Sat Feb 21 2009\\n"
    ...              "Timer type: absolute timer\\nTimer value: 2 min\\nUser: console").minutes
    2
    """
    if NO_PENDING in output:
        return None
    values = {}
    for name, pattern in _FIELDS:
        found = pattern.search(output)
        if found is None:
            first = next((line.strip() for line in output.splitlines() if line.strip()),
                         "no output")
            raise UnreadableTimer(f"'{ROLLBACK_TIMER_COMMAND}' answered {first[:120]!r}")
        values[name] = found.group(1)
    return PendingChange(**values)
