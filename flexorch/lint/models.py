"""The negotiation model's view of each router, built once on its rendered config.

Configs are rendered with secrets masked (``render_full(..., reveal=False)``: fast, and no key in
the text), read into ``RouterConfig``, and then every pre-shared key the intent gives (keyring
entries, profile authentication keys) is put back as an equality token (``psk_checks.Keys``): two
keys compare equal in the model exactly when the real keys are equal, and no real key is ever in
memory outside ``Fleet.resolve``. An unreadable key becomes "value unknown" (IOS type 6), which
the model never calls a mismatch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from flexorch.lint.psk_checks import Keys

if TYPE_CHECKING:
    from flexorch.intent.fleet import Fleet
    from flexorch.intent.host import HostIntent
    from flexorch.ios.model import RouterConfig, Secret
    from flexorch.secrets import SecretRef


def router_config(fleet: Fleet, name: str, keys: Keys) -> RouterConfig:
    """``RouterConfig`` of ``render_full`` for host ``name`` (``predict.masked_config``: read
    once per fleet and host), with key tokens in place."""
    # Imported on use: render pulls in jinja2, which `flexorch --help` must not load.
    from flexorch.predict import masked_config

    return with_keys(masked_config(fleet, name), fleet.hosts[name], keys)


def _secret(keys: Keys, host: str, ref: SecretRef | None, parts: tuple[str | int, ...]
            ) -> Secret | None:
    if ref is None:  # (most calls: a keyring entry's local and remote keys)
        return None
    from flexorch.ios.model import Secret

    facts = keys.facts(ref, host, parts)
    return Secret(0, facts.token) if facts.token is not None else Secret(6, None)


def with_keys(config: RouterConfig, host: HostIntent, keys: Keys) -> RouterConfig:
    """``config`` with every keyring and profile key replaced by its token (by block name)."""
    from flexorch.predict import replace_keys

    return replace_keys(config, host,
                        lambda current, ref, parts: _secret(keys, host.name, ref, parts))


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
