"""IGPs, static routes and BFD templates: ``router ospf``, ``router ospfv3``, ``router eigrp``
(classic and named), ``router rip``, ``ip route`` / ``ipv6 route``, ``bfd-template``.

Sources: Cisco IOS IP Routing: OSPF, OSPFv3, EIGRP, RIP and Protocol-Independent Command
References; IP Routing: BFD Configuration Guide, Cisco IOS XE 17 (``bfd-template single-hop``
with ``interval``, ``authentication``, ``echo``, ``dampening``; applied by the interface's
``bfd template``: BFD over DMVPN and FlexVPN tunnels); real configs in ``tests/fixtures/real``
(OSPF areas and filter lists, OSPFv3 address families, named EIGRP with
``af-interface``/``topology base`` on DMVPN hubs).
"""

from __future__ import annotations

from typing import Final

from flexorch.ios.cli.commands.common import SUBMODE_COMMON
from flexorch.ios.cli.syntax import Command as C
from flexorch.ios.cli.syntax import Mode

_AREA = "{<int:0-4294967295>|<ip>}"
_METRIC_TYPE = "[metric-type {1|2}]"
_SOURCES = ("{connected|static|bgp <asn>|eigrp <asn>|ospf <int:1-65535> [vrf <word>]|"
            "rip|isis [<word>]|odr|mobile|lisp|application <word>}")
_REDIST_OPTS = ("[metric {<int:0-16777214>|<int:1-4294967295> <int:0-4294967295> <int:0-255>"
                " <int:1-255> <int:1-65535>|transparent}] [metric-type {1|2|internal|external}]"
                " [match <rest>] [subnets] [tag <int:0-4294967295>] [route-map <word>]"
                " [nssa-only]")
_NAME = "name {<quoted>|<word>}"
_ROUTE_NAME = f"[{_NAME}]"

