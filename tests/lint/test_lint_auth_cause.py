"""FV506 (pre-shared key mismatch) vs FV507 (other authentication failure) is decided by the
negotiation model's structured cause (``Outcome.cause``), not by the wording of its reason."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from flexorch.intent import load_fleet
from flexorch.ios.negotiate import Outcome, Session, Status
from flexorch.lint import Report
from flexorch.lint.fleet_checks import _session_findings
from tests.lint.helpers import BASE, findings


def _rules_for(outcome: Outcome) -> list[str]:
    fleet = load_fleet(BASE)
    session = Session("s1", "Tunnel0", "hub", "192.0.2.1", outcome)
    return [raw.rule for raw in _session_findings(fleet, session, {}, {}, set())]


def _auth_failed(reason: str, cause: str | None) -> Outcome:
    return Outcome(Status.AUTH_FAILED, "auth", reason, "s1", "hub", "Tunnel0", cause=cause)


@pytest.mark.parametrize(("reason", "cause", "rule"), [
    # The cause decides, whatever the text says.
    ("pre-shared key mismatch s1 -> hub", "psk-mismatch", "FV506"),
    ("the keys differ (reworded)", "psk-mismatch", "FV506"),
    ("text mentioning a key mismatch", "auth-method", "FV507"),
    ("hub: no pre-shared remote key for the peer", "no-key", "FV507"),
    ("hub does not trust s1's CA", "cert-untrusted", "FV507"),
    ("hub: aaa authorization group psk needs aaa new-model", "aaa-new-model", "FV507"),
])
def test_auth_rule_follows_the_cause(reason: str, cause: str, rule: str) -> None:
    assert _rules_for(_auth_failed(reason, cause)) == [rule]


def test_message_still_carries_the_reason() -> None:
    fleet = load_fleet(BASE)
    outcome = _auth_failed("hub does not accept RSA from s1", "auth-method")
    raws = _session_findings(fleet, Session("s1", "Tunnel0", "hub", "192.0.2.1", outcome),
                             {}, {}, set())
    assert len(raws) == 1
    assert "fails at auth (AUTH_FAILED): hub does not accept RSA from s1" in raws[0].message


def test_psk_mismatch_end_to_end_is_fv506_only(lint: Callable[..., Report],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    # s1's keyring entry for the hub holds another key than the hub's entry for s1 (its psk).
    monkeypatch.setenv("LINT_TEST_PSK_S1", "spoke-one-key-24-chars!!")
    monkeypatch.setenv("LINT_TEST_PSK_S2", "spoke-two-key-24-chars!!")
    monkeypatch.setenv("LINT_TEST_PSK_OTHER", "another-key-of-24-chars!")
    report = lint({("hosts.yaml", "s1", "data", "ikev2_keyrings"): {"KEYS": {"peers": {"hub": {
        "address": "192.0.2.1", "pre_shared_key": {"env": "LINT_TEST_PSK_OTHER"}}}}}})
    fleet_rules = {f for f in findings(report) if f[0] in ("FV506", "FV507")}
    assert fleet_rules == {("FV506", "s1", "tunnels.Tunnel0")}
