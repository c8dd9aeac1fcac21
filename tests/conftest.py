"""Shared pytest setup: every test gets its own flexorch state directory."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests are deterministic by default (CI must not fail on a draw no one can replay);
# `HYPOTHESIS_PROFILE=explore` searches with fresh random draws, and what it finds becomes a
# plain test case (see tests/parse/test_properties.py).
settings.register_profile("flexorch", derandomize=True, database=None, deadline=None)
settings.register_profile("explore", derandomize=False, deadline=None, max_examples=2000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "flexorch"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite golden files (rendered .cfg per shipped host) from the current code.",
    )


@pytest.fixture(scope="session", autouse=True)
def _session_state(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Module-scoped fixtures (a lab shared by a module's tests) start before any test's own
    state dir is set: they get a session state dir, never the user's. And one known_hosts file
    for the session: a lab pins its routers' key (on its own free ports) when it starts, so a
    shared lab stays trusted in every test's state dir, and in subprocesses given a state dir
    of their own. Host keys are verified as always."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FLEXORCH_STATE_DIR", str(tmp_path_factory.mktemp("session-state")))
        patch.setenv("FLEXORCH_KNOWN_HOSTS",
                     str(tmp_path_factory.getbasetemp() / "known_hosts"))
        yield


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
