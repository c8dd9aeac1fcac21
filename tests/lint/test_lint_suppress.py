"""``lint: {ignore: [{rule, reason}]}`` accepts a finding on a host (or every host of a group, or
the fleet from defaults.yaml), with a mandatory reason shown beside it; FV504 names the algorithms
the two ends have nothing in common in."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from flexorch.errors import InventoryError
from flexorch.lint import Report
from flexorch.lint.output import render_text
from tests.lint.helpers import Edits

H, G = "hosts.yaml", "groups.yaml"
SGT_ON_HUB = {(H, "hub", "data", "ikev2"): {"cts_sgt": True}}  # FV513 on the hub


def _ignore(*entries: dict[str, Any]) -> Edits:
    return {(H, "hub", "data", "lint"): {"ignore": list(entries)}}


def test_an_ignored_rule_is_shown_as_suppressed_with_its_reason(
        lint: Callable[..., Report]) -> None:
    reason = "SGT switched on at the hub first; spokes follow next week (CHG-1234)"
    report = lint({**SGT_ON_HUB, **_ignore({"rule": "FV513", "reason": reason})})
    assert [(f.rule, f.host) for f in report.findings] == []
    assert [(s.finding.rule, s.finding.host, s.finding.path, s.reason)
            for s in report.suppressed] == [("FV513", "hub", "ikev2.cts_sgt", reason)]
    assert report.summary()["suppressed"] == 1
    assert report.exit_code == 0
    text = render_text(report, color=False, width=200)
    row = next(line for line in text.splitlines() if line.startswith("suppressed"))
    assert row.split()[:3] == ["suppressed", "FV513", "hub"]
    assert f"suppressed (warning): {reason}" in text
    assert text.rstrip().endswith("; 1 suppressed by lint.ignore")
    assert report.to_dict()["suppressed"][0]["reason"] == reason


def test_an_ignore_applies_to_its_host_rule_and_path_only(lint: Callable[..., Report]) -> None:
    other_path = _ignore({"rule": "FV513", "reason": "not this one", "path": "ikev2.fragmentation"})
    assert {f.rule for f in lint({**SGT_ON_HUB, **other_path}).findings} == {"FV513"}
    other_rule = _ignore({"rule": "FV512", "reason": "another rule"})
    assert {f.rule for f in lint({**SGT_ON_HUB, **other_rule}).findings} == {"FV513"}
    on_spoke = {(H, "s1", "data", "lint"): {"ignore": [{"rule": "FV513", "reason": "s1 only"}]}}
    assert {f.rule for f in lint({**SGT_ON_HUB, **on_spoke}).findings} == {"FV513"}


@pytest.mark.parametrize(("entry", "message"), [
    ({"rule": "FV513"}, "reason"),
    ({"rule": "FV513", "reason": ""}, "reason"),
    ({"rule": "fv513", "reason": "lower case"}, "rule"),
])
def test_the_reason_is_mandatory_and_the_rule_an_id(
        inventory: Callable[[Edits], Path], entry: dict[str, Any], message: str) -> None:
    from flexorch.intent import load_fleet

    with pytest.raises(InventoryError) as caught:
        load_fleet(inventory({**SGT_ON_HUB, **_ignore(entry)}))
    assert "host hub" in str(caught.value) and message in str(caught.value)


def test_an_ignore_of_a_rule_that_does_not_exist_is_bad_input(
        lint: Callable[..., Report]) -> None:
    with pytest.raises(InventoryError) as caught:
        lint(_ignore({"rule": "FV531", "reason": "typo"}))  # checked even without findings
    assert "hosts.yaml:" in str(caught.value)
    assert ("host hub: data.lint.ignore[0].rule: lint.ignore names rule FV531, which does not "
            "exist (did you mean FV5") in str(caught.value)


def test_fv504_names_the_algorithms_without_a_common_value(lint: Callable[..., Report]) -> None:
    cbc = {"encryption": ["aes-cbc-256"], "integrity": ["sha256"], "prf": ["sha256"],
           "group": [14]}
    report = lint({(H, "hub", "data", "ikev2_proposals"): {"CBC": cbc},
                   (H, "hub", "data", "ikev2_policies"): {
                       "POL": {"match_fvrf": "any", "proposals": ["CBC"]}}})
    message = next(f.message for f in report.findings if f.rule == "FV504" and f.host == "s1")
    # The negotiation model's reason; no integrity named: s1's GCM cipher takes none.
    assert ("hub supports no proposal of s1 (encryption: s1 offers aes-gcm-256, hub accepts "
            "aes-cbc-256; PRF: s1 offers sha512, hub accepts sha256; DH group: s1 offers 21/20, "
            "hub accepts 14): ") in message
