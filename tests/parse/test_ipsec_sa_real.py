"""`show crypto ipsec sa` on the real captures of tests/fixtures/real/genie-show-crypto-ipsec-sa:
the post-quantum key exchange reads as the algorithm in both IOS-XE wordings of the PFS line (as
the IKEv2 SA records read it: ``AKE group: AKE1: MLKEM512`` gives ``MLKEM512``), and the TrustSec
SGT inline-tagging counters of newer builds are read where printed and None where not."""

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


SGT_COUNTERS = ("pkts_tagged_send", "pkts_untagged_rcv", "pkts_not_tagged_send",
                "pkts_not_untagged_rcv")


@pytest.mark.parametrize(
    ("raw", "printed"),
    [
        ("ipv6-detailed-golden-output-1__show_crypto_ipsec_sa_detail.raw", True),
        ("detail-golden-output__show_crypto_ipsec_sa_detail.raw", True),  # double-spaced paste
        ("interface-golden-output-3__show_crypto_ipsec_sa.raw", False),  # `#send errors` block
    ],
)
def test_sgt_tagging_counters_read_where_printed(raw: str, printed: bool) -> None:
    flows = parse_output("show crypto ipsec sa", (GROUP / raw).read_text(encoding="utf-8")).records
    assert flows
    for flow in flows:
        counters = [getattr(flow, name) for name in SGT_COUNTERS]
        assert counters == ([0, 0, 0, 0] if printed else [None] * 4)
        assert (flow.send_errors is None) == printed
