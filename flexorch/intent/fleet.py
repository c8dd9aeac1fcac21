"""The fleet: every validated host, site/hub relations, and secret resolution."""

from __future__ import annotations

import difflib
import gc
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from flexorch.errors import (
    BadInputError,
    InventoryError,
    SecretError,
    UnknownTargetError,
)
from flexorch.intent.derive import EarlyDerive, derive
from flexorch.intent.errors import format_path
from flexorch.intent.host import HostIntent
from flexorch.intent.loader import RawInventory, Source, located_error, read_inventory
from flexorch.intent.validate import HostValidator
from flexorch.intent.yamlio import display
from flexorch.secrets import SecretRef, is_loopback_host

PSK_MIN_LENGTH = 8
# Where a pre-shared key is in the intent: these fields, and ``key`` of a profile's
# authentication (a RADIUS server's ``key`` is not a PSK).
_PSK_FIELDS = frozenset({"psk", "pre_shared_key", "pre_shared_key_local", "pre_shared_key_remote"})
_PSK_AUTH = frozenset({"authentication_local", "authentication_remote"})
IntentPath = str | Sequence[str | int]


def is_psk_path(path: Sequence[str | int]) -> bool:
    """True when ``path`` (intent path parts) is where a pre-shared key is written."""
    last = path[-1] if path else ""
    return last in _PSK_FIELDS or (last == "key" and any(p in _PSK_AUTH for p in path))


def _parts(path: IntentPath | Callable[[], IntentPath]) -> tuple[str | int, ...]:
    given = path() if callable(path) else path
    return tuple(given.split(".")) if isinstance(given, str) else tuple(given)


