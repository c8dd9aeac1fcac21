"""IOS features that exist from a software release on, as data.

One part of ``flexorch.ios.facts`` (import from the package). A rule that holds on one release
and not on another (lint, the negotiation model) asks ``has_feature`` with the router's version
(the config's ``version`` line or the inventory's ``platform_version``). IOS 15.x (major 15 or
less) has none of these; a version that cannot be read is IOS-XE 17, the train flexorch assumes
when nothing says otherwise (``crypto.DEFAULT_TRAIN``).
"""

from __future__ import annotations

from typing import Final

# feature -> the first IOS XE release that has it, (major, minor).
# - ``sgt-over-gre``: SGT inline tagging (``crypto ikev2 cts sgt``) on GRE and multipoint GRE
#   tunnels with tunnel protection (DMVPN, FlexVPN GRE): Cisco TrustSec Configuration Guide,
#   "TrustSec DMVPN Inline Tagging Support", introduced in IOS XE Fuji 16.7.1. Before it,
#   "Configuring IPsec Inline Tagging for TrustSec" (IOS 15.2(2)T, IOS XE 3.x) covers crypto
#   maps and VTIs only.
# - ``weak-crypto-refused``: weak algorithms (DES, 3DES, MD5, DH 1/2/5/24, weak ESP transforms)
#   refused unless ``crypto engine compliance shield disable``: Cisco Field Notice FN72510
#   (CSCwc72588), IOS XE 17.11.1 and later (``facts.compliance``).
FEATURE_SINCE: Final[dict[str, tuple[int, int]]] = {"sgt-over-gre": (16, 7),
                                                    "weak-crypto-refused": (17, 11)}


def has_feature(feature: str, version: str | None) -> bool:
    """Whether software ``version`` (``17.9.4a``, ``16.06.04``, ``15.4(3)M5``) has ``feature``
    (a key of ``FEATURE_SINCE``); True when the version is unknown or unreadable (IOS-XE 17).

    >>> has_feature("sgt-over-gre", "16.6.4"), has_feature("sgt-over-gre", "16.07.01")
    (False, True)
    >>> has_feature("sgt-over-gre", "15.4(3)M5"), has_feature("sgt-over-gre", None)
    (False, True)
    """
    text = (version or "").strip().lower().removeprefix("version").strip()
    major, _, rest = text.partition(".")
    if not major.isdigit():
        return True
    minor = rest.split(".")[0].split("(")[0]
    return (int(major), int(minor) if minor.isdigit() else 0) >= FEATURE_SINCE[feature]
