"""Route policy and reachability tracking: route maps, prefix lists, AS-path and community
lists, IP SLA operations and track objects, local policy routing.

Sources: Cisco IOS IP Routing: Protocol-Independent Command Reference (route-map, match, set,
ip prefix-list, ip local policy route-map); BGP Command Reference (ip as-path access-list,
ip community-list); IP SLAs Command Reference (ip sla, ip sla schedule); Embedded Event Manager /
HSRP references (track); real configs in ``tests/fixtures/real`` (PBR with ``set ip next-hop
verify-availability``, SLA-tracked default routes, prefix lists with ``seq``, ``le``, ``ge``).
"""

from __future__ import annotations

from typing import Final

from flexorch.ios.cli.commands.common import SUBMODE_COMMON
from flexorch.ios.cli.syntax import Command as C
from flexorch.ios.cli.syntax import Mode

_ACL_REF = "{<int:1-2699>|<word>}+"

GLOBAL: Final[tuple[C, ...]] = (
    C("route-map <word> [{permit|deny}] [<int:0-65535>]",
      key=r"^(route-map \S+)(?: (?:permit|deny))?(?: (\d+))?$", opens="route-map"),
    # Typed without ``seq``, IOS numbers the entry (``rules.AUTO_SEQUENCED_LINES``).
    C("ip prefix-list <word> {[seq <int:1-4294967294>] {permit|deny} <pfx> [ge <int:1-32>]"
      " [le <int:1-32>]|description <rest>}",
      key=r"^(ip prefix-list \S+ (?:seq \d+|description))"),
    C("ip prefix-list sequence-number", negation="shown"),
    C("ipv6 prefix-list <word> {[seq <int:1-4294967294>] {permit|deny} <ipv6pfx>"
      " [ge <int:1-128>] [le <int:1-128>]|description <rest>}",
      key=r"^(ipv6 prefix-list \S+ (?:seq \d+|description))"),
    C("ip as-path access-list <int:1-500> {permit|deny} <rest>"),
    C("ip community-list {<int:1-500>|{standard|expanded} <word>} {permit|deny} <rest>"),
    C("ip community-list {<int:1-500>|{standard|expanded} <word>} {permit|deny}"),
    C("ip extcommunity-list {<int:1-500>|{standard|expanded} <word>} {permit|deny} <rest>"),
    C("ip bgp-community new-format"),
    C("ip local policy route-map <word>", key=4),
    C("ipv6 local policy route-map <word>", key=4),
    C("ip sla <int:1-2147483647>", key=3, opens="ip-sla"),
    C("ip sla schedule <int:1-2147483647> [life {forever|<int:0-2147483647>}]"
      " [start-time {now|pending|after <word>|<word> [<rest>]}] [ageout <int:0-2073600>]"
      " [recurring]", key=4),
    C("ip sla responder [<rest>]"),
    # IP SLA auto-discovery of responders (IP SLAs Command Reference, "ip sla auto discovery"):
    # IOL 15.7 prints it on its own line (tests/fixtures/real/gh-degreekeeper-otus-less16-ipsec
    # r28, after the ``ip sla`` operations).
    C("ip sla auto discovery", negation="shown"),
    C("ip sla enable reaction-alerts"),
    C("ip sla reaction-configuration <int:1-2147483647> <rest>"),
    C("ip sla logging traps"),
    # The IOS 12.3-12.4 form of IP SLA operations, ``ip sla monitor`` (Cisco IOS IP SLAs Command
    # Reference 12.4: "ip sla monitor", "type echo", "type jitter", "type udpEcho", "type
    # tcpConnect", "type pathEcho", "type dns", "type http", "ip sla monitor schedule", "ip sla
    # monitor responder", "ip sla monitor reaction-configuration", "ip sla monitor logging
    # traps"); IOS 12.4 prints ``ip sla monitor 8`` with `` type echo protocol ipIcmpEcho
    # 172.16.2.254``, `` timeout 500``, `` frequency 2`` (tests/fixtures/real/
    # gh-mpenning-ciscoconfparse-ios124-edge foo.cfg).
    C("ip sla monitor <int:1-2147483647>", key=4, opens="ip-sla-monitor"),
    C("ip sla monitor schedule <int:1-2147483647> [life {forever|<int:0-2147483647>}]"
      " [start-time {now|pending|after <word>|<word> [<rest>]}] [ageout <int:0-2073600>]"
      " [recurring]", key=5),
    C("ip sla monitor responder [<rest>]"),
    C("ip sla monitor reaction-configuration <int:1-2147483647> <rest>"),
    C("ip sla monitor logging traps"),
    C("track <int:1-1000> {ip sla <int:1-2147483647> [{reachability|state}]|"
      "rtr <int:1-2147483647> [{reachability|state}]|"
      "interface <iface> {line-protocol|ip routing|ipv6 routing}|"
      "ip route {<pfx>|<ip> <mask>} {reachability|metric threshold}|"
      "list {boolean {and|or}|threshold {weight|percentage}}|stub-object|"
      "ipv6 route <ipv6pfx> {reachability|metric threshold}}", key=2, opens="track"),
    C("track timer <rest>"),
)

