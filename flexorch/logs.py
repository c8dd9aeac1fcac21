"""Logging to stderr, always through the secret masker."""

from __future__ import annotations

import logging
import sys

from flexorch.secrets import MaskingFilter

QUIET_LIBRARIES = ("nornir", "netmiko", "paramiko", "asyncssh", "scrapli", "asyncio")


def setup_logging(verbose: int = 0) -> None:
    """Send flexorch's logs to stderr (warnings by default, info with -v, debug with -vv)."""
    level = logging.WARNING if verbose <= 0 else logging.INFO if verbose == 1 else logging.DEBUG
    root = logging.getLogger("flexorch")
    root.setLevel(level)
    if not any(getattr(h, "_flexorch", False) for h in root.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handler.addFilter(MaskingFilter())
        handler._flexorch = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.propagate = False
    # Libraries log device faults with full tracebacks (nornir at ERROR for every failed task).
    # flexorch reports those per host in one line; their own logs show only with -vv.
    for name in QUIET_LIBRARIES:
        lib = logging.getLogger(name)
        if not lib.handlers:
            lib.addHandler(logging.NullHandler())
        lib.propagate = verbose >= 2
