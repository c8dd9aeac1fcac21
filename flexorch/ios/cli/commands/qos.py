"""Class maps and policy maps (QoS, zone-based firewall inspection, identity control policies),
security zones, and the 802.1X/MACsec identity objects IOS-XE prints next to them.

Sources: Cisco IOS Quality of Service Solutions Command Reference (class-map, policy-map, class,
shape, bandwidth, priority, police, set); IOS Security Command Reference (zone security,
zone-pair security, parameter-map type inspect, class-map type inspect); Identity-Based
Networking Services and MACsec configuration guides (policy-map type control subscriber,
service-template, dot1x credentials, eap profile, mka policy); real configs in
``tests/fixtures/real`` (gh-juliogomez-iosxe26-pqc-svti: MACsec identity policy).
"""

from __future__ import annotations

from typing import Final

from flexorch.ios.cli.commands.common import SUBMODE_COMMON
from flexorch.ios.cli.syntax import Command as C
from flexorch.ios.cli.syntax import Mode

_RATE = "<int:8000-100000000000>"

GLOBAL: Final[tuple[C, ...]] = (
    C("class-map [type {inspect [<word>]|control subscriber|traffic|stack|appnav}]"
      " [{match-any|match-all|match-none|match-first}] <word>",
      key=r"^(class-map(?: type \S+(?: (?!match-)\S+)?)?)(?: match-\S+)? (\S+)$",
      opens="class-map"),
    C("policy-map [type {inspect [<word>]|control subscriber|queueing|performance-monitor|"
      "appnav|service}] <word>", key=r"^(policy-map(?: type \S+(?: \S+)?)?) (\S+)$",
      opens="policy-map"),
    C("parameter-map type {inspect|inspect-global|urlfpolicy <word>|regex|protocol-info|"
      "umbrella global|ooo global} [<word>]", key=None, opens="parameter-map"),
    C("zone security <word>", key=3, opens="zone"),
    C("zone-pair security <word> [source {<word>|self|default}] [destination"
      " {<word>|self|default}]", key=3, opens="zone-pair"),
    C("service-template <word>", key=2, opens="service-template"),
    C("dot1x credentials <word>", key=3, opens="dot1x-credentials"),
    C("eap profile <word>", key=3, opens="eap-profile"),
    C("mka policy <word>", key=3, opens="mka-policy"),
    C("access-session {mac-move deny|tls-version <word>|pqc-type <word>|"
      "attributes filter-list list <word>|accounting attributes <rest>|"
      "authentication attributes <rest>|monitor|interface-template sticky <rest>}",
      key=r"^(access-session \S+(?: \S+)?)"),
    # A SISF policy is a block (IPv6 First Hop Security Configuration Guide, IOS XE,
    # "device-tracking policy": ``tracking enable``, ``security-level``, ``limit
    # address-count`` ...); the other ``device-tracking`` globals are lines.
    C("device-tracking policy <word>", key=3, opens="device-tracking-policy"),
    C("device-tracking {tracking [<rest>]|logging [<rest>]|binding <rest>|upgrade-cli <rest>}",
      key=r"^(device-tracking \S+(?: \S+)?)"),
)

_DEVICE_TRACKING_POLICY: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("tracking {enable|disable} [<rest>]", key=1),
    C("security-level {glean|guard|inspect}", key=1),
    C("device-role {node|switch}", key=1),
    C("limit address-count <int:1-32000>", key=2),
    C("data-glean [<rest>]", key=1),
    C("trusted-port", negation="shown"),
    C("destination-glean [<rest>]", key=1),
    C("protocol {arp|dhcp4|dhcp6|ndp|udp} [<rest>]", key=2),
    C("origin <rest>", key=1),
    C("description <rest>", key=1),
)

_MATCH = ("match [not] {access-group {<int:1-2699>|name <word>}|protocol <word> [<rest>]|"
          "dscp {<word>}+|ip dscp {<word>}+|precedence {<word>}+|ip precedence {<word>}+|"
          "any|class-map <word>|input-interface <iface>|qos-group <int:0-99>|cos {<int:0-7>}+|"
          "packet length <rest>|mpls experimental topmost <rest>|ip rtp <rest>|"
          "vlan <rest>|group-object security <rest>|security-group <rest>|"
          "flow <rest>|application <rest>|traffic-category <word>|"
          "activated-service-template <word>|result-type <rest>|method <word>|"
          "authorization-status <word>|port-type <rest>}")

