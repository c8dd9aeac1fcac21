"""Predicted IKEv2 sessions of a fleet: the negotiation model run on whole-router configs.

One place turns "these routers have these configs" into negotiation endpoints, so lint, plan,
verify and drift predict from the same facts the lab simulates (NAT placement comes from the
inventory's ``lab`` settings, everything else from the config text).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from flexorch.ios.model import RouterConfig
from flexorch.ios.negotiate import Endpoint, Session, predict_sessions

if TYPE_CHECKING:
    from flexorch.intent.fleet import Fleet


def peer_names(fleet: Fleet, names: Iterable[str]) -> list[str]:
    """``names`` plus every router they negotiate with (their hubs, or a hub's spokes), in
    inventory order: the routers a prediction for ``names`` needs."""
    wanted = set(names)
    for name in list(wanted):
        wanted.update(h.name for h in fleet.hubs_of(name))
        if fleet.hosts[name].role == "hub":
            wanted.update(s.name for s in fleet.spokes_of(name))
    return [n for n in fleet.hosts if n in wanted]


def intended_configs(fleet: Fleet, names: Iterable[str]) -> dict[str, str]:
    """The full intended config (day-0 + managed) of each named host, secrets in clear: the
    model compares keys. Never print these."""
    from flexorch.render import render_full

    return {name: render_full(fleet, name) for name in names}


def endpoints(fleet: Fleet, configs: Mapping[str, str]) -> dict[str, Endpoint]:
    """Negotiation endpoints for hosts whose full config text is given."""
    out: dict[str, Endpoint] = {}
    for name, text in configs.items():
        lab = fleet.hosts[name].lab
        out[name] = Endpoint(
            name=name,
            config=RouterConfig.from_text(text),
            behind_nat=lab.behind_nat,
            nat_public_address=str(lab.nat_address) if lab.nat_address is not None else None,
        )
    return out


def predict(fleet: Fleet, configs: Mapping[str, str]) -> list[Session]:
    """Every IKEv2 session the given configs would bring up (or fail to), both ends' views."""
    return predict_sessions(endpoints(fleet, configs))
