"""Access lists: numbered (``access-list N``) and named (``ip access-list standard|extended``)
IPv4 lists, IPv6 lists, MAC lists.

Source: Cisco IOS Security Command Reference (access-list (IP standard), access-list (IP
extended), ip access-list, permit, deny, remark, ipv6 access-list); port and protocol names as
IOS prints them (``eq www``, ``eq isakmp``, ``eq non500-isakmp``); real configs in
``tests/fixtures/real``.
"""

from __future__ import annotations

from typing import Final

from flexorch.ios.cli.commands.common import SUBMODE_COMMON
from flexorch.ios.cli.syntax import Command as C
from flexorch.ios.cli.syntax import Mode

# Addresses: ``any``, ``host A``, ``A WILDCARD``, ``object-group NAME``.
_ADDR = "{any|host {<ip>|<word>}|<ip> <ip>|object-group <word>|addrgroup <word>}"
_STD_ADDR = "{any|host <ip>|<ip> [<ip>]}"
# Ports: a number or a name IOS knows (Security Command Reference, "permit (IP)": TCP and UDP
# port names).
_PORT_NAME = ("{<int:0-65535>|bgp|chargen|cmd|daytime|discard|domain|echo|exec|finger|ftp|"
              "ftp-data|gopher|hostname|ident|irc|klogin|kshell|login|lpd|msrpc|nntp|"
              "pim-auto-rp|pop2|pop3|smtp|sunrpc|syslog|tacacs|talk|telnet|time|uucp|whois|www|"
              "biff|bootpc|bootps|dnsix|isakmp|mobile-ip|nameserver|netbios-dgm|netbios-ns|"
              "netbios-ss|non500-isakmp|ntp|rip|snmp|snmptrap|tftp|who|xdmcp|https|ssh}")
_PORT = (f"{{eq {{{_PORT_NAME}}}+|neq {{{_PORT_NAME}}}+|lt {_PORT_NAME}|gt {_PORT_NAME}|"
         f"range {_PORT_NAME} {_PORT_NAME}}}")
_PROTO = ("{ip|tcp|udp|icmp|gre|esp|ahp|ospf|eigrp|pim|igmp|ipinip|nos|pcp|sctp|"
          "object-group <word>|<int:0-255>}")
# ICMP message types and codes follow an ``icmp`` entry's destination only (Security Command
# Reference, "permit (IP)": ``permit icmp source destination [icmp-type [icmp-code] |
# icmp-message]``); after ``tcp``/``udp`` the same words are a ``log`` cookie or refused.
_ICMP_MSG = ("[{echo|echo-reply|unreachable|time-exceeded|packet-too-big|"
             "administratively-prohibited|host-unreachable|net-unreachable|port-unreachable|"
             "parameter-problem|redirect|router-advertisement|router-solicitation|source-quench|"
             "traceroute|ttl-exceeded|timestamp-reply|timestamp-request|information-reply|"
             "information-request|mask-reply|mask-request|<int:0-255> [<int:0-255>]}]")
_OPTIONS = ("[{established|log|log-input|"
            "fragments|option <word>|precedence <word>|tos <word>|dscp <word>|ttl {eq|neq|lt|gt}"
            " <int:0-255>|ttl range <int:0-255> <int:0-255>|time-range <word>|reflect <word>|"
            "match-any <rest>|match-all <rest>|ack|fin|psh|rst|syn|urg}]+")
# ``log``/``log-input`` may end an entry with a cookie, a word IOS keeps as typed in the log
# messages and in show running-config (Security Command Reference, "permit (IP)": ``log
# [word]``): ``access-list 100 permit tcp any any eq 22 log SSH`` on an IOS 15.7 2901
# (tests/fixtures/real/gh-tmullaly-oxidized-isrg2-backups r1, core).
_LOG_COOKIE = "[{log|log-input} <word=cookie>]"
_EXT_ENTRY = (f"{{permit|deny}} {{icmp {_ADDR} {_ADDR} {_ICMP_MSG}|"
              f"{_PROTO} {_ADDR} [{_PORT}] {_ADDR} [{_PORT}]}} {_OPTIONS} {_LOG_COOKIE}")
