"""Rollout playbooks: ordered stages with batch sizes, failure thresholds and verification gates.

A playbook is YAML validated by ``Playbook`` (frozen, unknown keys rejected). Each host of the
site belongs to the FIRST stage whose selector matches it; a stage with ``select: {rest: true}``
takes every host not taken by an earlier stage. See ``playbooks/default.yaml`` and the README.
"""

from __future__ import annotations

import difflib
import typing
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from flexorch.errors import BadInputError
from flexorch.plan.phases import Wave

Check = Literal["status", "suite", "fragmentation", "sgt", "nat_t", "unexpected_peers"]
ALL_CHECKS: tuple[Check, ...] = (
    "status",
    "suite",
    "fragmentation",
    "sgt",
    "nat_t",
    "unexpected_peers",
)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Selector(_Frozen):
    """Which hosts a stage takes. Criteria combine with AND; ``rest`` takes what is left."""

    role: Literal["hub", "spoke", "client"] | None = None
    hosts: tuple[str, ...] | None = None
    limit: Annotated[int, Field(ge=1)] | None = None
    rest: bool = False

    @model_validator(mode="after")
    def _not_empty(self) -> Selector:
        if not self.rest and self.role is None and self.hosts is None:
            raise ValueError("a selector needs 'role', 'hosts' or 'rest: true'")
        return self


class Gate(_Frozen):
    """What must hold before a stage's hosts are confirmed (``configure confirm``). The gate
    reads at once and backs off (``flexorch.rollout.gatetime``): ``settle_seconds``,
    ``attempts`` and ``interval_seconds`` set its deadline and longest pause, never a wait."""

    verify: bool = True
    checks: tuple[Check, ...] = ALL_CHECKS
    settle_seconds: Annotated[float, Field(ge=0, le=600)] = 2.0
    attempts: Annotated[int, Field(ge=1, le=60)] = 5
    interval_seconds: Annotated[float, Field(ge=0, le=600)] = 3.0


class Stage(_Frozen):
    name: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")]
    select: Selector
    batch_size: Annotated[int, Field(ge=1)] | None = None  # None: the whole stage at once
    max_fail_pct: Annotated[float, Field(ge=0, le=100)] = 0.0
    on_failure: Literal["revert-stage-and-stop", "stop", "continue"] = "revert-stage-and-stop"
    gate: Gate = Gate()


