"""Fidelity figure "lab lines accepted": every line of every corpus config, booted as
startup-config in the lab's IOS engine.

    .venv/bin/python tests/fidelity/fig_lab.py [-v]

The corpus is every ``tests/fixtures/real/<source>/<host>.cfg`` and ``tests/ios/configs/*.cfg``.
A line counts when IOS parses it at boot: everything up to ``end`` but blank lines, ``!``
comments and the ``show running-config`` header (``flexorch.lab.configmode.config_lines``).
``-v`` lists every refused line as ``file:line: text  (error)``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS_DIRS = (ROOT / "tests" / "fixtures" / "real", ROOT / "tests" / "ios" / "configs")


def corpus_configs() -> list[Path]:
    """Every corpus config file, sorted."""
    return sorted(p for d in CORPUS_DIRS for p in d.rglob("*.cfg"))


def refused(path: Path) -> tuple[int, list[str]]:
    """The number of config lines of ``path`` and each refused one as ``file:line: ...``."""
    from flexorch.lab.configmode import boot_config, config_lines

    text = path.read_text(encoding="utf-8", errors="replace")
    _, rejected = boot_config(text)
    source = str(path.relative_to(ROOT))
    return len(config_lines(text)), [r.where(source) for r in rejected]


def measure() -> tuple[str, int, int]:
    """("lab lines accepted", accepted, total) over every corpus config."""
    accepted = total = 0
    for path in corpus_configs():
        lines, bad = refused(path)
        total += lines
        accepted += lines - len(bad)
    return "lab lines accepted", accepted, total


def main(argv: list[str]) -> int:
    if "-v" in argv:
        for path in corpus_configs():
            for line in refused(path)[1]:
                print(line)
    name, right, total = measure()
    print(f"{name}: {right} / {total} ({100.0 * right / total:.1f} %)")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main(sys.argv[1:]))