_STD_ENTRY = f"{{permit|deny}} {_STD_ADDR} [log]"
_V6_ADDR = "{any|host <ipv6>|<ipv6pfx>|object-group <word>}"
# ICMPv6 message names of IPv6 lists (IPv6 Command Reference, "permit icmp (IPv6)": neighbor
# discovery, router discovery, MLD and the error types).
_V6_ICMP = ("[{nd-ns|nd-na|router-advertisement|router-solicitation|router-renumbering|"
            "mld-query|mld-report|mld-reduction|destination-unreachable|packet-too-big|"
            "time-exceeded|parameter-problem|echo-request|echo-reply|no-admin|no-route|"
            "beyond-scope|hop-limit|unreachable}]")
_V6_ENTRY = (f"{{permit|deny}} {{ipv6|tcp|udp|icmp|esp|ahp|gre|ospf|eigrp|pim|sctp|<int:0-255>}}"
             f" {_V6_ADDR} [{_PORT}] {_V6_ADDR} [{_PORT}] {_V6_ICMP} {_OPTIONS}")

GLOBAL: Final[tuple[C, ...]] = (
    C("ip access-list standard {<int:1-99>|<int:1300-1999>|<word>}", key=4, opens="acl-std"),
    C("ip access-list extended {<int:100-199>|<int:2000-2699>|<word>}", key=4, opens="acl-ext"),
    C("ip access-list {resequence <rest>|logging <rest>|log-update <rest>}"),
    # Time ranges that entries name with ``time-range`` (Security Command Reference,
    # "time-range", "periodic", "absolute").
    C("time-range <word>", key=2, opens="time-range"),
    C(f"access-list {{<int:1-99>|<int:1300-1999>}} {_STD_ENTRY}",
      rewrite=(r" host (\d+\.\d+\.\d+\.\d+)", r" \1")),
    C(f"access-list {{<int:100-199>|<int:2000-2699>}} [dynamic <word> [timeout <int:1-9999>]]"
      f" {_EXT_ENTRY}"),
    C("access-list <int:1-2699> remark <rest>"),
    C("ipv6 access-list <word>", key=3, opens="acl-v6"),
    C("mac access-list extended <word>", key=4, opens="acl-mac"),
)

# Entries are numbered: IOS assigns sequence numbers 10, 20, ... to entries typed without one
# (``rules.SEQUENCED_MODES``); whether ``show running-config`` prints them depends on the train
# (``rules.ACL_SEQUENCES_SHOWN_FROM``).
_ACL_STD: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C(f"[<int:1-2147483647>] {_STD_ENTRY}",
      key=r"^(\d+) ", rewrite=(r" host (\d+\.\d+\.\d+\.\d+)", r" \1")),
    C("[<int:1-2147483647>] remark <rest>"),
)

_ACL_EXT: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C(f"[<int:1-2147483647>] {_EXT_ENTRY}", key=r"^(\d+) "),
    C("[<int:1-2147483647>] remark <rest>"),
    C("[<int:1-2147483647>] evaluate <word>", key=r"^(\d+) "),
)

_ACL_V6: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C(f"[sequence <int:1-4294967295>] {_V6_ENTRY}"),
    C("remark <rest>"),
    C("[sequence <int:1-4294967295>] remark <rest>"),
)

_TIME_RANGE: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("periodic <rest>"),
    C("absolute [start <word> <int:1-31> <word> <int:1993-2035>] [end <word> <int:1-31> <word>"
      " <int:1993-2035>]", key=1),
)

_ACL_MAC: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("{permit|deny} {any|host <mac>|<mac> <mac>} {any|host <mac>|<mac> <mac>} [<rest>]"),
    C("remark <rest>"),
)

MODES: Final[tuple[Mode, ...]] = (
    Mode("acl-std", "config-std-nacl", _ACL_STD),
    Mode("acl-ext", "config-ext-nacl", _ACL_EXT),
    Mode("acl-v6", "config-ipv6-acl", _ACL_V6),
    Mode("acl-mac", "config-ext-macl", _ACL_MAC),
    Mode("time-range", "config-time-range", _TIME_RANGE),
)
