"""Fidelity figure "configs read losslessly": corpus configs the config model reads with no line
left unread inside the blocks it models.

    .venv/bin/python tests/fidelity/fig_model.py [-v]

The corpus is every ``tests/fixtures/real/<source>/<host>.cfg`` and ``tests/ios/configs/*.cfg``.
A config counts when ``RouterConfig.from_text`` lists nothing in ``unread``: every line inside an
interface, VRF, IKEv2, IPsec, AAA/RADIUS or PKI block, and every top-level line of those
families, was read by a row of the model (or is one the model's tables say it leaves alone, with
the reason). ``-v`` lists every unread line as ``file: line N: block > ...: text``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS_DIRS = (ROOT / "tests" / "fixtures" / "real", ROOT / "tests" / "ios" / "configs")


def corpus_configs() -> list[Path]:
    """Every corpus config file, sorted."""
    return sorted(p for d in CORPUS_DIRS for p in d.rglob("*.cfg"))


def unread(path: Path) -> list[str]:
    """Every line of ``path`` the model left unread, as ``file: line N: path: text``."""
    from flexorch.ios.model import RouterConfig

    config = RouterConfig.from_text(path.read_text(encoding="utf-8", errors="replace"))
    source = str(path.relative_to(ROOT))
    return [f"{source}: {line}" for line in config.unread]


def measure() -> tuple[str, int, int]:
    """("configs read losslessly", configs with nothing unread, configs) over the corpus."""
    paths = corpus_configs()
    return "configs read losslessly", sum(1 for p in paths if not unread(p)), len(paths)


def main(argv: list[str]) -> int:
    if "-v" in argv:
        for path in corpus_configs():
            for line in unread(path):
                print(line)
    name, right, total = measure()
    print(f"{name}: {right} / {total} ({100.0 * right / total:.1f} %)")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main(sys.argv[1:]))
