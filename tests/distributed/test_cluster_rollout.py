"""rollout through Celery workers: the shipped site rolled out with its pushes on two real
workers gives what a local rollout of the same site gives (JSON, exit code, history), and a
worker killed in the middle of a push is never pushed again: its hosts are resolved by the
pending-change check on another worker."""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from flexorch.lab.fleet import LabFleet
from flexorch.lab.settings import LabSettings
from flexorch.secrets import lab_secret
from tests.distributed.cluster import Worker
from tests.distributed.conftest import Cluster
from tests.lab.helpers import copy_inventory

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.lab
MINUTE = 2.0  # one lab revert-timer minute, in seconds
SITE_HOSTS = 8  # hub1 and its seven spokes in the shipped inventory
PLAYBOOK = """\
name: fast
confirm_timeout: 5
workers: 8
stages:
  - name: hubs
    select: {role: hub}
    gate: {settle_seconds: 0, attempts: 3, interval_seconds: 0.3}
  - name: spokes
    select: {rest: true}
    batch_size: 4
    max_fail_pct: 100
    on_failure: continue
    gate: {settle_seconds: 0, attempts: 3, interval_seconds: 0.3}
"""
# What differs between two runs of the same rollout: ids, clocks and where backups went.
VOLATILE = ("run_id", "duration_s", "backup", "revert_by", "started_at", "finished_at", "id",
            "pid", "process_started", "backup_path")


@pytest.fixture
def shipped(tmp_path: Path) -> Iterator[tuple[Path, Path, LabFleet]]:
    """The shipped inventory on a fresh lab (nothing of the intent configured yet); the
    inventory folder, a fast playbook and the lab."""
    inventory = copy_inventory(ROOT / "inventory", tmp_path / "inventory")
    book = tmp_path / "fast.yaml"
    book.write_text(PLAYBOOK)
    settings = LabSettings(revert_seconds_per_minute=MINUTE, reload_seconds=0.5,
                           login_timeout=10)
    with LabFleet.start(inventory, tmp_path / "lab", settings=settings) as lab:
        yield inventory, book, lab


def flexorch(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "flexorch", *args], capture_output=True,
                          text=True, timeout=300, check=False, stdin=subprocess.DEVNULL,
                          cwd=ROOT, env={**os.environ, "FLEXORCH_LAB_REVERT_SECONDS_PER_MINUTE":
                                         str(MINUTE), **(env or {})})