GLOBAL: Final[tuple[C, ...]] = (
    C("router ospf <int:1-65535> [vrf <word>]", key=3, opens="router-ospf"),
    C("router ospfv3 <int:1-65535> [vrf <word>]", key=3, opens="router-ospfv3"),
    # DNS names for OSPF router IDs in show output (OSPF Command Reference, "ip ospf
    # name-lookup"; its IPv6 form "ipv6 ospf name-lookup"): a global line after the NAT lines of
    # an IOS 12.4 router (tests/fixtures/real/gh-mpenning-ciscoconfparse-ios124-edge foo.cfg).
    C("ip ospf name-lookup"),
    C("ipv6 ospf name-lookup"),
    C("router eigrp {<asn>|<word>}", key=3, opens="router-eigrp"),
    C("router rip", key=2, opens="router-rip"),
    C("router odr", key=2),
    # IOS prints ``permanent`` before the name and ``track`` after it (gh-jclarkson-ipv6-ipsec-
    # ezvpn-dmvpn site-a.cfg, IOS 15.2: "... 100 permanent name X" and "... name Y track 1");
    # permanent and track exclude each other (Cisco IP Routing: Protocol-Independent Command
    # Reference, ip route: "[permanent | track number]").
    # The tag also follows them, as the command reference's syntax has it ("... [name
    # next-hop-name] [permanent | track number] [tag tag]").
    C("ip route [vrf <word>] <ip> <mask> {<ip>|<iface> [<ip>]|dhcp} [dhcp] [<int:1-255>]"
      f" [tag <int:1-4294967295>] [{{permanent {_ROUTE_NAME}|{_NAME} [{{permanent|track"
      f" <int:1-1000>}}]|track <int:1-1000> {_ROUTE_NAME}}}] [tag <int:1-4294967295>] [global]"
      " [multicast]"),
    C("ip route static bfd <rest>"),
    C("bfd-template {single-hop|multi-hop} <word>", key=2, opens="bfd-template"),
    # IPv6 static routes take the tag after the name too, and BFD for their next hops (IPv6
    # Command Reference, "ipv6 route"; IP Routing: BFD Command Reference, "ipv6 route static
    # bfd").
    C("ipv6 route [vrf <word>] <ipv6pfx> {<ipv6>|<iface> [<ipv6>]} [<int:1-254>]"
      f" [tag <int:1-4294967295>] {_ROUTE_NAME} [track <int:1-1000>] [tag <int:1-4294967295>]"
      " [multicast]"),
    C("ipv6 route static bfd [vrf <word>] <iface> <ipv6> [unassociated]"),
    C("ipv6 router ospf <int:1-65535>", key=4, opens="router-ospfv3"),
    C("ipv6 router eigrp <asn>", key=4, opens="router-eigrp"),
    C("ip default-gateway <ip>", key=2),
    C("ipv6 unicast-routing", negation="shown"),
    C("ip local pool <word=name> <ip=start> [<ip=end>] [group <word>] [cache-size <int:0-65535>]"),
    C("ipv6 local pool <word=name> <ipv6pfx=prefix> <int:1-128=length> [shared]"),
    C("ip default-network <ip>"),
    C("ip classless", negation="shown"),
    C("ip subnet-zero", negation="shown"),
    C("ip routing", negation="shown"),
    C("ip multicast-routing [{distributed|vrf <word> [distributed]}]"),
    C("ipv6 multicast-routing [vrf <word>]"),
    C("ip pim {rp-address <ip> [<rest>]|ssm {default|range <word>}|bsr-candidate <rest>|"
      "rp-candidate <rest>|autorp listener|register-source <iface>}"),
    # Bidirectional PIM (IP Multicast Command Reference, "ip pim bidir-enable"): a Catalyst
    # 8000V on 17.12 (tests/fixtures/real/gh-automateyournetwork-devnet-c8kv1712-sandbox-brief/
    # cat8000v.cfg).
    C("ip pim bidir-enable"),
    # The same per VRF (IP Multicast Command Reference, "ip pim vrf"): ``ip pim vrf USA ssm
    # default`` on IOS 15.0 mVPN PEs (tests/fixtures/real/gh-jclarkson-sp-pe-qos-mvpn-te).
    C("ip pim vrf <word> {rp-address <ip> [<rest>]|ssm {default|range <word>}|"
      "bsr-candidate <rest>|rp-candidate <rest>|autorp listener|register-source <iface>}"),
    # Auto-RP's candidate RPs and mapping agent (IP Multicast Command Reference, "ip pim
    # send-rp-announce" and "ip pim send-rp-discovery": an interface or address, the TTL scope
    # 1-255, a group list, the interval 1-16383 s), per VRF too; MSDP peers (IP Multicast
    # Command Reference, "ip msdp peer" with connect-source and remote-as, "ip msdp
    # cache-sa-state", "ip msdp originator-id", "ip msdp description", "ip msdp mesh-group",
    # "ip msdp sa-filter"); IPv6 PIM's static RP and BSR candidates (IPv6 Command Reference,
    # "ipv6 pim rp-address", "ipv6 pim bsr candidate bsr", "ipv6 pim bsr candidate rp"). A
    # CSR1000v on 16.9 prints ip pim [vrf VRF1] send-rp-announce Loopback0 scope 32, ...
    # send-rp-discovery Loopback0 scope 32, ip msdp [vrf VRF1] peer 2.2.2.2 connect-source
    # Loopback0, ip msdp [vrf VRF1] cache-sa-state, ipv6 pim [vrf VRF1] rp-address, bsr
    # candidate bsr / rp (tests/fixtures/real/gh-genielibs-csr1000v-169-r1xe/r1_xe.cfg).
    C("ip pim [vrf <word>] send-rp-announce {<iface>|<ip>} scope <int:1-255>"
      " [group-list <word>] [interval <int:1-16383>] [bidir]",
      key=r"^(ip pim (?:vrf \S+ )?send-rp-announce \S+)"),
    C("ip pim [vrf <word>] send-rp-discovery [<iface>] scope <int:1-255>"
      " [interval <int:1-16383>]", key=r"^(ip pim (?:vrf \S+ )?send-rp-discovery)"),
    C("ip msdp [vrf <word>] peer {<ip>|<word>} [connect-source <iface>] [remote-as <asn>]",
      key=r"^(ip msdp (?:vrf \S+ )?peer \S+)"),
    C("ip msdp [vrf <word>] {cache-sa-state|originator-id <iface>}",
      key=r"^(ip msdp (?:vrf \S+ )?\S+)"),
    C("ip msdp [vrf <word>] description {<ip>|<word>} <rest>",
      key=r"^(ip msdp (?:vrf \S+ )?description \S+)"),
    C("ip msdp [vrf <word>] mesh-group <word> {<ip>|<word>}"),
    C("ip msdp [vrf <word>] sa-filter {in|out} {<ip>|<word>} [{list <word>|route-map <word>}]",
      key=r"^(ip msdp (?:vrf \S+ )?sa-filter \S+ \S+)"),
    C("ipv6 pim [vrf <word>] rp-address <ipv6> [<word>] [bidir]",
      key=r"^(ipv6 pim (?:vrf \S+ )?rp-address \S+)"),
    C("ipv6 pim [vrf <word>] bsr candidate {bsr|rp} <ipv6> [<rest>]",
      key=r"^(ipv6 pim (?:vrf \S+ )?bsr candidate \S+)"),
)