_ROUTE_MAP: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("description <rest>", key=1),
    C(f"match ip address {{{_ACL_REF}|prefix-list {{<word>}}+}}",
      key=r"^(match ip address(?: prefix-list)?)"),
    C("match ip next-hop {<int:1-2699>|<word>|prefix-list <word>}+", key=3),
    C("match ip route-source {<int:1-2699>|<word>|prefix-list <word>}+", key=3),
    C("match ipv6 address {<word>|prefix-list <word>}+", key=3),
    C("match ipv6 next-hop {<word>|prefix-list <word>}+", key=3),
    C("match interface {<iface>}+", key=2),
    C("match as-path {<int:1-500>}+", key=2),
    C("match community {<int:1-500>|<word>}+ [exact-match]", key=2),
    C("match extcommunity {<int:1-500>|<word>}+", key=2),
    C("match tag {<int:0-4294967295>}+", key=2),
    C("match metric <int:0-4294967295> [+- <int:0-4294967295>]", key=2),
    C("match route-type {local|internal|external [{type-1|type-2}]|level-1|level-2|nssa-external"
      " [{type-1|type-2}]}+", key=2),
    C("match source-protocol <rest>", key=2),
    C("match length <int:0-2147483647> <int:0-2147483647>", key=2),
    C("match local-preference {<int:0-4294967295>}+", key=2),
    C("match track <int:1-1000>", key=2),
    C("match policy-list <word>", key=2),
    C("match security-group {source|destination} tag <rest>"),
    C("set local-preference <int:0-4294967295>", key=2),
    C("set weight <int:0-65535>", key=2),
    C("set metric {[+|-]<int:0-4294967295>|<int:1-4294967295> <int:0-4294967295> <int:0-255>"
      " <int:1-255> <int:1-65535>}", key=2),
    C("set metric-type {internal|external|type-1|type-2}", key=2),
    C("set as-path {prepend {{<asn>}+|last-as <int:1-10>}|tag}", key=r"^(set as-path \S+)"),
    C("set community {{<int:1-4294967295>|<word>}+|none} [additive]", key=2),
    C("set comm-list {<int:1-500>|<word>} delete", key=2),
    C("set extcommunity {rt|soo|cost} <rest>", key=3),
    C("set origin {igp|egp <asn>|incomplete}", key=2),
    C("set tag <int:0-4294967295>", key=2),
    C("set ip next-hop {verify-availability [<ip> <int:1-65535> track <int:1-1000>]|{<ip>}+|"
      "peer-address|unchanged|recursive <ip>|self|dynamic dhcp}",
      key=r"^(set ip next-hop)(?! verify-availability \S+ \d+)"),
    C("set ip default next-hop {<ip>}+", key=4),
    C("set ip vrf <word> next-hop {<ip>}+", key=4),
    C("set ip global next-hop {<ip>}+", key=4),
    C("set ip precedence <word>", key=3),
    C("set ip dscp <word>", key=3),
    C("set ip df <int:0-1>", key=3),
    C("set ipv6 next-hop {<ipv6>}+", key=3),
    C("set ipv6 default next-hop {<ipv6>}+", key=4),
    C("set interface {<iface>}+", key=2),
    C("set default interface {<iface>}+", key=3),
    C("set vrf <word>", key=2),
    C("set global", key=2),
    C("set level {level-1|level-2|level-1-2|stub-area|backbone}", key=2),
    C("set automatic-tag", key=2),
    C("set dampening <rest>", key=2),
    C("set traffic-index <int:1-8>", key=2),
    C("continue [<int:0-65535>]", key=1),
)

