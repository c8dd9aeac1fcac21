"""Interface configuration: every interface (physical, subinterface, loopback, VLAN, virtual
template), and the tunnel commands of Tunnel interfaces and ``type tunnel`` virtual templates.

Sources: Cisco IOS Interface and Hardware Component Command Reference (duplex, speed, media-type,
encapsulation dot1Q, mop, keepalive, delay, carrier-delay); IOS IP Addressing Services Command
Reference (ip address, ip virtual-reassembly, ip nat, ip helper-address, ipv6 nd); IOS IP
Routing Protocols references (ip ospf, ospfv3, ip split-horizon eigrp, ip policy route-map);
IOS Security Command Reference (crypto map, crypto ipsec df-bit, ip access-group); the FlexVPN
and DMVPN configuration guides (tunnel commands, NHRP, tunnel route-via); real configs in
``tests/fixtures/real`` (IOL/IOSv 15.x, CSR1000v 16/17, C8000 17/26).
"""

from __future__ import annotations

from typing import Final

from flexorch.ios.cli.commands.common import SUBMODE_COMMON
from flexorch.ios.cli.commands.edge import INTERFACE as EDGE
from flexorch.ios.cli.commands.nhrp import INTERFACE as NHRP
from flexorch.ios.cli.commands.routing_if import INTERFACE as ROUTING
from flexorch.ios.cli.commands.trustsec import INTERFACE as TRUSTSEC
from flexorch.ios.cli.commands.voice import INTERFACE as VOICE
from flexorch.ios.cli.syntax import Command as C
from flexorch.ios.cli.syntax import Mode

GLOBAL: Final[tuple[C, ...]] = (
    # A point-to-point or multipoint subinterface (ATM PVCs, Frame Relay: Interface and Hardware
    # Component Command Reference, "interface"): ``interface ATM0.1 point-to-point``.
    C("interface <iface=name> [{point-to-point|multipoint}] [type {ethernet|serial|tunnel|"
      "vpn}=type]", key=2, opens="interface"),
    # Cellular (LTE) controllers of ISR spokes with a wireless WAN (Cisco 4G LTE Software
    # Installation and Configuration Guide: controller Cellular, lte sim, lte failovertimer).
    C("controller {Cellular|cellular} <ifnum>", key=3, opens="controller-cellular",
      rewrite=(r"^controller cellular ", "controller Cellular ")),
    # Dial-on-demand of a PPPoE/cellular spoke's dialer interface (Cisco IOS Dial Technologies
    # Command Reference: "dialer-list protocol", "dialer watch-list"), applied by the
    # interface's ``dialer-group`` / ``dialer watch-group``.
    C("dialer-list <int:1-255> protocol {ip|ipv6} {permit|deny|list <int:1-2699>}",
      key=r"^(dialer-list \d+ protocol \S+)"),
    C("dialer watch-list <int:1-255> {ip <ip> <mask>|delay <rest>}",
      key=r"^(dialer watch-list \d+ (?:ip \S+|delay \S+))"),
)

_CONTROLLER_CELLULAR: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("lte sim {data-profile <int:1-16> attach-profile <int:1-16> [slot <int:0-1>]|"
      "primary slot <int:0-1>|max-retry <int:0-65535>|authenticate <rest>}",
      key=r"^(lte sim \S+)"),
    C("lte failovertimer <int:0-7>", key=2),
    C("lte modem {link-recovery <rest>|dm-log <rest>|fota <rest>}", key=r"^(lte modem \S+)"),
    C("lte gps {enable|mode <word>|nmea [<rest>]}", key=r"^(lte gps \S+)"),
    C("lte event <rest>"),
    C("lte firmware <rest>", key=2),
    C("lte radio <rest>", key=2),
)

