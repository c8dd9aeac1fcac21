"""VRFs: ``vrf definition`` (multi-protocol) and the legacy ``ip vrf``.

Sources: Cisco IOS XE IP Routing: Protocol-Independent Command Reference (vrf definition, ip vrf);
MPLS Layer 3 VPNs Configuration Guide (vpn id, maximum routes, import/export map, import ipv4
unicast map); ``tests/fixtures/real/gh-jclarkson-ikev2-dmvpn-ivrf``.
"""

from __future__ import annotations

from typing import Final

from flexorch.ios.cli.commands.common import SUBMODE_COMMON
from flexorch.ios.cli.syntax import Command as C
from flexorch.ios.cli.syntax import Mode

GLOBAL: Final[tuple[C, ...]] = (
    C("vrf definition <word=name>", key=3, opens="vrf"),
    C("ip vrf <word=name>", key=3, opens="ip-vrf"),
)

_LIMITS: Final[tuple[C, ...]] = (
    C("vpn id <word>", key=2),
    C("maximum routes <int:1-4294967295> {<int:1-100>|warning-only} [reinstall <int:1-100>]",
      key=2),
    C("import map <word>", key=2),
    C("export map <word>", key=2),
)

# Multicast VPN distribution trees of a VRF (IP Multicast: Multicast VPN Command Reference, "mdt
# default", "mdt data"): GRE-based ``mdt default 232.232.232.232`` / ``mdt data 232.253.1.0
# 0.0.0.255`` in the VRF (IOS 15.0 7200 PE, tests/fixtures/real/gh-jclarkson-sp-pe-qos-mvpn-te),
# mLDP-based ``mdt default mpls mldp 2.2.2.2`` in its IPv4 address family, one line per root
# (gh-jclarkson-sp-interas-mvpn-te r4).
_MDT = C("mdt {default {<ip>|mpls mldp <ip>}|data {<ip> <ip> [<rest>]|mpls mldp <int:1-1000>|"
         "threshold <int:1-4294967> [<rest>]}|auto-discovery <rest>|partitioned <rest>|"
         "overlay <rest>|log-reuse|strict-rpf interface|preference <rest>}",
         key=r"^(mdt (?:default mpls mldp \S+|default|data \S+(?: \S+)?|\S+))")

_VRF: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("description <rest=text>", key=1),
    C("rd <word=rd>", key=1),
    C("route-target {export|import|both}=direction <word=rt>"),
    *_LIMITS,
    _MDT,
    C("address-family {ipv4|ipv6}=family [unicast]", key=2, opens="vrf-af"),
)

_VRF_AF: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("exit-address-family", action="exit"),
    C("route-target {export|import|both}=direction <word=rt>"),
    _MDT,
    C("maximum routes <int:1-4294967295> {<int:1-100>|warning-only} [reinstall <int:1-100>]",
      key=2),
    C("import map <word>", key=2),
    C("export map <word>", key=2),
    C("{import|export} {ipv4|ipv6} {unicast|multicast} [<int:1-2147483647>] map <word>"
      " [allow-evpn]", key=3),
)

_IP_VRF: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("description <rest=text>", key=1),
    C("rd <word=rd>", key=1),
    C("route-target {export|import|both}=direction <word=rt>"),
    *_LIMITS,
)

MODES: Final[tuple[Mode, ...]] = (
    Mode("vrf", "config-vrf", _VRF),
    Mode("vrf-af", "config-vrf-af", _VRF_AF),
    Mode("ip-vrf", "config-vrf", _IP_VRF),
)
