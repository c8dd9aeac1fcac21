"""Pure pieces of the lab: exec-command matching, output filters, fault requests, router specs."""

from __future__ import annotations

import pytest

from flexorch.errors import BadInputError
from flexorch.lab.execgrammar import Match, MatchError, match_line
from flexorch.lab.faults import Faults, apply_fault, normalise_fault
from flexorch.lab.settings import LabSettings, RouterSpec
from flexorch.lab.shows import apply_filters, uptime_text


@pytest.mark.parametrize(
    ("line", "action"),
    [
        ("sh run", "show_run"),
        ("show running-config", "show_run"),
        ("conf t", "configure_terminal"),
        ("wr", "write_memory"),
        ("wr mem", "write_memory"),
        ("sh ver", "show_version"),
        ("sh ip int br", "show_ip_int_brief"),
        ("show crypto ikev2 sa detailed", "show_ikev2_sa_detailed"),
        ("sh cry ikev2 sa det", "show_ikev2_sa_detailed"),  # "detail" is a prefix of "detailed"
        ("show crypto session detail", "show_crypto_session_detail"),
        ("configure terminal revert timer 5", "configure_revert_timer"),
        ("configure confirm", "configure_confirm"),
        ("configure revert now", "configure_revert_now"),
        ("CONFIGURE REPLACE flash:x.cfg FORCE", "configure_replace"),
        ("copy run start", "copy"),
        ("terminal length 0", "terminal"),
        ("term width 512", "terminal"),
        ("terminal no monitor", "terminal"),
        ("logout", "exit"),
    ],
)
def test_exec_lines_resolve(line: str, action: str) -> None:
    found = match_line(line, 15)
    assert isinstance(found, Match)
    assert found.action == action


@pytest.mark.parametrize(
    ("line", "kind", "caret"),
    [
        ("co", "ambiguous", 0),  # configure / connect / copy
        ("s", "ambiguous", 0),
        ("re", "ambiguous", 0),  # redundancy / release / reload / rename ...
        ("show", "incomplete", 0),
        ("show crypto ikev2", "incomplete", 0),
        ("show foo", "invalid", 5),
        ("show running-config extra", "invalid", 20),
        ("configure terminal revert timer 0", "invalid", 32),  # range is 1-120
        ("configure terminal revert timer 121", "invalid", 32),
        ("terminal length 513", "invalid", 16),
        ("show clock | frobnicate x", "invalid", 13),
        ("copy running-config", "incomplete", 0),
    ],
)
def test_exec_lines_refused_as_ios_does(line: str, kind: str, caret: int) -> None:
    found = match_line(line, 15)
    assert isinstance(found, MatchError)
    assert (found.kind, found.caret if kind == "invalid" else 0) == (kind, caret)


def test_privilege_1_sees_only_user_exec_commands() -> None:
    assert isinstance(match_line("show version", 1), Match)
    assert isinstance(match_line("enable", 1), Match)
    refused = match_line("show running-config", 1)
    assert isinstance(refused, MatchError) and (refused.kind, refused.caret) == ("invalid", 5)
    assert isinstance(match_line("configure terminal", 1), MatchError)


def test_pipe_filters_are_parsed() -> None:
    found = match_line("show running-config | section crypto ikev2", 15)
    assert isinstance(found, Match)
    assert found.filters == [("section", "crypto ikev2")]
    found = match_line("sh ver | i Version", 15)
    assert isinstance(found, Match) and found.filters == [("include", "Version")]
    assert isinstance(match_line("show version | include", 15), MatchError)


TEXT = """hostname r1
interface Tunnel0
 description to hub
 tunnel destination 192.0.2.1
interface Loopback0
 ip address 10.0.0.1 255.255.255.255
crypto ikev2 profile P
 match identity remote address 192.0.2.1 255.255.255.255
"""


def test_filters() -> None:
    assert apply_filters(TEXT, [("include", "^interface")]) == (
        "interface Tunnel0\ninterface Loopback0\n")
    assert apply_filters(TEXT, [("exclude", "^ ")]) == (
        "hostname r1\ninterface Tunnel0\ninterface Loopback0\ncrypto ikev2 profile P\n")
    assert apply_filters(TEXT, [("begin", "Loopback")]) == (
        "interface Loopback0\n ip address 10.0.0.1 255.255.255.255\ncrypto ikev2 profile P\n"
        " match identity remote address 192.0.2.1 255.255.255.255\n")
    # a block is shown whole when any of its lines matches
    assert apply_filters(TEXT, [("section", "192.0.2.1")]) == (
        "interface Tunnel0\n description to hub\n tunnel destination 192.0.2.1\n"
        "crypto ikev2 profile P\n match identity remote address 192.0.2.1 255.255.255.255\n")
    assert apply_filters(TEXT, [("count", "address")]) == (
        "Number of lines which match regexp = 2\n")
    assert apply_filters(TEXT, [("include", "([")]) is None


def test_uptime_wording() -> None:
    assert uptime_text(30) == "0 minutes"
    assert uptime_text(61) == "1 minute"
    assert uptime_text(3 * 3600 + 120) == "3 hours, 2 minutes"
    assert uptime_text(8 * 86400 + 60) == "1 week, 1 day, 1 minute"


def test_fault_requests() -> None:
    assert normalise_fault("AUTH_REFUSE", None) == ("auth-refuse", None)
    assert normalise_fault("slow", "1.50") == ("slow", "1.5")
    assert normalise_fault("drop-after", "007") == ("drop-after", "7")
    spaced = normalise_fault("reject", "  Crypto   IKEv2 proposal ")
    assert spaced == ("reject", "crypto ikev2 proposal")
    for kind, arg, message in [
        ("slow", "-1", "between 0 and 600"),
        ("slow", None, "between 0 and 600"),
        ("drop-after", "0", "N >= 1"),
        ("hang", "now", "takes no argument"),
        ("reject", None, "needs the command"),
        ("melt", None, "unknown fault kind"),
    ]:
        with pytest.raises(BadInputError, match=message):
            normalise_fault(kind, arg)


def test_faults_reject_whole_words_only() -> None:
    faults = Faults()
    apply_fault(faults, "reject", "show version")
    assert faults.rejects("show   VERSION")
    assert faults.rejects("show version | include IOS")
    assert not faults.rejects("show versions")
    apply_fault(faults, "clear", None)
    assert not faults.rejects("show version") and faults.active() == []


def test_router_specs_serve_loopback_only() -> None:
    RouterSpec("a", "::1", 2222, "u", "p", "hostname a\n")
    with pytest.raises(BadInputError, match=r"host b: hostname 192\.0\.2\.7 is not a loopback"):
        RouterSpec("b", "192.0.2.7", 2222, "u", "p", "")
    with pytest.raises(BadInputError, match="port 70000 is out of range"):
        RouterSpec("c", "127.0.0.1", 70000, "u", "p", "")
    with pytest.raises(BadInputError, match="privilege 1 needs an enable secret"):
        RouterSpec("d", "127.0.0.1", 2222, "u", "p", "", privilege=1)


def test_revert_scale_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLEXORCH_LAB_REVERT_SECONDS_PER_MINUTE", "0.25")
    assert LabSettings.from_env().revert_seconds_per_minute == 0.25
    assert LabSettings.from_env(revert_seconds_per_minute=2).revert_seconds_per_minute == 2
    monkeypatch.setenv("FLEXORCH_LAB_REVERT_SECONDS_PER_MINUTE", "fast")
    with pytest.raises(BadInputError, match="is not a number"):
        LabSettings.from_env()
