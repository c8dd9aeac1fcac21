"""The negotiation model's view of each router, built once on its rendered config.

Configs are rendered with secrets masked (``render_full(..., reveal=False)``: fast, and no key in
the text), read into ``RouterConfig``, and then every pre-shared key the intent gives (keyring
entries, profile authentication keys) is put back as an equality token (``psk_checks.Keys``): two
keys compare equal in the model exactly when the real keys are equal, and no real key is ever in
memory outside ``Fleet.resolve``. An unreadable key becomes "value unknown" (IOS type 6), which
the model never calls a mismatch.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from flexorch.lint.psk_checks import Keys

if TYPE_CHECKING:
    from flexorch.intent.fleet import Fleet
    from flexorch.intent.host import HostIntent
    from flexorch.ios.model import RouterConfig, Secret
    from flexorch.secrets import SecretRef


def router_config(fleet: Fleet, name: str, keys: Keys) -> RouterConfig:
    """``RouterConfig`` of ``render_full`` for host ``name``, with key tokens in place."""
    # Imported on use: render pulls in jinja2, which `flexorch --help` must not load.
    from flexorch.ios.config import ConfigTree
    from flexorch.ios.model import RouterConfig
    from flexorch.render import render_full

    tree = ConfigTree.from_rendered(render_full(fleet, name, reveal=False))
    config = RouterConfig.from_tree(tree)
    return with_keys(config, fleet.hosts[name], keys)


def _secret(keys: Keys, host: str, ref: SecretRef | None, parts: tuple[str | int, ...]
            ) -> Secret | None:
    from flexorch.ios.model import Secret

    if ref is None:
        return None
    facts = keys.facts(ref, host, parts)
    return Secret(0, facts.token) if facts.token is not None else Secret(6, None)


def with_keys(config: RouterConfig, host: HostIntent, keys: Keys) -> RouterConfig:
    """``config`` with every keyring and profile key replaced by its token (by block name)."""
    keyrings = {}
    for kname, keyring in config.keyrings.items():
        intent = host.ikev2_keyrings.get(kname)
        if intent is None:
            keyrings[kname] = keyring
            continue
        peers = []
        for peer in keyring.peers:
            block = intent.peers.get(peer.name)
            if block is None:
                peers.append(peer)
                continue
            base = ("ikev2_keyrings", kname, "peers", peer.name)
            peers.append(dataclasses.replace(
                peer,
                psk=_secret(keys, host.name, block.pre_shared_key, (*base, "pre_shared_key")),
                psk_local=_secret(keys, host.name, block.pre_shared_key_local,
                                  (*base, "pre_shared_key_local")),
                psk_remote=_secret(keys, host.name, block.pre_shared_key_remote,
                                   (*base, "pre_shared_key_remote"))))
        keyrings[kname] = dataclasses.replace(keyring, peers=tuple(peers))
    profiles = {}
    for pname, profile in config.profiles.items():
        intent_profile = host.ikev2_profiles.get(pname)
        keyed = any(m.key is not None for m in (*profile.auth_local, *profile.auth_remote))
        if intent_profile is None or not keyed:
            profiles[pname] = profile  # no key in this profile: nothing to replace
            continue
        pbase: tuple[str, ...] = ("ikev2_profiles", pname)
        local = intent_profile.authentication_local
        auth_local = tuple(
            dataclasses.replace(m, key=_secret(keys, host.name, local.key,
                                               (*pbase, "authentication_local", "key")))
            if local is not None and m.method == local.method and m.key is not None else m
            for m in profile.auth_local)
        remote = {a.method: (i, a.key) for i, a in enumerate(intent_profile.authentication_remote)}
        auth_remote = tuple(
            dataclasses.replace(m, key=_secret(
                keys, host.name, remote[m.method][1],
                (*pbase, "authentication_remote", remote[m.method][0], "key")))
            if m.method in remote and m.key is not None else m
            for m in profile.auth_remote)
        profiles[pname] = dataclasses.replace(profile, auth_local=auth_local,
                                              auth_remote=auth_remote)
    return dataclasses.replace(config, keyrings=keyrings, profiles=profiles)


def external_configs(fleet: Fleet, names: list[str], keys: Keys) -> dict[str, RouterConfig]:
    """The modelled configuration of every external peer ``names`` declare, its key as a token
    (``flexorch.predict.external_config``)."""
    from flexorch.predict import external_config, external_peers

    out: dict[str, RouterConfig] = {}
    for peer_name, (host, peer) in external_peers(fleet, names).items():
        key: Secret | None = None
        if peer.pre_shared_key is not None:
            key = _secret(keys, host, peer.pre_shared_key,
                          ("external_peers", peer_name, "pre_shared_key"))
        out[peer_name] = external_config(peer, key)
    return out
