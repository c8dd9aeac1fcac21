"""Rollout benchmark: 1 hub + N fresh day-0 spokes on the lab, rolled out with a batch
playbook, against the floor measured in the same run.

    .venv/bin/python tests/bench/bench_rollout.py [--spokes 199] [--workers 16] [--rounds 1]

The site comes from ``tests/bench/gen_fleet.py`` (ports moved to free loopback ports) and is
served by ``flexorch lab up`` in its own process, restarted fresh (day-0 only, state wiped)
before every measured push, so the floor and the rollout push into identical routers.

What it prints (measured in this run, on this machine; the load average is printed too):

- floor: plain netmiko at the same concurrency, per router: connect, ``send_config_set`` of
  exactly the remediation lines flexorch sends to that router, one ``show crypto ikev2 sa
  detailed``, disconnect. No flexorch logic: no running-config read, no plan, no backup, no
  archive, no revert timer, no gate, no confirm, no ``write memory``, no history;
- rollout: ``flexorch.rollout.api.run_rollout`` (site lock, history record in SQLite, connect,
  ``show running-config``, plan, predicted gates, per router: local + flash backup, archive,
  ``configure terminal revert timer``, the lines, ``show crypto ikev2 sa detailed`` at the gate,
  ``configure confirm``, ``write memory``) with the batch playbook below;
- the hub-first floor: the same plain netmiko pushes, the hub alone first, then the spokes
  (what staging hubs before spokes costs by itself), and rollout / that floor;
- the ratio rollout / floor (target <= 1.3), best of ``rounds``;
- the second, idempotent rollout of the same site (reads and plans, sends nothing).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SA = "show crypto ikev2 sa detailed"

PLAYBOOK = {
    "name": "bench-batches",
    "confirm_timeout": 10,
    "stages": [
        {"name": "hubs", "select": {"role": "hub"},
         "gate": {"settle_seconds": 0, "attempts": 3, "interval_seconds": 1}},
        {"name": "spokes", "select": {"rest": True}, "batch_size": 50, "max_fail_pct": 5,
         "gate": {"settle_seconds": 0, "attempts": 3, "interval_seconds": 1}},
    ],
}


def flexorch(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "flexorch", *args], capture_output=True,
                          text=True, check=False, cwd=ROOT)


def lab_up(inventory: Path, state: Path) -> None:
    """A fresh lab: state wiped, every router on its day-0 config."""
    shutil.rmtree(state, ignore_errors=True)
    up = flexorch("-i", str(inventory), "lab", "up", "--state-dir", str(state))
    if up.returncode != 0:
        raise SystemExit(f"lab up failed: {up.stderr}")


def lab_down(state: Path) -> None:
    flexorch("lab", "down", "--state-dir", str(state))


def planned_lines(inventory: Path) -> dict[str, tuple[str, ...]]:
    """What flexorch sends each fresh router (computed offline, outside any timing)."""
    from flexorch.intent import load_fleet
    from flexorch.lab import configmode
    from flexorch.plan.remediate import remediate
    from flexorch.render import render_day0, render_host

    fleet = load_fleet(inventory)
    out = {}
    for name in fleet.hosts:
        running = configmode.show_running(configmode.load_config(render_day0(fleet, name)))
        out[name] = remediate(running, render_host(fleet, name)).lines
    return out


def floor(targets: list[dict[str, Any]], lines: dict[str, tuple[str, ...]],
          workers: int, *, hub_first: bool = False) -> float:
    """Plain netmiko pushes; with ``hub_first`` the hub alone, then every spoke (the order a
    hubs-first rollout imposes, still without any flexorch logic)."""
    from netmiko import ConnectHandler

    def one(params: dict[str, Any]) -> None:
        name = params.pop("name")
        with ConnectHandler(**params) as conn:
            conn.send_config_set(list(lines[name]))
            conn.send_command(SA, read_timeout=60)

    waves = [targets]
    if hub_first:
        waves = [[t for t in targets if t["name"] == "hub"],
                 [t for t in targets if t["name"] != "hub"]]
    started = time.perf_counter()
    for wave in waves:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(one, [dict(t) for t in wave]))
    return time.perf_counter() - started


def rollout(inventory: Path, workers: int) -> tuple[float, dict[str, int], int]:
    from flexorch.intent import load_fleet
    from flexorch.rollout.api import run_rollout
    from flexorch.rollout.playbook import Playbook
    from flexorch.rollout.runner import RolloutOptions

    fleet = load_fleet(inventory)
    book = Playbook.model_validate({**PLAYBOOK, "workers": workers})
    started = time.perf_counter()
    report = run_rollout(fleet, "bench", book, RolloutOptions(timeout=120), plan_outcomes=False)
    wall = time.perf_counter() - started
    return wall, report.counts(), sum(h.sent for h in report.hosts)


def measure(inventory: Path, state: Path, targets: list[dict[str, Any]],
            lines: dict[str, tuple[str, ...]], workers: int, rounds: int) -> dict[str, Any]:
    """Every timing of ``rounds`` rounds, each on fresh labs; raises SystemExit when a rollout
    does not confirm every router or the second one is not idempotent."""
    got: dict[str, Any] = {k: [] for k in ("floor", "staged", "rollout", "idempotent",
                                            "floor_cpu", "rollout_cpu")}
    try:
        for _ in range(rounds):
            lab_up(inventory, state)
            cpu = time.process_time()
            got["floor"].append(floor(targets, lines, workers))
            got["floor_cpu"].append(time.process_time() - cpu)
            lab_down(state)
            lab_up(inventory, state)
            got["staged"].append(floor(targets, lines, workers, hub_first=True))
            lab_down(state)
            lab_up(inventory, state)
            cpu = time.process_time()
            wall, counts, got["sent"] = rollout(inventory, workers)
            got["rollout_cpu"].append(time.process_time() - cpu)
            got["rollout"].append(wall)
            if counts.get("confirmed") != len(targets):
                raise SystemExit(f"rollout did not confirm every router: {counts}")
            wall, again, resent = rollout(inventory, workers)
            if again.get("unchanged") != len(targets) or resent:
                raise SystemExit(f"second rollout was not idempotent: {again}")
            got["idempotent"].append(wall)
            lab_down(state)
    finally:
        lab_down(state)
    return got


def _rounds(values: list[float]) -> str:
    return ", ".join(f"{t:.2f}" for t in values)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spokes", type=int, default=199)
    parser.add_argument("--workers", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "tests" / "bench"))
    from bench_drift import make_inventory

    from flexorch.lab.inventory import specs_from_inventory

    with tempfile.TemporaryDirectory(prefix="flexorch-bench-rollout-") as tmp:
        os.environ["FLEXORCH_STATE_DIR"] = str(Path(tmp) / "flexorch-state")
        inventory, state = Path(tmp) / "inventory", Path(tmp) / "lab"
        make_inventory(inventory, args.spokes)
        lines = planned_lines(inventory)
        targets = [{"name": s.name, "device_type": "cisco_ios", "host": s.host, "port": s.port,
                    "username": s.username, "password": s.password, "conn_timeout": 30}
                   for s in specs_from_inventory(inventory)]
        got = measure(inventory, state, targets, lines, args.workers, args.rounds)

    total_lines = sum(len(v) for v in lines.values())
    best_floor, best_rollout, best_staged = min(got["floor"]), min(got["rollout"]), \
        min(got["staged"])
    ratio = best_rollout / best_floor
    load = os.getloadavg()[0]
    print(f"site: {len(targets)} routers (1 hub, {args.spokes} fresh day-0 spokes), "
          f"{args.workers} workers, {total_lines} config lines, best of {args.rounds}; "
          f"load average {load:.2f} on {os.cpu_count()} CPUs")
    print(f"floor (netmiko: connect + lines + 1 show + disconnect): {best_floor:.2f} s "
          f"(rounds: {_rounds(got['floor'])}; client CPU {min(got['floor_cpu']):.2f} s)")
    print(f"flexorch rollout (batch playbook):                     {best_rollout:.2f} s "
          f"(rounds: {_rounds(got['rollout'])}; client CPU {min(got['rollout_cpu']):.2f} s; "
          f"{got['sent']} lines sent)")
    print(f"floor, hub first then spokes (plain netmiko):          {best_staged:.2f} s "
          f"(rounds: {_rounds(got['staged'])})")
    print(f"ratio rollout / floor: {ratio:.2f} (target <= 1.3); rollout / hub-first floor: "
          f"{best_rollout / best_staged:.2f}")
    print(f"second, idempotent rollout: {min(got['idempotent']):.2f} s (nothing sent)")
    print(json.dumps({"routers": len(targets), "workers": args.workers, "lines": total_lines,
                      "floor_s": best_floor, "hub_first_floor_s": best_staged,
                      "rollout_s": best_rollout, "ratio": round(ratio, 3),
                      "idempotent_s": min(got["idempotent"]), "load_average": load}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
