"""FlexVPN config objects, the references between them, and the remediation rules plan needs.

Data for the plan engineer (the ordering algorithm lives in ``flexorch.plan``) and for the
engine's "in use" refusals:

- ``OBJECT_KINDS``: how to recognise a named object from its top-level line, and its creation
  weight. Create in ascending weight, re-point references, remove in descending weight
  (create new objects -> re-point references -> remove old objects).
- ``REFERENCES``: which child line of which object kind names which other object.
- ``NEGATION_RULES``: how to undo a line (``no <line>`` unless a rule says otherwise; rules keep
  secrets out of ``no`` lines).
- ``RECREATE_ON_HEADER_CHANGE`` / ``NO_BEFORE_REPLACE``: changes IOS will not make in place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final


@dataclass(frozen=True)
class ObjectKind:
    """A kind of named object: ``header`` matches its top-level line, group 1 is its name."""

    kind: str
    header: str
    weight: int
    block: bool = True


OBJECT_KINDS: Final[tuple[ObjectKind, ...]] = (
    ObjectKind("ip-local-pool", r"^ip local pool (\S+) ", 5, block=False),
    ObjectKind("access-list", r"^ip access-list (?:standard|extended) (\S+)$", 8),
    ObjectKind("vrf", r"^vrf definition (\S+)$", 10),
    ObjectKind("ip-vrf", r"^ip vrf (\S+)$", 10),
    ObjectKind("radius-server", r"^radius server (\S+)$", 12),
    ObjectKind("aaa-group", r"^aaa group server radius (\S+)$", 14),
    ObjectKind("aaa-method-list",
               r"^aaa (?:authentication login|authorization network|accounting network) (\S+) ",
               16, block=False),
    ObjectKind("aaa-attr-list", r"^aaa attribute list (\S+)$", 18),
    ObjectKind("trustpoint", r"^crypto pki trustpoint (\S+)$", 20),
    ObjectKind("certificate-map", r"^crypto pki certificate map (\S+) \d+$", 21),
    ObjectKind("name-mangler", r"^crypto ikev2 name-mangler (\S+)$", 30),
    ObjectKind("author-policy", r"^crypto ikev2 authorization policy (\S+)$", 31),
    ObjectKind("ikev2-proposal", r"^crypto ikev2 proposal (\S+)$", 40),
    ObjectKind("ikev2-policy", r"^crypto ikev2 policy (\S+)$", 41),
    ObjectKind("ikev2-keyring", r"^crypto ikev2 keyring (\S+)$", 42),
    ObjectKind("ikev2-profile", r"^crypto ikev2 profile (\S+)$", 43),
    ObjectKind("transform-set", r"^crypto ipsec transform-set (\S+) ", 46),
    ObjectKind("ipsec-profile", r"^crypto ipsec profile (\S+)$", 47),
    # Crypto maps are not flexorch's, but they use its transform sets and IKEv2 profiles.
    ObjectKind("crypto-map", r"^crypto (?:map|dynamic-map) (\S+ \d+)\b", 48),
    ObjectKind("interface", r"^interface (\S+)", 50),
    ObjectKind("flexvpn-client", r"^crypto ikev2 client flexvpn (\S+)$", 60),
)
"""Interfaces are one kind; plan orders them among themselves by ``INTERFACE_WEIGHTS``."""

# Within interfaces: referenced interfaces (loopbacks, physical, templates) before tunnels.
INTERFACE_WEIGHTS: Final[dict[str, int]] = {
    "Loopback": 50, "GigabitEthernet": 51, "Virtual-Template": 55, "Tunnel": 56,
}

GLOBAL_LINE_WEIGHTS: Final[tuple[tuple[str, int], ...]] = (
    ("crypto ikev2 ", 45),      # IKEv2 globals (fragmentation, cts sgt, dpd, nat keepalive)
    ("ip route ", 70),          # routes after the tunnels they point into
    ("ipv6 route ", 70),
)


@dataclass(frozen=True)
class Reference:
    """A child line (``line`` regex, group 1 = referenced name(s)) of an object of kind
    ``source`` that names an object of kind ``target``. ``template`` builds the target's name
    (``Virtual-Template{}``); ``many`` means group 1 holds several space-separated names."""

    source: str
    line: str
    target: str
    template: str = "{}"
    many: bool = False


REFERENCES: Final[tuple[Reference, ...]] = (
    Reference("ikev2-policy", r"^proposal (\S+)$", "ikev2-proposal"),
    Reference("ikev2-policy", r"^match fvrf (?!any$)(\S+)$", "vrf"),
    Reference("ikev2-profile", r"^keyring local (\S+)$", "ikev2-keyring"),
    Reference("ikev2-profile", r"^keyring aaa (\S+)", "aaa-method-list"),
    Reference("ikev2-profile", r"\bname-mangler (\S+)", "name-mangler"),
    Reference("ikev2-profile", r"^pki trustpoint (\S+)", "trustpoint"),
    Reference("ikev2-profile", r"^match certificate (\S+)$", "certificate-map"),
    Reference("ikev2-profile", r"^match fvrf (?!any$)(\S+)$", "vrf"),
    Reference("ikev2-profile", r"^ivrf (\S+)$", "vrf"),
    Reference("ikev2-profile", r"^aaa authentication \S+ (\S+)$", "aaa-method-list"),
    Reference("ikev2-profile", r"^aaa authorization (?:user|group) (?:override )?\S+ list (\S+)",
              "aaa-method-list"),
    Reference("ikev2-profile",
              r"^aaa authorization group (?:override )?\S+ list \S+ (?!name-mangler\b|password\b)"
              r"(\S+)", "author-policy"),
    Reference("ikev2-profile", r"^aaa accounting \S+ (\S+)$", "aaa-method-list"),
    Reference("ikev2-profile", r"^virtual-template (\d+)", "interface", "Virtual-Template{}"),
    Reference("ipsec-profile", r"^set transform-set (.+)$", "transform-set", many=True),
    Reference("ipsec-profile", r"^set ikev2-profile (\S+)$", "ikev2-profile"),
    Reference("crypto-map", r"^set transform-set (.+)$", "transform-set", many=True),
    Reference("crypto-map", r"^set ikev2-profile (\S+)$", "ikev2-profile"),
    Reference("crypto-map", r"^match address (\S+)$", "access-list"),
    Reference("interface", r"^tunnel protection ipsec profile (\S+)", "ipsec-profile"),
    Reference("interface", r"^vrf forwarding (\S+)$", "vrf"),
    Reference("interface", r"^tunnel vrf (\S+)$", "vrf"),
    Reference("interface", r"^tunnel source ([A-Za-z]\S*)$", "interface"),
    Reference("interface", r"^ip unnumbered (\S+)$", "interface"),
    Reference("interface", r"^ipv6 unnumbered (\S+)$", "interface"),
    Reference("flexvpn-client", r"^client connect (\S+)$", "interface"),
    Reference("flexvpn-client", r"^client inside (\S+)$", "interface"),
    Reference("author-policy", r"^pool (\S+)$", "ip-local-pool"),
    Reference("author-policy", r"^route set access-list(?: ipv6)? (\S+)$", "access-list"),
    Reference("author-policy", r"^subnet-acl (\S+)$", "access-list"),
    Reference("author-policy", r"^aaa attribute list (\S+)$", "aaa-attr-list"),
    Reference("aaa-group", r"^server name (\S+)$", "radius-server"),
    Reference("aaa-method-list", r"\bgroup (\S+)", "aaa-group"),
)

# How a line is undone: (regex on the canonical line, replacement); first match wins, otherwise
# ``no <line>``. Secrets never appear in a ``no`` line.
NEGATION_RULES: Final[tuple[tuple[str, str], ...]] = (
    (r"^no (.+)$", r"\1"),
    (r"^tunnel protection ipsec profile \S+.*$", "no tunnel protection ipsec profile"),
    (r"^pre-shared-key( local| remote)?\b.*$", r"no pre-shared-key\1"),
    (r"^authentication (local|remote) pre-share key .*$", r"no authentication \1 pre-share"),
    (r"^keyring .*$", "no keyring"),
    (r"^key (?!config-key).*$", "no key"),
    (r"^username (\S+) .*$", r"no username \1"),
    (r"^enable (secret|password) .*$", r"no enable \1"),
    (r"^(description|hostname|dpd|virtual-template|session-timeout|exec-timeout) .*$", r"no \1"),
    (r"^(tunnel (?:source|destination|mode|vrf|key)) .*$", r"no \1"),
    (r"^(vrf forwarding|ip vrf forwarding|ip mtu|ip tcp adjust-mss|ipv6 unnumbered) .*$", r"no \1"),
    (r"^(set (?:transform-set|ikev2-profile|pfs)) ?.*$", r"no \1"),
    (r"^(identity local|authentication local|match fvrf|nat keepalive) .*$", r"no \1"),
    (r"^ip local pool (\S+) .*$", r"no ip local pool \1"),
    (r"^crypto ipsec transform-set (\S+) .*$", r"no crypto ipsec transform-set \1"),
    (r"^interface (\S+) type tunnel$", r"no interface \1"),
    (r"^(crypto ikev2 (?:fragmentation|dpd|nat keepalive|window|cookie-challenge|"
     r"certificate-cache|limit max-sa))\b.*$", r"no \1"),
)

# Single-valued lines IOS will not overwrite: the old line must be removed first.
NO_BEFORE_REPLACE: Final[tuple[str, ...]] = (
    r"^ip local pool \S+ ",       # a second range for the same pool is added, not replaced
)

# Blocks whose header cannot change in place: remove the block, then create it again.
RECREATE_ON_HEADER_CHANGE: Final[tuple[str, ...]] = (
    r"^interface Virtual-Template\d+",   # type (serial/tunnel) is fixed at creation
)


def negate(line: str) -> str:
    """The line that undoes ``line`` (canonical text, without indentation)."""
    for pattern, replacement in NEGATION_RULES:
        if re.match(pattern, line):
            return re.sub(pattern, replacement, line)
    return f"no {line}"


# Each kind's header compiled once: ``re.match(text, ...)`` looks the pattern up in re's cache
# for each kind, and a line no kind defines (a spoke's own hostname) tries all 21 (9.5 us).
_HEADERS: Final = tuple((kind, re.compile(kind.header).match) for kind in OBJECT_KINDS)


@lru_cache(maxsize=65536)  # asked for every line of both configs of every plan: lines repeat
def object_of(line: str) -> tuple[ObjectKind, str] | None:
    """The kind and name of the object a top-level line defines, or None."""
    for kind, header in _HEADERS:
        match = header(line)
        if match:
            return kind, match.group(1)
    return None
