"""Numbers never accept booleans, flags never accept numbers: for EVERY such field of every intent
model (found by introspecting the models from ``HostIntent`` down), a wrong-kind value is refused
with one line naming the file and line, the host and the intent path.

``every_scalar.yaml`` is one valid host that sets each of those fields; the first test keeps it
complete, so a new numeric field without a case fails here instead of going unchecked.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from walk import scalar_fields, set_fields

from flexorch.errors import InventoryError
from flexorch.intent import load_fleet
from flexorch.intent.errors import format_path
from flexorch.intent.host import HostIntent

FIXTURE = Path(__file__).with_name("every_scalar.yaml")
HOST = "r1"
FIELDS = scalar_fields(HostIntent)
# YAML's wrong kinds: what `cookie_challenge: false` or `nat_force_encap: 1` load as.
WRONG = {"number": (True, False), "flag": (1, 0)}
EXPECTED = {"number": "must be a whole number, got the boolean {}",
            "flag": "must be true or false, got the number {}"}


def _document() -> dict[str, Any]:
    doc: dict[str, Any] = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    return doc


def _where() -> dict[tuple[type, str], tuple[str | int, ...]]:
    """(model, field) -> the first path in the host entry where the fixture sets it."""
    entry = _document()[HOST]
    data = entry["data"]
    flat = {**{k: v for k, v in entry.items() if k != "data"}, **data}
    out: dict[tuple[type, str], tuple[str | int, ...]] = {}
    for cls, name, path in set_fields(HostIntent, flat):
        head: tuple[str | int, ...] = ("data",) if path[0] in data else ()
        out.setdefault((cls, name), (*head, *path))
    return out


WHERE = _where()
CASES = sorted(((cls.__name__, name, kind) for (cls, name), kind in FIELDS.items()))


def test_fixture_sets_every_number_and_flag() -> None:
    missing = sorted(f"{cls.__name__}.{name}" for cls, name in FIELDS if (cls, name) not in WHERE)
    assert not missing, f"every_scalar.yaml does not set: {', '.join(missing)}"
    # the walk found the fields of the main blocks (a broken walk would find nothing)
    assert len(FIELDS) > 100


def test_fixture_is_a_valid_inventory(tmp_path: Path) -> None:
    fleet = load_fleet(_write(tmp_path, _document()))
    host = fleet.hosts[HOST]
    assert host.ikev2.cookie_challenge == 10
    assert host.ikev2_profiles["PROF"].nat_keepalive == 20


def _write(folder: Path, doc: dict[str, Any]) -> Path:
    (folder / "hosts.yaml").write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return folder


def _set(doc: dict[str, Any], path: tuple[str | int, ...], value: object) -> tuple[str | int, ...]:
    """Put ``value`` at ``path`` (into the first element of a list field); the path used."""
    node: Any = doc[HOST]
    for part in path[:-1]:
        node = node[part]
    if isinstance(node[path[-1]], list):
        node[path[-1]][0] = value
        return (*path, 0)
    node[path[-1]] = value
    return path


@pytest.mark.parametrize(("model", "field", "kind"), CASES,
                         ids=[f"{m}.{f}" for m, f, _ in CASES])
def test_wrong_kind_is_refused_with_file_host_and_path(model: str, field: str, kind: str,
                                                       tmp_path: Path) -> None:
    key = next(k for k in FIELDS if k[0].__name__ == model and k[1] == field)
    for wrong in WRONG[kind]:
        doc = copy.deepcopy(_document())
        path = _set(doc, WHERE[key], wrong)
        folder = tmp_path / str(wrong)
        folder.mkdir()
        with pytest.raises(InventoryError) as caught:
            load_fleet(_write(folder, doc))
        err = caught.value
        text = str(err)
        assert "\n" not in text
        assert err.host == HOST
        shown = format_path([p for p in path if p != "data"])
        assert err.path == (f"data.{shown}" if path[0] == "data" else shown), text
        assert EXPECTED[kind].format(str(wrong).lower()) in text, text
        match = re.fullmatch(r".*hosts\.yaml:(\d+)", err.file or "")
        assert match, text
        line = (folder / "hosts.yaml").read_text(encoding="utf-8").splitlines()[
            int(match.group(1)) - 1]
        # the line holds the field's key, or the list element that was changed
        assert (line.strip().startswith("-") if isinstance(path[-1], int)
                else f"{field}:" in line), (line, text)