class Playbook(_Frozen):
    name: Annotated[str, Field(min_length=1, max_length=64)]
    description: str = ""
    confirm_timeout: Annotated[int, Field(ge=1, le=120)] = 10  # minutes, IOS revert timer
    workers: Annotated[int, Field(ge=1, le=256)] = 16
    # A host's change of more lines than this is pushed as a file (SCP to flash, then
    # ``copy flash:FILE running-config`` under the same revert timer); null: always line by line
    file_push_above: Annotated[int, Field(ge=0)] | None = 200
    stages: Annotated[tuple[Stage, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _unique_stage_names(self) -> Playbook:
        names = [s.name for s in self.stages]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"stage names must be unique, repeated: {', '.join(dupes)}")
        return self

    def with_overrides(
        self,
        *,
        batch_size: int | None = None,
        max_fail_pct: float | None = None,
        confirm_timeout: int | None = None,
        workers: int | None = None,
    ) -> Playbook:
        """The playbook with command-line overrides applied (validated again)."""
        data = self.model_dump()
        if confirm_timeout is not None:
            data["confirm_timeout"] = confirm_timeout
        if workers is not None:
            data["workers"] = workers
        for stage in data["stages"]:
            if batch_size is not None and stage["select"].get("role") != "hub":
                stage["batch_size"] = batch_size
            if max_fail_pct is not None:
                stage["max_fail_pct"] = max_fail_pct
        try:
            return Playbook.model_validate(data)
        except ValidationError as exc:
            loc = ".".join(str(part) for part in exc.errors()[0]["loc"])
            raise BadInputError(f"command-line override: {loc}: {_first_error(exc)}") from None


def assign_stages(playbook: Playbook, hosts: Sequence[tuple[str, str]],
                  changed: set[str]) -> dict[str, list[str]]:
    """Hosts (name, role) of each stage: the FIRST stage whose selector matches a host takes
    it. Within a selector, hosts with changes come first (a canary should be a host that
    changes), then inventory order; ``limit`` counts after that."""
    taken: set[str] = set()
    out: dict[str, list[str]] = {}
    ordered = sorted(hosts, key=lambda h: h[0] not in changed)
    for stage in playbook.stages:
        sel = stage.select
        chosen: list[str] = []
        for name, role in ordered:
            if name in taken:
                continue
            if not sel.rest:
                if sel.role is not None and role != sel.role:
                    continue
                if sel.hosts is not None and name not in sel.hosts:
                    continue
            if sel.limit is not None and len(chosen) >= sel.limit:
                break
            chosen.append(name)
        taken.update(chosen)
        out[stage.name] = chosen
    return out


def stage_waves(stage: Stage, hosts: Sequence[str]) -> list[Wave]:
    """The batches of one stage's hosts with changes (``batch_size``, else all at once)."""
    size = stage.batch_size or max(len(hosts), 1)
    chunks = [tuple(hosts[i:i + size]) for i in range(0, len(hosts), size)]
    return [Wave(stage.name, n, len(chunks), chunk) for n, chunk in enumerate(chunks, start=1)]


def rollout_waves(playbook: Playbook, roles: Mapping[str, str],
                  changed: set[str]) -> list[Wave]:
    """The rollout order of hosts (name -> role, inventory order) under ``playbook``: every
    stage's hosts with changes, batch by batch. What ``plan`` predicts and ``rollout`` runs."""
    stages = assign_stages(playbook, list(roles.items()), changed)
    return [wave for stage in playbook.stages
            for wave in stage_waves(stage, [h for h in stages[stage.name] if h in changed])]


def load_playbook(path: Path) -> Playbook:
    """Read and validate a playbook file. Raises BadInputError naming the file and the path."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BadInputError(f"{path}: cannot read playbook: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        raise BadInputError(
            f"{path}:{where} YAML syntax error: {getattr(exc, 'problem', exc)}"
        ) from None
    if not isinstance(raw, dict):
        raise BadInputError(f"{path}: a playbook is a mapping with 'name' and 'stages'")
    try:
        return Playbook.model_validate(raw)
    except ValidationError as exc:
        raise BadInputError(_located_error(path, exc)) from None


def _located_error(path: Path, exc: ValidationError) -> str:
    """``playbooks/x.yaml:12: stages[1].select.rol: unknown key 'rol' (did you mean 'role'?)``:
    the inventory errors' shape (file:line, the path, a did-you-mean for a mistyped key)."""
    from flexorch.intent.errors import format_path
    from flexorch.intent.yamlio import display, find_line

    err = exc.errors()[0]
    loc = list(err["loc"])
    line = find_line(path, loc)
    where = display(path) + (f":{line}" if line else "")
    return f"{where}: {format_path(loc) or '(top)'}: {_first_error(exc)}"


def _first_error(exc: ValidationError) -> str:
    """The first problem, in words (an unknown key with the closest allowed one)."""
    err = exc.errors()[0]
    message = err["msg"].removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        key = str(err["loc"][-1])
        allowed = _fields_at(Playbook, list(err["loc"][:-1]))
        close = difflib.get_close_matches(key, allowed, n=1)
        message = f"unknown key '{key}'" + (f" (did you mean '{close[0]}'?)" if close
                                              else f" (allowed: {', '.join(allowed)})")
    return message


def _fields_at(model: type[BaseModel], loc: list[Any]) -> list[str]:
    """The keys a playbook allows at ``loc`` (list indexes skipped)."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None or isinstance(part, int) or part not in current.model_fields:
            continue
        current = _model_in(current.model_fields[part].annotation)
    return sorted(current.model_fields) if current is not None else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model an annotation holds (``tuple[Stage, ...]`` -> Stage)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
