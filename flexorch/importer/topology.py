"""Topology discovery: who is a hub, a spoke or a FlexVPN client, which hubs each spoke uses,
and which routers form one site (a FlexVPN domain).

Evidence, per router, from its typed config (``RouterConfig``):

- its addresses, in the one address index (``AddressIndex``): every interface address, plus
  the outside address of a static NAT (``ip nat inside source static INSIDE OUTSIDE`` on any
  imported router) for the router owning INSIDE;
- what it dials: static tunnel destinations, the NBMA addresses of its NHRP servers and maps
  (DMVPN), FlexVPN client peers, crypto map peers;
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

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from flexorch.errors import BadInputError
from flexorch.importer.router import RouterRead
from flexorch.ios.model import RouterConfig
from flexorch.ios.negotiate import AddressIndex
from flexorch.ios.negotiate.attempts import nhrp_peers
from flexorch.ios.negotiate.types import parse_ip

# ``ip nat inside source static INSIDE OUTSIDE`` (the model does not read NAT rules).
_STATIC_NAT = re.compile(r"^ip nat (?:inside|outside) source static (\S+) (\S+)(?:\s|$)")


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


@dataclass
class Addresses:
    """Which router and interface own an address: the one address index
    (``flexorch.ios.negotiate.AddressIndex``, built by ``predict_files.address_index``) over the
    routers' typed configs, with the outside address of a static NAT on any imported router
    given to the router owning its inside address."""

    configs: dict[str, RouterConfig]
    index: AddressIndex
    nat_interface: dict[str, str]  # router -> interface holding its NAT'ed inside address

    @classmethod
    def of(cls, reads: Sequence[RouterRead]) -> Addresses:
        from flexorch.predict_files import address_index

        configs = {r.router.name: RouterConfig.from_tree(r.router.tree) for r in reads}
        plain = address_index(configs)
        public: dict[str, str] = {}
        inside: dict[str, str] = {}
        for read in reads:
            for node in read.router.tree.roots:
                m = _STATIC_NAT.match(node.text)
                owner = plain.owner(m.group(1)) if m else None
                ip = parse_ip(m.group(1)) if m else None
                if m and ip is not None and owner is not None and owner not in public:
                    public[owner] = m.group(2)
                    itf = configs[owner].address_owners.get(ip)
                    if itf is not None:
                        inside[owner] = itf.name
        return cls(configs, address_index(configs, public) if public else plain, inside)

    def owner(self, address: str) -> tuple[str, str] | None:
        """(router, interface) owning ``address``; None for nobody (or not an address)."""
        router = self.index.owner(address)
        if router is None:
            return None
        ip = parse_ip(address)
        itf = self.configs[router].address_owners.get(ip) if ip is not None else None
        name = itf.name if itf is not None else self.nat_interface.get(router)
        return (router, name) if name is not None else None


def _dialed(config: RouterConfig) -> Iterator[str]:
    """Addresses a router initiates to, in config order: tunnel destinations, the NBMA
    addresses of its NHRP servers and maps, FlexVPN client peers, crypto map peers."""
    for tunnel in config.tunnels:
        if tunnel.tunnel_destination not in (None, "dynamic"):
            yield str(tunnel.tunnel_destination)
        yield from nhrp_peers(tunnel)
    for client in config.flexvpn_clients.values():
        yield from (peer for _, peer in client.peers)
    for entries in config.crypto_maps.values():
        for entry in entries:
            yield from entry.peers


def _known(config: RouterConfig) -> Iterator[str]:
    """Addresses and identities a router's keyrings and profiles name (its peers)."""
    for keyring in config.keyrings.values():
        for peer in keyring.peers:
            if peer.address is not None and peer.address.num_addresses == 1:
                yield str(peer.address.network_address)
            yield from (i.value for i in peer.identities)
    for profile in config.profiles.values():
        yield from (i.value for i in profile.match_identities)


def _own_identities(configs: dict[str, RouterConfig]) -> dict[str, str]:
    by_identity: dict[str, str] = {}
    for name, config in configs.items():
        for profile in config.profiles.values():
            if profile.identity_local is not None and profile.identity_local.value:
                by_identity.setdefault(profile.identity_local.value.lower(), name)
    return by_identity


def dialed_interfaces(reads: Sequence[RouterRead], addresses: Addresses) -> dict[str, set[str]]:
    """Router -> its interfaces whose addresses another router dials or names, or that its own
    tunnels are sourced from by address (``tunnel source 10.0.0.1``)."""
    out: dict[str, set[str]] = {}
    for read in reads:
        name = read.router.name
        config = addresses.configs[name]
        for address in [*_dialed(config), *_known(config)]:
            owner = addresses.owner(address)
            if owner is not None and owner[0] != name:
                out.setdefault(owner[0], set()).add(owner[1])
        for tunnel in [*config.tunnels, *config.virtual_templates]:
            owner = addresses.owner(tunnel.tunnel_source or "")
            if owner is not None and owner[0] == name:
                out.setdefault(name, set()).add(owner[1])
    return out


def _hub_shape(read: RouterRead) -> bool:
    if read.data.get("virtual_templates"):
        return True
    for tunnel in read.data.get("tunnels", {}).values():
        extra = [line for line in tunnel.get("extra_lines", []) if isinstance(line, str)]
        if "ip nhrp map multicast dynamic" in extra and not any(
                line.startswith("ip nhrp nhs ") for line in extra):
            return True
    return False


def _evidence(reads: Sequence[RouterRead], addresses: Addresses) -> dict[str, _Evidence]:
    identities = _own_identities(addresses.configs)
    found = {r.router.name: _Evidence(hub_shape=_hub_shape(r)) for r in reads}
    for read in reads:
        name = read.router.name
        ev = found[name]
        config = addresses.configs[name]
        for address in _dialed(config):
            owner = addresses.owner(address)
            peer = owner[0] if owner is not None else None
            if peer is not None and peer != name and peer not in ev.dials:
                ev.dials.append(peer)
                found[peer].dialed_by.add(name)
        for value in _known(config):
            owner = addresses.owner(value)
            peer = owner[0] if owner is not None else identities.get(value.lower())
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


def place(reads: Sequence[RouterRead], addresses: Addresses,
          site_name: str | None = None) -> dict[str, Placement]:
    """Site, role and hubs of every router (see the module docstring). ``site_name`` names the
    one site; BadInputError when the routers form several."""
    names = [r.router.name for r in reads]
    found = _evidence(reads, addresses)
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
