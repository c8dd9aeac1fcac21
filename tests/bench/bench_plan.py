"""Benchmark: lint, render and plan of a generated site at 1,000 / 10,000 / 100,000 spokes, the
smallest size measured in the same run as the baseline of the time ratio.

    .venv/bin/python tests/bench/bench_plan.py                      # 1,000 and 10,000 spokes
    .venv/bin/python tests/bench/bench_plan.py --sizes 1000 10000 100000 --hubs-at-100k 10

Each size runs in a fresh child process (peak RSS is that size's own; the same code path works
from an installed flexorch or an editable one: only ``flexorch`` is imported) and does, on the
fleet ``tests/bench/gen_fleet.py`` writes:

- load: the inventory read and validated (``load_fleet``), once;
- lint: ``lint_fleet`` (per-host rules, PSKs, every spoke negotiated with its hub);
- render: every host's full config, masked (what ``flexorch render`` writes);
- plan: ``plan_hosts`` of every host against its day-0 config as the running config (a site
  freshly racked: every router gets its whole FlexVPN config), outcomes predicted.

What is shared between phases is what one process shares: each host's stencil (its config
rendered once for both scopes, keys as marks: ``flexorch.render.Stencil``), masked rendering and
model are computed once per fleet (``flexorch.render.host_memo``, ``flexorch.predict.
masked_config``). Lint builds them; the render phase (masked, what ``flexorch render`` writes)
and plan's predictions reuse them, and plan cuts each host's managed sections from its stencil
with the keys written in (never kept), as ``flexorch rollout`` does (it lints the site, then
plans it, in one process). So the render phase here costs next to nothing; a ``flexorch render``
or ``flexorch plan`` run on its own renders (about 0.17 ms per spoke) and reads (about 0.45 ms
per spoke) every host itself. Plan normalises both sides; blocks repeated across routers are
normalised once per process (``flexorch.ios.config.normalize``).

From 2,000 routers on, lint's per-host rules, models and negotiation and plan's per-host work
run on forked worker processes (``flexorch.forked``, one per CPU, ``FLEXORCH_WORKERS``): the CPU
seconds printed count the workers' too, and the largest size is measured again in one process
(``FLEXORCH_WORKERS=1``) in the same run, the baseline of what the workers save.

Targets (issue 15): 10,000 spokes lint + render + plan (+ load) < 8 s, time ratio 10k/1k <=
10.5, peak RSS < 1 GiB; 100,000 spokes on 10 hubs < 90 s in <= 4 GiB. The CPU
seconds are printed beside the wall times: on a machine shared with other jobs the wall time
includes waiting for a CPU, the CPU time does not.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PHASES = ("load", "lint", "render", "plan")
TARGETS = {10000: (8.0, 1024.0), 100000: (90.0, 4096.0)}  # spokes: (seconds, MiB)
TARGET_RATIO = 10.5
# 100,000 spokes are above the default guards (50,000 hosts, 32 MB files); what is measured here
# is planning, so the child raises them.
CHILD_ENV = {"FLEXORCH_DEVICE_PASSWORD": "bench-password", "FLEXORCH_MAX_HOSTS": "250000",
             "FLEXORCH_MAX_INVENTORY_MB": "256"}


def _gen_fleet() -> Any:
    """tests/bench/gen_fleet.py, loaded by path (the benchmarks run from an installed package)."""
    spec = importlib.util.spec_from_file_location("gen_fleet", HERE / "gen_fleet.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _Clock:
    def __init__(self) -> None:
        self.figures: dict[str, float] = {}
        self.cpu_seconds = _gen_fleet().cpu_seconds  # loaded once, outside the laps
        self.wall, self.cpu = time.perf_counter(), self.cpu_seconds()

    def lap(self, phase: str) -> None:
        wall, cpu = time.perf_counter(), self.cpu_seconds()
        self.figures[phase], self.figures[f"cpu_{phase}"] = wall - self.wall, cpu - self.cpu
        self.wall, self.cpu = wall, cpu


def child(folder: Path) -> dict[str, Any]:
    """One measured run in this process; returns the figures."""
    import resource

    from flexorch.forked import workers
    from flexorch.intent import load_fleet
    from flexorch.lint import lint_fleet
    from flexorch.plan.workflow import plan_hosts
    from flexorch.render import render_day0, render_full

    clock = _Clock()
    fleet = load_fleet(folder)
    clock.lap("load")
    report = lint_fleet(fleet)
    clock.lap("lint")
    lines = sum(render_full(fleet, name, reveal=False).count("\n") for name in fleet.hosts)
    clock.lap("render")
    names = list(fleet.hosts)
    running = {name: (render_day0(fleet, name), None) for name in names}
    clock.lap("day0")  # the routers' running configs: not part of any phase
    works = plan_hosts(fleet, names, running)
    clock.lap("plan")
    figures = clock.figures
    return {
        **figures,
        "hosts": len(fleet.hosts),
        "total": sum(figures[p] for p in PHASES),
        "cpu_total": sum(figures[f"cpu_{p}"] for p in PHASES),
        "rss_peak_mib": float(_gen_fleet().peak_rss_mib()),
        # a worker's peak counts the pages it shares with this process (forked): an upper bound
        "worker_rss_peak_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "workers": workers(),
        "sessions": report.sessions,
        "lint_exit": report.summary()["exit_code"],
        "config_lines": lines,
        "plan_lines": sum(len(w.lines) for w in works),
        "tunnels": sum(len(w.outcomes) for w in works),
    }


def _generate(folder: Path, spokes: int, hubs_at_100k: int) -> Path:
    _gen_fleet().generate(folder, spokes, hubs_at_100k if spokes >= 100000 else 1)
    return folder


def _row(spokes: int, f: dict[str, Any]) -> str:
    walls = "".join(f"{f[p]:>8.2f}" for p in PHASES)
    cpus = "".join(f"{f['cpu_' + p]:>7.2f}" for p in PHASES)
    return (f"{spokes:>7} {f['hosts']:>7}{walls}{f['total']:>8.2f}  {f['rss_peak_mib']:>7.0f}"
            f"  {cpus}{f['cpu_total']:>8.2f}  {f['plan_lines']:>9}")


def _checks(results: dict[int, dict[str, Any] | None], base: int,
            alone: dict[int, dict[str, Any] | None]) -> list[tuple[str, bool]]:
    out = []
    small = results[base]
    for spokes, figures in results.items():
        if figures is None or small is None:
            continue
        seconds, mib = TARGETS.get(spokes, (None, None))
        if seconds is not None and mib is not None:
            out.append((f"{spokes} spokes total {figures['total']:.2f} s < {seconds:.0f} s "
                        f"(CPU {figures['cpu_total']:.2f} s)", figures["total"] < seconds))
            out.append((f"{spokes} spokes peak RSS {figures['rss_peak_mib']:.0f} MiB <= "
                        f"{mib:.0f} MiB", figures["rss_peak_mib"] <= mib))
        if spokes == base * 10:
            # Judged on CPU time: the wall ratio of the same code swung from 7.6 to 14.3 with
            # the load of other jobs on this 2-core machine. And on the run in one process when
            # there is one: the base size is below forked.MINIMUM (one process), so with
            # workers the ratio would also count what handing results between processes costs.
            same = alone.get(spokes) or figures
            ratio, cpu_ratio = same["total"] / small["total"], \
                same["cpu_total"] / small["cpu_total"]
            how = "one process, " if same is not figures else ""
            out.append((f"ratio {spokes}/{base} = CPU {cpu_ratio:.2f} ({how}wall {ratio:.2f}) "
                        f"<= {TARGET_RATIO}; with workers CPU "
                        f"{figures['cpu_total'] / small['cpu_total']:.2f}",
                        cpu_ratio <= TARGET_RATIO))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000],
                        help="spoke counts; the first is the baseline")
    parser.add_argument("--hubs-at-100k", type=int, default=10,
                        help="hubs for sizes of 100,000 spokes and more (else 1)")
    parser.add_argument("--no-one-process", action="store_true",
                        help="skip the baseline of the largest size in one process")
    fleets = _gen_fleet()
    fleets.add_run_options(parser, 3600.0)
    args = parser.parse_args()

    def make(folder: Path, spokes: int) -> Path:
        return _generate(folder, spokes, args.hubs_at_100k)

    results = fleets.sized_run(__file__, args, child, "flexorch-bench-plan-", args.sizes, make,
                               CHILD_ENV)
    if results is None:
        return
    alone: dict[int, dict[str, Any] | None] = {}
    if not args.no_one_process:
        # the same run with no worker process (FLEXORCH_WORKERS=1): what the workers save
        alone = fleets.measure_sizes(__file__, "flexorch-bench-plan-", [max(args.sizes)], make,
                                     args.timeout, {**CHILD_ENV, "FLEXORCH_WORKERS": "1"})
    print("          wall s: " + " " * 8 + "".join(f"{p:>8}" for p in PHASES) + "   total"
          + "  RSS MiB    CPU s:" + "".join(f"{p:>7}" for p in PHASES) + "   total  plan lines")
    print(" spokes   hosts")
    for label, rows in (("", results), (" (one process, FLEXORCH_WORKERS=1)", alone)):
        for spokes, figures in rows.items():
            print(_row(spokes, figures) + label if figures is not None
                  else f"{spokes:>7}  did not finish in {args.timeout:.0f} s{label}")
    for spokes, figures in results.items():
        if figures is not None and figures["worker_rss_peak_mib"] > 0:
            print(f"{spokes:>7}: {figures['workers']} processes; a worker's peak RSS "
                  f"{figures['worker_rss_peak_mib']:.0f} MiB (counting the pages it shares "
                  "with the parent)")
    for text, ok in _checks(results, args.sizes[0], alone):
        print(f"{'ok  ' if ok else 'MISS'} {text}")
    print(f"load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cpus (above that, "
          "wall times include waiting for a CPU)")


if __name__ == "__main__":
    main()
