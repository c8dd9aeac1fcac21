"""How long one IOS revert-timer minute lasts, for the rollout's "rolls back at" estimates.

60 s on real routers. Rehearsals against the built-in lab shorten the lab's minutes with
``$FLEXORCH_LAB_REVERT_SECONDS_PER_MINUTE``; the lab reads the same variable (this module names
it for both), so a rollout run in that environment estimates with the lab's minute.
"""

from __future__ import annotations

import os

ENV_REVERT_SCALE = "FLEXORCH_LAB_REVERT_SECONDS_PER_MINUTE"
REAL_MINUTE = 60.0


def minute_seconds() -> float:
    """``$FLEXORCH_LAB_REVERT_SECONDS_PER_MINUTE`` when set to a number, else 60."""
    try:
        return float(os.environ.get(ENV_REVERT_SCALE, REAL_MINUTE))
    except ValueError:
        return REAL_MINUTE