_IP_SLA_PARAMETERS: Final[tuple[C, ...]] = (
    C("frequency <int:1-604800>", key=1),
    C("threshold <int:0-2147483647>", key=1),
    C("timeout <int:0-604800000>", key=1),
    C("tos <int:0-255>", key=1),
    C("vrf <word>", key=1),
    C("request-data-size <int:0-16384>", key=1),
    C("data-pattern <hex>", key=1),
    C("tag <rest>", key=1),
    C("owner <rest>", key=1),
    C("ttl <int:1-255>", key=1),
    C("verify-data"),
    C("history {buckets-kept <int:1-60>|distributions-of-statistics-kept <int:1-20>|"
      "enhanced interval <int:1-3600> buckets <int:1-100>|filter {none|all|overThreshold|"
      "failures}|hours-of-statistics-kept <int:0-25>|lives-kept <int:0-2>|"
      "statistics-distribution-interval <int:1-100>}", key=2),
    C("source-ip {<ip>|<ipv6>}", key=1),
    C("source-port <int:1-65535>", key=1),
    C("control {enable|disable}", key=1),
    C("codec <rest>", key=1),
    C("num-packets <int:1-60000>", key=1),
    C("interval <int:1-60000>", key=1),
)

# IOS types an operation's parameters in the operation's own sub-mode (config-ip-sla-echo) but
# prints them as siblings of the operation line, one space in; they are stored that way here (one
# mode), so a config read back from ``show running-config`` has the shape the lab builds.
_IP_SLA: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("icmp-echo {<ip>|<ipv6>|<word>} [{source-ip {<ip>|<ipv6>}|source-interface <iface>}]",
      key=1),
    C("udp-jitter {<ip>|<word>} <int:1-65535> [<rest>]", key=1),
    C("udp-echo {<ip>|<word>} <int:1-65535> [<rest>]", key=1),
    C("tcp-connect {<ip>|<word>} <int:1-65535> [<rest>]", key=1),
    C("http {get|raw} <url> [<rest>]", key=1),
    C("dns <word> name-server <ip> [<rest>]", key=1),
    C("path-echo <ip> [<rest>]", key=1),
    *_IP_SLA_PARAMETERS,
)

# ``ip sla monitor`` operations: the ``type`` line picks the probe; its parameters print one space
# in after it, as with ``ip sla`` (stored in one mode).
_IP_SLA_MONITOR: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("type echo protocol ipIcmpEcho {<ip>|<word>} [{source-ipaddr <ip>|source-interface"
      " <iface>}]", key=1),
    C("type pathEcho protocol ipIcmpEcho {<ip>|<word>} [source-ipaddr <ip>]", key=1),
    C("type jitter dest-ipaddr {<ip>|<word>} dest-port <int:1-65535> [<rest>]", key=1),
    C("type udpEcho dest-ipaddr {<ip>|<word>} dest-port <int:1-65535> [<rest>]", key=1),
    C("type tcpConnect dest-ipaddr {<ip>|<word>} dest-port <int:1-65535> [<rest>]", key=1),
    C("type dns target-addr <word> name-server <ip> [<rest>]", key=1),
    C("type http operation {get|raw} url <url> [<rest>]", key=1),
    *_IP_SLA_PARAMETERS,
)

_TRACK: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("delay {up <int:0-180> [down <int:0-180>]|down <int:0-180> [up <int:0-180>]}", key=1),
    C("object <int:1-1000> [not] [weight <int:1-255>]", key=2),
    C("threshold {weight|percentage} {up <int:0-255> [down <int:0-255>]|down <int:0-255>"
      " [up <int:0-255>]}", key=1),
    C("default-state {up|down}", key=1),
    C("ip vrf <word>", key=2),
    C("vrf <word>", key=1),
    C("carrier-delay"),
)

MODES: Final[tuple[Mode, ...]] = (
    Mode("route-map", "config-route-map", _ROUTE_MAP),
    Mode("ip-sla", "config-ip-sla", _IP_SLA),
    Mode("ip-sla-monitor", "config-sla-monitor", _IP_SLA_MONITOR),
    Mode("track", "config-track", _TRACK),
)
