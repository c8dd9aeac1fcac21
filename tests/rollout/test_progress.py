"""Live progress of a rollout: what the terminal panel and the log lines say as events arrive
(reading, stages and batches, a big push's lines, problems), and that nothing finished stays on
screen."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pytest
from rich.console import Console

from flexorch.rollout.model import HostState
from flexorch.rollout.progress import LineReporter, LiveReporter, clock


def _host(name: str, lines: int = 3, status: str = "pending", stage: str = "spokes",
          step: str = "push", message: str = "") -> HostState:
    state = HostState(name, "spoke", stage=stage, step=step, message=message,
                      lines=tuple(f" line {i}" for i in range(lines)))
    state.update(status=status)
    return state


def _text(renderable: object) -> str:
    out = io.StringIO()
    Console(file=out, width=140, color_system=None, highlight=False).print(renderable)
    return re.sub(r"[━╸╺]+", "#", out.getvalue())


@pytest.fixture
def live() -> Iterator[LiveReporter]:
    reporter = LiveReporter(20, console=Console(file=io.StringIO(), color_system=None))
    yield reporter
    reporter.close()


def test_clock() -> None:
    assert [clock(0), clock(59.9), clock(61), clock(3600), clock(36061)] == [
        "0:00", "0:59", "1:01", "1:00:00", "10:01:01"]


def test_live_panel_reads_then_pushes_then_keeps_every_problem(live: LiveReporter) -> None:
    live.reading(20)
    for i in range(19):
        live.read(f"s{i:02d}", 0 if i % 4 else 12, None)
    live.read("s19", 0, "connection refused")
    text = _text(live.render())
    assert "20/20 routers" in text
    assert "5 with changes, 14 unchanged, 1 unreadable" in text

    live.stage("spokes", 2, 3, 6)
    batch = ["s00", "s04", "s08", "s12", "s16"]
    live.batch("spokes", 1, 2, batch)
    big = _host("s00", lines=2500)
    for name in batch:
        live.step(_host(name), "push")
    live.step(_host("s04"), "verify")
    live.sent(big, 1000)
    live.sent(_host("s08", lines=40), 20)  # a small push has no counter of its own
    text = _text(live.render())
    assert "2/3 spokes 0/6" in text
    assert "1/2 0/5 · push 4 · verify 1" in text
    assert "s00: 1,000/2,500 lines sent" in text
    assert "20 lines" not in text
    assert "ETA" not in text  # no router with changes has finished yet

    live.done(_host("s00", lines=2500, status="confirmed"))
    text = _text(live.render())
    assert "1,000/2,500" not in text  # the finished push is gone from the screen
    assert "ETA" in text  # 4 routers with changes left
    for number, name in enumerate(batch[1:]):
        live.done(_host(name, status="reverted", step="verify",
                        message=f"verification failed #{number}"))
    live.done(_host("s01", lines=0, status="unchanged"))
    live.done(_host("s19", status="unreachable", stage="", step="connect", message="refused"))
    live.done(_host("s02", status="failed", stage="", step="restore", message="replace failed"))
    text = _text(live.render())
    assert "verify 1" not in text
    assert "2/3 spokes 6/6" in text
    assert "8/20 finished: 1 confirmed, 1 unchanged, 6 problems" in text
    assert "6 problems (the last 5; all listed at the end)" in text
    assert "verification failed #0" not in text
    assert "s08: REVERTED at verify: verification failed #1" in text
    assert "s02: FAILED at restore: replace failed" in text
    assert "ETA" not in text  # nothing left to push


def test_log_lines_for_a_big_site() -> None:
    out = io.StringIO()
    log = LineReporter(out, total=30)
    log.reading(30)
    for i in range(30):
        log.read(f"s{i:02d}", 10 if i < 3 else 0, None)
    log.stage("spokes", 1, 1, 30)
    log.batch("spokes", 1, 1, [f"s{i:02d}" for i in range(30)])
    hub = _host("hub", lines=2500)
    for sent in range(1, 2501):
        log.sent(hub, sent)
    log.done(_host("hub", lines=2500, status="confirmed"))
    log.done(_host("s01", status="reverted", step="verify", message="tunnel down"))
    log.close()
    lines = [line.split("] ", 1)[1] for line in out.getvalue().splitlines()]
    assert lines[0] == "reading 30 router(s)"
    reads = [line for line in lines if line.startswith("read ")]
    assert len(reads) == 10  # one line per tenth of the site, not one per router
    assert reads[-1] == "read 30/30 router(s): 3 with changes, 27 unchanged, 0 unreadable"
    assert "stage spokes batch 1/1: s00, s01, s02, s03, s04 and 25 more" in lines
    assert [line for line in lines if "lines sent" in line] == [
        "hub: 1000/2500 lines sent", "hub: 2000/2500 lines sent", "hub: 2500/2500 lines sent"]
    assert "s01: REVERTED at verify: tunnel down" in lines
    assert lines[-1] == "2/30 finished: 1 confirmed, 1 problem"


def test_log_lines_of_a_file_push_counted_by_the_transfer() -> None:
    # a file push reports the lines each SCP buffer carried: never on round numbers
    out = io.StringIO()
    log = LineReporter(out, total=1)
    hub = _host("hub", lines=2500)
    for sent in (400, 820, 1230, 1650, 2050, 2470, 2500):
        log.sent(hub, sent)
    lines = [line.split("] ", 1)[1] for line in out.getvalue().splitlines()]
    assert lines == ["hub: 1230/2500 lines sent", "hub: 2050/2500 lines sent",
                     "hub: 2500/2500 lines sent"]
