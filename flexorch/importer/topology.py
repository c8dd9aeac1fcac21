"""Topology discovery: who is a hub, a spoke or a FlexVPN client, which hubs each spoke uses,
and which routers form one site (a FlexVPN domain).

Evidence, per router, from its canonical config:

- its addresses: every interface address, plus the outside address of a static NAT (``ip nat
  inside source static INSIDE OUTSIDE`` on any imported router) for the router owning INSIDE;
- what it dials: static tunnel destinations, FlexVPN client peers, the NBMA addresses of its
  NHRP servers and mappings (DMVPN);
- whom it knows: keyring peer addresses, and the identities of keyring peers and ``match
  identity remote`` lines matched against every router's ``identity local``.

A router dialing or knowing another is linked to it; a site is a connected component of
links. A hub is a router with a tunnel virtual template, or dialed by two or more routers, or
with the NHRP registrations of a DMVPN hub (``ip nhrp map multicast dynamic`` and no NHRP
server of its own). A site without such a router takes the router dialed by the most others
(then the one with the most links, then the first) as its hub, so every spoke has one. A
spoke's hubs are the hubs it dials, in the order it dials them, else the hubs it is linked to.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from flexorch.errors import BadInputError
from flexorch.importer.router import RouterRead
from flexorch.ios.config import Node

_ADDRESS = re.compile(r"^(?:ip address (\S+) \S+(?: secondary)?|ipv6 address ([0-9A-Fa-f:.]+)/)")
_STATIC_NAT = re.compile(r"^ip nat (?:inside|outside) source static (\S+) (\S+)(?:\s|$)")
_NHRP = re.compile(r"^ip nhrp (?:nhs \S+ nbma (\S+)|map (?!multicast)\S+ (\S+))")
_IDENTITY = re.compile(r"(?:identity local|identity|match identity remote) "
                       r"(?:address|fqdn|email|key-id) (\S+)")


@dataclass
class Placement:
    """Where a router goes: its site, role and (spokes, clients) hubs in order."""

    site: str
    role: str
    hubs: list[str] = field(default_factory=list)


@dataclass
class _Evidence:
    dials: list[str] = field(default_factory=list)  # router names, in dial order
    knows: set[str] = field(default_factory=set)
    dialed_by: set[str] = field(default_factory=set)
    hub_shape: bool = False  # virtual template, or DMVPN hub registrations


def _key(address: str) -> str:
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return address.lower()


def address_owners(reads: Sequence[RouterRead]) -> dict[str, tuple[str, str]]:
    """Address -> (router, interface) for every interface address of every router, and the
    outside address of a static NAT for the router and interface owning its inside one."""
    owners: dict[str, tuple[str, str]] = {}
    for read in reads:
        for node in read.router.tree.roots:
            if node.text.startswith("interface "):
                for child in node.children:
                    m = _ADDRESS.match(child.text)
                    if m:
                        owners.setdefault(_key(m.group(1) or m.group(2)),
                                          (read.router.name, node.text.split()[1]))
    for read in reads:  # static NAT: the outside address reaches the inside one's owner
        for node in read.router.tree.roots:
            m = _STATIC_NAT.match(node.text)
            if m and _key(m.group(1)) in owners:
                owners.setdefault(_key(m.group(2)), owners[_key(m.group(1))])
    return owners


def dialed_interfaces(reads: Sequence[RouterRead]) -> dict[str, set[str]]:
    """Router -> its interfaces whose addresses another router dials or names, or that its own
    tunnels are sourced from by address (``tunnel source 10.0.0.1``)."""
    owners = address_owners(reads)
    out: dict[str, set[str]] = {}
    for read in reads:
        name = read.router.name
        for address in [*_dialed(read), *_known(read)]:
            owner = owners.get(_key(address))
            if owner is not None and owner[0] != name:
                out.setdefault(owner[0], set()).add(owner[1])
        for tunnel in [*read.data.get("tunnels", {}).values(),
                       *read.data.get("virtual_templates", {}).values()]:
            owner = owners.get(_key(str(tunnel.get("source", ""))))
            if owner is not None and owner[0] == name:
                out.setdefault(name, set()).add(owner[1])
    return out


def _dialed(read: RouterRead) -> list[str]:
    """Addresses a router initiates to, in config order."""
    out = [str(t["destination"]) for t in read.data.get("tunnels", {}).values()
           if t.get("destination")]
    for client in read.data.get("ikev2_clients", {}).values():
        out += [str(p["address"]) for p in client.get("peers", []) if p.get("address")]
    for node in read.router.tree.roots:
        if node.text.startswith("interface Tunnel"):
            for child in node.children:
                m = _NHRP.match(child.text)
                if m:
                    out.append(m.group(1) or m.group(2))
    return out


def _known(read: RouterRead) -> Iterable[str]:
    """Addresses and identities a router's keyrings and profiles name."""
    for _, node in _walk(read.router.tree.roots, ("crypto ikev2 keyring", "crypto ikev2 profile")):
        m = re.match(r"^address (\S+)", node.text)
        if m:
            yield m.group(1).split("/")[0]
        m = _IDENTITY.match(node.text)
        if m and not node.text.startswith("identity local"):
            yield m.group(1)