_PASSIVE = ("passive-interface {default|<iface>}", "shown")
_DISTANCE = ("distance {<int:1-255> [<ip> <ip> [<word>]]|"
             "ospf {intra-area|inter-area|external} <rest>}")

_OSPF: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("router-id <ip>", key=1),
    # MPLS TE over OSPF and transit-prefix suppression (MPLS Traffic Engineering Command
    # Reference, "mpls traffic-eng router-id", "mpls traffic-eng area"; OSPF Command Reference,
    # "prefix-suppression"): IOS 15.0 PEs (tests/fixtures/real/gh-jclarkson-sp-pe-qos-mvpn-te),
    # IOS 15.2 with two TE areas (gh-jclarkson-sp-interas-mvpn-te r1, r4).
    C("mpls traffic-eng {router-id <iface>|area <word>|interface <iface> area <word>|"
      "mesh-group <rest>|multicast-intact}",
      key=r"^(mpls traffic-eng (?:interface \S+|area \S+|\S+))"),
    C("prefix-suppression", negation="shown"),
    # Segment routing over OSPF (Segment Routing Configuration Guide, IOS XE 17, "Segment Routing
    # With OSPFv2 Node SID": ``segment-routing mpls``, ``segment-routing area <id> mpls``,
    # ``segment-routing prefix-sid-map advertise-local``): a CSR1000v 17.3 prints the first and
    # the last right after ``router-id`` (tests/fixtures/real/gh-nickrusso-spauto2-csr173-sr-ospf).
    C(f"segment-routing {{mpls|area {_AREA} mpls}}", key=r"^(segment-routing (?:area \S+ )?mpls)"),
    C("segment-routing prefix-sid-map {advertise-local|receive [disable]}", key=2),
    C(f"network <ip> <ip> area {_AREA}"),
    C(f"area {_AREA} {{stub [no-summary]|nssa [<rest>]|authentication [message-digest]|"
      "range <ip> <mask> [{advertise|not-advertise}] [cost <int:0-16777215>]|"
      "filter-list prefix <word> {in|out}|default-cost <int:0-16777215>|"
      "virtual-link <ip> [<rest>]}",
      key=r"^(area \S+ (?:stub|nssa|authentication|default-cost)|area \S+ filter-list prefix"
          r" \S+ (?:in|out)|area \S+ range \S+ \S+|area \S+ virtual-link \S+)"),
    C(_PASSIVE[0], negation="shown"),
    C(f"default-information originate [always] [metric <int:0-16777214>] {_METRIC_TYPE}"
      " [route-map <word>]", key=2),
    C(f"redistribute {_SOURCES} {_REDIST_OPTS}", key=r"^(redistribute (?:\S+ \d+|\S+))"),
    C("summary-address <ip> <mask> [{not-advertise|tag <int:0-4294967295>}]",
      key=r"^(summary-address \S+ \S+)"),
    C("log-adjacency-changes [detail]", key=1, negation="shown"),
    C("auto-cost reference-bandwidth <int:1-4294967>", key=2),
    C("max-metric router-lsa [<rest>]", key=2),
    C(_DISTANCE, key=r"^(distance (?:ospf|\d+(?: \S+ \S+)?))"),
    C("distribute-list {<int:1-2699>|<word>|prefix <word>|route-map <word>} {in|out} [<rest>]",
      key=r"^(distribute-list) .* (in|out)"),
    C("timers {throttle {spf|lsa} <int:0-600000> <int:0-600000> <int:0-600000>|"
      "pacing {flood|lsa-group|retransmission} <int:0-1800>|lsa arrival <int:0-600000>}",
      key=r"^(timers \S+(?: \S+)?)"),
    C("bfd all-interfaces"),
    C("maximum-paths <int:1-32>", key=1),
    C("neighbor <ip> [priority <int:0-255>] [poll-interval <int:0-65535>] [cost <int:1-65535>]",
      key=2),
    C("capability {opaque|lls|transit|vrf-lite}", negation="shown"),
    C("ispf"),
    C("nsf [{cisco|ietf}] [<rest>]", key=1),
    C("shutdown"),
    C("prefix-suppression"),
    C("domain-id <rest>", key=1),
    C("mpls ldp {autoconfig [area <rest>]|sync}"),
    C("fast-reroute per-prefix <rest>"),
    C("discard-route [{internal|external}] [<int:1-255>]", negation="shown"),
    C("compatible rfc1583", negation="shown"),
    C("default-metric <int:1-16777214>", key=1),
    # The link-state database handed to BGP-LS (IP Routing: BGP Configuration Guide, "BGP-Link
    # State"; under OSPF in a 16.9 CSR1000v:
    # tests/fixtures/real/gh-jclarkson-ansible-csr-bmp-bgpls).
    C("distribute link-state [instance-id <int:32-4294967295>] [throttle <int:1-3600>]", key=2),
    # LSA database protection and legacy tuning (IP Routing: OSPF Command Reference, "max-lsa",
    # "ignore lsa mospf", "event-log", "limit retransmissions", "queue-depth").
    C("max-lsa <int:1-4294967294> [<int:1-100>] [{warning-only|ignore-time <int:1-17895>|"
      "ignore-count <int:1-65534>|reset-time <int:2-17895>}]+", key=1),
    C("ignore lsa mospf"),
    C("{event-log|limit retransmissions|queue-depth} <rest>", key=r"^(event-log|limit \S+|"
      r"queue-depth \S+)"),
)

