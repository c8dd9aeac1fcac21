"""Rollout benchmark: 1 hub + N fresh day-0 spokes on the lab, rolled out with the shipped
default playbook and with a hub-then-all playbook, against baselines measured in the same run.

    .venv/bin/python tests/bench/bench_rollout.py [--spokes 199] [--workers 16] [--rounds 1]
        [--ansible auto|yes|no] [--only hub-then-all]

The site comes from ``tests/bench/gen_fleet.py`` (ports moved to free loopback ports) and is
served by ``flexorch lab up`` in its own process, restarted fresh (day-0 only, state wiped)
before every measured push, so every baseline and every rollout push into identical routers.

What it prints (measured in this run, on this machine; the load average is printed too):

- floor: plain netmiko at the same concurrency, per router: connect, ``send_config_set`` of
  exactly the remediation lines flexorch sends to that router, one ``show crypto ikev2 sa
  detailed``, disconnect. No running-config read, plan, backup, archive, revert timer, gate,
  confirm, ``write memory`` or history;
- hub-first floor: the same pushes, the hub alone first, then the spokes;
- Ansible: ``ansible-playbook`` with ``cisco.ios.ios_config src`` (each router's intended
  sections, ``save_when: modified``) over network_cli, forks = workers, when the test extras
  are installed (``--ansible auto``: up to 500 routers);
- flexorch: ``flexorch.rollout.api.run_rollout`` (site lock, history in SQLite, read + plan,
  per router: local + flash backup, archive, ``configure terminal revert timer``, the lines,
  the gate's ``show crypto ikev2 sa detailed``, ``configure confirm``, ``write memory``) with
  ``playbooks/default.yaml`` and with ``HUB_THEN_ALL``; for each, the hub's own push + gate +
  confirm (from its first step to its confirm) and the speed-up over Ansible;
- the second, idempotent rollout of the same site (reads and plans, sends nothing).

``--only hub-then-all`` (for big sites, where the whole run takes long): the floor and the
hub-then-all rollout only (no hub-first floor, Ansible, default playbook or idempotent rerun).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
SA = "show crypto ikev2 sa detailed"
ANSIBLE_PLAYBOOK = Path(sys.executable).with_name("ansible-playbook")

from flexorch.rollout.playbook import Playbook  # noqa: E402 (after the path is set)
from flexorch.rollout.progress import NullReporter  # noqa: E402

# The hub, verified and confirmed, then every spoke at once (the default gates).
HUB_THEN_ALL = Playbook.model_validate({
    "name": "hub-then-all", "stages": [
        {"name": "hubs", "select": {"role": "hub"}},
        {"name": "spokes", "select": {"rest": True}, "max_fail_pct": 5}]})

# The 1-minute load average when each figure's last measurement ended.
LOADS: dict[str, float] = {}
# CPU seconds of the lab process during each figure's last measurement (boot excluded).
LAB_CPU: dict[str, float] = {}

ANSIBLE_PLAY = """\
- name: FlexVPN
  hosts: all
  gather_facts: false
  tasks:
    - name: flexvpn
      cisco.ios.ios_config:
        src: "{{ playbook_dir }}/configs/{{ inventory_hostname }}.cfg"
        save_when: modified
