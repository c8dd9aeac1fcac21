"""The rollout's shared worker threads: the stage's hosts go before queued read-ahead, the
stage never runs more hosts at once than its workers, and the pool never more threads than
its size."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from flexorch.intent import load_fleet, make_nornir
from flexorch.rollout.workers import FOREGROUND, READ_AHEAD, WorkerPool

INVENTORY = Path(__file__).resolve().parents[2] / "inventory"


def _wait_for(check: Any) -> None:
    done = threading.Event()
    for _ in range(500):
        if check():
            return
        done.wait(0.01)
    raise AssertionError("condition never held")


def test_stage_hosts_go_first_within_their_workers() -> None:
    from nornir.core.task import Result

    pool = WorkerPool(3, {FOREGROUND: 2, READ_AHEAD: 3})
    nr = make_nornir(load_fleet(INVENTORY), workers=1)
    names = sorted(nr.inventory.hosts)
    reads, stage = names[:8], names[8:11]
    release = threading.Event()
    lock = threading.Lock()
    order: list[str] = []
    running = {FOREGROUND: 0, READ_AHEAD: 0}
    peak = {FOREGROUND: 0, READ_AHEAD: 0, "all": 0}
    threads: set[str] = set()

    def job(task: Any, kind: int) -> Result:
        with lock:
            order.append(task.host.name)
            threads.add(threading.current_thread().name)
            running[kind] += 1
            peak[kind] = max(peak[kind], running[kind])
            peak["all"] = max(peak["all"], sum(running.values()))
        release.wait(10)
        with lock:
            running[kind] -= 1
        return Result(host=task.host, result=task.host.name)

    results: dict[str, Any] = {}

    def run(kind: int, hosts: list[str]) -> None:
        chosen = nr.filter(filter_func=lambda h: h.name in hosts)
        results[str(kind)] = chosen.with_runner(pool.runner(kind)).run(task=job, kind=kind)

    background = threading.Thread(target=run, args=(READ_AHEAD, reads))
    background.start()
    _wait_for(lambda: len(order) == 3)  # three reads running: every thread busy
    foreground = threading.Thread(target=run, args=(FOREGROUND, stage))
    foreground.start()
    _wait_for(lambda: pool.waiting(FOREGROUND) == 3)
    release.set()
    background.join()
    foreground.join()
    pool.close()
    assert set(order[3:5]) <= set(stage)  # the first two free threads took the stage's hosts
    assert peak[FOREGROUND] <= 2 and peak["all"] <= 3 and len(threads) == 3
    assert sorted(results[str(READ_AHEAD)]) == sorted(reads)
    assert [results[str(FOREGROUND)][n].result for n in stage] == stage
