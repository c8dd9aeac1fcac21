"""``flexorch import --from-devices``: running configs read over SSH from the routers of an
inventory that holds only how to reach them.

The connection inventory is an ordinary inventory folder whose hosts carry ``hostname``,
``port``, ``platform``, ``connection_options`` and ``data.credentials`` (merged the Nornir way
from host, groups and defaults); ``site``/``role`` may be missing. Each host is validated with
the intent model (a missing site/role stands in as a placeholder, never written out), and the
routers are read through flexorch's own Nornir and device layer (``make_nornir``,
``flexorch.tasks.device``: the same sessions, timeouts and typed failures as plan), so every
check that layer makes before logging in applies. Per router: ``show running-config`` and
``show version`` (the software train when the config has no ``version`` line, and IOS vs
IOS-XE for the host's ``platform``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from flexorch.errors import InventoryError, UnknownTargetError
from flexorch.importer.source import RouterSource, router_source
from flexorch.intent.errors import describe
from flexorch.intent.host import HostIntent
from flexorch.intent.loader import RawInventory, read_inventory, resolution_order

if TYPE_CHECKING:
    from nornir.core.task import Result, Task

    from flexorch.intent.fleet import Fleet

_ATTRS = ("hostname", "port", "platform", "connection_options")
_PLACEHOLDER = {"site": "import", "role": "hub"}


@dataclass
class DeviceRead:
    """What was read from the routers: their configs, how to reach them (as the connection
    inventory writes it: attributes, and ``data`` with the credentials and a NAT in front of
    the router), and the routers that could not be read (name -> why)."""

    routers: list[RouterSource] = field(default_factory=list)
    access: dict[str, dict[str, Any]] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)


def _merged(name: str, raw: RawInventory) -> dict[str, Any]:
    values: dict[str, Any] = {"name": name}
    order = resolution_order(raw.hosts[name], raw)
    for key in _ATTRS:
        found = next((s.attrs[key] for s in order if s.attrs.get(key) is not None), None)
        if found is not None:
            values[key] = found
    for key in {k for s in order for k in s.data} - {"secrets"}:
        values[key] = next(s.data[key] for s in order if key in s.data)
    values.setdefault("hostname", name)
    return values


def connection_fleet(folder: Path, site: str | None, hosts: Sequence[str]) -> Fleet:
    """The selected hosts of the connection inventory as a fleet flexorch can connect to.
    Raises InventoryError (bad file or host), UnknownTargetError (unknown --site/--host)."""
    from flexorch.intent.fleet import Fleet

    raw = read_inventory(folder)
    intents: dict[str, HostIntent] = {}
    for name in raw.hosts:
        values = _merged(name, raw)
        for key, placeholder in _PLACEHOLDER.items():
            values.setdefault(key, placeholder)
        values.pop("hubs", None)
        values["role"] = "hub"  # no hub references to check: only connections are used here
        try:
            intents[name] = HostIntent.model_validate(values)
        except ValidationError as exc:
            problem = describe(exc, HostIntent, [])
            raise InventoryError(problem.message, file=str(raw.hosts[name].file), host=name,
                                 path=".".join(str(p) for p in problem.path) or None) from None
    chosen = _select(raw, intents, site, hosts)
    return Fleet(folder, {n: intents[n] for n in chosen}, raw.lab_fallback, raw=raw)


def _select(raw: RawInventory, intents: dict[str, HostIntent], site: str | None,
            hosts: Sequence[str]) -> list[str]:
    for name in hosts:
        if name not in intents:
            raise UnknownTargetError(f"unknown host '{name}'")
    if hosts:
        return list(dict.fromkeys(hosts))
    if site is None:
        return list(intents)
    chosen = [n for n in intents if _merged(n, raw).get("site") == site]
    if not chosen:
        raise UnknownTargetError(f"no host of the inventory is in site '{site}'")
    return chosen


def read_devices(fleet: Fleet, *, timeout: float, workers: int) -> DeviceRead:
    """``show running-config`` and ``show version`` of every host of ``fleet``."""
    from flexorch.intent import make_nornir
    from flexorch.tasks.device import session_defaults
    from flexorch.tasks.failures import device_message

    out = DeviceRead()
    nr = make_nornir(fleet, list(fleet.hosts), workers=workers)
    session_defaults(nr, timeout)
    try:
        results = nr.run(task=_collect, timeout=timeout, on_failed=True)
    finally:
        nr.close_connections(on_failed=True)
    for name in fleet.hosts:
        multi = results[name]
        if multi.failed:
            exc = multi[0].exception
            out.failed[name] = device_message(exc) if exc is not None else "failed"
            continue
        running, version_text = multi[0].result
        version = _version(version_text)
        out.routers.append(_source(name, running, version))
        out.access[name] = _access(fleet.hosts[name], version)
    return out


def _collect(task: Task, timeout: float) -> Result:
    """Nornir task: the router's running config and ``show version`` on its one session."""
    from nornir.core.task import Result

    from flexorch.tasks.device import Device

    device = Device(task, timeout)
    running = device.running_config()
    version = device.command("show version", "collect")
    return Result(host=task.host, result=(running, version), changed=False)


def _version(text: str) -> Any:
    from flexorch.parse.runner import parse_output

    records = parse_output("show version", text).records
    return records[0] if records else None


def _source(name: str, running: str, version: Any) -> RouterSource:
    router = router_source(f"{name} (show running-config)", running)
    if router.version is None and version is not None:
        router.version = version.version
    router.name = name  # the connection inventory's name stays; the hostname line is kept apart
    router.named_by_file = False
    return router


def _access(host: HostIntent, version: Any) -> dict[str, Any]:
    """How the connection inventory reaches the host, as the imported inventory writes it."""
    out: dict[str, Any] = {"hostname": host.hostname, "port": host.port}
    if version is not None and version.os:
        out["platform"] = "cisco_xe" if version.os == "IOS-XE" else "cisco_ios"
    if host.connection_options:
        out["connection_options"] = host.connection_options
    # what the router cannot tell about itself comes along: how to log in, a NAT in front of it
    data = {"credentials": host.credentials.model_dump(mode="json", exclude_defaults=True)}
    if host.nat.behind:
        data["nat"] = host.nat.model_dump(mode="json", exclude_defaults=True)
    out["data"] = data
    return out
