"""Weak algorithms IOS-XE refuses by default from 17.11 on, and the rules that apply them.

Cisco Field Notice FN72510 (CSCwc72588, "Router should not allow weak cryptographic algorithms to
be configured for IPsec"): "In Cisco IOS XE Release 17.11.1 and later, weak crypto algorithms are
no longer allowed by default ... explicit configuration is required. Otherwise, IPsec tunnel
negotiation will fail". Its table: IKEv2 proposal ``encryption {des | 3des} integrity md5 group
{1 | 2 | 5 | 24}``; transform set ``ah-md5-hmac esp-gmac esp-des esp-3des esp-null
esp-md5-hmac``. The explicit configuration is ``crypto engine compliance shield disable`` (the
config model reads it as the disabled default "compliance-shield"). Consistent with the real
default proposal of IOS-XE 26 (no group 5, ``crypto.SMART_DEFAULTS["iosxe-pq"]``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from flexorch.ios.facts.crypto import ProposalSpec
from flexorch.ios.facts.features import FEATURE_SINCE

WEAK_IKEV2: Final[dict[str, frozenset[str]]] = {
    "encryption": frozenset({"des", "3des"}),
    "integrity": frozenset({"md5"}),
    "group": frozenset({"1", "2", "5", "24"}),
}
WEAK_ESP: Final[frozenset[str]] = frozenset(
    {"ah-md5-hmac", "esp-gmac", "esp-des", "esp-3des", "esp-null", "esp-md5-hmac"})


def release_of(version: str | None) -> tuple[int, int] | None:
    """(major, minor) of a version string, None when it has no two numbers.

    >>> release_of("17.11.1a"), release_of("Version 16.12"), release_of("15"), release_of(None)
    ((17, 11), (16, 12), None, None)
    """
    text = (version or "").strip().lower().removeprefix("version").strip()
    parts = text.replace("(", ".").split(".")
    digits = ["".join(ch for ch in part if ch.isdigit()) for part in parts[:2]]
    if len(digits) < 2 or not all(digits):
        return None
    return int(digits[0]), int(digits[1])


def refuses_weak(version: str | None) -> bool:
    """Whether a release refuses the weak algorithms by default (``FEATURE_SINCE``'s
    ``weak-crypto-refused`` and later). An unknown version is taken as older, unlike
    ``has_feature``: the model claims no failure it cannot date.

    >>> refuses_weak("17.11.1a"), refuses_weak("17.9"), refuses_weak("26.2"), refuses_weak(None)
    (True, False, True, False)
    """
    release = release_of(version)
    return release is not None and release >= FEATURE_SINCE["weak-crypto-refused"]


def without_weak(spec: ProposalSpec) -> ProposalSpec:
    """A proposal as a release refusing weak algorithms uses it: its weak transforms dropped
    (a proposal left without a type is then incomplete, ``proposal_problems``)."""
    def keep(kind: str, values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(v for v in values if v not in WEAK_IKEV2.get(kind, frozenset()))
    return ProposalSpec(spec.name, keep("encryption", spec.encryption),
                        keep("integrity", spec.integrity), spec.prf, keep("group", spec.groups))


def weak_transforms(words: Iterable[str]) -> list[str]:
    """The weak words of a transform set (``WEAK_ESP``), in order."""
    return [w for w in words if w in WEAK_ESP]
