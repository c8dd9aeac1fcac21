"""Reading ``crypto map`` / ``crypto dynamic-map`` entries into ``CryptoMapEntry``. A part of
``flexorch.ios.model`` (``read.read_tree`` hands it each entry's block; the interface reader takes
``crypto map NAME`` on interfaces). Added for the negotiation model's crypto-map class; the
readers' rewrite (issue 9) may fold it into the grammar-driven readers.

Lines (Cisco "IKEv2 and Legacy VPNs" appendix; real entries in tests/fixtures/real/
gh-atrubin-otus-ikev2-cryptomap): ``crypto map NAME SEQ ipsec-isakmp [dynamic DMAP]``, then
``set peer A``, ``set transform-set T...``, ``set ikev2-profile P``, ``set pfs groupN``,
``match address ACL``; ``crypto dynamic-map NAME SEQ`` with the same children.
"""

from __future__ import annotations

from flexorch.ios.config import Node
from flexorch.ios.model.blocks import CryptoMapEntry


def read_crypto_map(words: list[str], node: Node) -> CryptoMapEntry | None:
    """``words``: the header after ``crypto map`` / ``crypto dynamic-map`` (NAME SEQ ...)."""
    if len(words) < 2 or not words[1].isdigit():
        return None
    dynamic = words[words.index("dynamic") + 1] if "dynamic" in words[2:-1] else None
    peers: list[str] = []
    transform_sets: tuple[str, ...] = ()
    profile = acl = None
    pfs = None
    for child in node.children:
        w = child.text.split()
        if w[:2] == ["set", "peer"] and len(w) > 2:
            peers.append(w[2])
        elif w[:2] == ["set", "transform-set"]:
            transform_sets = tuple(w[2:])
        elif w[:2] == ["set", "ikev2-profile"] and len(w) > 2:
            profile = w[2]
        elif w[:2] == ["set", "pfs"]:
            group = w[2] if len(w) > 2 else "group1"  # ``set pfs`` alone means group 1
            pfs = int(group.removeprefix("group")) if group.removeprefix("group").isdigit() \
                else None
        elif w[:2] == ["match", "address"] and len(w) > 2:
            acl = w[2]
    return CryptoMapEntry(words[0], int(words[1]), tuple(peers), transform_sets, profile, pfs,
                          acl, dynamic)
