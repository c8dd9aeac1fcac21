"""Benchmark: load + lint + render of a generated 10,000-spoke fleet, with a 1,000-spoke baseline
measured in the same run.

    .venv/bin/python tests/bench/bench_lint.py                 # 10,000 and 1,000 spokes
    .venv/bin/python tests/bench/bench_lint.py --spokes 2000 --small 200

Each size runs in a fresh child process (so peak RSS is that size's own) doing what
``flexorch lint`` then ``flexorch render`` do: load the inventory (validate + derive), lint every
host (per-host rules, PSKs resolved and measured, every spoke negotiated with the hub on the
rendered configs), then render every host's full config (masked, as ``flexorch render`` writes by
default). Targets (issue 2): 10k total < 20 s on 2 cores, 10k/1k time ratio <= 11, peak RSS
< 1 GiB. The fleets come from ``tests/bench/gen_fleet.py``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TARGET_SECONDS = 20.0
TARGET_RATIO = 11.0
TARGET_RSS_MIB = 1024.0


def _rss_mib() -> float:
    return float(_gen_fleet().peak_rss_mib())


def child(folder: Path) -> dict[str, Any]:
    """One measured run in this process; returns the figures."""
    start = time.perf_counter()
    from flexorch.intent import load_fleet
    from flexorch.lint import lint_fleet
    from flexorch.render import render_full

    imported = time.perf_counter()
    base_rss = _rss_mib()
    cpu = [time.process_time()]
    fleet = load_fleet(folder)
    loaded = time.perf_counter()
    cpu.append(time.process_time())
    report = lint_fleet(fleet)
    linted = time.perf_counter()
    cpu.append(time.process_time())
    lines = sum(render_full(fleet, name, reveal=False).count("\n") for name in fleet.hosts)
    rendered = time.perf_counter()
    cpu.append(time.process_time())
    return {
        "hosts": len(fleet.hosts),
        "import": imported - start,
        "load": loaded - imported,
        "lint": linted - loaded,
        "render": rendered - linted,
        "total": rendered - imported,
        # CPU seconds per phase: the wall time minus waiting for a machine shared with others
        "cpu_load": cpu[1] - cpu[0],
        "cpu_lint": cpu[2] - cpu[1],
        "cpu_render": cpu[3] - cpu[2],
        "cpu_total": cpu[3] - cpu[0],
        "rss_base_mib": base_rss,
        "rss_peak_mib": _rss_mib(),
        "sessions": report.sessions,
        "lint_stages": {k: round(v, 3) for k, v in report.timings.items()},
        "summary": report.summary(),
        "config_lines": lines,
    }


def _gen_fleet() -> Any:
    """tests/bench/gen_fleet.py, loaded by path (the benchmarks run from an installed package)."""
    spec = importlib.util.spec_from_file_location("gen_fleet", HERE / "gen_fleet.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _generate(folder: Path, spokes: int) -> Path:
    _gen_fleet().generate(folder, spokes)
    return folder


def _row(label: str, figures: dict[str, Any]) -> str:
    return (f"{label:>7}  {figures['hosts']:>6}  {figures['load']:>7.2f}  {figures['lint']:>7.2f}  "
            f"{figures['render']:>7.2f}  {figures['total']:>7.2f}  {figures['rss_base_mib']:>8.0f}"
            f"  {figures['rss_peak_mib']:>8.0f}  {figures['sessions']:>8}  "
            f"{figures['cpu_load']:>6.2f} {figures['cpu_lint']:>6.2f} {figures['cpu_render']:>6.2f}"
            f" {figures['cpu_total']:>7.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spokes", type=int, default=10000)
    parser.add_argument("--small", type=int, default=1000, help="baseline fleet size")
    fleets = _gen_fleet()
    fleets.add_run_options(parser, 1800.0)
    args = parser.parse_args()
    results = fleets.sized_run(__file__, args, child, "flexorch-bench-lint-",
                               (args.small, args.spokes), _generate)
    if results is None:
        return
    print("   size   hosts  load s  lint s  render s total s  RSS0 MiB  peak MiB  sessions  "
          "  CPU: load   lint render   total")
    for spokes, figures in results.items():
        if figures is None:
            print(f"{spokes:>7}  did not finish in {args.timeout:.0f} s")
        else:
            print(_row(str(spokes), figures))
    for spokes, figures in results.items():
        if figures is not None:
            stages = ", ".join(f"{k} {v:.2f}" for k, v in figures["lint_stages"].items())
            print(f"{spokes:>7}  lint stages (s): {stages}")
    small, big = results[args.small], results[args.spokes]
    if small is None or big is None:
        sys.exit(1)
    ratio = big["total"] / small["total"]
    cpu_ratios = ", ".join(f"{phase} {big[f'cpu_{phase}'] / small[f'cpu_{phase}']:.2f}"
                           for phase in ("load", "lint", "render"))
    print(f"CPU-time ratio {args.spokes}/{args.small} = "
          f"{big['cpu_total'] / small['cpu_total']:.2f} ({cpu_ratios}); load average now "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cpus (above that, wall times include "
          "waiting for a CPU)")
    checks = [
        (f"{args.spokes} spokes total {big['total']:.2f} s < {TARGET_SECONDS:.0f} s",
         big["total"] < TARGET_SECONDS),
        (f"ratio {args.spokes}/{args.small} = {ratio:.2f} <= {TARGET_RATIO:.0f}",
         ratio <= TARGET_RATIO),
        (f"peak RSS {big['rss_peak_mib']:.0f} MiB < {TARGET_RSS_MIB:.0f} MiB",
         big["rss_peak_mib"] < TARGET_RSS_MIB),
    ]
    for text, ok in checks:
        print(f"{'ok  ' if ok else 'MISS'} {text}")
    print(f"lint summary ({args.spokes}): {json.dumps(big['summary'])}")


if __name__ == "__main__":
    main()
