"""BGP: ``router bgp`` with neighbors, peer groups, peer templates, dynamic neighbors
(``bgp listen range``, used by DMVPN and FlexVPN hubs) and address families.

Sources: Cisco IOS IP Routing: BGP Command Reference; BGP Configuration Guide ("Configuring a
Basic BGP Network", "BGP Dynamic Neighbors", "Configuring Peer Templates"); real configs in
``tests/fixtures/real`` (hub route reflectors with ``bgp listen range``, AS-path filters,
IPv6 neighbors under ``address-family ipv6``).
"""

from __future__ import annotations

from typing import Final

from flexorch.ios.cli.commands.common import SUBMODE_COMMON
from flexorch.ios.cli.syntax import Command as C
from flexorch.ios.cli.syntax import Mode

_PEER = "{<ip>|<ipv6>|<word>}"
_NKEY = r"^(neighbor \S+ {0})"

# Session settings of a neighbor (router bgp level, and peer-session templates without the
# ``neighbor X`` prefix).
_SESSION: Final[tuple[tuple[str, str | None], ...]] = (
    ("remote-as <asn> [alternate-as <rest>]", "remote-as"),
    ("peer-group [<word>]", "peer-group"),
    ("description <rest>", "description"),
    ("update-source <iface>", "update-source"),
    ("ebgp-multihop [<int:1-255>]", "ebgp-multihop"),
    ("timers <int:0-65535> <int:0-65535> [<int:0-65535>]", "timers"),
    ("password [{0|7}] <word>", "password"),
    ("shutdown [graceful <int:30-65535>]", "shutdown"),
    ("fall-over [{bfd [{single-hop|multi-hop|strict-mode}]|route-map <word>}]", "fall-over"),
    ("local-as <asn> [no-prepend] [replace-as] [dual-as]", "local-as"),
    ("disable-connected-check", None),
    ("ttl-security hops <int:1-254>", "ttl-security"),
    ("version <int:4-4>", "version"),
    # ``transport connection-mode`` and ``transport path-mtu-discovery`` are two settings, each
    # single-valued: one peer-session template holds both
    # (tests/fixtures/real/gh-rakenit-flexvpn-radius-dvti/hub-01.cfg)
    ("transport {connection-mode {active|passive}|path-mtu-discovery [disable]|multi-session|"
     "single-session}", r"transport(?: connection-mode| path-mtu-discovery)?"),
    ("inherit peer-session <word> [<int:1-65535>]", "inherit peer-session"),
    ("capability orf prefix-list {send|receive|both}", "capability orf prefix-list"),
    ("dont-capability-negotiate", None),
    ("ha-mode {sso|graceful-restart [disable]}", None),
    ("cluster-id {<ip>|<int:1-4294967295>}", "cluster-id"),
    # Command Reference "neighbor log-neighbor-changes"; a peer-session template with it:
    # tests/fixtures/real/gh-rakenit-flexvpn-radius-dvti/hub-01.cfg
    ("log-neighbor-changes [disable]", "log-neighbor-changes"),
)

