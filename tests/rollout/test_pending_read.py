"""``show archive config rollback timer`` as flexorch reads it: the real outputs beside this file
(fixture pairs found by glob: ``<case>.raw`` + ``<case>.yml`` typed by hand), and answers that
are neither, which must never read as "nothing pending"."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from flexorch.pending import PendingChange, UnreadableTimer, read_pending

FIXTURES = Path(__file__).parent / "fixtures" / "show_archive_config_rollback_timer"
CASES = sorted(FIXTURES.glob("*.raw"))


@pytest.mark.parametrize("raw", CASES, ids=[c.stem for c in CASES])
def test_real_outputs_read_as_typed_by_hand(raw: Path) -> None:
    expected = yaml.safe_load(raw.with_suffix(".yml").read_text(encoding="utf-8"))
    found = read_pending(raw.read_text(encoding="utf-8"))
    if expected["pending"] is None:
        assert found is None
        return
    assert found == PendingChange(**expected["pending"])
    assert found.minutes == expected["minutes"]
    reverts = found.reverts_at()
    assert reverts is not None and reverts.isoformat() == expected["reverts_at"]


def test_there_are_both_kinds_of_fixture() -> None:
    kinds = {read_pending(c.read_text(encoding="utf-8")) is None for c in CASES}
    assert kinds == {True, False}


@pytest.mark.parametrize("answer", [
    "% Invalid input detected at '^' marker.",
    "",
    "Time configured(or reconfigured): 22:50:48 UTC Sat Feb 21 2009\nTimer type: absolute timer",
])
def test_any_other_answer_is_unreadable_not_nothing_pending(answer: str) -> None:
    with pytest.raises(UnreadableTimer):
        read_pending(answer)


def test_an_idle_timer_or_another_time_zone_has_no_revert_time() -> None:
    idle = PendingChange("22:50:48 UTC Sat Feb 21 2009", "idle timer", "2 min", "console")
    cet = PendingChange("22:50:48 CET Sat Feb 21 2009", "absolute timer", "2 min", "console")
    assert idle.reverts_at() is None and cet.reverts_at() is None
    assert "flexorch recover --host r1 --revert" in cet.refusal("r1")
