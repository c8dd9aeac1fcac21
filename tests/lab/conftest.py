"""Shared lab fixtures."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from flexorch.lab.fleet import LabFleet
from flexorch.lab.settings import LabSettings
from tests.lab.helpers import ENABLE, RawShell, make_specs


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabFleet]:
    """Three routers r1..r3 (privilege 15) and one, u1, that logs in at privilege 1."""
    specs = make_specs(["r1", "r2", "r3"]) + make_specs(["u1"], privilege=1, enable_secret=ENABLE)
    settings = LabSettings(revert_seconds_per_minute=0.5, reload_seconds=0.3, login_timeout=10)
    state = tmp_path_factory.mktemp("lab")
    with LabFleet.start(specs=specs, state_dir=state, settings=settings) as fleet:
        yield fleet


@pytest.fixture
def shell_factory() -> Iterator[type[RawShell]]:
    opened: list[RawShell] = []

    class Tracked(RawShell):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            opened.append(self)

    yield Tracked
    for shell in opened:
        shell.close()


@pytest.fixture
def repo_path() -> Path:
    return Path(__file__).resolve().parents[2]
