"""Faults of a run on workers: a worker killed in the middle of a chunk (its chunk is handed to
another worker and the run still equals a local one), a message that a dying worker took and
acknowledged without starting it (given up, not waited for without end), and a broker that does
not answer (one line, exit 2, no router touched)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.distributed.cluster import free_port
from tests.distributed.conftest import SITE, BigSite, Cluster

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.lab


def cli(inventory: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "flexorch", "-i", str(inventory), *args]


def taken(log: Path) -> list[str]:
    """Ids of the chunks a worker has received so far (its log says so)."""
    text = log.read_text(errors="replace") if log.exists() else ""
    return re.findall(r"Task flexorch\.chunk\[([0-9a-f-]+)\] received", text)


def test_a_worker_killed_mid_chunk_has_its_chunk_finished_by_another(
        big_site: BigSite, on_cluster: Cluster) -> None:
    local = subprocess.run(cli(big_site.inventory, "drift", "--site", SITE, "--format", "json"),
                           capture_output=True, text=True, timeout=240, check=False, cwd=ROOT)
    doomed = on_cluster.worker("doomed")
    doomed.wait_ready()
    assert doomed.log is not None
    before = len(taken(doomed.log))
    run = subprocess.Popen(cli(big_site.inventory, "drift", "--site", SITE, "--format", "json",
                               "--executor", "celery", "--chunk-size", "10"),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                           env=dict(os.environ))
    deadline = time.monotonic() + 60
    while len(taken(doomed.log)) == before:  # the doomed worker took a chunk: kill it now
        assert time.monotonic() < deadline and run.poll() is None, "no chunk reached it"
        time.sleep(0.02)
    doomed.kill()
    lost = taken(doomed.log)[before]
    out, err = run.communicate(timeout=240)
    assert run.returncode == local.returncode == 1, err[-2000:]
    ours, theirs = json.loads(local.stdout), json.loads(out)
    ours.pop("run_id"), theirs.pop("run_id")
    assert theirs == ours  # every host read, none lost with the worker
    assert f"flexorch.chunk[{lost}] succeeded" not in doomed.log.read_text()
    finished = [w.log.read_text() for w in on_cluster.workers if w.log is not None]
    assert any(f"flexorch.chunk[{lost}] succeeded" in text for text in finished)


def test_a_message_held_by_no_queue_and_no_worker_is_given_up(on_cluster: Cluster) -> None:
    import redis

    from flexorch.distributed.cluster.app import CHUNK_TASK
    from flexorch.distributed.cluster.coordinator import Coordinator
    from flexorch.distributed.settings import ClusterOptions

    # A queue no worker reads: the message waits in its Redis list, held, while workers answer.
    queue = f"unread-{os.getpid()}-{time.time_ns()}"
    coordinator = Coordinator(ClusterOptions(broker=on_cluster.broker, queue=queue))
    result = coordinator.send(CHUNK_TASK, {"job": "none", "names": []})
    outcome: dict[str, object] = {}
    waiter = threading.Thread(target=lambda: outcome.update(value=coordinator.wait(result)),
                              daemon=True)
    waiter.start()
    waiter.join(16)  # three times the confirmation time: a waiting message is never given up
    assert waiter.is_alive(), outcome
    # As a worker that took the message, acknowledged it and died before starting it.
    assert redis.Redis.from_url(on_cluster.broker).delete(queue) == 1
    waiter.join(90)
    assert not waiter.is_alive(), "a message held nowhere is still waited for"
    assert outcome == {"value": None}
    result.forget()  # stop listening for it while the test's Redis still runs


def test_broker_down_is_one_line_exit_2_before_any_router(big_site: BigSite,
                                                          on_cluster: Cluster) -> None:
    sessions = big_site.sessions()
    url = f"redis://127.0.0.1:{free_port()}/0"
    for command in ("drift", "verify", "plan"):
        done = subprocess.run(cli(big_site.inventory, command, "--site", SITE, "--executor",
                                  "celery", "--broker", url),
                              capture_output=True, text=True, timeout=60, check=False, cwd=ROOT)
        assert done.returncode == 2, (command, done.stderr)
        assert done.stderr.splitlines() == [
            f"flexorch: error: broker {url} unreachable: Error 111 connecting to 127.0.0.1:"
            f"{url.split(':')[2].split('/', maxsplit=1)[0]}. Connection refused."], command
        assert done.stdout == ""
    assert big_site.sessions() == sessions  # no router was logged into
