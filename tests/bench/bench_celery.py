"""Scale-out benchmark: drift over a 1,000-router lab site, in one process and on Celery workers.

    .venv/bin/python tests/bench/bench_celery.py [--spokes 999] [--shards 2] [--chunk-size 50]

The site is ``gen_fleet.py``'s (one hub, N spokes), every router booted with its intended config
(as after a rollout). The lab is split across ``--shards`` processes so it is not the
bottleneck: each shard knows every router's config (so tunnels to routers of other shards come
up) and listens for its share of them. Redis is a throwaway ``redis-server``; workers are real
``flexorch worker`` processes with one pool process each.

Three runs of ``flexorch drift --site bench --format json`` (the CLI, as cron runs it), whose
JSON documents must be equal (run id aside):

- local: ``--executor local`` (one process, ``--workers`` sessions at a time);
- 1 worker: ``--executor celery`` with one worker;
- 2 workers: ``--executor celery`` with two workers.

Printed: wall time, speedup (over local and 2 workers over 1), CPU seconds of the coordinating
process and of the workers, CPU per host, and the load average before each run (the machine may
be shared: compare figures of one run only).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "bench"))

SHARD = """
import asyncio, json, sys
from pathlib import Path
from flexorch.lab.inventory import pin_host_keys, specs_from_inventory
from flexorch.lab.server import Lab
from flexorch.lab.settings import LabSettings

async def main() -> None:
    specs = specs_from_inventory(Path(sys.argv[1]))
    lab = Lab(specs, LabSettings(), Path(sys.argv[2]))
    mine = json.loads(sys.argv[3])
    await asyncio.gather(*(lab.start_listener(lab.routers[n]) for n in mine))
    pin_host_keys([s for s in specs if s.name in mine], lab.public_key())
    print("ready", flush=True)
    await asyncio.Event().wait()

