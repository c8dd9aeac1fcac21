"""Management plane: logging, NTP, SNMP, banners, event manager applets, key chains.

Sources: Cisco IOS Configuration Fundamentals Command Reference (banner motd/login/exec/
incoming); IOS Network Management Command Reference (logging, snmp-server); Flexible NetFlow
Command Reference (flow record, flow exporter, flow monitor); Basic System
Management Command Reference (ntp); Embedded Event Manager Command Reference (event manager
applet); IP Routing Protocol-Independent Command Reference (key chain); real configs in
``tests/fixtures/real`` (IOSv banners delimited by ``^C``).
"""

from __future__ import annotations

from typing import Final

from flexorch.ios.cli.commands.common import SUBMODE_COMMON
from flexorch.ios.cli.syntax import Command as C
from flexorch.ios.cli.syntax import Mode

_LEVEL = ("{<int:0-7>|emergencies|alerts|critical|errors|warnings|notifications|"
          "informational|debugging}")
_KEY7 = "[{0|7}] <word>"

GLOBAL: Final[tuple[C, ...]] = (
    # --- banners: the text runs from the delimiter to its next occurrence ---
    C("banner {motd|login|exec|incoming|prompt-timeout|slip-ppp|config-save} <rest>",
      key=2, delimited=True),
    # --- logging ---
    C(f"logging buffered [{{discriminator <word>|xml}}] [<int:4096-2147483647>] [{_LEVEL}]",
      key=2, negation="shown"),
    C(f"logging {{console|monitor}} [{{discriminator <word>|xml|filtered|guaranteed}}]"
      f" [{_LEVEL}]", key=2, negation="shown"),
    C(f"logging trap [{_LEVEL}]", key=2, negation="shown"),
    C("logging host {<ip>|<ipv6>|<word>} [vrf <word>] [{transport {udp|tcp} [port"
      " <int:1-65535>]|session-id <rest>|discriminator <word>|sequence-num-session}]+",
      key=r"^(logging host \S+(?: vrf \S+)?)"),
    C("logging {<ip>|<ipv6>}"),
    C("logging source-interface <iface> [vrf <word>]", key=r"^(logging source-interface)"),
    C("logging facility <word>", key=2),
    C("logging origin-id {hostname|ip|ipv6|string <rest>}", key=2),
    C("logging discriminator <word> <rest>", key=3),
    C("logging rate-limit {all <int:1-10000>|console [all] <int:1-10000>|<int:1-10000>}"
      " [except <word>]", key=2),
    C("logging persistent [<rest>]", key=2),
    C("logging userinfo"),
    C("logging count"),
    C("logging snmp-trap <word>"),
    # Syslog of failed SNMP requests (Cisco IOS Network Management Command Reference, "logging
    # snmp-authfail"): an IOS 12.4 router prints it after the security lines
    # (tests/fixtures/real/gh-mpenning-ciscoconfparse-ios124-edge foo.cfg).
    C("logging snmp-authfail"),
    C("logging event {link-status {boot|default|global}|trunk-status <rest>|"
      "subif-link-status [<rest>]}", key=3),
    C("logging history {size <int:1-500>|<word>}", key=3),
    C("logging message-counter {log|debug|syslog}", negation="shown"),
    C("logging queue-limit <rest>", key=2),
    C("logging exception <int:4096-2147483647>", key=2),
    C("logging filter <rest>"),
    C("logging on", negation="shown"),
    C("logging cns-events <word>", key=2),
    # --- NTP ---
    # ``ip`` / ``ipv6`` pick the family a server's name resolves to (Basic System Management
    # Command Reference, "ntp server": ``ntp server [vrf X] [ip | ipv6] {address | hostname}``).
    C("ntp server [vrf <word>] [{ip|ipv6}] {<ip>|<ipv6>|<word>} [{prefer|key <int:1-4294967295>|"
      "source <iface>|version <int:1-4>|iburst|burst|minpoll <int:4-17>|maxpoll <int:4-17>}]+",
      key=r"^(ntp server(?: vrf \S+)?(?: ipv6| ip)? \S+)"),
    C("ntp peer [vrf <word>] [{ip|ipv6}] {<ip>|<ipv6>|<word>} [<rest>]",
      key=r"^(ntp peer(?: vrf \S+)?(?: ipv6| ip)? \S+)"),
    C("ntp source <iface>", key=2),
    C("ntp master [<int:1-15>]", key=2),
    C("ntp authenticate"),
    C(f"ntp authentication-key <int:1-4294967295> {{md5|sha1|sha2|cmac-aes-128}} {_KEY7}"
      " [<int:0-7>]", key=3),
    C("ntp trusted-key <int:1-4294967295> [- <int:1-4294967295>]"),
    C("ntp update-calendar"),
    C("ntp logging"),
    C("ntp access-group [ipv4|ipv6] {peer|serve|serve-only|query-only} {<int:1-99>|<word>}"
      " [kod]", key=r"^(ntp access-group(?: ipv[46])? \S+)"),
    C("ntp allow mode {control|private} [<int:0-4294967295>]", key=4),
    C("ntp max-associations <int:0-4294967295>", key=2),
    C("ntp broadcastdelay <int:1-999999>", key=2),
    C("ntp clock-period <int:0-4294967295>", key=2),
    C("ntp orphan <int:1-15>", key=2),
    C("ntp panic update"),
    C("ntp passive"),
    C("ntp refclock <rest>"),
    C("sntp server <rest>"),
    # --- SNMP ---
    C("snmp-server community <word> [view <word>] [{RO|RW}] [ipv6 <word>]"
      " [{<int:1-99>|<word>}]", key=r"^(snmp-server community \S+)"),
    C("snmp-server location <rest>", key=2),
    C("snmp-server contact <rest>", key=2),
    # an empty chassis id (IOSv 15.6 prints ``snmp-server chassis-id `` with nothing after it:
    # gh-ngmunia-iosv156-dualhub-dmvpn-zbf)
    C("snmp-server chassis-id [<rest>]", key=2),
    C("snmp-server host {<ip>|<ipv6>|<word>} [vrf <word>] [{traps|informs}]"
      " [version {1|2c|3 {auth|noauth|priv}}] <word> [udp-port <int:0-65535>] [<rest>]",
      # one entry per host, VRF and UDP port: C8000V 17.15 keeps a host's traps to port 1162
      # beside its default-port entry (gh-dcantor-c8000v1715-svti-hub/r1.cfg: snmp-server host
      # 192.168.99.10 vrf MGMT version 3 priv labmon udp-port 1162, and the same without it)
      key=r"^(snmp-server host \S+(?: vrf \S+)?)(?:.* (udp-port \d+))?"),
    C("snmp-server enable traps [{<word>}+]"),
    C("snmp-server trap-source <iface>", key=2),
    C("snmp-server source-interface {informs|traps} <iface>", key=3),
    C("snmp-server ifindex persist"),
    C("snmp-server trap link {ietf|cisco|switchover}"),
    C("snmp-server trap-timeout <int:1-1000>", key=2),
    C("snmp-server queue-length <int:1-5000>", key=2),
    C("snmp-server packetsize <int:484-17892>", key=2),
    C("snmp-server system-shutdown"),
    C("snmp-server manager"),
    C("snmp-server engineID {local <word>|remote <rest>}", key=3),
    C("snmp-server view <word> <word> {included|excluded}"),
    C("snmp-server group <word> {v1|v2c|v3 {auth|noauth|priv}} [<rest>]",
      key=r"^(snmp-server group \S+ \S+(?: \S+)?)"),
    C("snmp-server user <word> <word> {v1|v2c|v3} [<rest>]", key=3),
    C("snmp-server file-transfer access-group <rest>"),
    C("snmp-server tftp-server-list <word>", key=2),
    C("snmp ifmib ifindex persist"),
    C("snmp mib {persist cbqos|flash cache|bulkstat <rest>|expression <rest>}"),
    # --- EEM, key chains ---
    C("event manager applet <word> [<rest>]", key=4, opens="eem-applet"),
    # The policy directory may be quoted (``event manager directory user policy
    # "flash:/managed/scripts"`` in Cisco IoT FND-managed router configs; EEM Command Reference,
    # "event manager directory user": a path).
    C("event manager {environment <word> <rest>|directory user {policy|library} "
      "{<quoted>|<url>}|"
      "session cli username <word> [privilege <int:0-15>]|policy <word> [<rest>]|"
      "history size <rest>|scheduler <rest>}",
      key=r"^(event manager (?:environment \S+|directory user \S+|session cli|policy \S+|"
          r"\S+))"),
    C("key chain <word>", key=3, opens="key-chain"),
    # --- Management agents of Cisco IoT FND-managed routers (FlexVPN clients on IR1101/IR8xx):
    # WSMA (Cisco IOS Web Services Management Agent Command Reference: ``wsma agent``,
    # ``wsma profile listener``) and CGNA (Cisco IoT Field Network Director deployment guides:
    # ``cgna profile``/``cgna exec-profile`` with ``add-command``, ``interval``, ``url``).
    C("wsma agent {exec|config|filesys|notify}", key=3, opens="wsma-agent"),
    C("wsma profile {listener|initiator} <word>", key=4, opens="wsma-profile"),
    C("cgna gzip"),
    C("cgna {profile|exec-profile} <word>", key=3, opens="cgna-profile"),
    # --- Flexible NetFlow ---
    C("flow record [type performance-monitor] <word>", key=r"^(flow record(?: \S+ \S+)?) \S+$",
      opens="flow-record"),
    C("flow exporter <word>", key=3, opens="flow-exporter"),
    C("flow monitor [type performance-monitor] <word>",
      key=r"^(flow monitor(?: \S+ \S+)?) \S+$", opens="flow-monitor"),
    # A packet sampler for Flexible NetFlow monitors (Flexible NetFlow Command Reference,
    # "sampler", "mode (Flexible NetFlow)", "granularity").
    C("sampler <word>", key=2, opens="fnf-sampler"),
)

