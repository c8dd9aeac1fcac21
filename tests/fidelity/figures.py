"""The four real-world fidelity figures of issue 16, measured on the public corpus.

    .venv/bin/python tests/fidelity/figures.py [--json]

Each figure comes from its own module beside this one (``fig_lab``, ``fig_model``,
``fig_predict``, ``fig_parse``), whose ``measure()`` returns ``(name, right, total)``:

- lab lines accepted: every line of every corpus config, booted as startup-config in the lab's
  IOS engine;
- configs read losslessly: corpus configs the config model reads with no line left unread inside
  the blocks it models;
- real SAs predicted right: SAs real routers showed, predicted from their configs with the same
  status and suite;
- parser fields right: every field typed by hand from every real output.

The corpus is tests/fixtures/real/ (one folder per source, SOURCES.md in each). The figures are
what the README's fidelity section quotes; every exception behind a figure below 100 % is listed
with its reason in the corpus tests.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIGURES = ("fig_lab", "fig_model", "fig_predict", "fig_parse")


def measure_all() -> list[dict[str, object]]:
    """Every figure whose module exists, in the README's order."""
    sys.path.insert(0, str(HERE))
    out: list[dict[str, object]] = []
    for name in FIGURES:
        if not (HERE / f"{name}.py").is_file():
            out.append({"figure": name, "missing": True})
            continue
        started = time.perf_counter()
        title, right, total = importlib.import_module(name).measure()
        out.append({
            "figure": title,
            "right": right,
            "total": total,
            "percent": round(100.0 * right / total, 1) if total else None,
            "seconds": round(time.perf_counter() - started, 2),
        })
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args()
    rows = measure_all()
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    for row in rows:
        if row.get("missing"):
            print(f"{row['figure']:<28} (not measured: module missing)")
            continue
        print(f"{row['figure']:<28} {row['right']:>6} / {row['total']:<6} "
              f"{row['percent']:>6} %   ({row['seconds']} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
