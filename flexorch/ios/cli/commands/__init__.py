"""The IOS-XE config-mode grammar as data: every mode flexorch and the lab know, its prompt,
and its commands (syntax in the notation of ``flexorch.ios.cli.grammar``).

One module per command family, each with its top-level rows (``GLOBAL``), its sub-modes
(``MODES``) and the Cisco command reference or corpus config it follows: ``system`` (hostname,
services, users, lines, platform, license), ``management`` (logging, NTP, SNMP, banners, EEM,
key chains), ``interface`` (with ``nhrp`` and ``routing_if`` rows), ``vrf``, ``routing`` (static
routes, OSPF, OSPFv3, EIGRP, RIP), ``bgp``, ``policy`` (route maps, prefix lists, IP SLA, track),
``services`` (NAT, DHCP, DNS, object groups), ``acl``, ``qos`` (class/policy maps, zones,
identity), ``trustsec`` (SGT bindings, SGACLs, SXP), ``aaa``, ``pki``, ``ikev2``, ``ipsec``,
``ikev1`` (ISAKMP, crypto maps), ``edge`` (NetFlow, CBAC, kron, bridging, RIPng, NAT64, IS-IS),
``voice`` (TDM controllers, dial peers, CME), ``sslvpn`` (crypto ssl, WebVPN); this module
assembles them. A line outside this grammar answers ``% Invalid input`` in the lab, as a real
router answers for a command it does not know; add rows to the family tables, never ``if``
chains elsewhere.
"""

from __future__ import annotations

from typing import Final

from flexorch.ios.cli.commands import (
    aaa,
    acl,
    bgp,
    edge,
    ikev1,
    ikev2,
    interface,
    ipsec,
    management,
    pki,
    policy,
    qos,
    routing,
    services,
    sslvpn,
    system,
    trustsec,
    voice,
    vrf,
)
from flexorch.ios.cli.syntax import Command as C
from flexorch.ios.cli.syntax import Mode

# ``exit`` at the top level leaves configuration mode, like ``end``.
_TOP_ACTIONS: Final[tuple[C, ...]] = (
    C("end", action="end"),
    C("exit", action="end"),
    C("do <rest>", action="do"),
)

_FAMILY_GLOBALS: Final = (system.GLOBAL, management.GLOBAL, interface.GLOBAL, vrf.GLOBAL,
                          routing.GLOBAL, bgp.GLOBAL, policy.GLOBAL, services.GLOBAL, acl.GLOBAL,
                          qos.GLOBAL, trustsec.GLOBAL, aaa.GLOBAL, pki.GLOBAL, ikev2.GLOBAL,
                          ipsec.GLOBAL, ikev1.GLOBAL, edge.GLOBAL,
                          voice.GLOBAL, sslvpn.GLOBAL)
_FAMILY_MODES: Final = (system.MODES, management.MODES, interface.MODES, vrf.MODES,
                        routing.MODES, bgp.MODES, policy.MODES, services.MODES, acl.MODES,
                        qos.MODES, trustsec.MODES, aaa.MODES, pki.MODES, ikev2.MODES, ipsec.MODES,
                        ikev1.MODES, edge.MODES, voice.MODES,
                        sslvpn.MODES)

_GLOBAL: Final[tuple[C, ...]] = (
    *_TOP_ACTIONS,
    *(row for rows in _FAMILY_GLOBALS for row in rows),
)

MODES: Final[dict[str, Mode]] = {
    m.id: m
    for m in (
        Mode("config", "config", _GLOBAL),
        # Physical, loopback and non-tunnel virtual-template interfaces have no tunnel commands.
        Mode("interface", "config-if", interface.BASE),
        Mode("interface-tunnel", "config-if", interface.TUNNEL),
        *(mode for modes in _FAMILY_MODES for mode in modes),
    )
}
"""Every config mode by id. ``prompt`` is what IOS prints between the parentheses."""


def interface_mode(header: str) -> str:
    """The mode id an interface header opens: tunnel commands exist only on Tunnel interfaces
    and on virtual templates created ``type tunnel`` (IOS's default virtual-template type is
    serial, which has no ``tunnel`` commands)."""
    name = header.split()[1]
    if name.startswith("Tunnel") or header.endswith(" type tunnel"):
        return "interface-tunnel"
    return "interface"