# Per-address-family settings of a neighbor (and peer-policy templates).
_POLICY: Final[tuple[tuple[str, str | None], ...]] = (
    ("activate", "activate"),
    ("route-map <word> {in|out}", None),
    ("prefix-list <word> {in|out}", None),
    ("filter-list <int:1-500> {in|out}", None),
    ("distribute-list {<int:1-2699>|<word>} {in|out}", None),
    ("next-hop-self [all]", "next-hop-self"),
    ("next-hop-unchanged [allpaths]", "next-hop-unchanged"),
    ("route-reflector-client", "route-reflector-client"),
    ("send-community [{both|standard|extended|large|all}]", "send-community"),
    ("soft-reconfiguration inbound", "soft-reconfiguration"),
    ("default-originate [route-map <word>]", "default-originate"),
    ("maximum-prefix <int:1-2147483647> [<int:1-100>] [{restart <int:1-65535>|warning-only}]",
     "maximum-prefix"),
    ("allowas-in [<int:1-10>]", "allowas-in"),
    # The link bandwidth extended community for unequal-cost eBGP multipath (BGP Command
    # Reference, "neighbor dmzlink-bw"): an IOS 15.0 PE's address family
    # (tests/fixtures/real/gh-jclarkson-sp-pe-qos-mvpn-te pe1, pe2).
    ("dmzlink-bw", "dmzlink-bw"),
    # A route server's clients (BGP Command Reference, "neighbor route-server-client"): IOS 15.2
    # (tests/fixtures/real/gh-jclarkson-bgp-route-server r6).
    ("route-server-client [context <word>]", "route-server-client"),
    ("weight <int:0-65535>", "weight"),
    ("as-override [split-horizon]", "as-override"),
    ("remove-private-as [all [replace-as]]", "remove-private-as"),
    ("unsuppress-map <word>", "unsuppress-map"),
    ("advertisement-interval <int:0-600>", "advertisement-interval"),
    ("inherit peer-policy <word> [<int:1-65535>]", "inherit peer-policy"),
    ("send-label [explicit-null]", "send-label"),
    ("additional-paths {send [receive]|receive|disable}", "additional-paths"),
    ("advertise {additional-paths <rest>|best-external|diverse-path <rest>}", None),
    ("capability orf prefix-list {send|receive|both}", "capability orf prefix-list"),
    ("slow-peer <rest>", None),
    ("aigp", None),
    # Command Reference "neighbor soo" (site of origin, an extended community ASN:nn or IP:nn);
    # a peer-policy template with it: tests/fixtures/real/gh-rakenit-flexvpn-radius-dvti/hub-01.cfg
    ("soo <word>", "soo"),
)


def _neighbor_rows(rows: tuple[tuple[str, str | None], ...]) -> tuple[C, ...]:
    """``neighbor <peer> <setting>`` rows; settings with a name are single-valued per peer
    (``neighbor X route-map M in`` is keyed by direction)."""
    out = []
    for syntax, single in rows:
        if single is None and syntax.endswith("{in|out}"):
            word = syntax.split()[0]
            key: str | None = rf"^(neighbor \S+ {word}) \S+ (in|out)$"
        elif single is None:
            key = None
        else:
            key = _NKEY.format(single)
        out.append(C(f"neighbor {_PEER} {syntax}", key=key,
                     negation="shown" if single == "activate" else None))
    return tuple(out)


def _template_rows(rows: tuple[tuple[str, str | None], ...]) -> tuple[C, ...]:
    return tuple(C(syntax, key=None if single is None else rf"^({single})\b")
                 for syntax, single in rows)


_NETWORK = ("network {<ip> [mask <mask>]|<ipv6pfx>} [route-map <word>] [backdoor]",
            r"^(network \S+(?: mask \S+)?)")
_REDISTRIBUTE = ("redistribute {connected|static|ospf <int:1-65535> [vrf <word>]|"
                 "ospfv3 <int:1-65535>|eigrp <asn>|rip|isis [<word>]|lisp|odr|mobile}"
                 " [match <rest>] [metric <int:0-4294967295>] [route-map <word>]"
                 " [include-connected]", r"^(redistribute (?:\S+ \d+|\S+))")