def rollout(inventory: Path, book: Path, *extra: str,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return flexorch("-i", str(inventory), "rollout", "--site", "hub1", "--yes", "--playbook",
                    str(book), "--format", "json", *extra, env=env)


def stable(doc: Any) -> Any:
    """``doc`` without what differs between two runs."""
    if isinstance(doc, dict):
        return {k: stable(v) for k, v in doc.items() if k not in VOLATILE}
    if isinstance(doc, list):
        return [stable(v) for v in doc]
    return doc


def history(run_id: int) -> Any:
    done = flexorch("history", "show", str(run_id), "--format", "json")
    assert done.returncode == 0, done.stderr
    run = stable(json.loads(done.stdout))
    # Hosts are listed as they were first touched: by concurrent pushes, in either run.
    run["hosts"].sort(key=lambda h: h["host"])
    return run


def pushes(worker: Worker) -> list[str]:
    """Ids of the push tasks a worker has received so far (its log says so)."""
    assert worker.log is not None
    text = worker.log.read_text(errors="replace") if worker.log.exists() else ""
    return re.findall(r"Task flexorch\.push\[([0-9a-f-]+)\] received", text)


def test_a_rollout_on_workers_equals_a_local_one(
        on_cluster: Cluster, tmp_path: Path, shipped: tuple[Path, Path, LabFleet]) -> None:
    inventory, book, _ = shipped
    before = {i for w in on_cluster.workers for i in pushes(w)}
    celery = rollout(inventory, book, "--executor", "celery", "--chunk-size", "2")
    assert celery.returncode == 0, celery.stderr[-3000:]
    theirs = json.loads(celery.stdout)
    assert theirs["summary"]["confirmed"] == SITE_HOSTS
    # hub1 alone, then the seven spokes in batches of 4 and 3, chunks of 2: 1 + 2 + 2 pushes
    assert len({i for w in on_cluster.workers for i in pushes(w)} - before) == 5
    after = [flexorch("-i", str(inventory), "plan", "--site", "hub1", "-f", "json", *how)
             for how in ((), ("--executor", "celery"))]
    assert [done.returncode for done in after] == [0, 0], after[1].stderr[-3000:]
    # Nothing to phase: on workers as locally, an empty rollout section in the default order.
    assert [(doc["rollout"], doc["playbook"]) for doc in map(json.loads, (d.stdout for d in after))
            ] == [({"phases": [], "tunnels": []}, "default")] * 2

    # The same rollout in this process on a second, fresh lab of the same site.
    local_inventory = copy_inventory(ROOT / "inventory", tmp_path / "local" / "inventory")
    settings = LabSettings(revert_seconds_per_minute=MINUTE, reload_seconds=0.5,
                           login_timeout=10)
    with LabFleet.start(local_inventory, tmp_path / "local" / "lab", settings=settings):
        local = rollout(local_inventory, book)
    assert local.returncode == 0, local.stderr[-3000:]
    ours = json.loads(local.stdout)
    assert stable(theirs) == stable(ours)
    assert history(theirs["run_id"]) == history(ours["run_id"])


@contextlib.contextmanager
def worker_pair(cluster: Cluster, queue: str) -> Iterator[tuple[dict[str, str], list[Worker]]]:
    """Two workers of their own ``queue`` (the environment a run on them needs, and the pair),
    ready, stopped at the end: a fault test kills one and watches the other."""
    env = {**cluster.env(), "FLEXORCH_QUEUE": queue, "FLEXORCH_VISIBILITY_TIMEOUT": "6",
           "FLEXORCH_LAB_REVERT_SECONDS_PER_MINUTE": str(MINUTE)}
    pair = [Worker(cluster.broker, name, env, log=cluster.state / f"{name}.log",
                   queues=queue).start() for name in (f"{queue}1", f"{queue}2")]
    try:
        for worker in pair:
            worker.wait_ready()
        yield env, pair
    finally:
        for worker in pair:
            worker.stop()


def test_a_worker_killed_mid_push_is_never_pushed_again(
        on_cluster: Cluster, shipped: tuple[Path, Path, LabFleet]) -> None:
    inventory, book, lab = shipped
    # Two workers of their own queue: the push goes to one, the pending check to the other.
    with worker_pair(on_cluster, "pushfault") as (env, pair):
        # A revert timer (30 lab minutes: 60 s) that outlives the run even on a loaded machine.
        run = subprocess.Popen(
            [sys.executable, "-m", "flexorch", "-i", str(inventory), "rollout", "--site", "hub1",
             "--yes", "--playbook", str(book), "--format", "json", "--executor", "celery",
             "--confirm-timeout", "30"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
            env={**os.environ, **env})
        deadline = time.monotonic() + 60
        while not lab.router("hub1").revert_pending():  # the change is on: kill its worker
            assert time.monotonic() < deadline and run.poll() is None, "hub1 was not pushed"
            time.sleep(0.01)
        doomed = next(w for w in pair if pushes(w))
        doomed.kill()
        out, err = run.communicate(timeout=120)
    spare = next(w for w in pair if w is not doomed)
    assert run.returncode == 1, err[-3000:]
    report = json.loads(out)
    hub = next(h for h in report["hosts"] if h["host"] == "hub1")
    assert hub["status"] == "reverting", hub
    assert hub["message"].startswith("the worker pushing it was lost; an unconfirmed change is "
                                     "pending under the revert timer"), hub
    assert not pushes(spare)  # the push went to no other worker
    # The hubs stage failed: no spoke was pushed; the hub's change is still unconfirmed, as
    # reported, and `flexorch recover` (day 2) rolls it back.
    assert {h["status"] for h in report["hosts"] if h["host"] != "hub1"} == {"skipped"}
    assert lab.router("hub1").revert_pending()
    recovered = flexorch("-i", str(inventory), "recover", "--host", "hub1", "--revert",
                         "--format", "json")
    assert recovered.returncode == 0, recovered.stderr
    assert [h["outcome"] for h in json.loads(recovered.stdout)["hosts"]] == ["reverted"]
    assert not lab.router("hub1").revert_pending()


def test_a_push_message_delivered_twice_runs_once(on_cluster: Cluster) -> None:
    from flexorch.distributed.cluster.app import PUSH_TASK, celery_app
    from flexorch.distributed.cluster.jobs import inventory_digest

    app = celery_app(on_cluster.broker)
    task_id = f"twice-{os.getpid()}-{time.time_ns()}"
    kwargs = {"inventory": str(ROOT / "inventory"), "digest": inventory_digest(ROOT / "inventory"),
              "site": "hub1", "run_id": None, "tag": "twice", "hosts": [],
              "options": {"timeout": 5, "confirm_minutes": 5, "minute_seconds": MINUTE}}
    first = app.send_task(PUSH_TASK, kwargs=kwargs, task_id=task_id, queue="flexorch")
    assert first.get(timeout=60)["hosts"] == []
    app.send_task(PUSH_TASK, kwargs=kwargs, task_id=task_id, queue="flexorch")  # as Redis may
    deadline = time.monotonic() + 60
    logs = [w.log for w in on_cluster.workers if w.log is not None]
    while not any(f"push message {task_id} was delivered again: not run twice"
                  in log.read_text(errors="replace") for log in logs):
        assert time.monotonic() < deadline, "the second delivery was not dropped"
        time.sleep(0.1)
    assert app.AsyncResult(task_id).get(timeout=5)["hosts"] == []  # the first run's result


def test_a_change_in_phases_rolls_out_on_workers(
        on_cluster: Cluster, shipped: tuple[Path, Path, LabFleet]) -> None:
    # Day 2 on workers: a new IKEv2 proposal for the whole site, a spoke's new identity and
    # another spoke's new key. The hub takes them make-before-break: a bridge (both proposals,
    # both identities) before the spokes move, the new key with its spoke's wave (a release),
    # the cleanup after. Each phase is pushed by a worker (the later ones by the worker that
    # pushed the bridge), which fills the release's key in from its own inventory: the broker
    # carries it masked.
    from tests.rollout.scenarios import _identity, _proposal_swap, _psk_one

    inventory, book, lab = shipped
    first = rollout(inventory, book, "--executor", "celery", "--chunk-size", "4")
    assert first.returncode == 0, first.stderr[-3000:]
    _proposal_swap(inventory)
    _identity(inventory)
    _psk_one(inventory)
    planned = flexorch("-i", str(inventory), "plan", "--site", "hub1", "-f", "json")
    assert planned.returncode == 3, planned.stderr[-3000:]
    hub_pushes = [p for phase in json.loads(planned.stdout)["rollout"]["phases"]
                  for p in phase["pushes"] if p["host"] == "hub1"]
    assert [p["kind"] for p in hub_pushes] == ["bridge", "release", "cleanup"], hub_pushes
    assert hub_pushes[1]["lines"] == ["crypto ikev2 keyring FLEX_KEYS", " peer h1-gre",
                                      "  pre-shared-key ******"]

    before = {i for w in on_cluster.workers for i in pushes(w)}
    done = rollout(inventory, book, "--executor", "celery", "--chunk-size", "4")
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout)
    assert {h["host"]: h["status"] for h in report["hosts"]} == dict.fromkeys(
        ["hub1", *(f"h1-{s}" for s in ("gre", "ipsec", "v6", "mixed", "frag", "sgt",
                                       "cert"))], "confirmed")
    hub_sent = next(h["lines_sent"] for h in report["hosts"] if h["host"] == "hub1")
    assert hub_sent == sum(len(p["lines"]) for p in hub_pushes)  # all three phases
    # the hub's three phases, and the seven spokes in batches of 4 and 3 (one chunk each)
    assert len({i for w in on_cluster.workers for i in pushes(w)} - before) == 5
    hub = lab.router("hub1").running_config()
    assert "crypto ikev2 proposal FLEX_NGE2\n" in hub and "proposal FLEX_NGE\n" not in hub
    assert "  identity fqdn ipsec-branch.flex1.example\n" in hub
    assert "h1-ipsec.flex1.example" not in hub  # the bridge's old identity cleaned up
    key = lab_secret("FLEXORCH_PSK_H1_GRE_2024")
    assert f" peer h1-gre\n  identity fqdn h1-gre.flex1.example\n  pre-shared-key {key}\n" \
        in hub
    again = flexorch("-i", str(inventory), "plan", "--site", "hub1", "-f", "json")
    assert again.returncode == 0, again.stdout[-3000:]


def test_the_worker_holding_a_hubs_earlier_phase_lost_leaves_it_partial(
        on_cluster: Cluster, shipped: tuple[Path, Path, LabFleet]) -> None:
    # The worker that pushed and confirmed the hub's bridge dies before the hub's next phase:
    # that phase (sent to its queue) is never pushed; the hub keeps its confirmed bridge (both
    # proposals, a consistent config), no change is left unconfirmed, and the run says so.
    from tests.rollout.scenarios import _proposal_swap, _psk_one

    inventory, book, lab = shipped
    with worker_pair(on_cluster, "phasefault") as (env, pair):
        first = rollout(inventory, book, "--executor", "celery", env=env)
        assert first.returncode == 0, first.stderr[-3000:]
        _proposal_swap(inventory)
        _psk_one(inventory)  # a release of the hub with h1-gre's wave: the phase after the bridge
        marks = {w.name: len(w.log.read_text(errors="replace")) for w in pair if w.log}
        run = subprocess.Popen(
            [sys.executable, "-m", "flexorch", "-i", str(inventory), "rollout", "--site", "hub1",
             "--yes", "--playbook", str(book), "--format", "json", "--executor", "celery"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
            env={**os.environ, **env})
        deadline = time.monotonic() + 60
        doomed = None
        while doomed is None:  # the bridge's confirm came back from its worker: kill that one
            assert time.monotonic() < deadline and run.poll() is None, "no bridge confirmed"
            for worker in pair:
                assert worker.log is not None
                text = worker.log.read_text(errors="replace")[marks[worker.name]:]
                if re.search(r"Task flexorch\.push_after\[[0-9a-f-]+\] succeeded", text):
                    doomed = worker
            time.sleep(0.01)
        doomed.kill()
        out, err = run.communicate(timeout=180)
    assert run.returncode == 1, err[-3000:]
    report = json.loads(out)
    hub = next(h for h in report["hosts"] if h["host"] == "hub1")
    assert hub["status"] == "partial", hub
    assert hub["message"].startswith("the worker pushing it was lost"), hub
    assert hub["message"].endswith("and its earlier phase(s)"), hub
    assert not [n for n in lab.names() if lab.router(n).revert_pending()]  # none unconfirmed
    running = lab.router("hub1").running_config()
    assert "proposal FLEX_NGE\n" in running and "proposal FLEX_NGE2\n" in running  # the bridge
    key = lab_secret("FLEXORCH_PSK_H1_GRE")  # the release never went on
    assert f" peer h1-gre\n  identity fqdn h1-gre.flex1.example\n  pre-shared-key {key}\n" \
        in running
