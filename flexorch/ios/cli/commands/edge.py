"""What branch and edge routers carry besides their VPNs: NetFlow v5/v9 export and top talkers,
the classic IOS firewall (CBAC), password security, kron schedules, transparent bridging with
IRB, RIPng, NAT64, LACP, hardware modules, PfRv3 domains and the IOSv default ``ethernet lmi
ce``.

Sources: Cisco IOS NetFlow Command Reference (ip flow-export, ip flow-cache timeout,
ip flow-capture, ip flow-egress input-interface, ip flow-top-talkers); Cisco IOS Security
Command Reference (ip inspect name, security passwords min-length, security authentication
failure rate); Cisco IOS Configuration Fundamentals Command Reference (kron occurrence, kron
policy-list, cli); Cisco IOS Bridging Command Reference (bridge irb, bridge protocol, bridge
route); Cisco IOS IPv6 Command Reference (ipv6 router rip, ipv6 rip enable); IP Addressing: NAT
Configuration Guide, IOS XE ("Stateful Network Address Translation 64", "Static Stateless
NAT64": nat64 prefix stateful, nat64 v6v4 static); Carrier Ethernet Command Reference (lacp
system-priority, ethernet lmi ce); Interface and Hardware Component Command Reference
(hw-module). Real configs in ``tests/fixtures/real``: gh-jclarkson-l2bvi-netflow (IOS 15.0:
NetFlow v5 export, ``bridge irb``), gh-jclarkson-csr-nat64-ripng (IOS XE 3.x: NAT64, RIPng),
gh-jclarkson-ansible-iosv-kron (IOSv 15.6: kron, ``ethernet lmi ce``).
"""

from __future__ import annotations

from typing import Final

from flexorch.ios.cli.commands.common import SUBMODE_COMMON
from flexorch.ios.cli.syntax import Command as C
from flexorch.ios.cli.syntax import Mode

GLOBAL: Final[tuple[C, ...]] = (
    # --- NetFlow (traditional) ---
    C("ip flow-export {source <iface>|version {1|5 [{origin-as|peer-as}]|9 [{origin-as|"
      "peer-as|bgp-nexthop}]+}|destination {<ip>|<word>} <int:1-65535> [vrf <word>] [udp]|"
      "template <rest>|interface-names|hardware <rest>}",
      key=r"^(ip flow-export (?:destination \S+ \d+|template \S+|\S+))"),
    C("ip flow-cache {timeout {active <int:1-60>|inactive <int:10-600>}|entries"
      " <int:1024-524288>}", key=r"^(ip flow-cache (?:timeout \S+|\S+))"),
    C("ip flow-capture {vlan-id|mac-addresses|ttl|icmp|ip-id|fragment-offset|packet-length|"
      "nbar|dscp|nexthop-address|initiator}"),
    C("ip flow-egress input-interface"),
    C("ip flow-top-talkers", key=2, opens="flow-top-talkers"),
    # --- Classic IOS firewall (CBAC) and password security ---
    C("ip inspect name <word> <word> [alert {on|off}] [audit-trail {on|off}]"
      " [timeout <int:5-43200>] [router-traffic]", key=r"^(ip inspect name \S+ \S+)"),
    C("ip inspect {audit-trail|alert-off|dns-timeout <int:1-2147483>|tcp <rest>|udp <rest>|"
      "max-incomplete <rest>|one-minute <rest>|log <rest>}",
      key=r"^(ip inspect (?:tcp \S+|udp \S+|max-incomplete \S+|one-minute \S+|log \S+|\S+))"),
    C("security passwords min-length <int:0-16>", key=3),
    C("security authentication failure rate <int:2-1024> [log]", key=4),
    # --- kron: scheduled CLI (``kron occurrence NAME in|at ... oneshot|recurring``) ---
    C("kron occurrence <word> [user <word>] {in|at} <rest>", key=3, opens="kron-occurrence"),
    C("kron policy-list <word> [conditional]", key=3, opens="kron-policy"),
    # --- Transparent bridging and IRB ---
    C("bridge irb"),
    C("bridge <int:1-255> {protocol {ieee|dec|ibm|vlan-bridge}|route {ip|ipv6|<word>}|"
      "priority <int:0-65535>|aging-time <int:10-1000000>}",
      key=r"^(bridge \d+ (?:route \S+|\S+))"),
    # --- RIPng, NAT64, LACP, hardware, IOSv defaults ---
    C("ipv6 router rip <word>", key=4, opens="router-ripng"),
    C("nat64 {prefix stateful <ipv6pfx> [<rest>]|v6v4 static <ipv6> <ip> [<rest>]|"
      "v4v6 static <ip> <ipv6> [<rest>]|v6v4 list <rest>|v4 pool <rest>|translation <rest>|"
      "settings <rest>|logging <rest>}",
      key=r"^(nat64 (?:prefix stateful|v6v4 static \S+|v4v6 static \S+|\S+ \S+))"),
    C("lacp system-priority <int:1-65535>", key=2),
    C("hw-module {pvdm <word>|sm <int:0-8>|ism <int:0-8>|slot <rest>|module <rest>}"),
    C("ethernet lmi {ce|global}", negation="shown"),
    # A Performance Routing v3 domain (Performance Routing Version 3 Configuration Guide,
    # "domain"): IOSv 15.6 prints an empty one (gh-jclarkson-ansible-iosv-kron r1, r2).
    C("domain {default|<word>}", key=2, opens="pfr-domain"),
)

