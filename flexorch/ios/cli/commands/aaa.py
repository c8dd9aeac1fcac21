"""AAA, RADIUS and TACACS+: method lists, accounting, server groups, servers, dynamic
authorization (RADIUS CoA), attribute lists, global RADIUS settings.

Sources: the FlexVPN configuration guide (AAA for IKEv2, RADIUS attributes for FlexVPN); Cisco
IOS Security Command Reference (aaa authentication/authorization/accounting, aaa group server,
radius server, aaa server radius dynamic-author, radius-server attribute, radius-server
dead-criteria, radius-server deadtime, tacacs server); real configs in ``tests/fixtures/real``.
"""

from __future__ import annotations

from typing import Final

from flexorch.ios.cli.commands.common import METHODS, SUBMODE_COMMON
from flexorch.ios.cli.syntax import Command as C
from flexorch.ios.cli.syntax import Mode

_KEY = "[{0|6|7}=enc] <word=key>"
_LIST = "{default|<word>}=list"
_ACCT = f"{{start-stop|stop-only|none}} [broadcast] [{{group <word=group>|{METHODS}}}]+"

GLOBAL: Final[tuple[C, ...]] = (
    C("aaa new-model", negation="shown"),
    C("aaa session-id {common|unique}", key=2),
    C(f"aaa authentication {{login|enable|ppp|dot1x|eou|arap|nasi|sgbp|suppress|token}}=kind"
      f" {_LIST} {METHODS}", key=4),
    C("aaa authentication attempts login <int:1-25>", key=4),
    C("aaa authentication {banner|fail-message} <rest>", key=3, delimited=True),
    C("aaa authentication {password-prompt|username-prompt} <rest>", key=3),
    C(f"aaa authorization {{network|exec|console|credential-download|configuration|"
      f"reverse-access|auth-proxy|ipmobile|subscriber-service|cts|eventing|multicast|"
      f"template|prepaid|radius-proxy|certificate}}=kind {_LIST} {METHODS}", key=4),
    C(f"aaa authorization commands <int:0-15> {_LIST} {METHODS}", key=5),
    C("aaa authorization {config-commands|console}"),
    C(f"aaa accounting {{network|exec|connection|system|resource|auth-proxy|dot1x|identity|"
      f"multicast|subscriber}}=kind {_LIST} {_ACCT}", key=4),
    C(f"aaa accounting commands <int:0-15> {_LIST} {_ACCT}", key=5),
    # The method-list form IOS-XE also prints (Security Command Reference, "aaa accounting";
    # the accounting method-list mode with "action-type", "broadcast", "group"): an ASR920 on
    # 16.8 prints ``aaa accounting exec default`` with `` action-type start-stop`` and
    # `` group DES_ACS_GROUP`` under it (tests/fixtures/real/gh-ytti-oxidized-asr920-1681).
    # The same setting as the one-line form: either replaces the other.
    C(f"aaa accounting {{network|exec|connection|system|resource|auth-proxy|dot1x|identity|"
      f"multicast|subscriber}}=kind {_LIST}", key=4, opens="aaa-acct-mlist"),
    C(f"aaa accounting commands <int:0-15> {_LIST}", key=5, opens="aaa-acct-mlist"),
    C("aaa accounting update {newinfo [periodic <int:1-71582>]|periodic <int:1-71582>"
      " [jitter maximum <int:0-2147483>]}", key=3),
    C("aaa accounting {delay-start [all]|nested|send {stop-record|counters} <rest>|"
      "session-duration ntp-adjusted|suppress null-username|redundancy <rest>|"
      "jitter maximum <int:0-2147483>|include auth-profile <rest>}",
      key=r"^(aaa accounting \S+)"),
    # Its ``no`` form is shown (IOS-XE 17.9 on a Catalyst 9200L: aaa authorization exec ...,
    # no aaa accounting system guarantee-first, aaa session-id common;
    # tests/fixtures/real/gh-ytti-oxidized-c9200l-sw179/sw123.cfg).
    C("aaa accounting system guarantee-first", negation="shown"),
    C("aaa group server {radius|tacacs+|ldap} <word=name>", key=5, opens="sg-radius"),
    C("aaa attribute list <word=name>", key=4, opens="attr-list"),
    C("aaa server radius dynamic-author", key=4, opens="radius-da"),
    C("aaa server radius {proxy|policy-device}", key=4),
    C("aaa local authentication {default|<word>} authorization {default|<word>}", key=3),
    # Local-user lockout (Security Command Reference, "aaa local authentication attempts
    # max-fail").
    C("aaa local authentication attempts max-fail <int:1-65535>", key=5),
    C("aaa policy interface-config allow-subinterface"),
    C("aaa password restriction"),
    C("aaa common-criteria policy <word>", key=4, opens="aaa-cc-policy"),
    C("aaa cache filterserver"),
    C("aaa nas port extended"),
    C("aaa dnis map <rest>"),
    C("aaa max-sessions <int:1-2147483647>", key=2),
    C("aaa configuration {username|password} <rest>"),
    C("radius server <word=name>", key=3, opens="radius-server"),
    C("tacacs server <word>", key=3, opens="tacacs-server"),
    C("ldap server <word>", key=3, opens="ldap-server"),
    # Global RADIUS client settings.
    C("radius-server attribute {<int:1-255>|nas-port|nas-port-id|nas-port-type|32|44|"
      "calling-station-id|called-station-id|vendor-specific} <rest>",
      key=r"^(radius-server attribute \S+ \S+(?: \S+)?)"),
    C("radius-server dead-criteria [time <int:1-120>] [tries <int:1-100>]", key=2),
    C("radius-server deadtime <int:1-1440>", key=2),
    C(f"radius-server key {_KEY}", key=2),
    C("radius-server retransmit <int:0-100>", key=2),
    C("radius-server timeout <int:1-1000>", key=2),
    C("radius-server vsa send [{accounting|authentication|cisco-nas-port}]",
      key=r"^(radius-server vsa send(?: \S+)?)"),
    C("radius-server {load-balance <rest>|source-ports extended|retry method reorder|"
      "directed-request [restricted]|transaction max-tries <int:1-100>|"
      "unique-ident <int:0-255>|configure-nas|challenge-noecho|domain-stripping <rest>}",
      key=r"^(radius-server \S+(?: \S+)?)"),
    C("radius-server host {<ip>|<ipv6>|<word>} [auth-port <int:0-65535>]"
      f" [acct-port <int:0-65535>] [timeout <int:1-1000>] [retransmit <int:0-100>] [key {_KEY}]",
      key=r"^(radius-server host \S+)"),
    C("ip radius source-interface <iface=interface> [vrf <word=vrf>]", key=3),
    C(f"tacacs-server {{host {{<ip>|<word>}} [<rest>]|key {_KEY}|timeout <int:1-1000>|"
      "directed-request|administration}", key=r"^(tacacs-server (?:host \S+|\S+))"),
    C("ip tacacs source-interface <iface>", key=3),
)