_OSPFV3: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("router-id <ip>", key=1),
    C(f"area {_AREA} {{stub [no-summary]|nssa [<rest>]|range <ipv6pfx> [<rest>]|"
      "filter-list prefix <word> {in|out}|authentication <rest>|encryption <rest>}",
      key=r"^(area \S+ (?:stub|nssa|authentication|encryption)|area \S+ filter-list prefix"
          r" \S+ (?:in|out)|area \S+ range \S+)"),
    C(_PASSIVE[0], negation="shown"),
    C("log-adjacency-changes [detail]", key=1, negation="shown"),
    C("auto-cost reference-bandwidth <int:1-4294967>", key=2),
    C("bfd all-interfaces"),
    C("address-family {ipv4|ipv6} [unicast] [vrf <word>]", key=r"^(address-family \S+)",
      opens="ospfv3-af"),
    C(f"redistribute {_SOURCES} [{_REDIST_OPTS}] [include-connected]",
      key=r"^(redistribute (?:\S+ \d+|\S+))"),
    C(f"default-information originate [always] [metric <int:0-16777214>] {_METRIC_TYPE}"
      " [route-map <word>]", key=2),
    C("maximum-paths <int:1-32>", key=1),
    C("timers <rest>", key=2),
    # The administrative distance of OSPFv3 routes (IPv6 Command Reference, "distance (OSPFv3)"):
    # IOL 15.5, ``distance 210`` under ``ipv6 router ospf 1``
    # (tests/fixtures/real/gh-degreekeeper-otus-less16-ipsec r14).
    C("distance {<int:1-254>|ospf <rest>}", key=r"^(distance(?: ospf)?)"),
    # LSA database protection of an OSPFv3 process and address family (OSPFv3 Command
    # Reference, "max-lsa"; genieparser's real "show running-config | section ospfv3" of an
    # IOS XE router prints ``max-lsa 3300 ignore-time 34 reset-time 22 ignore-count 98``).
    C("max-lsa <int:1-4294967294> [<int:1-100>] [{warning-only|ignore-time <int:1-17895>|"
      "ignore-count <int:1-65534>|reset-time <int:2-17895>}]+", key=1),
    C("nsr"),
    C("graceful-restart [<rest>]", key=1),
    # IPv6 route filtering of the OSPFv3 process (IPv6 Command Reference, "distribute-list
    # prefix-list (IPv6 OSPF)"): an IOS 15.4 ABR prints it between ``router-id`` and
    # ``default-information`` (tests/fixtures/real/gh-gervold-otus-lab14-gre-dmvpn-ipsec r15).
    C("distribute-list prefix-list <word> {in|out} [<iface>]",
      key=r"^(distribute-list) .* (in|out)(?: (\S+))?$"),
)

