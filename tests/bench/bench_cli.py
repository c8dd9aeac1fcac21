"""How fast `flexorch --help` answers (target < 0.5 s), against the floor of starting Python.

Prints the median of several runs of each, measured in the same run:
    python -c pass                      (interpreter start: the floor)
    python -m flexorch --help           (the command operators type first)
    python -m flexorch render --help    (a subcommand's help imports only that subcommand)
    InitNornir with SimpleInventory     (what any Nornir script pays for flexorch being installed:
                                         Nornir imports every registered inventory plugin)
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

RUNS = 7


def _median_seconds(argv: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# A user's own Nornir script with flexorch installed: InitNornir loads every entry point of
# nornir.plugins.inventory, flexorch's FlexorchInventory included (baseline: importing nornir).
_NORNIR_SCRIPT = (
    "import tempfile, pathlib\n"
    "from nornir import InitNornir\n"
    "d = pathlib.Path(tempfile.mkdtemp())\n"
    "(d / 'h.yaml').write_text('r1: {hostname: 127.0.0.1}\\n')\n"
    "InitNornir(inventory={'plugin': 'SimpleInventory',"
    " 'options': {'host_file': str(d / 'h.yaml')}}, logging={'enabled': False})\n"
)


def main() -> None:
    floor = _median_seconds([sys.executable, "-c", "pass"])
    top = _median_seconds([sys.executable, "-m", "flexorch", "--help"])
    sub = _median_seconds([sys.executable, "-m", "flexorch", "render", "--help"])
    print(f"python -c pass            : {floor * 1000:7.1f} ms (floor)")
    print(f"flexorch --help           : {top * 1000:7.1f} ms ({top / floor:.1f}x floor) "
          f"target < 500 ms: {'met' if top < 0.5 else 'MISSED'}")
    print(f"flexorch render --help    : {sub * 1000:7.1f} ms ({sub / floor:.1f}x floor)")
    bare = _median_seconds([sys.executable, "-c", "import nornir.core"])
    plugin = _median_seconds([sys.executable, "-c", "import flexorch.intent.nornir"])
    script = _median_seconds([sys.executable, "-c", _NORNIR_SCRIPT])
    print(f"import nornir.core        : {bare * 1000:7.1f} ms (baseline)")
    print(f"import the plugin module  : {plugin * 1000:7.1f} ms")
    print(f"a SimpleInventory script  : {script * 1000:7.1f} ms "
          f"({script / bare:.1f}x import nornir)")


if __name__ == "__main__":
    main()