_SG_RADIUS: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("server name <word=server>"),
    C("server {<ip=server>|<ipv6=server>} [auth-port <int:0-65535>] [acct-port <int:0-65535>]"),
    C(f"server-private {{<ip=server>|<ipv6=server>}} [auth-port <int:0-65535>]"
      f" [acct-port <int:0-65535>] [timeout <int:1-1000>] [retransmit <int:0-100>] [key {_KEY}]"),
    C("ip radius source-interface <iface=interface> [vrf <word=vrf>]", key=3),
    C("ip tacacs source-interface <iface> [vrf <word>]", key=3),
    C("ip vrf forwarding <word=vrf>", key=3),
    C("deadtime <int:1-1440=deadtime>", key=1),
    C("load-balance method least-outstanding [<rest>]", key=1),
    C("accounting system host-config"),
    C("mac-delimiter <word>", key=1),
    C("attribute <rest>"),
)

_RADIUS_SERVER: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("address {ipv4 {<ip=address>|<word=address>}|ipv6 <ipv6=address>}"
      " [auth-port <int:0-65535=auth-port>] [acct-port <int:0-65535=acct-port>]", key=1),
    C(f"key {_KEY}", key=1),
    C(f"pac key {_KEY}", key=2),
    C("timeout <int:1-1000=timeout>", key=1),
    C("retransmit <int:0-100=retransmit>", key=1),
    C("automate-tester username <word> [ignore-auth-port] [ignore-acct-port] [probe-on]"
      " [idle-time <int:1-35791>]", key=1),
    C("dscp {auth|acct} <int:0-63> [{auth|acct} <int:0-63>]", key=1),
    C("non-standard"),
    C("backoff exponential [<rest>]", key=1),
)

