"""The lab's own dependency, asyncssh (its SSH server): ``pip install 'flexorch[lab]'``.

flexorch itself talks SSH through netmiko; only the lab serves it, so asyncssh is an extra and
``flexorch lab up`` checks for it before starting anything.
"""

from __future__ import annotations

import importlib.util

from flexorch.errors import BadInputError

INSTALL = "pip install 'flexorch[lab]'"


class LabNotInstalledError(BadInputError):
    """The lab's extra is not installed (exit 2: fixed by installing, not by retrying)."""


def require_lab_extra() -> None:
    """Raise LabNotInstalledError naming the install command when asyncssh cannot be found.

    Looks the package up without importing it (importing costs ~0.2 s; the lab process that
    follows imports it anyway)."""
    try:
        missing = importlib.util.find_spec("asyncssh") is None
    except (ImportError, ValueError):  # a broken install, or a blocked import
        missing = True
    if missing:
        raise LabNotInstalledError(
            f"the built-in lab needs asyncssh, which is not installed: {INSTALL}")