_CLASS_MAP: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("description <rest>", key=1),
    C(_MATCH),
)

_POLICY_MAP: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("description <rest>", key=1),
    C("class [type {inspect|control subscriber}] <word> [{insert-before <word>}]", key=None,
      opens="policy-class"),
    # Identity control policies: events with numbered class actions.
    C("event <word> [{match-all|match-first}]", key=2, opens="control-event"),
)

_POLICY_CLASS: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C(f"shape {{average|peak}} {{{_RATE}|percent <int:1-100>}} [<int:0-4294967295>]"
      " [<int:0-4294967295>] [account <rest>]", key=2),
    C("shape adaptive <rest>", key=2),
    C("bandwidth {<int:8-100000000>|percent <int:1-100>|remaining {percent <int:1-100>|"
      "ratio <int:1-1000>}}", key=1),
    # A priority level with its rate (QoS: Congestion Management Configuration Guide, IOS XE,
    # "Multilevel Priority Queues": ``priority level {1|2} [percent N | kbps]``).
    C("priority [level <int:1-2>] [{percent <int:1-100>|<int:8-100000000>}] [<int:32-2000000>]",
      key=1),
    # Without its actions on the line, ``police`` enters the policer's own mode, where IOS keeps
    # them one per line (QoS: Policing and Shaping Configuration Guide, "conform-action"):
    # ``police cir percent 35`` / ``conform-action set-mpls-exp-imposition-transmit 5`` /
    # ``exceed-action drop`` on an IOS 15.0 7200 PE
    # (tests/fixtures/real/gh-jclarkson-sp-pe-qos-mvpn-te pe1.cfg).
    C("police {cir {<int:8000-100000000000>|percent <int:1-100>}|rate <rest>|"
      "<int:8000-100000000000>|percent <int:1-100>} [<rest>]", key=1, opens="policy-police"),
    C("set {dscp|ip dscp|precedence|ip precedence|cos|qos-group|mpls experimental <word>|"
      "discard-class|dscp tunnel} <word>", key=r"^(set (?:ip )?\S+)"),
    C("service-policy <word>", key=1),
    C("fair-queue [<int:16-4096>]", key=1),
    C("queue-limit <int:1-262144> [{packets|bytes|ms|us}]", key=1),
    # WRED by discard class (QoS: Congestion Avoidance Configuration Guide, "random-detect
    # discard-class-based", "random-detect discard-class"): IOS 15.0 on a 7200 PE
    # (tests/fixtures/real/gh-jclarkson-sp-pe-qos-mvpn-te pe1.cfg).
    C("random-detect [{dscp-based|precedence-based|discard-class-based}]", key=1),
    C("random-detect {dscp|precedence|discard-class} <word> <int:1-4096> <int:1-4096>"
      " [<int:1-65535>]", key=r"^(random-detect \S+ \S+)"),
    C("inspect [<word>]", key=1),
    C("pass [log]", key=1),
    C("drop [log]", key=1),
    C("compression header ip [{rtp|tcp}]"),
    C("priority-level <int:1-2>", key=1),
)

_POLICE_ACTION = ("{transmit|drop|set-dscp-transmit <word>|set-prec-transmit <word>|"
                  "set-mpls-exp-imposition-transmit <int:0-7>|"
                  "set-mpls-exp-topmost-transmit <int:0-7>|set-qos-transmit <int:0-99>|"
                  "set-discard-class-transmit <int:0-7>|set-cos-transmit <int:0-7>|"
                  "set-clp-transmit|set-frde-transmit}")
_POLICE: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C(f"conform-action {_POLICE_ACTION}"),
    C(f"exceed-action {_POLICE_ACTION}"),
    C(f"violate-action {_POLICE_ACTION}"),
)

_CONTROL_EVENT: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("<int:1-65535> class {<word>|always} [{do-until-failure|do-all|do-until-success}]",
      key=1, opens="control-class"),
)

_CONTROL_CLASS: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("<int:1-65535> {authenticate using {dot1x|mab|webauth} [<rest>]|activate"
      " {service-template <word>|interface-template <word>|policy type control subscriber"
      " <word>}|terminate {dot1x|mab|webauth}|authentication-restart <int:1-65535>|"
      "clear-session|pause reauthentication|resume reauthentication|restrict <rest>|"
      "authorize|unauthorize|err-disable|protect|replace|deactivate <rest>|set-timer <rest>|"
      "clear-authenticated-data-hosts-on-port|map <rest>}", key=1),
)

