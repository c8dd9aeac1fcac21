"""The shipped example inventory as a lab: routers boot with day-0 only, then carry the rendered
FlexVPN intent and show READY SAs with the fragmentation / SGT / NAT-T their intent asks for."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from netmiko import ConnectHandler

from flexorch.intent import load_fleet
from flexorch.ios.facts import platform
from flexorch.lab.fleet import LabFleet
from flexorch.parse.runner import parse_output
from flexorch.render import render_host
from tests.lab.helpers import copy_inventory

pytestmark = pytest.mark.lab

SA = "show crypto ikev2 sa detailed"


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LabFleet, Path]]:
    repo = Path(__file__).resolve().parents[2]
    inventory = copy_inventory(repo / "inventory", tmp_path_factory.mktemp("inv") / "inventory")
    with LabFleet.start(inventory, state_dir=tmp_path_factory.mktemp("state")) as fleet:
        yield fleet, inventory


def _connect(fleet: LabFleet, name: str) -> ConnectHandler:
    spec = fleet.router(name).spec
    return ConnectHandler(device_type="cisco_ios", host=spec.host, port=spec.port,
                          username=spec.username, password=spec.password, conn_timeout=10)


def test_routers_boot_with_day0_only(example: tuple[LabFleet, Path]) -> None:
    fleet, _ = example
    with _connect(fleet, "hub1") as conn:
        running = conn.send_command("show running-config")
        brief = conn.send_command("show ip interface brief")
        sa = conn.send_command(SA)
    assert "hostname hub1" in running
    assert "crypto ikev2" not in running
    assert "GigabitEthernet1       192.0.2.1" in brief
    assert "READY" not in sa


def test_rendered_intent_gives_ready_sas_with_intended_features(
    example: tuple[LabFleet, Path],
) -> None:
    fleet, inventory = example
    intent = load_fleet(inventory)
    site = [h.name for h in intent.select(site="hub1")]
    for name in site:
        lines = render_host(intent, name).splitlines()
        if name in ("hub1", "h1-frag"):  # over SSH with netmiko, as a rollout pushes
            with _connect(fleet, name) as conn:
                conn.send_config_set(lines, error_pattern=platform.CONFIG_ERROR_PATTERN)
        else:  # the same lines typed into the same config engine, without SSH round trips
            assert fleet.router(name).apply_config(lines) == []
    shown = {name: _records(fleet, name) for name in site}
    hub = shown["hub1"]
    spokes = [name for name in site if name != "hub1"]
    ready_spokes = [s for s in spokes if any(r.status == "READY" for r in shown[s])]
    # what the hub shows and what the spokes show agree, SA for SA
    assert len([r for r in hub if r.status == "READY"]) == len(ready_spokes)
    assert {"h1-gre", "h1-frag", "h1-sgt"} <= set(ready_spokes)
    frag = shown["h1-frag"][0]  # behind NAT, fragmentation in its intent and the hub's
    assert (frag.fragmentation, frag.nat_t, frag.local_port) == ("ietf", "inside", 4500)
    assert frag.fragmentation_mtu is not None
    sgt = shown["h1-sgt"][0]
    assert sgt.sgt == "enabled" and sgt.initiator is True
    gre = shown["h1-gre"][0]
    assert (gre.fragmentation, gre.sgt, gre.nat_t) == ("none", "disabled", "not-detected")
    with _connect(fleet, "hub1") as conn:
        text = conn.send_command(SA)
    assert "IETF Std Fragmentation  enabled." in text
    assert "NAT-T is detected  outside" in text
    assert "Cisco Trust Security SGT is enabled" in text


def _records(fleet: LabFleet, name: str) -> list:  # type: ignore[type-arg]
    with _connect(fleet, name) as conn:
        result = parse_output(SA, conn.send_command(SA))
    assert not result.warnings
    return list(result.records)
