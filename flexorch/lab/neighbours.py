"""Who negotiates with whom in the lab, kept up to date router by router.

A router negotiates with the owners of the addresses it initiates to (tunnel destinations,
FlexVPN client peers, NHRP NBMA addresses, crypto map peers: ``initiation_targets``) and with
the routers that initiate to it. An address belongs to the router whose name sorts first among
those holding it (``AddressIndex``: an interface address, or the public address of a router
behind static NAT), and a router's own address names nobody.

Rebuilding that for the whole lab on every change made each spoke's show cost O(routers) while
a rollout changes routers one by one (49-51 s of lab CPU at 2,000 routers against 2.3 s at 200).
``NeighbourIndex.update`` takes the routers that changed and touches only their owned
addresses, their own targets, and the routers aiming at an address whose owner changed; the
answers are those of a full rebuild (``NeighbourIndex.rebuilt``, which tests compare with).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from flexorch.ios.model import IpAddress
from flexorch.ios.negotiate import AddressIndex, Endpoint, initiation_targets
from flexorch.ios.negotiate.types import parse_ip


@dataclass(frozen=True)
class _Facts:
    """What the index reads of one router: the addresses it holds and those it aims at."""

    owned: frozenset[IpAddress]
    targets: tuple[str, ...]  # as written in the config (``AddressIndex.owner`` parses them)
    aimed: frozenset[IpAddress]  # the targets that parse as addresses


def _facts(endpoint: Endpoint) -> _Facts:
    owned = set(endpoint.config.address_owners)
    public = parse_ip(endpoint.nat_public_address)
    if public is not None:
        owned.add(public)
    targets = tuple(initiation_targets(endpoint.config))
    aimed = frozenset(a for a in map(parse_ip, targets) if a is not None)
    return _Facts(frozenset(owned), targets, aimed)


class NeighbourIndex:
    """``outgoing[r]``: the routers ``r`` initiates to; ``incoming[r]``: those initiating to
    ``r``. ``endpoint(name)`` gives a router's current endpoint (its config, NAT address)."""

    def __init__(self, endpoint: Callable[[str], Endpoint]) -> None:
        self._endpoint = endpoint
        self._facts: dict[str, _Facts] = {}
        self._holders: dict[IpAddress, set[str]] = {}  # every router holding the address
        self._owners: dict[IpAddress, str] = {}  # the first of them by name
        self._index = AddressIndex(self._owners)  # reads the live dict
        self._aiming: dict[IpAddress, set[str]] = {}  # routers with the address as a target
        self.outgoing: dict[str, set[str]] = {}
        self.incoming: dict[str, set[str]] = {}

    @classmethod
    def rebuilt(cls, endpoints: Mapping[str, Endpoint]) -> tuple[dict[str, set[str]],
                                                                  dict[str, set[str]]]:
        """``(outgoing, incoming)`` computed from scratch (the reference ``update`` keeps)."""
        owners = AddressIndex.of(endpoints)
        outgoing: dict[str, set[str]] = {name: set() for name in endpoints}
        incoming: dict[str, set[str]] = {name: set() for name in endpoints}
        for name, endpoint in endpoints.items():
            for destination in initiation_targets(endpoint.config):
                owner = owners.owner(destination, exclude=name)
                if owner is not None:
                    outgoing[name].add(owner)
                    incoming[owner].add(name)
        return outgoing, incoming

    def update(self, names: Iterable[str]) -> None:
        """Take in the current state of the routers ``names`` (changed or new)."""
        changed = set(names)
        moved: set[IpAddress] = set()  # addresses whose holders changed
        for name in changed:
            old = self._facts.get(name)
            new = _facts(self._endpoint(name))
            self._facts[name] = new
            self.outgoing.setdefault(name, set())
            self.incoming.setdefault(name, set())
            old_owned = old.owned if old is not None else frozenset()
            for addr in old_owned - new.owned:
                self._holders[addr].discard(name)
            for addr in new.owned - old_owned:
                self._holders.setdefault(addr, set()).add(name)
            moved |= old_owned ^ new.owned
            old_aimed = old.aimed if old is not None else frozenset()
            for addr in old_aimed - new.aimed:
                self._aiming[addr].discard(name)
            for addr in new.aimed - old_aimed:
                self._aiming.setdefault(addr, set()).add(name)
        redo = set(changed)
        for addr in moved:
            holders = self._holders.get(addr)
            owner = min(holders) if holders else None
            if not holders:
                self._holders.pop(addr, None)
            if owner != self._owners.get(addr):
                if owner is None:
                    del self._owners[addr]
                else:
                    self._owners[addr] = owner
                redo |= self._aiming.get(addr, set())
        for name in redo:
            self._relink(name)

    def _relink(self, name: str) -> None:
        """Recompute ``name``'s outgoing edges and the incoming sets they touch."""
        now = {owner for target in self._facts[name].targets
               if (owner := self._index.owner(target, exclude=name)) is not None}
        before = self.outgoing[name]
        for gone in before - now:
            self.incoming[gone].discard(name)
        for added in now - before:
            self.incoming[added].add(name)
        self.outgoing[name] = now
