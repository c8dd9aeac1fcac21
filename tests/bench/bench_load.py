"""Benchmark: loading a generated inventory (``load_fleet``: read, validate, derive) at 1,000 /
10,000 / 100,000 spokes, the smallest size measured in the same run as the baseline.

    .venv/bin/python tests/bench/bench_load.py                          # 1,000 and 10,000
    .venv/bin/python tests/bench/bench_load.py --sizes 1000 10000 100000  # 10 hubs at 100,000

Each size runs in a fresh child process and prints the load's wall and CPU seconds (its worker
processes' too: from 2,000 hosts they parse and validate, ``flexorch.forked``) and the
process's peak resident memory (``VmHWM``: the loaded fleet plus what loading needed at its
peak, plus the interpreter with flexorch imported, printed apart as ``base``). Targets (issue 15,
the load's share): 10,000 spokes in <= 1 s of CPU, time ratio 10k/1k <= 10.5 (judged on CPU
seconds in one process: the wall time on a shared machine includes waiting for a CPU, and the
baseline size is below the workers' minimum). The largest size is measured again in one process
(``FLEXORCH_WORKERS=1``) in the same run.
"""

from __future__ import annotations

import argparse
import importlib.util
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TARGET_CPU_10K = 1.0
TARGET_RATIO = 10.5
CHILD_ENV = {"FLEXORCH_MAX_HOSTS": "250000", "FLEXORCH_MAX_INVENTORY_MB": "256"}  # 100,000


def _gen_fleet() -> Any:
    """tests/bench/gen_fleet.py, loaded by path (the benchmarks run from an installed package)."""
    spec = importlib.util.spec_from_file_location("gen_fleet", HERE / "gen_fleet.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def child(folder: Path) -> dict[str, Any]:
    """One measured load in this process; returns the figures."""
    from flexorch.intent import load_fleet

    fleets = _gen_fleet()
    base = float(fleets.peak_rss_mib())
    wall, cpu = time.perf_counter(), fleets.cpu_seconds()
    fleet = load_fleet(folder)
    wall, cpu = time.perf_counter() - wall, fleets.cpu_seconds() - cpu
    return {"hosts": len(fleet.hosts), "wall": wall, "cpu": cpu, "rss_base_mib": base,
            "rss_peak_mib": float(fleets.peak_rss_mib())}


def _generate(folder: Path, spokes: int) -> Path:
    _gen_fleet().generate(folder, spokes, 10 if spokes >= 100000 else 1)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000],
                        help="spoke counts (10 hubs from 100,000); the first is the baseline")
    fleets = _gen_fleet()
    fleets.add_run_options(parser, 1800.0)
    args = parser.parse_args()
    results = fleets.sized_run(__file__, args, child, "flexorch-bench-load-", args.sizes,
                               _generate, CHILD_ENV)
    if results is None:
        return
    # the largest size (and ten times the baseline) again in one process (FLEXORCH_WORKERS=1):
    # what the workers save, and the time ratio's measure (the baseline is below forked's
    # minimum: one process)
    again = sorted({max(args.sizes)} | ({args.sizes[0] * 10} & set(args.sizes)))
    alone = fleets.measure_sizes(__file__, "flexorch-bench-load-", again,
                                 _generate, args.timeout, {**CHILD_ENV, "FLEXORCH_WORKERS": "1"})
    print(" spokes    hosts  wall s   CPU s  peak RSS MiB (base)")
    for label, rows in (("", results), ("  (one process, FLEXORCH_WORKERS=1)", alone)):
        for spokes, f in rows.items():
            print(f"{spokes:>7} {f['hosts']:>8} {f['wall']:>7.2f} {f['cpu']:>7.2f}  "
                  f"{f['rss_peak_mib']:>8.0f} ({f['rss_base_mib']:.0f}){label}" if f is not None
                  else f"{spokes:>7}  did not finish in {args.timeout:.0f} s{label}")
    base = results[args.sizes[0]]
    for spokes, f in results.items():
        if f is None or base is None:
            continue
        if spokes == 10000:
            print(f"{'ok  ' if f['cpu'] <= TARGET_CPU_10K else 'MISS'} 10000 spokes load "
                  f"{f['cpu']:.2f} CPU s <= {TARGET_CPU_10K:.0f} s")
        if spokes == args.sizes[0] * 10:
            same = alone.get(spokes) or f
            ratio = same["cpu"] / base["cpu"]
            how = "one process" if same is not f else "with workers"
            print(f"{'ok  ' if ratio <= TARGET_RATIO else 'MISS'} ratio {spokes}/{args.sizes[0]}"
                  f" = CPU {ratio:.2f} ({how}) <= {TARGET_RATIO}; with workers CPU "
                  f"{f['cpu'] / base['cpu']:.2f}, wall {f['wall'] / base['wall']:.2f}")
    print(fleets.machine_line())


if __name__ == "__main__":
    main()
