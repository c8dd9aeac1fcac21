"""Lab routers from a flexorch inventory: one router per host, at its hostname:port, booting
with its day-0 config (hostname, management and WAN interfaces; no FlexVPN), or with a
startup-config file of its own (``<dir>/<host>.cfg``, e.g. a real router's running config)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from flexorch.errors import BadInputError
from flexorch.lab.settings import RouterSpec


def specs_from_inventory(folder: Path, startup_configs: Path | None = None) -> list[RouterSpec]:
    """Every inventory host as a ``RouterSpec``; with ``startup_configs``, a host with a file
    ``<startup_configs>/<host>.cfg`` boots with it (a file naming no host is bad input).

    Credentials resolve exactly as flexorch's own connections resolve them (``Fleet.resolve``:
    the inventory's ``lab_fallback`` decides whether an unset variable gets its lab value).
    Raises InventoryError / BadInputError (exit 2) for an invalid inventory, an unresolvable
    secret or a host the lab cannot serve.
    """
    from flexorch.hostkeys import known_hosts_for
    from flexorch.intent import load_fleet
    from flexorch.render import render_day0

    fleet = load_fleet(folder)
    startups = _startup_files(startup_configs, set(fleet.hosts))
    specs = []
    for name, host in fleet.hosts.items():
        creds = host.credentials
        enable = None
        if creds.enable is not None:
            enable = fleet.resolve(creds.enable, name, "data.credentials.enable")
        privilege = 15 if creds.privilege >= 15 or enable is None else 1
        specs.append(
            RouterSpec(
                name=name,
                host=host.hostname,
                port=host.port,
                username=creds.username,
                password=fleet.resolve(creds.password, name, "data.credentials.password"),
                enable_secret=enable,
                privilege=privilege,
                day0=render_day0(fleet, name),
                site=host.site,
                role=host.role,
                behind_nat=host.nat.behind,
                nat_address=host.nat.public_text(),
                ios_version=host.lab.ios_version,
                known_hosts=str(known_hosts_for(host)),
                startup_config=startups.get(name),
            )
        )
    return specs


def pin_host_keys(specs: Sequence[RouterSpec], public_key: str) -> None:
    """Pin the lab's host key (``public_key``, an OpenSSH line) for every router of the lab,
    in the known_hosts file flexorch checks for it: the lab's routers, and only them, are
    trusted without a scan."""
    from flexorch.hostkeys import default_known_hosts, key_from_openssh, pin

    key = key_from_openssh(public_key)
    default = default_known_hosts()
    pin([(Path(s.known_hosts) if s.known_hosts else default, s.host, s.port, key)
         for s in specs])


def _startup_files(folder: Path | None, hosts: set[str]) -> dict[str, Path]:
    """``<folder>/<host>.cfg`` by host; BadInputError for a missing folder or a file naming no
    inventory host."""
    if folder is None:
        return {}
    if not folder.is_dir():
        raise BadInputError(f"{folder}: startup-config directory not found")
    files = {path.stem: path for path in sorted(folder.glob("*.cfg"))}
    unknown = sorted(set(files) - hosts)
    if unknown:
        raise BadInputError(f"{folder}: {', '.join(n + '.cfg' for n in unknown)} name no "
                            "inventory host")
    return files