_AF_COMMON: Final[tuple[C, ...]] = (
    C(_NETWORK[0], key=_NETWORK[1]),
    C(_REDISTRIBUTE[0], key=_REDISTRIBUTE[1]),
    C("aggregate-address {<ip> <mask>|<ipv6pfx>} [as-set] [summary-only] [<rest>]",
      key=r"^(aggregate-address \S+(?: \d+\.\d+\.\d+\.\d+)?)"),
    C("maximum-paths [{ibgp|eibgp}] <int:1-32>", key=r"^(maximum-paths(?: ibgp| eibgp)?)"),
    C("distance bgp <int:1-255> <int:1-255> <int:1-255>", key=2),
    C("default-information originate", negation="shown"),
    C("default-metric <int:0-4294967295>", key=1),
    C("auto-summary", negation="shown"),
    C("synchronization", negation="shown"),
    C("table-map <word> [filter]", key=1),
    C("bgp redistribute-internal", negation="shown"),
    C("bgp dampening [<rest>]", key=2),
    # ``select`` and ``send``/``receive`` are two settings, shown one per line (BGP Command
    # Reference, "bgp additional-paths"; IOS 15.2, tests/fixtures/real/gh-jclarkson-bgp-multicast-
    # ssm r4: ``bgp additional-paths select all`` / ``bgp additional-paths send receive``).
    C("bgp additional-paths <rest>", key=r"^(bgp additional-paths \S+)"),
    C("bgp nexthop {trigger <rest>|route-map <word>}", key=3),
    C("bgp scan-time <int:5-60>", key=2),
    C("bgp suppress-inactive"),
    # DMZ link bandwidth for unequal-cost multipath (BGP Command Reference, "bgp dmzlink-bw"):
    # CSR1000v 16.6 edge routers (tests/fixtures/real/gh-ipspace-netlab-bgp-dmz-bw-csr166/e1.cfg).
    C("bgp dmzlink-bw"),
    # Slow-peer detection per address family (BGP Command Reference, "bgp slow-peer"): a
    # CSR1000v 17.3 route reflector's vpnv4 family
    # (tests/fixtures/real/gh-anggrdwjy-csr173-mpls-backbone/4-rr.cfg).
    C("bgp slow-peer {detection [threshold <int:120-3600>]|split-update-group dynamic "
      "[permanent]}", key=r"^(bgp slow-peer \S+)"),
    C("import path <rest>"),
    C("neighbor <word> peer-group"),
    *_neighbor_rows(_POLICY),
    C(f"neighbor {_PEER} remote-as <asn>", key=_NKEY.format("remote-as")),
    C(f"neighbor {_PEER} peer-group <word>", key=_NKEY.format("peer-group")),
    C(f"neighbor {_PEER} description <rest>", key=_NKEY.format("description")),
    C(f"neighbor {_PEER} update-source <iface>", key=_NKEY.format("update-source")),
    C(f"neighbor {_PEER} ebgp-multihop [<int:1-255>]", key=_NKEY.format("ebgp-multihop")),
    C(f"neighbor {_PEER} timers <int:0-65535> <int:0-65535> [<int:0-65535>]",
      key=_NKEY.format("timers")),
    C(f"neighbor {_PEER} password [{{0|7}}] <word>", key=_NKEY.format("password")),
    # A VRF's neighbors take their session template inside ``address-family ipv4 vrf``
    # (BGP Configuration Guide, "Configuring Peer Session Templates";
    # tests/fixtures/real/gh-rakenit-flexvpn-radius-dvti/hub-01.cfg)
    C(f"neighbor {_PEER} inherit peer-session <word> [<int:1-65535>]",
      key=_NKEY.format("inherit peer-session")),
)

GLOBAL: Final[tuple[C, ...]] = (
    C("router bgp <asn>", key=3, opens="router-bgp"),
)

