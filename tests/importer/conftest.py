"""Importer tests read real configs whose keys are ordinary words ("cisco", "secret",
"PASSWORD"): import registers every key it reads with the process-wide masker (as it must: they
are secrets), which would then mask those words in every later test's output. Each test here
leaves the masker as it found it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from flexorch import secrets


@pytest.fixture(autouse=True)
def _masker_as_found() -> Iterator[None]:
    masker = secrets._MASKER
    known = set(masker._known)
    yield
    with masker._lock:
        masker._known = known
        masker._dirty = True