_ADDRESSING: Final[tuple[C, ...]] = (
    C("description <rest=text>", key=1),
    C("shutdown"),
    C("vrf forwarding <word=vrf> [downstream <word>]", key=2),
    C("ip vrf forwarding <word=vrf> [downstream <word>]", key=3),
    C("ip vrf receive <word>"),
    C("ip vrf sitemap <word>", key=3),
    # A mask IOS refuses for what it is (not contiguous) is refused after parsing, with IOS's
    # message (semantics.check_address), not as invalid input.
    C("ip address <ip=address> <mask=mask>", key="slot:ipv4-address"),
    C("ip address <ip=address> <mask=mask> secondary=secondary"),
    C("ip address {negotiated=dynamic [previous]|dhcp=dynamic [client-id <iface>]"
      " [hostname <word>]|pool=dynamic <word>}", key="slot:ipv4-address"),
    C("ip unnumbered <iface=interface> [poll]", key="slot:ipv4-address"),
    C("ip mtu <int:68-9976=mtu>", key=2),
    C("ip tcp adjust-mss <int:500-1460>", key=3),
    C("ip nat {inside|outside|enable}=side", key=2),
    C("ip redirects"),
    C("ip unreachables"),
    C("ip proxy-arp"),
    C("ip local-proxy-arp", negation="shown"),
    C("ip directed-broadcast [<int:1-199>]", negation="shown"),
    C("ip route-cache [{cef|same-interface|flow|policy}]", negation="shown"),
    C("ip mroute-cache", negation="shown"),
    C("ip virtual-reassembly [{in|out}] [max-reassemblies <int:1-16384>]"
      " [max-fragments <int:1-64>] [timeout <int:1-120>] [drop-fragments]",
      key=r"^(ip virtual-reassembly(?: (?:in|out))?)\b"),
    C("ip virtual-reassembly-out", key=2),
    C("ip helper-address [{vrf <word>|global}] <ip>"),
    C("ip access-group {<int:1-2699>|<word>} {in|out}", key=r"^(ip access-group) \S+ (in|out)"),
    C("ip verify unicast {source reachable-via {rx|any} [allow-default] [allow-self-ping]"
      " [<word>]|reverse-path [<word>]}", key=3),
    C("ip policy route-map <word>", key=3),
    # A Flexible NetFlow monitor on the interface, optionally through a sampler (Flexible
    # NetFlow Command Reference, "ip flow monitor", "ipv6 flow monitor", "datalink flow monitor":
    # ``ip flow monitor NAME [sampler NAME] [unicast|multicast] {input|output}``); one monitor
    # per direction.
    C("ip flow {ingress|egress}"),
    C("ip flow monitor <word> [sampler <word>] [{unicast|multicast}] {input|output}",
      key=r"^(ip flow monitor \S+).* (input|output)$"),
    C("datalink flow monitor <word> [sampler <word>] {input|output}",
      key=r"^(datalink flow monitor \S+).* (input|output)$"),
    C("ip nbar protocol-discovery [{ipv4|ipv6}]", key=3),
    # ``client-id ascii|hex`` (IP Addressing: DHCP Command Reference, "ip dhcp client client-id";
    # tests/fixtures/real/gh-rakenit-flexvpn-radius-dvti/crtspk2.cfg)
    C("ip dhcp client {client-id {<iface>|ascii <word>|hex <word>}|hostname <word>|"
      "lease <int:0-365> <int:0-23> <int:0-59>|default-router distance <int:1-255>|"
      "route track <int:1-1000>|request <word>}"),
    C("ip dhcp relay information {trusted|option-insert|check-reply}"),
    # ``join-group G source S``: an SSM join (IP Multicast Command Reference, "ip igmp
    # join-group").
    C("ip igmp {version <int:1-3>|join-group <ip> [source <ip>]|static-group <ip>}"),
    # An administratively scoped multicast boundary (IP Multicast Command Reference, "ip
    # multicast boundary"): IOS 15.2 (tests/fixtures/real/gh-jclarkson-bgp-multicast-ssm r4).
    C("ip multicast boundary {<int:1-99>|<int:1300-1999>|<word>} [{filter-autorp|in|out}]",
      key=r"^(ip multicast boundary)(?: \S+ (in|out))?"),
    # An Ethernet link run as point-to-point (Interface and Hardware Component Command Reference,
    # "medium"): IOS 15.2 (tests/fixtures/real/gh-jclarkson-ospf-autoconfig-default-route r4).
    C("medium {p2p|broadcast}", key=1),
    C("ip pim {sparse-mode|dense-mode|sparse-dense-mode|passive|nbma-mode|"
      "dr-priority <int:0-4294967295>|query-interval <int:1-65535>}"),
    C("ip summary-address rip <ip> <mask>"),
    # WCCP redirection on an interface (IP Application Services Command Reference, "ip wccp
    # redirect", "ip wccp redirect exclude in"): the ``web-cache`` service or a service number.
    C("ip wccp {web-cache|<int:0-255>} redirect {in|out}"),
    C("ip wccp redirect exclude in"),
    C("ip ddns update {hostname <word>|<word>}"),
    C("ip accounting {output-packets|access-violations|precedence {input|output}}"),
    C("ip inspect <word> {in|out}"),
    C("ip admission <word>", key=2),
    C("ip auth-proxy <word>", key=2),
    C("ip ips <word> {in|out}"),
    C("ip header-compression"),
    C("ip rtp {header-compression|priority <int:2000-65535> <int:0-16383> <int:0-2000000>}"),
    C("ip information-reply"),
    C("ip mask-reply"),
    C("ip security"),
    C("ip source-route"),
    C("ip load-sharing {per-packet|per-destination}", key=2),
    C("ip bandwidth-percent eigrp <int:1-65535> <int:1-999999>", key=4),
)

