"""Where flexorch finds its shipped resources and keeps its state.

Resources (templates, parsers, playbooks, the example inventory) are installed as package data
under the ``flexorch`` namespace; in a source checkout they are the top-level folders.
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path

_RESOURCES = ("templates", "parsers", "playbooks", "inventory")


@cache
def resource_dir(name: str) -> Path:
    """Return the folder of a shipped resource: templates, parsers, playbooks or inventory."""
    if name not in _RESOURCES:
        raise ValueError(f"unknown resource folder {name!r}")
    traversable = resources.files(f"flexorch.{name}")
    return Path(str(traversable))


def default_inventory_dir() -> Path:
    """``$FLEXORCH_INVENTORY``, else ``./inventory`` when it has a hosts.yaml, else the shipped
    example fleet."""
    env = os.environ.get("FLEXORCH_INVENTORY")
    if env:
        return Path(env)
    local = Path.cwd() / "inventory"
    if (local / "hosts.yaml").is_file():
        return local
    return resource_dir("inventory")


def state_dir() -> Path:
    """``$FLEXORCH_STATE_DIR``, else ``$XDG_STATE_HOME/flexorch``, else
    ``~/.local/state/flexorch`` (created 0700)."""
    env = os.environ.get("FLEXORCH_STATE_DIR")
    if env:
        base = Path(env)
    else:
        xdg = os.environ.get("XDG_STATE_HOME")
        base = Path(xdg) / "flexorch" if xdg else Path.home() / ".local" / "state" / "flexorch"
    base.mkdir(parents=True, exist_ok=True, mode=0o700)
    return base