@dataclass(frozen=True)
class Fleet:
    """All hosts of one inventory, validated and with derived lines filled in."""

    folder: Path
    hosts: dict[str, HostIntent]
    lab_fallback: bool = False
    _checked: dict[str, bool] = field(default_factory=dict, repr=False, compare=False)
    # host -> top-level key -> the host, group or defaults entry it was taken from
    sources: dict[str, Mapping[str, Source]] = field(default_factory=dict, repr=False)
    # (host, path) of a derived secret -> (host, path) where the reference is written
    provenance: dict[tuple[str, tuple[str | int, ...]], tuple[str, tuple[str | int, ...]]] = field(
        default_factory=dict, repr=False
    )
    # the three files as written (the Nornir inventory plugin's groups and defaults)
    raw: RawInventory | None = field(default=None, repr=False)

    def origin(self, host: str, key: str) -> str:
        """Where ``host`` took top-level key ``key`` from: ``inventory/groups.yaml (group G)``,
        ``inventory/hosts.yaml`` or ``inventory/defaults.yaml``; '' when unset."""
        source = self.sources.get(host, {}).get(key)
        if source is None:
            return ""
        suffix = f" (group {source.name})" if source.kind == "group" else ""
        return display(source.file) + suffix

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

    def target(self, site: str | None = None, host: str | Sequence[str] | None = None, *,
               groups: Sequence[str] = (), roles: Sequence[str] = (),
               where: str | None = None) -> tuple[str, list[str]]:
        """What a command acts on: the site and the selected host names in inventory order.
        Every criterion narrows the selection: ``site``; ``host`` (one name or several);
        ``groups`` (members, through parent groups too); ``roles``; ``where`` (a ``--filter``
        expression, ``flexorch.intent.select``). With no criterion, every host of the site
        (every host when no site is given). The site is ``site``, else the one site the
        selection lies in. Raises UnknownTargetError for an unknown site, host, group or role
        (with a did-you-mean) or an empty selection, BadInputError for a bad filter or a
        selection across sites without ``site``."""
        names = [h.name for h in self.select(site=site)]
        wanted = [host] if isinstance(host, str) else list(host or ())
        if wanted:
            for name in wanted:
                self.select(site=site, host=name)  # unknown host / other site: named
            names = [n for n in names if n in set(wanted)]
        if groups:
            names = [n for n in names if self._in_groups(n, self._known_groups(groups))]
        if roles:
            for role in roles:
                if role not in ("hub", "spoke", "client"):
                    raise UnknownTargetError(f"unknown role '{role}' (roles: hub, spoke, client)")
            names = [n for n in names if self.hosts[n].role in roles]
        if where:
            from flexorch.intent.select import parse_filter

            test = parse_filter(where)
            names = [n for n in names if test(self.hosts[n])]
        if not names:
            raise UnknownTargetError("no host matches the selection" + (
                f" in site {site}" if site else ""))
        sites = sorted({self.hosts[n].site for n in names})
        if site is None and len(sites) > 1:
            raise BadInputError(f"the selection spans sites {', '.join(sites)}: add --site SITE "
                                "(a run acts on one site)")
        return site or sites[0], names

    def _known_groups(self, groups: Sequence[str]) -> set[str]:
        known = set(self.raw.groups) if self.raw is not None else {
            g for h in self.hosts.values() for g in h.groups}
        for group in groups:
            if group not in known:
                close = difflib.get_close_matches(group, known, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                raise UnknownTargetError(f"unknown group '{group}'{hint}")
        return set(groups)

    def _in_groups(self, name: str, groups: set[str]) -> bool:
        """True when host ``name`` belongs to one of ``groups``, directly or through the
        parents of its groups (Nornir's ``has_parent_group``)."""
        seen: set[str] = set()
        todo = list(self.hosts[name].groups)
        while todo:
            group = todo.pop()
            if group in groups:
                return True
            if group in seen:
                continue
            seen.add(group)
            if self.raw is not None and group in self.raw.groups:
                todo.extend(self.raw.groups[group].parents)
        return False

    def hubs_of(self, name: str) -> list[HostIntent]:
        """The hub(s) a spoke or client names, in its order (empty for a hub)."""
        return [self.hosts[hub] for hub in self._get(name).hubs]

    def spokes_of(self, hub: str) -> list[HostIntent]:
        """Every spoke and client that names ``hub``, in inventory order."""
        self._get(hub)
        return [h for h in self.hosts.values() if hub in h.hubs]

    def spokes_by_hub(self) -> dict[str, list[HostIntent]]:
        """``spokes_of`` of every hub that has any, in one pass over the fleet (a scan per hub
        is a pass per hub: ten passes over 100,000 hosts on a site of ten hubs)."""
        out: dict[str, list[HostIntent]] = {}
        for host in self.hosts.values():
            for hub in dict.fromkeys(host.hubs):
                out.setdefault(hub, []).append(host)
        return out

    def work_weights(self, names: Sequence[str]) -> list[int]:
        """The relative cost of each named host's own work (its rendering, model, rules and
        plan), for ``flexorch.forked.forked_map`` to cut chunks of equal weight: 1 per
        router, and a hub one more per six of its spokes and clients (a hub's config grows by
        a keyring peer per spoke: measured, a hub of 10,000 spokes costs what 1,400 to 2,100
        spokes do, tests/bench/bench_plan.py)."""
        spokes = self.spokes_by_hub()
        return [1 + len(spokes.get(name, ())) // 6 for name in names]

    def resolve(self, ref: SecretRef, host: str,
                path: IntentPath | Callable[[], IntentPath]) -> str:
        """Resolve secret ``ref`` of ``host`` found at intent ``path`` (parts, e.g.
        ``("data", "psk")``, or a dotted string ``"data.credentials.password"``; or a function
        giving it, called only when needed), with the lab fallback when the inventory enables it
        and every router is on a loopback address.

        Raises SecretError naming the file and line, the host and the intent path; InventoryError
        for a pre-shared key under ``PSK_MIN_LENGTH`` characters, or a lab fallback needed while
        a router is not on loopback (``check_lab_fallback``)."""
        try:
            value = ref.resolve(lab_fallback=self.check_lab_fallback if self.lab_fallback
                                else False)
        except SecretError as exc:
            raise self.secret_error(host, _parts(path), exc.reason) from None
        if len(value) < PSK_MIN_LENGTH and is_psk_path(parts := _parts(path)):
            raise self.secret_error(
                host, parts,
                f"pre-shared key {ref.describe()} has {len(value)} characters: flexorch refuses "
                f"keys under {PSK_MIN_LENGTH} (one captured IKE exchange lets anyone try a short "
                "key offline, RFC 7296 section 2.15)", kind=InventoryError)
        return value

    def check_lab_fallback(self) -> None:
        """Allow the lab's computable secrets only when every router connects to a loopback
        address (the built-in lab); else raise InventoryError naming the first one that does
        not, at its ``hostname``. Checked once per fleet."""
        if "lab_fallback" in self._checked:
            return
        # each distinct hostname asked once, in host order up to the first refused (a name
        # may take a DNS lookup): a lab site's routers share 127.0.0.1, and parsing it per host
        # was 0.09 s at 10,000 spokes, 0.9 s at 100,000, in each process of lint's per-host
        # map (each resolves its first lab key there)
        shown: dict[str, bool] = {}
        for name, intent in self.hosts.items():
            loopback = shown.get(intent.hostname)
            if loopback is None:
                loopback = shown[intent.hostname] = is_loopback_host(intent.hostname)
            if not loopback:
                source = self.sources.get(name, {}).get("hostname")
                message = (
                    f"lab_fallback is on, but hostname {intent.hostname} is not a loopback "
                    "address: lab secrets can be computed by anyone from flexorch's source; set "
                    "every secret variable, or set secrets.lab_fallback: false")
                if source is None:
                    raise InventoryError(message, host=name, path="hostname")
                raise located_error(source, message, ["hostname"], host=name, path="hostname")
        self._checked["lab_fallback"] = True

    def secret_error(self, host: str, path: str | Sequence[str | int], reason: str, *,
                     kind: type[InventoryError] = SecretError) -> InventoryError:
        """A SecretError (or ``kind``) for the secret of ``host`` at ``path``, located at the
        file and line where its reference is written (for a derived secret: where the original
        is)."""
        if isinstance(path, str):
            path = tuple(path.split("."))
        shown = format_path(list(path))
        # a derived secret (hub keyring entry of a spoke) points at where it is written
        origin_host, origin = self.provenance.get((host, tuple(path)), (host, tuple(path)))
        if origin_host != host or origin != tuple(path):
            shown += f" (from host {origin_host} {format_path(list(origin))})"
        parts = list(origin)
        key = str(parts[1] if parts and parts[0] == "data" and len(parts) > 1 else parts[0])
        source = self.sources.get(origin_host, {}).get(key)
        if source is None:
            return kind(reason, host=host, path=shown)
        error = located_error(source, reason, parts, host=host, path=shown)
        return kind(error.reason, file=error.file, host=host, path=shown)

    def _get(self, name: str) -> HostIntent:
        if name not in self.hosts:
            raise UnknownTargetError(f"unknown host '{name}'")
        return self.hosts[name]


def load_fleet(inventory_dir: Path) -> Fleet:
    """Read, merge, validate and derive an inventory folder (hosts.yaml, groups.yaml,
    defaults.yaml). Raises InventoryError (exit 2) naming file:line, host and intent path.

    The cyclic garbage collector is off while loading and the loaded objects are then frozen
    (``gc.freeze``): they are acyclic and live as long as the command, and a 10,000-host fleet
    loads and renders markedly faster without the collector rescanning them. Objects are still
    freed by reference counting when the fleet is dropped."""
    # Loading builds hundreds of thousands of small acyclic objects; the cyclic garbage
    # collector would rescan them again and again (measured: ~40% of a 10,000-host load).
    collecting = gc.isenabled()
    gc.disable()
    try:
        raw = read_inventory(Path(inventory_dir))
        validator = HostValidator(raw)
        # On a big site, the spokes are derived here while a worker validates the rest: the
        # derivation (0.39 s of one process at 10,000 spokes, the worker idle) overlaps the
        # validation. Measured at 10,000 (with forked's cheaper pickling of models): this
        # process's CPU, the load's critical path, 1.13-1.24 -> 1.02-1.09 s; the worker's
        # 0.61-0.66 -> 0.80-0.85 s (it validates more of the hosts).
        early = EarlyDerive(validator.validated)
        hosts = _validate_all(validator, raw, early.add)
        _check_unique_addresses(hosts, raw)
        derived = derive(hosts, validator.origins, raw.hosts, early.done)
    finally:
        if collecting:
            gc.enable()
    # The fleet lives as long as the command; move it out of the collector's sight so that
    # rendering/linting thousands of hosts afterwards does not rescan it on every collection.
    gc.freeze()
    return Fleet(Path(inventory_dir), derived.hosts, raw.lab_fallback,
                 sources=validator.origins, provenance=derived.provenance, raw=raw)


def _validate_all(validator: HostValidator, raw: RawInventory,
                  each: Callable[[list[HostIntent | None]], None]) -> dict[str, HostIntent]:
    """Every host that could be read validated; the problems of all hosts and groups reported
    at once (``Problems``: a bad block in a group is one problem, not one per member).
    ``each``: ``HostValidator.validate_many``'s."""
    problems = raw.problems
    names = [name for name in raw.hosts if name not in problems.names]
    hosts: dict[str, HostIntent] = {}
    for name, host in zip(names, validator.validate_many(names, each), strict=True):
        with problems.recorded(name):
            hosts[name] = host if host is not None else validator.validate(name)
    problems.raise_any()
    return hosts


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
