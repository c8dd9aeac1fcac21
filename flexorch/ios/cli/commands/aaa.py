"""AAA and RADIUS: method lists, server groups, RADIUS servers, attribute lists.

Sources: the FlexVPN configuration guide (AAA for IKEv2), Cisco IOS Security Command Reference
(aaa, radius server).
"""

from __future__ import annotations

from typing import Final

from flexorch.ios.cli.commands.common import METHODS, SUBMODE_COMMON
from flexorch.ios.cli.syntax import Command as C
from flexorch.ios.cli.syntax import Mode

GLOBAL: Final[tuple[C, ...]] = (
    C("aaa new-model"),
    C("aaa session-id {common|unique}", key=2),
    C(f"aaa authentication login <word> {METHODS}", key=4),
    C(f"aaa authorization {{network|exec|console|credential-download}} <word> {METHODS}", key=4),
    C("aaa accounting {network|exec|connection|system} <word> {start-stop|stop-only|none}"
      " [broadcast] group <word>", key=4),
    C("aaa group server radius <word>", key=5, opens="sg-radius"),
    C("aaa attribute list <word>", key=4, opens="attr-list"),
    C("radius server <word>", key=3, opens="radius-server"),
)

_SG_RADIUS: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("server name <word>"),
    C("server <ip> [auth-port <int:0-65535>] [acct-port <int:0-65535>]"),
    C("ip radius source-interface <iface>", key=3),
    C("ip vrf forwarding <word>", key=3),
    C("deadtime <int:1-1440>", key=1),
)

_RADIUS_SERVER: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("address {ipv4 <ip>|ipv6 <ipv6>} [auth-port <int:0-65535>] [acct-port <int:0-65535>]", key=1),
    C("key [{0|6|7}] <word>", key=1),
    C("timeout <int:1-1000>", key=1),
    C("retransmit <int:0-100>", key=1),
)

_ATTR_LIST: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("attribute type <word> {<quoted>|<word>} [protocol <word>]"),
)

MODES: Final[tuple[Mode, ...]] = (
    Mode("sg-radius", "config-sg-radius", _SG_RADIUS),
    Mode("radius-server", "config-radius-server", _RADIUS_SERVER),
    Mode("attr-list", "config-attr-list", _ATTR_LIST),
)
