"""The import run: configs in, a checked inventory folder out (or nothing at all).

``import_routers`` reads each router's sections (``router``), places the routers in sites
(``topology``), writes secrets as references (``secrets``, ``access``), turns spoke tunnels
into ``peer: HUB`` where the loader derives them back (``sugar``), factors shared blocks into
groups (``inventory``), stages the files and proves them (``verify``: the rendering equals the
routers' managed sections), and only then moves them to ``--out`` (``writer``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flexorch.gcpause import gc_paused
from flexorch.importer import writer
from flexorch.importer.access import connection, credentials
from flexorch.importer.external import external_peers, model_check
from flexorch.importer.inventory import build
from flexorch.importer.router import RouterRead, add_interfaces, read_router
from flexorch.importer.rows import Unexpressed
from flexorch.importer.secrets import SecretStore
from flexorch.importer.source import RouterSource, read_text, router_source, unique_names
from flexorch.importer.sugar import tunnel_peers
from flexorch.importer.topology import Addresses, Placement, dialed_interfaces, place
from flexorch.importer.verify import differences


@dataclass(frozen=True)
class Options:
    """What the command line chose."""

    out: Path
    site_name: str | None = None
    lab_base_port: int | None = None
    secrets_dir: Path | None = None
    force: bool = False


@dataclass
class ImportResult:
    """What an import did (never a secret value)."""

    out: Path
    hosts: dict[str, dict[str, str]] = field(default_factory=dict)  # name -> source/site/role
    hubs: dict[str, list[str]] = field(default_factory=dict)
    sites: list[str] = field(default_factory=list)
    secret_files: list[str] = field(default_factory=list)
    variables: dict[str, list[str]] = field(default_factory=dict)  # env name -> hosts
    warnings: list[str] = field(default_factory=list)
    unexpressed: list[Unexpressed] = field(default_factory=list)
    unreadable: dict[str, str] = field(default_factory=dict)  # --from-devices: host -> why
    startup_configs: Path | None = None  # --lab-base-port: the routers' configs for the lab
    written: bool = False

    def to_json(self) -> dict[str, Any]:
        """The ``--format json`` document."""
        return {"hosts": self.hosts, "sites": self.sites,
                "secrets": [*self.secret_files, *self.variables], "warnings": self.warnings}


def import_files(paths: Sequence[Path], options: Options) -> ImportResult:
    """``flexorch import CONFIG_FILE...``: one router per file. BadInputError (exit 2) for a
    file that cannot be read or is not an IOS config, two files with the same hostname, an
    unusable ``--out``."""
    check_destinations(options)
    with gc_paused():  # see import_routers
        routers = [router_source(str(path), read_text(path)) for path in paths]
        return import_routers(routers, options)


def import_devices(inventory: Path, options: Options, *, site: str | None,
                   hosts: Sequence[str], timeout: float, workers: int) -> ImportResult:
    """``flexorch import --from-devices``: the routers of the connection inventory
    ``inventory`` read over SSH. A router that cannot be read is in ``ImportResult.unreadable``
    and then nothing is written."""
    from flexorch.importer.devices import connection_fleet, read_devices

    check_destinations(options)
    fleet = connection_fleet(inventory, site, hosts)
    read = read_devices(fleet, timeout=timeout, workers=workers)
    if read.failed:
        return ImportResult(options.out, unreadable=read.failed)
    return import_routers(read.routers, options, access=read.access,
                          lab_fallback=fleet.lab_fallback)


def check_destinations(options: Options) -> None:
    """BadInputError before any work when ``--out`` (or ``--secrets-dir``) cannot be used."""
    writer.check_out(options.out, options.force)
    if options.secrets_dir is not None:
        writer.check_out(options.secrets_dir, options.force, "--secrets-dir")


def import_routers(routers: Sequence[RouterSource], options: Options, *,
                   access: Mapping[str, dict[str, Any]] | None = None,
                   lab_fallback: bool = False) -> ImportResult:
    """Import ``routers`` into ``options.out``. ``access`` (host -> ``hostname``, ``port``,
    ..., and ``data``: ``credentials``, ``nat``) replaces what import would write to reach
    and log in (``--from-devices``: the connection inventory's own entries, whose
    ``lab_fallback`` comes along). With
    ``--lab-base-port`` every host is on 127.0.0.1 and unset variables get their lab value
    (``lab_fallback: true``). Raises BadInputError for bad input; lines it cannot write are in
    ``ImportResult.unexpressed`` and then nothing is written.

    The cyclic garbage collector is paused meanwhile: import only accumulates acyclic trees,
    models and dicts, and every full collection rescanned them all (measured at 2,000 routers:
    7.4-7.7 s of CPU with the collector, 6.4-6.7 s without)."""
    with gc_paused():
        return _import_routers(routers, options, access, lab_fallback)


def _import_routers(routers: Sequence[RouterSource], options: Options,
                    access: Mapping[str, dict[str, Any]] | None,
                    lab_fallback: bool) -> ImportResult:
    check_destinations(options)
    unique_names(routers)
    folder = (options.secrets_dir or options.out / writer.SECRETS).resolve()
    store = SecretStore(folder)
    reads = [read_router(router, store) for router in routers]
    addresses = Addresses.of(reads)
    dialed = dialed_interfaces(reads, addresses)
    for read in reads:
        add_interfaces(read, dialed.get(read.router.name, set()), store)
    placements = place(reads, addresses, options.site_name)
    hosts = {read.router.name: _host_data(read, placements[read.router.name], store, access)
             for read in reads}
    tunnel_peers(hosts)
    outside = external_peers(
        hosts, lambda address: addresses.index.owner(address) is not None,
        {r.name: r.source for r in routers},
        model_check(addresses.configs, {n: d.get("platform_version") for n, d in hosts.items()}))
    connections = {r.name: _connection(r, i, options.lab_base_port, access)
                   for i, r in enumerate(routers)}
    inv = build(hosts, connections,
                lab_fallback=lab_fallback or options.lab_base_port is not None)
    result = _result(options, reads, placements, store)
    result.warnings.extend(outside)
    for name, data in hosts.items():
        result.warnings.extend(store.short_keys(data, name))
    if result.unexpressed:
        return result
    with writer.staged(options.out) as stage:
        writer.write_files(stage, inv, len(routers))
        result.unexpressed = differences(stage, routers)
        if result.unexpressed:
            return result
        startups = {r.name: r.text for r in routers} if options.lab_base_port else {}
        _write_secrets(stage, options, store, startups)
        writer.commit(stage, options.out)
    result.written = True
    if startups:
        result.startup_configs = store.folder / writer.STARTUPS
    return result


def _host_data(read: RouterRead, placement: Placement, store: SecretStore,
               access: Mapping[str, dict[str, Any]] | None) -> dict[str, Any]:
    router = read.router
    given = (access or {}).get(router.name, {}).get("data", {})
    data: dict[str, Any] = {"site": placement.site, "role": placement.role}
    if placement.hubs:
        data["hubs"] = placement.hubs
    data["credentials"] = given.get("credentials") or credentials(router, store)
    if router.hostname != router.name and not router.named_by_file:
        data["ios_hostname"] = router.hostname
    if router.version is not None:  # the predictions' crypto defaults follow the train
        data["platform_version"] = router.version
    return {**data, **{k: v for k, v in given.items() if k != "credentials"}, **read.data}


def _connection(router: RouterSource, index: int, lab_base_port: int | None,
                access: Mapping[str, dict[str, Any]] | None) -> dict[str, Any]:
    if lab_base_port is None and access and router.name in access:
        return {k: v for k, v in access[router.name].items() if k != "data"}
    return connection(router, index, lab_base_port)


def _result(options: Options, reads: Sequence[RouterRead], placements: dict[str, Placement],
            store: SecretStore) -> ImportResult:
    result = ImportResult(options.out)
    for read in reads:
        name = read.router.name
        where = placements[name]
        result.hosts[name] = {"source": read.router.source, "site": where.site,
                              "role": where.role}
        if where.hubs:
            result.hubs[name] = where.hubs
        if read.router.named_by_file:
            result.warnings.append(f"{read.router.source}: no hostname line: named {name} "
                                   "after the file")
        result.warnings.extend(read.warnings)
        result.unexpressed.extend(read.unexpressed)
    result.sites = sorted({p.site for p in placements.values()})
    result.secret_files = [str(store.folder / name) for name in store.files.values()]
    result.variables = dict(store.variables)
    return result


def _write_secrets(stage: Path, options: Options, store: SecretStore,
                   startups: dict[str, str]) -> None:
    """The secret files, and with ``--lab-base-port`` each router's config as
    ``startup-configs/<name>.cfg`` beside them (keys in clear: as private as the secrets) for
    ``flexorch lab up --startup-configs``."""
    if options.secrets_dir is None:
        writer.write_secrets(stage, store, gitignore=True)
        writer.write_startups(stage / writer.SECRETS, startups)
        return
    with writer.staged(options.secrets_dir) as secrets_stage:
        store.write(secrets_stage)
        writer.write_startups(secrets_stage, startups)
        writer.commit(secrets_stage, options.secrets_dir)
