"""Benchmark: ``flexorch import`` of 2,000 generated router configs (a hub with one keyring entry
per spoke, and 1,999 spokes), with 200 configs as the small size and, for both, a baseline
measured in the same run: reading the same files with ``RouterConfig`` only (the typed view,
no inventory).

    .venv/bin/python tests/bench/bench_import.py                 # 2,000 and 200 routers
    .venv/bin/python tests/bench/bench_import.py --routers 5000 --small 500

The configs are the generated fleet of ``tests/bench/gen_fleet.py`` rendered as the routers
would show them (secrets in clear); generating them is not timed. Each size runs in a fresh
child process (so peak RSS is that size's own) doing what ``flexorch import FILES --out DIR``
does: read every file, read the sections, place the routers, write secrets and the inventory to
a staging folder, prove it (load + render + compare every router), move it into place.
Targets (issue 12): 2,000 routers < 30 s on 2 cores, time(2,000)/time(200) <= 11; peak RSS
printed.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TARGET_SECONDS = 30.0
TARGET_RATIO = 11.0


def _rss_mib() -> float:
    return float(_gen_fleet().peak_rss_mib())


def child(configs: Path) -> dict[str, Any]:
    """One measured run in this process: the baseline, then the import."""
    from flexorch.importer.run import Options, import_routers
    from flexorch.importer.source import read_text, router_source
    from flexorch.ios.model import RouterConfig

    files = sorted(configs.glob("*.cfg"))
    cpu = time.process_time()
    start = time.perf_counter()
    for path in files:
        RouterConfig.from_text(path.read_text(encoding="utf-8"))
    baseline = time.perf_counter() - start
    baseline_cpu = time.process_time() - cpu
    out = configs.parent / "imported"
    cpu = time.process_time()
    start = time.perf_counter()
    routers = [router_source(str(p), read_text(p)) for p in files]
    read = time.perf_counter() - start
    result = import_routers(routers, Options(out))
    total = time.perf_counter() - start
    assert result.written and not result.unexpressed, result.unexpressed[:3]
    return {
        "routers": len(files), "baseline": baseline, "baseline_cpu": baseline_cpu,
        "read": read, "total": total, "cpu": time.process_time() - cpu,
        "rss_peak_mib": _rss_mib(), "sites": len(result.sites),
        "inventory_kib": sum(p.stat().st_size for p in out.glob("*.yaml")) / 1024,
    }


def _gen_fleet() -> Any:
    """tests/bench/gen_fleet.py, loaded by path (the benchmarks run from an installed package)."""
    spec = importlib.util.spec_from_file_location("gen_fleet", HERE / "gen_fleet.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _generate(root: Path, routers: int) -> Path:
    """``routers`` config files (1 hub, routers - 1 spokes) in ``root/configs``."""
    module = _gen_fleet()
    module.generate(root / "inventory", routers - 1)
    from flexorch.intent import load_fleet
    from flexorch.render import render_full

    fleet = load_fleet(root / "inventory")
    configs = root / "configs"
    configs.mkdir()
    for name in fleet.hosts:
        (configs / f"{name}.cfg").write_text(render_full(fleet, name), encoding="utf-8")
    return configs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--routers", type=int, default=2000)
    parser.add_argument("--small", type=int, default=200, help="small size")
    fleets = _gen_fleet()
    fleets.add_run_options(parser, 900.0)
    args = parser.parse_args()
    results = fleets.sized_run(__file__, args, child, "flexorch-bench-import-",
                               (args.small, args.routers), _generate)
    if results is None:
        return
    print(" routers  baseline s  import s  (read s)  import CPU s  peak RSS MiB  inventory KiB")
    for size, f in results.items():
        if f is None:
            print(f"{size:>8}  did not finish in {args.timeout:.0f} s")
            continue
        print(f"{f['routers']:>8}  {f['baseline']:>10.2f}  {f['total']:>8.2f}  {f['read']:>8.2f}"
              f"  {f['cpu']:>12.2f}  {f['rss_peak_mib']:>12.0f}  {f['inventory_kib']:>13.0f}")
    small, big = results[args.small], results[args.routers]
    if small is None or big is None:
        sys.exit(1)
    ratio = big["total"] / small["total"]
    print(f"import / baseline: {big['total'] / big['baseline']:.1f}x at {args.routers}, "
          f"{small['total'] / small['baseline']:.1f}x at {args.small}; CPU ratio "
          f"{big['cpu'] / small['cpu']:.2f}; load average now {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cpus (above that, wall times include waiting for a CPU)")
    for text, ok in (
        (f"{args.routers} routers {big['total']:.2f} s < {TARGET_SECONDS:.0f} s",
         big["total"] < TARGET_SECONDS),
        (f"ratio {args.routers}/{args.small} = {ratio:.2f} <= {TARGET_RATIO:.0f}",
         ratio <= TARGET_RATIO),
        # CPU time: the same ratio without the waiting a loaded machine adds to wall times
        (f"CPU ratio {args.routers}/{args.small} = {big['cpu'] / small['cpu']:.2f} <= "
         f"{TARGET_RATIO:.0f}", big["cpu"] / small["cpu"] <= TARGET_RATIO),
    ):
        print(f"{'ok  ' if ok else 'MISS'} {text}")
    print(f"peak RSS at {args.routers}: {big['rss_peak_mib']:.0f} MiB")


if __name__ == "__main__":
    main()
