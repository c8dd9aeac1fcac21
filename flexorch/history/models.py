"""Records of the history store: what a writer hands in (HostRecord) and what readers get back.

Everything a writer passes is masked on the way in (``flexorch.secrets.mask`` on every string,
nested ones included) by :meth:`HostRecord.masked_data`, which the store calls before it writes
a single byte.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from flexorch.secrets import mask

#: Steps a host can have reached, in the order a rollout goes through them. Other commands use
#: the subset that fits (verify: connect, verify, done; drift: connect, collect, done).
KNOWN_STEPS: Final[tuple[str, ...]] = (
    "lock", "connect", "collect", "backup", "plan", "push", "verify", "confirm", "revert",
    "restore", "done",
)
#: ``pending``: the run touched the host and has not finished with it (recorded when a rollout
#: first touches a host, and when a change goes on under the revert timer): the last known
#: state of a host of a run whose process died.
HostStatus = Literal[
    "ok", "changed", "failed", "reverted", "unreachable", "drift", "clean", "skipped", "pending"
]
HOST_STATUSES: Final[tuple[str, ...]] = HostStatus.__args__  # type: ignore[attr-defined]
#: Host statuses that count as a problem in listings and reports.
PROBLEM_STATUSES: Final[frozenset[str]] = frozenset(
    {"failed", "reverted", "unreachable", "drift", "pending"})

#: ``abandoned``: the process that wrote the run died before finishing it (set by the next run
#: of the site; listings compute it for runs not marked yet, see ``flexorch.history.liveness``).
#: ``predicted-failure``: a plan whose intent leaves a tunnel predicted not to come up (exit 4).
Outcome = Literal["ok", "changes", "predicted-failure", "drift", "failed", "error",
                  "interrupted", "abandoned"]
OUTCOMES: Final[tuple[str, ...]] = Outcome.__args__  # type: ignore[attr-defined]

_STEP_CHARS: Final = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-_")


class Masker:
    """``flexorch.secrets.mask`` with a memo. A batch of host records repeats the same strings
    (check names, READY, section names) thousands of times; masking each once keeps storing
    10,000 records fast. Use one Masker per batch: the memo must not outlive new secrets."""

    def __init__(self) -> None:
        self._memo: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        found = self._memo.get(text)
        if found is None:
            found = self._memo[text] = mask(text)
        return found

    def tree(self, value: Any) -> Any:
        """Mask every string (keys too) in nested dicts/lists, like ``mask_data``."""
        if isinstance(value, str):
            return self(value)
        if isinstance(value, dict):
            return {self(k) if isinstance(k, str) else k: self.tree(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.tree(v) for v in value]
        return value


class CheckResult(BaseModel):
    """One verification comparison: one tunnel, one attribute.

    ``peer`` (optional) is the inventory name of the router at the other end; the HTML report
    uses it to place the tunnel in the hub x spoke matrix. Check names the report understands:
    ``peer`` (present), ``status`` (READY), ``suite``, ``fragmentation``, ``sgt``, ``nat_t``.
    Extra keys are kept as they are (masked).
    """

    model_config = ConfigDict(frozen=True, extra="allow")

    tunnel: str
    check: str
    expected: Any = None
    observed: Any = None
    ok: bool
    peer: str | None = None


class DriftFinding(BaseModel):
    """One drift finding: a config line missing/extra/changed in a section, an operational
    difference (``section`` is then the tunnel or peer, ``line`` the attribute), or an
    unconfirmed change under a revert timer (``unconfirmed-change``: ``section`` is
    ``revert timer``, ``line`` what IOS shows of it, ``change`` changed)."""

    model_config = ConfigDict(frozen=True, extra="allow")

    kind: Literal["config", "operational", "unconfirmed-change"]
    section: str
    line: str = ""
    change: Literal["missing", "extra", "changed"]
    detail: str = ""


class HostRecord(BaseModel):
    """What one run did to one host. Recording it again for the same run replaces it (upsert)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    host: str = Field(min_length=1)
    step: str = Field(min_length=1, max_length=32)
    status: HostStatus
    message: str = ""
    role: str | None = None  # hub | spoke | client, when the writer knows it (used by reports)
    lines_sent: tuple[str, ...] = ()
    verification: tuple[CheckResult, ...] = ()
    drift: tuple[DriftFinding, ...] = ()
    backup_path: str | None = None
    # SHA-256 of the running config the run left on the host (``plan.configs.running_hash``):
    # ``flexorch rollback`` refuses a router whose config changed since.
    after_sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")

    @field_validator("step")
    @classmethod
    def _step_is_a_word(cls, value: str) -> str:
        # Free vocabulary (KNOWN_STEPS lists ours) but a single lower-case word, so listings
        # and filters stay predictable.
        if not set(value) <= _STEP_CHARS:
            raise ValueError(f"step {value!r} must be a lower-case word like {KNOWN_STEPS[1]!r}")
        return value

    def masked_data(self, masker: Masker | None = None) -> dict[str, Any]:
        """Every field as plain JSON-able data with every string masked (what gets stored)."""
        m = masker or Masker()
        return {
            "host": m(self.host),
            "step": self.step,
            "status": self.status,
            "message": m(self.message),
            "role": m(self.role) if self.role is not None else None,
            "lines_sent": [m(line) for line in self.lines_sent],
            "verification": m.tree([c.model_dump(mode="json") for c in self.verification]),
            "drift": m.tree([d.model_dump(mode="json") for d in self.drift]),
            "backup_path": m(self.backup_path) if self.backup_path is not None else None,
            "after_sha256": self.after_sha256,
        }

    def masked(self) -> HostRecord:
        """A copy with every secret masked: lines one by one, messages, nested check data."""
        return HostRecord.model_validate(self.masked_data())

    @property
    def problem(self) -> bool:
        """True when this host failed, was reverted, unreachable or drifted."""
        return self.status in PROBLEM_STATUSES