_OSPFV3_AF: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("exit-address-family", action="exit"),
    C("router-id <ip>", key=1),
    C(f"area {_AREA} {{stub [no-summary]|nssa [<rest>]|range {{<ipv6pfx>|<ip> <mask>}} [<rest>]|"
      "filter-list prefix <word> {in|out}|default-cost <int:0-16777215>}",
      key=r"^(area \S+ (?:stub|nssa|default-cost)|area \S+ filter-list prefix \S+ (?:in|out)|"
          r"area \S+ range \S+)"),
    C(_PASSIVE[0], negation="shown"),
    C(f"redistribute {_SOURCES} [{_REDIST_OPTS}] [include-connected]",
      key=r"^(redistribute (?:\S+ \d+|\S+))"),
    C(f"default-information originate [always] [metric <int:0-16777214>] {_METRIC_TYPE}"
      " [route-map <word>]", key=2),
    C("summary-prefix <ipv6pfx> [<rest>]"),
    C("summary-address <ip> <mask> [<rest>]"),
    C("maximum-paths <int:1-32>", key=1),
    C("distance {<int:1-255>|ospf <rest>}", key=r"^(distance(?: ospf)?)"),
    C("distribute-list prefix-list <word> {in|out} [<iface>]",
      key=r"^(distribute-list) .* (in|out)"),
    C("log-adjacency-changes [detail]", key=1, negation="shown"),
    C("bfd all-interfaces"),
    C("timers <rest>", key=2),
    C("max-lsa <int:1-4294967294> [<int:1-100>] [{warning-only|ignore-time <int:1-17895>|"
      "ignore-count <int:1-65534>|reset-time <int:2-17895>}]+", key=1),
    # The cap on redistributed prefixes (OSPFv3 Command Reference, "redistribute maximum-prefix":
    # ``redistribute maximum-prefix MAX [THRESHOLD] [warning-only]``).
    C("redistribute maximum-prefix <int:1-4294967295> [<int:1-100>] [warning-only]", key=2),
)

