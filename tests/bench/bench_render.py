"""Load + validate + derive + render a generated 10,000-spoke fleet, with 1,000 spokes as the
baseline measured in the same run.

    .venv/bin/python tests/bench/bench_render.py [--spokes 10000] [--small 1000] [--lint]
                                                [--keep DIR]

Each size runs in a fresh Python process (so peak RSS is that size's own: ``VmHWM``, see
gen_fleet.peak_rss_mib) and is timed in phases: YAML read (the floor: what parsing the files
alone costs), load (read + validate + derive, ``load_fleet``), render (every host,
``render_full``, secrets masked as ``flexorch render`` prints them) and, with ``--lint``,
``flexorch.lint.lint_fleet``. It prints the figures, the 10k/1k ratio and the targets of the
issue: total < 20 s on 2 cores, ratio <= 11, peak RSS < 1 GiB (lint included when asked for).
Exit status 1 when a target is missed, 0 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TARGET_SECONDS = 20.0
TARGET_RATIO = 11.0
TARGET_RSS_MB = 1024.0


def measure(folder: Path, lint: bool) -> dict[str, Any]:
    """Run every phase on ``folder`` in this process; figures as a dict."""
    import gc

    import yaml

    from flexorch.intent import load_fleet
    from flexorch.render import render_full

    figures: dict[str, Any] = {}
    cpu_start = time.process_time()
    start = time.perf_counter()
    gc.disable()  # the floor is measured the way load_fleet reads (no cyclic GC)
    for name in ("hosts.yaml", "groups.yaml", "defaults.yaml"):
        yaml.load((folder / name).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    gc.enable()
    figures["yaml_floor_s"] = time.perf_counter() - start

    start = time.perf_counter()
    fleet = load_fleet(folder)
    figures["load_s"] = time.perf_counter() - start
    figures["hosts"] = len(fleet.hosts)

    start = time.perf_counter()
    lines = 0
    for name in fleet.hosts:
        lines += render_full(fleet, name, reveal=False).count("\n")
    figures["render_s"] = time.perf_counter() - start
    figures["config_lines"] = lines

    lint_s = None
    if lint:
        from flexorch.lint import lint_fleet

        start = time.perf_counter()
        lint_fleet(fleet)
        lint_s = time.perf_counter() - start
    figures["lint_s"] = lint_s
    figures["total_s"] = figures["load_s"] + figures["render_s"] + (lint_s or 0.0)
    # CPU seconds of all phases (floor included): wall time minus waiting for a busy machine
    figures["cpu_s"] = time.process_time() - cpu_start
    sys.path.insert(0, str(HERE))
    from gen_fleet import peak_rss_mib

    figures["peak_rss_mb"] = peak_rss_mib()
    return figures


def run_child(folder: Path, lint: bool) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, "--measure", str(folder), *(["--lint"] if lint else [])],
        capture_output=True, text=True, check=True,
    )
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def _row(label: str, figures: dict[str, Any]) -> str:
    lint = f"{figures['lint_s']:7.2f}" if figures["lint_s"] is not None else "    n/a"
    return (f"{label:>12} {figures['hosts']:>7} {figures['yaml_floor_s']:8.2f} "
            f"{figures['load_s']:7.2f} {figures['render_s']:7.2f} {lint} "
            f"{figures['total_s']:7.2f} {figures['cpu_s']:6.2f} {figures['peak_rss_mb']:8.0f} "
            f"{figures['config_lines']:>9}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spokes", type=int, default=10000)
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--keep", type=Path, help="generate the inventories here and keep them")
    parser.add_argument("--lint", action="store_true", help="time flexorch.lint.lint_fleet too")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.lint)))
        return 0

    sys.path.insert(0, str(HERE))
    from gen_fleet import generate

    with tempfile.TemporaryDirectory(prefix="flexorch-bench-") as tmp:
        base = args.keep or Path(tmp)
        small = generate(base / f"fleet-{args.small}", args.small)
        large = generate(base / f"fleet-{args.spokes}", args.spokes)
        small_figures = run_child(small, args.lint)
        large_figures = run_child(large, args.lint)

    ratio = large_figures["total_s"] / small_figures["total_s"]
    print("flexorch render benchmark (1 hub + N spokes, secrets masked)")
    print(f"{'fleet':>12} {'hosts':>7} {'yaml-s':>8} {'load-s':>7} {'rend-s':>7} {'lint-s':>7} "
          f"{'total-s':>7} {'cpu-s':>6} {'rss-MiB':>8} {'lines':>9}")
    print(_row(f"{args.small} (base)", small_figures))
    print(_row(f"{args.spokes}", large_figures))
    checks = [
        (f"total {large_figures['total_s']:.2f} s < {TARGET_SECONDS:.0f} s",
         large_figures["total_s"] < TARGET_SECONDS),
        (f"ratio {args.spokes}/{args.small} = {ratio:.2f} <= {TARGET_RATIO:.0f}",
         ratio <= TARGET_RATIO),
        (f"peak RSS {large_figures['peak_rss_mb']:.0f} MiB < {TARGET_RSS_MB:.0f} MiB",
         large_figures["peak_rss_mb"] < TARGET_RSS_MB),
    ]
    if large_figures["lint_s"] is None:
        print("totals are load + render (add --lint to include flexorch.lint.lint_fleet)")
    print(f"load average during the run: {os.getloadavg()[0]:.2f} (2 cores: above 2 the wall "
          "times include waiting for the CPU)")
    for text, ok in checks:
        print(f"{'ok  ' if ok else 'MISS'} {text}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
