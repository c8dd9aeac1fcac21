"""Interfaces: physical/WAN (day-0), loopbacks, static tunnels (sVTI) and virtual templates (dVTI),
plus VRF definitions, static routes and local pools."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from flexorch.intent.raw import RawEntry
from flexorch.intent.strict import Flag, Int, Positive
from flexorch.intent.types import (
    Address,
    Destination,
    InterfaceName,
    IPv4,
    IPv4If,
    IPv4Net,
    IPv6If,
    IPv6Net,
    Model,
    Name,
    SourceRef,
    Text,
    Word,
)

# `tunnel mode` values (IOS keywords) and the transport / overlay IP version each implies.
TunnelMode = Literal[
    "gre ip",
    "gre ipv6",
    "ipsec ipv4",
    "ipsec ipv6",
    "ipsec ipv4 v6-overlay",
    "ipsec ipv6 v4-overlay",
    "gre multipoint",
]
TRANSPORT_V6_MODES = frozenset({"gre ipv6", "ipsec ipv6", "ipsec ipv6 v4-overlay"})


class Vrf(Model):
    """``vrf definition NAME`` with its address families; ``legacy``: IOS's older ``ip vrf NAME``
    (IPv4 only, no address families; its interfaces say ``ip vrf forwarding``), kept so that
    routers configured that way are described as they run."""

    description: Text | None = None
    rd: Annotated[str, Field(pattern=r"^[0-9]+(\.[0-9]+){0,3}:[0-9]+$")] | None = None
    legacy: Flag = False
    ipv4: Flag = True
    ipv6: Flag = False
    extra_lines: list[RawEntry] = Field(default_factory=list)

    @model_validator(mode="after")
    def _legacy_is_ipv4(self) -> Vrf:
        if self.legacy and self.ipv6:
            raise ValueError("a legacy VRF (ip vrf) is IPv4 only: use vrf definition for ipv6")
        return self


class InterfaceBase(Model):
    """What every interface kind shares: description, IVRF, addresses, MTU/MSS, shutdown."""

    description: Text | None = None
    vrf: Name | None = None
    ipv4: IPv4If | None = None
    ip_negotiated: Flag = (
        False  # `ip address negotiated` (FlexVPN client tunnel, address from pool)
    )
    ipv4_secondary: list[IPv4If] = Field(default_factory=list)
    ip_unnumbered: InterfaceName | None = None
    ipv6: list[IPv6If] = Field(default_factory=list)
    ipv6_unnumbered: InterfaceName | None = None
    ipv6_enable: Flag = False
    ip_mtu: Annotated[Int, Field(ge=68, le=9216)] | None = None
    tcp_adjust_mss: Annotated[Int, Field(ge=500, le=1460)] | None = None
    shutdown: Flag = False
    extra_lines: list[RawEntry] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_ipv4_source(self) -> InterfaceBase:
        if sum([self.ipv4 is not None, self.ip_unnumbered is not None, self.ip_negotiated]) > 1:
            raise ValueError("give one of ipv4, ip_unnumbered, ip_negotiated")
        if self.ipv6 and self.ipv6_unnumbered is not None:
            raise ValueError("give either ipv6 or ipv6_unnumbered, not both")
        if self.ipv4_secondary and self.ipv4 is None:
            raise ValueError("ipv4_secondary needs a primary ipv4 address")
        return self


class PhysicalInterface(InterfaceBase):
    """A day-0 interface (WAN/LAN/management) with its addresses.

    ``ip_dhcp``: ``ip address dhcp``, the address leased by the provider's DHCP server (Cisco
    IOS XE "IP Addressing: DHCP Configuration Guide", Configuring the DHCP Client; real: the
    CSR1000v WANs of tests/fixtures/real/gh-fabferri-vwan-csr164-svti). Peers cannot dial it:
    a spoke on DHCP dials its hubs, and the hubs recognise it by its IKE identity; a hub needs a
    fixed address (or ``nat.public_address``)."""

    ip_dhcp: Flag = False
    # ``ip address dhcp client-id IF`` / ``hostname NAME``: what the DHCP client sends (IP
    # Addressing: DHCP Configuration Guide; real: ``client-id GigabitEthernet1`` on the CSR1000v
    # 17.3 of tests/fixtures/real/gh-ipspace-netlab-dhcp-vrf-relay-csr173/srv.cfg, ``hostname
    # vrl-r1`` on the IOSv of gh-jclarkson-ansible-iosv-kron/r1.cfg)
    dhcp_client_id: InterfaceName | None = None
    dhcp_hostname: Word | None = None
    # IPv6 learned at run time: ``ipv6 address dhcp`` (the DHCPv6 client asks for an address)
    # and ``ipv6 address autoconfig [default]`` (SLAAC from the router advertisements;
    # ``default`` also installs a default route through the advertising router). Cisco "IPv6
    # Addressing and Basic Connectivity Configuration Guide" (IPv6 Stateless Address
    # Autoconfiguration) and "DHCP Configuration Guide" (IPv6 Access Services: DHCPv6 Client);
    # real: both on the DMVPN hub and spoke WANs of
    # tests/fixtures/real/gh-jakubkkk12-cml-troubleshoot-dmvpn04-ipv6-underlay (IOSv 15.9),
    # autoconfig alone on gh-sirmysterion-techpatix-zbf-6in4 (IOS 15.4), autoconfig default on
    # gh-jclarkson-ospf-autoconfig-default-route (IOS 15.2). As with ip_dhcp, peers cannot
    # dial such an address: a spoke dials its hubs and is known to them by its IKE identity.
    ipv6_dhcp: Flag = False
    ipv6_autoconfig: Flag = False
    ipv6_autoconfig_default: Flag = False
    nat: Literal["inside", "outside"] | None = None

    @model_validator(mode="after")
    def _dhcp_is_the_ipv4_source(self) -> PhysicalInterface:
        if self.ip_dhcp and (self.ipv4 is not None or self.ip_unnumbered is not None
                             or self.ip_negotiated):
            raise ValueError("give one of ipv4, ip_unnumbered, ip_negotiated, ip_dhcp")
        if not self.ip_dhcp and (self.dhcp_client_id is not None
                                 or self.dhcp_hostname is not None):
            raise ValueError("dhcp_client_id and dhcp_hostname need ip_dhcp: true")
        if self.ipv6_autoconfig_default and not self.ipv6_autoconfig:
            raise ValueError("ipv6_autoconfig_default needs ipv6_autoconfig: true")
        if (self.ipv6_dhcp or self.ipv6_autoconfig) and self.ipv6_unnumbered is not None:
            raise ValueError("give either ipv6_unnumbered or ipv6_dhcp/ipv6_autoconfig")
        return self

    def learns(self, version: int) -> bool:
        """Whether this interface's IP ``version`` address is learned at run time (DHCP,
        SLAAC) and none is configured: no peer can dial it."""
        if version == 4:
            return self.ip_dhcp
        # a link-local address is no address a peer dials (the IOS model's learns() alike)
        return (self.ipv6_dhcp or self.ipv6_autoconfig) and not any(
            not a.ip.is_link_local for a in self.ipv6)


class Loopback(InterfaceBase):
    """``interface LoopbackN``."""


class TunnelCommon(InterfaceBase):
    """Lines shared by static tunnels and virtual templates."""

    source: SourceRef | None = None
    mode: TunnelMode | None = None  # None = IOS default (gre ip), or `mode auto` on a template
    fvrf: Name | None = None  # `tunnel vrf`
    protection: Name | None = None  # `tunnel protection ipsec profile NAME`
    protection_ikev2_profile: Name | None = None  # `... ikev2-profile NAME`
    tunnel_key: Annotated[Int, Field(ge=0, le=4294967295)] | None = None
    cts_sgt_inline: Flag = False  # `cts sgt inline`: the separate inline-tagging feature


class Tunnel(TunnelCommon):
    """A static tunnel interface (sVTI / GRE over IPsec / FlexVPN client tunnel).

    ``destination`` is an address, ``dynamic`` (FlexVPN client) or an FQDN; ``peer`` names an
    inventory hub instead, and the destination is derived from that hub's WAN address.
    """

    destination: Destination | None = None
    peer: Name | None = None

    @model_validator(mode="after")
    def _one_destination(self) -> Tunnel:
        if self.destination is not None and self.peer is not None:
            raise ValueError("give either destination or peer (an inventory hub), not both")
        return self


class VirtualTemplate(TunnelCommon):
    """``interface Virtual-TemplateN type tunnel`` (FlexVPN responder template)."""

    type: Literal["tunnel"] = "tunnel"


class StaticRoute(Model):
    """``ip route`` / ``ipv6 route``. ``day0`` routes belong to the day-0 config (WAN default)."""

    prefix: IPv4Net | IPv6Net
    vrf: Name | None = None
    interface: InterfaceName | None = None
    next_hop: Address | None = None
    distance: Annotated[Int, Field(ge=1, le=255)] | None = None
    tag: Annotated[Int, Field(ge=1, le=4294967295)] | None = None
    name: Name | None = None
    day0: Flag = False

    @model_validator(mode="after")
    def _target(self) -> StaticRoute:
        if self.interface is None and self.next_hop is None:
            raise ValueError("a route needs an interface, a next_hop or both")
        if self.next_hop is not None and self.next_hop.version != self.prefix.version:
            raise ValueError("next_hop and prefix must be the same IP version")
        return self


class LocalPool(Model):
    """``ip local pool NAME START END`` (IPv4) for FlexVPN client address assignment."""

    start: IPv4
    end: IPv4

    @model_validator(mode="after")
    def _ordered(self) -> LocalPool:
        if int(self.end) < int(self.start):
            raise ValueError("pool end address is lower than its start address")
        return self


class AclEntry(Model):
    """One entry of a standard access list."""

    action: Literal["permit", "deny"] = "permit"
    network: IPv4Net | Literal["any"]
    seq: Positive | None = None


class AccessList(Model):
    """``ip access-list standard NAME``: permit/deny networks (for ``route set access-list``)."""

    entries: Annotated[list[AclEntry], Field(min_length=1)]


class ExtendedAclEntry(Model):
    """One ``permit|deny ip SOURCE DESTINATION`` entry of an extended access list."""

    action: Literal["permit", "deny"] = "permit"
    source: IPv4Net | Literal["any"]
    destination: IPv4Net | Literal["any"] = "any"
    seq: Positive | None = None


class ExtendedAccessList(Model):
    """``ip access-list extended NAME`` (for ``route set access-list``; protocol ``ip``)."""

    entries: Annotated[list[ExtendedAclEntry], Field(min_length=1)]


class Ipv6AclEntry(Model):
    """One ``permit|deny ipv6 SOURCE DESTINATION`` entry of an IPv6 access list."""

    action: Literal["permit", "deny"] = "permit"
    source: IPv6Net | Literal["any"]
    destination: IPv6Net | Literal["any"] = "any"
    # ``sequence N``: IOS shows it where the number is not the one it would give (the corpus:
    # gh-dchirkov-otus-hw14-ikev2-dmvpn/r28.cfg); unset renders none, as IOS numbers by 10.
    seq: Positive | None = None


class Ipv6AccessList(Model):
    """``ipv6 access-list NAME`` (for ``route set access-list ipv6``)."""

    entries: Annotated[list[Ipv6AclEntry], Field(min_length=1)]
