"""What branch and edge routers carry besides their VPNs: NetFlow v5/v9 export and top talkers,
the classic IOS firewall (CBAC), password security, kron schedules, transparent bridging with
IRB, RIPng, NAT64, LACP, hardware modules, PfRv3 domains, parser views and privilege levels,
IPS, MPLS LDP and IS-IS, and the IOSv default ``ethernet lmi ce``.

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
    # NBAR (QoS: NBAR Configuration Guide: "ip nbar protocol-pack", "ip nbar custom")
    C("ip nbar {protocol-pack <url> [force]|custom <word> <rest>|classification <rest>|"
      "attribute-map <rest>|port-map <rest>|resolution <rest>}",
      key=r"^(ip nbar (?:custom \S+|port-map \S+|\S+))"),
    # --- Classic IOS firewall (CBAC) and password security ---
    # ``ip inspect name NAME PROTOCOL`` with its per-protocol options (Security Command
    # Reference, "ip inspect name"): fragment inspection (``fragment maximum N timeout S``), Java
    # applet blocking and URL filtering for HTTP (``http java-list ACL``, ``urlfilter``), Sun RPC
    # program numbers (``rpc program-number N wait-time M``), an application firewall policy
    # (``appfw``). An IOS 12.4 router prints ``ip inspect name EXT_OUT fragment maximum 256
    # timeout 15`` and ``ip inspect name EXT_OUT http java-list 11 alert on audit-trail off``
    # (tests/fixtures/real/gh-mpenning-ciscoconfparse-ios124-edge foo.cfg).
    C("ip inspect name <word> {fragment [maximum <int:50-10000>] [timeout <int:1-1000>]|"
      "rpc program-number <int:0-4294967295> [wait-time <int:0-35791>] [alert {on|off}]"
      " [audit-trail {on|off}] [timeout <int:5-43200>]|appfw <word>|"
      "<word> [java-list <int:1-99>] [urlfilter] [alert {on|off}] [audit-trail {on|off}]"
      " [timeout <int:5-43200>] [router-traffic]}",
      key=r"^(ip inspect name \S+ (?:rpc program-number \d+|\S+))"),
    C("ip inspect {audit-trail|alert-off|dns-timeout <int:1-2147483>|tcp <rest>|udp <rest>|"
      "max-incomplete <rest>|one-minute <rest>|log <rest>}",
      key=r"^(ip inspect (?:tcp \S+|udp \S+|max-incomplete \S+|one-minute \S+|log \S+|\S+))"),
    # --- WCCP: redirection to web caches and WAAS (IP Application Services Command Reference,
    # "ip wccp", "ip wccp version", "ip wccp source-interface", "ip wccp check"): a service
    # (``web-cache`` or a dynamic service number) with its redirect/group lists, password and
    # mode; IOS 12.4 prints ``ip wccp version 1`` and ``ip wccp web-cache redirect-list
    # INTERNAL_NETWORKS`` (tests/fixtures/real/gh-mpenning-ciscoconfparse-ios124-edge foo.cfg).
    C("ip wccp version {1|2}", key=3),
    C("ip wccp source-interface <iface>", key=3),
    C("ip wccp check {services all|acl outbound}", key=r"^(ip wccp check \S+)"),
    C("ip wccp [vrf <word>] {web-cache|<int:0-255>} [{group-address <ip>|redirect-list <word>|"
      "group-list <word>|password [{0|7}] <word>|mode {open|closed}|"
      "service-list <word>|accelerated|redirect-only}]+",
      key=r"^(ip wccp (?:vrf \S+ )?\S+)"),
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
    # RIPng per VRF (IPv6 Command Reference, "ipv6 rip vrf-mode enable": RIPng VRF-aware
    # routing, whose VRFs are address families of the RIPng process): a CSR1000v on 16.9 prints
    # ``ipv6 rip vrf-mode enable`` and ``ipv6 router rip ripng`` / `` address-family ipv6 vrf
    # VRF1`` / `` exit-address-family`` (tests/fixtures/real/gh-genielibs-csr1000v-169-r1xe).
    C("ipv6 rip vrf-mode enable"),
    C("nat64 {prefix stateful <ipv6pfx> [<rest>]|v6v4 static <ipv6> <ip> [<rest>]|"
      "v4v6 static <ip> <ipv6> [<rest>]|v6v4 list <rest>|v4 pool <rest>|translation <rest>|"
      "settings <rest>|logging <rest>}",
      key=r"^(nat64 (?:prefix stateful|v6v4 static \S+|v4v6 static \S+|\S+ \S+))"),
    C("lacp system-priority <int:1-65535>", key=2),
    # VPDN: PPTP/L2TP/PPPoE dial-in groups (Dial Technologies / VPDN Command Reference:
    # "vpdn enable", "vpdn-group", "accept-dialin", "request-dialin", "protocol",
    # "virtual-template", "l2tp tunnel password", "source-ip", "initiate-to").
    C("vpdn {enable|logging [<rest>]|search-order <rest>|source-ip <ip>}",
      key=r"^(vpdn \S+)"),
    C("vpdn-group <word>", key=2, opens="vpdn-group"),
    # A PPPoE server profile (Broadband Access Aggregation and DSL Configuration Guide,
    # "bba-group pppoe"): ``bba-group pppoe global`` with its ``virtual-template 1`` on an IOS
    # 15.0 remote-access gateway (tests/fixtures/real/gh-jclarkson-sp-pe-qos-mvpn-te ra-gw-2).
    C("bba-group pppoe {global|<word>}", key=3, opens="bba-group"),
    C("hw-module {pvdm <word>|sm <int:0-8>|ism <int:0-8>|slot <rest>|module <rest>}"),
    C("ethernet lmi {ce|global}", negation="shown"),
    # ISR G1 defaults (``dot11 syslog``: Cisco Wireless Device Configuration Guide; the
    # authentication-proxy and admission limits: Security Command Reference, "ip auth-proxy
    # max-nodata-conns", "ip admission max-nodata-conns") and wireless SSIDs ("dot11 ssid").
    C("dot11 syslog", negation="shown"),
    C("dot11 ssid <word>", key=3, opens="dot11-ssid"),
    C("ip {auth-proxy|admission} max-nodata-conns <int:1-255>", key=3),
    # The authentication proxy's watch list of misbehaving clients (Security Command Reference,
    # "ip admission watch-list": add-item, disable, expiry-time, max-entries): a CSR1000v on
    # 16.9 prints ``ip admission watch-list expiry-time 0`` after ``ip domain name``
    # (tests/fixtures/real/gh-genielibs-csr1000v-169-r1xe/r1_xe.cfg).
    C("ip admission watch-list {expiry-time <int:0-2147483647>|max-entries <int:1-2147483647>|"
      "disable}", key=r"^(ip admission watch-list \S+)"),
    C("ip admission watch-list add-item <ip>"),
    # --- Platform and management leftovers of ISR G1/G2 and IOS 15 configs ---
    # (Configuration Fundamentals Command Reference: "memory-size iomem", "process-max-time",
    # "exception crashinfo", "file privilege"; Interface and Hardware Component Command
    # Reference: "errdisable recovery"; Security Command Reference: "parser view",
    # "privilege"; IPv6 Command Reference: "ipv6 general-prefix"; Security Command Reference,
    # "ip ips config location", "ip ips name")
    C("memory-size iomem <int:1-100>", key=2),
    # Smart Install (Configuration Fundamentals Command Reference, "vstack"): an ISR G2 on IOS
    # 15.7 prints `` vstack``, indented by one blank, after ``control-plane`` and before the
    # lines (tests/fixtures/real/gh-tmullaly-oxidized-isrg2-backups r1, core); a global
    # command all the same; ``no vstack`` turns the client off and is shown.
    C("vstack", negation="shown"),
    C("process-max-time <int:20-200>", key=1),
    C("exception {crashinfo {file <url>|buffersize <int:32-100>|maximum files <int:0-32>}|"
      "core-file <rest>|dump <rest>|protocol <rest>|region-size <int:0-1000000>|"
      "memory <rest>}", key=r"^(exception (?:crashinfo \S+|\S+))"),
    C("errdisable {recovery {cause <word>|interval <int:30-86400>}|detect cause <rest>}",
      key=r"^(errdisable recovery interval|errdisable (?:recovery cause|detect cause) \S+)"),
    C("file privilege <int:0-15>", key=2),
    C("parser view <word> [superview]", key=3, opens="parser-view"),
    C("privilege {exec|configure|interface|line|router|ip-vrf|vrf|crypto-map|call-home|"
      "<word>} {level <int:0-15>|reset} <rest>",
      key=r"^(privilege \S+ (?:level \d+|reset) .+)$"),
    C("ipv6 general-prefix <word> {<ipv6pfx>|6to4 <iface>}", key=3),
    C("ip ips {config location <url>|name <word> [list <word>]|notify {sdee|log}|"
      "event-action-rules|deny-action ips-interface}",
      key=r"^(ip ips (?:config location|name \S+|notify \S+|\S+))"),
    # The signature categories of IOS IPS 5.x (Security Command Reference, "ip ips
    # signature-category", "category (IPS)", "retired", "enabled", "event-action"): each
    # category a block, ``retired true`` / ``retired false`` under it.
    C("ip ips signature-category", key=3, opens="ips-sigcat"),
    # Port-to-application mapping for CBAC and the legacy IDS signatures (Security Command
    # Reference: "ip port-map", "ip audit notify", "ip audit po max-events", "ip audit name").
    C("ip port-map <word> port [{tcp|udp}] <int:1-65535> [list <int:1-99>] [description <rest>]",
      key=r"^(ip port-map \S+ port (?:\S+ )?\d+)"),
    C("ip audit {notify {log|nr-director}|po {max-events <int:1-65535>|local <rest>|remote "
      "<rest>|protected <rest>}|smtp spam <int:1-65535>|attack action <rest>|info action "
      "<rest>|signature <int:1-65535> <rest>}", key=r"^(ip audit (?:notify \S+|po \S+|\S+ \S+))"),
    C("ip audit name <word> {info|attack} [list {<int:1-99>|<word>}] [action {alarm|drop|reset}+]",
      key=r"^(ip audit name \S+ \S+)"),
    # RMON events and alarms (Network Management Command Reference, "rmon event", "rmon
    # alarm").
    C("rmon event <int:1-65535> [log] [trap <word>] [description <rest>]", key=3),
    C("rmon alarm <int:1-65535> <word> <int:1-4294967295> {delta|absolute} rising-threshold"
      " <int:-2147483648-2147483647> [<int:1-65535>] falling-threshold"
      " <int:-2147483648-2147483647> [<int:1-65535>] [owner <rest>]", key=3),
    # Snort IPS/IDS of ISR 4000 / Catalyst 8000 routers (Security Configuration Guide: Unified
    # Threat Defense, "Snort IPS": ``utd`` with ``all-interfaces`` / ``engine standard``, and
    # ``utd engine standard`` with ``logging``, ``threat-inspection`` (``threat protection|
    # detection``, ``policy balanced|connectivity|security``), ``signature update``).
    C("utd", key=1, opens="utd"),
    C("utd engine {standard|advanced} [multi-tenancy]", key=2, opens="utd-engine"),
    # Frame Relay class maps (Wide-Area Networking Command Reference, "map-class frame-relay").
    C("map-class frame-relay <word>", key=3, opens="fr-map-class"),
    # --- MPLS LDP globals (MPLS Label Distribution Protocol Command Reference) ---
    C("mpls label {protocol {ldp|tdp|both}|range <int:16-1048575> <int:16-1048575> [<rest>]|"
      "mode <rest>}", key=3),
    C("mpls ldp {router-id <iface> [force]|explicit-null [<rest>]|graceful-restart [<rest>]|"
      "session protection [<rest>]|igp sync holddown <int:1-2147483647>|discovery <rest>|"
      "neighbor <rest>|logging <rest>|password <rest>|"
      "backoff <rest>|holdtime <int:15-65535>}",
      key=r"^(mpls ldp (?:neighbor \S+ \S+|\S+))"),
    # Label advertisement is on by default (``rules.DEFAULT_ON``): IOS shows ``no mpls ldp
    # advertise-labels`` and, next to it, each ``mpls ldp advertise-labels for ACL`` (MPLS LDP
    # Command Reference, "mpls ldp advertise-labels"; CSR1000v 17.3,
    # tests/fixtures/real/gh-anggrdwjy-csr173-mpls-backbone/1-p.cfg).
    C("mpls ldp advertise-labels"),
    C("mpls ldp advertise-labels {for <word> [to <word>]|interface <iface>|old-style}",
      key=r"^(mpls ldp advertise-labels (?:for \S+|interface \S+|\S+))"),
    C("mpls ip", negation="shown"),
    # --- MPLS Traffic Engineering globals (MPLS Traffic Engineering Command Reference: "mpls
    # traffic-eng tunnels", "mpls traffic-eng reoptimize", "mpls traffic-eng auto-bw"); an IOSv
    # 15.9 TE head end prints ``mpls traffic-eng tunnels`` after ``multilink bundle-name``
    # (tests/fixtures/real/gh-jakubkkk12-cml-mpls-te-iosv) ---
    C("mpls traffic-eng tunnels", negation="shown"),
    C("mpls traffic-eng {reoptimize {timers <rest>|events <rest>}|auto-bw <rest>|"
      "path-selection <rest>|fast-reroute <rest>|logging <rest>|signalling <rest>|"
      "link-management <rest>|auto-tunnel <rest>|topology <rest>|lsp <rest>}",
      key=r"^(mpls traffic-eng (?:auto-tunnel \S+ \S+|\S+ \S+))"),
    # --- MPLS TE explicit paths, LDP label allocation, pseudowire classes (MPLS Traffic
    # Engineering Command Reference, "ip explicit-path", "next-address"; MPLS LDP Command
    # Reference, "mpls ldp label", "allocate"; MPLS AToM, "pseudowire-class"): IOS 15.0 PEs
    # (tests/fixtures/real/gh-jclarkson-sp-pe-qos-mvpn-te), the LDP host-route allocation of
    # IOS 15.2 (gh-jclarkson-sp-interas-mvpn-te) ---
    C("ip explicit-path {name <word>|identifier <int:1-65535>} [{enable|disable}]",
      key=r"^(ip explicit-path \S+ \S+)", opens="explicit-path"),
    C("mpls ldp label", opens="mpls-ldp-label"),
    C("pseudowire-class <word>", key=2, opens="pseudowire-class"),
    C("l2 vfi <word> manual", key=3, opens="l2-vfi"),
    # A bare ``pae`` line a Catalyst 8000V on 17.12 prints between ``multilink bundle-name`` /
    # ``key chain`` and the trustpoints, set apart by ``!`` lines
    # (tests/fixtures/real/gh-automateyournetwork-devnet-c8kv1712-sandbox/cat8000v.cfg); no
    # children in either capture.
    C("pae"),
    # --- Segment routing (Segment Routing Configuration Guide, IOS XE 16: "segment-routing
    # mpls", "connected-prefix-sid-map", "global-block") and the TE path computation client
    # ("mpls traffic-eng pcc peer", "pcc report-all"): CSR1000v 16.5/16.7
    # (tests/fixtures/real/gh-jclarkson-csr16-segment-routing) ---
    C("segment-routing mpls", opens="sr-mpls"),
    C("mpls traffic-eng pcc {peer <ip> [source <ip>] [precedence <int:0-255>]|report-all|"
      "redundant|timers <rest>}", key=r"^(mpls traffic-eng pcc (?:peer \S+|\S+))"),
    # Encrypted Traffic Analytics (CSR1000v 16.5 shows a bare ``threat-visibility`` after the
    # router blocks; Security Configuration Guide, IOS XE 16, "Encrypted Traffic Analytics").
    C("threat-visibility", negation="shown"),
    # --- IS-IS (IP Routing: ISIS Command Reference) ---
    C("router isis [<word>]", key=3, opens="router-isis"),
    # CLNS routing for IS-IS over CLNP (ISO CLNS Command Reference, "clns routing"): an IOL 15.4
    # router prints it right after ``multilink bundle-name``
    # (tests/fixtures/real/gh-grom1984-otus-lab06-eigrp-troubleshooting r5).
    C("clns routing"),
    # A Performance Routing v3 domain (Performance Routing Version 3 Configuration Guide,
    # "domain"): IOSv 15.6 prints an empty one (gh-jclarkson-ansible-iosv-kron r1, r2).
    C("domain {default|<word>}", key=2, opens="pfr-domain"),
    # Application Visibility and Control's performance monitor (AVC Configuration Guide,
    # "performance monitor context": ``performance monitor context NAME profile
    # application-experience`` with ``exporter destination ...`` and ``traffic-monitor ...``),
    # attached to an interface with ``performance monitor context NAME``.
    C("performance monitor context <word> profile <word>", key=4, opens="perfmon-context"),
)

_PARSER_VIEW: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("secret [{0|5|8|9}] <word>", key=1),
    C("password [{0|7}] <word>", key=1),
    C("commands <word> {include|include-exclusive|exclude} [all] <rest>"),
    C("view <word>"),
)

_BBA_GROUP: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("virtual-template <int:1-4095>", key=1),
    C("sessions <rest>", key=r"^(sessions (?:per-mac|per-vc|per-vlan|max) \S+)"),
    C("service {name <word>|profile <word>|relay <rest>}", key=2),
    C("ac name <word>", key=2),
)

_EXPLICIT_PATH: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("[index <int:1-65535>] next-address [{loose|strict}] <ip>"),
    C("[index <int:1-65535>] exclude-address <ip>"),
)

_MPLS_LDP_LABEL: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("allocate global {host-routes|prefix-list <word>}", key=2),
)

# An EFP's settings (Carrier Ethernet Configuration Guide, "service instance ethernet",
# "encapsulation dot1q", "rewrite ingress tag", "bridge-domain"): IOS keeps ``dot1q`` lower case
# here, unlike the interface's ``encapsulation dot1Q`` (CSR1000v 17.3,
# tests/fixtures/real/gh-anggrdwjy-csr173-mpls-backbone/11-ce.cfg).
_SERVICE_INSTANCE: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("description <rest>", key=1),
    C("encapsulation {dot1q <rest>|dot1ad <rest>|untagged|default|priority-tagged}", key=1),
    C("rewrite ingress tag {pop {1|2} [symmetric]|push <rest>|translate <rest>}", key=3),
    C("bridge-domain <int:1-16000> [split-horizon [group <int:0-65533>]]", key=1),
    C("xconnect <ip> <int:1-4294967295> {encapsulation mpls|pw-class <word>}", key=1),
    C("service-policy {input|output} <word>", key=2),
    C("l2protocol {peer|forward|tunnel} [<rest>]", key=2),
    C("mac security [<rest>]"),
    C("shutdown", negation="shown"),
)

# A manual VPLS instance (MPLS Layer 2 VPNs Configuration Guide, "l2 vfi manual", "vpn id",
# "bridge-domain", "neighbor ... encapsulation mpls"): CSR1000v 17.3 CEs
# (tests/fixtures/real/gh-anggrdwjy-csr173-mpls-backbone/11-ce.cfg, 21-ce.cfg).
_L2_VFI: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("description <rest>", key=1),
    C("vpn id <int:1-4294967295>", key=2),
    C("bridge-domain <int:1-16000>", key=1),
    C("mtu <int:64-65535>", key=1),
    C("shutdown", negation="shown"),
    C("neighbor <ip> [<int:1-4294967295>] {encapsulation mpls|pw-class <word>} [no-split-horizon]",
      key=r"^(neighbor \S+)"),
)

_PSEUDOWIRE_CLASS: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("encapsulation {mpls|l2tpv3|l2tpv2}", key=1),
    C("interworking {ethernet|ip|vlan}", key=1),
    C("control-word", negation="shown"),
    C("preferred-path {interface <iface>|peer <ip>} [disable-fallback]", key=1),
    C("status [<rest>]", key=1),
)

_SR_MPLS: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("global-block <int:16-1048575> <int:16-1048575>", key=1),
    C("connected-prefix-sid-map", opens="sr-prefix-map"),
    C("set-attributes", opens="sr-attributes"),
)

_SR_PREFIX_MAP: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("address-family {ipv4|ipv6}", key=2, opens="sr-prefix-map-af"),
)

# ``100.64.1.7/32 index 7 range 1`` (a SID index; IOS XE 16.7 prints a blank after the range,
# tests/fixtures/real/gh-jclarkson-csr16-segment-routing) or, without ``index``, an absolute
# label (Segment Routing Configuration Guide, "connected-prefix-sid-map").
_SR_PREFIX_MAP_AF: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("exit-address-family", action="exit"),
    C("<pfx> [index] <int:0-1048575> [range <int:1-65535>] [attached]", key=1),
)

_SR_ATTRIBUTES: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("address-family {ipv4|ipv6}", key=2, opens="sr-attributes-af"),
)

_SR_ATTRIBUTES_AF: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("exit-address-family", action="exit"),
    C("{sr-label-preferred|explicit-null}"),
)

_ISIS_LEVEL = "[{level-1|level-2|level-1-2}]"
_ISIS: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("net <word>"),
    C("is-type {level-1|level-1-2|level-2-only}", key=1),
    C(f"metric-style {{wide|narrow|transition}} {_ISIS_LEVEL}", key=1),
    C("passive-interface {default|<iface>}", negation="shown"),
    C("log-adjacency-changes [all]", key=1),
    C("redistribute <rest>", key=r"^(redistribute (?:\S+ \S+|\S+))"),
    C("summary-address <rest>"),
    C("default-information originate [<rest>]", key=2),
    C("authentication {mode {md5|text}|key-chain <word>} [<rest>]",
      key=r"^(authentication (?:mode|key-chain))"),
    C("set-overload-bit [<rest>]", key=1),
    C("{max-lsp-lifetime|lsp-refresh-interval|spf-interval|prc-interval|lsp-gen-interval|"
      "maximum-paths|distance} <rest>", key=1),
    C("{fast-reroute|segment-routing|mpls|microloop|nsf|bfd|advertise|distribute} <rest>"),
    # The router id IS-IS advertises (the TE router id's twin) and the LSP/SNP passwords of the
    # domain and the area (IP Routing: ISIS Command Reference, "router-id", "domain-password",
    # "area-password"): IOSv 15.9, tests/fixtures/real/gh-jakubkkk12-cml-mpls-te-iosv.
    C("router-id <iface>", key=1),
    # The attached bit of level-1-2 LSPs set only while a route map matches (IS-IS Command
    # Reference, "set-attached-bit"): IOL 15.5 (tests/fixtures/real/gh-irvin232-otus-lab07-isis
    # r25).
    C("set-attached-bit route-map <word>", key=1),
    C("domain-password <word> [authenticate snp {validate|send-only}]", key=1),
    C("area-password <word> [authenticate snp {validate|send-only}]", key=1),
    C("address-family {ipv4|ipv6} [{unicast|multicast}]", key=r"^(address-family \S+)",
      opens="isis-af"),
    # A VRF-aware IS-IS instance (IS-IS Command Reference, "vrf" in router configuration:
    # ``router isis test1`` / `` vrf VRF1`` on a CSR1000v 16.9,
    # tests/fixtures/real/gh-genielibs-csr1000v-169-r1xe/r1_xe.cfg).
    C("vrf <word>", key=1),
)

_ISIS_AF: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("exit-address-family", action="exit"),
    C("multi-topology [transition]", key=1),
    C("redistribute <rest>", key=r"^(redistribute (?:\S+ \S+|\S+))"),
    C("summary-prefix <rest>"),
    C("default-information originate [<rest>]", key=2),
    C("maximum-paths <int:1-32>", key=1),
)

_DOT11_SSID: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("vlan <int:1-4094>", key=1),
    C("authentication {open|shared|network-eap|key-management} [<rest>]", key=2),
    C("guest-mode"),
    C("wpa-psk {ascii|hex} [{0|7}] <word>", key=1),
    C("mbssid guest-mode"),
    C("max-associations <int:1-255>", key=1),
)

_ATM_VC: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("pppoe-client dial-pool-number <int:1-255> [<rest>]", key=1),
    C("pppoe enable [group <word>]", key=2),
    C("encapsulation <rest>", key=1),
    C("protocol <rest>"),
    C("{ubr|ubr+|vbr-nrt|vbr-rt|cbr} <rest>", key=1),
    C("oam-pvc [manage] [<rest>]", key=1),
    C("oam retry <rest>", key=2),
    C("dialer pool-member <int:1-255>", key=2),
    C("tx-ring-limit <int:1-32767>", key=1),
)

_VPDN_GROUP: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("{accept-dialin|request-dialin|accept-dialout|request-dialout}", key=1,
      opens="vpdn-dial"),
    C("{l2tp|lcp|ip|local|source-ip|initiate-to|terminate-from|pppoe|force-local-chap|"
      "description|authen-before-forward|dnis|domain} <rest>"),
)

_VPDN_DIAL: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("protocol {pptp|l2tp|l2f|pppoe|any}", key=1),
    C("virtual-template <int:1-4095>", key=1),
    C("{domain|dialer|pool-member|rotary-group} <rest>"),
)

_PFR_DOMAIN: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("vrf {default|<word>}", key=2, opens="pfr-domain-vrf"),
)

# The controller and border roles of a PfRv3 site (Performance Routing Version 3 Configuration
# Guide: "master hub|branch|transit", "border", "source-interface", "site-prefixes",
# "enterprise-prefix", "hub", "password", "collector", "monitor-interval", "load-balance",
# "class ... sequence", "match dscp|application ... policy", "path-preference ... fallback",
# "path-last-resort", "master local|IP"): a hub master holds the policies, branch masters
# name the hub, borders their master.
_PFR_DOMAIN_VRF: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("master {hub|branch|transit <int:1-65535>|controller}", key=1, opens="pfr-master"),
    C("border", key=1, opens="pfr-border"),
)

_UTD: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("all-interfaces"),
    C("engine {standard|advanced}", key=1),
    C("redirect interface virtual-port-group <int:0-31>", key=2),
    C("shutdown"),
)

_UTD_ENGINE: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("logging {host <ip>|syslog|server <rest>|level <word>}",
      key=r"^(logging (?:host \S+|\S+))"),
    C("threat-inspection [profile <word>]", key=1, opens="utd-threat"),
    C("signature update {server {cisco|url <url>} [<rest>]|occur-at <rest>}",
      key=r"^(signature update \S+)"),
    C("web-filter <rest>", key=2),
    C("whitelist"),
    C("fail close"),
    C("shutdown"),
)

_UTD_THREAT: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("threat {protection|detection}", key=1),
    C("policy {balanced|connectivity|security}", key=1),
    C("logging level <word>", key=2),
    C("whitelist"),
)

_FR_MAP_CLASS: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("frame-relay {cir|bc|be|mincir|adaptive-shaping|fragment|fair-queue|traffic-rate|"
      "end-to-end} [<rest>]", key=r"^(frame-relay \S+)"),
    C("service-policy {input|output} <word>", key=2),
)

_IPS_SIGCAT: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("category <word> [<word>]", key=r"^(category .+)$", opens="ips-category"),
)

_IPS_CATEGORY: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("retired {true|false}", key=1),
    C("enabled {true|false}", key=1),
    C("event-action <rest>", key=1),
    C("alert-severity {high|medium|low|informational}", key=1),
    C("fidelity-rating <int:0-100>", key=1),
)

_PFR_PASSWORD: Final = "password [{0|7}] <word>"

_PFR_MASTER: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("source-interface <iface>", key=1),
    C("site-prefixes prefix-list <word>", key=1),
    C("enterprise-prefix prefix-list <word>", key=1),
    C("hub <ip>", key=1),
    C(_PFR_PASSWORD, key=1),
    C("collector <ip> [port <int:1-65535>]", key=r"^(collector \S+)"),
    C("monitor-interval <int:1-300> dscp <word>", key=r"^(monitor-interval) \d+ (dscp \S+)"),
    C("load-balance [<rest>]", key=1),
    C("domain-id <int:1-65535>", key=1),
    C("mc-peer <rest>", key=1),
    C("class <word> sequence <int:1-65535>", key=2, opens="pfr-class"),
    C("advanced", key=1, opens="pfr-advanced"),
)

_PFR_CLASS: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("match {dscp <word>|application <word>} policy <word> [<rest>]"),
    C("path-preference {<word>}+ [fallback {<word>}+] [next-fallback {<word>}+]", key=1),
    C("path-last-resort <word>", key=1),
)

_PFR_ADVANCED: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("{channel-unreachable-timer|minimum-mask-length|smart-probes|transit-site-affinity|"
      "path-preference|mitigation-mode|threshold-variance|syslog|route-control|"
      "collector-source|listener} [<rest>]"),
)

_PFR_BORDER: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("source-interface <iface>", key=1),
    C("master {local|<ip>}", key=1),
    C(_PFR_PASSWORD, key=1),
    C("collector <ip> [port <int:1-65535>]", key=r"^(collector \S+)"),
)

_PERFMON_CONTEXT: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("description <rest>", key=1),
    C("exporter destination <ip> source <iface> [transport udp] [port <int:1-65535>] [<rest>]",
      key=r"^(exporter destination \S+)"),
    C("traffic-monitor <word> [<rest>]", key=2),
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
    C("address-family ipv6 vrf <word>", key=4, opens="ripng-af"),
)

# A RIPng VRF's address family takes the process's own commands (IPv6 Command Reference,
# "address-family ipv6 (RIPng)").
_RIPNG_AF: Final[tuple[C, ...]] = (
    *(c for c in _RIPNG if not c.syntax.startswith("address-family")),
    C("exit-address-family", action="exit"),
)

# Interface rows: Umbrella DNS redirection; RIPng per interface (IPv6 Command Reference, "ipv6
# rip enable", "ipv6 rip default-information").
INTERFACE: Final[tuple[C, ...]] = (
    # The WAN path a PfRv3 border learns on this interface (Performance Routing Version 3
    # Configuration Guide, "domain path": ``domain NAME path PATH [path-id N] [zero-sla]``) and
    # an AVC performance monitor on it.
    C("domain {default|<word>} path <word> [path-id <int:1-255>] [zero-sla]", key=2),
    C("performance monitor context <word>", key=3),
    # ADSL over ATM (Cisco 800 Series Software Configuration Guide, "Configuring PPP over ATM":
    # ``dsl operating-mode``, ``no atm ilmi-keepalive``, ``pvc VPI/VCI`` with
    # ``pppoe-client dial-pool-number``).
    C("dsl {operating-mode <rest>|enable-training-log <rest>|power-cutback <rest>|"
      "bitswap <rest>|noise-margin <rest>}", key=2),
    C("atm {ilmi-keepalive [<int:1-65535>]|vc-per-vp <int:16-1024>|oversubscribe|"
      "ilmi-pvc-discovery [<rest>]|route-bridged ip}", key=2, negation="shown"),
    C("pvc [<word>] <word>", key=r"^(pvc (?:\S+ )?\d+/\d+)$", opens="atm-vc"),
    # PVC bundles of an ATM interface (Wide-Area Networking Command Reference, "bundle-enable";
    # on by default on the ADSL WICs of IOS 12.x, printed under ``interface ATM0/0``:
    # tests/fixtures/real/gh-mpenning-ciscoconfparse-ios124-edge foo.cfg).
    C("bundle-enable", negation="shown"),
    # Wireless ports of an ISR with an embedded AP (Cisco Wireless Device Configuration Guide:
    # ``station-role``, ``ssid``, ``channel``, basic and supported ``speed`` rates).
    C("station-role <rest>", key=1),
    C("ssid <word>", key=1),
    C("channel <rest>", key=1),
    C("antenna <rest>", key=1),
    C("power <rest>", key=r"^(power \S+(?: \S+)?)"),
    C("speed {<word>}+", key=1),
    C("encryption <rest>", key=r"^(encryption (?:vlan \d+ )?\S+)"),
    C("no-broadcast"),
    # Cisco Umbrella Integration on Cisco ISR ("umbrella out" on the WAN, "umbrella in TAG" on
    # the LAN).
    C("umbrella {out|in <word>}", key=1),
    C("ipv6 rip <word> {enable|default-information {only|originate} [metric <int:1-15>]|"
      "summary-address <ipv6pfx>|metric-offset <int:1-16>}",
      key=r"^(ipv6 rip \S+ (?:summary-address \S+|\S+))"),
)

MODES: Final[tuple[Mode, ...]] = (
    Mode("flow-top-talkers", "config-flow-top-talkers", _TOP_TALKERS),
    Mode("kron-occurrence", "config-kron-occurrence", _KRON_OCCURRENCE),
    Mode("kron-policy", "config-kron-policy", _KRON_POLICY),
    Mode("router-ripng", "config-rtr", _RIPNG),
    Mode("ripng-af", "config-rtr-af", _RIPNG_AF),
    Mode("parser-view", "config-view", _PARSER_VIEW),
    Mode("router-isis", "config-router", _ISIS),
    Mode("explicit-path", "cfg-ip-expl-path", _EXPLICIT_PATH),
    Mode("bba-group", "config-bba-group", _BBA_GROUP),
    Mode("sr-mpls", "config-srmpls", _SR_MPLS),
    Mode("sr-prefix-map", "config-srmpls-conn", _SR_PREFIX_MAP),
    Mode("sr-prefix-map-af", "config-srmpls-conn-af", _SR_PREFIX_MAP_AF),
    Mode("sr-attributes", "config-srmpls-attr", _SR_ATTRIBUTES),
    Mode("sr-attributes-af", "config-srmpls-attr-af", _SR_ATTRIBUTES_AF),
    Mode("mpls-ldp-label", "config-ldp-lbl", _MPLS_LDP_LABEL),
    Mode("pseudowire-class", "config-pw-class", _PSEUDOWIRE_CLASS),
    Mode("service-instance", "config-if-srv", _SERVICE_INSTANCE),
    Mode("l2-vfi", "config-vfi", _L2_VFI),
    Mode("isis-af", "config-router-af", _ISIS_AF),
    Mode("atm-vc", "config-if-atm-vc", _ATM_VC),
    Mode("dot11-ssid", "config-ssid", _DOT11_SSID),
    Mode("vpdn-group", "config-vpdn", _VPDN_GROUP),
    Mode("vpdn-dial", "config-vpdn-acc-in", _VPDN_DIAL),
    Mode("pfr-domain", "config-domain", _PFR_DOMAIN),
    Mode("pfr-domain-vrf", "config-domain-vrf", _PFR_DOMAIN_VRF),
    Mode("fr-map-class", "config-map-class", _FR_MAP_CLASS),
    Mode("utd", "config-utd", _UTD),
    Mode("utd-engine", "config-utd-eng-std", _UTD_ENGINE),
    Mode("utd-threat", "config-utd-engstd-insp", _UTD_THREAT),
    Mode("ips-sigcat", "config-ips-category", _IPS_SIGCAT),
    Mode("ips-category", "config-ips-category-action", _IPS_CATEGORY),
    Mode("pfr-master", "config-domain-vrf-mc", _PFR_MASTER),
    Mode("pfr-class", "config-domain-vrf-mc-class", _PFR_CLASS),
    Mode("pfr-advanced", "config-domain-vrf-mc-advanced", _PFR_ADVANCED),
    Mode("pfr-border", "config-domain-vrf-br", _PFR_BORDER),
    Mode("perfmon-context", "config-perf-mon", _PERFMON_CONTEXT),
)