# An EIGRP route filter, per direction and interface: IPv4 names a prefix list with ``prefix``,
# IPv6 (``ipv6 router eigrp``, a named mode's IPv6 address family) with ``prefix-list`` (EIGRP
# Command Reference, "distribute-list prefix-list (IPv6 EIGRP)"; an IOS 15.4 named-mode IPv6
# topology, tests/fixtures/real/gh-sirmysterion-techpatix-zbf-6in4). A list per interface is a
# setting of its own.
_EIGRP_DISTRIBUTE = ("distribute-list {<int:1-2699>|<word>|prefix <word>|prefix-list <word>|"
                     "route-map <word>} {in|out} [<iface>]")
_DISTRIBUTE_KEY = r"^(distribute-list) .* (in|out)(?: (\S+))?$"

# EIGRP classic (``router eigrp 100``) and named (``router eigrp NAME`` + address families).
_EIGRP: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("network <ip> [<ip>]"),
    C("eigrp router-id <ip>", key=2),
    C("eigrp stub [{connected|summary|static|redistributed|leak-map <word>|receive-only}]+",
      key=2),
    C("eigrp log-neighbor-changes", negation="shown"),
    C("eigrp log-neighbor-warnings [<int:1-65535>]", negation="shown"),
    C("auto-summary", negation="shown"),
    C(_PASSIVE[0], negation="shown"),
    C(f"redistribute {_SOURCES} {_REDIST_OPTS}", key=r"^(redistribute (?:\S+ \d+|\S+))"),
    C("variance <int:1-128>", key=1),
    C("maximum-paths <int:1-32>", key=1),
    C("metric weights <int:0-8> <int:0-256> <int:0-256> <int:0-256> <int:0-256> <int:0-256>",
      key=2),
    C("default-metric <int:1-4294967295> <int:0-4294967295> <int:0-255> <int:1-255>"
      " <int:1-65535>", key=1),
    C("distance {<int:1-255> [<ip> <ip>]|eigrp <int:1-255> <int:1-255>}",
      key=r"^(distance(?: eigrp)?)"),
    C(_EIGRP_DISTRIBUTE, key=_DISTRIBUTE_KEY),
    C("neighbor <ip> <iface>"),
    C("offset-list <rest>"),
    C("timers active-time {<int:1-65535>|disabled}", key=2),
    # a classic EIGRP process shut down: shown by IOS 15.4 (tests/fixtures/real/
    # gh-moskovchenko-otus-lab14-dmvpn-pki/r18.cfg, ``router eigrp 1`` / `` shutdown``)
    C("shutdown"),
    C("address-family {ipv4|ipv6} [unicast] [vrf <word>] autonomous-system <asn>",
      key=r"^(address-family \S+(?: unicast)?(?: vrf \S+)?) autonomous-system",
      opens="eigrp-af"),
    C("address-family {ipv4|ipv6} vrf <word>", key=4, opens="eigrp-af"),
    # The Service Advertisement Framework instance of a named EIGRP process (EIGRP Command
    # Reference, "service-family", "exit-service-family", "sf-interface", "exit-sf-interface",
    # "exit-sf-topology"): IOL 15.2 and 15.4 print ``service-family ipv4 autonomous-system 1``
    # with an empty `` topology base`` / ``exit-sf-topology`` after the address families
    # (tests/fixtures/real/gh-rain360z-otus-lab08-eigrp-named-saf-iol152 r16, r17).
    C("service-family {ipv4|ipv6} [vrf <word>] autonomous-system <asn>",
      key=r"^(service-family \S+(?: vrf \S+)?) autonomous-system", opens="eigrp-sf"),
)

