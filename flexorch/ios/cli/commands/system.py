"""Day-0 and housekeeping commands: hostname, users, domain, SSH, static routes, lines, archive.

Sources: IOS-XE 16/17 running configs in ``tests/fixtures/real``; Cisco IOS Configuration
Fundamentals Command Reference (line, archive), IOS IP Routing: Static Command Reference.
"""

from __future__ import annotations

from typing import Final

from flexorch.ios.cli.commands.common import SUBMODE_COMMON
from flexorch.ios.cli.syntax import Command as C
from flexorch.ios.cli.syntax import Mode

GLOBAL: Final[tuple[C, ...]] = (
    C("hostname <word>", key=1),
    C("version <word>", key=1),
    C("boot-start-marker"),
    C("boot-end-marker"),
    C("service password-encryption"),
    C("service timestamps {debug|log} [{datetime|uptime} <rest>]", key=3),
    C("password encryption aes"),
    C("key config-key password-encrypt <word>", key=3),
    C("enable secret [{0|5|8|9}] <word>", key=2),
    C("enable password [{0|7}] <word>", key=2),
    C("username <word> [privilege <int:0-15>] {secret [{0|5|8|9}] <word>|"
      "password [{0|7}] <word>}", key=2),
    C("ip domain name <word>", key=3),
    C("ip domain-name <word>", key=3, rewrite=(r"^ip domain-name ", "ip domain name ")),
    C("ip domain lookup"),
    C("ip ssh version {1|2}", key=3),
    C("ip ssh time-out <int:1-120>", key=3),
    C("ip ssh authentication-retries <int:0-5>", key=3),
    C("ip forward-protocol nd"),
    C("ip http server"),
    C("ip http secure-server"),
    C("ipv6 unicast-routing"),
    C("ntp server [vrf <word>] {<ip>|<ipv6>|<word>}"),
    C("ip route [vrf <word>] <ip> <mask> {<ip>|<iface> [<ip>]} [<int:1-255>]"
      " [tag <int:1-4294967295>] [name <word>] [permanent]"),
    C("ipv6 route [vrf <word>] <ipv6pfx> {<ipv6>|<iface> [<ipv6>]} [<int:1-254>]"
      " [tag <int:1-4294967295>] [name <word>]"),
    C("ip local pool <word> <ip> [<ip>]"),
    C("ipv6 local pool <word> <ipv6pfx> <int:1-128>"),
    C("archive", key=1, opens="archive"),
    C("line {con|aux} 0", key=3, opens="line"),
    C("line console 0", key=3, opens="line", rewrite=(r"^line console ", "line con ")),
    C("line vty <int:0-1869> [<int:0-1869>]", key=4, opens="line"),
)

_ARCHIVE: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("path <url>", key=1),
    C("maximum <int:1-14>", key=1),
    C("write-memory"),
    C("time-period <int:1-525600>", key=1),
)

_LINE: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("login [{local|authentication <word>}]", key=1),
    C("transport input {ssh|telnet|all|none}+", key=2),
    C("transport output {ssh|telnet|all|none}+", key=2),
    C("exec-timeout <int:0-35791> [<int:0-2147483>]", key=1),
    C("password [{0|7}] <word>", key=1),
    C("privilege level <int:0-15>", key=2),
    C("logging synchronous"),
    C("length <int:0-512>", key=1),
    C("width <int:0-512>", key=1),
    C("access-class <word> in [vrf-also]", key=r"^(access-class) \S+ (in)"),
    C("session-timeout <int:0-35791>", key=1),
)

MODES: Final[tuple[Mode, ...]] = (
    Mode("archive", "config-archive", _ARCHIVE),
    Mode("line", "config-line", _LINE),
)
