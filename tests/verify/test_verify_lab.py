"""verify end to end: the example site configured on the lab, then defects injected through the
lab by hand; verify must name exactly the tunnel and the attribute."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from flexorch.intent import load_fleet
from flexorch.intent.fleet import Fleet
from flexorch.lab.fleet import LabFleet
from flexorch.lab.settings import LabSettings
from flexorch.render import render_host
from flexorch.verify_run import VerifyReport, verify_hosts
from tests.lab.helpers import copy_inventory

pytestmark = pytest.mark.lab
EXAMPLE = Path(__file__).resolve().parents[2] / "inventory"


@pytest.fixture(scope="module")
def inventory(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example fleet on free ports, so a lab someone runs on the shipped ports never clashes."""
    return copy_inventory(EXAMPLE, tmp_path_factory.mktemp("inventory"))


@pytest.fixture(scope="module")
def fleet(inventory: Path) -> Fleet:
    return load_fleet(inventory)


@pytest.fixture(scope="module")
def site(
    fleet: Fleet, inventory: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LabFleet]:
    settings = LabSettings(revert_seconds_per_minute=1, reload_seconds=0.3, login_timeout=10)
    with LabFleet.start(inventory, tmp_path_factory.mktemp("lab"), settings=settings) as lab:
        for host in fleet.select(site="hub1"):
            assert (
                lab.router(host.name).apply_config(render_host(fleet, host.name).splitlines()) == []
            )
        yield lab


def _failures(report: VerifyReport) -> set[tuple[str, str | None, str, str]]:
    return {
        (c.host, c.peer, c.tunnel, c.check) for h in report.hosts for c in h.comparisons if not c.ok
    }


def _names(fleet: Fleet) -> list[str]:
    return [h.name for h in fleet.select(site="hub1")]


def test_configured_site_verifies_clean(site: LabFleet, fleet: Fleet) -> None:
    report = verify_hosts(fleet, _names(fleet), site="hub1")
    assert _failures(report) == set()
    assert all(h.verdict == "ok" for h in report.hosts)
    hub = next(h for h in report.hosts if h.host == "hub1")
    # one READY SA per spoke of the site on the hub
    ready = {c.peer for c in hub.comparisons if c.check == "status" and c.ok}
    assert ready == {"h1-gre", "h1-ipsec", "h1-v6", "h1-mixed", "h1-frag", "h1-sgt", "h1-cert"}
    frag = next(c for c in hub.comparisons if c.peer == "h1-frag" and c.check == "fragmentation")
    assert frag.observed.startswith("ietf")
    sgt = next(c for c in hub.comparisons if c.peer == "h1-sgt" and c.check == "sgt")
    assert sgt.observed == "enabled"


def test_wrong_psk_on_one_spoke_names_that_tunnel_only(site: LabFleet, fleet: Fleet) -> None:
    spoke = site.router("h1-gre")
    before = spoke.running_config()
    assert (
        spoke.apply_config(
            [
                "crypto ikev2 keyring FLEX_KEYS",
                " peer hub1",
                "  pre-shared-key not-the-right-key-at-all-123",
            ]
        )
        == []
    )
    try:
        report = verify_hosts(fleet, _names(fleet), site="hub1")
        failures = _failures(report)
        assert ("h1-gre", "hub1", "Tunnel0", "status") in failures
        assert {f[0] for f in failures} <= {"h1-gre", "hub1"}
        assert {f[3] for f in failures} == {"status"}
        hub_failures = {f for f in failures if f[0] == "hub1"}
        assert {f[1] for f in hub_failures} == {"h1-gre"}
        # The cause: the negotiation model on both ends' running configs.
        status = next(c for h in report.hosts for c in h.comparisons
                      if (c.host, c.check) == ("h1-gre", "status") and not c.ok)
        assert status.message.startswith("AUTH_FAILED at ")
        assert status.message.endswith("(predicted from the running configs)")
    finally:
        _restore(spoke, before)


def test_fragmentation_removed_on_hub_names_the_fragmentation_tunnel(
    site: LabFleet, fleet: Fleet
) -> None:
    hub = site.router("hub1")
    before = hub.running_config()
    assert "crypto ikev2 fragmentation" in before
    assert hub.apply_config(["no crypto ikev2 fragmentation"]) == []
    try:
        report = verify_hosts(fleet, _names(fleet), site="hub1")
        failures = _failures(report)
        assert failures  # something must be named
        assert {f[3] for f in failures} == {"fragmentation"}
        assert {(f[0], f[1]) for f in failures} == {("hub1", "h1-frag"), ("h1-frag", "hub1")}
    finally:
        _restore(hub, before)


def test_sgt_removed_on_one_spoke_names_that_tunnel_sgt(site: LabFleet, fleet: Fleet) -> None:
    spoke = site.router("h1-sgt")
    before = spoke.running_config()
    assert "crypto ikev2 cts sgt" in before
    assert spoke.apply_config(["no crypto ikev2 cts sgt"]) == []
    try:
        report = verify_hosts(fleet, _names(fleet), site="hub1")
        failures = _failures(report)
        assert {f[3] for f in failures} == {"sgt"}
        assert {(f[0], f[1]) for f in failures} == {("hub1", "h1-sgt"), ("h1-sgt", "hub1")}
    finally:
        _restore(spoke, before)


def test_cli_json_and_exit_codes(site: LabFleet, inventory: Path) -> None:
    env = {**os.environ, "FLEXORCH_INVENTORY": str(inventory)}
    ok = subprocess.run(
        [sys.executable, "-m", "flexorch", "verify", "--site", "hub1", "-f", "json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    document = json.loads(ok.stdout)
    assert document["ok"] is True
    assert document["summary"]["hosts"] == 8

    site.router("h1-cert").set_fault("auth-refuse")
    try:
        bad = subprocess.run(
            [sys.executable, "-m", "flexorch", "verify", "--site", "hub1", "-f", "junit"],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
    finally:
        site.router("h1-cert").clear_faults()
    assert bad.returncode == 1
    assert '<testcase classname="h1-cert" name="connect"' in bad.stdout
    assert "authentication failed" in bad.stdout
    assert "Traceback" not in bad.stderr


def test_cli_refuses_unknown_site_with_exit_2(inventory: Path) -> None:
    env = {**os.environ, "FLEXORCH_INVENTORY": str(inventory)}
    out = subprocess.run(
        [sys.executable, "-m", "flexorch", "verify", "--site", "nowhere"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert out.returncode == 2
    assert "unknown site 'nowhere'" in out.stderr
    assert "Traceback" not in out.stderr


def _restore(router: object, running: str) -> None:
    """Put the router back as it was: replace the running config with the saved text."""
    from flexorch.lab.fleet import RouterHandle

    assert isinstance(router, RouterHandle)
    current = router.running_config()
    if current != running:
        router.call(lambda r: r.state.replace_running(running, "test"))