_PFR_DOMAIN: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("vrf {default|<word>}", key=2, opens="pfr-domain-vrf"),
)

_PFR_DOMAIN_VRF: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("master {hub|branch|transit <int:1-65535>|controller}", key=1),
    C("border"),
)

_TOP_TALKERS: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("top <int:1-200>", key=1),
    C("sort-by {bytes|packets}", key=1),
    C("cache-timeout <int:1-3600000>", key=1),
    C("match <rest>"),
)

_KRON_OCCURRENCE: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("policy-list <word>"),
)

_KRON_POLICY: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("cli <rest>"),
)

_RIPNG: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("redistribute {connected|static|bgp <int:1-4294967295>|ospf <int:1-65535>|rip <word>|"
      "eigrp <int:1-65535>} [<rest>]", key=r"^(redistribute (?:\S+ \S+|\S+))"),
    C("default-information originate [<rest>]", key=2),
    C("maximum-paths <int:1-64>", key=1),
    C("distance <int:1-254>", key=1),
    C("timers <int:5-65535> <int:1-65535> <int:0-65535> <int:1-65535>", key=1),
    C("poison-reverse", negation="shown"),
    C("split-horizon", negation="default-on"),
    C("port <int:1-65535> multicast-group <ipv6>", key=1),
    C("distribute-list prefix-list <word> {in|out} [<iface>]",
      key=r"^(distribute-list) .* (in|out)(?: (\S+))?$"),
)

# Interface rows: RIPng per interface (IPv6 Command Reference, "ipv6 rip enable",
# "ipv6 rip default-information").
INTERFACE: Final[tuple[C, ...]] = (
    C("ipv6 rip <word> {enable|default-information {only|originate} [metric <int:1-15>]|"
      "summary-address <ipv6pfx>|metric-offset <int:1-16>}",
      key=r"^(ipv6 rip \S+ (?:summary-address \S+|\S+))"),
)

MODES: Final[tuple[Mode, ...]] = (
    Mode("flow-top-talkers", "config-flow-top-talkers", _TOP_TALKERS),
    Mode("kron-occurrence", "config-kron-occurrence", _KRON_OCCURRENCE),
    Mode("kron-policy", "config-kron-policy", _KRON_POLICY),
    Mode("router-ripng", "config-rtr", _RIPNG),
    Mode("pfr-domain", "config-domain", _PFR_DOMAIN),
    Mode("pfr-domain-vrf", "config-domain-vrf", _PFR_DOMAIN_VRF),
)
