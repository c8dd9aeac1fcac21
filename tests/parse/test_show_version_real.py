"""`show version` serial numbers on real captures: ISR G1 and older platforms print the serial
followed by a comma and the hardware revision (``Processor board ID FHK102KKKKK, with hardware
revision 0000``, tests/fixtures/real/ntc-show-version-c1801); the serial is the word before the
comma. Later platforms print the serial alone on the line (genie ISR 1900 and IOSv captures)."""

from __future__ import annotations

from pathlib import Path

import pytest

from flexorch.parse.runner import parse_output

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"


@pytest.mark.parametrize(
    ("raw", "serial", "model"),
    [
        ("ntc-show-version-c1801/stud-adsl__show_version.raw", "FHK102KKKKK", "1801"),
        (
            "genie-show-version/ios-golden-output-ios-c1900__show_version.raw",
            "YYY6666Y6R6",
            "CISCO1941/K9",
        ),
        ("ntc-show-version/show-version3__show_version.raw", "991UCMIHG4UAJ1J010CQG", "IOSv"),
    ],
)
def test_serial_is_the_board_id_word_without_its_comma(raw: str, serial: str, model: str) -> None:
    result = parse_output("show version", (REAL / raw).read_text(encoding="utf-8"))
    [record] = result.records
    assert record.serial == serial
    assert record.model == model
    assert result.warnings == []
