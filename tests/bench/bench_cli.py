"""How fast `flexorch --help` answers (target < 0.5 s), against the floor of starting Python.

Prints the median of several runs of each, measured in the same run:
    python -c pass                      (interpreter start: the floor)
    python -m flexorch --help           (the command operators type first)
    python -m flexorch render --help    (a subcommand's help imports only that subcommand)
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


def main() -> None:
    floor = _median_seconds([sys.executable, "-c", "pass"])
    top = _median_seconds([sys.executable, "-m", "flexorch", "--help"])
    sub = _median_seconds([sys.executable, "-m", "flexorch", "render", "--help"])
    print(f"python -c pass            : {floor * 1000:7.1f} ms (floor)")
    print(f"flexorch --help           : {top * 1000:7.1f} ms ({top / floor:.1f}x floor) "
          f"target < 500 ms: {'met' if top < 0.5 else 'MISSED'}")
    print(f"flexorch render --help    : {sub * 1000:7.1f} ms ({sub / floor:.1f}x floor)")


if __name__ == "__main__":
    main()
