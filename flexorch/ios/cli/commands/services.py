"""IP services: NAT, DHCP server pools, DNS hosts, object groups.

Sources: Cisco IOS IP Addressing Services Command Reference (ip nat pool, ip nat inside source,
ip nat source (NVI), ip dhcp pool, ip dhcp excluded-address, ipv6 dhcp pool, ip host,
ip name-server); IOS Security Command Reference (object-group); real configs in
``tests/fixtures/real`` (PAT with route maps and pools, NVI static port forwards).
"""

from __future__ import annotations

from typing import Final

from flexorch.ios.cli.commands.common import SUBMODE_COMMON
from flexorch.ios.cli.syntax import Command as C
from flexorch.ios.cli.syntax import Mode

_NAT_MATCH = "{list {<int:1-2699>|<word>}|route-map <word>}"
_NAT_TARGET = "{pool <word>|interface <iface>}"
# ``add-route``: an outside static translation installs a host route to the inside local address
# (IP Addressing: NAT Command Reference, "ip nat outside source static"; IOS 15.2,
# tests/fixtures/real/gh-jclarkson-ios-dnat-outside-static r2).
_NAT_STATIC = ("static [{tcp|udp}] {<ip>|<word>} [<int:1-65535>] {<ip>|interface <iface>}"
               " [<int:1-65535>] [vrf <word>] [extendable] [add-route] [no-alias] [no-payload]"
               " [route-map <word>] [redundancy <rest>] [reversible] [match-in-vrf]")
_NAT_DYNAMIC = (f"{_NAT_MATCH} {_NAT_TARGET} [vrf <word>] [match-in-vrf] [overload]"
                " [no-payload] [reversible] [oer]")

GLOBAL: Final[tuple[C, ...]] = (
    # --- NAT ---
    C("ip nat pool <word> <ip> <ip> {netmask <mask>|prefix-length <int:1-32>}"
      " [type {match-host|rotary}] [add-route]", key=4),
    C("ip nat pool <word> {netmask <mask>|prefix-length <int:1-32>} [type {match-host|rotary}]",
      key=4, opens="nat-pool"),
    C(f"ip nat {{inside|outside}} source {_NAT_DYNAMIC}",
      key=r"^(ip nat \S+ source (?:list|route-map) \S+)"),
    C(f"ip nat {{inside|outside}} source {_NAT_STATIC}"),
    C("ip nat {inside|outside} source static network <ip> <ip> {<mask>|<plen>}"
      " [vrf <word>] [<rest>]"),
    C(f"ip nat {{inside|outside}} destination {_NAT_MATCH} pool <word>"),
    C(f"ip nat source {_NAT_DYNAMIC}", key=r"^(ip nat source (?:list|route-map) \S+)"),
    C(f"ip nat source {_NAT_STATIC}"),
    C("ip nat translation {timeout|tcp-timeout|udp-timeout|dns-timeout|icmp-timeout|"
      "finrst-timeout|syn-timeout|port-timeout {tcp|udp} <int:1-65535>} {<int:0-536870>|never}",
      key=r"^(ip nat translation \S+(?: \S+ \d+)?)"),
    C("ip nat translation max-entries <rest>", key=4),
    C("ip nat log translations syslog", key=3),
    C("ip nat service <rest>"),
    C("ip nat settings <rest>"),
    # --- DHCP server ---
    # The pool name runs to the end of the line: IOS 15.4 keeps and shows ``ip dhcp pool VLAN 31``
    # next to ``ip dhcp pool VLAN30`` (tests/fixtures/real/gh-spanter-otus-pro-nat-static-network).
    C("ip dhcp pool <rest>", key=r"^(ip dhcp pool .+)$", opens="dhcp-pool"),
    C("ip dhcp excluded-address [vrf <word>] <ip> [<ip>]"),
    # DHCP classes matched by relay-agent information (IP Addressing: DHCP Command Reference,
    # "ip dhcp class", "relay agent information", "relay-information hex").
    C("ip dhcp class <word>", key=4, opens="dhcp-class"),
    C("ip dhcp {conflict logging|bootp ignore|ping packets <int:0-10>|"
      "database <rest>|relay information <rest>|smart-relay|snooping [<rest>]}"),
    # The DHCP server's use of the receiving interface's VRF (IP Addressing: DHCP Command
    # Reference, "ip dhcp use vrf connected", "ip dhcp use"): IOS 12.4 stores and prints the
    # ``no`` form, ``no ip dhcp use vrf connected`` (tests/fixtures/real/
    # gh-mpenning-ciscoconfparse-ios124-edge foo.cfg), as it does the other ``ip dhcp use``
    # switches.
    C("ip dhcp use {vrf {connected|remote}|class [aaa]|subscriber-id client-id}",
      key=r"^(ip dhcp use (?:vrf \S+|\S+))", negation="shown"),
    C("ipv6 dhcp pool <word>", key=4, opens="dhcpv6-pool"),
    C("ipv6 dhcp {server <rest>|database <rest>}"),
    C("service dhcp", negation="shown"),
    # --- DNS ---
    C("ip host [vrf <word>] <word> [<int:0-65535>] {<ip>|<ipv6>}+",
      key=r"^(ip host(?: vrf \S+)? \S+)"),
    C("ipv6 host <word> [<int:0-65535>] {<ipv6>}+", key=3),
    C("ip name-server [vrf <word>] {<ip>|<ipv6>}+"),
    # A VRF's DNS lookups from their own source interface (IP Addressing Services Command
    # Reference, "ip domain lookup": ``ip domain lookup [vrf NAME] source-interface IF``).
    C("ip domain {list [vrf <word>] <word>|name vrf <word> <word>|lookup {source-interface"
      " <iface>|vrf <word> source-interface <iface>|recursive|nsap}|timeout <int:0-3600>|"
      "retry <int:0-100>}",
      key=r"^(ip domain (?:name vrf \S+|lookup (?:vrf \S+ )?\S+|timeout|retry)|ip domain list"
          r"(?: vrf \S+)? \S+)"),
    # The older spelling of the domain search list (IP Addressing Services Command Reference,
    # "ip domain list": "ip domain-list" in earlier releases), which IOS 15.2 still prints as
    # typed (IOL 15.2: tests/fixtures/real/gh-rain360z-otus-lab03-dhcp-domain-list-iol152 r10,
    # ``ip domain-list STATEFUL2.com``); each name is an entry of the list.
    C("ip domain-list [vrf <word>] <word>"),
    C("ip dns {server [<rest>]|view <rest>|view-list <rest>|spoofing [<ip>]}"),
    # The router as the authoritative DNS server of a zone (IP Addressing Services Command
    # Reference, "ip dns primary": ``ip dns primary DOMAIN soa PRIMARY-NS CONTACT [REFRESH RETRY
    # EXPIRE MINIMUM]``): IOL-XE 17.12 prints the four timers
    # (tests/fixtures/real/gh-ciscodevnet-cml-ccna-nat-iol1712 edge.cfg).
    C("ip dns primary <word> soa <word> <word> [<int:0-4294967295> <int:0-4294967295>"
      " <int:0-4294967295> <int:0-4294967295>]", key=4),
    # --- object groups ---
    C("object-group network <word>", key=3, opens="og-network"),
    C("object-group service <word>", key=3, opens="og-service"),
    C("object-group ipv6 network <word>", key=4, opens="og-network"),
)

