"""``schedules.yaml``: which drift, verify and rollout runs Celery beat starts, and when.

    timezone: Europe/Berlin          # cron times are read in this zone (default UTC)
    schedules:
      drift-hub1:                    # a name of your choice
        command: drift               # drift | verify | rollout
        site: hub1
        cron: "15 2 * * *"           # minute hour day-of-month month day-of-week
      rollout-hub1:
        command: rollout
        site: hub1
        cron: "0 3 * * 6"
        playbook: /etc/flexorch/playbooks/default.yaml   # rollout only, required

Validated by frozen pydantic models (unknown keys refused); a problem is one line naming the
file, its line and the path (``schedules.yaml:7: schedules.drift-hub1.cron: ...``), exit 2, as
inventory errors are. Cron fields are Celery's (``celery.schedules.crontab``): ranges, lists,
steps and names; day-of-week 0 or 7 is Sunday; when both day fields are restricted a day must
match both.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from flexorch.errors import InventoryError

if TYPE_CHECKING:
    from celery.schedules import crontab

NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"


class ScheduleError(InventoryError):
    """A problem in a schedules file, located by file, line and path (exit 2)."""


class Schedule(BaseModel):
    """One scheduled command: ``flexorch <command> --site <site>`` at ``cron`` times, unattended
    (``--format json``; a rollout with ``--yes``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    command: Literal["drift", "verify", "rollout"]
    site: str = Field(min_length=1)
    cron: str
    playbook: str | None = None
    executor: Literal["local", "celery"] = "local"

    @field_validator("cron")
    @classmethod
    def _cron(cls, value: str) -> str:
        fields = value.split()
        if len(fields) != 5:
            raise ValueError(f"'{value}' is not a cron expression: five fields (minute hour "
                             "day-of-month month day-of-week)")
        try:
            cron_of(value, "UTC")
        except ValueError as exc:
            raise ValueError(f"'{value}': {exc}") from None
        return " ".join(fields)

    @model_validator(mode="after")
    def _playbook(self) -> Schedule:
        if self.command == "rollout" and not self.playbook:
            raise ValueError("a scheduled rollout needs 'playbook' (the playbook file to run)")
        if self.command != "rollout" and self.playbook:
            raise ValueError(f"'playbook' is for rollout only, not {self.command}")
        return self


class ScheduleFile(BaseModel):
    """The whole file."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    timezone: str = "UTC"
    schedules: dict[str, Schedule]

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone '{value}' (e.g. UTC, Europe/Berlin)") from None
        return value

    @field_validator("schedules")
    @classmethod
    def _names(cls, value: dict[str, Schedule]) -> dict[str, Schedule]:
        import re

        for name in value:
            if not re.match(NAME_PATTERN, name):
                raise ValueError(f"schedule name '{name}': letters, digits, '.', '_', '-' only")
        if not value:
            raise ValueError("no schedules")
        return value


def load_schedules(path: Path) -> ScheduleFile:
    """Read and validate ``path``. Raises ScheduleError (exit 2) naming file, line and path."""
    from flexorch.distributed.settings import require_celery
    from flexorch.intent.errors import describe, format_path
    from flexorch.intent.yamlio import display, find_line, read_yaml

    require_celery()  # cron expressions are Celery's
    try:
        raw = read_yaml(path, required=True)
    except InventoryError as exc:
        raise ScheduleError(exc.reason, file=exc.file) from None
    where = display(path)
    if not isinstance(raw, dict):
        raise ScheduleError("a schedules file is a mapping with 'schedules'", file=where)
    try:
        return ScheduleFile.model_validate(raw)
    except ValidationError as exc:
        problem = describe(exc, ScheduleFile, [])
        line = find_line(path, problem.where)
        raise ScheduleError(problem.message, file=f"{where}:{line}" if line else where,
                            path=format_path(problem.path) or None) from None


def cron_of(expression: str, timezone: str, now: datetime | None = None) -> crontab:
    """Celery's crontab for a five-field ``expression`` read in ``timezone``; ``now`` fixes
    the clock (tests). Raises ValueError for an invalid field."""
    from celery import Celery
    from celery.schedules import crontab

    app = Celery("flexorch-schedule", set_as_current=False)
    app.conf.timezone = timezone
    minute, hour, day_of_month, month, day_of_week = expression.split()
    return crontab(minute=minute, hour=hour, day_of_month=day_of_month, month_of_year=month,
                   day_of_week=day_of_week, app=app,
                   **({"nowfun": lambda: now} if now is not None else {}))


def next_run(entry: Schedule, timezone: str, now: datetime) -> datetime:
    """When ``entry`` runs next after ``now`` (aware), in ``timezone``."""
    from zoneinfo import ZoneInfo

    local = now.astimezone(ZoneInfo(timezone))
    cron = cron_of(entry.cron, timezone, local)
    found: datetime = local + cron.remaining_estimate(local)
    return found.replace(microsecond=0)