_FNF_SAMPLER: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("description <rest>", key=1),
    C("mode {deterministic|random} 1 out-of <int:2-1024>", key=1),
    C("granularity {connection|packet}", key=1),
)

_FLOW_RECORD: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("description <rest>", key=1),
    C("match {ipv4|ipv6|transport|interface|flow|datalink|application|routing|connection} <rest>"),
    C("collect {counter|timestamp|interface|ipv4|ipv6|transport|flow|routing|application|"
      "datalink|connection} <rest>"),
)

_FLOW_EXPORTER: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("description <rest>", key=1),
    C("destination {<ip>|<ipv6>|<word>} [vrf <word>]", key=1),
    C("source <iface>", key=1),
    C("transport udp <int:1-65535>", key=2),
    C("export-protocol {netflow-v5|netflow-v9|ipfix}", key=1),
    C("template data timeout <int:1-86400>", key=3),
    C("dscp <int:0-63>", key=1),
    C("ttl <int:1-255>", key=1),
    C("option <word> [timeout <int:1-86400>]", key=2),
)

_FLOW_MONITOR: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("description <rest>", key=1),
    C("record {<word>|netflow {ipv4|ipv6} <word>}", key=1),
    C("exporter <word>"),
    C("cache {timeout {active|inactive|update|event transaction-end} [<int:1-604800>]|"
      "entries <int:16-1048576>|type {normal|immediate|permanent}}",
      key=r"^(cache (?:timeout \S+|\S+))"),
    C("statistics packet {protocol|size}"),
)

