"""The flexorch inventory as a Nornir inventory plugin, ``FlexorchInventory``.

Registered by entry point (``nornir.plugins.inventory`` in pyproject.toml), so a plain Nornir
script loads a flexorch inventory folder the way it would load a SimpleInventory::

    from nornir import InitNornir
    nr = InitNornir(inventory={"plugin": "FlexorchInventory", "options": {"path": "inventory"}},
                    logging={"enabled": False})

What the plugin gives (the contract, also in docs/ARCHITECTURE.md):

- every host with its merged Nornir attributes (``hostname``, ``port``, ``platform``), the
  ``username`` and ``password`` of ``data.credentials`` (the password resolved from its secret
  reference), and netmiko connection options: the inventory's ``connection_options`` plus the
  enable secret, when set, as ``extras["secret"]``;
- ``host.data``: the host's own ``data`` as written, plus ``intent`` (the validated, derived,
  frozen ``HostIntent``), ``site`` and ``role``;
- groups and defaults as Nornir ``Group``/``Defaults`` objects carrying their ``data`` as
  written and their parent groups, so Nornir's own lookups (``host["key"]``, ``F(...)``,
  ``host.groups``) resolve per top-level key in the same order flexorch merged the intent.
  Connection attributes live on the hosts only (already merged), never on groups: Nornir
  merges connection options attribute by attribute, flexorch per top-level key.

flexorch builds its own Nornir objects through the same path (``make_nornir``), handing the
plugin the fleet it already loaded instead of a path.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flexorch.errors import UnknownTargetError

if TYPE_CHECKING:
    from nornir.core import Nornir
    from nornir.core.inventory import ConnectionOptions, Defaults, Groups, Host, Inventory

    from flexorch.intent.fleet import Fleet
    from flexorch.intent.host import HostIntent
    from flexorch.intent.loader import RawInventory

PLUGIN_NAME = "FlexorchInventory"
CONNECTION = "netmiko"


class FlexorchInventory:
    """Nornir inventory plugin over a flexorch inventory folder.

    Options (``InitNornir(inventory={"plugin": "FlexorchInventory", "options": {...}})``):
    ``path``: the inventory folder (hosts.yaml, groups.yaml, defaults.yaml; default
    ``inventory``); ``hosts``: only these inventory names (default: every host); ``fleet``: an
    already loaded ``Fleet`` instead of ``path`` (how flexorch's own commands call it).

    ``load()`` raises InventoryError (a bad inventory: file, line, host, path),
    UnknownTargetError (a name in ``hosts`` that is not in the inventory) and SecretError
    (a credential reference that cannot be resolved).
    """

    def __init__(self, path: str | Path = "inventory", hosts: Sequence[str] | None = None,
                 fleet: Fleet | None = None) -> None:
        self.path = Path(path).expanduser()
        self.hosts = list(hosts) if hosts is not None else None
        self.fleet = fleet

    def load(self) -> Inventory:
        """Read (unless given a fleet), validate and build the Nornir inventory."""
        from nornir.core.inventory import Hosts, Inventory

        from flexorch.intent.fleet import load_fleet

        fleet = self.fleet if self.fleet is not None else load_fleet(self.path)
        names = list(fleet.hosts) if self.hosts is None else self.hosts
        defaults = _defaults(fleet.raw)
        groups = _groups(fleet.raw, defaults)
        hosts = Hosts()
        for name in names:
            if name not in fleet.hosts:
                raise UnknownTargetError(f"unknown host '{name}'")
            hosts[name] = _host(fleet, fleet.hosts[name], groups, defaults)
        return Inventory(hosts=hosts, groups=groups, defaults=defaults)


def register() -> None:
    """Register the plugin under its name without entry points (idempotent; InitNornir would
    find it through the entry point of an installed flexorch)."""
    from nornir.core.plugins.inventory import InventoryPluginRegister

    InventoryPluginRegister.register(PLUGIN_NAME, FlexorchInventory)


def make_nornir(fleet: Fleet, names: list[str] | None = None, workers: int = 10) -> Nornir:
    """Nornir over ``names`` (default: every host) of ``fleet``, through ``InitNornir`` and the
    ``FlexorchInventory`` plugin, with a threaded runner of ``workers`` and Nornir's own logging
    off (flexorch logs on stderr itself). Raises UnknownTargetError for an unknown name,
    SecretError for an unresolvable credential."""
    # nornir is heavy: imported on use, not with flexorch.intent.
    from nornir import InitNornir

    register()
    return InitNornir(
        inventory={"plugin": PLUGIN_NAME, "options": {"fleet": fleet, "hosts": names}},
        runner={"plugin": "threaded", "options": {"num_workers": workers}},
        logging={"enabled": False},
    )


def _defaults(raw: RawInventory | None) -> Defaults:
    from nornir.core.inventory import Defaults

    return Defaults(data=dict(raw.defaults.data) if raw is not None else {})


def _groups(raw: RawInventory | None, defaults: Defaults) -> Groups:
    """Every group of groups.yaml with its data as written and its parent groups."""
    from nornir.core.inventory import Group, Groups, ParentGroups

    groups = Groups()
    if raw is None:
        return groups
    for name, source in raw.groups.items():
        groups[name] = Group(name=name, data=dict(source.data), defaults=defaults)
    for name, source in raw.groups.items():
        groups[name].groups = ParentGroups([groups[parent] for parent in source.parents])
    return groups


def _host(fleet: Fleet, intent: HostIntent, groups: Groups, defaults: Defaults) -> Host:
    """The Nornir host of ``intent``: merged attributes, resolved credentials, its data."""
    from nornir.core.inventory import Group, Host, ParentGroups

    name = intent.name
    creds = intent.credentials
    password = fleet.resolve(creds.password, name, ("data", "credentials", "password"))
    own = fleet.raw.hosts[name].data if fleet.raw is not None else {}
    parents = ParentGroups([groups[g] if g in groups else Group(name=g, defaults=defaults)
                            for g in intent.groups])
    return Host(
        name=name, hostname=intent.hostname, port=intent.port, username=creds.username,
        password=password, platform=intent.platform, groups=parents, defaults=defaults,
        data={**own, "intent": intent, "site": intent.site, "role": intent.role},
        connection_options=_connection_options(fleet, intent),
    )


def _connection_options(fleet: Fleet, intent: HostIntent) -> dict[str, ConnectionOptions]:
    """netmiko's options: the inventory's allowed extras (``flexorch.intent.connection``) with
    their secret references resolved, the enable secret as ``extras["secret"]``, and the
    host-key checking flexorch requires (``flexorch.hostkeys.netmiko_options``), which the
    inventory cannot change."""
    from nornir.core.inventory import ConnectionOptions

    from flexorch.hostkeys import netmiko_options
    from flexorch.intent.connection import NETMIKO_EXTRAS, secret_ref

    given = (intent.connection_options.get(CONNECTION) or {}).get("extras") or {}
    extras: dict[str, Any] = {}
    for key, value in given.items():
        kind = NETMIKO_EXTRAS[key]
        where = ("connection_options", CONNECTION, "extras", key)
        ref = secret_ref(value) if kind in ("secret", "key-file") else None
        if ref is None:
            extras[key] = value
        elif kind == "key-file":
            extras[key] = str(Path(str(ref.file)).expanduser())
        else:
            extras[key] = fleet.resolve(ref, intent.name, where)
    if intent.credentials.enable is not None:
        extras["secret"] = fleet.resolve(intent.credentials.enable, intent.name,
                                         ("data", "credentials", "enable"))
    extras.update(netmiko_options(intent))
    return {CONNECTION: ConnectionOptions(extras=extras)}
