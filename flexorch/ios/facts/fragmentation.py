"""IKEv2 fragmentation (RFC 7383) on IOS: what ``crypto ikev2 fragmentation`` advertises, which
method two peers end up with (the guide's table), and the fragment size IOS reports.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final, Literal

FragMethod = Literal["none", "ietf", "cisco"]
DEFAULT_FRAGMENTATION_MTU: Final[dict[int, int]] = {4: 576, 6: 1280}

# --- RFC 7383 fragmentation --------------------------------------------------------------------
# What ``crypto ikev2 fragmentation`` makes IOS advertise in IKE_SA_INIT: the
# IKEV2_FRAGMENTATION_SUPPORTED notify (IETF) and the Cisco fragmentation vendor ID, both. A router
# without the command advertises neither.
IOS_FRAGMENTATION_CAPABILITY: Final[frozenset[str]] = frozenset({"ietf", "cisco"})


def fragmentation_method(peer1: Iterable[str], peer2: Iterable[str]) -> FragMethod:
    """The active fragmentation method for two peers' advertised capabilities (the guide's
    table): IETF when both support IETF, else Cisco when both support Cisco, else none."""
    common = set(peer1) & set(peer2)
    if "ietf" in common:
        return "ietf"
    if "cisco" in common:
        return "cisco"
    return "none"


def fragmentation_mtu_in_use(configured: int | None, family: int, nat_t: bool) -> int:
    """The IKE fragment payload size IOS reports (``Fragmentation MTU in use: N bytes``).

    The configured (or default: 576 IPv4, 1280 IPv6) MTU is the IP packet size; what is left for
    IKE is that minus the IP and UDP headers, and minus the 4-byte non-ESP marker under NAT-T.
    Derived from the real line shape ``MTU in use: 1372 bytes`` for ``mtu 1400`` over IPv4.
    """
    mtu = configured if configured is not None else DEFAULT_FRAGMENTATION_MTU[family]
    overhead = (20 if family == 4 else 40) + 8 + (4 if nat_t else 0)
    return mtu - overhead


