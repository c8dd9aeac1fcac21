"""Config drift on hand-written configs: what is drift, what is an IOS display quirk, and the
exact section / line / change each difference is reported as."""

from __future__ import annotations

import json

import pytest

from flexorch.drift.config import ConfigDrift, LineDrift, config_drift
from flexorch.drift.report import HostDrift
from flexorch.plan.remediate import remediate
from tests.drift.configs import INTENDED, PSK, RUNNING, edit


def _changes(drift: ConfigDrift) -> set[tuple[str, str, str, str | None, tuple[str, ...]]]:
    return {(s.section, line.change, line.line, line.observed, line.parents)
            for s in drift.sections for line in s.lines}


def test_identical_config_is_clean() -> None:
    drift = config_drift(INTENDED, INTENDED)
    assert drift.clean
    assert drift.notes == ()


def test_display_quirks_and_unmanaged_sections_are_not_drift() -> None:
    # RUNNING differs from INTENDED only by show-run banner, hidden defaults (tunnel mode gre ip,
    # lifetime 86400, crypto ikev2 window 5, SA lifetime 3600), line order where IOS ignores it,
    # and sections flexorch does not manage (hostname, trustpoint, WAN, routes, vty, username).
    drift = config_drift(RUNNING, INTENDED)
    assert _changes(drift) == set()
    assert drift.clean


def test_changed_single_valued_line_is_one_changed_finding() -> None:
    running = edit(RUNNING, (" dpd 30 5 on-demand\n", " dpd 10 3 periodic\n"))
    drift = config_drift(running, INTENDED)
    assert _changes(drift) == {
        ("crypto ikev2 profile FLEX", "changed", "dpd 30 5 on-demand", "dpd 10 3 periodic", ())}
    assert [s.state for s in drift.sections] == ["modified"]


def test_missing_and_extra_lines_in_a_section() -> None:
    running = edit(RUNNING,
                   (" aaa authorization group psk list FLEX_LOCAL FLEX_ROUTES\n",
                    " nat keepalive 20\n"),
                   (" match identity remote fqdn hub2.flex1.example\n", ""))
    assert _changes(config_drift(running, INTENDED)) == {
        ("crypto ikev2 profile FLEX", "missing",
         "aaa authorization group psk list FLEX_LOCAL FLEX_ROUTES", None, ()),
        ("crypto ikev2 profile FLEX", "missing", "match identity remote fqdn hub2.flex1.example",
         None, ()),
        ("crypto ikev2 profile FLEX", "extra", "nat keepalive 20", None, ()),
    }


def test_nested_line_names_its_parent_block() -> None:
    running = edit(RUNNING, ("  address 192.0.2.1\n", "  address 192.0.2.99\n"))
    assert _changes(config_drift(running, INTENDED)) == {
        ("crypto ikev2 keyring FLEX_KEYS", "changed", "address 192.0.2.1", "address 192.0.2.99",
         ("peer hub1",)),
    }


def test_changed_psk_is_drift_but_never_shown() -> None:
    other = "Somebody-Typed-Another-Key-77"
    running = edit(RUNNING, (f"  pre-shared-key {PSK}\n", f"  pre-shared-key {other}\n"))
    drift = config_drift(running, INTENDED)
    [section] = drift.sections
    [line] = section.lines
    assert (section.section, line.change, line.parents) == (
        "crypto ikev2 keyring FLEX_KEYS", "changed", ("peer hub1",))
    assert line.secret_changed
    assert line.display() == ("pre-shared-key ******", "pre-shared-key ******")
    data = HostDrift("spoke", "spoke", "drift", config=drift).to_json()
    findings = HostDrift("spoke", "spoke", "drift", config=drift).finding_data()
    text = json.dumps([data, findings])
    assert PSK not in text
    assert other not in text
    assert "secret value differs" in findings[0]["detail"]


def test_type6_key_the_router_shows_is_not_drift_but_noted() -> None:
    running = edit(RUNNING, (f"  pre-shared-key {PSK}\n",
                             "  pre-shared-key 6 RHNLXFLZIgGQRIWOGYRdcHJPTbWUaMbKAAB\n"))
    drift = config_drift(running, INTENDED)
    assert drift.clean
    assert len(drift.notes) == 1
    assert "type 6" in drift.notes[0]


def test_whole_section_missing_lists_its_lines() -> None:
    running = edit(RUNNING, ("crypto ikev2 authorization policy FLEX_ROUTES\n route accept any\n"
                             " route set interface\n", ""))
    drift = config_drift(running, INTENDED)
    [section] = drift.sections
    assert section.section == "crypto ikev2 authorization policy FLEX_ROUTES"
    assert section.state == "missing"
    assert [(line.change, line.depth, line.line) for line in section.lines] == [
        ("missing", 0, "crypto ikev2 authorization policy FLEX_ROUTES"),
        ("missing", 1, "route set interface"),
        ("missing", 1, "route accept any"),
    ]


def test_global_lines_missing_changed_and_extra() -> None:
    running = edit(RUNNING,
                   ("crypto ikev2 fragmentation mtu 1200\n", "crypto ikev2 fragmentation\n"),
                   ("crypto ikev2 cts sgt\n", "crypto ikev2 dpd 10 2 periodic\n"),
                   ("aaa new-model\n", ""))
    assert _changes(config_drift(running, INTENDED)) == {
        ("global", "changed", "crypto ikev2 fragmentation mtu 1200",
         "crypto ikev2 fragmentation", ()),
        ("global", "missing", "crypto ikev2 cts sgt", None, ()),
        ("global", "missing", "aaa new-model", None, ()),
        ("global", "extra", "crypto ikev2 dpd 10 2 periodic", None, ()),
    }


