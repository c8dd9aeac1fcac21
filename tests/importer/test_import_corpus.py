"""Round trip on real configs: each source group of the corpus (tests/fixtures/real/<group>) and
the example fleet, imported, renders back the managed sections of every router.

The proof does not use the importer's own check: the written inventory is loaded by
``load_fleet``, rendered with its secrets resolved from the files import wrote, and planned
against the router's config by plan's own ``remediate``: no line to send. Also drift's view of
the same comparison is clean, and the topology found is the one the sources describe
(SOURCES.md of each group).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from flexorch.drift.config import config_drift
from flexorch.importer.run import Options, import_files
from flexorch.intent import load_fleet
from flexorch.plan.remediate import remediate
from flexorch.render import render_full, render_host

ROOT = Path(__file__).resolve().parents[2]
GROUPS = sorted({p.parent for p in (ROOT / "tests/fixtures/real").glob("*/*.cfg")})
# group -> why its round trip does not hold (none today: a new corpus group that does not round
# trip must be listed here with its reason, or fixed)
EXCEPTIONS: dict[str, str] = {}


def test_the_corpus_has_groups() -> None:
    assert len(GROUPS) >= 20


def _round_trip(files: list[Path], out: Path) -> None:
    result = import_files(files, Options(out, lab_base_port=20001))
    assert result.unexpressed == []
    assert result.written
    fleet = load_fleet(out)
    by_source = {host["source"]: name for name, host in result.hosts.items()}
    assert sorted(by_source) == sorted(str(f) for f in files)
    for path in files:
        name = by_source[str(path)]
        text = path.read_text(errors="replace")
        intended = render_host(fleet, name)
        plan = remediate(text, intended)
        assert plan.lines == (), (name, plan.lines)
        assert config_drift(text, intended).clean, name


@pytest.mark.parametrize("group", GROUPS, ids=lambda g: g.name)
def test_a_corpus_group_round_trips(group: Path, tmp_path: Path) -> None:
    if group.name in EXCEPTIONS:
        pytest.xfail(EXCEPTIONS[group.name])
    _round_trip(sorted(group.glob("*.cfg")), tmp_path / "fleet")


def test_the_example_fleet_round_trips_with_its_topology(tmp_path: Path) -> None:
    example = load_fleet(ROOT / "inventory")
    configs = tmp_path / "configs"
    configs.mkdir()
    files = []
    for name in example.hosts:
        path = configs / f"{name}.cfg"
        path.write_text(render_full(example, name), encoding="utf-8")
        files.append(path)
    _round_trip(files, tmp_path / "fleet")
    imported = load_fleet(tmp_path / "fleet")
    for name, host in example.hosts.items():
        again = imported.hosts[name]
        assert (again.site, again.role, again.hubs) == (host.site, host.role, host.hubs)


# What the sources say about their topology (SOURCES.md): hubs, and each spoke's hubs in order.
TOPOLOGY = {
    "gh-fuatanshori-dmvpn-dualhub-ikev2": {
        "HUB-1": [], "HUB-2": [], "SPOKE-1": ["HUB-1", "HUB-2"], "SPOKE-2": ["HUB-1", "HUB-2"],
        "SPOKE-3": ["HUB-1", "HUB-2"], "SPOKE-4": ["HUB-1", "HUB-2"]},
    "gh-jclarkson-ikev2-dmvpn-ivrf": {"HUB": [], "SPOKE-1": ["HUB"], "SPOKE-2": ["HUB"]},
    "gh-skydevil-final-dmvpn-dualcloud": {
        "Cisco-Hub2": [], "Cisco-Spoke4": ["Cisco-Hub2"], "Cisco-Spoke5": ["Cisco-Hub2"]},
}


@pytest.mark.parametrize("group", sorted(TOPOLOGY))
def test_hubs_and_spokes_are_found(group: str, tmp_path: Path) -> None:
    files = sorted((ROOT / "tests/fixtures/real" / group).glob("*.cfg"))
    result = import_files(files, Options(tmp_path / "fleet"))
    found = {name: result.hubs.get(name, []) for name in result.hosts}
    assert found == TOPOLOGY[group]
    roles = {name: host["role"] for name, host in result.hosts.items()}
    assert roles == {name: "spoke" if hubs else "hub" for name, hubs in TOPOLOGY[group].items()}
    assert len(result.sites) == 1
