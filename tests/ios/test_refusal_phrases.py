"""What the lab answers when it refuses a line its parser took is what a push detects as a
refusal (``CONFIG_REFUSAL_PATTERN``), and IOS's informational answers are not."""

from __future__ import annotations

import re

import pytest

from flexorch.ios.facts import CONFIG_REFUSAL_PATTERN, rules

NAMES = {"name": "FLEX", "user": "interface Tunnel0", "interface": "Virtual-Template1",
         "mask": 0xE1E1E100, "address": "192.168.1.4", "length": 30}
REFUSALS = [*rules.REFUSE_DELETE_IN_USE.values(), *rules.REFUSE_MISSING_REFERENCE.values(),
            rules.MSG_PHYSICAL_NOT_REMOVABLE, rules.MSG_VT_TYPE_MISMATCH, rules.MSG_BAD_MASK,
            rules.MSG_BAD_MASK_PREFIX]


@pytest.mark.parametrize("template", REFUSALS)
def test_every_refusal_of_the_lab_is_seen_as_one(template: str) -> None:
    assert re.search(CONFIG_REFUSAL_PATTERN, template.format(**NAMES)), template


@pytest.mark.parametrize("text", [
    # IOS's outputs as real routers print them (platform.CONFIG_REFUSAL_PATTERN's sources)
    "Bad mask 0xE1E1E100 for address 192.168.1.4",
    "% Bad mask /30 for address 172.20.100.96",
    "% 10.1.1.0 overlaps with GigabitEthernet0/1",
    "Command authorization failed.",
])
def test_ios_refusals_are_seen(text: str) -> None:
    assert re.search(CONFIG_REFUSAL_PATTERN, text)


def test_an_informational_answer_is_not_a_refusal() -> None:
    # a VRF change takes the line and tells what it removed
    text = rules.MSG_VRF_ADDRESS_REMOVED.format(interface="GigabitEthernet2", action="enabling",
                                                vrf="BLUE")
    assert re.search(CONFIG_REFUSAL_PATTERN, text) is None
