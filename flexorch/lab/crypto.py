"""Crypto show commands of lab routers, computed from flexorch's IKEv2 negotiation model.

On a ``show crypto ...`` the lab builds ``RouterConfig``s from running configs (cached per
config version), runs ``predict_sessions`` over the router and the routers it negotiates with
(cached until one of them changes; who negotiates with whom is ``lab.neighbours``, updated for
the routers whose config changed, as each router's state tells the model) and prints this
router's side of each established SA with the IOS-XE formatters of ``flexorch.lab.format``.
``peer-down`` faults remove the SAs between the two routers on both ends. A hub shows one SA
per spoke on Virtual-Access interfaces cloned from its virtual-template; ``show derived-config
interface Virtual-AccessN`` prints the clone.

The model knows the lab only through what it is given: the routers (``Member``: name, spec,
state, and the model itself) and a function naming the router pairs a fault has cut.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import time
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from flexorch.ios.model import Interface, RouterConfig
from flexorch.ios.model.blocks import IpsecProfile
from flexorch.ios.model.reader import evolve
from flexorch.ios.negotiate import Endpoint, Session, SideView, predict_sessions
from flexorch.lab import configmode, shows
from flexorch.lab import format as fmt
from flexorch.lab.faults import ALL_PEERS
from flexorch.lab.neighbours import NeighbourIndex
from flexorch.lab.settings import RouterSpec
from flexorch.lab.state import RouterState
from flexorch.parse.records import (
    ChildSa,
    CryptoSession,
    IkeSaSummary,
    Ikev2Session,
    IpsecFlow,
    SaRecord,
)

# IOS's IPsec SA lifetimes without configuration (Cisco IOS Security Command Reference, "crypto
# ipsec security-association lifetime": 3,600 seconds, 4,608,000 kilobytes; real captures show
# them: genie-show-crypto-session-detail counts down from 4608000 KB, the C8000V's show crypto
# ipsec profile of gh-arunkumaruniqpro-c8000v-lisp-svti lists the default lifetime).
IPSEC_LIFETIME_KB = 4608000
IPSEC_LIFETIME_SEC = 3600


@dataclass
class RouterView:
    """What one router sees of its tunnels (for ``show ip interface brief``)."""

    tunnel_up: dict[str, bool] = field(default_factory=dict)
    virtual_access: list[tuple[str, str]] = field(default_factory=list)
    leases: dict[str, str] = field(default_factory=dict)  # interface -> its DHCP address


class Member(Protocol):
    """A lab router as the crypto model reads it."""

    @property
    def name(self) -> str: ...
    @property
    def spec(self) -> RouterSpec: ...
    @property
    def state(self) -> RouterState: ...
    @property
    def crypto(self) -> CryptoModel: ...


class Leases:
    """The addresses the lab's interfaces learn at run time, as if a DHCP server (or the PPP
    peer, or IPv6 router advertisements) gave them: ``ip address dhcp|negotiated`` and ``ipv6
    address dhcp|autoconfig`` (the model's ``ipv4_dynamic`` / ``ipv6_dynamic``). A real router
    holding such a lease sources its tunnels from it and its peers see it: the Azure CSRs of
    tests/fixtures/real/gh-fabferri-vwan-csr164-svti source both IKEv2 sVTIs from a DHCP
    GigabitEthernet1 and show the sessions UP-ACTIVE with that address; the DMVPN spokes of
    gh-jakubkkk12-cml-dmvpn02-ikev2-dualhub source theirs from ``ip address dhcp`` ports.

    A lease is one address per router and interface, from RFC 6598's shared address space
    (100.64.0.0/10, what a carrier's DHCP often hands a customer router) or, for IPv6, from
    2001:db8:ffee::/48 (documentation), picked by a hash of the router's and interface's names
    (the next free one on a clash), kept for the life of the lab."""

    V4: ipaddress.IPv4Network = ipaddress.IPv4Network("100.64.0.0/10")
    V6: ipaddress.IPv6Network = ipaddress.IPv6Network("2001:db8:ffee::/48")

    def __init__(self) -> None:
        # router -> (interface, IP version) -> its address
        self._given: dict[str, dict[tuple[str, int],
                                    ipaddress.IPv4Address | ipaddress.IPv6Address]] = {}
        self._taken: set[ipaddress.IPv4Address | ipaddress.IPv6Address] = set()

    def lease(self, router: str, interface: str,
              family: int) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
        """The address ``router``'s ``interface`` holds over IPv``family``."""
        mine = self._given.setdefault(router, {})
        known = mine.get((interface, family))
        if known is not None:
            return known
        pool: ipaddress.IPv4Network | ipaddress.IPv6Network = self.V4 if family == 4 else self.V6
        size = pool.num_addresses - 2  # no network or broadcast address
        index = zlib.crc32(f"{router}/{interface}".encode()) % size
        while (given := pool[1 + index]) in self._taken:
            index = (index + 1) % size
        mine[(interface, family)] = given
        self._taken.add(given)
        return given

    def applied(self, router: str, config: RouterConfig) -> RouterConfig:
        """``config`` with each interface that learns an address holding its lease."""
        leased: dict[str, Interface] = {}
        for name, read in config.interfaces.items():
            intf = read
            if intf.learns(4):
                v4 = ipaddress.IPv4Interface((self.lease(router, name, 4), self.V4.prefixlen))
                intf = evolve(intf, ipv4=(v4,))
            if intf.learns(6):
                v6 = ipaddress.IPv6Interface((self.lease(router, name, 6), 64))
                intf = evolve(intf, ipv6=(*intf.ipv6, v6))
            if intf is not read:
                leased[name] = intf
        if not leased:
            return config
        return dataclasses.replace(config, interfaces={**config.interfaces, **leased})

    def of(self, router: str) -> dict[str, str]:
        """Interface -> the IPv4 address leased to ``router``'s interface."""
        return {interface: str(address) for (interface, family), address
                in self._given.get(router, {}).items() if family == 4}


class CryptoModel:
    """Per-lab cache of RouterConfigs and of each router's negotiated SAs.

    A router's SAs depend only on the routers it negotiates with (its neighbourhood: the owners
    of its tunnel destinations and client peers, and the routers whose tunnels point at it), so
    each router's view is negotiated over its neighbourhood and cached until one of those
    routers changes. A spoke's show costs one negotiation, not one per router of the lab, and
    nothing in a read walks every router: the model subscribes to each router's config changes
    (``RouterState.on_change``) when it first sees the router, and the neighbour index takes in
    only the routers that changed since the last read.

    ``routers``: every router of the lab by name (read live: the lab fills it after making the
    model; routers are added, never removed); ``peers_down``: the router pairs a ``peer-down``
    fault separates, when asked.
    """

    def __init__(self, routers: Mapping[str, Member],
                 peers_down: Callable[[], set[frozenset[str]]]) -> None:
        self.routers = routers
        self.peers_down = peers_down
        self._configs: dict[str, tuple[int, RouterConfig]] = {}
        self._index = NeighbourIndex(self._endpoint)
        self._dirty: set[str] = set()  # routers changed since the index last took them in
        self._views: dict[str, tuple[tuple[tuple[str, int], ...], list[SideView]]] = {}
        # per router: (peer, local SPI) of each SA -> when it was first seen
        self._since: dict[str, dict[tuple[str, str], float]] = {}
        self._leases = Leases()

    def changed(self, name: str) -> None:
        """Router ``name``'s config version changed (its state calls this)."""
        self._dirty.add(name)

    def config(self, router: Member) -> RouterConfig:
        """``router``'s running config as the model reads it (cached per config version)."""
        cached = self._configs.get(router.name)
        if cached is None or cached[0] != router.state.version:
            config = RouterConfig.from_tree(router.state.running)
            cached = (router.state.version, self._leases.applied(router.name, config))
            self._configs[router.name] = cached
        return cached[1]

    def leases(self, router: Member) -> dict[str, str]:
        """The IPv4 addresses ``router``'s interfaces hold by DHCP (or IPCP), by interface, as
        ``show ip interface brief`` prints them."""
        self.config(router)
        return self._leases.of(router.name)

    def _neighbours(self) -> NeighbourIndex:
        taken: list[str] = []
        if len(self._index.outgoing) != len(self.routers):  # routers the model has not seen
            for name in self.routers.keys() - self._index.outgoing.keys():
                self.routers[name].state.on_change = self.changed
                taken.append(name)
        while self._dirty:  # pop, not copy-and-clear: a change told meanwhile is not lost
            taken.append(self._dirty.pop())
        if taken:
            self._index.update(taken)
        return self._index

    def _endpoint(self, name: str) -> Endpoint:
        router = self.routers[name]
        # The release the router reports (inventory lab.ios_version) picks IOS's built-in
        # proposal when its config has no ``version`` line (``Endpoint.defaults``).
        return Endpoint(name=name, config=self.config(router), behind_nat=router.spec.behind_nat,
                        nat_public_address=router.spec.nat_address,
                        platform_version=router.spec.ios_version)

    def views(self, router: Member) -> list[SideView]:
        """``router``'s side of every established SA, by tunnel id."""
        index = self._neighbours()
        routers = self.routers
        names = {router.name} | index.outgoing[router.name] | index.incoming[router.name]
        key = tuple((name, routers[name].state.version) for name in sorted(names))
        cached = self._views.get(router.name)
        if cached is not None and cached[0] == key:
            return cached[1]
        endpoints = {name: self._endpoint(name) for name in sorted(names)}
        sessions = _without_downed_pairs(predict_sessions(endpoints), self.peers_down())
        # Every interface learning its address holds a lease (``Leases``): an SA without a
        # local address is one the model could not place, never shown.
        sessions = [s for s in sessions if all(v.local_address is not None for v in s.views)]
        views = sorted((v for s in sessions for v in s.views if v.router == router.name),
                       key=lambda v: v.tunnel_id)
        now = time.time()
        before = self._since.get(router.name, {})
        self._since[router.name] = {
            (v.peer, v.local_spi): before.get((v.peer, v.local_spi), now) for v in views}
        self._views[router.name] = (key, views)
        return views

    def active_time(self, view: SideView) -> int:
        started = self._since.get(view.router, {}).get((view.peer, view.local_spi), time.time())
        return int(time.time() - started)


def _without_downed_pairs(sessions: list[Session], down: set[frozenset[str]]) -> list[Session]:
    """Drop the SAs of every session between routers a ``peer-down`` fault separates."""
    if not down:
        return sessions
    out = []
    for session in sessions:
        ends = {session.initiator, session.responder or ""}
        cut = any(
            (pair <= ends) or (ALL_PEERS in pair and bool(pair & ends)) for pair in down
        )
        out.append(_replace_views(session) if cut else session)
    return out


def _replace_views(session: Session) -> Session:
    outcome = dataclasses.replace(session.outcome, views=())
    return dataclasses.replace(session, outcome=outcome)


def sa_records(router: Member) -> list[SaRecord]:
    """This router's IKEv2 SAs as parser records (what ``show crypto ikev2 sa`` prints)."""
    crypto = router.crypto
    views = crypto.views(router)
    return [
        SaRecord(
            # A real router always shows who initiated; where either end may, the lab's router
            # initiated exactly when the model walked it as initiator.
            **{**view.sa_fields(), "initiator": view.proposer},
            active_time=crypto.active_time(view),
            ce_id=0,
            session_id=view.tunnel_id,
            dynamic_route_update="disabled",
            peer_type="IOS-XE",
        )
        for view in views
    ]


def _clock(seconds: int) -> str:
    hours, rest = divmod(max(seconds, 0), 3600)
    return f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"


def ipsec_lifetimes(config: RouterConfig, profile: IpsecProfile | None) -> tuple[int, int]:
    """(kilobytes, seconds) of an IPsec SA: the IPsec profile's, the global ones (``crypto
    ipsec security-association lifetime``), IOS's (4,608,000 KB / 3,600 s). ``show crypto ipsec
    sa`` and ``show crypto session detail`` count the same SA down from them."""
    seconds = (profile.sa_lifetime_seconds if profile and profile.sa_lifetime_seconds
               else config.ipsec.sa_lifetime_seconds or IPSEC_LIFETIME_SEC)
    kilobytes = (profile.sa_lifetime_kilobytes if profile and profile.sa_lifetime_kilobytes
                 else config.ipsec.sa_lifetime_kilobytes or IPSEC_LIFETIME_KB)
    return kilobytes, seconds


def _crypto_sessions(router: Member) -> list[CryptoSession]:
    crypto = router.crypto
    config = crypto.config(router)
    out = []
    for view in crypto.views(router):
        active = crypto.active_time(view)
        kilobytes, lifetime = ipsec_lifetimes(config, config.ipsec_profile(view.ipsec_profile))
        caps = "".join(
            letter
            for letter, on in (("D", view.dpd_interval > 0), ("F", view.fragmentation != "none"),
                               ("N", view.nat_t != "not-detected"))
            if on
        )
        out.append(
            CryptoSession(
                interface=view.interface,
                profile=view.ikev2_profile,
                uptime=_clock(active),
                status="UP-ACTIVE",
                peer=view.remote_address,
                peer_port=view.remote_port,
                fvrf=view.fvrf,
                ivrf=view.ivrf,
                phase1_id=view.remote_id,
                ike_sas=(
                    IkeSaSummary(
                        version="IKEv2", session_id=view.tunnel_id,
                        local_address=view.local_address, local_port=view.local_port,
                        remote_address=view.remote_address, remote_port=view.remote_port,
                        state="Active", capabilities=caps or None, connid=view.tunnel_id,
                        lifetime=_clock(view.life_time - active),
                    ),
                ),
                flows=(
                    IpsecFlow(
                        flow=view.flow, active_sas=2, origin="crypto map",
                        inbound_packets=0, inbound_drops=0, inbound_life_kb=kilobytes,
                        inbound_life_sec=max(lifetime - active, 0),
                        outbound_packets=0, outbound_drops=0, outbound_life_kb=kilobytes,
                        outbound_life_sec=max(lifetime - active, 0),
                    ),
                ),
            )
        )
    return out


def _ikev2_sessions(records: list[SaRecord]) -> list[Ikev2Session]:
    """One ``Session-id:`` block per IKE SA, with the child SA between the two addresses (the
    lab's tunnels protect GRE/IPsec between the tunnel endpoints, so the selectors are those)."""
    sessions = []
    for number, record in enumerate(records, start=1):
        local, remote = record.local_address, record.remote_address
        child = ChildSa(
            local_selector=f"{local}/0 - {local}/65535",
            remote_selector=f"{remote}/0 - {remote}/65535",
            spi_in=f"0x{(record.local_spi or '0')[:8]}",
            spi_out=f"0x{(record.remote_spi or '0')[:8]}",
        )
        sessions.append(Ikev2Session(
            session_id=record.session_id or number, status="UP-ACTIVE", ike_count=1,
            child_count=1, ike_sas=(record,), child_sas=(child,),
        ))
    return sessions


def show(router: Member, action: str) -> str:
    """The text of one ``show crypto ...`` command for ``router``."""
    if action in ("show_crypto_session", "show_crypto_session_detail"):
        sessions = _crypto_sessions(router)
        if action.endswith("detail"):
            return fmt.format_crypto_session_detail(sessions)
        return fmt.format_crypto_session(sessions)
    records = sa_records(router)
    if action == "show_ikev2_sa_detailed":
        return fmt.format_ikev2_sa_detailed(records)
    if action == "show_ikev2_sa":
        return fmt.format_ikev2_sa(records)
    # ``show crypto ikev2 session detailed`` prints the same blocks: flexorch.parse has no
    # detailed form of the session formatter yet.
    return fmt.format_ikev2_session(_ikev2_sessions(records))


def router_view(router: Member) -> RouterView:
    """Tunnel line-protocol state and the Virtual-Access interfaces of ``router``."""
    out = RouterView(leases=router.crypto.leases(router))
    for view in router.crypto.views(router):
        if view.virtual_template is None:
            out.tunnel_up[view.interface] = True
        else:
            out.virtual_access.append((view.interface, _borrowed_address(router, view)))
    return out


def _borrowed_address(router: Member, view: SideView) -> str:
    blocks = shows.interfaces(router.state.running)
    template = blocks.get(view.virtual_template or "")
    if template is not None:
        unnumbered = template.child("ip unnumbered")
        donor = blocks.get(unnumbered.text.split()[-1]) if unnumbered else None
        address = donor.child("ip address") if donor else None
        if address is not None and len(address.text.split()) >= 3:
            return address.text.split()[2]
    return "unassigned"


def derived_config(router: Member, interface: str) -> str | None:
    """``show derived-config interface X``: a Virtual-Access clone, or a configured interface
    as it runs; None when the interface does not exist."""
    wanted = interface.replace(" ", "").lower()
    for view in router.crypto.views(router):
        if view.virtual_template is not None and view.interface.lower() == wanted:
            return _clone(router, view)
    try:
        text = configmode.show_running(router.state.running, interface=interface)
    except ValueError:
        return None
    return text.replace("Current configuration", "Derived configuration", 1)


def _clone(router: Member, view: SideView) -> str:
    assert view.virtual_template is not None
    template = configmode.show_running(router.state.running, interface=view.virtual_template)
    body = template.split("\n")
    start = next(i for i, line in enumerate(body) if line.startswith("interface "))
    lines = [f"interface {view.interface}"]
    for line in body[start + 1:]:
        if line in ("end", "") or line.startswith(" virtual-template"):
            continue
        lines.append(line)
        if line.startswith(" tunnel source"):
            lines.append(f" tunnel destination {view.remote_address}")
    lines.append(" no tunnel protection ipsec initiate")
    text = "!\n" + "\n".join(lines) + "\nend\n"
    return f"Building configuration...\n\nDerived configuration : {len(text)} bytes\n{text}"
