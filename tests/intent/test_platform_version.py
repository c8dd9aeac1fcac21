"""``platform_version`` of a host: the software train IOS's built-in crypto objects come from
(flexorch.ios.facts.crypto.SMART_DEFAULTS), read by every prediction (lint, plan, verify) where a
config has no ``version`` line; validated as text (through the real CLI entry point, as
tests/intent/test_inventory_errors.py does)."""

from __future__ import annotations

from pathlib import Path

import pytest

from flexorch.intent import load_fleet
from flexorch.predict import prediction
from tests.intent.test_inventory_errors import Runner, flexorch, write_inventory

__all__ = ["flexorch"]  # the fixture, used by name below

HUB = "    role: hub\n"
SPOKE = "    psk: {env: T_PSK_SPOKE1}\n"
# The base inventory's tunnel and a hub template, protected by an IPsec profile; no IKEv2 policy.
PROTECTED = [
    ("groups.yaml", "    flexvpn:\n", "    ipsec_profiles:\n      IPS: {ikev2_profile: FLEX}\n"
                                      "    flexvpn:\n"),
    ("hosts.yaml", "        ip_mtu: 1400\n", "        ip_mtu: 1400\n        protection: IPS\n"),
    ("hosts.yaml", "      GigabitEthernet1: {ipv4: 192.0.2.1/24}\n",
     "      GigabitEthernet1: {ipv4: 192.0.2.1/24}\n    virtual_templates:\n"
     "      Virtual-Template1: {ip_unnumbered: GigabitEthernet1, mode: ipsec ipv4,"
     " protection: IPS}\n"),
]


def _dh_groups(folder: Path) -> set[int | None]:
    with pytest.MonkeyPatch.context() as env:
        env.setenv("T_PSK_SPOKE1", "spoke1-key-not-short")
        env.setenv("T_DEVICE_PASSWORD", "device-password")
        sessions = prediction(load_fleet(folder), ["spoke1"]).steady()
    assert sessions and all(s.outcome.established for s in sessions)
    return {view.dh_group for s in sessions for view in s.views}


def test_platform_version_picks_the_trains_default_proposal(tmp_path: Path) -> None:
    # The base inventory has no IKEv2 policy: IOS negotiates with its default proposal, whose
    # DH groups are "19 14 21 5" on IOS-XE 16/17 and "5 2" on IOS 15.x (real outputs in
    # tests/fixtures/real: gh-jclarkson-ikev2-gre-site2site shows DH Grp:5 between two 15.2
    # routers on defaults).
    assert _dh_groups(write_inventory(tmp_path / "xe", PROTECTED)) == {19}
    old = write_inventory(tmp_path / "ios15", [*PROTECTED,
        ("hosts.yaml", HUB, HUB + "    platform_version: '15.4(3)M5'\n"),
        ("hosts.yaml", SPOKE, SPOKE + "    platform_version: '15.5'\n"),
    ])
    assert load_fleet(old).hosts["hub1"].platform_version == "15.4(3)M5"
    assert _dh_groups(old) == {5}


def test_a_version_yaml_reads_as_a_number_is_refused(tmp_path: Path, flexorch: Runner) -> None:
    folder = write_inventory(tmp_path, [("hosts.yaml", HUB, HUB + "    platform_version: 17.10\n")])
    code, out, err = flexorch("--inventory", str(folder), "render")
    assert (code, out) == (2, "")
    [line] = err.splitlines()
    assert "host hub1: data.platform_version" in line
    assert "write the version in quotes ('17.1')" in line


def test_a_version_that_is_no_release_is_refused(tmp_path: Path, flexorch: Runner) -> None:
    folder = write_inventory(tmp_path, [
        ("hosts.yaml", HUB, HUB + "    platform_version: latest\n")])
    code, _, err = flexorch("--inventory", str(folder), "render")
    assert code == 2
    assert "host hub1: data.platform_version" in err and len(err.splitlines()) == 1
