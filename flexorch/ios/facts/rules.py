"""IOS-XE behaviour as data: which lines IOS hides, adds, refuses, and in which order it prints
them. Keyed by mode id (``flexorch.ios.cli.commands.MODES``): a block's kind is the id of the mode
its header opens; ``"config"`` is the top level.

Sources: IOS-XE 16/17 running configs in public repositories and Cisco configuration guides,
and the FlexVPN guide for the IKEv2 defaults. Where the real order or wording could not be
confirmed the entry says so; it is still one place to correct.
"""

from __future__ import annotations

from typing import Final

# --- Lines IOS accepts but never shows (they are the default value of a setting) -------------
# Typing one sets the setting back to its default: the stored line with the same key goes away.
HIDDEN_VALUE_DEFAULTS: Final[dict[str, frozenset[str]]] = {
    "config": frozenset({"crypto ikev2 window 5"}),
    "interface-tunnel": frozenset({"tunnel mode gre ip"}),
    "ikev2-profile": frozenset({"lifetime 86400"}),
    "ipsec-profile": frozenset({
        "set security-association lifetime seconds 3600",
        "set security-association lifetime kilobytes 4608000",
    }),
}

# --- Features that are ON by default: IOS shows only their ``no`` form ---------------------
# ``no <line>`` is stored and shown; typing ``<line>`` removes it (back to the hidden default).
DEFAULT_ON: Final[dict[str, frozenset[str]]] = {
    "config": frozenset({"ip domain lookup"}),
    "ikev2-profile": frozenset({
        "config-exchange request",
        "config-exchange set send",
        "config-exchange set accept",
        "lifetime certificate",
    }),
    "interface": frozenset({"ip redirects", "ip unreachables", "ip proxy-arp"}),
    "interface-tunnel": frozenset({"ip redirects", "ip unreachables", "ip proxy-arp"}),
}

# --- Lines IOS adds when it creates a block, and shows although they are the default --------
# (``crypto ipsec transform-set`` always shows its mode; ``no mode`` puts ``mode tunnel`` back.)
CREATED_WITH: Final[dict[str, tuple[str, ...]]] = {
    "crypto-trans": ("mode tunnel",),
}

# --- Lines stored but never displayed -------------------------------------------------------
# IOS keeps the master key in private NVRAM, never in running-config.
NEVER_SHOWN_PREFIXES: Final[tuple[str, ...]] = ("key config-key password-encrypt",)

# --- Lines IOS prints that are not stored: the displayed absence of an IPv4 address ----------
# Interfaces with neither ``ip address`` nor ``ip unnumbered`` show `` no ip address``.
NO_IP_ADDRESS_LINE: Final = "no ip address"
IPV4_ADDRESS_PREFIXES: Final[tuple[str, ...]] = ("ip address", "ip unnumbered")

# --- Top-level order of show running-config --------------------------------------------------
# (prefix of the line, rank); the longest matching prefix wins; unknown lines rank 95.
SECTION_ORDER: Final[tuple[tuple[str, int], ...]] = (
    ("version ", 0),
    ("service ", 1),
    ("no service ", 1),
    ("hostname ", 3),
    ("boot-start-marker", 4),
    ("boot-end-marker", 5),
    ("vrf definition ", 10),
    ("ip vrf ", 11),
    ("enable ", 15),
    ("aaa new-model", 20),
    ("aaa group server ", 21),
    ("aaa authentication ", 22),
    ("aaa authorization ", 23),
    ("aaa accounting ", 24),
    ("aaa attribute list ", 25),
    ("aaa session-id ", 26),
    ("ip domain ", 30),
    ("no ip domain ", 30),
    ("ipv6 unicast-routing", 31),
    ("password encryption aes", 33),   # position not confirmed on a real device
    ("crypto pki trustpoint ", 35),
    ("crypto pki certificate map ", 36),
    ("crypto pki crl ", 37),
    ("archive", 41),
    ("username ", 42),
    ("crypto ikev2 name-mangler ", 50),
    ("crypto ikev2 authorization policy ", 51),
    ("crypto ikev2 proposal ", 52),
    ("crypto ikev2 policy ", 53),
    ("crypto ikev2 keyring ", 54),
    ("crypto ikev2 profile ", 55),
    ("crypto ikev2 client flexvpn ", 56),
    ("crypto ikev2 ", 57),
    ("crypto ipsec security-association ", 58),
    ("crypto ipsec df-bit ", 58),
    ("crypto ipsec transform-set ", 59),
    ("crypto ipsec profile ", 60),
    ("interface ", 70),
    ("ip local pool ", 75),
    ("ipv6 local pool ", 75),
    ("ip forward-protocol ", 76),
    ("ip http ", 77),
    ("no ip http ", 77),
    ("ip route ", 80),
    ("ip ssh ", 81),
    ("ipv6 route ", 82),
    ("ip access-list standard ", 83),  # standard lists before extended ones
    ("ip access-list extended ", 84),
    ("radius server ", 85),
    ("line ", 90),
    ("ntp ", 92),
)
UNKNOWN_SECTION_RANK: Final = 95