_EEM_EVENTS: Final = "|".join((
    "application", "cli", "config", "counter", "env", "gold", "identity", "interface",
    "ioswdsysmon", "ipsla", "mat", "neighbor-discovery", "nf", "none", "oir", "process",
    "resource", "rf", "routing", "rpc", "snmp", "snmp-notification", "snmp-object", "syslog",
    "timer", "track"))

_EEM_APPLET: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("description <rest>", key=1),
    # Several events tagged ``event tag T ...`` coexist and a ``trigger`` block correlates them
    # (Embedded Event Manager Command Reference, "event tag", "trigger (EEM)", "correlate",
    # "attribute (EEM)").
    # The event detectors of an applet are a fixed set of keywords (EEM Command Reference,
    # "event application" ... "event track"): a line such as ``event manager applet B`` is no
    # applet command, so IOS leaves the applet for the global mode and opens the next applet
    # (two applets one after the other, each with its ``event track`` and actions:
    # gh-denisdubovoy-otus-lab14-dmvpn-pki-cryptomap/r28.cfg, IOL 15.4; IOSv 15.6 prints applets
    # with no ``!`` between them: gh-ipspace-netlab-small-site-eem-applet-iosv156).
    C(f"event {{{_EEM_EVENTS}}} [<rest>]", key=r"^(event)"),
    C(f"event tag <word> {{{_EEM_EVENTS}}} [<rest>]", key=r"^(event tag \S+)"),
    C("trigger [<rest>]", key=1, opens="eem-trigger"),
    C("action <word> <rest>", key=2),
)