_DHCP_CLASS: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("relay agent information", key=3, opens="dhcp-class-relay"),
    C("remark <rest>", key=1),
)

_DHCP_CLASS_RELAY: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("relay-information hex <word> [*]"),
)

_NAT_POOL: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("address <ip> <ip>"),
)

_DHCP_POOL: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("network <ip> {<mask>|/<int:0-32>} [secondary]", key=1),
    C("host <ip> [{<mask>|/<int:0-32>}]", key=1),
    C("default-router {<ip>}+", key=1),
    C("dns-server {<ip>}+", key=1),
    C("domain-name <word>", key=1),
    C("netbios-name-server {<ip>}+", key=1),
    C("lease {<int:0-365> [<int:0-23> [<int:0-59>]]|infinite}", key=1),
    C("option <int:0-254> {ascii <rest>|hex <rest>|ip {<ip>}+|instance <rest>}",
      key=r"^(option \d+)"),
    C("client-identifier <word>", key=1),
    C("hardware-address <word> [<rest>]", key=1),
    C("client-name <word>", key=1),
    C("import all"),
    C("update dns [<rest>]", key=2),
    C("vrf <word>", key=1),
    C("class <word>", key=1),
    C("next-server {<ip>}+", key=1),
    C("bootfile <word>", key=1),
)

_DHCPV6_POOL: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("address prefix <ipv6pfx> [lifetime <rest>]", key=2),
    C("dns-server <ipv6>"),
    C("domain-name <word>", key=1),
    C("prefix-delegation {pool <word> [lifetime <rest>]|<ipv6pfx> <word> [lifetime <rest>]}"),
    C("import {dns-server|domain-name|all}"),
    C("information refresh <rest>", key=2),
    C("link-address <ipv6pfx>"),
    C("vendor-specific <rest>"),
)

_OG_NETWORK: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("description <rest>", key=1),
    C("host {<ip>|<ipv6>}"),
    C("<ip> <mask>"),
    C("<ipv6pfx>"),
    C("range <ip> <ip>"),
    C("group-object <word>"),
)

_PORT = "{eq <word>|lt <word>|gt <word>|neq <word>|range <word> <word>}"
_OG_SERVICE: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("description <rest>", key=1),
    C(f"{{tcp|udp|tcp-udp}} [source {_PORT}] [{_PORT}]"),
    C("icmp [<word>]"),
    # The IP protocols a service group may name (Security Command Reference, "object-group
    # service": ahp, eigrp, esp, gre, icmp, igmp, ip, ipinip, nos, ospf, pcp, pim, tcp, tcp-udp,
    # udp, or a protocol number).
    C("{ip|esp|ahp|gre|eigrp|igmp|ipinip|nos|ospf|pcp|pim|<int:0-255>}"),
    C("group-object <word>"),
)

MODES: Final[tuple[Mode, ...]] = (
    Mode("dhcp-class", "config-dhcp-class", _DHCP_CLASS),
    Mode("dhcp-class-relay", "config-dhcp-class-relayinfo", _DHCP_CLASS_RELAY),
    Mode("nat-pool", "ipnat-pool", _NAT_POOL),
    Mode("dhcp-pool", "dhcp-config", _DHCP_POOL),
    Mode("dhcpv6-pool", "config-dhcpv6", _DHCPV6_POOL),
    Mode("og-network", "config-network-group", _OG_NETWORK),
    Mode("og-service", "config-service-group", _OG_SERVICE),
)
