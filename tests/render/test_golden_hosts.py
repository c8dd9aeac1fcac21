"""The shipped example fleet renders exactly to the golden config of each host (secrets masked).

Refresh after an intended change with ``pytest tests/render --update-golden`` and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from flexorch.intent import Fleet, load_fleet
from flexorch.render import render_full
from flexorch.secrets import MASK, mask

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture(scope="module")
def fleet() -> Fleet:
    return load_fleet(ROOT / "inventory")


def _hosts() -> list[str]:
    return list(load_fleet(ROOT / "inventory").hosts)


@pytest.mark.parametrize("name", _hosts())
def test_host_matches_golden(fleet: Fleet, name: str, request: pytest.FixtureRequest) -> None:
    text = mask(render_full(fleet, name, reveal=False))
    path = GOLDEN / f"{name}.cfg"
    if request.config.getoption("--update-golden"):
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"no golden file for {name}: run pytest --update-golden"
    assert text == path.read_text(encoding="utf-8")


def test_golden_files_hold_no_secret(fleet: Fleet) -> None:
    # Every secret of the fleet, resolved the way a push would (lab values), is absent.
    from flexorch.render import secret_paths

    values = {
        fleet.resolve(ref, host.name, path)
        for host in fleet.hosts.values()
        for path, ref in secret_paths(host)
    }
    assert len(values) >= 10
    for golden in GOLDEN.glob("*.cfg"):
        text = golden.read_text(encoding="utf-8")
        assert not any(value in text for value in values), golden.name
        assert MASK in text


def test_no_golden_file_without_a_host(fleet: Fleet) -> None:
    assert sorted(p.stem for p in GOLDEN.glob("*.cfg")) == sorted(fleet.hosts)
