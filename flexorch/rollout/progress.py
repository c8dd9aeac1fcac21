"""Progress of a rollout: a live view on a terminal (rich), plain log lines otherwise.

Both show the same ``Tally``: elapsed time and an estimate of what is left, the reading of the
routers (how many have changes, how many have none, how many could not be read), the stage and
the batch with a bar each and what their hosts are doing, the lines a big push has sent, and
every problem (the live view shows the last few and the count; the end of the run lists them
all). Reporters are called from worker threads; each keeps its own lock. Everything shown is
masked.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from flexorch.secrets import mask

if TYPE_CHECKING:
    from flexorch.rollout.model import HostState

OK = frozenset({"confirmed", "unchanged"})
# Final statuses of a host whose change was pushed (the pace of the run).
PUSHED = frozenset({"confirmed", "reverted", "reverting", "failed", "partial"})
BIG_PUSH = 200  # lines: a push this long shows its own counter
SHOWN_PROBLEMS = 5
NOTE_SECONDS = 10.0  # a note stays on the live view this long
BAR = 24  # columns of a progress bar


class Reporter(Protocol):
    def reading(self, hosts: int) -> None: ...
    def read(self, host: str, lines: int, error: str | None) -> None: ...
    def stage(self, name: str, index: int, total: int, hosts: int) -> None: ...
    def batch(self, stage: str, index: int, total: int, hosts: list[str]) -> None: ...
    def step(self, host: HostState, step: str) -> None: ...
    def sent(self, host: HostState, lines: int) -> None: ...
    def done(self, host: HostState) -> None: ...
    def note(self, text: str) -> None: ...
    def close(self) -> None: ...


class NullReporter:
    """Says nothing (library use, tests)."""

    def reading(self, hosts: int) -> None:
        return None

    def read(self, host: str, lines: int, error: str | None) -> None:
        return None

    def stage(self, name: str, index: int, total: int, hosts: int) -> None:
        return None

    def batch(self, stage: str, index: int, total: int, hosts: list[str]) -> None:
        return None

    def step(self, host: HostState, step: str) -> None:
        return None

    def sent(self, host: HostState, lines: int) -> None:
        return None

    def done(self, host: HostState) -> None:
        return None

    def note(self, text: str) -> None:
        return None

    def close(self) -> None:
        return None


def clock(seconds: float) -> str:
    """``m:ss`` (``h:mm:ss`` from an hour).

    Examples:
        >>> clock(7.4), clock(75), clock(3725)
        ('0:07', '1:15', '1:02:05')
    """
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@dataclass
class Tally:
    """What the run has done so far (the reporters' shared state; callers hold a lock)."""

    total: int
    started: float = field(default_factory=time.monotonic)
    to_read: int = 0
    read: int = 0
    changes: int = 0
    unchanged: int = 0
    unreadable: int = 0
    stage: str = ""  # its name
    stage_label: str = ""  # 2/3 canary
    stage_total: int = 0
    stage_done: int = 0
    batch: str = ""
    batch_hosts: set[str] = field(default_factory=set)
    busy: dict[str, str] = field(default_factory=dict)  # host -> step, hosts in flight
    pushes: dict[str, tuple[int, int]] = field(default_factory=dict)  # big push: sent, lines
    finished: dict[str, str] = field(default_factory=dict)  # host -> final status
    problems: list[str] = field(default_factory=list)  # every one, in order
    first_push: float | None = None
    notes: list[tuple[float, str]] = field(default_factory=list)

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def eta(self) -> float | None:
        """Seconds left, from the pace of the pushed hosts finished since the first push;
        None until one has finished (or when nothing is left to push)."""
        done = sum(s in PUSHED for s in self.finished.values())
        left = self.changes - done
        if self.first_push is None or not done or left <= 0:
            return None
        return (time.monotonic() - self.first_push) / done * left

    def count(self, hosts: set[str]) -> int:
        return sum(h in self.finished for h in hosts)

    def on_stage(self, name: str, index: int, total: int, hosts: int) -> None:
        self.stage, self.stage_label = name, f"{index}/{total} {name}"
        self.stage_total, self.stage_done = hosts, 0
        self.batch, self.batch_hosts = "", set()

    def on_step(self, host: HostState, step: str) -> None:
        self.busy[host.host] = step
        if step == "push" and self.first_push is None:
            self.first_push = time.monotonic()

    def steps(self) -> str:
        """Busy hosts of the batch by step: ``push 4 · verify 8``."""
        counts = Counter(step for host, step in self.busy.items() if host in self.batch_hosts)
        return " · ".join(f"{step} {n}" for step, n in sorted(counts.items()))

    def on_done(self, host: HostState) -> str | None:
        """Record a finished host; its problem line, None when it is OK."""
        self.busy.pop(host.host, None)
        self.pushes.pop(host.host, None)
        if host.host not in self.finished and host.stage == self.stage:
            self.stage_done += 1
        self.finished[host.host] = host.status
        if host.status in OK:
            return None
        line = mask(f"{host.host}: {host.status.upper()} at {host.step}: {host.message}")
        self.problems.append(line)
        return line

    def summary(self) -> str:
        """``80/200 finished: 60 confirmed, 18 unchanged, 2 problems``."""
        counts = Counter(self.finished.values())
        parts = [f"{counts[s]} {s}" for s in ("confirmed", "unchanged") if counts[s]]
        if self.problems:
            parts.append(f"{len(self.problems)} problem{'s' if len(self.problems) > 1 else ''}")
        return f"{len(self.finished)}/{self.total} finished" + (
            f": {', '.join(parts)}" if parts else "")

    def head(self) -> str:
        eta = self.eta()
        text = f"elapsed {clock(self.elapsed())}" + (f" · ETA {clock(eta)}" if eta else "")
        if self.read:
            text += (f" · {self.changes} with changes, {self.unchanged} unchanged"
                     + (f", {self.unreadable} unreadable" if self.unreadable else ""))
        return text


class LineReporter:
    """One line per event on a stream (stderr by default): for logs, pipes and schedulers."""

    def __init__(self, stream: Any = None, total: int = 0) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self._lock = threading.Lock()
        self.tally = Tally(total)
        self._sent: dict[str, int] = {}  # host -> lines sent at its last counter line

    def _emit(self, text: str) -> None:
        self.stream.write(f"[{self.tally.elapsed():7.1f}s] {mask(text)}\n")
        self.stream.flush()

    def reading(self, hosts: int) -> None:
        with self._lock:
            self.tally.to_read += hosts
            self._emit(f"reading {hosts} router(s)")

    def read(self, host: str, lines: int, error: str | None) -> None:
        with self._lock:
            _count_read(self.tally, lines, error)
            t = self.tally
            step = max(t.to_read // 10, 1)
            if t.read == t.to_read or t.read % step == 0:
                self._emit(f"read {t.read}/{t.to_read} router(s): {t.changes} with changes, "
                           f"{t.unchanged} unchanged, {t.unreadable} unreadable")

    def stage(self, name: str, index: int, total: int, hosts: int) -> None:
        with self._lock:
            self.tally.on_stage(name, index, total, hosts)
            self._emit(f"stage {index}/{total} {name}: {hosts} host(s)")

    def batch(self, stage: str, index: int, total: int, hosts: list[str]) -> None:
        with self._lock:
            self.tally.batch_hosts = set(hosts)
            eta = self.tally.eta()
            self._emit(f"stage {stage} batch {index}/{total}: {_names(hosts)}"
                       + (f" (ETA {clock(eta)})" if eta else ""))

    def step(self, host: HostState, step: str) -> None:
        with self._lock:
            self.tally.on_step(host, step)
            self._emit(f"{host.host}: {step}")

    def sent(self, host: HostState, lines: int) -> None:
        total = len(host.lines)
        if total < BIG_PUSH:
            return
        with self._lock:
            # One line per thousand: a line-by-line push counts every line, a file push the
            # lines its transfer has carried (one call per SCP buffer, not on round numbers).
            last = self._sent.get(host.host, 0)
            if lines // 1000 > last // 1000 or (lines == total and last != total):
                self._sent[host.host] = lines
                self._emit(f"{host.host}: {lines}/{total} lines sent")

    def done(self, host: HostState) -> None:
        with self._lock:
            self.tally.on_done(host)
            extra = f": {host.message}" if host.message else ""
            self._emit(f"{host.host}: {host.status.upper()} at {host.step}{extra}")

    def note(self, text: str) -> None:
        with self._lock:
            self._emit(text)

    def close(self) -> None:
        with self._lock:
            if self.tally.finished:
                self._emit(self.tally.summary())


def _count_read(tally: Tally, lines: int, error: str | None) -> None:
    tally.read += 1
    if error is not None:
        tally.unreadable += 1
    elif lines:
        tally.changes += 1
    else:
        tally.unchanged += 1


def _names(hosts: list[str], shown: int = 5) -> str:
    """``a, b, c`` or ``a, b, c, d, e and 20 more``."""
    more = f" and {len(hosts) - shown} more" if len(hosts) > shown else ""
    return ", ".join(hosts[:shown]) + more


class LiveReporter:
    """A rich Live panel redrawn a few times a second from the ``Tally`` (events only update
    it): elapsed/ETA, bars for the reading, the stage, the batch and every host, big pushes'
    line counters, the problems (last few and how many)."""

    def __init__(self, total: int, console: Any = None) -> None:
        from rich.console import Console
        from rich.live import Live

        self._lock = threading.Lock()
        self.tally = Tally(total)
        self.console = console or Console(stderr=True, highlight=False)
        self._live = Live(console=self.console, refresh_per_second=4, transient=False,
                          get_renderable=self.render)
        self._live.start()

    def render(self) -> Any:
        """The panel as it stands (router names and messages are plain text, never markup)."""
        from rich.table import Table
        from rich.text import Text

        with self._lock:
            t = self.tally
            table = Table.grid(padding=(0, 1), expand=True)
            table.add_column(min_width=7, no_wrap=True)
            table.add_column(min_width=BAR, no_wrap=True)
            table.add_column(no_wrap=True, overflow="ellipsis", ratio=1)
            table.add_row(Text("rollout", style="bold"), "", t.head())
            if t.to_read:
                table.add_row("reading", _bar(t.read, t.to_read), f"{t.read}/{t.to_read} routers")
            if t.stage:
                table.add_row("stage", _bar(t.stage_done, t.stage_total),
                              Text(f"{t.stage_label} {t.stage_done}/{t.stage_total}"))
            if t.batch_hosts:
                table.add_row("batch", _bar(t.count(t.batch_hosts), len(t.batch_hosts)),
                              f"{t.batch} {t.count(t.batch_hosts)}/{len(t.batch_hosts)}"
                              + (f" · {t.steps()}" if t.steps() else ""))
            table.add_row("hosts", _bar(len(t.finished), t.total), t.summary())
            for host, (sent, lines) in sorted(t.pushes.items()):
                table.add_row("push", _bar(sent, lines),
                              Text(f"{host}: {sent:,}/{lines:,} lines sent"))
            shown = t.problems[-SHOWN_PROBLEMS:]
            if len(t.problems) > len(shown):
                table.add_row("", "", Text(f"{len(t.problems)} problems (the last {len(shown)}; "
                                           "all listed at the end)", style="red"))
            for line in shown:
                table.add_row("", "", Text(line, style="red"))
            now = time.monotonic()
            for at, note in t.notes:
                if now - at < NOTE_SECONDS:
                    table.add_row("", "", Text(note))
            return table

    def reading(self, hosts: int) -> None:
        with self._lock:
            self.tally.to_read += hosts

    def read(self, host: str, lines: int, error: str | None) -> None:
        with self._lock:
            _count_read(self.tally, lines, error)

    def stage(self, name: str, index: int, total: int, hosts: int) -> None:
        with self._lock:
            self.tally.on_stage(name, index, total, hosts)

    def batch(self, stage: str, index: int, total: int, hosts: list[str]) -> None:
        with self._lock:
            self.tally.batch = f"{index}/{total}"
            self.tally.batch_hosts = set(hosts)

    def step(self, host: HostState, step: str) -> None:
        with self._lock:
            self.tally.on_step(host, step)

    def sent(self, host: HostState, lines: int) -> None:
        if len(host.lines) >= BIG_PUSH:
            with self._lock:
                self.tally.pushes[host.host] = (lines, len(host.lines))

    def done(self, host: HostState) -> None:
        with self._lock:
            self.tally.on_done(host)

    def note(self, text: str) -> None:
        with self._lock:
            self.tally.notes = [*self.tally.notes[-2:], (time.monotonic(), mask(text))]

    def close(self) -> None:
        with self._lock:
            self.tally.busy.clear()
            self.tally.pushes.clear()
            self.tally.notes.clear()
        self._live.refresh()
        self._live.stop()


def _bar(done: int, total: int) -> Any:
    from rich.progress_bar import ProgressBar

    return ProgressBar(total=max(total, 1), completed=min(done, max(total, 1)), width=BAR)
