"""Shared pytest setup: every test gets its own flexorch state directory."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite golden files (rendered .cfg per shipped host) from the current code.",
    )


@pytest.fixture(autouse=True)
def _isolated_state(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    state = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("FLEXORCH_STATE_DIR", str(state))
    yield state


@pytest.fixture
def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent
