"""Interface configuration: every interface, and the tunnel commands of Tunnel interfaces and
``type tunnel`` virtual templates.

Sources: Cisco IOS Interface and Hardware Component Command Reference; Cisco IOS IP Addressing
Services Command Reference; the FlexVPN configuration guide (tunnel interfaces).
"""

from __future__ import annotations

from typing import Final

from flexorch.ios.cli.commands.common import SUBMODE_COMMON
from flexorch.ios.cli.syntax import Command as C

GLOBAL: Final[tuple[C, ...]] = (
    C("interface <iface> [type tunnel]", key=2, opens="interface"),
)

BASE: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("description <rest>", key=1),
    C("shutdown"),
    C("vrf forwarding <word>", key=2),
    C("ip vrf forwarding <word>", key=3),
    C("ip address <ip> <mask>", key="slot:ipv4-address"),
    C("ip address <ip> <mask> secondary"),
    C("ip address {negotiated|dhcp}", key="slot:ipv4-address"),
    C("ip unnumbered <iface>", key="slot:ipv4-address"),
    C("ip mtu <int:68-9976>", key=2),
    C("ip tcp adjust-mss <int:500-1460>", key=3),
    C("ip nat {inside|outside}", key=2),
    C("ip redirects"),
    C("ip unreachables"),
    C("ip proxy-arp"),
    C("ipv6 address {<ipv6pfx> [{eui-64|anycast}]|<ipv6> link-local|autoconfig|dhcp}"),
    C("ipv6 unnumbered <iface>", key=2),
    C("ipv6 enable"),
    C("ipv6 mtu <int:1280-9976>", key=2),
    C("ipv6 tcp adjust-mss <int:500-1440>", key=3),
    C("bandwidth <int:1-100000000>", key=1),
    C("mtu <int:64-9216>", key=1),
    C("load-interval <int:30-600>", key=1),
    C("negotiation auto"),
    C("cts sgt inline"),
)

TUNNEL: Final[tuple[C, ...]] = (
    *BASE,
    C("tunnel source {<iface>|<ip>|<ipv6>|dynamic}", key=2),
    C("tunnel destination {<ip>|<ipv6>|dynamic|<word>}", key=2),
    C("tunnel mode {gre {ip|ipv6|multipoint [ipv6]}|ipsec {ipv4 [v6-overlay]|ipv6 [v4-overlay]|"
      "dual-overlay}}", key=2),
    C("tunnel vrf <word>", key=2),
    C("tunnel protection ipsec profile <word> [shared]", key=2),
    C("tunnel key <int:0-4294967295>", key=2),
    C("tunnel path-mtu-discovery"),
    C("keepalive [<int:0-32767> [<int:1-255>]]", key=1),
)
