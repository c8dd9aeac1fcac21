"""Which router owns an address: the one address index of a fleet, used to resolve tunnel
destinations, FlexVPN client peers and NHRP NBMA addresses to routers (and by the lab to find
the routers each router negotiates with). A part of ``flexorch.ios.negotiate``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flexorch.ios.model import IpAddress
from flexorch.ios.negotiate.types import Endpoint, owned_addresses, parse_ip


@dataclass(frozen=True)
class AddressIndex:
    """Every interface address of a set of routers, and the public address of a router behind
    static NAT, -> the router's name. An address held twice belongs to the router whose name
    sorts first (so the answer does not depend on the order routers are given in)."""

    owners: Mapping[IpAddress, str]

    @classmethod
    def of(cls, routers: Mapping[str, Endpoint]) -> AddressIndex:
        owners: dict[IpAddress, str] = {}
        for name in sorted(routers):
            endpoint = routers[name]
            for addr in owned_addresses(endpoint.config):
                owners.setdefault(addr, name)
            public = parse_ip(endpoint.nat_public_address)
            if public is not None:
                owners.setdefault(public, name)
        return cls(owners)

    def owner(self, address: str | IpAddress | None, *, exclude: str | None = None
              ) -> str | None:
        """The router owning ``address`` (text or address), None for nobody, a name, or the
        router ``exclude`` itself (a router does not negotiate with itself)."""
        addr = parse_ip(address) if isinstance(address, str) or address is None else address
        found = self.owners.get(addr) if addr is not None else None
        return found if found != exclude else None
