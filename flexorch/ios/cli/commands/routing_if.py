"""Routing-protocol settings on interfaces: OSPF, OSPFv3, EIGRP (classic), RIP, IS-IS, BFD.

Sources: Cisco IOS IP Routing: OSPF Command Reference (ip ospf *, ipv6 ospf *, ospfv3 *); IP
Routing: EIGRP Command Reference (ip split-horizon eigrp, ip next-hop-self eigrp,
ip summary-address eigrp, ip hello-interval eigrp); real configs in ``tests/fixtures/real``
(``ip ospf 1 area 0``, ``ospfv3 1 ipv6 area 0``, ``no ip split-horizon eigrp 100`` on DMVPN hubs).
"""

from __future__ import annotations

from typing import Final

from flexorch.ios.cli.syntax import Command as C

_AREA = "{<int:0-4294967295>|<ip>}"
_OSPF_NET = "{broadcast|non-broadcast|point-to-point|point-to-multipoint [non-broadcast]}"
_KEY = "[{0|7}] <word>"

INTERFACE: Final[tuple[C, ...]] = (
    # --- OSPFv2 ---
    C(f"ip ospf <int:1-65535> area {_AREA} [secondaries none]", key=2),
    C("ip ospf cost <int:1-65535>", key=3),
    # No advertisement of the link's own prefix (OSPF Command Reference, "ip ospf
    # prefix-suppression"): IOS 15.0 core links
    # (tests/fixtures/real/gh-jclarkson-sp-pe-qos-mvpn-te).
    C("ip ospf prefix-suppression [disable]", key=3),
    C("ip ospf priority <int:0-255>", key=3),
    C("ip ospf hello-interval <int:1-65535>", key=3),
    C("ip ospf dead-interval {<int:1-65535>|minimal hello-multiplier <int:3-20>}", key=3),
    C("ip ospf retransmit-interval <int:1-65535>", key=3),
    C("ip ospf transmit-delay <int:1-65535>", key=3),
    C(f"ip ospf network {_OSPF_NET}", key=3),
    C("ip ospf authentication [{message-digest|null|key-chain <word>}]", key=3),
    C(f"ip ospf authentication-key {_KEY}", key=3),
    C(f"ip ospf message-digest-key <int:1-255> md5 {_KEY}", key=4),
    C("ip ospf mtu-ignore"),
    C("ip ospf bfd [disable]", key=3),
    C("ip ospf demand-circuit"),
    C("ip ospf database-filter all out"),
    C("ip ospf flood-reduction"),
    C("ip ospf resync-timeout <int:1-65535>", key=3),
    C("ip ospf shutdown"),
    C("ip ospf lls [disable]", key=3),
    C("ip ospf fast-reroute per-prefix <rest>"),
    C("ip ospf ttl-security [hops <int:1-254>]", key=3),
    # --- OSPFv3 (ipv6 ospf: the traditional form; ospfv3: the address-family form) ---
    C(f"ipv6 ospf <int:1-65535> area {_AREA} [instance <int:0-255>]", key=2),
    C("ipv6 ospf cost <int:1-65535>", key=3),
    C("ipv6 ospf priority <int:0-255>", key=3),
    C("ipv6 ospf hello-interval <int:1-65535>", key=3),
    C("ipv6 ospf dead-interval <int:1-65535>", key=3),
    C(f"ipv6 ospf network {_OSPF_NET}", key=3),
    C("ipv6 ospf mtu-ignore"),
    C("ipv6 ospf bfd [disable]", key=3),
    C("ipv6 ospf authentication <rest>", key=3),
    C("ipv6 ospf encryption <rest>", key=3),
    C(f"ospfv3 <int:1-65535> {{ipv4|ipv6}} area {_AREA} [instance <int:0-255>]",
      key=r"^(ospfv3 \d+ \S+) area"),
    C("ospfv3 [<int:1-65535>] [{ipv4|ipv6}] {cost <int:1-65535>|priority <int:0-255>|"
      f"hello-interval <int:1-65535>|dead-interval <int:1-65535>|network {_OSPF_NET}|mtu-ignore|"
      "retransmit-interval <int:1-65535>|transmit-delay <int:1-65535>|bfd [disable]|"
      "demand-circuit|flood-reduction|shutdown}",
      key=r"^(ospfv3(?: \d+)?(?: ipv[46])? (?:cost|priority|hello-interval|dead-interval|"
          r"network|mtu-ignore|retransmit-interval|transmit-delay|bfd|demand-circuit|"
          r"flood-reduction|shutdown))"),
    C("ospfv3 authentication <rest>", key=2),
    C("ospfv3 encryption <rest>", key=2),
    # --- EIGRP (classic) ---
    C("ip split-horizon eigrp <asn>", negation="default-on"),
    C("ip split-horizon", negation="default-on"),
    C("ip next-hop-self eigrp <asn>", negation="default-on"),
    C("ip hello-interval eigrp <asn> <int:1-65535>", key=4),
    C("ip hold-time eigrp <asn> <int:1-65535>", key=4),
    C("ip summary-address eigrp <asn> <ip> <mask> [<int:1-255>] [leak-map <word>]"),
    C("ip authentication mode eigrp <asn> md5", key=5),
    C("ip authentication key-chain eigrp <asn> <word>", key=5),
    C("ipv6 eigrp <asn>", key=2),
    C("ipv6 split-horizon eigrp <asn>", negation="default-on"),
    C("ipv6 next-hop-self eigrp <asn>", negation="default-on"),
    C("ipv6 hello-interval eigrp <asn> <int:1-65535>", key=4),
    C("ipv6 hold-time eigrp <asn> <int:1-65535>", key=4),
    C("ipv6 summary-address eigrp <asn> <ipv6pfx> [<int:1-255>]"),
    C("ipv6 authentication {mode eigrp <asn> md5|key-chain eigrp <asn> <word>}", key=5),
    # --- RIP, IS-IS ---
    C("ip rip {send|receive} version {1|2}+", key=3),
    C("ip rip authentication {mode {text|md5}|key-chain <word>}", key=4),
    C("ip router isis [<word>]", key=3),
    C("ipv6 router isis [<word>]", key=3),
    C("isis {circuit-type {level-1|level-1-2|level-2-only}|metric <int:1-16777214> [<rest>]|"
      "network point-to-point|password <word> [<rest>]|priority <int:0-127> [<rest>]|"
      "hello-interval <rest>|authentication <rest>}", key=2),
    # BFD for the interface's IS-IS adjacencies (IP Routing: ISIS Command Reference, "isis
    # bfd"): IOSv 15.9, tests/fixtures/real/gh-jakubkkk12-cml-mpls-te-iosv.
    C("isis bfd [disable]", key=2),
    # --- BFD, PIM handled with the interface itself ---
)