_TACACS_SERVER: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("address {ipv4 <ip>|ipv6 <ipv6>}", key=1),
    C(f"key {_KEY}", key=1),
    C("timeout <int:1-1000=timeout>", key=1),
    C("port <int:1-65535>", key=1),
    C("single-connection"),
)

_LDAP_SERVER: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("ipv4 <ip>", key=1),
    C("bind authenticate root-dn <rest>", key=2),
    C("base-dn <rest>", key=1),
    C("search-filter <rest>", key=1),
    C("transport port <int:1-65535>", key=2),
    C("timeout retransmit <int:1-65535>", key=2),
)

# RADIUS Change of Authorization (RFC 5176) clients: Cisco IOS Security Command Reference,
# "aaa server radius dynamic-author" and its children client, server-key, port, auth-type.
_RADIUS_DA: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C(f"client {{<ip>|<ipv6>|<word>}} [vrf <word>] [server-key {_KEY}]",
      key=r"^(client \S+(?: vrf \S+)?)"),
    C(f"server-key {_KEY}", key=1),
    C("port <int:1-65535>", key=1),
    C("auth-type {any|all|session-key}", key=1),
    C("ignore {server-key|session-key}"),
    C("domain {delimiter <word>|stripping [right-to-left]}", key=2),
)

_ATTR_LIST: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("attribute type <word=type> {<quoted=value>|<word=value>} [protocol <word=protocol>]"
      " [service <word>] [mandatory] [tag] [<rest>]"),
)

# The children of an accounting method list typed as a block (see GLOBAL): the record type
# (the one-line form's ``start-stop|stop-only|none [broadcast]``) and the server groups, one
# ``group`` line each.
_ACCT_MLIST: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("action-type {start-stop [periodic {disable|interval <int:1-71582>}]|stop-only|none}=record"
      " [broadcast]", key=1),
    C("broadcast"),
    C("group <word=group>"),
    C("periodic {disable|interval <int:1-71582>}", key=1),
)

_CC_POLICY: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("min-length <int:1-127>", key=1),
    C("max-length <int:1-127>", key=1),
    C("upper-case <int:0-64>", key=1),
    C("lower-case <int:0-64>", key=1),
    C("numeric-count <int:0-64>", key=1),
    C("special-case <int:0-64>", key=1),
    C("char-changes <int:0-64>", key=1),
    C("lifetime <rest>", key=1),
)

MODES: Final[tuple[Mode, ...]] = (
    Mode("sg-radius", "config-sg-radius", _SG_RADIUS),
    Mode("aaa-acct-mlist", "cfg-acct-mlist", _ACCT_MLIST),
    Mode("radius-server", "config-radius-server", _RADIUS_SERVER),
    Mode("tacacs-server", "config-server-tacacs", _TACACS_SERVER),
    Mode("ldap-server", "config-ldap-server", _LDAP_SERVER),
    Mode("radius-da", "config-locsvr-da-radius", _RADIUS_DA),
    Mode("attr-list", "config-attr-list", _ATTR_LIST),
    Mode("aaa-cc-policy", "config-cc-policy", _CC_POLICY),
)
