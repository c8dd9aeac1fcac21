"""Which config sections flexorch owns, and remediation facts beside the object tables.

Part of the IOS knowledge (with ``objects`` and ``rules``), read by the one comparison
(``flexorch.ios.config.compare``): an owned section the intent no longer has is a removable
change, which plan removes and drift reports as extra.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from flexorch.ios.facts.objects import object_of

# --- Which sections flexorch owns --------------------------------------------------------------
# A top-level section of one of these kinds that is on the router but not in the intent is
# REMOVED by the plan. Every other section the intent does not mention is left alone (VRFs,
# AAA, PKI trustpoints, RADIUS servers, pools, routes, physical and loopback interfaces: other
# services may use them, and removing a trustpoint deletes its certificates).
OWNED_OBJECT_KINDS: Final[frozenset[str]] = frozenset({
    "name-mangler", "author-policy", "ikev2-proposal", "ikev2-policy", "ikev2-keyring",
    "ikev2-profile", "transform-set", "ipsec-profile", "flexvpn-client",
})
# Global single lines flexorch owns (IKEv2/IPsec globals: fragmentation, SGT, DPD, limits...).
OWNED_GLOBAL_PREFIXES: Final[tuple[str, ...]] = ("crypto ikev2 ", "crypto ipsec ")
# Interfaces flexorch owns: IPsec tunnels (a plain GRE tunnel without protection is not a VPN
# tunnel and is left alone) and virtual templates of type tunnel.
_OWNED_TUNNEL = re.compile(r"^interface Tunnel\S+$")
_OWNED_TEMPLATE = re.compile(r"^interface Virtual-Template\d+ type tunnel$")
_IPSEC_TUNNEL_LINES: Final[tuple[str, ...]] = ("tunnel protection ", "tunnel mode ipsec ")


def owned_section(header: str, children: Sequence[str]) -> bool:
    """True when flexorch owns the top-level section ``header`` (with child lines ``children``):
    plan removes it when the intent lacks it (unless a section that stays uses it) and drift
    reports it extra. The one ownership predicate."""
    if header.startswith("interface "):
        return bool(_OWNED_TEMPLATE.match(header)) or (
            bool(_OWNED_TUNNEL.match(header))
            and any(c.startswith(_IPSEC_TUNNEL_LINES) for c in children))
    found = object_of(header)
    if found is not None:
        return found[0].kind in OWNED_OBJECT_KINDS
    # Global single lines only: a block under one of these prefixes is not one of flexorch's.
    return not children and header.startswith(OWNED_GLOBAL_PREFIXES)


# --- Creation weights of lines that are not objects ----------------------------------------------
# Object kinds carry their weight in ``OBJECT_KINDS``; global lines in ``GLOBAL_LINE_WEIGHTS``.
# Anything else at top level (``aaa new-model``, ``password encryption aes``, ACLs) goes first:
# such lines are switches or leaf objects other sections refer to.
DEFAULT_GLOBAL_WEIGHT: Final = 3
DEFAULT_INTERFACE_WEIGHT: Final = 52

# --- Changes with side effects ------------------------------------------------------------------
# (block kind prefix, changed line regex) -> lines IOS removes as a side effect; the plan
# re-sends the intended lines of that shape after the change (IOS drops an interface's addresses
# when its VRF changes: "% Interface X IPv4 disabled and address(es) removed due to ...").
RESETS_ON_CHANGE: Final[tuple[tuple[str, str, tuple[str, ...]], ...]] = (
    ("interface", r"^(?:ip )?vrf forwarding ", ("ip address ", "ipv6 address ")),
)

# --- Lists whose order IOS uses as a preference --------------------------------------------------
# (block kind, line prefix): proposals of an IKEv2 policy are tried in the order entered. The
# plan keeps the longest common prefix and re-adds the rest, so the order ends up as intended.
ORDERED_LISTS: Final[frozenset[tuple[str, str]]] = frozenset({("ikev2-policy", "proposal ")})


def type6_unverifiable(kind: str, running: str, intended: str) -> bool:
    """True when ``running`` (a line of a block of ``kind``) holds a type-6 key that cannot be
    decrypted here and ``intended`` sets the same key in another form: the two values cannot be
    compared, so plan does not resend the line and drift does not report it (both say so)."""
    import re

    from flexorch.ios.facts import rules

    for block, pattern in rules.TYPE6_SECRET_LINES:
        if block != kind:
            continue
        old, new = re.match(pattern, running), re.match(pattern, intended)
        if old and new and old.group(1) == new.group(1) and old.group(2) == "6" \
                and new.group(2) != "6":
            return True
    return False
