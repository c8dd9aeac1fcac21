"""Login storm: many of flexorch's logins at once against ``flexorch lab up`` routers.

    .venv/bin/python tests/bench/bench_logins.py [--spokes 399] [--per-host 1] [--rounds 1]

Each login is the one a rollout makes (``tasks.device``): the host's pinned key checked by
paramiko from the per-session known_hosts file (``hostkeys.session_file``), netmiko created
without connecting, ``tasks.login.login`` over a TCP_NODELAY socket. Every login of a round
starts at once (a barrier), ``--per-host`` of them to each router (2: two sessions of one host
at the same moment, sharing the host's scratch file). What it prints: the logins that failed,
grouped by error, the wall time of each round and the load average. It is how the first-login
failures once seen in 2 of 5 rollouts of 2,000 routers were looked for (README, performance).
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import os
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def storm(fleet: Any, specs: list[Any], per_host: int, timeout: float) -> collections.Counter[str]:
    from netmiko import ConnectHandler

    from flexorch import hostkeys
    from flexorch.tasks.login import login

    jobs = [spec for spec in specs for _ in range(per_host)]
    start = threading.Barrier(len(jobs))

    def one(spec: Any) -> str:
        intent = fleet.hosts[spec.name]
        options = {**hostkeys.netmiko_options(intent),
                   "alt_key_file": str(hostkeys.session_file(intent))}
        start.wait()
        conn = ConnectHandler(device_type="cisco_ios", host=spec.host, port=spec.port,
                              username=spec.username, password=spec.password,
                              auto_connect=False, conn_timeout=timeout, **options)
        try:
            login(conn, timeout)
        except Exception as exc:  # every failure is counted by its kind
            return f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"[:160]
        finally:
            with contextlib.suppress(Exception):  # a half-open session: nothing to close
                conn.disconnect()
        return "ok"

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return collections.Counter(pool.map(one, jobs))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spokes", type=int, default=399)
    parser.add_argument("--per-host", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "tests" / "bench"))
    from bench_drift import make_inventory
    from bench_rollout import lab_down, lab_up

    from flexorch.intent import load_fleet
    from flexorch.lab.inventory import specs_from_inventory

    with tempfile.TemporaryDirectory(prefix="flexorch-bench-logins-") as tmp:
        os.environ["FLEXORCH_STATE_DIR"] = str(Path(tmp) / "flexorch-state")
        inventory, state = Path(tmp) / "inventory", Path(tmp) / "lab"
        make_inventory(inventory, args.spokes)
        specs = specs_from_inventory(inventory)
        lab_up(inventory, state)
        try:
            fleet = load_fleet(inventory)
            for number in range(args.rounds):
                started = time.perf_counter()
                results = storm(fleet, specs, args.per_host, args.timeout)
                wall = time.perf_counter() - started
                failed = sum(n for what, n in results.items() if what != "ok")
                print(f"round {number + 1}: {len(specs) * args.per_host} logins at once, "
                      f"{failed} failed, {wall:.2f} s (load {os.getloadavg()[0]:.2f} on "
                      f"{os.cpu_count()} CPUs)")
                for what, count in results.most_common():
                    if what != "ok":
                        print(f"  {count:5d}  {what}")
        finally:
            lab_down(state)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
