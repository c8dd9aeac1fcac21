"""IOS-XE platform facts as data: interface names, secret-bearing lines, error strings.

One part of ``flexorch.ios.facts`` (import from the package). Other modules (render, lint, the
lab's grammar, plan, drift) read these tables; they do not keep their own copies.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from flexorch.ios.facts.rules import DEFAULT_OFF_ON_PORTS, MSG_BAD_MASK, MSG_BAD_MASK_PREFIX

# --- Interface names ---------------------------------------------------------------------------
# Canonical type names in the order IOS lists interfaces in running-config.
INTERFACE_TYPES: Final[tuple[str, ...]] = (
    "Loopback",
    "Port-channel",
    "Tunnel",
    "FastEthernet",
    "GigabitEthernet",
    "TwoGigabitEthernet",
    "FiveGigabitEthernet",
    "AppGigabitEthernet",
    "TenGigabitEthernet",
    "TwentyFiveGigE",
    "FortyGigabitEthernet",
    "HundredGigE",
    "Ethernet",
    "Wlan-GigabitEthernet",
    "Serial",
    "Multilink",
    "Async",
    "Cellular",
    "Dialer",
    "Virtual-PPP",
    "BDI",
    "BVI",
    "Vlan",
    "VirtualPortGroup",
    "Service-Engine",
    "Embedded-Service-Engine",
    # ISR G1/G2 DSL, ISDN and wireless ports (Cisco 800/1900 series configuration guides: ATM0
    # with PVCs, BRI0, Dot11Radio0) and the async group of terminal servers.
    "ATM",
    "BRI",
    "Dot11Radio",
    "Group-Async",
    "Virtual-Template",
    "Virtual-Access",
    "NVI",
    "LISP",
    "nve",
    "Null",
)

# Interface types configuration can create (``interface Tunnel5``); others are hardware.
INTERFACE_CREATABLE: Final[frozenset[str]] = frozenset(
    {"Loopback", "Tunnel", "Virtual-Template", "Port-channel", "Vlan", "BDI", "BVI", "Dialer",
     "NVI", "Multilink", "Virtual-PPP", "VirtualPortGroup", "LISP", "nve", "Null"}
)

# Abbreviations IOS resolves even where a bare prefix would be ambiguous.
INTERFACE_ALIASES: Final[dict[str, str]] = {
    "g": "GigabitEthernet",
    "gi": "GigabitEthernet",
    "gig": "GigabitEthernet",
    "te": "TenGigabitEthernet",
    "ten": "TenGigabitEthernet",
    "tu": "Tunnel",
    "tun": "Tunnel",
    "lo": "Loopback",
    "fa": "FastEthernet",
    "f": "FastEthernet",
    "vt": "Virtual-Template",
    "virtual-template": "Virtual-Template",
    "va": "Virtual-Access",
    "po": "Port-channel",
    "e": "Ethernet",
    "eth": "Ethernet",
    "s": "Serial",
    "vl": "Vlan",
}

# A type may hold digits before its last letter (``Dot11Radio0``).
_IFNAME = re.compile(r"^([A-Za-z](?:[A-Za-z0-9-]*?[A-Za-z-])?)\s*(\d[\d/.:]*)$")


@lru_cache(maxsize=65536)
def interface_canonical(name: str) -> str:
    """Return IOS's spelling of an interface name: ``g1`` -> ``GigabitEthernet1``,
    ``tunnel0`` -> ``Tunnel0``, ``virtual-template1`` -> ``Virtual-Template1``.

    Raises ValueError for a name IOS would not resolve to exactly one interface type.
    """
    match = _IFNAME.match(name.strip())
    if not match:
        raise ValueError(f"'{name}' is not an interface name")
    kind, number = match.group(1).lower(), match.group(2)
    if kind in INTERFACE_ALIASES:
        return INTERFACE_ALIASES[kind] + number
    candidates = [t for t in INTERFACE_TYPES if t.lower().startswith(kind)]
    if len(candidates) != 1:
        raise ValueError(f"'{name}' is not an interface name IOS resolves unambiguously")
    return candidates[0] + number


# Where interface kinds print in running-config: logical interfaces created in configuration
# first (Loopback, Port-channel, Tunnel), then the hardware ports by slot/port whatever their
# type (an ISR's TwoGigabitEthernet0/0/0-7, TenGigabitEthernet0/0/8, Service-Engine0/4/0), a
# hardware port with a single number after the slotted ones (the IOS-XE management port
# GigabitEthernet0), then the remaining logical interfaces (Vlan, Virtual-Template, ...)
# (tests/fixtures/real: gh-juliogomez-iosxe26-pqc-svti, gh-jclarkson-ikev2-dmvpn-ivrf;
# VirtualPortGroup before GigabitEthernet1: gh-fabferri-azure-csr17-svti-bgp). A port a
# controller or voice module creates as a channel (``BRI0/1/0:0``, a name with ``:``) follows the
# hardware ports, the management port included (an ISR4351 on IOS-XE 17.9: GigabitEthernet0/0/2,
# Service-Engine0/1/4 ... 1/0/0, GigabitEthernet0, BRI0/1/0:0 ... BRI0/1/3:0;
# gh-genielibs-isr4351-179-voice/analog-perf-uut1.cfg).
_INTERFACES_FIRST: Final[tuple[str, ...]] = ("Loopback", "Port-channel", "Tunnel",
                                             "VirtualPortGroup")
_INTERFACES_LOGICAL: Final[frozenset[str]] = frozenset(
    {"BDI", "BVI", "Vlan", "Virtual-Template", "Virtual-Access", "NVI",
     "LISP", "nve", "Null", "Dialer", "Virtual-PPP", "Multilink"})


@lru_cache(maxsize=65536)
def interface_sort_key(name: str) -> tuple[int, tuple[int, ...], int, tuple[int, ...]]:
    """Sort key putting interfaces in IOS running-config order (see ``_INTERFACES_FIRST``)."""
    canonical = interface_canonical(name)
    match = _IFNAME.match(canonical)
    assert match is not None
    kind = match.group(1)
    main, _, sub = match.group(2).partition(".")
    numbers = tuple(int(n) for n in re.split(r"[/:]", main) if n.isdigit())
    subs = tuple(int(n) for n in sub.split(".") if n.isdigit())
    type_index = INTERFACE_TYPES.index(kind)
    if kind in _INTERFACES_FIRST:
        return (0, (type_index, *numbers), 0, subs)
    if kind in _INTERFACES_LOGICAL:
        return (3, (type_index, *numbers), 0, subs)
    if ":" in main:
        return (2, (999, *numbers), type_index, subs)
    return (1 if len(numbers) > 1 else 2, numbers, type_index, subs)


# --- Hardware: the physical ports of the modelled platforms -------------------------------------
# A router has the ports of its model; ``interface X`` for a port it does not have is refused.
# The model is named (a lab setting) or recognised from the interface names a config uses;
# without either it is the C8000V the lab's ``show version`` describes.
# C8000V / CSR1000v: GigabitEthernet1..N (Cisco Catalyst 8000V Edge Software Installation and
# Configuration Guide: vNICs appear as GigabitEthernet1 onwards); ISR 4000: GigabitEthernet0/0/0-3
# and the management port GigabitEthernet0 (ISR 4000 Hardware Installation Guide); IOL:
# Ethernet0/0-0/3 and 1/0-1/3 (the IOL labs of tests/fixtures/real); IOSv: GigabitEthernet0/0-0/3;
# an older ISR: FastEthernet0/0-0/1 (tests/fixtures/real/gh-jclarkson-ikev2-gre-site2site).


@dataclass(frozen=True)
class Hardware:
    """A router model: its name, the pattern its port names follow, and its ports."""

    model: str
    naming: re.Pattern[str]
    ports: tuple[str, ...]


def _ports(prefix: str, slots: tuple[str, ...], count: int) -> tuple[str, ...]:
    return tuple(f"{prefix}{slot}{n}" for slot in slots for n in range(count))


HARDWARE: Final[tuple[Hardware, ...]] = (
    Hardware("C8000V", re.compile(r"^GigabitEthernet\d+$"),
             tuple(f"GigabitEthernet{n}" for n in range(1, 9))),
    Hardware("ISR4000", re.compile(r"^GigabitEthernet\d+/\d+/\d+$"),
             (*_ports("GigabitEthernet", ("0/0/",), 4), "GigabitEthernet0")),
    Hardware("IOL", re.compile(r"^Ethernet\d+/\d+$"), _ports("Ethernet", ("0/", "1/"), 4)),
    Hardware("IOSv", re.compile(r"^GigabitEthernet\d+/\d+$"),
             _ports("GigabitEthernet", ("0/",), 4)),
    Hardware("ISR-G1", re.compile(r"^FastEthernet\d+/\d+$"), _ports("FastEthernet", ("0/",), 2)),
)
DEFAULT_HARDWARE: Final = "C8000V"


def hardware_for(interface_names: Iterable[str], model: str | None = None) -> Hardware:
    """The router model: ``model`` when it names one of ``HARDWARE`` (case-insensitive), else
    the model whose port naming the configured physical interfaces follow (a subinterface counts
    as its port), else ``DEFAULT_HARDWARE``."""
    by_name = {h.model.lower(): h for h in HARDWARE}
    if model is not None and model.lower() in by_name:
        return by_name[model.lower()]
    for name in interface_names:
        port = name.split(".")[0]
        for hardware in HARDWARE:
            if hardware.naming.match(port):
                return hardware
    return by_name[DEFAULT_HARDWARE.lower()]


def address_refusal(address: int, mask: int, text: str) -> str | None:
    """What IOS answers to an interface address ``address`` (``text`` as typed) with ``mask``,
    both as integers: ``rules.MSG_BAD_MASK`` for a mask that is not contiguous,
    ``rules.MSG_BAD_MASK_PREFIX`` for the subnet's own or broadcast address below /31; None
    when IOS takes it."""
    hosts = ~mask & 0xFFFFFFFF
    if hosts & (hosts + 1):
        return MSG_BAD_MASK.format(mask=mask, address=text)
    length = 32 - hosts.bit_length()
    if length < 31 and address & hosts in (0, hosts):
        return MSG_BAD_MASK_PREFIX.format(length=length, address=text)
    return None


def ipv6_groups(text: str) -> list[str] | None:
    """The eight groups of an IPv6 address written in hex groups alone (no IPv4 tail, no
    ``%`` scope: the caller checks its characters), ``::`` filled with zero groups, upper case;
    None when it is no address. What ``ipaddress`` reads of that form, without its parser (~7 us
    an address): the grammar's IPv6 words (``ios.cli.args``) and the inventory's interface
    addresses (``intent.types``) are read with it (tests/ios/test_args.py compares it with
    ``ipaddress``)."""
    high, double, low = text.upper().partition("::")
    if double:
        groups = high.split(":") if high else []
        tail = low.split(":") if low else []
        missing = 8 - len(groups) - len(tail)
        if missing < 1:
            return None
        groups += ["0"] * missing
        groups += tail
    else:
        groups = high.split(":")
    if len(groups) != 8 or "" in groups or max(map(len, groups)) > 4:
        return None
    return groups


def default_off_on_port(line: str, header: str) -> bool:
    """Whether the default-on interface feature ``line`` is off by default on the interface of
    block header ``header`` (``interface GigabitEthernet1``): its port follows the naming of a
    model ``rules.DEFAULT_OFF_ON_PORTS`` lists for it. Logical interfaces (loopbacks, tunnels)
    and other models' ports keep the feature's default."""
    words = header.split()
    if len(words) != 2 or words[0] != "interface":
        return False
    port = words[1].split(".")[0]
    models = DEFAULT_OFF_ON_PORTS.get(line, frozenset())
    if any(h.model not in models and port in h.ports for h in HARDWARE):
        return False  # a port another model has (an ISR4000's GigabitEthernet0)
    return any(h.model in models and h.naming.match(port) for h in HARDWARE)


# --- Secrets in config text -------------------------------------------------------------------
# Lines whose trailing argument is a secret, as (regex, group to mask). Matched per line, on the
# line with its indentation. Type 6/7 ciphertext is masked as well: it is reversible (7) or
# tied to the device's master key (6) and has no business in reports either.
SECRET_LINE_PATTERNS: Final[tuple[re.Pattern[str], ...]] = (
    re.compile(r"^(\s*pre-shared-key(?:\s+(?:local|remote))?(?:\s+[067])?\s+)(\S.*?)\s*$"),
    re.compile(r"^(\s*authentication\s+(?:local|remote)\s+pre-share\s+key(?:\s+[067])?\s+)(\S.*?)\s*$"),
    re.compile(r"^(\s*key(?!\s+(?:chain|config-key)\b)(?:\s+[067])?\s+)(\S.*?)\s*$"),
    re.compile(r"^(\s*key-string(?:\s+[067])?\s+)(\S.*?)\s*$"),
    re.compile(r"^(\s*(?:enable\s+)?(?:secret|password)(?!\s+encryption\b)(?:\s+\d)?\s+)(\S.*?)\s*$"),
    re.compile(r"^(\s*username\s+\S+(?:\s+privilege\s+\d+)?\s+(?:secret|password)(?:\s+\d)?\s+)(\S.*?)\s*$"),
    # The clear password of ``username|enable ... algorithm-type {md5|scrypt|sha256} secret P``
    # (Security Command Reference, "username", "enable algorithm-type").
    re.compile(r"^(\s*(?:username\s+\S+(?:\s+privilege\s+\d+)?|enable)\s+algorithm-type\s+\S+"
               r"\s+secret\s+)(\S.*?)\s*$"),
    re.compile(r"^(\s*aaa authorization (?:user|group) .*\spassword\s+)(\S+)(.*)$"),
    # The password of ``keyring aaa LIST [name-mangler M] password [0|6] P`` (an IKEv2 profile's
    # PSK lookup in AAA; tests/fixtures/real/gh-rakenit-flexvpn-radius-dvti/hub-01.cfg).
    re.compile(r"^(\s*keyring\s+aaa\s+\S+(?:\s+name-mangler\s+\S+)?\s+password(?:\s+[067])?\s+)"
               r"(\S.*?)\s*$"),
    re.compile(r"^(\s*key config-key password-encrypt\s+)(\S.*?)\s*$"),
    # TrustSec SXP's default password (Cisco TrustSec Configuration Guide, "cts sxp default
    # password [0|6|7] PASSWORD"); ``password default|none`` of a connection names no secret.
    re.compile(r"^(\s*cts sxp default password(?:\s+[067])?\s+)(\S.*?)\s*$"),
    # Secrets in the middle of a line (group 3: what follows, kept). An IKEv1 PSK (Security
    # Command Reference, "crypto isakmp key": ``crypto isakmp key [0|6] KEY address|hostname``;
    # tests/fixtures/real/gh-sirmysterion-techpatix-zbf-6in4, gh-jwright-iol-pan-dualstack-vti).
    re.compile(r"^(\s*crypto\s+isakmp\s+key(?:\s+[067])?\s+)(\S+)(\s+(?:address|hostname)\b.*)$"),
    # An SNMPv1/v2c community is the agent's password (SNMP Command Reference, "snmp-server
    # community", "snmp-server host ... [version 1|2c] COMMUNITY"; gh-sirmysterion-techpatix-*),
    # and so are an SNMPv3 user's auth and priv passwords ("snmp-server user").
    re.compile(r"^(\s*snmp-server\s+community\s+)(\S+)(.*)$"),
    re.compile(r"^(\s*snmp-server\s+host\s+\S+(?:\s+vrf\s+\S+)?(?:\s+(?:informs|traps))?"
               r"(?:\s+version\s+(?:1|2c))?\s+)(?!version\b|informs\b|traps\b|vrf\b)(\S+)(.*)$"),
    re.compile(r"^(\s*snmp-server\s+user\s+.*?\sauth\s+\S+\s+)(\S+)(.*)$"),
    re.compile(r"^(\s*snmp-server\s+user\s+.*?\spriv\s+(?:des|3des|aes\s+\d+)\s+)(\S+)(.*)$"),
    # TACACS+/RADIUS keys outside a server block (Security Command Reference, "tacacs-server
    # key", "tacacs-server host ... key", "radius-server host ... key").
    re.compile(r"^(\s*(?:tacacs|radius)-server\s+key(?:\s+[067])?\s+)(\S.*?)\s*$"),
    re.compile(r"^(\s*(?:tacacs|radius)-server\s+host\s+.*?\skey(?:\s+[067])?\s+)(\S+)(.*)$"),
    # BGP and NTP keys: ``neighbor X password [0|7] K``, ``ntp authentication-key N md5 K [7]``
    # (IP Routing: BGP Command Reference; Basic System Management Command Reference).
    re.compile(r"^(\s*neighbor\s+\S+\s+password(?:\s+[067])?\s+)(\S.*?)\s*$"),
    re.compile(r"^(\s*ntp\s+authentication-key\s+\d+\s+\S+\s+)(\S+)(.*)$"),
    # The Snort IPS signature server's password (Security Configuration Guide: UTD, "signature
    # update server {cisco|url URL} [username U password P]"; the grammar row of
    # ios.cli.commands.edge).
    re.compile(r"^(\s*signature\s+update\s+server\s+.*?\spassword(?:\s+[067])?\s+)(\S+)(.*)$"),
)
# Secrets masked in every output that the intent still keeps inside raw lines (it has no typed
# field for them, so ``flexorch import`` writes them as the router has them): an interface's
# NHRP password (NHRP Command Reference, "ip nhrp authentication"; the DMVPN tunnels of
# tests/fixtures/real gh-fuatanshori-*, gh-dchirkov-*, gh-nordwest-*), its OSPF keys ("ip ospf
# authentication-key", "ip ospf message-digest-key"; gh-jclarkson-ipv6-ipsec-ezvpn-dmvpn) and
# an AAA group's private server key ("server-private ... key").
MASKED_RAW_LINE_PATTERNS: Final[tuple[re.Pattern[str], ...]] = (
    re.compile(r"^(\s*ipv?6?\s*nhrp\s+authentication\s+)(\S.*?)\s*$"),
    re.compile(r"^(\s*ip\s+ospf\s+(?:message-digest-key\s+\d+\s+md5|authentication-key)"
               r"(?:\s+[07])?\s+)(\S.*?)\s*$"),
    re.compile(r"^(\s*server-private\s+.*?\skey(?:\s+[067])?\s+)(\S+)(.*)$"),
    # A dialer's PPP passwords (Dial Technologies Command Reference, "ppp chap password", "ppp
    # pap sent-username ... password"), first-hop redundancy keys ("standby authentication",
    # "vrrp authentication"), IS-IS passwords ("area-password", "domain-password", "isis
    # password") and the FTP client's password ("ip ftp password").
    re.compile(r"^(\s*ppp\s+chap\s+password(?:\s+[07])?\s+)(\S.*?)\s*$"),
    re.compile(r"^(\s*ppp\s+pap\s+sent-username\s+\S+\s+password(?:\s+[07])?\s+)(\S+)(.*)$"),
    re.compile(r"^(\s*(?:standby|vrrp)\s+(?:\d+\s+)?authentication\s+(?:md5\s+key-string"
               r"(?:\s+[07])?\s+|text\s+)?)(?!md5\b)(\S+)(.*)$"),
    re.compile(r"^(\s*(?:area-password|domain-password|isis\s+password)\s+)(\S+)(.*)$"),
    re.compile(r"^(\s*ip\s+ftp\s+password(?:\s+[07])?\s+)(\S.*?)\s*$"),
    # IKEv1 keys inside blocks: an aggressive-mode peer's password ("crypto isakmp peer" / "set
    # aggressive-mode password") and an Easy VPN client's group key and XAUTH password ("crypto
    # ipsec client ezvpn": ``group G key K``, ``username U password P``).
    re.compile(r"^(\s*set\s+aggressive-mode\s+password(?:\s+[067])?\s+)(\S.*?)\s*$"),
    re.compile(r"^(\s*group\s+\S+\s+key(?:\s+[067])?\s+)(\S.*?)\s*$"),
    re.compile(r"^(\s*username\s+\S+\s+password(?:\s+[067])?\s+)(\S.*?)\s*$"),
    # Cisco Umbrella's API token and secrets ("parameter-map type umbrella global": ``token``,
    # ``api-key``, ``secret``).
    re.compile(r"^(\s*(?:token|api-key|secret)\s+)(\S.*?)\s*$"),
    # A wireless network's WPA passphrase ("dot11 ssid" / ``wpa-psk ascii [0|7] KEY``).
    re.compile(r"^(\s*wpa-psk\s+(?:ascii|hex)(?:\s+[07])?\s+)(\S.*?)\s*$"),
    # An L2TP tunnel's shared secret (VPDN Command Reference, "l2tp tunnel password").
    re.compile(r"^(\s*l2tp\s+tunnel\s+password(?:\s+[07])?\s+)(\S.*?)\s*$"),
)
# Words without which a line carries none of the secrets above (a cheap first test).
_SECRET_WORDS: Final = ("key", "secret", "password", "community", "authentication", "snmp",
                        "token", "psk")


ALL_SECRET_LINE_PATTERNS: Final = (*SECRET_LINE_PATTERNS, *MASKED_RAW_LINE_PATTERNS)


def split_secret(pattern: re.Pattern[str], line: str) -> tuple[str, str, str] | None:
    """(what precedes the key, the key, what follows it) when ``pattern`` (one of the patterns
    above) matches ``line``; None when it does not."""
    match = pattern.match(line)
    if match is None:
        return None
    return match.group(1), match.group(2), match.group(3) if pattern.groups >= 3 else ""


# Every pattern above as one: a line none matches (most lines) is tried once, not once per
# pattern (35 patterns: 3.9-4.3 -> 1.7-1.8 us a line; every pattern has the default flags).
_ANY_SECRET_LINE: Final = re.compile("|".join(f"(?:{pattern.pattern})"
                                              for pattern in ALL_SECRET_LINE_PATTERNS))


def carries_secret(line: str) -> bool:
    """True when ``line`` carries a key or password by IOS syntax (any pattern above)."""
    return _ANY_SECRET_LINE.match(line) is not None


def mask_config_secrets(text: str, mask: str = "******") -> str:
    """Replace the secret argument of every secret-bearing config line in ``text``."""
    if not any(word in text for word in _SECRET_WORDS):
        return text
    out = []
    for line in text.split("\n"):
        shown = line
        # Every pattern, each on the line as the previous ones left it: a line may carry two
        # secrets (an SNMPv3 user's auth and priv passwords).
        for pattern in ALL_SECRET_LINE_PATTERNS:
            found = split_secret(pattern, shown)
            if found is not None:
                shown = found[0] + mask + found[2]
        out.append(shown)
    return "\n".join(out)


# --- Device error strings ---------------------------------------------------------------------
# What IOS prints when it refuses a command. Used by the lab (to answer) and by tasks (to detect).
ERROR_INVALID: Final = "% Invalid input detected at '^' marker."
ERROR_INCOMPLETE: Final = "% Incomplete command."
ERROR_AMBIGUOUS_PREFIX: Final = "% Ambiguous command:"
FAILED_WHEN_CONTAINS: Final[tuple[str, ...]] = (
    "% Invalid input detected",
    "% Incomplete command",
    "% Ambiguous command",
    "% Unknown command",
    "% Invalid command",
)
CONFIG_ERROR_PATTERN: Final = (
    r"% (?:Invalid input|Incomplete command|Ambiguous command|Unknown command)"
)
# Refusals IOS prints for a line its parser took (the line is not applied, the session stays in
# config mode): the phrases of the Ansible cisco.ios terminal plugin's default error patterns
# (plugins/terminal/ios.py, option terminal_stderr_re: "% ?Error", "% ?Bad secret", "Bad
# mask", "% ?(\S+) ?overlaps with ?(\S+)", "[^\r\n]+ not found", "Command authorization
# fail"), as real routers print them: "Bad mask 0xE1E1E100 for address 192.168.1.4" (a
# non-contiguous mask on an 1841, community.infosecinstitute.com discussion 105972) and "% Bad
# mask /30 for address 172.20.100.96" (a subnet's own address, connecteddots.online "Cisco CLI
# Error: % Bad mask /xx for address X.X.X.X"); and the lab's other refusals (rules.REFUSE_*,
# MSG_PHYSICAL_NOT_REMOVABLE, MSG_VT_TYPE_MISMATCH: tests/ios/test_refusal_phrases.py keeps
# them matched). Matched at the start of a line of the answer, a ``%`` line but for the two
# forms IOS prints without one; informational lines (a VRF change removing addresses) match
# none of them.
CONFIG_REFUSAL_PATTERN: Final = (
    r"(?:%\s?(?:Error\b|Bad secret|Bad mask |\S+ ?overlaps with |.*\S not found\b|"
    r".* not configured\.|.* and cannot be removed|.* is not permitted|"
    r".* already exists with a different type)|Bad mask 0x|Command authorization failed)"
)
# A line of IOS's answer that refuses the line typed: a parser error or a refusal after parsing
# (what a push stops at, typed line by line or merged from a file).
REFUSED_LINE: Final = re.compile(
    rf"^[ \t]*(?:%\s?(?:{CONFIG_ERROR_PATTERN.removeprefix('% ')})|{CONFIG_REFUSAL_PATTERN})"
    r"[^\r\n]*", re.M)


# --- Display rules ----------------------------------------------------------------------------
# Lines IOS accepts but never shows in running-config because they are the default, keyed by the
# kind of parent block ("" for global lines). A config that contains them is equivalent to one
# that does not: render never emits them, and plan/drift/golden comparisons drop them.
# The positive ``config-exchange`` lines are not here: render writes them when the intent asks
# for them explicitly (the guide prints them, lines 1950-1952); IOS still hides them and the
# normaliser drops them as default-on lines (``rules.DEFAULT_ON``), so plan and drift see no change.
HIDDEN_DEFAULTS: Final[dict[str, frozenset[str]]] = {
    "interface Tunnel": frozenset({"tunnel mode gre ip"}),
    "interface Virtual-Template": frozenset({"tunnel mode gre ip"}),
    "crypto ikev2 profile": frozenset(
        {
            "lifetime certificate",
            "lifetime 86400",
        }
    ),
    "crypto ipsec profile": frozenset(
        {
            "set security-association lifetime seconds 3600",
            "set security-association lifetime kilobytes 4608000",
        }
    ),
    "": frozenset({"crypto ikev2 window 5"}),
}


def block_kind(parent_text: str) -> str:
    """The HIDDEN_DEFAULTS key for a block header line, '' when none applies."""
    for kind in HIDDEN_DEFAULTS:
        if kind and (parent_text == kind or parent_text.startswith(kind)):
            return kind
    return ""