_BGP: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("bgp router-id {<ip>|interface <iface>|vrf auto-assign}", key=2),
    C("bgp log-neighbor-changes", negation="shown"),
    # ``ipv6-nexthop``: BGP Command Reference, "bgp default ipv6-nexthop" (IPv6 peers over IPv4).
    C("bgp default {ipv4-unicast|route-target filter|ipv6-nexthop}", negation="shown"),
    C("bgp default local-preference <int:0-4294967295>", key=3),
    C("bgp listen range {<pfx>|<ipv6pfx>} peer-group <word>", key=4),
    C("bgp listen limit <int:1-2000>", key=3),
    C("bgp bestpath {as-path {multipath-relax|ignore}|compare-routerid|"
      "med {confed|missing-as-worst}+|"
      "cost-community ignore|igp-metric ignore|aigp ignore}",
      key=r"^(bgp bestpath \S+(?: \S+)?)"),
    C("bgp always-compare-med"),
    C("bgp deterministic-med"),
    C("bgp cluster-id {<ip>|<int:1-4294967295>}", key=2),
    C("bgp confederation {identifier <asn>|peers {<asn>}+}", key=3),
    C("bgp graceful-restart [{restart-time <int:1-3600>|stalepath-time <int:1-3600>}]",
      key=r"^(bgp graceful-restart(?: \S+)?)"),
    C("bgp fast-external-fallover", negation="default-on"),
    C("bgp enforce-first-as", negation="default-on"),
    C("bgp client-to-client reflection", negation="default-on"),
    C("bgp update-delay <int:1-3600>", key=2),
    C("bgp asnotation dot", key=2),
    C("bgp maxas-limit <int:1-2000>", key=2),
    C("bgp dampening [<rest>]", key=2),
    C("bgp nopeerup-delay <rest>", key=3),
    C("bgp refresh <rest>", key=3),
    C("bgp scan-time <int:5-60>", key=2),
    C("bgp transport path-mtu-discovery", negation="default-on"),
    C("bgp consistency-checker <rest>", key=2),
    C("bgp sso route-refresh-enable"),
    C("bgp recursion host"),
    C("bgp redistribute-internal", negation="shown"),
    C("timers bgp <int:0-65535> <int:0-65535> [<int:0-65535>]", key=2),
    # BGP Monitoring Protocol (IP Routing: BGP Configuration Guide, IOS XE, "BGP Monitoring
    # Protocol"): BMP servers, the buffer, the initial refresh and the monitored neighbors, as a
    # 16.9 CSR1000v prints them (tests/fixtures/real/gh-jclarkson-ansible-csr-backup: an empty
    # server; gh-jclarkson-ansible-csr-bmp-bgpls: two servers with their settings).
    C("bmp server <int:1-10>", key=3, opens="bgp-bmp-server"),
    C("bmp buffer-size <int:1-2048>", key=2),
    C("bmp initial-refresh {delay <int:1-3600>|skip}", key=2),
    C(f"neighbor {_PEER} bmp-activate {{all|{{server <int:1-10>}}+}}",
      key=_NKEY.format("bmp-activate")),
    C("template peer-session <word>", key=3, opens="bgp-peer-session"),
    C("template peer-policy <word>", key=3, opens="bgp-peer-policy"),
    *_neighbor_rows(_SESSION),
    *_AF_COMMON,
    C("address-family {ipv4|ipv6} [{unicast|multicast|labeled-unicast|flowspec}] [vrf <word>]",
      key=r"^(address-family \S+(?: (?!vrf)\S+)?(?: vrf \S+)?)", opens="bgp-af",
      rewrite=(r"^address-family (ipv4|ipv6) unicast\b", r"address-family \1")),
    # ``link-state link-state``: BGP-LS (BGP Configuration Guide, "BGP-Link State").
    C("address-family {vpnv4|vpnv6|l2vpn {vpls|evpn}|ipv4 mdt|rtfilter|link-state link-state}"
      " [unicast]",
      key=r"^(address-family \S+(?: \S+)?)", opens="bgp-af",
      rewrite=(r"^address-family (vpnv4|vpnv6) unicast$", r"address-family \1")),
)

_BGP_AF: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("exit-address-family", action="exit"),
    *_AF_COMMON,
    C("bgp router-id <ip>", key=2),
    C("bgp listen range {<pfx>|<ipv6pfx>} peer-group <word>", key=4),
)

_BMP_SERVER: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("exit-bmp-server-mode", action="exit"),
    C("address {<ip>|<ipv6>} port-number <int:1-65535>", key=1),
    C("description <rest>", key=1),
    C("initial-delay <int:1-3600>", key=1),
    C("failure-retry-delay <int:1-3600>", key=1),
    C("flapping-delay <int:1-3600>", key=1),
    C("stats-reporting-period <int:1-3600>", key=1),
    C("update-source <iface>", key=1),
    C("activate"),
)

_PEER_SESSION: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("exit-peer-session", action="exit"),
    *_template_rows(_SESSION),
)

_PEER_POLICY: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("exit-peer-policy", action="exit"),
    *_template_rows(_POLICY),
)

MODES: Final[tuple[Mode, ...]] = (
    Mode("router-bgp", "config-router", _BGP),
    Mode("bgp-af", "config-router-af", _BGP_AF),
    Mode("bgp-bmp-server", "config-router-bmpsrvr", _BMP_SERVER),
    Mode("bgp-peer-session", "config-router-stmp", _PEER_SESSION),
    Mode("bgp-peer-policy", "config-router-ptmp", _PEER_POLICY),
)
