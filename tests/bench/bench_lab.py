"""Lab benchmark: 200 simulated routers in one process, driven by unmodified netmiko.

    .venv/bin/python tests/bench/bench_lab.py [--routers 200] [--threads 32] [--lines 25]

What it prints (all measured in this run, on this machine):
- startup: wall time of ``flexorch lab up`` for the generated inventory (target < 5 s), and RSS;
- baseline: netmiko connect + disconnect only, against every router with N threads;
- workload: netmiko connect + 25 config lines + ``show running-config`` + disconnect, every router;
- sessions/s, and CPU seconds per session of the lab process vs of the client process (the lab
  must not be the bottleneck: its CPU per session well below the client's).
The lab runs as a separate background process (as ``flexorch lab up`` runs it); its CPU comes
from its control channel (``time.process_time`` inside the lab), the client's from this process.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CONFIG = [
    "crypto ikev2 proposal BENCH_NGE",
    " encryption aes-gcm-256",
    " prf sha512",
    " group 21 20",
    "crypto ikev2 policy BENCH_POLICY",
    " proposal BENCH_NGE",
    "crypto ikev2 keyring BENCH_KEYS",
    " peer HUB",
    "  address 192.0.2.1",
    "  pre-shared-key Bench-Key-0123456789",
    "crypto ikev2 profile BENCH",
    " match identity remote address 192.0.2.1 255.255.255.255",
    " authentication remote pre-share",
    " authentication local pre-share",
    " keyring local BENCH_KEYS",
    " dpd 30 5 on-demand",
    "crypto ipsec profile BENCH_IPSEC",
    " set ikev2-profile BENCH",
    "interface Tunnel0",
    " description bench tunnel",
    " ip unnumbered Loopback0",
    " tunnel source GigabitEthernet1",
    " tunnel mode ipsec ipv4",
    " tunnel destination 192.0.2.1",
    " tunnel protection ipsec profile BENCH_IPSEC",
]


def free_ports(count: int) -> list[int]:
    """``count`` consecutive free ports below the kernel's ephemeral range, so that the client
    connections of the run (which take ephemeral ports) can never collide with the lab's."""
    rng = random.Random()
    for _ in range(50):
        base = rng.randrange(20000, 32000 - count)
        ports = list(range(base, base + count))
        if all(_bindable(port) for port in ports):
            return ports
    raise RuntimeError(f"no {count} free consecutive ports between 20000 and 32000")


def _bindable(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def write_inventory(folder: Path, count: int) -> None:
    """One hub and count-1 spokes, day-0 only (the lab boots them with hostname and WAN)."""
    folder.mkdir(parents=True)
    (folder / "defaults.yaml").write_text(
        "platform: cisco_ios\n"
        "data:\n"
        "  secrets:\n    lab_fallback: true\n"
        "  credentials:\n    username: flexorch\n    password: {env: FLEXORCH_DEVICE_PASSWORD}\n"
        "  site: bench\n",
        encoding="utf-8",
    )
    (folder / "groups.yaml").write_text("{}\n", encoding="utf-8")
    ports = free_ports(count)
    hosts = [
        f"hub0:\n  hostname: 127.0.0.1\n  port: {ports[0]}\n  data:\n    role: hub\n"
        "    interfaces:\n      GigabitEthernet1: {ipv4: 192.0.2.1/24}\n"
        "    loopbacks:\n      Loopback0: {ipv4: 10.255.0.1/32}\n"
    ]
    for i in range(1, count):
        hosts.append(
            f"s{i:03d}:\n  hostname: 127.0.0.1\n  port: {ports[i]}\n  data:\n    role: spoke\n"
            "    hubs: [hub0]\n"
            f"    interfaces:\n      GigabitEthernet1: {{ipv4: 10.{i // 250}.{i % 250}.2/24}}\n"
            f"    loopbacks:\n      Loopback0: {{ipv4: 10.254.{i // 250}.{i % 250}/32}}\n"
        )
    (folder / "hosts.yaml").write_text("\n".join(hosts), encoding="utf-8")


def flexorch(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "flexorch", *args], capture_output=True,
                          text=True, check=False, cwd=ROOT)


