"""What a rollout knows about each host as it goes, and the report it ends with.

Host states (``HostState.status``), final unless noted:

- ``pending``      (in progress) not finished yet;
- ``confirmed``    the remediation was pushed, verified, confirmed and saved;
- ``unchanged``    nothing to send: the router already holds the intent;
- ``reverted``     pushed, then rolled back (push refused, gate failed, stage reverted,
                   interrupted); the router is back on its previous config;
- ``reverting``    the router stopped answering after the push: its IOS revert timer rolls it
                   back at ``revert_by`` (nothing was confirmed);
- ``failed``       could not be brought back automatically (rollback and configure replace both
                   failed): the message says what is left to do;
- ``unreachable``  could not be read at all: nothing was changed;
- ``refused``      an unconfirmed change (not this run's) was pending under its revert timer:
                   nothing was pushed onto it (``flexorch recover --host H`` resolves it);
- ``partial``      some of its phases were confirmed, not all: the router holds a bridge config
                   (old and new alternatives side by side, ``flexorch.plan.bridge``), which
                   keeps every tunnel up; the message says what is missing;
- ``skipped``      not started (an earlier stage failed, interrupted, or no stage selects it).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from flexorch.secrets import mask

if TYPE_CHECKING:
    from flexorch.history.models import RunDetail

Status = Literal["pending", "confirmed", "unchanged", "reverted", "reverting", "failed",
                 "unreachable", "refused", "partial", "skipped"]
PROBLEMS: frozenset[str] = frozenset({"reverted", "reverting", "failed", "unreachable",
                                      "refused", "partial"})
# History store status per rollout status (a host still pending when the run records its end
# did not finish: failed; while the run goes on it is recorded as ``pending``).
HISTORY_STATUS: dict[str, str] = {
    "confirmed": "changed", "unchanged": "ok", "reverted": "reverted", "reverting": "failed",
    "failed": "failed", "unreachable": "unreachable", "refused": "failed", "skipped": "skipped",
    "pending": "failed", "partial": "changed",
}


@dataclass
class CheckRow:
    """One verification check of the gate (masked values)."""

    tunnel: str
    peer: str | None
    check: str
    expected: str
    observed: str
    ok: bool
    message: str = ""


@dataclass
class HostState:
    """One host through the rollout. Updated from worker threads under ``lock``."""

    host: str
    role: str
    stage: str | None = None
    step: str = "connect"
    status: Status = "pending"
    message: str = ""
    lines: tuple[str, ...] = ()  # every push's lines in order, clear: never print or store
    sent: int = 0  # lines IOS took (every push so far)
    pushes: int = 0  # pushes started (a hub may get several: bridge, release, cleanup)
    backup_path: str | None = None
    flash_backup: str | None = None
    pushed: bool = False  # a change is on the router under the revert timer
    push_error: str | None = None  # the push failed after the timer started: undo it
    revert_by: float | None = None  # wall time the revert timer fires
    after_sha256: str | None = None  # running config left once confirmed (for rollback)
    # The running config an earlier phase left once confirmed, when pushes run on workers: the
    # next phase is pushed only onto that config (``flexorch.distributed.cluster.pushes``).
    phase_sha256: str | None = None
    checks: list[CheckRow] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def update(self, **changes: Any) -> None:
        with self.lock:
            for key, value in changes.items():
                setattr(self, key, value)

    def to_json(self) -> dict[str, Any]:
        """JSON summary of this host (masked)."""
        failed = [c for c in self.checks if not c.ok]
        doc: dict[str, Any] = {
            "host": self.host, "role": self.role, "stage": self.stage, "status": self.status,
            "step": self.step, "message": mask(self.message), "lines": len(self.lines),
            "lines_sent": self.sent, "backup": self.backup_path,
            "checks": len(self.checks), "failed_checks": [c.__dict__ for c in failed],
        }
        if self.status == "reverting" and self.revert_by is not None:
            doc["revert_by"] = time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(self.revert_by))
        return doc


@dataclass
class StageReport:
    name: str
    hosts: list[str]
    status: Literal["ok", "failed", "skipped", "not-started", "interrupted"] = "not-started"
    failed: int = 0
    batches: int = 0


@dataclass
class RolloutReport:
    """The outcome of a rollout: per host and per stage, for text, JSON and history."""

    site: str
    hosts: list[HostState]
    stages: list[StageReport]
    dry_run: bool = False
    interrupted: bool = False
    started: float = field(default_factory=time.time)
    finished: float | None = None
    run_id: int | None = None
    # earlier runs of the site whose process died before finishing (found as this run began)
    abandoned: list[RunDetail] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for host in self.hosts:
            out[host.status] = out.get(host.status, 0) + 1
        return out

    @property
    def ok(self) -> bool:
        return not self.interrupted and all(
            h.status in ("confirmed", "unchanged") for h in self.hosts)

    def exit_code(self) -> int:
        """0 all confirmed or unchanged, 1 any host failed/reverted/unreachable/refused/
        skipped, 130 interrupted. A dry run: 1 when a host could not be read or is refused."""
        if self.interrupted:
            return 130
        if self.dry_run:
            return 1 if any(h.status in ("unreachable", "refused") for h in self.hosts) else 0
        return 0 if self.ok else 1

    def outcome(self) -> str:
        """History outcome."""
        if self.interrupted:
            return "interrupted"
        if self.dry_run:
            return "changes" if any(h.lines for h in self.hosts) else "ok"
        return "ok" if self.ok else "failed"

    def to_json(self) -> dict[str, Any]:
        return {
            "site": self.site, "run_id": self.run_id, "dry_run": self.dry_run,
            "outcome": self.outcome(), "interrupted": self.interrupted,
            "duration_s": round((self.finished or time.time()) - self.started, 3),
            "summary": self.counts(),
            "lines_sent": sum(h.sent for h in self.hosts),
            "stages": [s.__dict__ for s in self.stages],
            "hosts": [h.to_json() for h in self.hosts],
            "abandoned_runs": [{
                "run_id": r.id, "command": r.command, "pid": r.pid, "machine": r.machine,
                "hosts": {h.host: {"status": h.status, "step": h.step, "message": h.message}
                          for h in r.hosts}} for r in self.abandoned],
        }
