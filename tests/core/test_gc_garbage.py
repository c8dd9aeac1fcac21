"""Lint and plan leave no cyclic garbage, so ``gc_paused(freeze=True)`` may freeze what they
make instead of the collector scanning it (``flexorch.gcpause``).

The cause this guards against: a Jinja macro defined in the rendered template is made for every
render and holds the render's context in a reference cycle (two cycles per router, 58 objects,
before the shared macros moved to an imported ``templates/macros.j2``; the templates now define
none: a macro call cost about 3.7 us, their lines are written where they are used, in loops).
"""

from __future__ import annotations

import gc
import re
from pathlib import Path

import pytest

from flexorch.gcpause import gc_paused
from flexorch.intent import load_fleet
from flexorch.lint import lint_fleet
from flexorch.plan.workflow import plan_hosts
from flexorch.render import render_day0
from tests.bench.gen_fleet import generate

ROOT = Path(__file__).resolve().parents[2]


def _garbage_of_lint_and_plan(folder: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """Cyclic garbage objects lint and plan of every host of ``folder`` leave (freezing turned
    off, so that the collector sees them)."""
    monkeypatch.setenv("FLEXORCH_WORKERS", "1")
    fleet = load_fleet(folder)
    names = list(fleet.hosts)
    running = {name: (render_day0(fleet, name), None) for name in names}
    monkeypatch.setattr(gc, "freeze", lambda: None)
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        lint_fleet(fleet)
        plan_hosts(fleet, names, running)
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        found = len(gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if enabled:
            gc.enable()
    return found


@pytest.mark.parametrize("fleet", ["example", "generated"])
def test_lint_and_plan_leave_no_cyclic_garbage(fleet: str, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLEXORCH_DEVICE_PASSWORD", "garbage-test-password")
    folder = ROOT / "inventory" if fleet == "example" else generate(tmp_path / "fleet", 12, 2)
    assert _garbage_of_lint_and_plan(folder, monkeypatch) == 0


def test_no_template_defines_a_macro() -> None:
    defining = sorted(path.name for path in (ROOT / "templates").glob("*.j2")
                      if re.search(r"\{%-?\s*macro\b", path.read_text(encoding="utf-8")))
    assert defining == []


def test_paused_with_freeze_freezes_what_the_block_made_and_restores_the_collector() -> None:
    assert gc.isenabled()
    before = gc.get_freeze_count()
    with gc_paused(freeze=True):
        assert not gc.isenabled()
        made = [[n] for n in range(1000)]  # tracked objects
    assert gc.isenabled()
    assert gc.get_freeze_count() >= before + len(made)
    gc.unfreeze()  # this test's objects (and whatever was frozen) back to the collector


def test_paused_with_freeze_freezes_nothing_when_the_block_fails() -> None:
    gc.unfreeze()
    with pytest.raises(ValueError), gc_paused(freeze=True):
        made = [[n] for n in range(1000)]
        raise ValueError(len(made))
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