_IPV6: Final[tuple[C, ...]] = (
    C("ipv6 address {<ipv6pfx=prefix> [{eui-64|anycast}=option]|<ipv6=link-local> link-local|"
      "autoconfig=dynamic [default]|dhcp=dynamic [rapid-commit]|<word=general-prefix> <ipv6pfx>"
      " [eui-64]}"),
    C("ipv6 unnumbered <iface=interface>", key=2),
    C("ipv6 enable"),
    C("ipv6 mtu <int:1280-9976>", key=2),
    C("ipv6 tcp adjust-mss <int:500-1440>", key=3),
    C("ipv6 redirects", negation="default-on"),
    C("ipv6 unreachables", negation="default-on"),
    C("ipv6 nd {managed-config-flag|other-config-flag|ra suppress [all]|ra {interval <int:3-1800>|"
      "lifetime <int:0-9000>}|prefix {<ipv6pfx>|default} [<rest>]|ns-interval <int:1000-3600000>|"
      "reachable-time <int:0-3600000>|dad attempts <int:0-600>|router-preference {high|medium|low}|"
      "nud igp}", key=r"^(ipv6 nd (?:prefix \S+|ra \S+|\S+))"),
    C("ipv6 dhcp {server <word> [rapid-commit] [preference <int:0-255>]|client pd <word>"
      " [rapid-commit]|relay destination <ipv6> [<iface>]}"),
    C("ipv6 traffic-filter <word> {in|out}", key=r"^(ipv6 traffic-filter) \S+ (in|out)"),
    C("ipv6 policy route-map <word>", key=3),
    C("ipv6 verify unicast {source reachable-via {rx|any}|reverse-path}", key=3),
    C("ipv6 virtual-reassembly [{in|out}] [<rest>]", key=2),
    C("ipv6 nat [prefix <ipv6pfx>]", key=2),
    C("ipv6 flow monitor <word> [sampler <word>] [{unicast|multicast}] {input|output}",
      key=r"^(ipv6 flow monitor \S+).* (input|output)$"),
    C("ipv6 mld {join-group <ipv6>|static-group <ipv6>|version <int:1-2>}"),
    C("ipv6 pim [{bsr border|dr-priority <int:0-4294967295>}]"),
)

