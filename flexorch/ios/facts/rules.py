"""IOS-XE behaviour as data: which lines IOS hides, adds and refuses (the order and layout of
``show running-config`` are in ``flexorch.ios.facts.display``). Keyed by mode id
(``flexorch.ios.cli.commands.MODES``): a block's kind is the id of the mode its header opens;
``"config"`` is the top level.

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
    # ``mpls ldp advertise-labels``: MPLS LDP Command Reference ("advertise-labels ... enabled
    # by default"); a CSR1000v 17.3 shows ``no mpls ldp advertise-labels``
    # (tests/fixtures/real/gh-anggrdwjy-csr173-mpls-backbone/1-p.cfg).
    "config": frozenset({"ip domain lookup", "crypto ikev2 http-url cert",
                         "mpls ldp advertise-labels"}),
    "ikev2-profile": frozenset({
        "config-exchange request",
        "config-exchange set send",
        "config-exchange set accept",
        "lifetime certificate",
    }),
    "interface": frozenset({"ip redirects", "ip unreachables", "ip proxy-arp"}),
    "interface-tunnel": frozenset({"ip redirects", "ip unreachables", "ip proxy-arp"}),
}

# Default-on interface features that are OFF by default on some platforms' ports, so that there
# IOS shows the positive line and hides the ``no`` form: line -> the router models
# (``platform.HARDWARE``) whose ports have it off. CDP is disabled by default on the CSR1000v and
# its successor the Catalyst 8000V (Cisco CSR 1000v Series Cloud Services Router Software
# Configuration Guide, "Cisco Discovery Protocol": "CDP is disabled by default"): a CSR1000v on
# IOS-XE 17.3 prints `` cdp enable`` on its GigabitEthernetN ports
# (tests/fixtures/real/gh-anggrdwjy-csr173-mpls-backbone/1-p.cfg), while IOL on 15.4 prints
# `` no cdp enable`` (gh-verttte-otus-lab14-gre-dmvpn-pki/r28.cfg).
DEFAULT_OFF_ON_PORTS: Final[dict[str, frozenset[str]]] = {
    "cdp enable": frozenset({"C8000V"}),
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
# Layer-2 ports (``switchport``) have no IPv4 setting to show (IOS-XE 26 switch ports in
# tests/fixtures/real/gh-juliogomez-iosxe26-pqc-svti).
NO_IP_ADDRESS_EXCEPT: Final[tuple[str, ...]] = ("switchport",)
# From IOS-XE on, a port with any ``switchport ...`` line (access VLAN, mode, trunk) is a
# layer-2 port and prints no ``no ip address`` either (Catalyst 9800-L 17.6
# gh-ytti-oxidized-c9800l-wlc176/wlc1.cfg TwoGigabitEthernet0/0/0, Catalyst 9200L 17.9
# gh-ytti-oxidized-c9200l-sw179/sw123.cfg GigabitEthernet1/0/1, C8235 26.2
# gh-juliogomez-iosxe26-pqc-svti/r1-r3 TwoGigabitEthernet0/0/0-1), where IOS 15.4 printed it
# under ``switchport access vlan`` (C880 built-in switch ports FastEthernet0-2 of
# gh-tmullaly-oxidized-isrg2-backups/wan.cfg). IOS-XE 16 is not in the corpus with such a port:
# the IOS-XE form is taken from its first train.
NO_IP_ADDRESS_SWITCHPORT_LINES_FROM: Final = (16, 0)
# Subinterfaces (``GigabitEthernet1.12``) print no such line either: an IPv6-only dot1Q
# subinterface next to an IPv6-only loopback that does (IOS XE 3.x CSR1000v,
# tests/fixtures/real/gh-jclarkson-csr-nat64-ripng/nat64-r2.cfg).
NO_IP_ADDRESS_ON_SUBINTERFACES: Final = False
# An ISR4000's NIM serial port with no line at all prints none either (ISR4321 on IOS XE 3.16,
# tests/fixtures/real/gh-milandewilde-isr4321-serial-lab/r1.cfg and r3.cfg; ISR4331 on 16.9,
# gh-pryorb8357-cnit381-isr4331-169/r1.cfg and r2.cfg: `` interface Serial0/1/1`` then ``!``),
# while a configured one (``ip address`` on Serial0/1/0) or an empty loopback shows its address
# setting. So does an ISR4000's or a C8200's empty service-module port, ``Service-Engine``
# (five on an ISR4351 on IOS-XE 17.9: `` interface Service-Engine0/1/4`` then ``!``,
# gh-genielibs-isr4351-179-voice/analog-perf-uut1.cfg; a C8235 on 26.2, Service-Engine0/4/0,
# gh-juliogomez-iosxe26-pqc-svti); an ISR G2's ``Embedded-Service-Engine0/0`` shows ``no ip
# address`` (gh-tmullaly-oxidized-isrg2-backups). Some NIM serial ports with no line print ``no ip
# address`` on the same releases (16.6: gh-linsejj-cnit381-isr4331-166/router2.cfg; 16.9:
# gh-faculdadelicenciatura-isr4221-169): the port's state, which the config does not carry; the
# corpus tests list them.
NO_IP_ADDRESS_EMPTY_PORTS: Final = r"^(?:Serial|Service-Engine)\d+/\d+/\d+$"
# A Null interface takes no address at all and never shows the line (IOS 12.4: ``interface
# Null0`` / `` no ip unreachables``, tests/fixtures/real/gh-mpenning-ciscoconfparse-ios124-edge/
# foo.cfg).
NO_IP_ADDRESS_NEVER: Final = r"^Null\d+$"
# Routers with a built-in switch whose ports are layer 2 by default: an empty one prints no
# line at all. Product id prefix (``license udi pid``) -> those ports. ISR C1111-4P on IOS-XE
# 16.8 and 16.12: GigabitEthernet0/1/0-3 printed as ``interface GigabitEthernet0/1/0`` then
# ``!`` (tests/fixtures/real/gh-ktbyers-pyplus-c1111-cisco3/cisco3.cfg, pynet-pod2-rtr1.cfg;
# the 8-port models number them on to 0/1/7); C8235-G2 on 26.2: TwoGigabitEthernet0/0/1-3 the
# same, where its 0/0/6-7 show ``no ip address`` (routed: gh-juliogomez-iosxe26-pqc-svti/r1.cfg).
L2_PORTS_BY_PID: Final[tuple[tuple[str, str], ...]] = (
    ("C1111-", r"^GigabitEthernet0/1/\d+$"),
    ("C8235-", r"^TwoGigabitEthernet0/0/[0-3]$"),
)

# A layer-2 image routing (IOL L2, a switch): its routed ports say ``no switchport``, and a port
# without it is a switch port, which, empty, prints no line at all (IOL 15.2 L2 images:
# Ethernet0/0-0/3 and 1/1 with ``no switchport`` and an address, Ethernet1/0, 1/2, 1/3 printed
# as ``no shutdown`` alone; gh-rain360z-otus-lab08-eigrp-named-saf-iol152/r16.cfg, r17.cfg,
# gh-rain360z-otus-lab03-dhcp-domain-list-iol152/r10.cfg). Logical interfaces (Vlan, Loopback)
# are routed there too.
ROUTED_PORT_LINE: Final = "no switchport"
L2_IMAGE_PORTS: Final = r"^(?:Ethernet|FastEthernet|GigabitEthernet)\d+/\d+(?:/\d+)?$"

# Modes whose entries carry sequence numbers (assigned 10, 20, ... when typed without).
SEQUENCED_MODES: Final[frozenset[str]] = frozenset({"acl-std", "acl-ext"})
SEQUENCE_STEP: Final = 10
# Modes whose lines are data entered again whole: a certificate's hex lines (entering the
# certificate again replaces them).
DATA_MODES: Final[frozenset[str]] = frozenset({"cert-data"})
# Top-level list entries IOS numbers when typed without ``seq``: (regex with groups 1 = the list,
# 2 = the entry, step). Prefix lists count 5, 10, 15 ... past the highest number in the list
# (IP Routing Protocol-Independent Command Reference, "ip prefix-list": "seq ... default 5").
AUTO_SEQUENCED_LINES: Final[tuple[tuple[str, int], ...]] = (
    (r"^(ipv6 prefix-list \S+) ((?:permit|deny) .*)$", 5),
    (r"^(ip prefix-list \S+) ((?:permit|deny) .*)$", 5),
)

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
# Secrets IOS keeps as typed (no type 6/7 form): masked like the others. A keyring peer's key
# typed in hex (Cisco-IOS-XE-crypto.yang of IOS XE 17.12.1, pre-shared-key ``hex``).
CLEAR_SECRET_LINES: Final[tuple[tuple[str, str], ...]] = (
    ("ikev2-keyring-peer", r"^(pre-shared-key(?: local| remote)? hex)()? (\S+)$"),
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
# An interface address IOS refuses: a mask that is not contiguous (an 1841: ``ip add 192.168.1.4
# 225.225.225.0`` -> ``Bad mask 0xE1E1E100 for address 192.168.1.4``, no ``%``;
# community.infosecinstitute.com discussion 105972), and a subnet's own or broadcast address
# below /31 (``ip address 172.20.100.96 255.255.255.252`` -> ``% Bad mask /30 for address
# 172.20.100.96``; connecteddots.online "Cisco CLI Error: % Bad mask /xx for address X.X.X.X",
# which names /31 as the exception).
MSG_BAD_MASK: Final = "Bad mask 0x{mask:08X} for address {address}"
MSG_BAD_MASK_PREFIX: Final = "% Bad mask /{length} for address {address}"
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
