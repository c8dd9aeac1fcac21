"""Where flexorch finds its shipped resources and keeps its state.

Resources (templates, parsers, playbooks, the example inventory) are installed as package data
under the ``flexorch`` namespace; in a source checkout they are the top-level folders.
"""

from __future__ import annotations

import contextlib
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
    ``~/.local/state/flexorch`` (created 0700).

    Raises StateDirError (exit 2) when the folder is owned by another user or writable by group
    or other: whoever can write there can swap known host keys, saved plans and locks."""
    from flexorch.files import check_state_dir

    env = os.environ.get("FLEXORCH_STATE_DIR")
    if env:
        base = Path(env).expanduser()
    else:
        xdg = os.environ.get("XDG_STATE_HOME")
        base = Path(xdg) / "flexorch" if xdg else Path.home() / ".local" / "state" / "flexorch"
    if not base.exists():
        base.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):  # a concurrent run made it first
            base.mkdir(mode=0o700)
    return check_state_dir(base)


def state_subdir(*parts: str) -> Path:
    """A folder inside the state directory (``plans``, ``locks``, ``backups/<site>``), made
    0700 with its missing parents; every part must be a safe file name (BadInputError)."""
    from flexorch.files import private_dir, safe_component

    folder = state_dir()
    for part in parts:
        folder = folder / safe_component(part, "folder name")
    return private_dir(folder)
