"""``facts.features``: which software release has a feature (Cisco's feature tables)."""

from __future__ import annotations

import doctest

import pytest

from flexorch.ios.facts import features
from flexorch.ios.facts.features import has_feature


@pytest.mark.parametrize(("version", "tags_gre"), [
    # Cisco TrustSec Configuration Guide, "TrustSec DMVPN Inline Tagging Support": IOS XE Fuji
    # 16.7.1; IOS 15.x and IOS XE 16.6 tag on crypto maps and VTIs only.
    ("15.2(4)M11", False), ("15.4", False), ("16.6.4", False), ("16.06.07", False),
    ("16.7.1", True), ("16.9", True), ("16.12.5", True), ("Version 17.9.4a", True),
    ("26.2", True),
    # unknown: IOS-XE 17, as the smart defaults assume
    (None, True), ("", True), ("unknown", True),
])
def test_sgt_on_gre_from_ios_xe_16_7(version: str | None, tags_gre: bool) -> None:
    assert has_feature("sgt-over-gre", version) is tags_gre


def test_docstring_examples() -> None:
    failed, tried = doctest.testmod(features)
    assert tried > 0 and failed == 0
