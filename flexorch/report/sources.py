"""Where a site report's data comes from: the recorded runs it reads, and how old each is.

A report never mixes data silently. Every host, tunnel side and card names its ``Source`` (the
run, its command and when it started), and ``age`` says how long before the report that was.
``recent_runs`` loads the finished rollout, drift and verify runs of a site, newest first: per
host, the newest run that holds a record of it decides its state (so a partial run, such as a
rollout of five spokes that re-read their hub, counts for the hosts it read and no others).
``shown_rollouts`` picks the rollouts the page describes: the last one that changed a router
and the newest one that failed, was interrupted or abandoned since.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Final

from pydantic import BaseModel, ConfigDict

from flexorch.history.models import RunDetail
from flexorch.history.store import Store

#: The commands whose runs describe a site's routers.
COMMANDS: Final[tuple[str, ...]] = ("rollout", "drift", "verify")
#: Run states of a rollout that did not end well (``abandoned``: its process died).
FAILED_STATES: Final = frozenset({"failed", "error", "interrupted", "abandoned"})
#: How many recent rollouts are searched for the last one that changed a router.
ROLLOUT_LOOK_BACK: Final = 200
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


def shown_rollouts(store: Store, site: str, loaded: Iterable[RunDetail] = ()
                   ) -> tuple[RunDetail | None, RunDetail | None]:
    """The last rollout that changed a router (else the last finished one), and the newest
    rollout that failed, was interrupted or abandoned after it (None when there is none).

    A rerun that found nothing to do must not hide the change before it. ``loaded``: runs
    already read (not read again: a big site's run is megabytes of records).
    """
    summaries = store.list_runs(site=site, command="rollout", limit=ROLLOUT_LOOK_BACK)
    finished = [s for s in summaries if s.state != "running"]
    changed = next((s for s in finished if s.host_statuses.get("changed")), None)
    shown = changed or (finished[0] if finished else None)
    failed = next((s for s in finished if s.state in FAILED_STATES
                   and (shown is None or s.id > shown.id)), None)
    by_id = {r.id: r for r in loaded}

    def detail(run_id: int) -> RunDetail:
        return by_id.get(run_id) or store.get_run(run_id)

    return (detail(shown.id) if shown else None, detail(failed.id) if failed else None)