def _walk(roots: Iterable[Node], prefixes: tuple[str, ...]) -> Iterable[tuple[str, Node]]:
    for root in roots:
        if root.text.startswith(prefixes):
            for _, node in root.walk():
                yield root.text, node


def _own_identities(reads: Sequence[RouterRead]) -> dict[str, str]:
    owners: dict[str, str] = {}
    for read in reads:
        for _, node in _walk(read.router.tree.roots, ("crypto ikev2 profile",)):
            m = re.match(r"^identity local (?:address|fqdn|email|key-id) (\S+)$", node.text)
            if m:
                owners.setdefault(m.group(1).lower(), read.router.name)
    return owners


def _hub_shape(read: RouterRead) -> bool:
    if read.data.get("virtual_templates"):
        return True
    for tunnel in read.data.get("tunnels", {}).values():
        extra = tunnel.get("extra_lines", [])
        if "ip nhrp map multicast dynamic" in extra and not any(
                line.startswith("ip nhrp nhs ") for line in extra):
            return True
    return False


def _evidence(reads: Sequence[RouterRead]) -> dict[str, _Evidence]:
    owners = {address: owner[0] for address, owner in address_owners(reads).items()}
    identities = _own_identities(reads)
    found = {r.router.name: _Evidence(hub_shape=_hub_shape(r)) for r in reads}
    for read in reads:
        name = read.router.name
        ev = found[name]
        for address in _dialed(read):
            peer = owners.get(_key(address))
            if peer is not None and peer != name and peer not in ev.dials:
                ev.dials.append(peer)
                found[peer].dialed_by.add(name)
        for value in _known(read):
            peer = owners.get(_key(value)) or identities.get(value.lower())
            if peer is not None and peer != name:
                ev.knows.add(peer)
    return found


def _links(ev: _Evidence) -> int:
    return len({*ev.dials, *ev.knows, *ev.dialed_by})


def _components(names: list[str], found: dict[str, _Evidence]) -> list[list[str]]:
    links: dict[str, set[str]] = {n: set() for n in names}
    for name, ev in found.items():
        for peer in {*ev.dials, *ev.knows}:
            links[name].add(peer)
            links[peer].add(name)
    seen: set[str] = set()
    out = []
    for name in names:
        if name in seen:
            continue
        comp, todo = [], [name]
        seen.add(name)
        while todo:
            current = todo.pop()
            comp.append(current)
            for peer in sorted(links[current] - seen):
                seen.add(peer)
                todo.append(peer)
        out.append(sorted(comp, key=names.index))
    return out


def place(reads: Sequence[RouterRead], site_name: str | None = None) -> dict[str, Placement]:
    """Site, role and hubs of every router (see the module docstring). ``site_name`` names the
    one site; BadInputError when the routers form several."""
    names = [r.router.name for r in reads]
    found = _evidence(reads)
    comps = _components(names, found)
    if site_name is not None and len(comps) > 1:
        listed = "; ".join(", ".join(c) for c in comps)
        raise BadInputError(f"--site-name names one site, but these configs form {len(comps)} "
                            f"(no tunnel, keyring or identity links them): {listed}")
    clients = {r.router.name for r in reads if r.data.get("ikev2_clients")}
    out: dict[str, Placement] = {}
    for comp in comps:
        hubs = [n for n in comp if n not in clients
                and (found[n].hub_shape or len(found[n].dialed_by) >= 2)]
        if not hubs:  # the most dialed, then the most linked, then the first
            hubs = [max(comp, key=lambda n: (len(found[n].dialed_by), _links(found[n]),
                                             -names.index(n)))]
        site = site_name or hubs[0]
        for name in comp:
            if name in hubs:
                out[name] = Placement(site, "hub")
                continue
            ev = found[name]
            mine = [h for h in ev.dials if h in hubs] or [
                h for h in hubs if h in ev.knows or name in found[h].knows] or hubs[:1]
            out[name] = Placement(site, "client" if name in clients else "spoke", mine)
    return out
