"""FlexVPN intent: typed models per block, the Nornir-style inventory loader, the fleet.

Public API (see docs/ARCHITECTURE.md and docs/inventory.md)::

    from flexorch.intent import load_fleet, make_nornir
    fleet = load_fleet(Path("inventory"))
    fleet.hosts["hub1"].ikev2_profiles["FLEX"].dpd
    nr = make_nornir(fleet, ["hub1"])   # InitNornir with the FlexorchInventory plugin

A plain Nornir script loads the same inventory through the plugin (``flexorch.intent.nornir``):
``InitNornir(inventory={"plugin": "FlexorchInventory", "options": {"path": "inventory"}})``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nornir.core import Nornir

    from flexorch.intent.fleet import Fleet, load_fleet
    from flexorch.intent.host import Credentials, FlexVpn, HostIntent, LabHost
    from flexorch.intent.nat import Nat

# Names exported lazily (PEP 562): building the pydantic models costs ~0.4 s, and Nornir imports
# every registered inventory plugin (flexorch.intent.nornir, inside this package) whenever any
# script calls InitNornir, flexorch's inventory or not.
_LAZY = {
    "Fleet": "flexorch.intent.fleet",
    "load_fleet": "flexorch.intent.fleet",
    "Credentials": "flexorch.intent.host",
    "FlexVpn": "flexorch.intent.host",
    "HostIntent": "flexorch.intent.host",
    "LabHost": "flexorch.intent.host",
    "Nat": "flexorch.intent.nat",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def make_nornir(fleet: Fleet, names: list[str] | None = None, workers: int = 10) -> Nornir:
    """A Nornir object for ``names`` (default: every host) with resolved credentials, built by
    InitNornir through the FlexorchInventory plugin (see ``flexorch.intent.nornir``)."""
    from flexorch.intent.nornir import make_nornir as _make

    return _make(fleet, names, workers)


__all__ = [
    "Credentials",
    "Fleet",
    "FlexVpn",
    "HostIntent",
    "LabHost",
    "Nat",
    "load_fleet",
    "make_nornir",
]
