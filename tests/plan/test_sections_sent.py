"""``plan_diff`` sends each section's lines as ``emit`` sends them alone and puts the ``exit``
lines a section's open modes need before the next section: the same lines as ``emit`` of all
the sections' lines at once, on every real config planned from nothing and back to nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from flexorch.plan.remediate import Remediation, emit, remediate

ROOT = Path(__file__).resolve().parents[2]
REAL = sorted((ROOT / "tests/fixtures/real").glob("*/*.cfg"))


def _all_at_once(plan: Remediation) -> list[str]:
    lines = [line for section in plan.sections for line in section.lines]
    return emit((len(line) - len(line.lstrip(" ")), line.lstrip(" ")) for line in lines)


@pytest.mark.parametrize("path", REAL, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_sections_sent_one_by_one_are_sent_as_one(path: Path) -> None:
    text = path.read_text(errors="replace")
    for plan in (remediate("", text), remediate(text, "")):
        assert list(plan.lines) == _all_at_once(plan)


def test_a_section_after_a_block_whose_mode_takes_its_line_gets_exit() -> None:
    # interface configuration mode has its own ``crypto ipsec df-bit`` (Cisco IOS Security
    # Command Reference, "crypto ipsec df-bit (interface)"): the removal of the global line sent
    # right after the tunnel's lines must leave the interface first.
    plan = remediate("crypto ipsec df-bit clear\n",
                     "interface Tunnel0\n ip address 10.0.0.1 255.255.255.0\n")
    assert list(plan.lines) == ["interface Tunnel0", " ip address 10.0.0.1 255.255.255.0",
                                " exit", "no crypto ipsec df-bit clear"]
    assert [s.lines for s in plan.sections] == [
        ("interface Tunnel0", " ip address 10.0.0.1 255.255.255.0"),
        ("no crypto ipsec df-bit clear",)]
