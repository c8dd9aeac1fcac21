"""Fixtures for the report tests: a history store holding a hand-written site."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# tests/bench/gen_history.py generates the big sites (the benchmark uses it too).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from report_site_data import seed_site

from flexorch.history import open_store


@pytest.fixture
def site_db(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[str, dict[str, int]]]:
    """A SQLite history file holding report_site_data's site; (url, run ids)."""
    url = str(tmp_path / "history.sqlite3")
    with open_store(url) as store:
        ids = seed_site(store, monkeypatch)
    yield url, ids
