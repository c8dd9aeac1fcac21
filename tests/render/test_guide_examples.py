"""Every configuration example of the FlexVPN guide, expressed as intent, renders to the same
configuration (compared hierarchy-aware, see guide_compare.py for the normalisation rules).

Each case is two files under guide/: ``<case>.yaml`` (the section, the guide lines copied, errata,
secret values the guide shows in clear, and the intent) and ``<case>.cfg`` (the guide's text,
copied verbatim). Syntax placeholders (``session-lifetime 120-25920000``, ``window 1-200``, ...)
and show/debug commands are not configuration and have no case; they are listed in guide/README.md.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from guide_compare import apply_errata, children_paths, indent_guide, paths

from flexorch.intent import load_fleet
from flexorch.render import render_host

HERE = Path(__file__).resolve().parent / "guide"
CASES = sorted(p.stem for p in HERE.glob("*.yaml"))
GUIDE = Path(os.environ.get("FLEXORCH_GUIDE", "/work/shared/reference/flexvpn-guide.txt"))


def _spec(case: str) -> dict[str, Any]:
    spec: dict[str, Any] = yaml.safe_load((HERE / f"{case}.yaml").read_text(encoding="utf-8"))
    return spec


def _inventory(tmp: Path, data: dict[str, Any]) -> Path:
    hosts = {"guide": {"hostname": "127.0.0.1", "port": 22, "data": data}}
    defaults = {
        "data": {
            "site": "guide",
            "role": "hub",
            "credentials": {"username": "u", "password": {"env": "GUIDE_UNUSED"}},
        }
    }
    (tmp / "hosts.yaml").write_text(yaml.safe_dump(hosts), encoding="utf-8")
    (tmp / "defaults.yaml").write_text(yaml.safe_dump(defaults), encoding="utf-8")
    return tmp


def test_there_is_a_case_per_guide_example() -> None:
    # 46 configuration examples of the guide (README.md lists what is not configuration).
    assert len(CASES) == 46


@pytest.mark.parametrize("case", CASES)
def test_guide_example_round_trips(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = _spec(case)
    for name, value in (spec.get("env") or {}).items():
        monkeypatch.setenv(name, value)
    fleet = load_fleet(_inventory(tmp_path, spec["data"]))
    rendered = render_host(fleet, "guide").splitlines()
    guide_text = apply_errata(
        (HERE / f"{case}.cfg").read_text(encoding="utf-8"), spec.get("errata") or []
    )
    parent = spec.get("children_of")
    if parent:
        expected = children_paths(indent_guide(f"{parent}X\n{guide_text}"), parent)
        got = children_paths(rendered, parent)
    else:
        expected = paths(indent_guide(guide_text))
        got = paths(rendered)
    missing, extra = expected - got, got - expected
    assert not missing and not extra, (
        f"missing from render: {sorted(missing)}; extra: {sorted(extra)}"
    )


def _guide_lines_digests() -> dict[str, str]:
    # GUIDE_LINES.sha256 holds, per case, the sha256 of the guide's non-blank lines in the case's
    # `guide_lines` ranges, computed from the guide itself; it lets a checkout without the guide
    # still prove the copies verbatim, and a checkout with it re-derives every digest.
    text = (HERE / "GUIDE_LINES.sha256").read_text(encoding="utf-8")
    return {case: digest for digest, case in (line.split() for line in text.splitlines())}


@pytest.mark.parametrize("case", CASES)
def test_case_text_is_verbatim_from_the_guide(case: str) -> None:
    copied = [
        line
        for line in (HERE / f"{case}.cfg").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    recorded = _guide_lines_digests()[case]
    assert hashlib.sha256("\n".join(copied).encode()).hexdigest() == recorded
    if GUIDE.is_file():
        guide = GUIDE.read_text(encoding="utf-8").splitlines()
        expected: list[str] = []
        for first, last in _spec(case)["guide_lines"]:
            expected.extend(line for line in guide[first - 1 : last] if line.strip())
        assert copied == expected