asyncio.run(main())
"""


def tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) of ``pid`` and its live descendants, from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    stats: dict[int, tuple[int, float]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        stats[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / ticks)
    family, total = {pid}, 0.0
    changed = True
    while changed:
        changed = False
        for child, (parent, _) in stats.items():
            if parent in family and child not in family:
                family.add(child)
                changed = True
    for member in family:
        total += stats.get(member, (0, 0.0))[1]
    return total


def start_shards(inventory: Path, state: Path, names: list[str],
                 shards: int) -> list[subprocess.Popen[str]]:
    import shutil

    procs = []
    for index in range(shards):
        mine = names[index::shards]
        root = state.with_name(f"{state.name}-{index}")  # each shard boots its own copies
        shutil.copytree(state, root)
        proc = subprocess.Popen([sys.executable, "-c", SHARD, str(inventory), str(root),
                                 json.dumps(mine)], stdout=subprocess.PIPE, text=True, cwd=ROOT)
        procs.append(proc)
        assert proc.stdout is not None
        # one at a time: each pins its routers' host key in the same known_hosts file
        if proc.stdout.readline().strip() != "ready":
            raise SystemExit("a lab shard did not start")
    return procs


def drift(inventory: Path, env: dict[str, str], *extra: str) -> tuple[float, float, dict[str, Any]]:
    """One CLI drift run: wall seconds, its own CPU seconds, the JSON document."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "flexorch", "-i", str(inventory), "drift",
                           "--site", "bench", "--format", "json", *extra], capture_output=True,
                          text=True, check=False, cwd=ROOT, env=env)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1) or not done.stdout:
        raise SystemExit(f"drift failed ({done.returncode}): {done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    document = json.loads(done.stdout)
    document.pop("run_id")
    return wall, cpu, document


def on_workers(count: int, inventory: Path, env: dict[str, str], chunk: int,
               workers: int, logs: Path) -> tuple[float, float, float, dict[str, Any]]:
    """Drift with ``count`` single-process workers: wall, coordinator CPU, workers' CPU."""
    from tests.distributed.cluster import Worker

    pool = [Worker(env["FLEXORCH_BROKER"], f"bench{count}-{i}", env,
                   log=logs / f"w{count}-{i}.log").start() for i in range(count)]
    try:
        for worker in pool:
            worker.wait_ready()
        cpu_before = sum(tree_cpu(w.proc.pid) for w in pool if w.proc)
        wall, cpu, document = drift(inventory, env, "--executor", "celery", "--chunk-size",
                                    str(chunk), "--workers", str(workers))
        worker_cpu = sum(tree_cpu(w.proc.pid) for w in pool if w.proc) - cpu_before
    finally:
        for worker in pool:
            worker.stop()
    return wall, cpu, worker_cpu, document


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spokes", type=int, default=999)
    parser.add_argument("--shards", type=int, default=2)
    parser.add_argument("--chunk-size", type=int, default=50)
    parser.add_argument("--workers", type=int, default=16, help="sessions at a time per chunk")
    args = parser.parse_args()
    from bench_drift import make_inventory, preconfigure

    from tests.distributed.cluster import RedisServer

    with tempfile.TemporaryDirectory(prefix="flexorch-bench-celery-") as tmp:
        base = Path(tmp)
        inventory, lab_state = base / "inventory", base / "lab"
        make_inventory(inventory, args.spokes)
        routers = preconfigure(inventory, lab_state)
        from flexorch.intent import load_fleet

        names = list(load_fleet(inventory).hosts)
        os.environ["FLEXORCH_KNOWN_HOSTS"] = str(base / "known_hosts")  # shards, CLI, workers
        os.environ["FLEXORCH_STATE_DIR"] = str(base / "state")
        shards = start_shards(inventory, lab_state, names, args.shards)
        redis = RedisServer().start()
        env = {**os.environ, "FLEXORCH_STATE_DIR": str(base / "state"),
               "FLEXORCH_DB": str(base / "history.sqlite3"), "FLEXORCH_BROKER": redis.url,
               "PYTHONWARNINGS": "ignore::DeprecationWarning"}
        try:
            loads = [os.getloadavg()[0]]
            local = drift(inventory, env, "--workers", str(args.workers))
            loads.append(os.getloadavg()[0])
            one = on_workers(1, inventory, env, args.chunk_size, args.workers, base)
            loads.append(os.getloadavg()[0])
            two = on_workers(2, inventory, env, args.chunk_size, args.workers, base)
        finally:
            redis.stop()
            for proc in shards:
                proc.kill()
                proc.wait()
                if proc.stdout:
                    proc.stdout.close()
    if not local[2] == one[3] == two[3]:
        print("the three runs found different drift", file=sys.stderr)
        return 1
    report(routers, args, local, one, two, loads)
    return 0


def report(routers: int, args: argparse.Namespace, local: tuple[float, float, dict[str, Any]],
           one: tuple[float, float, float, dict[str, Any]],
           two: tuple[float, float, float, dict[str, Any]], loads: list[float]) -> None:
    per_host = (one[1] + one[2]) / routers * 1000
    worker_per_host = one[2] / routers * 1000
    print(f"site: {routers} routers, lab in {args.shards} processes, chunks of "
          f"{args.chunk_size}, {args.workers} sessions per chunk, {os.cpu_count()} CPUs; "
          f"load average before each run: {', '.join(f'{x:.2f}' for x in loads)}")
    print(f"local     : {local[0]:6.2f} s wall, CPU {local[1]:6.2f} s "
          f"({local[1] / routers * 1000:.1f} ms/host)")
    for label, run in (("1 worker ", one), ("2 workers", two)):
        print(f"{label} : {run[0]:6.2f} s wall, coordinator CPU {run[1]:5.2f} s, workers CPU "
              f"{run[2]:6.2f} s ({(run[1] + run[2]) / routers * 1000:.1f} ms/host); "
              f"speedup over local {local[0] / run[0]:.2f}x")
    speedup = one[0] / two[0]
    print(f"2 workers over 1 worker: {speedup:.2f}x (target >= 1.5x)")
    print(f"scaling: one worker process reads ~{1000 / worker_per_host:.0f} routers/s per core "
          f"({worker_per_host:.1f} ms CPU per router); N machines x C cores ~ "
          f"N*C*{1000 / worker_per_host:.0f} routers/s while the lab/routers, Redis and the "
          "coordinator keep up")
    print(json.dumps({"routers": routers, "local_s": local[0], "one_worker_s": one[0],
                      "two_workers_s": two[0], "speedup_2_over_1": round(speedup, 3),
                      "cpu_ms_per_host": round(per_host, 2),
                      "worker_cpu_ms_per_host": round(worker_per_host, 2),
                      "load_average": loads}))


if __name__ == "__main__":
    sys.exit(main())
