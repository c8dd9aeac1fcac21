"""Render tests resolve keys that are ordinary words (the guide's example passwords,
"password" itself): resolving registers every key with the process-wide masker, which would then
mask those words in every later test's output. Each test here leaves the masker as it found it
(the same fixture as tests/importer's)."""

from __future__ import annotations

from tests.importer.conftest import _masker_as_found  # noqa: F401
