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

_VRF: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("description <rest=text>", key=1),
    C("rd <word=rd>", key=1),
    C("route-target {export|import|both}=direction <word=rt>"),
    *_LIMITS,
    C("address-family {ipv4|ipv6}=family [unicast]", key=2, opens="vrf-af"),
)

_VRF_AF: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("exit-address-family", action="exit"),
    C("route-target {export|import|both}=direction <word=rt>"),
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