_EIGRP_AF: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("exit-address-family", action="exit"),
    C("autonomous-system <asn>", key=1),
    C("af-interface {default|<iface>}", key=2, opens="eigrp-af-if"),
    C("topology {base|<word> tid <int:1-65535>}", key=2, opens="eigrp-topology"),
    C("network <ip> [<ip>]"),
    C("eigrp router-id <ip>", key=2),
    C("eigrp stub [{connected|summary|static|redistributed|leak-map <word>|receive-only}]+",
      key=2),
    C("metric {weights <rest>|rib-scale <int:1-255>|maximum-hops <int:1-255>}",
      key=r"^(metric \S+)"),
    C("neighbor <ip> <iface> [<rest>]"),
    C("redistribute {connected|static|bgp <asn>|ospf <int:1-65535>|eigrp <asn>} [<rest>]",
      key=r"^(redistribute (?:\S+ \d+|\S+))"),
    C("maximum-prefix <rest>", key=1),
    C("shutdown"),
    C("timers <rest>", key=2),
)

_EIGRP_AF_IF: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("exit-af-interface", action="exit"),
    C("passive-interface", negation="shown"),
    C("split-horizon", negation="default-on"),
    C("next-hop-self [no-ecmp-mode]", negation="default-on"),
    C("hello-interval <int:1-65535>", key=1),
    C("hold-time <int:1-65535>", key=1),
    C("authentication mode {md5|hmac-sha-256 {[{0|7}] <word>}}", key=2),
    C("authentication key-chain <word>", key=2),
    C("summary-address {<ip> <mask>|<pfx>|<ipv6pfx>} [<rest>]"),
    C("bandwidth-percent <int:1-999999>", key=1),
    C("bfd"),
    C("dampening-change [<int:1-100>]", key=1),
    C("dampening-interval [<int:1-65535>]", key=1),
    C("shutdown"),
    C("stub-site wan-interface"),
)

_EIGRP_TOPOLOGY: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("exit-af-topology", action="exit"),
    C(f"redistribute {_SOURCES} {_REDIST_OPTS}", key=r"^(redistribute (?:\S+ \d+|\S+))"),
    C("variance <int:1-128>", key=1),
    C("maximum-paths <int:1-32>", key=1),
    C("default-metric <int:1-4294967295> <int:0-4294967295> <int:0-255> <int:1-255>"
      " <int:1-65535>", key=1),
    # Exterior default routes in and out of the topology (EIGRP Command Reference,
    # "default-information"): allowed by default, so ``no default-information out`` is stored
    # and shown (IOL 15.4: tests/fixtures/real/gh-alxblv-otus-lab08-eigrp-named-subifs-iol154
    # r16); the allowed form takes an ACL of the defaults allowed.
    C("default-information {in|out} [{<int:1-99>|<word>}]",
      key=r"^(default-information \S+)", negation="default-on"),
    C("distance eigrp <int:1-255> <int:1-255>", key=2),
    C(_EIGRP_DISTRIBUTE, key=_DISTRIBUTE_KEY),
    C("summary-metric <rest>"),
    C("auto-summary", negation="shown"),
    C("eigrp log-neighbor-changes", negation="shown"),
    C("eigrp log-neighbor-warnings [<int:1-65535>]", negation="shown"),
    C("fast-reroute per-prefix <rest>"),
    C("timers <rest>", key=2),
    C("traffic-share {balanced|min across-interfaces}", key=1),
)

# A named EIGRP service family (SAF): its interfaces and its base topology.
_EIGRP_SF: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("exit-service-family", action="exit"),
    C("sf-interface {default|<iface>}", key=2, opens="eigrp-sf-if"),
    C("topology base", key=2, opens="eigrp-sf-topology"),
    C("eigrp router-id <ip>", key=2),
    C("eigrp stub [{connected|summary|static|redistributed|leak-map <word>|receive-only}]+",
      key=2),
    C("eigrp log-neighbor-changes", negation="shown"),
    C("eigrp log-neighbor-warnings [<int:1-65535>]", negation="shown"),
    C("metric {weights <rest>|maximum-hops <int:1-255>}", key=r"^(metric \S+)"),
    C("neighbor <ip> <iface> [<rest>]"),
    C("remote-neighbors <rest>"),
    C("timers <rest>", key=2),
    C("shutdown"),
)

