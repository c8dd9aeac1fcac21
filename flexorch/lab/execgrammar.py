"""The exec-mode command table of a lab router, and the IOS way of matching a line against it.

Keywords match by unique prefix (``sh run``, ``conf t``, ``wr``), case-insensitively; an exact
keyword wins over longer ones it prefixes. The first word that matches nothing is where IOS puts
its caret. The table also lists real IOS commands the lab does not simulate, so that prefixes
are as ambiguous here as on a router (``co`` is ``configure``/``connect``/``copy``).

This table is the lab's exec CLI; config-mode grammar is ``flexorch.ios`` (shared with render,
plan and drift), not here.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Arg:
    """An argument slot: ``int`` with a range, ``word`` (one token), ``address`` (an IPv4 or
    IPv6 address) or ``line`` (rest of line)."""

    name: str
    kind: str = "word"
    low: int = 0
    high: int = 0

    def accepts(self, token: str) -> bool:
        if self.kind == "int":
            return token.isdigit() and self.low <= int(token) <= self.high
        if self.kind == "address":
            try:
                ipaddress.ip_address(token)
            except ValueError:
                return False
        return True


@dataclass(frozen=True)
class Cmd:
    """A keyword (or an argument when ``arg`` is set) with what may follow it.

    ``action`` set means the command is complete here; ``priv`` is the lowest privilege level
    that sees the keyword; ``pipe`` allows ``| include ...`` output filters.
    """

    word: str
    children: tuple[Cmd, ...] = ()
    action: str | None = None
    arg: Arg | None = None
    priv: int = 15
    pipe: bool = False


def K(  # a keyword node; one-letter names keep the table below readable
    word: str, *children: Cmd, action: str | None = None, priv: int = 15, pipe: bool = False
) -> Cmd:
    return Cmd(word, children, action, None, priv, pipe)


def A(arg: Arg, *children: Cmd, action: str | None = None, pipe: bool = False) -> Cmd:
    """An argument node."""
    return Cmd(f"<{arg.name}>", children, action, arg, 0, pipe)


def unsupported(*words: str, priv: int = 15) -> tuple[Cmd, ...]:
    """Real IOS keywords the lab knows only by name (for abbreviation and a clear answer)."""
    return tuple(Cmd(w, (), "unsupported", None, priv) for w in words)


FILE = Arg("url")
# ``show crypto ipsec sa interface|peer X [detail]`` (Cisco IOS Security Command Reference,
# "show crypto ipsec sa").
IPSEC_SA_DETAIL = (K("detail", action="show_ipsec_sa_detail"),)
MINUTES = Arg("minutes", "int", 1, 120)

SHOW = K(
    "show",
    K("running-config", K("interface", A(Arg("interface", "line"), action="show_run_interface")),
      action="show_run", pipe=True),
    K("startup-config", action="show_startup", pipe=True),
    K("version", action="show_version", priv=1, pipe=True),
    K("privilege", action="show_privilege", priv=1),
    K("clock", action="show_clock", priv=1),
    K("ip", K("interface", K("brief", action="show_ip_int_brief", pipe=True)),
      *unsupported("route", "arp", "vrf", "ssh", "access-lists", "bgp", "cef", "nat", "ospf",
                   priv=1),
      priv=1),
    K("archive", K("config", K("rollback", K("timer", action="show_archive_timer"))),
      action="show_archive", pipe=True),
    K("crypto",
      K("ikev2",
        K("sa", K("detailed", action="show_ikev2_sa_detailed", pipe=True),
          action="show_ikev2_sa", pipe=True),
        K("session", K("detailed", action="show_ikev2_session_detailed", pipe=True),
          action="show_ikev2_session", pipe=True),
        K("profile", A(Arg("name"), action="show_ikev2_profile", pipe=True),
          action="show_ikev2_profile", pipe=True),
        K("stats", action="show_ikev2_stats", pipe=True),
        *unsupported("policy", "proposal", "diagnose", "authorization")),
      K("ipsec",
        K("sa", K("detail", action="show_ipsec_sa_detail", pipe=True),
          K("interface", A(Arg("interface"), *IPSEC_SA_DETAIL, action="show_ipsec_sa")),
          K("peer", A(Arg("peer", "address"), *IPSEC_SA_DETAIL, action="show_ipsec_sa")),
          *unsupported("address", "identity", "ipv6", "map", "vrf"),
          action="show_ipsec_sa", pipe=True),
        # ``show crypto ipsec profile [NAME]`` (Cisco IOS Security Command Reference, "show
        # crypto ipsec profile"; layout: flexorch.lab.cryptoshows)
        K("profile", A(Arg("name"), action="show_ipsec_profile", pipe=True),
          action="show_ipsec_profile", pipe=True),
        *unsupported("client", "policy", "spi-lookup", "transform-set")),
      K("session", K("detail", action="show_crypto_session_detail", pipe=True),
        action="show_crypto_session", pipe=True),
      *unsupported("isakmp", "map", "key", "pki", "engine", "sockets")),
    K("derived-config", K("interface", A(Arg("interface", "line"), action="show_derived"))),
    K("flash:", action="dir", pipe=True),
    K("bootflash:", action="dir", pipe=True),
    *unsupported("aaa", "access-lists", "arp", "cdp", "configuration", "controllers", "debugging",
                 "diag", "environment", "file", "history", "hosts", "interfaces", "inventory",
                 "ipv6", "license", "line", "logging", "memory", "platform", "policy-map",
                 "processes", "protocols", "redundancy", "sessions", "ssh", "tech-support",
                 "terminal", "users", "vrf", priv=1),
    priv=1,
)

EXEC_TREE: tuple[Cmd, ...] = (
    SHOW,
    K("configure",
      K("terminal", K("revert", K("timer", A(MINUTES, action="configure_revert_timer"))),
        action="configure_terminal"),
      K("confirm", action="configure_confirm"),
      K("revert", K("now", action="configure_revert_now"),
        K("timer", A(MINUTES, action="configure_revert_reset"))),
      # configure replace URL [force] [time MINUTES]: Cisco IOS Configuration Fundamentals
      # Command Reference, "configure replace" (time: Rollback Confirmed Change).
      K("replace", A(FILE, K("force", K("time", A(MINUTES, action="configure_replace")),
                             action="configure_replace"),
                     K("time", A(MINUTES, action="configure_replace")),
                     action="configure_replace")),
      *unsupported("memory", "network", "overwrite-network", "session")),
    K("copy", A(Arg("source"), A(Arg("destination"), action="copy"))),
    K("write", K("memory", action="write_memory"), K("terminal", action="show_run", pipe=True),
      K("erase", action="write_erase"), action="write_memory"),
    K("dir", A(FILE, action="dir", pipe=True), action="dir", pipe=True),
    K("more", A(FILE, action="more", pipe=True)),
    K("delete", A(FILE, action="delete")),
    K("reload", action="reload"),
    K("clear", K("crypto", K("session", action="clear_crypto"),
                 K("sa", action="clear_crypto"),
                 K("ikev2", K("sa", action="clear_crypto"))),
      *unsupported("counters", "line", "logging", "arp-cache", "ip")),
    K("archive", K("config", action="archive_config")),
    K("terminal",
      K("length", A(Arg("lines", "int", 0, 512), action="terminal")),
      K("width", A(Arg("columns", "int", 0, 512), action="terminal")),
      K("monitor", action="terminal"),
      K("no", K("monitor", action="terminal"), K("length", action="terminal"),
        K("width", action="terminal"), priv=1),
      *unsupported("exec", "history", "editing", "ip", priv=1),
      priv=1),
    K("enable", A(Arg("level", "int", 0, 15), action="enable"), action="enable", priv=1),
    K("disable", action="disable", priv=1),
    K("exit", action="exit", priv=1),
    K("logout", action="exit", priv=1),
    *unsupported("ping", "traceroute", "telnet", "ssh", "connect", "disconnect", "systat",
                 "where", "resume", "name-connection", "mrinfo", "mstat", "mtrace", "lock",
                 "login", "release", "renew", "set", "send", "setup", "start-chat", "tclsh",
                 "test", "verify", "access-enable", "access-profile", "access-template",
                 "beep", "call", "cd", "clock", "cns", "crypto", "debug", "undebug",
                 "diagnostic", "dot1x", "erase", "event", "format", "fsck", "help",
                 "hw-module", "license", "logging", "mkdir", "monitor", "no", "pwd",
                 "redundancy", "rename", "request", "rmdir", "software", "upgrade", priv=1),
)

FILTERS = ("append", "begin", "count", "exclude", "format", "include", "redirect", "section", "tee")
SUPPORTED_FILTERS = ("begin", "count", "exclude", "include", "section")


@dataclass
class Match:
    """A line matched to a complete command, its arguments and its output filters."""

    action: str
    args: dict[str, str] = field(default_factory=dict)
    words: list[str] = field(default_factory=list)  # the canonical keywords matched
    filters: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class MatchError:
    """Why a line did not match: ``invalid`` (with caret column), ``incomplete``, ``ambiguous``."""

    kind: str
    caret: int = 0


_TOKEN = re.compile(r"\S+")


def _visible(node: Cmd, priv: int) -> bool:
    return node.arg is not None or node.priv <= priv


def match_line(  # noqa: PLR0911 - one return per way IOS can refuse a line
    line: str, priv: int, tree: tuple[Cmd, ...] = EXEC_TREE
) -> Match | MatchError:
    """Match an exec line the way IOS does. Columns in errors are 0-based in ``line``."""
    body, pipe_at = line, -1
    bar = line.find("|")
    if bar >= 0:
        body, pipe_at = line[:bar], bar
    tokens = [(m.group(), m.start()) for m in _TOKEN.finditer(body)]
    children = tree
    node: Cmd | None = None
    result = Match(action="")
    for token, column in tokens:
        lowered = token.lower()
        keywords = [c for c in children if c.arg is None and _visible(c, priv)]
        exact = [c for c in keywords if c.word == lowered]
        found = exact or [c for c in keywords if c.word.startswith(lowered)]
        if len(found) > 1:
            return MatchError("ambiguous", column)
        if found:
            node = found[0]
            result.words.append(node.word)
        else:
            slot = next((c for c in children if c.arg is not None and c.arg.accepts(token)), None)
            if slot is None:
                return MatchError("invalid", column)
            assert slot.arg is not None
            node = slot
            if slot.arg.kind == "line":
                result.args[slot.arg.name] = body[column:].strip()
                break
            result.args[slot.arg.name] = token
        children = node.children
    if node is None:
        return MatchError("empty")
    if node.action is None:
        return MatchError("incomplete")
    result.action = node.action
    if pipe_at >= 0:
        # Every show command takes output modifiers on IOS; elsewhere only where marked.
        if not node.pipe and result.words[:1] != ["show"]:
            return MatchError("invalid", pipe_at)
        filters = _match_filters(line, pipe_at)
        if isinstance(filters, MatchError):
            return filters
        result.filters = filters
    return result


def _match_filters(line: str, start: int) -> list[tuple[str, str]] | MatchError:
    out: list[tuple[str, str]] = []
    segments = [(m.start(), m.group()) for m in re.finditer(r"\|[^|]*", line[start:])]
    for offset, segment in segments:
        column = start + offset + 1
        words = segment[1:].split(None, 1)
        if not words:
            return MatchError("incomplete")
        name = words[0].lower()
        column += len(segment[1:]) - len(segment[1:].lstrip())
        found = [f for f in FILTERS if f.startswith(name)]
        if len(found) != 1:
            return MatchError("ambiguous" if found else "invalid", column)
        if found[0] not in SUPPORTED_FILTERS:
            return MatchError("invalid", column)
        if len(words) < 2:
            return MatchError("incomplete")
        out.append((found[0], words[1].rstrip()))
    return out
