"""Benchmark of the typed config view and the IKEv2 negotiation model on 1 hub + N spokes.

Run: .venv/bin/python tests/bench/bench_negotiate.py [--sizes 1000 10000] [--repeat 3] [--no-gc]

The fleet is built from the hand-written negotiation test configs (``tests/ios/configs``): the
hub is ``hub1.cfg``; spokes cycle through ``spoke1``..``spoke5`` and ``client1`` (IPsec VTI with
FQDN identity, GRE in a front-door VRF, IPv6 transport on smart defaults, mixed mode, ECDSA
certificates, a FlexVPN client whose first peer is down), each copy with its own hostname,
identity and addresses. ``{{PSK_*}}`` placeholders get generated keys (none is kept in git).

Each size runs in a fresh interpreter so its peak RSS is its own. Figures per size (best of
``--repeat`` rounds, wall and CPU time; CPU time is the steadier one when other work shares the
cores): generating the texts, the baseline ``ConfigTree.from_text`` (the indentation tree alone)
then ``RouterConfig.from_text`` over every config, ``predict_sessions`` over the fleet,
``views_by_router``, peak RSS after imports / after reading / after predicting; then the CPU-time
ratio of the largest size to the smallest (linear scaling reads as ratio ~= size ratio).
``--no-gc`` shows the share of Python's cyclic GC, which grows with the live heap. Prints figures
only: no assertion on time. It does stop when a session is not ESTABLISHED, since figures for a
broken fleet would mislead.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import ipaddress
import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

CONFIGS = Path(__file__).resolve().parent.parent / "ios" / "configs"
KEYS = {name: hashlib.sha256(f"flexorch-bench:{name}".encode()).hexdigest()[:24]
        for name in ("PSK_HUB", "PSK_SPOKES", "PSK_ANY", "PSK_OTHER")}

# Per template: (text in the hand-written config, replacement with {name}, {wan4}, {loop4},
# {tun4}, {wan6}, {tun6} filled per spoke). Each text must occur exactly once.
SUBSTITUTIONS: dict[str, list[tuple[str, str]]] = {
    "spoke1": [("spoke1.spokes.example.net", "{name}.spokes.example.net"),
               ("10.255.1.1 255.255.255.255", "{loop4} 255.255.255.255"),
               ("198.51.100.11 255.255.255.0", "{wan4} 255.254.0.0")],
    "spoke2": [("10.255.2.1 255.255.255.255", "{loop4} 255.255.255.255"),
               ("198.51.100.12 255.255.255.0", "{wan4} 255.254.0.0")],
    "spoke3": [("2001:DB8:100::3/64", "{tun6}/64"), ("2001:DB8:3::3/64", "{wan6}/64")],
    "spoke4": [("2001:DB8:100::4/64", "{tun6}/64"),
               ("198.51.100.14 255.255.255.0", "{wan4} 255.254.0.0")],
    "spoke5": [("cn=spoke5", "cn={name}"),
               ("192.168.10.1 255.255.255.0", "{loop4} 255.255.255.255"),
               ("172.16.1.1 255.255.255.252", "{tun4} 255.255.255.255"),
               ("198.51.100.15 255.255.255.0", "{wan4} 255.254.0.0")],
    "client1": [("198.51.100.21 255.255.255.0", "{wan4} 255.254.0.0")],
}
TEMPLATES = tuple(SUBSTITUTIONS)
WAN4 = ipaddress.IPv4Address("198.18.1.0")  # 198.18.0.0/15: benchmarking addresses
LOOP4 = ipaddress.IPv4Address("10.128.0.0")
TUN4 = ipaddress.IPv4Address("172.16.0.0")


def _raw(name: str) -> str:
    text = (CONFIGS / f"{name}.cfg").read_text(encoding="utf-8")
    for placeholder, key in KEYS.items():
        text = text.replace("{{" + placeholder + "}}", key)
    return text


def fleet_texts(spokes: int) -> dict[str, str]:
    """``hub1`` and ``spokes`` spoke configs named ``s00001``... (template cycling per spoke)."""
    raw = {name: _raw(name) for name in ("hub1", *TEMPLATES)}
    texts = {"hub1": raw["hub1"]}
    for i in range(1, spokes + 1):
        template = TEMPLATES[(i - 1) % len(TEMPLATES)]
        name = f"s{i:05d}"
        values = {"name": name, "wan4": WAN4 + i, "loop4": LOOP4 + i, "tun4": TUN4 + i,
                  "wan6": f"2001:DB8:3::{i:X}", "tun6": f"2001:DB8:100::{i:X}"}
        text = raw[template].replace(f"hostname {template}", f"hostname {name}")
        for old, new in SUBSTITUTIONS[template]:
            if text.count(old) != 1:
                raise SystemExit(f"{template}.cfg: {old!r} is not there exactly once")
            text = text.replace(old, new.format(**values))
        texts[name] = text
    return texts


def _peak_rss_mb() -> float:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from gen_fleet import peak_rss_mib

    return peak_rss_mib()


class _Clock:
    """Best-of-N wall and CPU time per phase (CPU time is this process's own: it shows the work
    when other processes share the cores)."""

    def __init__(self) -> None:
        self.best: dict[str, tuple[float, float]] = {}
        self._start = (0.0, 0.0)

    def start(self) -> None:
        self._start = (time.perf_counter(), time.process_time())

    def stop(self, phase: str) -> None:
        wall = time.perf_counter() - self._start[0]
        cpu = time.process_time() - self._start[1]
        prior = self.best.get(phase)
        self.best[phase] = (wall, cpu) if prior is None else (min(prior[0], wall),
                                                              min(prior[1], cpu))


def measure(spokes: int, repeat: int, gc_off: bool) -> dict[str, Any]:
    """One size, in this process: best-of-``repeat`` (wall, CPU) seconds per phase, peak RSS
    (MiB) and the fleet's outcome counts. Each repeat reads fresh configs, so
    ``predict_sessions`` never reuses the indexes a previous round memoised on them."""
    from flexorch.ios.config import ConfigTree
    from flexorch.ios.model import RouterConfig
    from flexorch.ios.negotiate import Endpoint, predict_sessions, views_by_router

    if gc_off:
        gc.disable()
    out: dict[str, Any] = {"spokes": spokes, "rss_imports": _peak_rss_mb()}
    clock = _Clock()
    clock.start()
    texts = fleet_texts(spokes)
    clock.stop("generate")
    out["lines"] = sum(text.count("\n") for text in texts.values())

    for _ in range(repeat):
        clock.start()
        trees = [ConfigTree.from_text(text) for text in texts.values()]
        clock.stop("tree")
        del trees
    configs: dict[str, RouterConfig] = {}
    routers: dict[str, Endpoint] = {}
    sessions: list[Any] = []
    for round_ in range(repeat):
        configs, routers, sessions = {}, {}, []  # drop the previous round before the next
        clock.start()
        configs = {name: RouterConfig.from_text(text) for name, text in texts.items()}
        clock.stop("from_text")
        if round_ == 0:
            out["rss_read"] = _peak_rss_mb()
        routers = {name: Endpoint(name, config) for name, config in configs.items()}
        clock.start()
        sessions = predict_sessions(routers)
        clock.stop("predict")
    clock.start()
    views = views_by_router(sessions)
    clock.stop("views")
    out["rss_predict"] = _peak_rss_mb()
    out["times"] = clock.best
    out["sessions"] = len(sessions)
    out["statuses"] = dict(Counter(str(s.outcome.status) for s in sessions))
    out["hub_sas"] = len(views.get("hub1", []))
    return out


def _run_child(spokes: int, repeat: int, gc_off: bool) -> dict[str, Any]:
    extra = ["--no-gc"] if gc_off else []
    proc = subprocess.run([sys.executable, __file__, "--child", str(spokes), "--repeat",
                           str(repeat), *extra], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"size {spokes} failed:\n{proc.stderr.strip()}")
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


def _report(results: list[dict[str, Any]]) -> None:
    print(f"{'spokes':>7} {'lines':>8}  {'phase':<18} {'wall s':>8} {'cpu s':>8} "
          f"{'cpu us/item':>11}")
    for r in results:
        items = {"generate": r["spokes"] + 1, "tree": r["spokes"] + 1,
                 "from_text": r["spokes"] + 1, "predict": r["sessions"], "views": r["sessions"]}
        labels = {"generate": "generate texts", "tree": "ConfigTree (base)",
                  "from_text": "RouterConfig", "predict": "predict_sessions",
                  "views": "views_by_router"}
        for phase, label in labels.items():
            wall, cpu = r["times"][phase]
            print(f"{r['spokes']:>7} {r['lines']:>8}  {label:<18} {wall:>8.3f} {cpu:>8.3f} "
                  f"{cpu / max(items[phase], 1) * 1e6:>11.0f}")
        print(f"{r['spokes']:>7} {'':>8}  peak RSS MiB: {r['rss_imports']:.0f} after imports, "
              f"{r['rss_read']:.0f} after reading, {r['rss_predict']:.0f} after predicting; "
              f"{r['sessions']} sessions {r['statuses']}, hub SAs {r['hub_sas']}")


def main() -> None:
    parser = argparse.ArgumentParser(description="IKEv2 negotiation model benchmark")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000],
                        help="numbers of spokes (each with the one hub)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="rounds per size; the best time is printed (default 3)")
    parser.add_argument("--no-gc", action="store_true",
                        help="disable Python's cyclic GC while measuring (shows its share)")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(measure(args.child, args.repeat, args.no_gc)))
        return

    print(f"best of {args.repeat} rounds per size, cyclic GC {'off' if args.no_gc else 'on'}, "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    results = [_run_child(n, args.repeat, args.no_gc) for n in sorted(args.sizes)]
    _report(results)
    broken = [r for r in results
              if r["statuses"] != {"ESTABLISHED": r["spokes"]} or r["hub_sas"] != r["spokes"]]
    if broken:
        raise SystemExit("not every spoke established with the hub: the figures would mislead")
    if len(results) > 1:
        small, big = results[0], results[-1]
        grown = [r["rss_predict"] - r["rss_imports"] for r in (small, big)]
        rss_ratio = f" (x{grown[1] / grown[0]:.1f})" if grown[0] >= 1 else ""
        ratios = ", ".join(
            f"{phase} x{big['times'][phase][1] / max(small['times'][phase][1], 1e-9):.1f}"
            for phase in ("tree", "from_text", "predict"))
        print(f"ratio {big['spokes']}/{small['spokes']} spokes "
              f"(size x{big['spokes'] / small['spokes']:.0f}), CPU time: {ratios}; "
              f"peak RSS over imports {grown[0]:.0f} -> {grown[1]:.0f} MiB{rss_ratio}")


if __name__ == "__main__":
    main()