"""


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


def lab_cpu(state: Path) -> float:
    """CPU seconds the lab process has used so far (its control channel's ``stats``)."""
    from flexorch.lab.control import request

    return float(request(state, "stats")["cpu"])


def planned(inventory: Path) -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    """What flexorch sends each fresh router, and each router's intended sections (computed
    offline, outside any timing)."""
    from flexorch.intent import load_fleet
    from flexorch.lab import configmode
    from flexorch.plan.remediate import remediate
    from flexorch.render import render_day0, render_host

    fleet = load_fleet(inventory)
    lines, intended = {}, {}
    for name in fleet.hosts:
        running = configmode.show_running(configmode.load_config(render_day0(fleet, name)))
        intended[name] = render_host(fleet, name)
        lines[name] = remediate(running, intended[name]).lines
    return lines, intended


def floor(targets: list[dict[str, Any]], lines: dict[str, tuple[str, ...]],
          workers: int, *, hub_first: bool = False) -> float:
    """Plain netmiko pushes; with ``hub_first`` the hub alone, then every spoke."""
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


def ansible(targets: list[dict[str, Any]], intended: dict[str, str], workers: int,
            work: Path) -> float:
    """``ansible-playbook`` pushing each router's intended sections with ios_config src."""
    (work / "configs").mkdir(parents=True)
    rows = ["all:", "  hosts:"]
    for t in targets:
        rows += [f"    {t['name']}:", "      ansible_host: 127.0.0.1",
                 f"      ansible_port: {t['port']}"]
        (work / "configs" / f"{t['name']}.cfg").write_text(intended[t["name"]], encoding="utf-8")
    first = targets[0]
    rows += ["  vars:", f"    ansible_user: {first['username']}",
             f"    ansible_password: {first['password']}",
             "    ansible_connection: ansible.netcommon.network_cli",
             "    ansible_network_os: cisco.ios.ios",
             "    ansible_network_cli_ssh_type: libssh",
             f"    ansible_python_interpreter: {sys.executable}"]
    (work / "inventory.yml").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (work / "play.yml").write_text(ANSIBLE_PLAY, encoding="utf-8")
    (work / "ansible.cfg").write_text("[defaults]\n", encoding="utf-8")
    sockets = tempfile.mkdtemp(prefix="flexorch-ans-")
    env = {**os.environ, "PATH": f"{ANSIBLE_PLAYBOOK.parent}{os.pathsep}{os.environ['PATH']}",
           "ANSIBLE_CONFIG": str(work / "ansible.cfg"), "ANSIBLE_HOST_KEY_CHECKING": "False",
           "ANSIBLE_LOCAL_TEMP": str(work / "tmp"), "ANSIBLE_HOME": str(work / "home"),
           "ANSIBLE_PERSISTENT_CONTROL_PATH_DIR": sockets, "ANSIBLE_FORKS": str(workers),
           "ANSIBLE_PERSISTENT_COMMAND_TIMEOUT": "120", "ANSIBLE_NOCOLOR": "1"}
    started = time.perf_counter()
    try:
        done = subprocess.run([str(ANSIBLE_PLAYBOOK), "-i", str(work / "inventory.yml"),
                               str(work / "play.yml")], cwd=work, env=env, capture_output=True,
                              text=True, check=False)
    finally:
        shutil.rmtree(sockets, ignore_errors=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"ansible-playbook failed:\n{done.stdout[-3000:]}{done.stderr[-2000:]}")
    return wall


class HubClock(NullReporter):
    """When the hub's first step started and when it finished (push + gate + confirm)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.start: float | None = None
        self.end: float | None = None

    def step(self, host: Any, step: str) -> None:
        with self.lock:
            if host.host == "hub" and self.start is None:
                self.start = time.perf_counter()

    def done(self, host: Any) -> None:
        if host.host == "hub":
            self.end = time.perf_counter()

    def seconds(self) -> float | None:
        return None if self.start is None or self.end is None else self.end - self.start


def rollout(inventory: Path, book: Playbook, workers: int) -> dict[str, Any]:
    from flexorch.intent import load_fleet
    from flexorch.rollout.api import run_rollout
    from flexorch.rollout.runner import RolloutOptions

    fleet = load_fleet(inventory)
    clock = HubClock()
    started = time.perf_counter()
    cpu = time.process_time()
    report = run_rollout(fleet, "bench", book.with_overrides(workers=workers),
                         RolloutOptions(timeout=120), plan_outcomes=False,
                         reporter=lambda _: clock)
    return {"wall": time.perf_counter() - started, "cpu": time.process_time() - cpu,
            "counts": report.counts(), "sent": sum(h.sent for h in report.hosts),
            "hub": clock.seconds(),
            "problems": [f"{h.host} {h.status} at {h.step}: {h.message}" for h in report.hosts
                         if h.status not in ("confirmed", "unchanged")][:5]}


def measure(args: argparse.Namespace, inventory: Path, state: Path, work: Path,
            targets: list[dict[str, Any]]) -> dict[str, Any]:
    """Best of ``rounds`` for every figure, each on a fresh lab."""
    from flexorch.rollout.playbook import load_playbook

    lines, intended = planned(inventory)
    books = {"default": load_playbook(ROOT / "playbooks" / "default.yaml"),
             "hub-then-all": HUB_THEN_ALL}
    if args.only == "hub-then-all":
        del books["default"]
    got: dict[str, list[Any]] = {}

    def fresh(key: str, run: Any) -> Any:
        lab_up(inventory, state)
        try:
            booted = lab_cpu(state)
            value = run()
            LAB_CPU[key] = lab_cpu(state) - booted
        finally:
            lab_down(state)
        got.setdefault(key, []).append(value)
        LOADS[key] = os.getloadavg()[0]  # other jobs load the machine too: said per figure
        return value

    for number in range(args.rounds):
        fresh("floor", lambda: floor(targets, lines, args.workers))
        if args.only is None:
            fresh("hub_first_floor", lambda: floor(targets, lines, args.workers,
                                                   hub_first=True))
        if args.run_ansible:
            fresh("ansible", lambda n=number: ansible(targets, intended, args.workers,
                                                      work / f"ansible{n}"))
        for name, book in books.items():
            def both(book: Playbook = book, name: str = name) -> dict[str, Any]:
                first = rollout(inventory, book, args.workers)
                if first["counts"].get("confirmed") != len(targets):
                    raise SystemExit(f"{name}: not every router confirmed: {first['counts']}; "
                                     + "; ".join(first["problems"]))
                if name == "default":
                    again = rollout(inventory, book, args.workers)
                    if again["counts"].get("unchanged") != len(targets) or again["sent"]:
                        raise SystemExit(f"second rollout was not idempotent: {again}")
                    first["rerun"] = again["wall"]
                return first
            fresh(name, both)
    return got


def report(args: argparse.Namespace, targets: list[dict[str, Any]], got: dict[str, Any],
           total_lines: int) -> None:
    best = {k: min(v) for k, v in got.items() if k in ("floor", "hub_first_floor", "ansible")}
    runs = {k: min(got[k], key=lambda r: r["wall"]) for k in ("default", "hub-then-all")
            if k in got}
    print(f"site: {len(targets)} routers (1 hub, {args.spokes} fresh day-0 spokes), "
          f"{args.workers} workers, {total_lines} config lines, best of {args.rounds}; load "
          f"average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    print(f"floor (netmiko: connect + lines + 1 show + disconnect): {best['floor']:8.2f} s"
          f"  (load {LOADS['floor']:.2f})")
    if "hub_first_floor" in best:
        print(f"floor, hub first then spokes:                           "
              f"{best['hub_first_floor']:8.2f} s  (load {LOADS['hub_first_floor']:.2f})")
    if "ansible" in best:
        print(f"Ansible cisco.ios ios_config src:                       {best['ansible']:8.2f} s"
              f"  (load {LOADS['ansible']:.2f})")
    else:
        print(f"Ansible cisco.ios: not run ({args.ansible_why})")
    targets_x = {"default": 10, "hub-then-all": 20}
    for name, run in runs.items():
        versus = (f"; {best['ansible'] / run['wall']:.1f}x faster than Ansible (target "
                  f">= {targets_x[name]}x)" if "ansible" in best else "")
        hub = f"{run['hub']:.2f} s" if run["hub"] is not None else "n/a"
        print(f"flexorch, playbook {name:<13} {run['wall']:8.2f} s (client CPU "
              f"{run['cpu']:.2f} s, {run['sent']} lines; hub push+gate+confirm {hub}; "
              f"{run['wall'] / best['floor']:.2f}x the floor; lab CPU {LAB_CPU[name]:.2f} s)"
              f"{versus}  (load {LOADS[name]:.2f})")
    if "default" in runs:
        print(f"second, idempotent rollout (default playbook): {runs['default']['rerun']:.2f} s "
              "(target < 5 s at 200 routers)")
    print(json.dumps({"routers": len(targets), "workers": args.workers, "lines": total_lines,
                      **{f"{k}_s": round(v, 2) for k, v in best.items()},
                      **{f"{k}_s": round(r["wall"], 2) for k, r in runs.items()},
                      **{f"{k}_hub_s": r["hub"] and round(r["hub"], 2) for k, r in runs.items()},
                      **({"idempotent_s": round(runs["default"]["rerun"], 2)}
                         if "default" in runs else {}),
                      **{f"{k}_lab_cpu_s": round(v, 2) for k, v in LAB_CPU.items()},
                      "load_average": os.getloadavg()[0],
                      **{f"{k}_load": round(v, 2) for k, v in LOADS.items()}}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spokes", type=int, default=199)
    parser.add_argument("--workers", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--ansible", choices=("auto", "yes", "no"), default="auto")
    parser.add_argument("--only", choices=("hub-then-all",), default=None,
                        help="the floor and the hub-then-all rollout only (big sites)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "tests" / "bench"))
    from bench_drift import make_inventory

    from flexorch.lab.inventory import specs_from_inventory

    installed = ANSIBLE_PLAYBOOK.is_file()
    args.run_ansible = installed and (args.ansible == "yes" or (
        args.ansible == "auto" and args.spokes < 500))
    args.run_ansible = args.run_ansible and args.only is None
    args.ansible_why = ("not installed (pip install -e '.[test]')" if not installed else
                        "--ansible no" if args.ansible == "no" else
                        "--only" if args.only is not None else
                        "over 500 routers: pass --ansible yes")
    with tempfile.TemporaryDirectory(prefix="flexorch-bench-rollout-") as tmp:
        os.environ["FLEXORCH_STATE_DIR"] = str(Path(tmp) / "flexorch-state")
        inventory, state = Path(tmp) / "inventory", Path(tmp) / "lab"
        make_inventory(inventory, args.spokes)
        targets = [{"name": s.name, "device_type": "cisco_ios", "host": s.host, "port": s.port,
                    "username": s.username, "password": s.password, "conn_timeout": 30}
                   for s in specs_from_inventory(inventory)]
        got = measure(args, inventory, state, Path(tmp), targets)
        total_lines = sum(len(v) for v in planned(inventory)[0].values())
    report(args, targets, got, total_lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