_PARAMETER_MAP: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("alert {on|off}", key=1),
    C("audit-trail {on|off}", key=1),
    C("log {dropped-packets {enable|disable}|summary [<rest>]|flow-export <rest>}",
      key=r"^(log \S+)"),
    C("max-incomplete {low|high} <int:1-2147483647>", key=2),
    C("one-minute {low|high} <int:1-2147483647>", key=2),
    C("sessions maximum <int:1-2147483647>", key=2),
    C("tcp {finwait-time|idle-time|synwait-time|max-incomplete host} <rest>",
      key=r"^(tcp (?:max-incomplete host|\S+))"),
    C("udp idle-time <int:1-2147483>", key=2),
    C("icmp idle-time <int:1-2147483>", key=2),
    C("dns-timeout <int:1-2147483>", key=1),
    C("vrf <word> inspect <word>", key=2),
    C("pattern <rest>"),
    C("token <rest>", key=1),
    C("resolver {<ip>|<ipv6>}"),
    C("local-domain <word>"),
    # Cisco Umbrella on ISR/IOS XE (Cisco Umbrella Integration on Cisco ISR, "parameter-map
    # type umbrella global": ``token``, ``dnscrypt``, ``local-domain``, ``resolver``).
    C("dnscrypt", negation="shown"),
    C("udp-timeout <int:1-30>", key=1),
    C("device-id <rest>"),
    C("orgid <int:1-4294967295>", key=1),
    C("api-key <rest>", key=1),
    C("secret <rest>", key=1),
)

_ZONE: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("description <rest>", key=1),
)

_ZONE_PAIR: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("description <rest>", key=1),
    C("service-policy type inspect <word>", key=3),
)

_SERVICE_TEMPLATE: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("description <rest>", key=1),
    C("linksec policy {must-secure|should-secure|must-not-secure}", key=2),
    C("voice vlan"),
    C("vlan <int:1-4094>", key=1),
    C("inactivity-timer <int:1-65535> [probe]", key=1),
    C("access-group <word>"),
    C("redirect url <url> [<rest>]", key=2),
    C("interface-template <word>", key=1),
    C("absolute-timer <int:1-1073741823>", key=1),
    C("tag <word>"),
)

_DOT1X_CREDENTIALS: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("description <rest>", key=1),
    C("username <word>", key=1),
    C("password [{0|7}] <word>", key=1),
    C("pki-trustpoint <word>", key=1),
    C("anonymous-id <word>", key=1),
)

_EAP_PROFILE: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("description <rest>", key=1),
    C("method {tls|md5|peap|fast|gtc|mschapv2}"),
    C("pki-trustpoint <word>", key=1),
    C("ciphersuite <rest>", key=1),
)

_MKA_POLICY: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("description <rest>", key=1),
    C("macsec-cipher-suite {gcm-aes-128|gcm-aes-256|gcm-aes-xpn-128|gcm-aes-xpn-256}+", key=1),
    C("key-server priority <int:0-255>", key=2),
    C("confidentiality-offset <int:0-50>", key=1),
    C("sak-rekey {interval <int:0-65535>|on-live-peer-loss}", key=1),
    C("include-icv-indicator"),
    C("send-secure-announcements"),
    C("use-updated-eth-header"),
    C("delay-protection"),
    C("ssci-based-on-sci"),
)

MODES: Final[tuple[Mode, ...]] = (
    Mode("class-map", "config-cmap", _CLASS_MAP),
    Mode("policy-map", "config-pmap", _POLICY_MAP),
    Mode("policy-class", "config-pmap-c", _POLICY_CLASS),
    Mode("policy-police", "config-pmap-c-police", _POLICE),
    Mode("control-event", "config-event-control-policymap", _CONTROL_EVENT),
    Mode("control-class", "config-class-control-policymap", _CONTROL_CLASS),
    Mode("parameter-map", "config-profile", _PARAMETER_MAP),
    Mode("zone", "config-sec-zone", _ZONE),
    Mode("zone-pair", "config-sec-zone-pair", _ZONE_PAIR),
    Mode("service-template", "config-service-template", _SERVICE_TEMPLATE),
    Mode("dot1x-credentials", "config-dot1x-creden", _DOT1X_CREDENTIALS),
    Mode("eap-profile", "config-eap-profile", _EAP_PROFILE),
    Mode("mka-policy", "config-mka-policy", _MKA_POLICY),
    Mode("device-tracking-policy", "config-device-tracking", _DEVICE_TRACKING_POLICY),
)
