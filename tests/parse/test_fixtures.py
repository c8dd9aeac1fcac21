"""Parser fixtures the ntc-templates way: ``tests/fixtures/parsers/<command>/<case>.raw`` plus a
hand-written ``<case>.yml`` (source real|derived, expected records, expected warnings).

A new case is two files and no code (``command:`` in the ``.yml`` when the folder name is not
the command as typed, e.g. with an object name). In a ``.yml`` a record lists the fields the
router printed;
a field left out is expected at its "not printed" value (null, empty list, ``false`` for
``vrf_truncated`` and ``volume_rekey_disabled``), so every field of every record is checked.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
import yaml

from flexorch.parse.runner import parse_output

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "parsers"
CASES = sorted(FIXTURES.glob("*/*.raw"))
FALSE_FIELDS = {"vrf_truncated", "volume_rekey_disabled"}


def command_of_folder(name: str) -> str:
    """``show_crypto_ipsec_transform_set`` -> ``show crypto ipsec transform-set``."""
    return name.replace("_", " ").replace("transform set", "transform-set")


def _absent(key: str, actual: Any) -> Any:
    """The "not printed" value of a field: an empty list for list fields, else null/false."""
    if isinstance(actual, list):
        return []
    return False if key in FALSE_FIELDS else None


def _assert_matches(actual: dict[str, Any], expected: dict[str, Any], where: str) -> None:
    unknown = set(expected) - set(actual)
    assert not unknown, f"{where}: .yml names fields the record does not have: {unknown}"
    for key, value in actual.items():
        want = expected.get(key, _absent(key, value))
        if isinstance(value, list) and want and isinstance(want[0], dict):
            assert len(value) == len(want), f"{where}.{key}: {len(value)} items, want {len(want)}"
            for index, (got_item, want_item) in enumerate(zip(value, want, strict=True)):
                _assert_matches(got_item, want_item, f"{where}.{key}[{index}]")
        else:
            assert value == want, f"{where}.{key}: got {value!r}, want {want!r}"


def test_every_fixture_has_an_expectation() -> None:
    assert len(CASES) >= 30
    missing = [raw.name for raw in CASES if not raw.with_suffix(".yml").is_file()]
    assert not missing


@pytest.mark.parametrize("raw", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_fixture(raw: Path) -> None:
    spec = yaml.safe_load(raw.with_suffix(".yml").read_text(encoding="utf-8"))
    assert spec["source"] in ("real", "derived")
    assert spec.get("note"), "every case says what it covers"
    command = spec.get("command") or command_of_folder(raw.parent.name)
    result = parse_output(command, raw.read_text(encoding="utf-8"))

    records = [record.to_json() for record in result.records]
    assert len(records) == len(spec["records"]), [str(w) for w in result.warnings]
    for index, (got, want) in enumerate(zip(records, spec["records"], strict=True)):
        _assert_matches(got, want, f"record[{index}]")

    expected_warnings = spec.get("warnings") or []
    assert len(result.warnings) == len(expected_warnings), [str(w) for w in result.warnings]
    for warning, want in zip(result.warnings, expected_warnings, strict=True):
        assert warning.line == want["line"], str(warning)
        assert want["contains"] in str(warning), str(warning)


def test_real_fixtures_are_byte_copies_of_the_shared_ones() -> None:
    # SHARED_SOURCES.sha256 was written with `sha256sum` over the team's shared originals
    # (/work/shared/fixtures/real-device-output), so the copies are checked on any machine;
    # where the originals exist they are checked against the manifest too.
    manifest = FIXTURES / "SHARED_SOURCES.sha256"
    recorded = dict(line.split(maxsplit=1)[::-1] for line in manifest.read_text().splitlines())
    assert len(recorded) == 8
    ours = {hashlib.sha256(raw.read_bytes()).hexdigest() for raw in CASES}
    for name, digest in recorded.items():
        assert digest in ours, f"{name} is not copied byte for byte"
    shared = Path("/work/shared/fixtures/real-device-output")
    for name, digest in recorded.items():
        original = shared / name
        if original.is_file():
            assert hashlib.sha256(original.read_bytes()).hexdigest() == digest, name