def lab_stats(state: Path) -> dict[str, float]:
    from flexorch.lab.control import request

    answer = request(state, "stats")
    rss_kb = 0
    for line in Path(f"/proc/{answer['pid']}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            rss_kb = int(line.split()[1])
    return {"cpu": float(answer["cpu"]), "sessions": float(answer["sessions"]),
            "rss_mb": rss_kb / 1024}


def run_sessions(targets: list[dict[str, object]], threads: int, work: bool, lines: int) -> float:
    """Every target once, ``threads`` at a time; the wall time."""
    from netmiko import ConnectHandler

    commands = CONFIG[:lines]

    def one(params: dict[str, object]) -> None:
        with ConnectHandler(**params) as conn:
            if work:
                out = conn.send_config_set(commands)
                if "% Invalid" in out:
                    raise RuntimeError(f"{params['port']}: config refused: {out}")
                shown = conn.send_command("show running-config")
                if "Tunnel0" not in shown and lines >= len(CONFIG):
                    raise RuntimeError(f"{params['port']}: config not shown")

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(one, targets))
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--routers", type=int, default=200)
    parser.add_argument("--threads", type=int, default=32)
    parser.add_argument("--lines", type=int, default=25)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from flexorch.lab.inventory import specs_from_inventory

    with tempfile.TemporaryDirectory(prefix="flexorch-bench-lab-") as tmp:
        inventory, state = Path(tmp) / "inventory", Path(tmp) / "state"
        write_inventory(inventory, args.routers)
        started = time.perf_counter()
        up = flexorch("-i", str(inventory), "lab", "up", "--state-dir", str(state))
        startup = time.perf_counter() - started
        if up.returncode != 0:
            print(up.stderr, file=sys.stderr)
            return 1
        try:
            idle = lab_stats(state)
            specs = specs_from_inventory(inventory)
            targets: list[dict[str, object]] = [
                {"device_type": "cisco_ios", "host": s.host, "port": s.port,
                 "username": s.username, "password": s.password, "conn_timeout": 30}
                for s in specs
            ]
            n = len(targets)
            inside = json.loads((state / "lab.json").read_text())["startup_seconds"]
            print(f"lab: {n} routers in one process; `flexorch lab up` returned in {startup:.2f} s"
                  f" (target < 5 s; inventory load + all listening inside the lab process: "
                  f"{inside:.2f} s); lab RSS {idle['rss_mb']:.0f} MiB")

            figures = {}
            workload = f"workload (connect+{args.lines} lines+show run+disconnect)"
            for label, work in (("baseline (connect+disconnect)", False), (workload, True)):
                before_lab, before_me = lab_stats(state), time.process_time()
                wall = run_sessions(targets, args.threads, work, args.lines)
                after_lab, after_me = lab_stats(state), time.process_time()
                lab_cpu = (after_lab["cpu"] - before_lab["cpu"]) / n
                client_cpu = (after_me - before_me) / n
                figures[label] = {"wall_s": wall, "sessions_per_s": n / wall,
                                  "lab_cpu_ms_per_session": lab_cpu * 1000,
                                  "client_cpu_ms_per_session": client_cpu * 1000}
                print(f"{label}: {n} sessions, {args.threads} threads: {wall:.2f} s, "
                      f"{n / wall:.1f} sessions/s; CPU per session: lab {lab_cpu * 1000:.1f} ms, "
                      f"client {client_cpu * 1000:.1f} ms (lab/client {lab_cpu / client_cpu:.2f})")
            final = lab_stats(state)
            print(f"lab RSS after the run: {final['rss_mb']:.0f} MiB")
            print(json.dumps({"routers": n, "startup_s": startup, **figures}))
        finally:
            down = flexorch("lab", "down", "--state-dir", str(state))
            if down.returncode != 0:
                print(down.stderr, file=sys.stderr)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONWARNINGS", "ignore::DeprecationWarning")
    sys.exit(main())
