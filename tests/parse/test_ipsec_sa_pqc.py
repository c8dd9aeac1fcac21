"""The post-quantum key exchange of `show crypto ipsec sa` reads as the algorithm in both IOS-XE
wordings of the PFS line (real captures in tests/fixtures/real/genie-show-crypto-ipsec-sa), as
the IKEv2 SA records read it: ``AKE group: AKE1: MLKEM512`` gives ``MLKEM512``."""

from __future__ import annotations

from pathlib import Path

import pytest

from flexorch.parse.normalize import ake_algorithms
from flexorch.parse.runner import parse_output

GROUP = Path(__file__).resolve().parents[1] / "fixtures" / "real" / "genie-show-crypto-ipsec-sa"


@pytest.mark.parametrize(
    ("raw", "dh_group", "pqc_kex"),
    [
        ("interface-golden-output-3__show_crypto_ipsec_sa.raw", "group14", "MLKEM512"),
        ("detail-golden-output-3__show_crypto_ipsec_sa_detail.raw", "none", "ML-KEM-1024"),
    ],
)
def test_pfs_line_pqc_wordings_read_as_the_algorithm(raw: str, dh_group: str, pqc_kex: str) -> None:
    flows = parse_output("show crypto ipsec sa", (GROUP / raw).read_text(encoding="utf-8")).records
    assert {(f.pfs, f.dh_group, f.pqc_kex) for f in flows} == {(True, dh_group, pqc_kex)}


def test_ake_index_dropped_and_several_algorithms_kept() -> None:
    assert ake_algorithms("AKE1: MLKEM512") == "MLKEM512"
    assert ake_algorithms("AKE1: MLKEM768, AKE2: MLKEM1024") == "MLKEM768 MLKEM1024"
    assert ake_algorithms("ML-KEM-1024") == "ML-KEM-1024"
    assert ake_algorithms("") is None
