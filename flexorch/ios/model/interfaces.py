"""Interfaces in the typed config view: tunnel modes, NHRP, interfaces and VRFs.

A part of ``flexorch.ios.model``: import these names from there (see its docstring).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from typing import Final, Literal

from flexorch.ios.model.values import IpAddress, Secret


@dataclass(frozen=True, slots=True)
class TunnelMode:
    """``tunnel mode ...``: encapsulation, transport family and overlay family (None for GRE,
    which carries both)."""

    encapsulation: Literal["gre", "ipsec"]
    transport: int
    overlay: int | None
    multipoint: bool = False

    @property
    def mixed(self) -> bool:
        return self.overlay is not None and self.overlay != self.transport

    @property
    def text(self) -> str:
        if self.encapsulation == "gre":
            if self.multipoint:
                return "gre multipoint"
            return "gre ip" if self.transport == 4 else "gre ipv6"
        base = f"ipsec ipv{self.transport}"
        return base if not self.mixed else f"{base} v{self.overlay}-overlay"


DEFAULT_TUNNEL_MODE = TunnelMode("gre", 4, None)


# ``tunnel mode`` words (canonical) -> mode. ``gre multipoint`` carries IPv4 transport;
# ``gre multipoint ipv6`` IPv6 (DMVPN over IPv6). ``ipsec dual-overlay`` carries both overlays
# over one transport, which the model cannot name: it stays unknown (None).
_TUNNEL_MODES: dict[str, TunnelMode] = {
    "gre ip": TunnelMode("gre", 4, None),
    "gre ipv6": TunnelMode("gre", 6, None),
    "gre multipoint": TunnelMode("gre", 4, None, multipoint=True),
    "gre multipoint ipv6": TunnelMode("gre", 6, None, multipoint=True),
    "ipsec ipv4": TunnelMode("ipsec", 4, 4),
    "ipsec ipv4 v6-overlay": TunnelMode("ipsec", 4, 6),
    "ipsec ipv6": TunnelMode("ipsec", 6, 6),
    "ipsec ipv6 v4-overlay": TunnelMode("ipsec", 6, 4),
}


def tunnel_mode_parse(words: list[str]) -> TunnelMode | None:
    """``gre ip`` / ``gre ipv6`` / ``gre multipoint [ipv6]`` / ``ipsec ipv4 [v6-overlay]`` /
    ``ipsec ipv6 [v4-overlay]``; None for a mode the model does not know."""
    return _TUNNEL_MODES.get(" ".join(words))


@dataclass(frozen=True, slots=True)
class NhrpServer:
    """``ip nhrp nhs ADDRESS [nbma NBMA] [multicast] [priority N] [cluster N]``: a next-hop
    server, by its tunnel (protocol) address or ``dynamic`` (learnt from the NBMA address)."""

    address: str
    nbma: str | None = None  # the NHS's NBMA (underlay) address or FQDN
    multicast: bool = False
    priority: int | None = None
    cluster: int | None = None


@dataclass(frozen=True, slots=True)
class NhrpMapping:
    """``ip nhrp map ADDRESS NBMA``: a static tunnel-address -> NBMA-address mapping."""

    address: str
    nbma: str


@dataclass(frozen=True, slots=True)
class Nhrp:
    """NHRP on a multipoint GRE tunnel or a virtual template (one address family).

    What the negotiation model needs to find IKEv2 peers over mGRE: static NHS and mappings
    (spokes initiate to their NBMA addresses), ``map multicast`` (``dynamic`` on hubs), phase 3
    ``redirect`` (hub) / ``shortcut`` (spoke; ``shortcut virtual-template N`` in FlexVPN
    spoke-to-spoke clones a virtual-access per shortcut). Sources: Cisco IOS IP Addressing
    Services Command Reference (``ip nhrp``); FlexVPN configuration guide, "Spoke to Spoke";
    the corpus (gh-jclarkson-ikev2-dmvpn-ivrf, gh-fuatanshori-dmvpn-dualhub-ikev2, ...).
    """

    network_id: int | None = None  # NHRP runs on the interface only with a network id
    authentication: Secret | None = field(default=None, repr=False)
    holdtime: int | None = None
    servers: tuple[NhrpServer, ...] = ()
    mappings: tuple[NhrpMapping, ...] = ()
    multicast: tuple[str, ...] = ()  # ``dynamic`` and/or NBMA addresses
    redirect: bool = False
    shortcut: bool = False
    shortcut_virtual_template: int | None = None
    registration_no_unique: bool = False
    registration_timeout: int | None = None

    @property
    def enabled(self) -> bool:
        """NHRP is on when the interface has a network id."""
        return self.network_id is not None

    def nbma_of(self, address: str) -> str | None:
        """The NBMA address a tunnel address maps to (NHS entries, then static maps)."""
        for server in self.servers:
            if server.address == address and server.nbma is not None:
                return server.nbma
        return next((m.nbma for m in self.mappings if m.address == address), None)

    @property
    def static_peers(self) -> tuple[str, ...]:
        """NBMA addresses this router registers or maps to statically, in config order: the
        peers a spoke initiates IKEv2 to without waiting for a resolution."""
        out: list[str] = []
        for nbma in (*(s.nbma for s in self.servers), *(m.nbma for m in self.mappings)):
            if nbma is not None and nbma not in out:
                out.append(nbma)
        return tuple(out)


NHRP_OFF: Final = Nhrp()  # an interface without NHRP (the default of every interface)


@dataclass(frozen=True, slots=True)
class Interface:
    """One interface, with the tunnel and FlexVPN attributes the model uses."""

    name: str
    template_type: str | None = None  # "tunnel" for ``interface Virtual-TemplateN type tunnel``
    description: str | None = None
    shutdown: bool = False
    vrf: str | None = None  # ``vrf forwarding`` (the IVRF of a tunnel)
    ipv4: tuple[ipaddress.IPv4Interface, ...] = ()
    ipv4_dynamic: str | None = None  # ``ip address dhcp|negotiated``
    ipv6: tuple[ipaddress.IPv6Interface, ...] = ()
    ipv6_dynamic: str | None = None  # ``ipv6 address autoconfig|dhcp``: learned at run time
    unnumbered: str | None = None
    ipv6_unnumbered: str | None = None
    ipv6_enable: bool = False
    mtu: int | None = None
    tunnel_source: str | None = None  # canonical interface name or an address
    tunnel_destination: str | None = None  # address, hostname or "dynamic"
    tunnel_mode: TunnelMode | None = None  # None: the hidden default ``gre ip``
    tunnel_mode_text: str | None = None  # the words as written (for unknown modes)
    tunnel_vrf: str | None = None  # the FVRF
    tunnel_protection: str | None = None  # IPsec profile name
    tunnel_protection_ikev2_profile: str | None = None
    tunnel_protection_shared: bool = False  # ``... shared``: one SA database for several mGRE
    tunnel_key: str | None = None
    cts_sgt_inline: bool = False
    nat: str | None = None  # ``ip nat inside|outside``
    crypto_map: str | None = None  # ``crypto map NAME`` (IKEv1/IKEv2 crypto maps)
    ipv6_crypto_map: str | None = None  # ``ipv6 crypto map NAME`` (an IPv6 crypto map)
    # One shared value when NHRP is off (frozen): a spoke's interfaces carry no copy of it.
    nhrp: Nhrp = NHRP_OFF  # ``ip nhrp ...``
    nhrp6: Nhrp = NHRP_OFF  # ``ipv6 nhrp ...``
    ipv4_secondary: tuple[ipaddress.IPv4Interface, ...] = ()  # the ``secondary`` ones of ipv4

    @property
    def kind(self) -> str:
        return self.name.rstrip("0123456789/.:")

    # The IPv4 NHRP facts in the flat shape the negotiation model reads (from ``nhrp``).
    @property
    def nhrp_network_id(self) -> int | None:
        return self.nhrp.network_id

    @property
    def nhrp_nhs(self) -> tuple[tuple[str, str | None], ...]:
        """(NHS tunnel address or ``dynamic``, its NBMA address if the line gives one)."""
        return tuple((s.address, s.nbma) for s in self.nhrp.servers)

    @property
    def nhrp_maps(self) -> tuple[tuple[str, str], ...]:
        """(tunnel address, NBMA address) of every static ``ip nhrp map``."""
        return tuple((m.address, m.nbma) for m in self.nhrp.mappings)

    @property
    def nhrp_redirect(self) -> bool:
        return self.nhrp.redirect

    @property
    def nhrp_shortcut(self) -> bool:
        return self.nhrp.shortcut

    @property
    def nhrp_shortcut_virtual_template(self) -> int | None:
        return self.nhrp.shortcut_virtual_template

    @property
    def is_tunnel(self) -> bool:
        return self.kind == "Tunnel"

    @property
    def is_virtual_template(self) -> bool:
        return self.kind == "Virtual-Template"

    @property
    def mode(self) -> TunnelMode:
        """The effective tunnel mode (IOS default ``gre ip`` when none is configured)."""
        return self.tunnel_mode or DEFAULT_TUNNEL_MODE

    def addresses(self, family: int | None = None) -> list[IpAddress]:
        """Configured addresses, primary IPv4 first, of one family or both."""
        out: list[IpAddress] = []
        if family in (None, 4):
            out += [i.ip for i in self.ipv4]
        if family in (None, 6):
            out += [i.ip for i in self.ipv6 if not i.ip.is_link_local]
        return out

    def learns(self, family: int) -> bool:
        """Whether the interface learns its address of IP ``family`` at run time (``ip address
        dhcp|negotiated``, ``ipv6 address autoconfig|dhcp``) and has none configured."""
        if self.addresses(family):
            return False
        return bool(self.ipv4_dynamic if family == 4 else self.ipv6_dynamic)


@dataclass(frozen=True, slots=True)
class Vrf:
    """``vrf definition NAME`` (multi-protocol) or ``ip vrf NAME`` (``legacy``, IPv4 only; its
    interfaces say ``ip vrf forwarding``). Both name the same kind of table."""

    name: str
    rd: str | None = None
    address_families: tuple[str, ...] = ()  # "ipv4", "ipv6" (``address-family ... [unicast]``)
    legacy: bool = False
    description: str | None = None
    route_targets: tuple[tuple[str, str], ...] = ()  # (import|export|both, RT), any family