_LINK: Final[tuple[C, ...]] = (
    C("bandwidth [{inherit|receive}] <int:1-100000000>", key=1),
    C("mtu <int:64-9216>", key=1),
    C("load-interval <int:30-600>", key=1),
    C("negotiation auto", negation="shown"),
    C("duplex {auto|full|half}", key="slot:duplex"),
    # The older fixed-duplex commands of FastEthernet network modules and WICs (Cisco IOS
    # Interface and Hardware Component Command Reference, "full-duplex", "half-duplex"): an IOS
    # 12.4 FastEthernet0/0 prints ``full-duplex`` after ``speed 100`` (tests/fixtures/real/
    # gh-mpenning-ciscoconfparse-ios124-edge foo.cfg). One setting with ``duplex``.
    C("full-duplex", key="slot:duplex"),
    C("half-duplex", key="slot:duplex"),
    # The share of the bandwidth CBWFQ/LLQ may reserve (QoS Command Reference,
    # "max-reserved-bandwidth"): on the ATM and Dialer interfaces of the same 12.4 router.
    C("max-reserved-bandwidth <int:1-100>", key=1),
    C("speed {auto|10|100|1000|2500|5000|10000|25000|40000|100000|nonegotiate}+", key=1),
    C("media-type {rj45|sfp|auto-select|gbic|fx|10baset|100basex}", key=1),
    C("encapsulation {dot1Q <int:1-4094> [{native|second-dot1q <int:1-4094>}]|ppp|hdlc|"
      "frame-relay [ietf]|arpa|isl <int:1-4094>|slip}", key=1),
    C("keepalive [<int:0-32767> [<int:1-255>]]", key=1, negation="shown"),
    # Frame Relay on a serial port and its subinterfaces (Wide-Area Networking Command
    # Reference: "frame-relay lmi-type", "frame-relay interface-dlci", "frame-relay map",
    # "frame-relay class", "frame-relay traffic-shaping", "frame-relay intf-type").
    C("frame-relay lmi-type {cisco|ansi|q933a}", key=2),
    C("frame-relay interface-dlci <int:16-1007> [<rest>]", key=3),
    C("frame-relay map {ip|ipv6} {<ip>|<ipv6>} <int:16-1007> [<rest>]",
      key=r"^(frame-relay map \S+ \S+)"),
    C("frame-relay class <word>", key=2),
    C("frame-relay traffic-shaping"),
    C("frame-relay intf-type {dte|dce|nni}", key=2),
    C("delay <int:1-16777215>", key=1),
    C("carrier-delay {<int:0-60>|msec <int:0-1000>}", key=1),
    C("hold-queue <int:0-240000> {in|out}", key=r"^(hold-queue) \d+ (in|out)"),
    C("mac-address <mac>", key=1),
    C("mop {enabled|sysid}", negation="default-on"),
    C("cdp enable", negation="default-on"),
    # The interface form of the duplex-mismatch log (Cisco IOS CDP Command Reference, "cdp log
    # mismatch duplex", global and interface): on by default, ``no cdp log mismatch duplex`` is
    # stored and shown under a FastEthernet of an IOS 12.4 router (tests/fixtures/real/
    # gh-mpenning-ciscoconfparse-ios124-edge foo.cfg; without it the line left the interface and
    # the ``hold-queue`` lines after it were refused as global commands).
    C("cdp log mismatch duplex", negation="default-on"),
    C("lldp {transmit|receive}", negation="default-on"),
    C("logging event {link-status|trunk-status|subif-link-status|bundle-status|spanning-tree|"
      "power-inline-status|nfas-status}", negation="default-on"),
    C("snmp trap {link-status|ip verify drop-rate}", negation="default-on"),
    C("snmp ifindex persist"),
    C("ntp {broadcast [client|key <int:1-4294967295>|destination <ip>]|multicast [client]|"
      "disable}"),
    C("arp timeout <int:0-2147483>", key=2),
    C("arp {arpa|snap|probe}"),
    C("fair-queue"),
    C("no-shutdown"),
    C("autostate", negation="shown"),
    # ``cts sgt inline`` (TrustSec inline tagging of the tunnel's packets; Cisco "Configuring
    # TrustSec DMVPN Inline Tagging Support", IOS XE 16.7) is read by the model; ``cts manual``
    # and ``cts role-based enforcement`` are TrustSec's own (``trustsec.INTERFACE``).
    C("cts sgt inline"),
    *TRUSTSEC,
    C("service-policy [type {qos|lan-queuing}] {input|output} <word>",
      key=r"^(service-policy(?: type \S+)?) (input|output)"),
    C("zone-member security <word>", key=2),
    C("crypto map <word=map> [redundancy [<word>] [stateful <word>]]", key=2),
    # Cisco IOS IPv6 Command Reference, "ipv6 crypto map": an IPv6 crypto map on the interface
    # (beside an IPv4 one: they are separate settings).
    C("ipv6 crypto map <word=map> [redundancy [<word>] [stateful <word>]]", key=3),
    C("crypto ipsec df-bit {clear|set|copy}", key=3),
    C("crypto ipsec client ezvpn <word> [{inside|outside}]"),
    C("crypto engine {slot <ifnum> [{inside|outside}]|gre vpnblade}"),
    C("mpls ip", negation="shown"),
    # Serial WAN ports (Interface and Hardware Component Command Reference, "clock rate",
    # "service-module t1"): the DCE clock and the integrated CSU/DSU.
    C("clock rate <int:300-8000000>", key=2),
    # How long a serial port waits before restarting after a failure (Interface and Hardware
    # Component Command Reference, "serial restart-delay"): IOL 15.x prints ``serial
    # restart-delay 0`` on every Serial port (tests/fixtures/real/gh-grom1984-otus-lab06-eigrp-
    # serial-iol).
    C("serial restart-delay <int:0-900>", key=2),
    C("service-module <rest>", key=r"^(service-module \S+ \S+)"),
    C("mpls label protocol {ldp|tdp|both}", key=3),
    C("mpls mtu <int:64-65536>", key=2),
    C("mpls bgp forwarding"),
    C("mpls traffic-eng tunnels"),
    # TE link attributes and RSVP bandwidth of a TE core link (MPLS Traffic Engineering Command
    # Reference, "mpls traffic-eng attribute-flags", "ip rsvp bandwidth"): IOSv 15.9,
    # tests/fixtures/real/gh-jakubkkk12-cml-mpls-te-iosv.
    C("mpls traffic-eng {attribute-flags <word>|administrative-weight <int:0-4294967295>|"
      "backup-path <iface>|srlg <int:0-4294967295>|flooding <rest>|passive-interface <rest>}",
      key=r"^(mpls traffic-eng (?:srlg \d+|\S+))"),
    C("ip rsvp bandwidth [<rest>]", key=3),
    C("ip rsvp {signalling <rest>|authentication <rest>|resource-provider <rest>|"
      "policy <rest>}", key=r"^(ip rsvp \S+ \S+)"),
    C("bfd interval <int:50-9999> min_rx <int:50-9999> multiplier <int:3-50>", key=1),
    C("bfd template <word>", key=2),
    # Echo mode is on by default; ``no bfd echo`` is stored and shown (IP Routing: BFD
    # Configuration Guide, Cisco IOS XE 17, "bfd echo").
    C("bfd echo", negation="default-on"),
    # A group's virtual MAC address (First Hop Redundancy Protocols Command Reference, "standby
    # mac-address"): IOS 15.2 (tests/fixtures/real/gh-jclarkson-hsrp-vrrp-bgp-nexthop r1, r2).
    C("standby [<int:0-4095>] {ip <ip> [secondary]|priority <int:0-255>|preempt [delay <rest>]|"
      "track <int:1-1000> [decrement <int:1-255>]|timers [msec] <int:1-255> [msec] <int:1-255>|"
      "authentication <rest>|name <word>|version <int:1-2>|ipv6 <rest>|mac-address <word>|"
      "use-bia [scope interface]|follow <word>}"),
    C("vrrp <int:1-255> {ip <ip> [secondary]|priority <int:1-254>|preempt [delay minimum"
      " <int:0-3600>]|track <int:1-1000> [decrement <int:1-255>]|timers advertise"
      " [msec] <int:1-255>|authentication <rest>|description <rest>}"),
    C("peer default ip address {pool <word>|dhcp|<ip>}", key=3),
    C("ppp {authentication <rest>|chap <rest>|pap <rest>|ipcp <rest>|multilink [<rest>]}"),
    C("pppoe enable [group <word>]", key=2),
    C("pppoe-client dial-pool-number <int:1-255>", key=1),
    # ``dialer string``, ``async mode`` and ``pulse-time`` of a cellular (LTE) WAN interface
    # (Cisco 4G LTE Software Installation and Configuration Guide, "Configuring the Cellular
    # Interface"; Dial Technologies Command Reference, "pulse-time", "async mode").
    C("dialer {pool <int:1-255>|pool-member <int:1-255>|idle-timeout <int:0-2147483>|"
      "persistent|in-band|down-with-vInterface|watch-group <int:1-255>|string <word>|"
      "enable-timeout <int:1-2147483>}", key=r"^(dialer \S+)"),
    C("dialer-group <int:1-255>", key=1),
    C("async mode {interactive|dedicated}", key=2),
    C("pulse-time <int:0-60>", key=1),
    C("channel-group <int:1-65535> [mode {active|passive|on|auto|desirable}]", key=1),
    C("switchport", negation="shown"),
    C("switchport {access vlan <int:1-4094>|mode {access|trunk|dynamic {auto|desirable}}|"
      "trunk {allowed vlan <rest>|native vlan <int:1-4094>|encapsulation dot1q}|nonegotiate|"
      "voice vlan <int:1-4094>|port-security [<rest>]}",
      key=r"^(switchport (?:access vlan|mode|trunk allowed vlan|trunk native vlan|"
          r"trunk encapsulation|nonegotiate|voice vlan|port-security))\b"),
    C("spanning-tree {portfast [trunk|disable]|bpduguard {enable|disable}|bpdufilter"
      " {enable|disable}|guard {root|loop|none}|link-type {point-to-point|shared}|"
      "cost <int:1-200000000>|port-priority <int:0-240>}"),
    C("storm-control {broadcast|multicast|unicast} level <rest>"),
    C("storm-control action {shutdown|trap}"),
    C("macsec [network-link]"),
    C("mka {policy <word>|pre-shared-key key-chain <word>}"),
    C("dot1x {pae {authenticator|supplicant|both}|timeout <rest>|max-reauth-req <int:1-10>|"
      "credentials <word>|authenticator eap profile <word>|supplicant eap profile <word>}"),
    C("authentication {port-control auto|periodic|host-mode <word>|order <rest>|"
      "priority <rest>|timer <rest>|violation <word>|open}"),
    C("access-session {port-control auto|closed|host-mode <word>|control-direction in}"),
    C("mab [eap]"),
    C("source template <word>"),
    C("device-tracking [attach-policy <word>]"),
    C("virtual-template <int:1-4095>", key=1),
    # An Ethernet flow point opens its own mode (Carrier Ethernet Configuration Guide, IOS XE
    # 17, "Configuring Ethernet Virtual Connections"): CSR1000v 17.3 CEs print `` service instance
    # 111 ethernet`` with its ``description``, ``encapsulation dot1q``, ``rewrite`` and
    # ``bridge-domain`` indented below (tests/fixtures/real/gh-anggrdwjy-csr173-mpls-backbone/
    # 11-ce.cfg).
    C("service instance <int:1-8000> ethernet [<word>]", key=3, opens="service-instance"),
    C("bridge-group <int:1-255> [<rest>]", key=r"^(bridge-group \d+(?: \S+)?)"),
    C("vlan-id dot1q <int:1-4094>", key=1),
    C("nat64 enable"),
    # An attachment circuit's pseudowire, by encapsulation or by pseudowire class (MPLS AToM
    # configuration guide, "xconnect"): ``xconnect 169.169.253.2 9000 pw-class UK_TO_GERMANY``
    # on an IOS 15.0 PE (tests/fixtures/real/gh-jclarkson-sp-pe-qos-mvpn-te).
    C("xconnect <ip> <int:1-4294967295> {encapsulation mpls|pw-class <word>}", key=1),
    C("no-autostate"),
    C("priority-group <int:1-16>", key=1),
    C("tx-ring-limit <int:1-32767>", key=1),
    C("qos pre-classify"),
    C("vpdn-group <word>", key=1),
    # LACP per bundle and per member (Carrier Ethernet / LACP Command Reference: "lacp
    # fast-switchover", "lacp max-bundle", "lacp rate", "lacp port-priority").
    C("lacp {fast-switchover|max-bundle <int:1-16>|min-bundle <int:1-16>|rate {fast|normal}|"
      "port-priority <int:1-65535>}", key=2),
    # DMVPN tunnel health monitoring: the tunnel is up only while an NHS answers (Cisco DMVPN
    # configuration guide, "DMVPN Tunnel Health Monitoring and Recovery").
    C("if-state nhrp"),
)

