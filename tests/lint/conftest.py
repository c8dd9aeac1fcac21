"""Fixtures of the lint tests: copy the healthy base inventory, change one thing, lint it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from flexorch.intent import load_fleet
from flexorch.lint import Report, lint_fleet
from tests.lint.helpers import BASE, Edits, apply_edits


@pytest.fixture
def inventory(tmp_path: Path) -> Callable[[Edits], Path]:
    """``inventory(edits)`` -> a tmp copy of the base inventory with ``edits`` applied."""

    def make(edits: Edits) -> Path:
        folder = tmp_path / "inventory"
        if folder.exists():
            shutil.rmtree(folder)
        shutil.copytree(BASE, folder)
        apply_edits(folder, edits)
        return folder

    return make


@pytest.fixture
def lint(inventory: Callable[[Edits], Path]) -> Callable[..., Report]:
    """``lint(edits, site=None, host=None)`` -> the Report of the edited base inventory."""

    def run(edits: Edits, **select: Any) -> Report:
        return lint_fleet(load_fleet(inventory(edits)), **select)

    return run
