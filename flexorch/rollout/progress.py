"""Progress of a rollout: a live view on a terminal (rich), plain log lines otherwise.

Reporters are called from worker threads; each keeps its own lock. Everything shown is masked.
"""

from __future__ import annotations

import sys
import threading
import time
from typing import TYPE_CHECKING, Any, Protocol

from flexorch.secrets import mask

if TYPE_CHECKING:
    from flexorch.rollout.model import HostState


class Reporter(Protocol):
    def stage(self, name: str, index: int, total: int, hosts: int) -> None: ...
    def batch(self, stage: str, index: int, total: int, hosts: list[str]) -> None: ...
    def step(self, host: HostState, step: str) -> None: ...
    def done(self, host: HostState) -> None: ...
    def note(self, text: str) -> None: ...
    def close(self) -> None: ...


class NullReporter:
    """Says nothing (library use, tests)."""

    def stage(self, name: str, index: int, total: int, hosts: int) -> None:
        return None

    def batch(self, stage: str, index: int, total: int, hosts: list[str]) -> None:
        return None

    def step(self, host: HostState, step: str) -> None:
        return None

    def done(self, host: HostState) -> None:
        return None

    def note(self, text: str) -> None:
        return None

    def close(self) -> None:
        return None


class LineReporter:
    """One line per event on a stream (stderr by default): for logs, pipes and schedulers."""

    def __init__(self, stream: Any = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self._lock = threading.Lock()
        self._start = time.monotonic()

    def _emit(self, text: str) -> None:
        with self._lock:
            self.stream.write(f"[{time.monotonic() - self._start:7.1f}s] {mask(text)}\n")
            self.stream.flush()

    def stage(self, name: str, index: int, total: int, hosts: int) -> None:
        self._emit(f"stage {index}/{total} {name}: {hosts} host(s)")

    def batch(self, stage: str, index: int, total: int, hosts: list[str]) -> None:
        self._emit(f"stage {stage} batch {index}/{total}: {', '.join(hosts)}")

    def step(self, host: HostState, step: str) -> None:
        self._emit(f"{host.host}: {step}")

    def done(self, host: HostState) -> None:
        extra = f": {host.message}" if host.message else ""
        self._emit(f"{host.host}: {host.status.upper()} at {host.step}{extra}")

    def note(self, text: str) -> None:
        self._emit(text)

    def close(self) -> None:
        return None


class LiveReporter:
    """A rich Live panel: stage and batch, hosts done/failed/total, what each busy host does."""

    def __init__(self, total: int) -> None:
        from rich.console import Console
        from rich.live import Live

        self.total = total
        self._lock = threading.Lock()
        self._stage = ""
        self._batch = ""
        self._busy: dict[str, str] = {}
        self._done = 0
        self._problems: list[str] = []
        self._notes: list[str] = []
        self.console = Console(stderr=True, highlight=False)
        self._live = Live(self._render(), console=self.console, refresh_per_second=8,
                          transient=False)
        self._live.start()

    def _render(self) -> Any:
        from rich.table import Table

        table = Table.grid(padding=(0, 1))
        table.add_row("[bold]stage[/bold]", f"{self._stage} {self._batch}".strip() or "-")
        failed = len(self._problems)
        table.add_row("[bold]hosts[/bold]",
                      f"{self._done}/{self.total} done, [red]{failed} failed[/red]"
                      if failed else f"{self._done}/{self.total} done")
        for name, step in list(self._busy.items())[:12]:
            table.add_row(f"  {name}", step)
        if len(self._busy) > 12:
            table.add_row("", f"... and {len(self._busy) - 12} more")
        for line in self._problems[-5:] + self._notes[-3:]:
            table.add_row("", mask(line))
        return table

    def _refresh(self) -> None:
        self._live.update(self._render())

    def stage(self, name: str, index: int, total: int, hosts: int) -> None:
        with self._lock:
            self._stage = f"{index}/{total} {name} ({hosts} hosts)"
            self._batch = ""
            self._refresh()

    def batch(self, stage: str, index: int, total: int, hosts: list[str]) -> None:
        with self._lock:
            self._batch = f"batch {index}/{total}"
            self._refresh()

    def step(self, host: HostState, step: str) -> None:
        with self._lock:
            self._busy[host.host] = step
            self._refresh()

    def done(self, host: HostState) -> None:
        with self._lock:
            self._busy.pop(host.host, None)
            self._done += 1
            if host.status not in ("confirmed", "unchanged"):
                self._problems.append(f"{host.host}: {host.status} at {host.step}: {host.message}")
            self._refresh()

    def note(self, text: str) -> None:
        with self._lock:
            self._notes.append(text)
            self._refresh()

    def close(self) -> None:
        with self._lock:
            self._busy.clear()
            self._refresh()
            self._live.stop()
