"""The plan document: what ``flexorch plan`` prints as JSON and saves, and what ``rollout --plan``
checks before it pushes anything.

A saved plan holds, per host, the SHA-256 of the running config it was computed from and the
remediation lines with every secret masked (a plan file never holds a key). ``rollout --plan
FILE`` recomputes the plan from the routers and the inventory and refuses (exit 2) when a
running config changed since (stale plan) or when the recomputed lines differ from the saved
ones (the intent changed): what was reviewed is exactly what is pushed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from flexorch.errors import BadInputError
from flexorch.plan.outcomes import TunnelOutcome
from flexorch.plan.rolloutplan import PredictedFailure, RolloutPlan, predicted_failures
from flexorch.secrets import MASK, mask

KIND: Final = "flexorch-plan"
VERSION = 2  # 2: rollout phases, per-tunnel timelines, predicted failures
# refused: an unconfirmed change is pending on the router (flexorch.pending): nothing planned
HostStatus = Literal["changes", "no-changes", "unreachable", "refused"]


class SectionPlan(BaseModel):
    """One top-level section the plan touches (lines masked)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    section: str
    action: Literal["create", "modify", "recreate", "remove"]
    lines: tuple[str, ...]


class HostPlan(BaseModel):
    """The plan of one host."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    host: str
    role: str
    status: HostStatus
    message: str = ""
    running_sha256: str | None = None
    lines: tuple[str, ...] = ()  # masked
    sections: tuple[SectionPlan, ...] = ()
    notes: tuple[str, ...] = ()
    outcomes: tuple[TunnelOutcome, ...] = ()


class OutsideTunnel(TunnelOutcome):
    """A tunnel between a router outside a partial selection (``host``: it keeps its running
    config) and a selected one, predicted once the selected routers hold the intent."""

    host: str
    role: str


class PlanDocument(BaseModel):
    """A whole plan: one site, or a selection of its routers (``selection`` says which; the
    routers they negotiate with outside it are read and ``outside`` predicts their tunnels to
    the selection, ``outside_unread`` names those that could not be read), and how its
    rollout unfolds (``rollout``: phases in ``playbook``'s order, tunnels through them)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Literal["flexorch-plan"] = "flexorch-plan"
    version: int = VERSION
    site: str
    created: str
    inventory: str
    playbook: str = ""  # the rollout order the phases follow
    hosts: tuple[HostPlan, ...]
    selection: str | None = None
    outside_hosts: tuple[str, ...] = ()  # every router outside the selection it negotiates with
    outside: tuple[OutsideTunnel, ...] = ()
    outside_unread: tuple[str, ...] = ()
    rollout: RolloutPlan | None = None
    predicted_failures: tuple[PredictedFailure, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _failures(cls, data: Any) -> Any:
        """Every tunnel not predicted up once the intent is in place, from the hosts'
        outcomes (stored so a reader of the JSON needs no model)."""
        if isinstance(data, dict) and "predicted_failures" not in data:
            data = {**data, "predicted_failures": predicted_failures(data.get("hosts", ()))}
        return data

    @property
    def changes(self) -> int:
        """Hosts with lines to send."""
        return sum(h.status == "changes" for h in self.hosts)

    @property
    def unreachable(self) -> int:
        return sum(h.status == "unreachable" for h in self.hosts)

    @property
    def refused(self) -> int:
        """Hosts holding an unconfirmed change (nothing is planned or pushed for them)."""
        return sum(h.status == "refused" for h in self.hosts)

    def host(self, name: str) -> HostPlan | None:
        return next((h for h in self.hosts if h.host == name), None)

    def exit_code(self) -> int:
        """4 a tunnel between two routers of the inventory is predicted not to come up once the
        intent is in place (the intent itself is wrong, changes or not), else 3 changes pending
        (even when some hosts could not be planned: the summary says how many), else 1 a host
        could not be planned (unreachable, or refused: an unconfirmed change is pending on it),
        else 0 nothing to do.

        A failure toward an address no router of the inventory owns (``peer`` None) is listed
        but does not make exit 4: the model cannot tell a gateway outside the inventory (an
        Azure VPN gateway an imported router dials) from a wrong address.
        """
        if any(f.peer is not None for f in self.predicted_failures):
            return 4
        if self.changes:
            return 3
        return 1 if self.unreachable or self.refused else 0


def now() -> str:
    """UTC timestamp for documents and run tags."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def masked_lines(lines: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Lines as they may be shown or stored: every secret masked, line by line."""
    return tuple(mask(line) for line in lines)


def unmasked_lines(masked: Sequence[str],
                   sources: Iterable[Sequence[str]]) -> tuple[str, ...] | None:
    """``masked`` (lines as ``masked_lines`` gives them) with each masked line replaced by the
    clear line of ``sources`` (config lines, indented by block) that masks to it under the same
    parent lines (a line whose asterisks are its own, a banner's or a description's, kept as it
    is where the sources have it so); None when a masked line has no such clear line, or several
    different ones (it cannot be told which key it held). What a worker does with a push the
    coordinator sends masked: the keys come from the worker's own inventory, never through the
    broker."""
    clear: dict[tuple[tuple[str, ...], str], set[str]] = {}
    verbatim: set[tuple[tuple[str, ...], str]] = set()  # lines with asterisks of their own
    for lines in sources:
        for path, line in _with_parents(lines):
            masked_line = mask(line)
            parents = tuple(mask(p) for p in path)
            if masked_line != line:
                clear.setdefault((parents, masked_line), set()).add(line)
            elif MASK in line:
                verbatim.add((parents, line))
    out = []
    for path, line in _with_parents(masked):
        if MASK not in line or (path, line) in verbatim:
            out.append(line)
            continue
        found = clear.get((path, line), set())
        if len(found) != 1:
            return None
        out.append(next(iter(found)))
    return tuple(out)


def _with_parents(lines: Iterable[str]) -> Iterator[tuple[tuple[str, ...], str]]:
    """Each line with the lines of the blocks it sits in (by indentation), outermost first."""
    stack: list[tuple[int, str]] = []
    for line in lines:
        depth = len(line) - len(line.lstrip(" "))
        while stack and stack[-1][0] >= depth:
            stack.pop()
        yield tuple(text for _, text in stack), line
        stack.append((depth, line))


def default_plan_path(site: str, host: str | None = None) -> Path:
    """Where ``flexorch plan`` saves a plan: ``<state dir>/plans/<site>[-<host>].json`` (the
    folder 0700; site and host must be plain file names, BadInputError)."""
    from flexorch.files import safe_component
    from flexorch.paths import state_subdir

    name = safe_component(site, "site")
    if host is not None:
        name += "-" + safe_component(host, "host")
    return state_subdir("plans") / f"{name}.json"


def save_plan(document: PlanDocument, path: Path) -> None:
    """Write the plan as JSON (0600: it names the fleet's objects, never a secret), atomically
    and never through a symlink. Raises BadInputError when the file cannot be written."""
    from flexorch.files import write_file

    text = json.dumps(document.model_dump(mode="json"), indent=2) + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_file(path, mask(text), private=True)
    except OSError as exc:
        raise BadInputError(f"{path}: cannot write the plan: {exc.strerror}") from None


def load_plan(path: Path) -> PlanDocument:
    """Read a saved plan. Raises BadInputError (exit 2) naming the file and the problem."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BadInputError(f"{path}: cannot read plan: {exc.strerror}") from None
    except ValueError as exc:
        raise BadInputError(f"{path}: not a plan file (invalid JSON: {exc})") from None
    if not isinstance(raw, dict) or raw.get("kind") != KIND:
        raise BadInputError(f"{path}: not a flexorch plan file")
    if raw.get("version") != VERSION:
        raise BadInputError(f"{path}: plan version {raw.get('version')!r} is not supported "
                            f"(expected {VERSION})")
    try:
        return PlanDocument.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "(top)"
        raise BadInputError(f"{path}: invalid plan at {where}: {err['msg']}") from None


def check_plan(document: PlanDocument, path: Path, site: str,
               current: Mapping[str, tuple[str | None, tuple[str, ...]]],
               playbook: str | None = None) -> None:
    """Refuse a plan that no longer describes what would be pushed.

    ``current``: host -> (running-config hash now, masked lines recomputed now, in rollout
    phases). Raises BadInputError (exit 2) for another site or playbook (the phases follow
    its order), a host missing now, a running config changed since the plan (stale), or lines
    that differ (the intent changed)."""
    if document.site != site:
        raise BadInputError(f"{path}: plan is for site {document.site}, not {site}")
    if playbook is not None and document.playbook and document.playbook != playbook:
        raise BadInputError(f"{path}: plan was phased for playbook {document.playbook}, not "
                            f"{playbook}; plan again with --playbook")
    for planned in document.hosts:
        if planned.status in ("unreachable", "refused"):
            why = "unreachable" if planned.status == "unreachable" else (
                "holding an unconfirmed change")
            raise BadInputError(f"{path}: host {planned.host} was {why} when the plan was "
                                "made; make a new plan")
        if planned.host not in current:
            raise BadInputError(f"{path}: host {planned.host} is not in site {site} any more")
        running, lines = current[planned.host]
        if running is None:
            continue  # unreachable now: reported by the rollout, nothing is pushed to it
        if running != planned.running_sha256:
            raise BadInputError(
                f"{path}: stale plan: the running config of {planned.host} changed since the "
                f"plan was made ({document.created}); run 'flexorch plan' again")
        if lines != planned.lines:
            raise BadInputError(
                f"{path}: the plan for {planned.host} no longer matches the intent (inventory "
                "changed since the plan was made); run 'flexorch plan' again")