BASE: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    *_ADDRESSING,
    *_IPV6,
    *_LINK,
    *ROUTING,
    *NHRP,
    *EDGE,
    *VOICE,
)

TUNNEL: Final[tuple[C, ...]] = (
    *BASE,
    C("tunnel source {<iface=source>|<ip=source>|<ipv6=source>|dynamic=source}", key=2),
    C("tunnel destination {<ip=destination>|<ipv6=destination>|dynamic=destination|"
      "<word=destination>}", key=2),
    C("tunnel mode {gre {ip|ipv6|multipoint [ipv6]}|ipsec {ipv4 [v6-overlay]|ipv6 [v4-overlay]|"
      "dual-overlay}|ipip [decapsulate-any]|ipv6ip [{6rd|6to4|auto-tunnel|isatap}]|ipv6|"
      "mpls [traffic-eng [point-to-multipoint]]|udp|vxlan [<rest>]}=mode", key=2),
    # MPLS TE head-end tunnels (MPLS Traffic Engineering Command Reference, "tunnel mpls
    # traffic-eng ..."): IOSv 15.9 prints them after ``tunnel destination``, one path option
    # or bundle member per line, and ``no routing dynamic`` last
    # (tests/fixtures/real/gh-jakubkkk12-cml-mpls-te-iosv r1, r4).
    C("tunnel mpls traffic-eng {autoroute {announce|metric <rest>|destination}|"
      "priority <int:0-7> [<int:0-7>]|bandwidth [{sub-pool|global}] <int:1-4294967295>|"
      "affinity <word> [mask <word>]|path-option [protect] <int:1-1000> {dynamic|explicit "
      "{name|identifier} <word>} [<rest>]|record-route|path-selection metric {te|igp}|"
      "exp-bundle {master|member <iface>}|exp {<int:0-7>}+|exp default|fast-reroute [<rest>]|"
      "forwarding-adjacency [<rest>]|load-share <rest>|auto-bw [<rest>]|lockdown|"
      "backup-bw <rest>}",
      key=r"^(tunnel mpls traffic-eng (?:exp-bundle member \S+|path-option(?: protect)? \d+"
          r"|autoroute \S+|\S+))"),
    C("routing dynamic", negation="shown"),
    # ``multiplexing`` and ``egress-only``/``ingress-only`` VRFs: Cisco's native data model of
    # IOS XE 17.6.1, Cisco-IOS-XE-tunnel.yang (``tunnel/vrf-config``).
    C("tunnel vrf {multiplexing=multiplexing|<word=vrf> [{egress-only|ingress-only}=direction]}",
      key=r"^(tunnel vrf)(?: \S+ (egress-only|ingress-only))?"),
    # Cisco IOS Security Command Reference, "tunnel protection": ``tunnel protection ipsec
    # profile NAME [shared] [isakmp-profile NAME | ikev2-profile NAME]``.
    C("tunnel protection ipsec profile <word=profile> [shared=shared]"
      " [{ikev2-profile <word=ikev2-profile>|isakmp-profile <word>}]", key=2),
    C("tunnel key <int:0-4294967295=key>", key=2),
    C("tunnel path-mtu-discovery [{age-timer {<int:10-30>|infinite}|min-mtu <int:92-65535>}]",
      key=2),
    # DMVPN: NHRP resolution over a preferred or mandatory underlay (DMVPN Tunnel Health
    # Monitoring and Recovery / "Per-Tunnel Route-Via" in the DMVPN configuration guide).
    C("tunnel route-via <iface> {mandatory|preferred}", key=2),
    C("tunnel ttl <int:1-255>", key=2),
    C("tunnel tos <int:0-255>", key=2),
    C("tunnel bandwidth {transmit|receive} <int:1-10000000>", key=3),
    C("tunnel checksum"),
    C("tunnel sequence-datagrams"),
    C("tunnel 6rd {prefix <ipv6pfx>|ipv4 prefix-len <int:0-31>|br <ip>}", key=3),
    # Cisco-IOS-XE-tunnel.yang (IOS XE 17.6.1): a QoS policy per NHRP/tunnel endpoint, GRE
    # entropy, NAT fix-up of the tunnel source, egress flow records.
    C("tunnel endpoint service-policy output <word>", key=3),
    C("tunnel entropy"),
    C("tunnel fixup nat"),
    C("tunnel flow egress-records"),
)

# The interface modes themselves are built by the package (``interface``, ``interface-tunnel``).
MODES: Final[tuple[Mode, ...]] = (
    Mode("controller-cellular", "config-controller", _CONTROLLER_CELLULAR),
)
