"""Bounded sessions on a big site: 1 hub + N spokes (default 1,999) rolled out on the lab, with
the SSH connections open at once counted on the lab's side and flexorch's threads sampled.

    .venv/bin/python tests/bench/bench_sessions.py [--spokes 1999] [--workers 16]
        [--playbook default|hub-then-all]

The lab runs in this process (so its routers can count their connections); it shares the
interpreter with flexorch, so the times printed are slower than with ``flexorch lab up``
(tests/bench/bench_rollout.py measures speed). What it prints: the bound (workers + the
read-ahead of tasks.sessions), the most connections open at once and how many were opened in
all, the most flexorch threads at once, whether every router was confirmed, and the wall time.
Before bounded sessions this run held one session and one paramiko thread per router (1,703
threads at 2,000 routers) and did not get past the hub's push in 600 s.

tests/rollout/test_bounded_sessions.py asserts the same bound on a 41-router site in CI.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spokes", type=int, default=1999)
    parser.add_argument("--workers", type=int, default=16)
    parser.add_argument("--playbook", choices=("default", "hub-then-all"), default="default")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from flexorch.intent import load_fleet
    from flexorch.lab.fleet import LabFleet
    from flexorch.lab.settings import LabSettings
    from flexorch.rollout.api import run_rollout
    from flexorch.rollout.playbook import load_playbook
    from flexorch.rollout.runner import RolloutOptions
    from flexorch.tasks.sessions import READ_AHEAD
    from tests.bench.bench_drift import make_inventory
    from tests.bench.bench_rollout import HUB_THEN_ALL
    from tests.rollout.bounds import Threads, count_connections, flexorch_threads

    book = (load_playbook(ROOT / "playbooks" / "default.yaml") if args.playbook == "default"
            else HUB_THEN_ALL).with_overrides(workers=args.workers)
    with tempfile.TemporaryDirectory(prefix="flexorch-bench-sessions-") as tmp:
        os.environ["FLEXORCH_STATE_DIR"] = str(Path(tmp) / "state")
        inventory = Path(tmp) / "inventory"
        make_inventory(inventory, args.spokes)  # ports below the ephemeral range
        started = time.perf_counter()
        with LabFleet.start(inventory, Path(tmp) / "lab", settings=LabSettings(
                login_timeout=120)) as lab:
            boot = time.perf_counter() - started
            count = count_connections(lab)
            before = flexorch_threads()
            started = time.perf_counter()
            with Threads() as threads:
                report = run_rollout(load_fleet(inventory), "bench", book,
                                     RolloutOptions(timeout=120), plan_outcomes=False)
            wall = time.perf_counter() - started
    bound = args.workers + READ_AHEAD
    counts = report.counts()
    print(f"site: 1 hub + {args.spokes} spokes, playbook {book.name}, {args.workers} workers; "
          f"lab in this process (booted in {boot:.1f} s); load average "
          f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    print(f"rollout: {wall:.1f} s, {counts}")
    print(f"SSH connections open at once (lab side): {count.peak} (bound {bound}); opened in "
          f"all: {count.total} ({count.total / (args.spokes + 1):.1f} per router)")
    print(f"flexorch threads at once: {threads.peak - before} (workers + read-ahead + one "
          "paramiko thread per open session)")
    print(json.dumps({"routers": args.spokes + 1, "workers": args.workers, "bound": bound,
                      "peak_sessions": count.peak, "sessions_opened": count.total,
                      "peak_threads": threads.peak - before, "wall_s": round(wall, 1),
                      "counts": counts}))
    return 0 if counts.get("confirmed") == args.spokes + 1 and count.peak <= bound else 1


if __name__ == "__main__":
    sys.exit(main())