# Ranks IOS prints without a ``!`` between them (one visual group), mapped to the group's rank.
BANG_GROUPS: Final[dict[int, int]] = {22: 22, 23: 22, 24: 22, 30: 30, 31: 30, 76: 76, 77: 76,
                                      80: 80, 81: 80, 82: 80}

# Top-level blocks of one kind that IOS lists sorted by name (not by creation). Interfaces
# sort by ``interface_sort_key``; these sort by their header text. Lists of plain lines
# (``ip route``, ``aaa authorization``) keep the order they were entered.
SORTED_BLOCK_RANKS: Final[frozenset[int]] = frozenset({10, 11, 21, 25, 35, 36, 50, 51, 52, 53, 54,
                                                       55, 56, 59, 60, 83, 84, 85})

# Top-level blocks IOS prints one after the other without a ``!`` between them (one ``!`` after
# the run), mapped to the run's rank: named access lists (seen in IOS-XE 16/17 running configs).
UNSEPARATED_BLOCK_RUNS: Final[dict[int, int]] = {83: 83, 84: 83}

# Modes whose entries carry sequence numbers (assigned 10, 20, ... when typed without).
SEQUENCED_MODES: Final[frozenset[str]] = frozenset({"acl-std", "acl-ext"})
SEQUENCE_STEP: Final = 10

# --- Order of lines inside a block -----------------------------------------------------------
# Per block kind: prefixes in display order (longest match wins); lines matching none follow,
# in entry order. ``no X`` lines sort as X.
_INTERFACE_ORDER: Final[tuple[str, ...]] = (
    "description", "bandwidth", "mtu", "vrf forwarding", "ip vrf forwarding",
    "ip address", "ip unnumbered", "no ip address", "ip redirects", "ip unreachables",
    "ip proxy-arp", "ip mtu", "ip nat", "ip tcp adjust-mss", "load-interval", "shutdown",
    "keepalive", "negotiation", "cts sgt inline", "ipv6 address", "ipv6 enable", "ipv6 unnumbered",
    "ipv6 mtu", "ipv6 tcp adjust-mss", "tunnel source", "tunnel mode", "tunnel destination",
    "tunnel key", "tunnel path-mtu-discovery", "tunnel vrf", "tunnel protection",
)

CHILD_ORDER: Final[dict[str, tuple[str, ...]]] = {
    "interface": _INTERFACE_ORDER,
    "interface-tunnel": _INTERFACE_ORDER,
    "vrf": ("description", "rd", "route-target", "address-family"),
    "ip-vrf": ("description", "rd", "route-target"),
    "ikev2-proposal": ("encryption", "integrity", "prf", "group"),
    "ikev2-policy": ("description", "match fvrf", "match address local", "proposal"),
    "ikev2-keyring": ("description", "peer"),
    "ikev2-keyring-peer": ("description", "address", "hostname", "identity", "pre-shared-key",
                           "pre-shared-key local", "pre-shared-key remote"),
    "ikev2-profile": (
        "description", "match fvrf", "match address local", "match certificate",
        "match identity remote", "identity local", "authentication remote",
        "authentication local", "keyring", "pki trustpoint", "dpd", "nat keepalive",
        "nat force-encap", "ivrf", "aaa authentication", "aaa authorization group",
        "aaa authorization user", "aaa accounting", "virtual-template", "config-exchange",
        "session-lifetime", "lifetime", "redirect", "reconnect", "shutdown",
    ),
    "ikev2-author-policy": (
        "pool", "ipv6 pool", "dns", "wins", "netmask", "def-domain", "split-dns", "banner",
        "backup-gateway", "subnet-acl", "aaa attribute list", "route set interface",
        "route set access-list", "route accept", "route set local", "route set remote",
        "session-lifetime",
    ),
    "ikev2-name-mangler": ("fqdn", "email", "dn", "eap"),
    "ikev2-flexvpn": ("peer", "peer reactivate", "source", "connect", "client inside",
                      "client connect", "backup group"),
    "crypto-trans": ("mode",),
    "ipsec-profile": (
        "description", "set security-association lifetime", "set security-association replay",
        "set security-association idle-time", "set transform-set", "set pfs",
        "set ikev2-profile", "set isakmp-profile", "set mixed-mode", "set reverse-route",
        "set security-policy", "responder-only",
    ),
    "sg-radius": ("server name", "server", "ip vrf forwarding", "ip radius source-interface",
                  "deadtime"),
    "radius-server": ("address", "timeout", "retransmit", "key"),
    "ca-trustpoint": (
        "enrollment", "serial-number", "fqdn", "ip-address", "subject-name", "subject-alt-name",
        "revocation-check", "rsakeypair", "eckeypair", "hash", "auto-enroll", "vrf",
        "match certificate",
    ),
    "archive": ("path", "maximum", "write-memory", "time-period"),
    "line": ("session-timeout", "exec-timeout", "privilege level", "password",
             "logging synchronous", "login", "length", "width", "access-class",
             "transport input", "transport output"),
}

