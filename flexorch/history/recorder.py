"""The one way every command records its run, without ever letting the store break it.

A rollout that pushed config must still print its result and exit with its own code when the
history database is locked, full or gone. ``RunRecorder`` catches every StorageError, logs it
once as a warning on stderr (``flexorch.history: run history not recorded: ...``), keeps it in
``.error`` and turns the remaining calls into no-ops (so a dead database costs one timeout, not
one per host).

Commands that know every host's result at the end (plan, verify, drift) call ``record(...)``
once; a rollout, which records each host as it finishes and tags its backups with the run id,
holds a ``RunRecorder`` open for the run. Verification comparisons of any command become
history ``CheckResult``s through ``check_results``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import Any, ParamSpec, Protocol, TypeVar

from flexorch.errors import StorageError
from flexorch.history.models import CheckResult, HostRecord, RunDetail
from flexorch.history.store import Store, open_store

log = logging.getLogger("flexorch.history")
P = ParamSpec("P")
T = TypeVar("T")


def safe_record(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T | None:
    """Call a store method; on StorageError log a warning and return None instead of raising."""
    try:
        return fn(*args, **kwargs)
    except StorageError as exc:
        log.warning("run history not recorded: %s", exc)
        return None


class RunRecorder:
    """One run in the history store, fault-tolerant. Use as a context manager::

        with RunRecorder("rollout", site="hub1", args={"batch_size": 10}) as rec:
            rec.host(HostRecord(host="hub1-r1", step="done", status="changed", ...))
            rec.finish("ok", {"confirmed": 3})

    Leaving the block without ``finish`` records outcome ``error`` (``interrupted`` on Ctrl-C)
    with the exception's message in the summary. ``store`` lets a caller share an open store;
    otherwise ``url`` (or ``$FLEXORCH_DB`` / the default SQLite file) is opened and closed here.
    """

    def __init__(
        self, command: str, site: str | None = None, args: dict[str, Any] | None = None, *,
        user: str | None = None, url: str | None = None, store: Store | None = None,
        started_at: datetime | None = None,
    ) -> None:
        self.error: str | None = None
        self.run_id: int | None = None
        self.finished = False
        self._lock = threading.Lock()
        self._own_store = store is None
        self._store: Store | None = store
        try:
            if self._store is None:
                self._store = open_store(url)
            self.run_id = self._store.start_run(command, site, user, args, started_at=started_at)
        except StorageError as exc:
            self._failed(exc)

    @property
    def recording(self) -> bool:
        """True while the run is being recorded (no storage error so far)."""
        return self.run_id is not None and self.error is None

    def _failed(self, exc: StorageError) -> None:
        with self._lock:
            first = self.error is None
            self.error = str(exc)
        if first:
            log.warning("run history not recorded: %s", exc)

    def _call(self, fn: Callable[..., Any], *args: Any) -> None:
        if not self.recording:
            return
        try:
            fn(self.run_id, *args)
        except StorageError as exc:
            self._failed(exc)

    def host(self, record: HostRecord) -> None:
        """Record (or replace) one host's record; never raises StorageError."""
        if self._store is not None:
            self._call(self._store.record_host, record)

    def hosts(self, records: Iterable[HostRecord]) -> None:
        """Record many hosts in one transaction; never raises StorageError."""
        if self._store is not None:
            self._call(self._store.record_hosts, list(records))

    def finish(self, outcome: str, summary: dict[str, Any] | None = None) -> None:
        """Record the run's outcome and summary; never raises StorageError."""
        self.finished = True
        if self._store is not None:
            self._call(self._store.finish_run, outcome, summary)

    def close(self) -> None:
        """Close the store if this recorder opened it."""
        if self._own_store and self._store is not None:
            self._store.close()
            self._store = None

    def __enter__(self) -> RunRecorder:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if not self.finished:
                if exc_type is not None and issubclass(exc_type, KeyboardInterrupt):
                    self.finish("interrupted", {"error": "interrupted"})
                elif exc is not None:
                    self.finish("error", {"error": f"{type(exc).__name__}: {exc}"})
                else:
                    self.finish("error", {"error": "run ended without an outcome"})
        finally:
            self.close()


def reap_abandoned(site: str | None, *, url: str | None = None) -> list[RunDetail]:
    """The runs of ``site`` whose process died before finishing them (killed, crashed, machine
    rebooted), marked ``abandoned`` in the store now, with the hosts they had touched and their
    last known state. Runs still going on, and runs recorded on another machine, are left
    alone. Never raises StorageError (a store fault is one warning, and no run is reported)."""
    try:
        with open_store(url) as store:
            dead = [run for run in store.unfinished_runs(site) if run.alive is False]
            for run in dead:
                store.mark_abandoned(run)
                log.warning("run %d (%s%s) was abandoned: its process %s on %s died before it "
                            "finished; hosts it had touched: %s (see `flexorch history show "
                            "%d`)", run.id, run.command, f" site {run.site}" if run.site else "",
                            run.pid, run.machine,
                            ", ".join(f"{h.host} {h.status} at {h.step}" for h in run.hosts)
                            or "none", run.id)
            return dead
    except StorageError as exc:
        log.warning("run history not checked for abandoned runs: %s", exc)
        return []


@dataclass(frozen=True)
class Recorded:
    """What became of a recorded run: its id, or (the store failed) why it was not recorded."""

    run_id: int | None
    error: str | None


def record(command: str, site: str | None, hosts: Iterable[HostRecord], outcome: str,
           summary: dict[str, Any], *, args: dict[str, Any] | None = None,
           started_at: datetime | None = None, url: str | None = None) -> Recorded:
    """Record a finished run in one go: every host in one transaction, then its outcome and
    summary. ``started_at``: when the run really began (default: now). Never raises
    StorageError (see the module docstring)."""
    with RunRecorder(command, site=site, args=args, url=url, started_at=started_at) as rec:
        rec.hosts(hosts)
        rec.finish(outcome, summary)
        return Recorded(rec.run_id if rec.recording else None, rec.error)


class Comparison(Protocol):
    """One verification comparison, as verify, the rollout gate and drift produce them."""

    @property
    def tunnel(self) -> str: ...
    @property
    def check(self) -> str: ...
    @property
    def expected(self) -> Any: ...
    @property
    def observed(self) -> Any: ...
    @property
    def ok(self) -> bool: ...
    @property
    def peer(self) -> str | None: ...


def check_results(comparisons: Iterable[Comparison]) -> tuple[CheckResult, ...]:
    """Verification comparisons as history records (masked by the store on the way in); a
    failed check keeps its cause (``message``: the reports show it)."""
    out = []
    for c in comparisons:
        # verify's and drift's comparisons carry a cause; the gate's rows may not.
        message = getattr(c, "message", "") if not c.ok else ""
        out.append(CheckResult(tunnel=c.tunnel, check=c.check, expected=c.expected,
                               observed=c.observed, ok=c.ok, peer=c.peer,
                               **({"message": message} if message else {})))
    return tuple(out)
