"""Where findings point (file and line of the inventory), host selection, and the rule catalogue
document staying in step with the registry."""

from __future__ import annotations

import gc
import re
from collections.abc import Callable
from pathlib import Path

from flexorch.intent import load_fleet
from flexorch.lint import RULES, Finding, Report, lint_fleet
from flexorch.lint.output import render_text
from tests.lint.helpers import BASE, Edits, findings

REPO = Path(__file__).resolve().parents[2]


def test_group_value_points_at_the_group_line(inventory: Callable[[Edits], Path]) -> None:
    folder = inventory({})
    lines = (BASE / "groups.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[5].startswith("      NGE:")  # line 6 of the base groups.yaml
    spare = ("      SPARE: {encryption: [aes-cbc-256], integrity: [sha256], prf: [sha256], "
             "group: [19]}\n")
    (folder / "groups.yaml").write_text("".join([*lines[:6], spare, *lines[6:]]),
                                        encoding="utf-8")
    report = lint_fleet(load_fleet(folder))
    assert findings(report) == {("FV104", h, "ikev2_proposals.SPARE") for h in ("hub", "s1", "s2")}
    for finding in report.findings:
        assert finding.file is not None
        assert finding.file.endswith("groups.yaml:7 (group base)")


def test_host_value_points_at_the_host_line(lint: Callable[..., Report]) -> None:
    report = lint({("hosts.yaml", "hub", "data", "ikev2"): {"window": 0}})
    (finding,) = report.findings
    assert (finding.rule, finding.path) == ("FV401", "ikev2.window")
    assert finding.file is not None
    # safe_dump rewrote hosts.yaml: find the hub's "window:" line by hand
    text = (Path(finding.file.rsplit(":", 1)[0])).read_text(encoding="utf-8").splitlines()
    hub_start = text.index("hub:")
    window = next(i for i, line in enumerate(text) if i > hub_start and "window:" in line)
    assert finding.file.endswith(f"hosts.yaml:{window + 1}")


def test_selection_keeps_fleet_findings_of_either_end(lint: Callable[..., Report]) -> None:
    edits = {("hosts.yaml", "hub", "data", "ipsec_transform_sets"): {
        "TS": {"esp_encryption": "esp-aes 256", "esp_integrity": "esp-sha256-hmac"}}}
    everything = {("FV505", "s1", "tunnels.Tunnel0"), ("FV505", "s2", "tunnels.Tunnel0")}
    assert findings(lint(edits)) == everything
    assert findings(lint(edits, host="hub")) == everything  # the hub is the other end of both
    assert findings(lint(edits, host="s2")) == {("FV505", "s2", "tunnels.Tunnel0")}
    assert findings(lint(edits, site="lab")) == everything
    assert lint(edits, host="s2").hosts == ["s2"]


def test_text_output_without_findings_is_one_line(lint: Callable[..., Report]) -> None:
    text = render_text(lint({}), color=False)
    assert text == "0 errors, 0 warnings in 3 hosts (2 IKEv2 sessions negotiated)\n"


def test_colour_only_when_asked(lint: Callable[..., Report]) -> None:
    report = lint({("hosts.yaml", "hub", "data", "ikev2"): {"window": 0}})
    assert "\x1b[" not in render_text(report, color=False)
    assert "\x1b[" in render_text(report, color=True)


def test_docs_catalogue_lists_every_rule_with_its_severity() -> None:
    doc = (REPO / "docs" / "lint.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| (FV\d{3}) \| (error|warning) \|", doc, flags=re.M))
    assert rows == {rule_id: rule.severity for rule_id, rule in RULES.items()}


def test_wrapped_lines_are_not_mistaken_for_config_lines() -> None:
    # Masking is applied per field, before layout: a wrapped message line starting with "key"
    # must not be taken for a ``key <secret>`` config line and blanked.
    message = "the " + " ".join(["key"] * 60)
    report = Report(findings=[Finding("FV506", "s1", "tunnels.Tunnel0", message)], hosts=["s1"])
    text = render_text(report, color=False, width=70)
    assert "******" not in text
    assert sum(line.count("key") for line in text.splitlines()) == 60


def test_garbage_collector_state_is_restored(lint: Callable[..., Report]) -> None:
    assert gc.isenabled()
    lint({})
    assert gc.isenabled()
    gc.disable()
    try:
        lint({})
        assert not gc.isenabled()  # a caller that paused it keeps it paused
    finally:
        gc.enable()
