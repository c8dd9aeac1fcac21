"""The fleet: every validated host, site/hub relations, and secret resolution."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from flexorch.errors import InventoryError, SecretError, UnknownTargetError
from flexorch.intent.derive import derive
from flexorch.intent.host import HostIntent
from flexorch.intent.loader import HostValidator, RawInventory, located_error, read_inventory
from flexorch.intent.yamlio import display
from flexorch.secrets import SecretRef


@dataclass(frozen=True)
class Fleet:
    """All hosts of one inventory, validated and with derived lines filled in."""

    folder: Path
    hosts: dict[str, HostIntent]
    lab_fallback: bool = False
    # host -> top-level key -> where it came from ("inventory/groups.yaml (group spokes)")
    origins: dict[str, dict[str, str]] = field(default_factory=dict)

    def sites(self) -> list[str]:
        """Site names, sorted."""
        return sorted({h.site for h in self.hosts.values()})

    def select(self, site: str | None = None, host: str | None = None) -> list[HostIntent]:
        """Hosts of ``site`` and/or the one ``host`` (every host when neither is given), in
        inventory order. Raises UnknownTargetError for a site or host that does not exist."""
        if host is not None:
            if host not in self.hosts:
                close = difflib.get_close_matches(host, self.hosts, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                raise UnknownTargetError(f"unknown host '{host}'{hint}")
            chosen = self.hosts[host]
            if site is not None and chosen.site != site:
                raise UnknownTargetError(f"host '{host}' is in site {chosen.site}, not {site}")
            return [chosen]
        if site is not None:
            if site not in self.sites():
                raise UnknownTargetError(
                    f"unknown site '{site}' (sites: {', '.join(self.sites())})"
                )
            return [h for h in self.hosts.values() if h.site == site]
        return list(self.hosts.values())

    def hubs_of(self, name: str) -> list[HostIntent]:
        """The hub(s) a spoke or client names, in its order (empty for a hub)."""
        return [self.hosts[hub] for hub in self._get(name).hubs]

    def spokes_of(self, hub: str) -> list[HostIntent]:
        """Every spoke and client that names ``hub``, in inventory order."""
        self._get(hub)
        return [h for h in self.hosts.values() if hub in h.hubs]

    def resolve(self, ref: SecretRef, host: str, path: str) -> str:
        """Resolve a secret of ``host`` (lab fallback when the inventory enables it).
        Raises SecretError naming the host and intent path."""
        try:
            return ref.resolve(lab_fallback=self.lab_fallback)
        except SecretError as exc:
            origin = self.origins.get(host, {}).get(
                path.split(".")[1] if path.startswith("data.") else path.split(".", maxsplit=1)[0]
            )
            raise SecretError(exc.reason, file=origin, host=host, path=path) from None

    def _get(self, name: str) -> HostIntent:
        if name not in self.hosts:
            raise UnknownTargetError(f"unknown host '{name}'")
        return self.hosts[name]


def load_fleet(inventory_dir: Path) -> Fleet:
    """Read, merge, validate and derive an inventory folder (hosts.yaml, groups.yaml,
    defaults.yaml). Raises InventoryError (exit 2) naming file:line, host and intent path."""
    raw = read_inventory(Path(inventory_dir))
    validator = HostValidator(raw)
    hosts = {name: validator.validate(name) for name in raw.hosts}
    _check_unique_addresses(hosts, raw)
    derived = derive(hosts, validator.origins, raw.hosts)
    origins = {
        name: {
            key: display(src.file) + (f" ({src.kind} {src.name})" if src.kind == "group" else "")
            for key, src in keys.items()
        }
        for name, keys in validator.origins.items()
    }
    return Fleet(Path(inventory_dir), derived, raw.lab_fallback, origins)


def _check_unique_addresses(hosts: dict[str, HostIntent], raw: RawInventory) -> None:
    seen: dict[tuple[str, int], str] = {}
    for host in hosts.values():
        key = (host.hostname, host.port)
        if key in seen:
            raise located_error(
                raw.hosts[host.name],
                f"{host.hostname}:{host.port} is already used by host {seen[key]}",
                ["port"],
                host=host.name,
                path="port",
            )
        seen[key] = host.name


__all__ = ["Fleet", "InventoryError", "load_fleet"]
