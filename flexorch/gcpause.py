"""Pausing Python's cyclic garbage collector around work that only accumulates objects.

Lint and plan build many small objects per router and keep all of them to the end (nothing
cyclic becomes garbage meanwhile), so every full collection would only rescan a growing heap: on
10,000 spokes that was ~40% of the lint time and ~25% of the plan time (tests/bench/bench_plan.py).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic collector for the block; the previous state is restored, and anything
    cyclic left behind is collected at the next collection."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
