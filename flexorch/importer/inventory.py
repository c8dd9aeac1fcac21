"""The inventory as a person would write it: shared blocks in groups, per-host values per host.

Layout (Nornir SimpleInventory, merged per top-level key: host, then its groups, then
defaults):

- ``defaults.yaml``: ``platform``, ``data.secrets.lab_fallback`` and ``data.credentials`` when
  every router logs in the same way;
- a group ``site_<SITE>`` per site of two or more routers: ``site`` and every block all its
  members (hubs, and the spokes' group as one member) have with the same value;
- a group ``<SITE>_spokes`` (``<SITE>_clients``) per site with two or more spokes (clients),
  parent ``site_<SITE>``: ``role``, ``hubs`` and every block most of them share (a member with
  another value keeps its own, which wins over the group's);
- each host: its connection (``hostname``, ``port``), its group, and the rest of its data.

Values are compared as the intent models dump them, so two routers share a block exactly when
flexorch would render it the same for both.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from flexorch.intent.host import DATA_KEYS

Data = dict[str, Any]
_PLACEMENT = ("site", "role", "hubs")


@dataclass
class Inventory:
    """The three files' contents (plain data, secrets as references)."""

    hosts: dict[str, Data] = field(default_factory=dict)
    groups: dict[str, Data] = field(default_factory=dict)
    defaults: Data = field(default_factory=dict)


def _same(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def _shared(members: Sequence[Data], keys: Iterable[str], *, everyone: bool) -> Data:
    """Keys every member has, with the value the most members share (at least two; with
    ``everyone``, all of them)."""
    out: Data = {}
    for key in keys:
        if not all(key in m for m in members):
            continue
        counts = Counter(_same(m[key]) for m in members)
        value, count = counts.most_common(1)[0]
        if count >= 2 and (not everyone or count == len(members)):
            out[key] = next(m[key] for m in members if _same(m[key]) == value)
    return out


def _without(data: Data, shared: Data) -> Data:
    """``data`` less the keys it inherits unchanged from ``shared``."""
    return {k: v for k, v in data.items() if k not in shared or _same(v) != _same(shared[k])}


def _ordered(data: Data) -> Data:
    order = {k: i for i, k in enumerate((*_PLACEMENT, *DATA_KEYS))}
    return {k: data[k] for k in sorted(data, key=lambda k: order.get(k, len(order)))}


def build(hosts: dict[str, Data], connections: dict[str, Data], lab_fallback: bool
          ) -> Inventory:
    """Factor the hosts' data (``hosts``: name -> full data, placement included) into groups
    and defaults; ``connections``: name -> hostname, port (and platform, connection options);
    the most common platform goes to the defaults."""
    inv = Inventory()
    platforms = Counter(c.get("platform", "cisco_ios") for c in connections.values())
    platform = platforms.most_common(1)[0][0] if platforms else "cisco_ios"
    inv.defaults = {"platform": platform, "data": {"secrets": {"lab_fallback": lab_fallback}}}
    data = {name: dict(values) for name, values in hosts.items()}
    creds = _shared(list(data.values()), ["credentials"], everyone=True)
    if creds and len(data) > 1:
        inv.defaults["data"]["credentials"] = creds["credentials"]
        for values in data.values():
            values.pop("credentials")
    sites: dict[str, list[str]] = {}
    for name, values in data.items():
        sites.setdefault(values["site"], []).append(name)
    own: dict[str, Data] = {}
    parent: dict[str, str | None] = {}
    for site, names in sites.items():
        _factor_site(inv, site, {n: data[n] for n in names}, own, parent)
    for name in hosts:
        entry: Data = {k: v for k, v in connections[name].items()
                       if k != "platform" or v != platform}
        if parent[name] is not None:
            entry["groups"] = [parent[name]]
        entry["data"] = _ordered(own[name])
        inv.hosts[name] = entry
    return inv


def _factor_site(inv: Inventory, site: str, members: dict[str, Data], own: dict[str, Data],
                 parent: dict[str, str | None]) -> None:
    """Groups of one site: role groups of two or more members first, then the site group with
    what every unit (a hub, a lone spoke or client, a role group) has alike."""
    keys = [k for k in (*_PLACEMENT, *DATA_KEYS) if k != "site"]
    if len(members) == 1:
        for name, values in members.items():
            own[name], parent[name] = dict(values), None
        return
    site_group = f"site_{site}"
    units: dict[str, Data] = {}  # group name or host name -> its data before the site group
    for role in ("spoke", "client"):
        names = [n for n, d in members.items() if d["role"] == role]
        if len(names) < 2:
            continue
        group = f"{site}_{role}s"
        units[group] = _shared([members[n] for n in names], keys, everyone=False)
        for name in names:
            own[name], parent[name] = _without(members[name], units[group]), group
    for name, values in members.items():
        if name not in parent:
            units[name], parent[name] = values, site_group
    common = _shared(list(units.values()), keys, everyone=True)
    inv.groups[site_group] = {"data": _ordered({"site": site, **common})}
    for unit, values in units.items():
        if unit in members:
            own[unit] = _without(values, common)
        else:
            inv.groups[unit] = {"groups": [site_group], "data": _ordered(_without(values, common))}
    for name in members:
        own[name].pop("site", None)
