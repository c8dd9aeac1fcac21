"""Build a Nornir object from a validated fleet (no inventory plugin, no log file)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flexorch.errors import UnknownTargetError

if TYPE_CHECKING:
    from nornir.core import Nornir

    from flexorch.intent.fleet import Fleet


def make_nornir(fleet: Fleet, names: list[str] | None = None, workers: int = 10) -> Nornir:
    """Nornir over ``names`` (default: every host) with credentials resolved from their secret
    references, a threaded runner of ``workers`` and Nornir's own logging disabled.

    Each Nornir host carries ``data["intent"]`` (its HostIntent), ``data["site"]`` and
    ``data["role"]``. The enable secret, when set, goes to netmiko as ``extras["secret"]``.
    Raises UnknownTargetError for an unknown name, SecretError for an unresolvable secret.
    """
    # nornir is heavy: imported on use, not with flexorch.intent.
    from nornir.core import Nornir
    from nornir.core.configuration import Config, LoggingConfig, RunnerConfig
    from nornir.core.inventory import (
        ConnectionOptions,
        Defaults,
        Groups,
        Host,
        Hosts,
        Inventory,
    )
    from nornir.core.plugins.connections import ConnectionPluginRegister
    from nornir.plugins.runners import ThreadedRunner

    # InitNornir would do this; building Nornir directly must register netmiko & co. itself.
    ConnectionPluginRegister.auto_register()

    chosen = list(fleet.hosts) if names is None else names
    hosts = Hosts()
    defaults = Defaults()
    for name in chosen:
        if name not in fleet.hosts:
            raise UnknownTargetError(f"unknown host '{name}'")
        intent = fleet.hosts[name]
        creds = intent.credentials
        password = fleet.resolve(creds.password, name, ("data", "credentials", "password"))
        extras: dict[str, Any] = {}
        if creds.enable is not None:
            extras["secret"] = fleet.resolve(creds.enable, name, ("data", "credentials", "enable"))
        options: dict[str, ConnectionOptions] = {}
        for plugin, given in intent.connection_options.items():
            raw = given if isinstance(given, dict) else {}
            options[plugin] = ConnectionOptions(
                hostname=raw.get("hostname"),
                port=raw.get("port"),
                username=raw.get("username"),
                password=None,
                platform=raw.get("platform"),
                extras=dict(raw.get("extras") or {}),
            )
        netmiko = options.setdefault("netmiko", ConnectionOptions(extras={}))
        netmiko.extras = {**extras, **(netmiko.extras or {})}
        hosts[name] = Host(
            name=name,
            hostname=intent.hostname,
            port=intent.port,
            username=creds.username,
            password=password,
            platform=intent.platform,
            data={"intent": intent, "site": intent.site, "role": intent.role},
            connection_options=options,
            defaults=defaults,
        )
    config = Config(
        logging=LoggingConfig(enabled=False),
        runner=RunnerConfig(plugin="threaded", options={"num_workers": workers}),
    )
    inventory = Inventory(hosts=hosts, groups=Groups(), defaults=defaults)
    return Nornir(inventory=inventory, config=config, runner=ThreadedRunner(num_workers=workers))
