"""Pausing Python's cyclic garbage collector around work that only accumulates objects.

Lint and plan build many small objects per router and keep all of them to the end (nothing
cyclic becomes garbage meanwhile), so every full collection would only rescan a growing heap: on
10,000 spokes that was ~40% of the lint time and ~25% of the plan time (tests/bench/bench_plan.py).

With ``freeze=True`` (lint and plan) the block starts with a collection of what is not frozen
yet (little: ``load_fleet`` froze the fleet, an earlier lint or plan its own results) and ends
by freezing what it made (``gc.freeze``): the collector never scans those objects again, where
enabling it would make the next allocation scan every one of them (about 1.5 million objects at
10,000 spokes, ten times that at 100,000) and later collections scan them again. Freezing is
right only for work that leaves no cyclic garbage (a frozen cycle is never freed): lint and plan
make none (``tests/core/test_gc_garbage.py``; a Jinja macro defined in the rendered template
made two per render: the templates define none). Frozen objects are still freed by reference
counting when nothing refers to them any more.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused(*, freeze: bool = False) -> Iterator[None]:
    """Pause the cyclic collector for the block; the previous state is restored. Without
    ``freeze``, anything cyclic left behind is collected at the next collection; with it, see
    the module docstring."""
    enabled = gc.isenabled()
    if freeze and enabled:
        gc.collect()  # nothing older than the block is frozen with it
    gc.disable()
    failed = False
    try:
        yield
    except BaseException:
        failed = True  # an error's traceback holds frames in cycles: left to the collector
        raise
    finally:
        if freeze and not failed:
            gc.freeze()
        if enabled:
            gc.enable()