_EEM_TRIGGER: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("correlate <rest>", key=1),
    C("attribute tag <word> <rest>", key=3),
)

_WSMA_AGENT: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("profile <word>", key=1),
)

_WSMA_PROFILE: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("transport {https|http|ssh|tls} [<rest>]", key=1),
    C("encap {soap11|soap12}", key=1),
    C("acl <word>", key=1),
    C("idle-timeout <int:1-35791>", key=1),
    C("max-message <int:1-2000>", key=1),
    C("keepalive <rest>", key=1),
    C("reconnect <int:0-2147483>", key=1),
    C("backup {excessive <rest>|hold <rest>|transport <rest>}", key=2),
    C("stealth"),
)

_CGNA_PROFILE: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("add-command <rest>"),
    C("interval <int:1-2147483647>", key=1),
    C("exec-count <int:0-2147483647>", key=1),
    C("url <url>", key=1),
    C("gzip"),
    C("active"),
)

_KEY_CHAIN: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("key <int:0-2147483647>", key=2, opens="key-chain-key"),
)

_KEY_CHAIN_KEY: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C(f"key-string {_KEY7}", key=1),
    C("cryptographic-algorithm {md5|hmac-sha-1|hmac-sha-256|hmac-sha-384|hmac-sha-512}", key=1),
    C("accept-lifetime <rest>", key=1),
    C("send-lifetime <rest>", key=1),
)

MODES: Final[tuple[Mode, ...]] = (
    Mode("eem-applet", "config-applet", _EEM_APPLET),
    Mode("eem-trigger", "config-applet-trigger", _EEM_TRIGGER),
    Mode("flow-record", "config-flow-record", _FLOW_RECORD),
    Mode("flow-exporter", "config-flow-exporter", _FLOW_EXPORTER),
    Mode("flow-monitor", "config-flow-monitor", _FLOW_MONITOR),
    Mode("fnf-sampler", "config-sampler", _FNF_SAMPLER),
    Mode("key-chain", "config-keychain", _KEY_CHAIN),
    Mode("wsma-agent", "config-wsma-agent", _WSMA_AGENT),
    Mode("wsma-profile", "config-wsma-listen", _WSMA_PROFILE),
    Mode("cgna-profile", "config-cg-nms-profile", _CGNA_PROFILE),
    Mode("key-chain-key", "config-keychain-key", _KEY_CHAIN_KEY),
)
