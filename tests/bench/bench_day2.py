"""Day-2 changes on the lab: how many tunnels go down, and for how long (lab time).

    .venv/bin/python tests/bench/bench_day2.py

Runs every scenario of tests/rollout/scenarios.py (proposal swap, transform-set swap, PSK
rotation of one spoke and of every spoke, a spoke added and removed, an identity change,
fragmentation and SGT off and on, a wiped spoke re-adopted) one after the other, twice, each
time on a fresh lab:

- phased: the shipped default playbook (hubs, a canary, spokes in batches of 25) with flexorch's
  phases: bridge configs, keyring releases in the spoke's wave, cleanup;
- baseline: a one-stage playbook (every router at once, so no phase: one push per router) -
  the hand-written workaround before phases (the default playbook without phases ended with
  exit 1 on the proposal swap, the PSK rotations and the identity change: the hub was reverted).

Per scenario: the rollout's exit code, the tunnels up before and after, how many went down,
their total and longest downtime in milliseconds, the rollout's wall time. Downtime is measured
by recording every config change of every lab router and replaying them through the negotiation
model (tests/rollout/downtime.py). Figures are of this run, on this machine (load printed).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

ONE_STAGE = {
    "name": "one-stage", "confirm_timeout": 10, "workers": 16,
    "stages": [{"name": "all", "select": {"rest": True}}],
}


def run(book_name: str) -> list[tuple[str, int, object, float]]:
    from flexorch.rollout.playbook import Playbook
    from tests.rollout.day2 import day2_lab, default_playbook
    from tests.rollout.scenarios import SCENARIOS

    book = default_playbook() if book_name == "phased" else Playbook.model_validate(ONE_STAGE)
    rows = []
    with tempfile.TemporaryDirectory(prefix=f"flexorch-bench-day2-{book_name}-") as tmp:
        os.environ["FLEXORCH_STATE_DIR"] = str(Path(tmp) / "state")
        with day2_lab(Path(tmp)) as lab:
            assert lab.rollout(book).exit_code() == 0
            for scenario in SCENARIOS:
                lab.change(scenario)
                start = time.monotonic()
                report, downtime, _ = lab.measure(book)
                rows.append((scenario.name, report.exit_code(), downtime,
                             time.monotonic() - start))
    return rows


def main() -> int:
    from tests.rollout.downtime import Downtime

    results = {name: run(name) for name in ("phased", "baseline")}
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPU(s)")
    print(f"{'':28} {'phased (default playbook)':^36} | {'baseline (one stage, no phases)':^36}")
    print(f"{'scenario':<28} " + " | ".join(
        [f"{'exit':>4} {'up':>3} {'down':>4} {'total ms':>9} {'max ms':>7} {'wall s':>6}"] * 2))
    for index, (name, *_) in enumerate(results["phased"]):
        cells = []
        for key in ("phased", "baseline"):
            _, code, downtime, wall = results[key][index]
            assert isinstance(downtime, Downtime)
            longest = max((o.seconds for o in downtime.outages), default=0.0)
            cells.append(f"{code:>4} {downtime.tunnels:>3} {len(downtime.outages):>4} "
                         f"{downtime.seconds * 1000:>9.1f} {longest * 1000:>7.1f} {wall:>6.1f}")
        print(f"{name:<28} " + " | ".join(cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
