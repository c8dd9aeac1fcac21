"""Reader rows of interfaces (addresses, VRF, tunnel, NHRP) and of VRF definitions.

A part of ``flexorch.ios.model`` (see ``reader`` for how rows are applied). Values come from the
named slots of the grammar rows in ``flexorch.ios.cli.commands`` (``interface``, ``nhrp``,
``vrf``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

from flexorch.ios.cli.slots import Slots
from flexorch.ios.config import Node
from flexorch.ios.model.interfaces import (
    Interface,
    Nhrp,
    NhrpMapping,
    NhrpServer,
    Vrf,
    tunnel_mode_parse,
)
from flexorch.ios.model.reader import (
    Line,
    NotRead,
    Reading,
    Row,
    Rows,
    Unread,
    evolve,
    need,
    need_number,
)
from flexorch.ios.model.values import Secret, ipv4_interface, ipv6_interface


def _ipv4(intf: Interface, line: Line) -> Interface:
    """``ip address A M [secondary]`` / ``ip address dhcp|negotiated``. ``ipv4`` holds the
    primary address first: IOS prints the ``secondary`` lines before the primary one (real:
    R13 Ethernet0/2 in tests/fixtures/real/gh-skydevil-lab14-gre-dmvpn), and a tunnel sourced
    from the interface uses the primary."""
    s = line.slots
    dynamic = s.one("dynamic")
    if dynamic is not None:
        return evolve(intf, ipv4_dynamic=dynamic, ipv4=(), ipv4_secondary=(), unnumbered=None)
    try:
        addr = ipv4_interface(need(s, 'address'), need(s, 'mask'))
    except ValueError as exc:
        raise NotRead(line.text) from exc
    if "secondary" in s:
        return evolve(intf, ipv4=(*intf.ipv4, addr),
                      ipv4_secondary=(*intf.ipv4_secondary, addr))
    return evolve(intf, ipv4=(addr, *intf.ipv4_secondary), ipv4_dynamic=None, unnumbered=None)


def _ipv6(intf: Interface, line: Line) -> Interface:
    """``ipv6 address P/len [eui-64|anycast]``; ``autoconfig`` / ``dhcp`` say the address is
    learned at run time (``ipv6_dynamic``); a link-local address is read, not kept."""
    dynamic = line.slots.one("dynamic")
    if dynamic is not None:
        return evolve(intf, ipv6_dynamic=dynamic)
    prefix = line.slots.one("prefix")
    if prefix is None:
        return intf
    return evolve(intf, ipv6=(*intf.ipv6, ipv6_interface(prefix)))


def _vrf(intf: Interface, line: Line) -> Interface:
    """``vrf forwarding X`` / ``ip vrf forwarding X``: IOS removes the interface's IP addresses
    when it enters a VRF ("% Interface ... IPv4 disabled and address(es) removed due to enabling
    VRF"), which matters for lines pushed by AAA onto a cloned virtual-access interface."""
    return evolve(intf, vrf=need(line.slots, "vrf"), ipv4=(), ipv4_secondary=(), ipv6=(),
                  ipv4_dynamic=None, ipv6_dynamic=None)


def _tunnel_mode(intf: Interface, line: Line) -> Interface:
    text = need(line.slots, "mode")
    return evolve(intf, tunnel_mode=tunnel_mode_parse(text.split()), tunnel_mode_text=text)


def _tunnel_protection(intf: Interface, line: Line) -> Interface:
    return evolve(intf, tunnel_protection=need(line.slots, "profile"),
                  tunnel_protection_shared="shared" in line.slots,
                  tunnel_protection_ikev2_profile=line.slots.one("ikev2-profile"))


def _tunnel_vrf(intf: Interface, line: Line) -> Interface:
    """``tunnel vrf X``; an egress-only or ingress-only VRF (one per direction) or VRF
    multiplexing is not modelled: the line is reported unread."""
    if "direction" in line.slots:
        raise NotRead(line.text)
    return evolve(intf, tunnel_vrf=need(line.slots, "vrf"))


def _tunnel_source(intf: Interface, line: Line) -> Interface:
    return evolve(intf, tunnel_source=need(line.slots, "source"))


# --- NHRP (one table for ``ip nhrp`` and ``ipv6 nhrp``; the row picks the family) --------------

NhrpUpdate = Callable[[Nhrp, Slots], Nhrp]


def _nhs(nhrp: Nhrp, s: Slots) -> Nhrp:
    server = NhrpServer(need(s, "address"), s.one("nbma"), "multicast" in s,
                        s.number("priority"), s.number("cluster"))
    return evolve(nhrp, servers=(*nhrp.servers, server))


def _registration(nhrp: Nhrp, s: Slots) -> Nhrp:
    if "no-unique" in s:
        return evolve(nhrp, registration_no_unique=True)
    timeout = s.number("timeout")
    return nhrp if timeout is None else evolve(nhrp, registration_timeout=timeout)


_NHRP: Final[dict[str, NhrpUpdate]] = {
    "authentication": lambda n, s: evolve(n, authentication=Secret.of(None, s.one("key"))),
    "network-id": lambda n, s: evolve(n, network_id=need_number(s, "id")),
    "holdtime": lambda n, s: evolve(n, holdtime=need_number(s, "seconds")),
    "map": lambda n, s: evolve(
        n, mappings=(*n.mappings, NhrpMapping(need(s, "address"), need(s, "nbma")))),
    "map multicast": lambda n, s: evolve(n, multicast=(*n.multicast, need(s, "nbma"))),
    "nhs": _nhs,
    "registration": _registration,
    "redirect": lambda n, s: evolve(n, redirect=True),
    "shortcut": lambda n, s: evolve(n, shortcut=True,
                                    shortcut_virtual_template=s.number("template")),
}


def _nhrp_row(update: NhrpUpdate, family: int) -> Row[Interface]:
    if family == 4:
        return lambda intf, line: evolve(intf, nhrp=update(intf.nhrp, line.slots))
    return lambda intf, line: evolve(intf, nhrp6=update(intf.nhrp6, line.slots))


_NHRP_ROWS: Final[dict[str, Row[Interface]]] = {
    f"{prefix} nhrp {key}": _nhrp_row(update, family)
    for prefix, family in (("ip", 4), ("ipv6", 6))
    for key, update in _NHRP.items()
}

def _no_shortcut(family: int) -> Row[Interface]:
    def update(nhrp: Nhrp, _: Slots) -> Nhrp:
        return evolve(nhrp, shortcut=False, shortcut_virtual_template=None)
    return _nhrp_row(update, family)


# Lines of interfaces the model leaves alone, and why: none changes which IKEv2/IPsec SAs come
# up, with which suite, in which VRF, over which addresses.
_IGNORED: Final[dict[str, str]] = {
    **dict.fromkeys(("duplex", "speed", "media-type", "negotiation", "encapsulation", "mtu",
                     "bandwidth", "load-interval", "keepalive", "carrier-delay", "delay",
                     "hold-queue", "mop", "cdp", "lldp", "ntp", "logging", "snmp", "arp",
                     "platform", "no-autostate", "autostate", "switchport", "spanning-tree",
                     "cts manual", "cts role-based", "mac-address", "fair-queue", "tx-ring-limit",
                     "priority-group", "storm-control", "channel-group", "bridge-group",
                     "service instance", "xconnect", "vlan-id", "no-shutdown", "macsec", "mka",
                     "source template", "ppp", "peer default", "dialer", "dialer-group", "pppoe",
                     "pppoe-client", "async mode", "pulse-time",
                     "vpdn-group", "virtual-template", "ip header-compression", "ip rtp",
                     "crypto engine", "clock rate", "serial restart-delay", "service-module",
                     "dsl", "atm", "pvc", "medium", "bundle-enable",
                     # IOS 12.4 (gh-mpenning-ciscoconfparse-ios124-edge): the fixed-duplex
                     # commands of FastEthernet modules and the CBWFQ reservable share
                     "full-duplex", "half-duplex", "max-reserved-bandwidth",
                     # Frame Relay encapsulation settings of a serial port or subinterface
                     "frame-relay",
                     "station-role", "ssid", "channel", "antenna", "power", "encryption",
                     "no-broadcast", "lacp",
                     # the ISDN signalling of a (voice) BRI port (an ISR4351 on 17.9,
                     # tests/fixtures/real/gh-genielibs-isr4351-179-voice)
                     "isdn"),
                    "physical and link-layer settings"),
    **dict.fromkeys(("dot1x", "authentication", "access-session", "mab", "device-tracking",
                     "ip admission", "ip auth-proxy", "ipv6 authentication"),
                    "port access control of hosts on the interface"),
    **dict.fromkeys(("ip ospf", "ipv6 ospf", "ospfv3", "ip hello-interval", "ip hold-time",
                     "ip split-horizon", "ip next-hop-self", "ip summary-address",
                     "ipv6 hello-interval", "ipv6 hold-time", "ipv6 split-horizon",
                     "ipv6 next-hop-self", "ipv6 summary-address", "ip bandwidth-percent",
                     "ip pim", "ipv6 pim", "ip igmp", "ip rip", "ipv6 rip", "ip router",
                     "ipv6 router", "isis", "mpls", "bfd", "ip multicast", "ipv6 multicast",
                     "ip authentication", "ipv6 eigrp", "ip mroute-cache", "ipv6 mld",
                     "ip vrf receive", "ip vrf sitemap"),
                    "routing protocols: routes over the tunnels, not the tunnels"),
    **dict.fromkeys(("ip redirects", "ip unreachables", "ip proxy-arp", "ip virtual-reassembly",
                     "ip tcp adjust-mss", "ipv6 tcp adjust-mss", "ip policy", "ipv6 policy",
                     "ip access-group", "ipv6 traffic-filter", "service-policy",
                     "ip helper-address", "ipv6 nd", "ipv6 dhcp", "ip dhcp", "ip route-cache",
                     "ip flow", "ip nbar", "ipv6 mtu", "ip directed-broadcast", "ip verify",
                     "ip nat enable", "ip mask-reply", "ipv6 redirects", "ipv6 unreachables",
                     "standby", "vrrp", "glbp", "zone-member", "ip sla", "ip accounting",
                     "ip local-proxy-arp", "ip information-reply", "ipv6 verify",
                     "crypto ipsec df-bit", "qos pre-classify", "ip virtual-reassembly-out",
                     "ipv6 virtual-reassembly", "ip inspect", "ip ips", "ip wccp",
                     "ip load-sharing", "ipv6 flow", "datalink flow", "ip security",
                     "ip source-route",
                     "ip ddns", "ipv6 nat", "nat64", "crypto ipsec client ezvpn", "umbrella"),
                    "forwarding, filtering and first-hop services of the interface"),
    **dict.fromkeys(("tunnel path-mtu-discovery", "tunnel ttl", "tunnel route-via",
                     "tunnel bandwidth", "tunnel tos", "tunnel checksum", "tunnel sequence",
                     "tunnel udlr", "tunnel 6rd", "tunnel sequence-datagrams",
                     "tunnel endpoint", "tunnel entropy", "tunnel fixup", "tunnel flow"),
                    "tunnel transport tuning: the same SAs come up"),
    # MPLS TE head-end tunnels and TE/RSVP link settings (IOSv 15.9,
    # tests/fixtures/real/gh-jakubkkk12-cml-mpls-te-iosv): label-switched paths, no IPsec.
    **dict.fromkeys(("tunnel mpls", "routing dynamic", "ip rsvp"),
                    "MPLS traffic engineering: label-switched paths, not IPsec tunnels"),
    **dict.fromkeys((*(f"{f} nhrp {k}" for f in ("ip", "ipv6") for k in (
        "group", "interest", "max-send", "record", "cache", "trigger-svc", "use",
        "path-preference", "connect", "event-publisher", "attribute", "server-only",
        "responder", "nhs fallback", "nhs cluster", "map group")),
        # IOS XE's per-tunnel QoS group without ``ip`` (DMVPN Configuration Guide, IOS XE)
        "nhrp group", "nhrp map group"),
                    "NHRP tuning: which peers register and resolve does not change"),
    "if-state nhrp": "the tunnel's line state follows its NHSes; the same SAs come up",
    # PfRv3 and AVC on a WAN tunnel (Performance Routing Version 3 Configuration Guide, "domain
    # path"; AVC Configuration Guide, "performance monitor context").
    "domain": "the PfRv3 path name of the interface: which path traffic takes, not the SAs",
    "performance monitor": "application performance monitoring of the interface's traffic",
}

INTERFACE: Final[Rows[Interface]] = Rows(
    read={
        "description": lambda i, line: evolve(i, description=line.slots.one("text")),
        "shutdown": lambda i, line: evolve(i, shutdown=True),
        "vrf forwarding": _vrf,
        "ip vrf forwarding": _vrf,
        "ip address": _ipv4,
        "ip unnumbered": lambda i, line: evolve(
            i, unnumbered=need(line.slots, "interface"), ipv4=(), ipv4_secondary=(),
            ipv4_dynamic=None),
        "ipv6 address": _ipv6,
        "ipv6 unnumbered": lambda i, line: evolve(
            i, ipv6_unnumbered=need(line.slots, "interface")),
        "ipv6 enable": lambda i, line: evolve(i, ipv6_enable=True),
        "ip mtu": lambda i, line: evolve(i, mtu=line.slots.number("mtu")),
        "ip nat": lambda i, line: evolve(i, nat=line.slots.one("side")),
        "cts sgt inline": lambda i, line: evolve(i, cts_sgt_inline=True),
        "crypto map": lambda i, line: evolve(i, crypto_map=need(line.slots, "map")),
        "ipv6 crypto map": lambda i, line: evolve(i, ipv6_crypto_map=need(line.slots, "map")),
        "tunnel source": _tunnel_source,
        "tunnel destination": lambda i, line: evolve(
            i, tunnel_destination=need(line.slots, "destination")),
        "tunnel mode": _tunnel_mode,
        "tunnel vrf": _tunnel_vrf,
        "tunnel protection ipsec profile": _tunnel_protection,
        "tunnel key": lambda i, line: evolve(i, tunnel_key=need(line.slots, "key")),
        **_NHRP_ROWS,
    },
    negated={
        "no ip address": lambda i, line: evolve(i, ipv4=(), ipv4_secondary=(), ipv4_dynamic=None,
                                                unnumbered=None),
        "no shutdown": lambda i, line: evolve(i, shutdown=False),
        "no ipv6 address": lambda i, line: evolve(i, ipv6=(), ipv6_dynamic=None),
        # The spoke's shortcut switched off where the train has it on by default: IOSv 15.9
        # shows ``no ip nhrp shortcut`` (tests/fixtures/real/gh-jakubkkk12-cml-troubleshoot-
        # dmvpn04-ipv6-underlay br4.cfg).
        **{f"no {prefix} nhrp shortcut": _no_shortcut(family)
           for prefix, family in (("ip", 4), ("ipv6", 6))},
    },
    ignored=_IGNORED,
)


def interface_of(line: Line) -> Interface:
    """An ``interface NAME [type tunnel]`` block."""
    start = Interface(need(line.slots, "name"), template_type=line.slots.one("type"))
    return line.block(INTERFACE, start)


# --- VRFs ---------------------------------------------------------------------------------------


def _route_target(vrf: Vrf, line: Line) -> Vrf:
    target = (need(line.slots, "direction"), need(line.slots, "rt"))
    return evolve(vrf, route_targets=(*vrf.route_targets, target))


_VRF_FAMILY: Final[Rows[Vrf]] = Rows(
    read={"route-target": _route_target},
    ignored={"import map": "route leaking between VRFs", "export map": "route leaking",
             "import ipv4": "route leaking", "export ipv4": "route leaking",
             "maximum routes": "route table limits",
             "mdt": "multicast VPN distribution trees: multicast routing, not IPsec"},
)


def _family(vrf: Vrf, line: Line) -> Vrf:
    vrf = evolve(vrf, address_families=(*vrf.address_families, need(line.slots, "family")))
    return line.block(_VRF_FAMILY, vrf)


VRF: Final[Rows[Vrf]] = Rows(
    read={
        "description": lambda v, line: evolve(v, description=line.slots.one("text")),
        "rd": lambda v, line: evolve(v, rd=need(line.slots, "rd")),
        "route-target": _route_target,
        "address-family": _family,
    },
    ignored={"vnet": "EVN virtual networks", "maximum routes": "route table limits",
             "vpn id": "the VPN's RFC 2685 identifier, not its routes",
             # (tests/fixtures/real/gh-jclarkson-sp-pe-qos-mvpn-te, gh-jclarkson-sp-interas-mvpn-te)
             "mdt": "multicast VPN distribution trees: multicast routing, not IPsec",
             "import map": "route leaking between VRFs", "export map": "route leaking",
             # IOS shows it at the indentation of the ``address-family`` it closes.
             "exit-address-family": "the end of the address family above it"},
)


def vrf_of(line: Line, *, legacy: bool) -> Vrf:
    """A ``vrf definition NAME`` block, or a legacy ``ip vrf NAME`` one."""
    return line.block(VRF, Vrf(need(line.slots, "name"), legacy=legacy))



def interface_with(intf: Interface, lines: Sequence[str]) -> Interface:
    """``intf`` with interface commands applied in order (what AAA pushes onto the
    virtual-access interface cloned from a virtual template)."""
    return _apply(intf, lines)[0]


def interface_line_read(text: str) -> bool:
    """Whether the interface rows read a pushed interface command (``interface-config``)."""
    return not _apply(Interface("Virtual-Template1", template_type="tunnel"), (text,))[1]


def _apply(intf: Interface, lines: Sequence[str]) -> tuple[Interface, list[Unread]]:
    mode = "interface-tunnel" if intf.is_tunnel or intf.template_type == "tunnel" else "interface"
    reading = Reading()
    node = Node(f"interface {intf.name}", [Node(text) for text in lines])
    return reading.block(INTERFACE, mode, node, (), intf), reading.unread