class RunSummary(BaseModel):
    """One run as listed by ``Store.list_runs``."""

    model_config = ConfigDict(frozen=True)

    id: int
    command: str
    site: str | None
    user: str
    args: dict[str, Any]
    started_at: datetime
    finished_at: datetime | None
    outcome: str | None  # None while the run is going on (or its process died before finishing)
    summary: dict[str, Any]
    host_statuses: dict[str, int] = {}  # status -> number of hosts
    pid: int | None = None  # the process that wrote the run, on ``machine``
    machine: str | None = None
    process_started: str | None = None
    alive: bool | None = None  # unfinished runs: is that process alive (None: cannot tell)

    @property
    def state(self) -> str:
        """The outcome; for a run never finished, ``running`` while its process lives (or when
        that cannot be told from here) and ``abandoned`` once it is gone."""
        if self.outcome is not None:
            return self.outcome
        return "abandoned" if self.alive is False else "running"

    @property
    def abandoned(self) -> bool:
        """True when the run's process died before it finished (marked, or found so now)."""
        return self.state == "abandoned"

    @property
    def duration_s(self) -> float | None:
        """Wall time in seconds, None while running."""
        if self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()

    @property
    def host_count(self) -> int:
        """Hosts recorded for this run."""
        return sum(self.host_statuses.values())

    @property
    def problem_count(self) -> int:
        """Hosts that failed, were reverted, unreachable or drifted."""
        return sum(n for s, n in self.host_statuses.items() if s in PROBLEM_STATUSES)

    def to_json(self) -> dict[str, Any]:
        """JSON document of the run (timestamps ISO-8601 UTC)."""
        doc = self.model_dump(mode="json")
        doc["outcome"] = self.state
        doc["duration_s"] = self.duration_s
        return doc


class RunDetail(RunSummary):
    """A run with the record of every host, in the order they were first recorded."""

    hosts: tuple[HostRecord, ...] = ()

    def host(self, name: str) -> HostRecord | None:
        """The record of host ``name`` in this run, if any."""
        return next((h for h in self.hosts if h.host == name), None)
