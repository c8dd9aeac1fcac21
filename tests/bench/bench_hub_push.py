"""Benchmark: a hub's initial push alone, line by line (the baseline) and as a file (SCP +
``copy flash:FILE running-config``), at 2,000 and 10,000 spokes, measured in the same run.

    .venv/bin/python tests/bench/bench_hub_push.py [--spokes 2000 10000] [--methods line file]

The site comes from ``tests/bench/gen_fleet.py``; the lab (``flexorch lab up``, its own process)
serves the hub only, fresh (day-0 config, state wiped) before every measured push, so both
methods push into identical routers. Lines to send: the hub's remediation from its day-0
running config (one keyring peer and one identity per spoke). What is timed, per method, on one
SSH session opened beforehand: ``archive`` ensured, the push under ``configure terminal revert
timer 10`` (``tasks.push.push_under_timer`` or ``tasks.filepush.push_file_under_timer`` with
``ip scp server enable`` ensured), ``configure confirm`` and ``write memory``. Afterwards the
hub's running config is planned again: it must need no line (printed as ``left``).
Target (issue 15): a 10,000-spoke hub's initial push < 30 s on the lab. Only ``flexorch`` is
imported (installed or editable alike); the lab runs as ``python -m flexorch lab``.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TARGET_SECONDS = {10000: 30.0}


def _flexorch(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "flexorch", *args], capture_output=True,
                          text=True, check=False)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _site(folder: Path, spokes: int) -> Path:
    """gen_fleet's site, the hub on a free port; and ``folder/lab``: the hub alone."""
    spec = importlib.util.spec_from_file_location("gen_fleet", HERE / "gen_fleet.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    site = module.generate(folder / "site", spokes)
    hosts = (site / "hosts.yaml").read_text(encoding="utf-8")
    hub, rest = hosts.split("\ns00001:", 1)
    hub = hub.replace("port: 22001", f"port: {_free_port()}")
    (site / "hosts.yaml").write_text(f"{hub}\ns00001:{rest}", encoding="utf-8")
    lab = folder / "lab-inventory"
    lab.mkdir()
    for name in ("defaults.yaml", "groups.yaml"):
        shutil.copy(site / name, lab / name)
    (lab / "hosts.yaml").write_text(hub + "\n", encoding="utf-8")
    return Path(site)


def _lab_up(inventory: Path, state: Path) -> None:
    shutil.rmtree(state, ignore_errors=True)
    up = _flexorch("-i", str(inventory), "lab", "up", "--state-dir", str(state))
    if up.returncode != 0:
        raise SystemExit(f"lab up failed: {up.stderr}")


def _push(fleet: Any, method: str, tag: str) -> dict[str, Any]:
    """One measured push of the hub (see the module doc)."""
    from flexorch.intent import make_nornir
    from flexorch.plan.remediate import remediate
    from flexorch.render import render_host
    from flexorch.tasks.device import read_running, session_defaults
    from flexorch.tasks.filepush import ensure_scp_server, push_file_name, push_file_under_timer
    from flexorch.tasks.push import ensure_archive, push_under_timer
    from flexorch.tasks.revert import confirm_and_save

    intended = render_host(fleet, "hub")
    figures: dict[str, Any] = {}

    def task(task: Any) -> None:
        running = str(read_running(task, 600).result)
        lines = list(remediate(running, intended).lines)
        figures["lines"] = len(lines)
        start = time.perf_counter()
        ensure_archive(task, running, 600)
        if method == "file":
            ensure_scp_server(task, running, 600)
            push_file_under_timer(task, lines, 10, push_file_name(tag), 600)
        else:
            push_under_timer(task, lines, 10, 600)
        confirm_and_save(task, 600)
        figures["seconds"] = time.perf_counter() - start
        after = str(read_running(task, 600).result)
        figures["left"] = len(remediate(after, intended).lines)

    nr = make_nornir(fleet, ["hub"], workers=1)
    session_defaults(nr, 600)
    try:
        result = nr.run(task=task)
    finally:
        nr.close_connections()
    if result.failed:
        raise SystemExit(f"{method} push failed: {result['hub'].exception}")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spokes", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--methods", nargs="+", choices=("line", "file"), default=["line", "file"])
    args = parser.parse_args()
    print(f"cpus: {os.cpu_count()}  load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    rows: list[tuple[int, str, dict[str, Any]]] = []
    with tempfile.TemporaryDirectory(prefix="flexorch-bench-hub-") as tmp:
        os.environ["FLEXORCH_STATE_DIR"] = str(Path(tmp) / "state")
        os.environ.setdefault("FLEXORCH_DEVICE_PASSWORD", "bench-Passw0rd")
        from flexorch.intent import load_fleet

        for spokes in args.spokes:
            folder = Path(tmp) / f"site{spokes}"
            folder.mkdir()
            fleet = load_fleet(_site(folder, spokes))
            for method in args.methods:
                state = folder / "lab"
                _lab_up(folder / "lab-inventory", state)
                try:
                    rows.append((spokes, method, _push(fleet, method, f"bench{spokes}")))
                finally:
                    _flexorch("lab", "down", "--state-dir", str(state))
    print(" spokes  method    lines  push+confirm s  lines left after")
    for spokes, method, f in rows:
        print(f"{spokes:>7}  {method:<6} {f['lines']:>8}  {f['seconds']:>14.2f}  {f['left']:>6}")
    by = {(s, m): f["seconds"] for s, m, f in rows}
    for spokes in args.spokes:
        if (spokes, "line") in by and (spokes, "file") in by:
            print(f"{spokes} spokes: file push {by[spokes, 'file']:.2f} s, line by line (baseline)"
                  f" {by[spokes, 'line']:.2f} s: {by[spokes, 'line'] / by[spokes, 'file']:.1f}x")
        target = TARGET_SECONDS.get(spokes)
        if target is not None and (spokes, "file") in by:
            ok = by[spokes, "file"] < target
            print(f"{'ok  ' if ok else 'MISS'} {spokes}-spoke hub initial push (file) "
                  f"{by[spokes, 'file']:.2f} s < {target:.0f} s")
    print(f"load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cpus")


if __name__ == "__main__":
    main()
