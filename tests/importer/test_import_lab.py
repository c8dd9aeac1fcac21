"""The round trip on the lab: the example fleet configured on the lab routers (as a rollout
leaves them), read back with ``flexorch import --from-devices`` from an inventory that only
says how to reach them, and then ``flexorch plan`` and ``flexorch drift`` on the imported
inventory: nothing to change, nothing drifted, for every router. The real CLI, the real SSH
sessions of flexorch's device layer, the lab's routers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from flexorch.intent.fleet import Fleet
from flexorch.lab.fleet import LabFleet
from tests.drift.lab import configured_lab, copy_inventory, flexorch, load_fleet

pytestmark = pytest.mark.lab


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_inventory(tmp_path_factory.mktemp("import") / "example")


@pytest.fixture(scope="module")
def fleet(example: Path) -> Fleet:
    return load_fleet(example)


@pytest.fixture(scope="module")
def lab(example: Path, fleet: Fleet, tmp_path_factory: pytest.TempPathFactory
        ) -> Iterator[LabFleet]:
    with configured_lab(example, fleet, tmp_path_factory.mktemp("lab"), fleet.sites()) as lab:
        yield lab


def _connections(folder: Path, fleet: Fleet) -> Path:
    """An inventory with how to reach each router and nothing else (but the NAT in front of
    one, which its config cannot tell)."""
    folder.mkdir()
    hosts = {name: {"hostname": h.hostname, "port": h.port} for name, h in fleet.hosts.items()}
    for name, host in fleet.hosts.items():
        if host.nat.behind:
            hosts[name]["data"] = {"nat": host.nat.model_dump(mode="json")}
    defaults = {"data": {"secrets": {"lab_fallback": True},
                         "credentials": {"username": "flexorch",
                                         "password": {"env": "FLEXORCH_DEVICE_PASSWORD"}}}}
    (folder / "hosts.yaml").write_text(yaml.safe_dump(hosts), encoding="utf-8")
    (folder / "defaults.yaml").write_text(yaml.safe_dump(defaults), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def imported(lab: LabFleet, fleet: Fleet, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("imported")
    done = flexorch(_connections(root / "connections", fleet), "import", "--from-devices",
                    "--out", str(root / "fleet"), "-f", "json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert sorted(report["hosts"]) == sorted(fleet.hosts)
    assert sorted(report["sites"]) == sorted(fleet.sites())
    return root / "fleet"


def test_the_topology_comes_back(imported: Path, fleet: Fleet) -> None:
    again = load_fleet(imported)
    for name, host in fleet.hosts.items():
        assert (again.hosts[name].site, again.hosts[name].role, again.hosts[name].hubs) == (
            host.site, host.role, host.hubs), name
        assert (again.hosts[name].hostname, again.hosts[name].port) == (host.hostname, host.port)


@pytest.mark.parametrize("site", ["hub1", "hub2"])
def test_plan_has_nothing_to_change(imported: Path, fleet: Fleet, site: str) -> None:
    hosts = [arg for h in fleet.select(site=site) for arg in ("--host", h.name)]
    done = flexorch(imported, "plan", *hosts, "-f", "json")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr
    plan = json.loads(done.stdout)
    assert {h["host"]: h["status"] for h in plan["hosts"]} == {
        h.name: "no-changes" for h in fleet.select(site=site)}


@pytest.mark.parametrize("site", ["hub1", "hub2"])
def test_drift_is_clean(imported: Path, fleet: Fleet, site: str) -> None:
    hosts = [arg for h in fleet.select(site=site) for arg in ("--host", h.name)]
    done = flexorch(imported, "drift", *hosts, "-f", "json")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr
