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

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from flexorch.forked import forked_map
from flexorch.ios.model import RouterConfig, Secret
from flexorch.ios.model.reader import evolve
from flexorch.ios.negotiate import AddressIndex, Endpoint, Session, predict_sessions

if TYPE_CHECKING:
    from flexorch.intent.external import ExternalPeer
    from flexorch.intent.fleet import Fleet
    from flexorch.intent.host import HostIntent
    from flexorch.ios.model import AuthMethod, Keyring, Profile
    from flexorch.render import Stencil
    from flexorch.secrets import SecretRef
    from flexorch.verify import Expected

ConfigSource = str | RouterConfig  # config text, or an already read config
# What a pre-shared key of the model becomes: (the key read, the intent's reference, its intent
# path below ``data``) -> the key to hold.
KeyOf = Callable[[Secret | None, "SecretRef | None", tuple[str | int, ...]], Secret | None]


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
    if len(wanted) == len(fleet.hosts) and all(n in fleet.hosts for n in wanted):
        return list(fleet.hosts)  # the whole fleet (a hub and its spokes are all hosts)
    hubs = set()
    for name in list(wanted):
        host = fleet.hosts.get(name)
        if host is None:
            fleet.hubs_of(name)  # raises UnknownTargetError
            continue
        wanted.update(host.hubs)
        if host.role == "hub":
            hubs.add(name)
    if hubs:  # the hubs' spokes and clients
        spokes_of = fleet.spokes_by_hub()
        wanted.update(s.name for hub in hubs for s in spokes_of.get(hub, []))
    return [n for n in fleet.hosts if n in wanted]


def masked_config(fleet: Fleet, name: str) -> RouterConfig:
    """The model of ``render_full(fleet, name, reveal=False)`` (every key ``******``), read
    once per fleet and host (``flexorch.render.host_memo``) and shared: never modify it. The
    rendered text's indentation is its nesting (``ConfigTree.from_rendered``): read without the
    grammar's checks."""
    from flexorch.render import host_memo, render_full

    return host_memo(fleet, "model", name, lambda host: RouterConfig.from_rendered(
        render_full(fleet, name, reveal=False)))


Made = tuple["Stencil", RouterConfig]  # a host's stencil and model (``masked_config``)


def made_for(fleet: Fleet, name: str) -> Made:
    """``name``'s stencil and ``masked_config``, computed here (in a worker process, say) for
    ``keep_made`` to keep in the process that asked."""
    from flexorch.render import stencil

    return stencil(fleet, name), masked_config(fleet, name)


def keep_made(fleet: Fleet, name: str, made: Made) -> None:
    """Keep ``made_for(fleet, name)``, computed in another process, as ``masked_config`` and
    ``flexorch.render.stencil`` keep theirs (for the host's current intent)."""
    from flexorch.render import fleet_memo

    host = fleet.hosts[name]
    fleet_memo(fleet, "stencil")[name], fleet_memo(fleet, "model")[name] = \
        (host, made[0]), (host, made[1])


def unmade(fleet: Fleet, names: Iterable[str]) -> list[str]:
    """The hosts of ``names`` whose ``masked_config`` is not kept yet (for their intent)."""
    from flexorch.render import fleet_memo

    models = fleet_memo(fleet, "model")
    missing = []
    for name in names:
        host = fleet.hosts.get(name)
        hit = models.get(name)
        if host is not None and (hit is None or hit[0] is not host):
            missing.append(name)
    return missing


def masked_configs(fleet: Fleet, names: Iterable[str]) -> dict[str, RouterConfig]:
    """``masked_config`` of each host of ``names``: those not read yet are rendered and read by
    worker processes on a big site (``flexorch.forked.forked_map``), and kept (with their
    stencils, ``flexorch.render.stencil``: plan cuts its managed sections from them) as
    ``masked_config`` keeps them (lint computes them in the map of its per-host rules:
    ``made_for``, ``keep_made``)."""
    from flexorch.forked import forked_map

    wanted = list(names)
    missing = unmade(fleet, wanted)
    for name, made in zip(missing, forked_map(lambda n: made_for(fleet, n), missing,
                                              weights=fleet.work_weights(missing)), strict=True):
        keep_made(fleet, name, made)
    return {name: masked_config(fleet, name) for name in wanted}


def intended_configs(fleet: Fleet, names: Iterable[str]) -> dict[str, RouterConfig]:
    """The full intended config (day-0 + managed) of each named host, read, its pre-shared
    keys in clear: the model compares keys. Never print these. Each is ``masked_config`` with
    every pre-shared key the template wrote as ``******`` (keyring entries, profile
    authentication keys) put back resolved (``Fleet.resolve``, with the errors
    ``render(reveal=True)`` raises): the model of the config rendered with its secrets, without
    rendering and reading every host again. The other secrets (RADIUS keys, AAA passwords,
    credentials) stay ``******`` and are not resolved: the negotiation model reads none."""
    from flexorch.render import secret_resolver
    from flexorch.secrets import MASK

    masked = Secret(0, MASK)
    out: dict[str, RouterConfig] = {}
    for name in names:
        config = masked_config(fleet, name)  # UnknownTargetError for an unknown host
        host = fleet.hosts[name]
        resolve = secret_resolver(fleet, host)

        def clear(current: Secret | None, ref: SecretRef | None,
                  parts: tuple[str | int, ...], resolve: Callable[[SecretRef], str] = resolve
                  ) -> Secret | None:
            # only a key the template wrote (``******``): a key of a raw line stays as read
            return Secret(0, resolve(ref)) if ref is not None and current == masked else current

        out[name] = replace_keys(config, host, clear)
    return out


def _keyring_keys(name: str, keyring: Keyring, host: HostIntent, key_of: KeyOf) -> Keyring:
    intent = host.ikev2_keyrings.get(name)
    if intent is None:
        return keyring
    peers = []
    for peer in keyring.peers:
        block = intent.peers.get(peer.name)
        if block is None:
            peers.append(peer)
            continue
        base = ("ikev2_keyrings", name, "peers", peer.name)
        peers.append(evolve(
            peer,
            psk=key_of(peer.psk, block.pre_shared_key, (*base, "pre_shared_key")),
            psk_local=key_of(peer.psk_local, block.pre_shared_key_local,
                             (*base, "pre_shared_key_local")),
            psk_remote=key_of(peer.psk_remote, block.pre_shared_key_remote,
                              (*base, "pre_shared_key_remote"))))
    return evolve(keyring, peers=tuple(peers))


def _profile_keys(name: str, profile: Profile, host: HostIntent, key_of: KeyOf) -> Profile:
    intent = host.ikev2_profiles.get(name)
    if intent is None or not any(m.key is not None
                                 for m in (*profile.auth_local, *profile.auth_remote)):
        return profile  # no key in this profile: nothing to replace
    base: tuple[str, ...] = ("ikev2_profiles", name)
    local = intent.authentication_local

    def local_key(m: AuthMethod) -> AuthMethod:
        if local is None or m.method != local.method or m.key is None:
            return m
        return evolve(m, key=key_of(m.key, local.key,
                                                 (*base, "authentication_local", "key")))

    remote = {a.method: (i, a.key) for i, a in enumerate(intent.authentication_remote)}

    def remote_key(m: AuthMethod) -> AuthMethod:
        if m.method not in remote or m.key is None:
            return m
        index, ref = remote[m.method]
        return evolve(m, key=key_of(
            m.key, ref, (*base, "authentication_remote", index, "key")))

    return evolve(profile, auth_local=tuple(map(local_key, profile.auth_local)),
                  auth_remote=tuple(map(remote_key, profile.auth_remote)))


def replace_keys(config: RouterConfig, host: HostIntent, key_of: KeyOf) -> RouterConfig:
    """``config`` (of ``host``'s rendered intent) with each keyring entry's and profile
    authentication's pre-shared key replaced by ``key_of(read, reference, intent path)``;
    blocks are matched with the intent by name."""
    keyrings = {n: _keyring_keys(n, k, host, key_of) for n, k in config.keyrings.items()}
    profiles = {n: _profile_keys(n, p, host, key_of) for n, p in config.profiles.items()}
    return evolve(config, keyrings=keyrings, profiles=profiles)


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


# ``prediction`` of intended configs only, by the routers taking part: lint's (whose keys are
# equality tokens) is kept for plan, verify and the rollout gates of the same fleet.
_INTENDED = "prediction of intended configs"


def _intended_key(fleet: Fleet, needed: list[str]) -> tuple[str, tuple[object, ...]]:
    return "\n".join(needed), tuple(fleet.hosts[n] for n in needed)


def remember_intended(fleet: Fleet, names: Iterable[str], predicted: Prediction) -> None:
    """Keep ``predicted`` as the answer of ``prediction(fleet, names)`` with no overrides, for
    as long as the hosts' intents are the same objects (``flexorch.render.fleet_memo``).
    ``predicted`` must have every router of ``peer_names(fleet, names)`` and the external peers
    they declare at its intended config; its pre-shared keys may be equality tokens (two equal
    exactly when the keys are equal: lint's), since the model only compares keys, but every key
    must have been read: an unreadable key is "unknown" to lint and an error to the others.
    What is kept holds the inventory routers' masked models (``masked_config``, kept anyway)
    as their configs, not ``predicted``'s: a reused prediction's configs show every key
    ``******`` (its users read proposals and addresses, never keys), and a fleet of 100,000
    routers does not hold a second model of each."""
    from flexorch.render import fleet_memo

    key, made_of = _intended_key(fleet, peer_names(fleet, names))
    configs = {n: masked_config(fleet, n) if n in fleet.hosts else c
               for n, c in predicted.configs.items()}
    fleet_memo(fleet, _INTENDED)[key] = (made_of, Prediction(predicted.sessions, configs))


def _remembered(fleet: Fleet, needed: list[str]) -> Prediction | None:
    from flexorch.render import fleet_memo

    key, made_of = _intended_key(fleet, needed)
    hit = fleet_memo(fleet, _INTENDED).get(key)
    if hit is None:
        return None
    was, predicted = hit
    if not isinstance(was, tuple) or len(was) != len(made_of) \
            or any(a is not b for a, b in zip(was, made_of, strict=True)):
        return None
    return predicted if isinstance(predicted, Prediction) else None


def prediction(fleet: Fleet, names: Iterable[str], *,
               overrides: Mapping[str, ConfigSource] | None = None,
               unknown: Iterable[str] = (), workers: bool = False) -> Prediction:
    """Every session of ``names`` and the routers they negotiate with. A router's config is
    ``overrides[name]`` when given, else its intended config; routers in ``unknown`` (could not
    be read) take no part, so nothing is expected from or towards them. With no overrides and
    nothing unknown, the answer lint already computed for the same routers is reused
    (``remember_intended``). With ``workers``, the attempts are negotiated on worker processes
    on a big site (``flexorch.forked.forked_map``)."""
    skip = set(unknown)
    needed = [n for n in peer_names(fleet, names) if n not in skip]
    if not overrides and not skip and (known := _remembered(fleet, needed)) is not None:
        return known
    given = dict(overrides or {})
    sources: dict[str, ConfigSource] = {n: given[n] for n in needed if n in given}
    sources.update(intended_configs(fleet, [n for n in needed if n not in given]))
    sources.update(_external_sources(fleet, needed, given))
    ends = endpoints(fleet, sources)
    sessions = predict_sessions(ends, spread=forked_map if workers else None)
    return Prediction(sessions, {n: e.config for n, e in ends.items()})


def expected_tunnels(fleet: Fleet, names: Iterable[str], *,
                     overrides: Mapping[str, ConfigSource] | None = None,
                     unknown: Iterable[str] = ()) -> dict[str, list[Expected]]:
    """Per host of ``names``, the tunnels it should show (verify's expectations): the steady
    sessions of ``prediction(fleet, names, overrides=, unknown=)``."""
    from flexorch.verify import expectations

    wanted = list(names)
    predicted = prediction(fleet, wanted, overrides=overrides, unknown=unknown)
    return expectations(predicted.steady(), predicted.configs, wanted,
                        versions(fleet, predicted.configs))


def versions(fleet: Fleet, names: Iterable[str]) -> dict[str, str | None]:
    """The ``platform_version`` of each inventory host of ``names`` (what decides IOS's
    defaults where a config has no ``version`` line)."""
    return {name: fleet.hosts[name].platform_version for name in names if name in fleet.hosts}


def addresses_of(fleet: Fleet, names: Iterable[str]) -> frozenset[str]:
    """Every address the intent gives ``names`` (interfaces, NAT public address), as
    ``flexorch.verify.address_key`` spells it."""
    from flexorch.verify import address_key

    owners = AddressIndex.of(endpoints(fleet, intended_configs(fleet, names))).owners
    return frozenset(str(address_key(str(addr))) for addr in owners)