# Block kinds whose same-rank children sort by the number in their second word (``peer 1``,
# ``peer 2``: the FlexVPN client's peer preference order).
NUMBERED_CHILDREN: Final[frozenset[str]] = frozenset({"ikev2-flexvpn"})

# Indentation of a block kind's children where IOS does not use one space: the FlexVPN client
# block is printed with two (seen in published IOS-XE configs).
CHILD_INDENT: Final[dict[str, int]] = {"ikev2-flexvpn": 2}

# Display respellings of stored lines, per block kind: (regex, replacement). IOS pads ``deny``
# to the width of ``permit`` in standard access lists (`` 20 deny   any``); input accepts any
# spacing and stores one space.
DISPLAY_SPACING: Final[dict[str, tuple[tuple[str, str], ...]]] = {
    "acl-std": ((r"^(\d+ )?deny ", r"\1deny   "),),
}

# Lines IOS prints after the children of a block kind, at the header's indentation.
BLOCK_TRAILER: Final[dict[str, str]] = {"vrf-af": "exit-address-family"}
# Nested block kinds IOS precedes (``before``) or follows (``after``) with an indented ``!``.
NESTED_BANG_BEFORE: Final[frozenset[str]] = frozenset({"vrf-af"})
NESTED_BANG_AFTER: Final[frozenset[str]] = frozenset({"ikev2-keyring-peer"})

# --- Secrets in display --------------------------------------------------------------------
# (block kind, regex with groups: 1 = text before the type digit, 2 = optional type digit,
# 3 = the secret). Type 6 applies with ``password encryption aes`` + a master key; type 7
# with ``service password-encryption``.
TYPE6_SECRET_LINES: Final[tuple[tuple[str, str], ...]] = (
    ("ikev2-keyring-peer", r"^(pre-shared-key(?: local| remote)?)(?: ([067]))? (\S+)$"),
    ("ikev2-profile", r"^(authentication (?:local|remote) pre-share key)(?: ([067]))? (\S+)$"),
    ("ikev2-profile", r"^(keyring aaa \S+(?: name-mangler \S+)? password)(?: ([067]))? (\S+)$"),
    ("ikev2-profile", r"^(aaa authorization (?:user|group) .* password)(?: ([067]))? (\S+)$"),
    ("radius-server", r"^(key)(?: ([067]))? (\S+)$"),
)
TYPE7_SECRET_LINES: Final[tuple[tuple[str, str], ...]] = (
    ("radius-server", r"^(key)(?: ([067]))? (\S+)$"),
    ("config", r"^(username \S+(?: privilege \d+)? password)(?: ([07]))? (\S+)$"),
    ("config", r"^(enable password)(?: ([07]))? (\S+)$"),
    ("line", r"^(password)(?: ([07]))? (\S+)$"),
)
# Secrets IOS hashes on input (irreversible): stored and shown as type 9.
HASHED_SECRET_LINES: Final[tuple[tuple[str, str], ...]] = (
    ("config", r"^(username \S+(?: privilege \d+)? secret)(?: ([0589]))? (\S+)$"),
    ("config", r"^(enable secret)(?: ([0589]))? (\S+)$"),
)