def test_extra_section_of_an_owned_kind_is_drift_other_sections_are_not() -> None:
    running = RUNNING.replace("interface GigabitEthernet1\n", (
        "crypto ikev2 proposal OLD_PROP\n encryption aes-cbc-256\n integrity sha256\n"
        " group 14\n!\ninterface Loopback7\n description lab by hand\n"
        "!\ninterface GigabitEthernet1\n"), 1)
    drift = config_drift(running, INTENDED)
    [section] = drift.sections
    assert (section.section, section.state) == ("crypto ikev2 proposal OLD_PROP", "extra")
    assert [(line.change, line.line) for line in section.lines] == [
        ("extra", "crypto ikev2 proposal OLD_PROP"), ("extra", "encryption aes-cbc-256"),
        ("extra", "integrity sha256"), ("extra", "group 14")]


def test_extra_section_still_used_by_an_unmanaged_one_is_kept_with_a_note() -> None:
    # A crypto map (not FlexVPN, not flexorch's) uses the extra transform set: remediation keeps
    # it, so drift must not report it (or drift would never be clean after a remediation).
    running = RUNNING.replace("interface GigabitEthernet1\n", (
        "crypto ipsec transform-set LEGACY_TS esp-aes 256 esp-sha256-hmac\n mode tunnel\n!\n"
        "crypto map LEGACY 10 ipsec-isakmp\n set peer 203.0.113.9\n set transform-set LEGACY_TS\n"
        " match address 110\n!\ninterface GigabitEthernet1\n"), 1)
    drift = config_drift(running, INTENDED)
    assert drift.clean
    assert any("LEGACY_TS" in note and "kept" in note for note in drift.notes)


def test_preference_order_of_policy_proposals_is_drift() -> None:
    one = "\n proposal FLEX_NGE\n"
    intended = edit(INTENDED, (one, "\n proposal FLEX_NGE\n proposal default\n"))
    running = edit(RUNNING, (one, "\n proposal default\n proposal FLEX_NGE\n"))
    assert _changes(config_drift(running, intended)) == {
        ("crypto ikev2 policy FLEX_POLICY", "changed", "proposal FLEX_NGE; proposal default",
         "proposal default; proposal FLEX_NGE", ()),
    }


def test_order_of_unordered_lines_is_not_drift() -> None:
    # match identity remote lines are a set: any order (RUNNING has them swapped already).
    swapped = "remote fqdn hub2.flex1.example\n match identity remote fqdn hub1.flex1.example"
    assert swapped in RUNNING
    assert config_drift(RUNNING, INTENDED).clean


def test_section_header_value_change_is_changed_in_that_section() -> None:
    running = edit(RUNNING, ("crypto ipsec transform-set FLEX_TS esp-gcm 256\n",
                             "crypto ipsec transform-set FLEX_TS esp-aes 256 esp-sha256-hmac\n"))
    # The section is named by its intended header line.
    assert _changes(config_drift(running, INTENDED)) == {
        ("crypto ipsec transform-set FLEX_TS esp-gcm 256", "changed",
         "crypto ipsec transform-set FLEX_TS esp-gcm 256",
         "crypto ipsec transform-set FLEX_TS esp-aes 256 esp-sha256-hmac", ()),
    }


def test_merged_list_value_change_is_changed() -> None:
    running = edit(RUNNING, (" group 21 20\n", " group 14\n"))
    assert _changes(config_drift(running, INTENDED)) == {
        ("crypto ikev2 proposal FLEX_NGE", "changed", "group 21 20", "group 14", ())}


CASES = [
    ("identical", RUNNING),
    ("dpd", edit(RUNNING, (" dpd 30 5 on-demand\n", " dpd 10 3 periodic\n"))),
    ("psk", edit(RUNNING, (f"  pre-shared-key {PSK}\n", "  pre-shared-key x-other-key-1234\n"))),
    ("no sgt", edit(RUNNING, ("crypto ikev2 cts sgt\n", ""))),
    ("no protection", edit(RUNNING, (" tunnel protection ipsec profile FLEX_IPSEC\n", ""))),
    ("tunnel mode", edit(RUNNING, (" tunnel mode gre ip\n", " tunnel mode ipsec ipv4\n"))),
    ("no policy", edit(RUNNING, ("crypto ikev2 policy FLEX_POLICY\n match fvrf any\n"
                                 " proposal FLEX_NGE\n", ""))),
    ("extra tunnel", RUNNING.replace("interface GigabitEthernet1\n", (
        "interface Tunnel9\n ip unnumbered Loopback0\n tunnel source GigabitEthernet1\n"
        " tunnel destination 203.0.113.7\n tunnel protection ipsec profile FLEX_IPSEC\n!\n"
        "interface GigabitEthernet1\n"), 1)),
]


@pytest.mark.parametrize(("name", "running"), CASES, ids=[c[0] for c in CASES])
def test_drift_agrees_with_the_remediation(name: str, running: str) -> None:
    """Clean exactly when plan has nothing to send; after the remediation, clean."""
    from flexorch.plan.remediate import apply_remediation

    drift = config_drift(running, INTENDED)
    plan = remediate(running, INTENDED)
    assert drift.clean == plan.empty, name
    if not plan.empty:
        tree, errors = apply_remediation(running, plan.lines)
        assert errors == []
        assert config_drift(tree.to_text(), INTENDED).clean, name


def test_line_drift_display_masks_known_secret_values() -> None:
    from flexorch.secrets import register_secret

    register_secret("Registered-Value-9876")
    line = LineDrift("extra", "description key Registered-Value-9876", 1)
    assert line.display() == ("description key ******", None)
