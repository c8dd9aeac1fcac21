"""Where a site report's data comes from: the recorded runs it reads, and how old each is.

A report never mixes data silently. Every host, tunnel side and card names its ``Source`` (the
run, its command and when it started), and ``age`` says how long before the report that was.
``recent_runs`` loads the finished rollout, drift and verify runs of a site, newest first: per
host, the newest run that holds a record of it decides its state (so a partial run, such as a
rollout of five spokes that re-read their hub, counts for the hosts it read and no others).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Final

from pydantic import BaseModel, ConfigDict

from flexorch.history.models import RunDetail
from flexorch.history.store import Store

#: The commands whose runs describe a site's routers.
COMMANDS: Final[tuple[str, ...]] = ("rollout", "drift", "verify")
#: How many recent runs a report reads at most (each one holds every host it touched; at a few
#: thousand routers a run is a few megabytes of records).
MAX_RUNS: Final = 8


class Source(BaseModel):
    """One run a report takes data from (``run_id`` None: live records handed in)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    command: str
    run_id: int | None
    at: datetime

    def label(self) -> str:
        """``verify run 12`` / ``live verify``."""
        if self.run_id is None:
            return f"live {self.command}"
        return f"{self.command} run {self.run_id}"

    def stamp(self) -> str:
        """When, as people read it: ``2026-12-03 14:02 UTC``."""
        return self.at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")

    def newer_than(self, other: Source) -> bool:
        """True when this run is later than ``other`` (by start time, then run id)."""
        return (self.at, self.run_id or 0) > (other.at, other.run_id or 0)


def source_of(run: RunDetail) -> Source:
    """The source of a recorded run."""
    return Source(command=run.command, run_id=run.id, at=run.started_at)


def age(then: datetime, now: datetime) -> str:
    """How long before ``now`` (``just now``, ``12 min``, ``3 h 5 min``, ``2 days``)."""
    seconds = max((now - then) / timedelta(seconds=1), 0.0)
    if seconds < 60:
        return "just now"
    minutes = int(seconds // 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    return f"{hours // 24} days"


def recent_runs(store: Store, site: str) -> list[RunDetail]:
    """The site's finished rollout, drift and verify runs, newest first: the last ``MAX_RUNS``,
    plus the last run of each command when it is older than those."""
    summaries = [s for s in store.list_runs(site=site, limit=MAX_RUNS * 4)
                 if s.command in COMMANDS and s.outcome is not None][:MAX_RUNS]
    runs = [store.get_run(s.id) for s in summaries]
    for command in COMMANDS:
        if not any(r.command == command for r in runs):
            last = store.last_run(site, command)
            if last is not None:
                runs.append(last)
    return sorted(runs, key=lambda r: r.id, reverse=True)
