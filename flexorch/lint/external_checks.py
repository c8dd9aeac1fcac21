"""FV515: declared external peers that cannot stand for one router outside the inventory.

The prediction pipeline makes one negotiation endpoint per external peer name (the first host's
declaration, ``flexorch.predict.external_peers``) and resolves tunnel destinations by address;
so a name shared with an inventory host, one name declared two different ways, or an address an
inventory router holds would each make the prediction answer for the wrong router.
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING

from flexorch.lint.context import Raw

if TYPE_CHECKING:
    from flexorch.intent.external import ExternalPeer
    from flexorch.intent.fleet import Fleet
    from flexorch.intent.host import HostIntent

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _owned(fleet: Fleet) -> dict[IpAddress, str]:
    """Every interface address (and NAT public address) the intent gives an inventory host."""
    out: dict[IpAddress, str] = {}
    for host in fleet.hosts.values():
        for key in ("interfaces", "loopbacks", "tunnels", "virtual_templates"):
            for itf in getattr(host, key).values():
                for addr in [itf.ipv4, *itf.ipv4_secondary, *itf.ipv6]:
                    if addr is not None:
                        out.setdefault(addr.ip, host.name)
        if host.nat.public_address is not None:
            out.setdefault(host.nat.public_address, host.name)
    return out


def check_external_peers(fleet: Fleet, selected: list[HostIntent]) -> list[Raw]:
    """FV515 for the external peers the selected hosts declare."""
    declaring = [h for h in selected if h.external_peers]
    if not declaring:
        return []
    first: dict[str, tuple[str, ExternalPeer]] = {}
    for host in fleet.hosts.values():
        for name, peer in host.external_peers.items():
            first.setdefault(name, (host.name, peer))
    owned = _owned(fleet)
    out: list[Raw] = []
    for host in declaring:
        for name, peer in host.external_peers.items():
            parts = ("external_peers", name)
            if name in fleet.hosts:
                out.append(Raw("FV515", host.name, parts,
                               f"external peer {name} has the name of an inventory host: rename "
                               "it (the inventory host is the one predictions use)"))
                continue
            owner, theirs = first[name]
            if owner != host.name and theirs != peer:
                out.append(Raw("FV515", host.name, parts,
                               f"external peer {name} is declared differently by {owner}: one "
                               "name is one router; declare it once (in a group) or rename one",
                               owner))
            holder = owned.get(peer.address)
            if holder is not None:
                out.append(Raw("FV515", host.name, (*parts, "address"),
                               f"external peer {name} has address {peer.address}, which "
                               f"inventory host {holder} holds: point the tunnel at {holder} "
                               "instead (peer: HUB), or fix the address", holder))
    return out
