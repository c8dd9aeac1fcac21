"""The one prediction pipeline: which IKEv2 sessions a fleet's configs bring up.

Lint, plan, the rollout gates, verify and drift all predict through ``prediction`` (or its
verify-shaped view ``expected_tunnels``): the routers a prediction for some hosts needs
(``peer_names``), their intended configs (``render_full``) unless the caller gives others
(``overrides``: running configs read from the routers, configs as they will be after a push,
lint's configs with key tokens), negotiation endpoints with the network facts the config cannot
tell (NAT placement from the inventory), and ``predict_sessions``. ``flexorch predict`` runs the
same model on config files (``flexorch.predict_files``).

The routers outside the inventory that these hosts declare (``external_peers``) take part too,
each as an endpoint named by its key, with the configuration of an IOS responder holding its
declared settings (``flexorch.intent.external.responder_blocks``): a tunnel to a declared peer is
negotiated like any other, one to an undeclared address finds no responder.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from flexorch.ios.model import RouterConfig, Secret
from flexorch.ios.negotiate import AddressIndex, Endpoint, Session, predict_sessions

if TYPE_CHECKING:
    from flexorch.intent.external import ExternalPeer
    from flexorch.intent.fleet import Fleet
    from flexorch.verify import Expected

ConfigSource = str | RouterConfig  # config text, or an already read config


@dataclass(frozen=True)
class Prediction:
    """Sessions predicted for some hosts, and the config each router took part with."""

    sessions: list[Session]
    configs: dict[str, RouterConfig]

    def steady(self) -> list[Session]:
        """The sessions a router shows all the time (not the on-demand spoke-to-spoke ones)."""
        return [s for s in self.sessions if not s.on_demand]


def peer_names(fleet: Fleet, names: Iterable[str]) -> list[str]:
    """``names`` plus every router they negotiate with (their hubs, or a hub's spokes), in
    inventory order: the routers a prediction for ``names`` needs."""
    wanted = set(names)
    for name in list(wanted):
        wanted.update(h.name for h in fleet.hubs_of(name))
        if fleet.hosts[name].role == "hub":
            wanted.update(s.name for s in fleet.spokes_of(name))
    return [n for n in fleet.hosts if n in wanted]


def intended_configs(fleet: Fleet, names: Iterable[str]) -> dict[str, RouterConfig]:
    """The full intended config (day-0 + managed) of each named host, read, secrets in clear:
    the model compares keys. Never print these. The rendered text's indentation is its nesting
    (``ConfigTree.from_rendered``): read without the grammar's checks."""
    from flexorch.ios.config import ConfigTree
    from flexorch.render import render_full

    return {name: RouterConfig.from_tree(ConfigTree.from_rendered(render_full(fleet, name)))
            for name in names}


def endpoints(fleet: Fleet, configs: Mapping[str, ConfigSource]) -> dict[str, Endpoint]:
    """Negotiation endpoints for hosts (and external peers) whose full config is given."""
    out: dict[str, Endpoint] = {}
    for name, source in configs.items():
        config = source if isinstance(source, RouterConfig) else RouterConfig.from_text(source)
        host = fleet.hosts.get(name)
        if host is None:  # an external peer: no NAT the inventory knows of
            out[name] = Endpoint(name=name, config=config)
            continue
        out[name] = Endpoint(
            name=name,
            config=config,
            behind_nat=host.nat.behind,
            nat_public_address=host.nat.public_text(),
            platform_version=host.platform_version,
        )
    return out


def external_peers(fleet: Fleet, names: Iterable[str]) -> dict[str, tuple[str, ExternalPeer]]:
    """The external peers ``names`` declare: peer name -> (the first host declaring it, the
    peer). A name that is also an inventory host is left out (lint reports it, FV515)."""
    out: dict[str, tuple[str, ExternalPeer]] = {}
    for name in names:
        for peer_name, peer in fleet.hosts[name].external_peers.items():
            if peer_name not in fleet.hosts:
                out.setdefault(peer_name, (name, peer))
    return out


def external_config(peer: ExternalPeer, key: Secret | None) -> RouterConfig:
    """The modelled configuration of an external peer (an IOS responder with its declared
    settings), its pre-shared key given as ``key`` (the value, lint's token, or None)."""
    import dataclasses

    from flexorch.intent.external import MODELLED, responder_blocks
    from flexorch.intent.host import HostIntent
    from flexorch.render import MANAGED, render_model

    # A host model of the declared blocks only (validated each): nothing else is rendered.
    model = HostIntent.model_construct(name=MODELLED, **responder_blocks(peer))
    config = RouterConfig.from_text(render_model(model, MANAGED))
    keyring = config.keyrings.get(MODELLED)
    if keyring is None:
        return config
    peers = tuple(dataclasses.replace(p, psk=key) for p in keyring.peers)
    keyrings = {**config.keyrings, MODELLED: dataclasses.replace(keyring, peers=peers)}
    return dataclasses.replace(config, keyrings=keyrings)


def _external_sources(fleet: Fleet, names: Iterable[str],
                      given: Mapping[str, ConfigSource]) -> dict[str, ConfigSource]:
    out: dict[str, ConfigSource] = {}
    for peer_name, (host, peer) in external_peers(fleet, names).items():
        if peer_name in given:
            out[peer_name] = given[peer_name]
            continue
        key = None
        if peer.pre_shared_key is not None:
            path = ("data", "external_peers", peer_name, "pre_shared_key")
            key = Secret(0, fleet.resolve(peer.pre_shared_key, host, path))
        out[peer_name] = external_config(peer, key)
    return out


def prediction(fleet: Fleet, names: Iterable[str], *,
               overrides: Mapping[str, ConfigSource] | None = None,
               unknown: Iterable[str] = ()) -> Prediction:
    """Every session of ``names`` and the routers they negotiate with. A router's config is
    ``overrides[name]`` when given, else its intended config; routers in ``unknown`` (could not
    be read) take no part, so nothing is expected from or towards them."""
    skip = set(unknown)
    needed = [n for n in peer_names(fleet, names) if n not in skip]
    given = dict(overrides or {})
    sources: dict[str, ConfigSource] = {n: given[n] for n in needed if n in given}
    sources.update(intended_configs(fleet, [n for n in needed if n not in given]))
    sources.update(_external_sources(fleet, needed, given))
    ends = endpoints(fleet, sources)
    return Prediction(predict_sessions(ends), {n: e.config for n, e in ends.items()})


def expected_tunnels(fleet: Fleet, names: Iterable[str], *,
                     overrides: Mapping[str, ConfigSource] | None = None,
                     unknown: Iterable[str] = ()) -> dict[str, list[Expected]]:
    """Per host of ``names``, the tunnels it should show (verify's expectations): the steady
    sessions of ``prediction(fleet, names, overrides=, unknown=)``."""
    from flexorch.verify import expectations

    wanted = list(names)
    predicted = prediction(fleet, wanted, overrides=overrides, unknown=unknown)
    return expectations(predicted.steady(), predicted.configs, wanted)


def addresses_of(fleet: Fleet, names: Iterable[str]) -> frozenset[str]:
    """Every address the intent gives ``names`` (interfaces, NAT public address), as
    ``flexorch.verify.address_key`` spells it."""
    from flexorch.verify import address_key

    owners = AddressIndex.of(endpoints(fleet, intended_configs(fleet, names))).owners
    return frozenset(str(address_key(str(addr))) for addr in owners)
