"""Fidelity figure "parser fields right": every field typed by hand from every real output.

    .venv/bin/python tests/fidelity/fig_parse.py [--verbose]

The corpus is tests/fixtures/real/<group>/<host>__<command>[__N].raw with its hand-typed
``.yml`` (``records:``). Every output whose command flexorch has a parser for is parsed, and each
key of each expected record is one field (a list of nested records counts each key of each
nested record; a list of values counts as one field). A field is right when the parsed record
holds the same value; a record the parser did not produce counts all its fields wrong. Fields the
parser sets that the ``.yml`` lacks are not counted here: tests/parse/test_real_corpus.py rejects
them.

``measure()`` is what tests/fidelity/figures.py calls; ``compare_output()`` is shared with the
corpus test so the figure and the test judge alike.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "fixtures" / "real"
TITLE = "parser fields right"


@dataclass
class Comparison:
    """One output compared with its ``.yml``: fields right/total and what differed."""

    raw: Path
    command: str
    right: int = 0
    total: int = 0
    wrong: list[str] = field(default_factory=list)  # "records[0].prf: got 'SHA1', want 'SHA256'"
    extra: list[str] = field(default_factory=list)  # fields set by the parser, absent from .yml


def command_of(raw: Path) -> str:
    """``r1__show_crypto_ikev2_sa__2.raw`` -> ``show crypto ikev2 sa``."""
    command = raw.stem.split("__")[1]
    return command.replace("_", " ").replace("transform set", "transform-set")


def _empty(value: Any) -> bool:
    return value is None or value == [] or value is False


def _compare(got: dict[str, Any], want: dict[str, Any], where: str, out: Comparison) -> None:
    for key, expected in want.items():
        actual = got.get(key)
        if isinstance(expected, list) and expected and isinstance(expected[0], dict):
            items = actual if isinstance(actual, list) else []
            for index, item in enumerate(expected):
                inner = items[index] if index < len(items) else {}
                _compare(inner, item, f"{where}.{key}[{index}]", out)
            continue
        out.total += 1
        if key in got and actual == expected:
            out.right += 1
        else:
            out.wrong.append(f"{where}.{key}: got {actual!r}, want {expected!r}")
    for key, actual in got.items():
        if key not in want and not _empty(actual):
            out.extra.append(f"{where}.{key}: {actual!r} (not in the .yml)")


def compare_output(raw: Path) -> Comparison:
    """Parse ``raw`` with flexorch and compare every field of its ``.yml``."""
    from flexorch.parse.runner import parse_output

    command = command_of(raw)
    spec = yaml.safe_load(raw.with_suffix(".yml").read_text(encoding="utf-8"))
    # bytes -> text as `flexorch parse` reads a file: CRLF and odd bytes are the parser's job
    text = raw.read_bytes().decode("utf-8", errors="replace")
    records = [record.to_json() for record in parse_output(command, text).records]
    out = Comparison(raw, command)
    for index, want in enumerate(spec["records"]):
        got = records[index] if index < len(records) else {}
        _compare(got, want, f"records[{index}]", out)
    for index in range(len(spec["records"]), len(records)):
        out.extra.append(f"records[{index}]: a record the .yml does not have")
    return out


def parsed_outputs() -> list[Path]:
    """Every corpus output whose command flexorch has a parser for."""
    from flexorch.errors import BadInputError
    from flexorch.parse.runner import template_for

    found: list[Path] = []
    for raw in sorted(CORPUS.glob("*/*__*.raw")):
        try:
            template_for(command_of(raw))
        except BadInputError:
            continue
        found.append(raw)
    return found


def measure() -> tuple[str, int, int]:
    """("parser fields right", fields right, fields typed) over the whole corpus."""
    right = total = 0
    for raw in parsed_outputs():
        result = compare_output(raw)
        right += result.right
        total += result.total
    return TITLE, right, total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list every wrong field")
    args = parser.parse_args()
    right = total = 0
    for raw in parsed_outputs():
        result = compare_output(raw)
        right += result.right
        total += result.total
        if args.verbose and (result.wrong or result.extra):
            print(f"{raw.relative_to(CORPUS)}: {result.right}/{result.total}")
            for line in result.wrong + result.extra:
                print(f"    {line}")
    percent = 100.0 * right / total if total else 0.0
    print(f"{TITLE}: {right} / {total} ({percent:.1f} %)")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
