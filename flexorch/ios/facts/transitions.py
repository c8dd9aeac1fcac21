"""What lets a change span both ends of a tunnel without taking it down (make-before-break).

A router can hold the old and the new value of some settings at once, and then accepts a peer
that still uses the old value as well as one that uses the new: these are ``ALTERNATIVES``. The
plan's bridge config (``flexorch.plan.bridge``) keeps the old alternatives beside the new ones
until every peer has moved, then drops them.

Other settings have exactly one value per peer (a keyring peer block's pre-shared key: the
responder picks one block per peer identity, the most specific, and that block holds one key
per direction). Changing one of them cannot be hitless: ``PER_PEER_BLOCKS`` are changed in the
same rollout wave as the peer they authenticate, so that peer's tunnel is down for one wave at
most.

Every row names its source: the FlexVPN guide (/work/shared/reference/flexvpn-guide.txt) or a
real config in tests/fixtures/real/.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal


@dataclass(frozen=True)
class Alternatives:
    """Lines of one config mode whose values IOS takes as alternatives (any one may match).

    ``form``: ``lines`` (one line per alternative, e.g. ``proposal X`` lines of a policy),
    ``values`` (one line listing the alternatives, e.g. ``set transform-set A B``), ``blocks``
    (one sub-block per alternative, e.g. the ``peer`` blocks of a keyring)."""

    mode: str  # ios.cli mode id of the block holding the lines
    command: str  # the command words before the value(s)
    form: Literal["lines", "values", "blocks"]
    source: str


ALTERNATIVES: Final[tuple[Alternatives, ...]] = (
    Alternatives(
        "ikev2-policy", "proposal", "lines",
        "guide, 'Mastering IKEv2 Policy Configuration': IKEv2 policies support multiple "
        "proposals, the responder must support at least one matching proposal; real: "
        "tests/fixtures/real/gh-inrim-flexvpn-ra-eap-radius/rt.cfg (policy remoteaccess lists "
        "ngn-proposal and remoteaccess_legacy_proposal)"),
    Alternatives(
        "ikev2-proposal", "group", "values",
        "guide, 'Rules for IKEv2 Proposals': each proposal can include multiple transforms of "
        "each type, preference left to right"),
    Alternatives(
        "ikev2-proposal", "prf", "values",
        "guide, 'Rules for IKEv2 Proposals' (as for group)"),
    Alternatives(
        "ipsec-profile", "set transform-set", "values",
        "real: tests/fixtures/real/gh-inrim-flexvpn-ra-eap-radius/rt.cfg:55 (set transform-set "
        "AES_GCM_256 AES_CBC_256_HMAC_SHA256 AES_CBC_256_HMAC_SHA1)"),
    Alternatives(
        "ikev2-keyring", "peer", "blocks",
        "guide, 'Cisco IKEv2 Keyrings': keyrings are made up of one or more peer blocks"),
    Alternatives(
        "ikev2-keyring-peer", "identity", "lines",
        "guide, 'Keyring Structure and Configuration': each peer block can define one or more "
        "identities (example peer2: identity address, key-id, fqdn and email)"),
    Alternatives(
        "ikev2-profile", "match identity remote", "lines",
        "guide, 'Identity Matching Methods': multiple match statements of the same type use OR "
        "logic"),
    Alternatives(
        "ikev2-profile", "match certificate", "lines",
        "guide, 'Identity Matching Methods' (as for match identity remote)"),
)

# (mode of the parent block, command of the sub-block): sub-blocks whose single-valued lines
# (pre-shared keys, address) belong to one peer and change with it. Source: guide, 'Key Lookup
# Matching Order': the most specific block wins, so a peer is authenticated by one block, which
# holds one key (or one local and one remote key).
PER_PEER_BLOCKS: Final[tuple[tuple[str, str], ...]] = (("ikev2-keyring", "peer"),)


def alternatives_in(mode: str) -> tuple[Alternatives, ...]:
    """The rows of ``ALTERNATIVES`` for lines of config mode ``mode``."""
    return tuple(row for row in ALTERNATIVES if row.mode == mode)


def is_per_peer_block(parent_mode: str, header: str) -> bool:
    """True when ``header`` (a sub-block of a ``parent_mode`` block) belongs to one peer."""
    return any(mode == parent_mode and (header == command or header.startswith(command + " "))
               for mode, command in PER_PEER_BLOCKS)