_EIGRP_SF_IF: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("exit-sf-interface", action="exit"),
    C("passive-interface", negation="shown"),
    C("split-horizon", negation="default-on"),
    C("hello-interval <int:1-65535>", key=1),
    C("hold-time <int:1-65535>", key=1),
    C("authentication mode {md5|hmac-sha-256 {[{0|7}] <word>}}", key=2),
    C("authentication key-chain <word>", key=2),
    C("bandwidth-percent <int:1-999999>", key=1),
    C("shutdown"),
)

_EIGRP_SF_TOPOLOGY: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("exit-sf-topology", action="exit"),
    C("timers <rest>", key=2),
    C("maximum-service <int:1-4294967295>", key=1),
)

_RIP: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("version {1|2}", key=1),
    C("network <ip>"),
    C("auto-summary", negation="shown"),
    C(_PASSIVE[0], negation="shown"),
    C(f"redistribute {_SOURCES} [<rest>]", key=r"^(redistribute (?:\S+ \d+|\S+))"),
    C("default-information originate [route-map <word>]", key=2),
    C("timers basic <int:0-4294967295> <int:1-4294967295> <int:0-4294967295>"
      " <int:1-4294967295>", key=2),
    C("address-family ipv4 vrf <word>", key=4, opens="rip-af"),
)

_RIP_AF: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("exit-address-family", action="exit"),
    C("version {1|2}", key=1),
    C("network <ip>"),
    C("auto-summary", negation="shown"),
    C(f"redistribute {_SOURCES} [<rest>]", key=r"^(redistribute (?:\S+ \d+|\S+))"),
)

_BFD_TEMPLATE: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("interval [microseconds] {both <int:4-9999>|min-tx <int:4-9999> min-rx <int:4-9999>}"
      " multiplier <int:3-50>", key=1),
    C("authentication {md5|meticulous-md5|sha-1|meticulous-sha-1} keychain <word>", key=1),
    # ``echo`` is stored and shown in the template: IOSv 15.9 and a CSR1000v on IOS XE 17.3
    # print it under ``bfd-template single-hop`` (tests/fixtures/real/gh-jakubkkk12-cml-mpls-te-
    # iosv, gh-jakubkkk12-cml-dmvpn05-csr17-bfd); ``no echo`` turns echo mode off.
    C("echo", negation="shown"),
    C("dampening [<rest>]", key=1),
)

MODES: Final[tuple[Mode, ...]] = (
    Mode("router-ospf", "config-router", _OSPF),
    Mode("router-ospfv3", "config-router", _OSPFV3),
    Mode("ospfv3-af", "config-router-af", _OSPFV3_AF),
    Mode("router-eigrp", "config-router", _EIGRP),
    Mode("eigrp-af", "config-router-af", _EIGRP_AF),
    Mode("eigrp-af-if", "config-router-af-interface", _EIGRP_AF_IF),
    Mode("eigrp-topology", "config-router-af-topology", _EIGRP_TOPOLOGY),
    Mode("eigrp-sf", "config-router-sf", _EIGRP_SF),
    Mode("eigrp-sf-if", "config-router-sf-interface", _EIGRP_SF_IF),
    Mode("eigrp-sf-topology", "config-router-sf-topology", _EIGRP_SF_TOPOLOGY),
    Mode("router-rip", "config-router", _RIP),
    Mode("rip-af", "config-router-af", _RIP_AF),
    Mode("bfd-template", "config-bfd", _BFD_TEMPLATE),
)
