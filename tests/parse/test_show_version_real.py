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


# IOS banner variants found in GitHub threads (tests/fixtures/real/doc-ghissue-*): the IOS-XE 3.x
# line of Catalyst switches has no comma after the version, and IOS before 12.3 names itself
# `IOS (tm)` under a `Cisco Internetwork Operating System Software` line. Typed by hand.
XE3_CATALYST = (
    "Cisco IOS Software, IOS-XE Software, Catalyst 4500 L3 Switch  Software "
    "(cat4500e-UNIVERSALK9-M), Version 03.06.05.E RELEASE SOFTWARE (fc2)\n"
    "Technical Support: http://www.cisco.com/techsupport\n"
    "\n"
    "ROM: 15.0(1r)SG10\n"
    "core-4500 uptime is 2 days, 3 hours, 4 minutes\n"
)
IOS_TM = (
    "Cisco Internetwork Operating System Software \n"
    "IOS (tm) C2600 Software (C2600-IK9O3S3-M), Version 12.3(26), RELEASE SOFTWARE (fc2)\n"
    "Technical Support: http://www.cisco.com/techsupport\n"
    "\n"
    "branch-2600 uptime is 1 week, 5 minutes\n"
)


def test_version_without_a_comma_after_it_is_read() -> None:
    result = parse_output("show version", XE3_CATALYST)
    [record] = result.records
    assert (record.os, record.version, record.image_id) == (
        "IOS-XE",
        "03.06.05.E",
        "cat4500e-UNIVERSALK9-M",
    )
    assert record.hostname == "core-4500"
    assert result.warnings == []


def test_pre_12_3_ios_tm_banner_is_read() -> None:
    result = parse_output("show version", IOS_TM)
    [record] = result.records
    assert (record.os, record.version, record.image_id) == ("IOS", "12.3(26)", "C2600-IK9O3S3-M")
    assert record.uptime_seconds == 604800 + 300
    assert result.warnings == []


@pytest.mark.parametrize("banner", [XE3_CATALYST, IOS_TM])
def test_a_version_cut_at_the_end_of_the_line_is_joined_not_taken_short(banner: str) -> None:
    """A terminal cut inside the version token: the piece before the cut is no version."""
    first = banner.split("\n").index(next(x for x in banner.split("\n") if "Version " in x))
    lines = banner.split("\n")
    line = lines[first]
    cut = line.index("Version ") + len("Version ") + 4  # four characters into the version
    lines[first : first + 1] = [line[:cut], line[cut:]]
    whole = parse_output("show version", banner).records
    assert parse_output("show version", "\n".join(lines)).records == whole
