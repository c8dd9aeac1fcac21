"""Interfaces in the typed config view: address types, tunnel modes, interfaces and VRFs.

A part of ``flexorch.ios.model``: import these names from there (see its docstring).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Literal

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
IpInterface = ipaddress.IPv4Interface | ipaddress.IPv6Interface


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


def tunnel_mode_parse(words: list[str]) -> TunnelMode | None:
    """``gre ip`` / ``gre ipv6`` / ``ipsec ipv4 [v6-overlay]`` / ``ipsec ipv6 [v4-overlay]``."""
    if not words:
        return None
    if words[0] == "gre":
        if words[1:2] == ["multipoint"]:
            return TunnelMode("gre", 4, None, multipoint=True)
        return TunnelMode("gre", 6 if words[1:2] == ["ipv6"] else 4, None)
    if words[0] == "ipsec" and len(words) >= 2 and words[1] in ("ipv4", "ipv6"):
        transport = 4 if words[1] == "ipv4" else 6
        overlay = transport
        if len(words) >= 3 and words[2] in ("v4-overlay", "v6-overlay"):
            overlay = 4 if words[2] == "v4-overlay" else 6
        return TunnelMode("ipsec", transport, overlay)
    return None


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
    tunnel_key: str | None = None
    cts_sgt_inline: bool = False
    # NHRP (DMVPN, FlexVPN spoke-to-spoke), read by ``read_nhrp``: the NHS list as (protocol
    # address or "dynamic", NBMA address if given on the line), static unicast maps (protocol
    # address, NBMA), ``ip nhrp redirect``, ``ip nhrp shortcut [virtual-template N]``.
    nhrp_network_id: int | None = None
    nhrp_nhs: tuple[tuple[str, str | None], ...] = ()
    nhrp_maps: tuple[tuple[str, str], ...] = ()
    nhrp_redirect: bool = False
    nhrp_shortcut: bool = False
    nhrp_shortcut_virtual_template: int | None = None
    crypto_map: str | None = None  # ``crypto map NAME`` applied to the interface

    @property
    def kind(self) -> str:
        return self.name.rstrip("0123456789/.:")

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


@dataclass(frozen=True, slots=True)
class Vrf:
    name: str
    rd: str | None = None
    address_families: tuple[str, ...] = ()