# --- Semantic refusals -----------------------------------------------------------------------
# Deleting an object still referenced, or referencing an IPsec profile that does not exist.
# The wording below is modelled on IOS messages but was not confirmed on a device.
REFUSE_DELETE_IN_USE: Final[dict[str, str]] = {
    "ipsec-profile": "% IPsec profile {name} is in use by {user} and cannot be removed",
    "ikev2-profile": "% IKEv2 profile {name} is in use by {user} and cannot be removed",
    "ikev2-proposal": "% IKEv2 proposal {name} is in use by {user} and cannot be removed",
    "ikev2-keyring": "% IKEv2 keyring {name} is in use by {user} and cannot be removed",
}
REFUSE_MISSING_REFERENCE: Final[dict[str, str]] = {
    "ipsec-profile": "% IPSEC profile {name} not found",
    "vrf": "% VRF {name} not configured.",
}
# Smart-default objects ``no`` disables: IOS stores and shows ``no <header>`` (a real IOS 15.2
# config: tests/fixtures/real/gh-jclarkson-ikev2-gre-site2site; FlexVPN configuration guide,
# "IKEv2 Smart Defaults": "no crypto ikev2 proposal default" etc.).
DISABLED_DEFAULTS: Final[frozenset[str]] = frozenset({
    "crypto ikev2 proposal default",
    "crypto ikev2 policy default",
    "crypto ipsec transform-set default",
    "crypto ipsec profile default",
})

# Objects IOS predefines (smart defaults): references to them are always valid.
PREDEFINED_OBJECTS: Final[dict[str, frozenset[str]]] = {
    "ipsec-profile": frozenset({"default"}),
    "ikev2-proposal": frozenset({"default"}),
    "ikev2-policy": frozenset({"default"}),
    "transform-set": frozenset({"default"}),
}

# Informational messages IOS prints (not errors).
MSG_VRF_ADDRESS_REMOVED: Final = (
    "% Interface {interface} IPv4 disabled and address(es) removed due to {action} VRF {vrf}."
)
MSG_PHYSICAL_NOT_REMOVABLE: Final = "% Removal of physical interfaces is not permitted"
MSG_VT_TYPE_MISMATCH: Final = "% {interface} already exists with a different type"

# --- FlexVPN guide errata --------------------------------------------------------------------
# Lines of the guide that IOS does not accept as written: (guide line, IOS line or None when
# the guide leaves out a required value, why). Render golden tests normalise the guide side with
# this table; the lab answers the guide line as IOS does.
GUIDE_ERRATA: Final[tuple[tuple[str, str | None, str], ...]] = (
    ("ip address 2001:DB8::1/112", "ipv6 address 2001:DB8::1/112",
     "an IPv6 overlay address is configured with ipv6 address"),
    ("aaa accounting network acc_list_radius group radius_group",
     "aaa accounting network acc_list_radius start-stop group radius_group",
     "aaa accounting needs a record type (start-stop | stop-only | none)"),
    ("name-mangler name_mangler", "keyring aaa aaa_method_list name-mangler name_mangler",
     "line-wrap: name-mangler is an argument of keyring aaa, not a profile command"),
    ("dpd interval 10 periodic", "dpd 10 2 periodic",
     "syntax is dpd <interval> <retry> {on-demand | periodic}; the guide gives no retry"),
    ("match vrf any", "match fvrf any", "the IKEv2 policy keyword is fvrf"),
    ("crypto ikev2 nat keepalive", None, "the keepalive interval (5-3600 s) is required"),
    ("crypto ikev2 limit max-in-negotiation sa", "crypto ikev2 limit max-in-negotiation-sa",
     "one hyphenated keyword"),
    ("tunnel protection ipsec profile ikev2_profile",
     "tunnel protection ipsec profile ipsec_profile",
     "tunnel protection names an IPsec profile, not the IKEv2 profile"),
    ("crypto pki crl refresh-cache", None, "an exec command, not configuration"),
)

# --- Text around and inside a config listing that is not a config line ------------------------
# ``show running-config`` starts with "Building configuration..." and "Current configuration :
# <n> bytes" (tests/fixtures/real/gh-jclarkson-ikev2-dmvpn-ivrf/hub.cfg); ``show startup-config``
# with "Using <n> out of <m> bytes" (Cisco IOS Configuration Fundamentals Command Reference,
# show startup-config). The "! Last configuration change at ..." and "! NVRAM config last updated
# at ..." lines (tests/fixtures/real/gh-avasekho-otus-lab14-ikev2-psk/r14.cfg) are ``!`` comments,
# skipped as every comment is. Matched on the line without its indentation.
LISTING_NOISE_PREFIXES: Final[tuple[str, ...]] = (
    "Building configuration", "Current configuration", "Using ",
)
# Commands whose argument is free text between two delimiters, over several lines: ``banner motd
# ^C`` ... ``^C`` (Cisco IOS Configuration Fundamentals Command Reference, banner motd: "banner
# motd d message d"; tests/fixtures/real/gh-fuatanshori-dmvpn-dualhub-ikev2/hub-1.cfg). Group 1
# is the delimiter: its first character ends the text (IOS shows a typed Ctrl-C as ``^C``).
DELIMITED_TEXT_COMMAND: Final = r"^(?:banner \S+|aaa authentication fail-message) (\S+)"
