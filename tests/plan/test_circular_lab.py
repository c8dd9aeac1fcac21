"""Circular remediation over SSH for a representative subset of pairs: the running config is read
from a lab router with netmiko, the remediation pushed with netmiko (IOS error detection on),
the result read back over SSH; it holds the intent and planning again gives nothing, both ways.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from netmiko import ConnectHandler

from flexorch.ios.facts import platform
from flexorch.lab.fleet import LabFleet
from flexorch.lab.settings import LabSettings
from flexorch.plan.remediate import remediate
from tests.lab.helpers import make_specs, netmiko_params
from tests.plan.helpers import managed, proposals
from tests.plan.test_circular import PAIRS, _sections

pytestmark = pytest.mark.lab

SUBSET = ("fresh hub", "rename everything", "tunnel into IVRF", "tunnel mode gre",
          "add SGT and fragmentation", "new proposal suite", "asymmetric keys",
          "virtual template mode auto", "hub spoke removed", "authorization and pool")
CASES = [(n, r, i) for n, r, i in PAIRS if n in SUBSET]


@pytest.fixture(scope="module")
def router() -> Iterator[LabFleet]:
    day0 = ("hostname S1\ninterface GigabitEthernet1\n ip address 198.51.100.12 255.255.255.0\n"
            "interface GigabitEthernet2\n no ip address\n")
    settings = LabSettings(revert_seconds_per_minute=1, reload_seconds=0.3, login_timeout=10)
    with LabFleet.start(specs=make_specs(["S1"], day0=day0), settings=settings) as lab:
        yield lab


def _load(lab: LabFleet, config: str) -> None:
    lab.router("S1").call(lambda r: r.state.replace_running(config, "test"))


def _push(lab: LabFleet, lines: tuple[str, ...]) -> str:
    with ConnectHandler(**netmiko_params(lab, "S1")) as conn:
        conn.send_config_set(list(lines), error_pattern=platform.CONFIG_ERROR_PATTERN)
        text: str = conn.send_command("show running-config")
    return text


def _show(lab: LabFleet) -> str:
    with ConnectHandler(**netmiko_params(lab, "S1")) as conn:
        text: str = conn.send_command("show running-config")
    return text


def _holds(after: str, intended: str) -> None:
    assert managed(after, intended) == managed(intended, intended)
    assert proposals(after) == proposals(intended)
    assert remediate(after, intended).lines == ()


@pytest.mark.parametrize(("running", "intended"), [(r, i) for _, r, i in CASES],
                         ids=[n for n, _, _ in CASES])
def test_round_trip_over_ssh(router: LabFleet, running: str, intended: str) -> None:
    _load(router, running)
    shown = _show(router)
    plan = remediate(shown, intended)
    assert plan.lines
    after = _push(router, plan.lines)
    _holds(after, intended)
    original = _sections(running)
    back = remediate(after, original)
    restored = _push(router, back.lines)
    _holds(restored, original)


def test_subset_covers_every_kind_of_change() -> None:
    assert len(CASES) == len(SUBSET)
