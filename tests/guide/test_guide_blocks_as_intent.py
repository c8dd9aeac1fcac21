"""Every command block of the FlexVPN guide, expressed as intent: the rendered config contains
the example's lines (normalised as ``tests/render/guide_compare.py`` says) and lint accepts the
intent, unless the guide itself is wrong (``GUIDE_ERRATA`` in ``examples.yaml``: the line, what
is wrong, the corrected form and the source of the correction).

``examples.yaml`` is the table: ``scenarios`` are complete one-router intents (the guide's lines
plus the context a router needs: the interface a tunnel leaves by, the method list a profile
names, a declared external peer for a tunnel's far end); ``examples`` lists every block that
``blocks.command_blocks`` finds in the guide, with its line numbers, its text as printed, and
either the scenario that expresses it or why it is not configuration flexorch renders (show and
debug commands, tables, a RADIUS server's attribute syntax). Syntax placeholders
(``crypto ikev2 window 1-200``) are given a value from the guide's own range (``PLACEHOLDERS``);
what IOS accepts and flexorch refuses on purpose (pre-shared keys under 8 characters) is in
``DEVIATIONS``.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from flexorch.intent import load_fleet
from flexorch.lint import lint_fleet
from flexorch.render import render_host
from tests.guide.blocks import block_text, command_blocks, guide_path
from tests.render.guide_compare import children_paths, indent_guide, paths

TABLE: dict[str, Any] = yaml.safe_load(
    (Path(__file__).resolve().parent / "examples.yaml").read_text(encoding="utf-8"))
EXAMPLES: list[dict[str, Any]] = TABLE["examples"]
SCENARIOS: dict[str, dict[str, Any]] = TABLE["scenarios"]
# line number -> replacement text (None drops the line), from the errata and the placeholders
FIXES: dict[int, str | None] = {
    e["line"]: e["ios"]
    for e in [*TABLE["GUIDE_ERRATA"], *TABLE["DEVIATIONS"], *TABLE["PLACEHOLDERS"]]}
EXPRESSED = [e for e in EXAMPLES if "scenario" in e]


def _id(example: dict[str, Any]) -> str:
    first, last = example["lines"]
    where = f"L{first}" if first == last else f"L{first}-{last}"
    return f"{where}-{example.get('scenario') or example['kind']}"


@cache
def _scenario(name: str, tmp: Path) -> tuple[list[str], tuple[tuple[str, str, str], ...]]:
    """Rendered lines and lint findings (rule, severity, path) of one scenario."""
    spec = SCENARIOS[name]
    folder = tmp / name
    folder.mkdir(parents=True, exist_ok=True)
    hosts = {"guide": {"hostname": "127.0.0.1", "port": 22, "data": spec["data"]}}
    defaults = {"data": {"site": "guide", "role": "hub",
                         "credentials": {"username": "u", "password": {"env": "GUIDE_UNUSED"}}}}
    (folder / "hosts.yaml").write_text(yaml.safe_dump(hosts), encoding="utf-8")
    (folder / "defaults.yaml").write_text(yaml.safe_dump(defaults), encoding="utf-8")
    fleet = load_fleet(folder)
    found = tuple((f.rule, f.severity, f.path) for f in lint_fleet(fleet).findings)
    return render_host(fleet, "guide").splitlines(), found


@pytest.fixture(scope="module")
def scenario_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("guide")


@pytest.fixture(autouse=True)
def _guide_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    # The keys the guide prints in clear; intents name them by environment variable.
    for name, value in TABLE["env"].items():
        monkeypatch.setenv(name, value)


def _fixed_text(example: dict[str, Any]) -> str:
    first = example["lines"][0]
    out = []
    for offset, line in enumerate(example["text"]):
        fixed = FIXES.get(first + offset, line)
        if fixed:
            out.append(fixed)
    return "\n".join(out)


@pytest.mark.parametrize("example", EXPRESSED, ids=_id)
def test_guide_example_is_expressed_and_lint_clean(
        example: dict[str, Any], scenario_dir: Path) -> None:
    rendered, found = _scenario(example["scenario"], scenario_dir)
    text = _fixed_text(example)
    parent = example.get("parent")
    if parent:
        expected = children_paths(indent_guide(f"{parent} X\n{text}"), parent)
        got = children_paths(rendered, parent)
    else:
        expected, got = paths(indent_guide(text)), paths(rendered)
    missing = expected - got
    assert not missing, f"not rendered: {sorted(missing)}"
    errors = [f for f in found if f[1] == "error"]
    assert not errors, f"lint errors: {errors}"
    # The scenario declares exactly the warnings it raises, each with its reason.
    declared = set(SCENARIOS[example["scenario"]].get("warnings", {}))
    assert {f[0] for f in found} == declared, f"warnings: {found}"


def test_every_guide_block_is_listed_once() -> None:
    listed = Counter(tuple(e["lines"]) for e in EXAMPLES)
    assert [lines for lines, n in listed.items() if n > 1] == []
    guide = guide_path()
    if not guide.is_file():
        pytest.skip(f"{guide} is not here: the listed text is checked where it is")
    lines = guide.read_text(encoding="utf-8").splitlines()
    assert sorted(listed) == command_blocks(lines)
    for example in EXAMPLES:
        assert example["text"] == block_text(lines, *example["lines"]), _id(example)


def test_every_scenario_serves_an_example_and_every_fix_a_line() -> None:
    used = {e["scenario"] for e in EXPRESSED}
    assert used == set(SCENARIOS)
    # Each fix names the line it corrects by number and by its text as printed.
    printed = {e["lines"][0] + i: line for e in EXAMPLES for i, line in enumerate(e["text"])}
    for entry in [*TABLE["GUIDE_ERRATA"], *TABLE["DEVIATIONS"], *TABLE["PLACEHOLDERS"]]:
        assert printed.get(entry["line"]) == entry["wrong"], entry["line"]
        assert entry["why"], entry["line"]
    for entry in TABLE["GUIDE_ERRATA"]:
        assert entry["source"], entry["line"]


def test_examples_not_expressed_say_why() -> None:
    for example in EXAMPLES:
        if "scenario" not in example:
            assert example["kind"] in ("exec", "table", "radius-attribute"), _id(example)
            assert example["why"], _id(example)
