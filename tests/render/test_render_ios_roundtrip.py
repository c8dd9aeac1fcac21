"""Rendered configs are what IOS would accept and show: fed line by line into the IOS config
engine (flexorch.ios.config.engine), every line is accepted, and ``show running-config`` of the
result prints the rendered text back, line for line and in the same order (so a plan computed right
after a push is empty). No line is exempt: access lists and VRF address families included
(``!`` separator lines are not config and are not compared)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from flexorch.intent import Fleet, load_fleet
from flexorch.ios.config import ConfigTree, apply_lines, show_running
from flexorch.render import render_full
from flexorch.secrets import mask

ROOT = Path(__file__).resolve().parents[2]
_TYPED_SECRET = re.compile(r"(secret|password|key|pre-shared-key(?: local| remote)?) [0-9] \*{6}")


@pytest.fixture(scope="module")
def fleet() -> Fleet:
    return load_fleet(ROOT / "inventory")


def _config_lines(text: str) -> list[str]:
    out = []
    for line in mask(text).splitlines():
        body = line.strip()
        if not body or body.startswith("!") or body == "end":
            continue
        if line.startswith(("Building configuration", "Current configuration")):
            continue
        # IOS stores some secrets hashed or encrypted and shows their type digit (`secret 9`).
        out.append(_TYPED_SECRET.sub(r"\1 ******", line.rstrip()))
    return out


@pytest.mark.parametrize("name", list(load_fleet(ROOT / "inventory").hosts))
def test_engine_accepts_and_shows_the_same_config(fleet: Fleet, name: str) -> None:
    text = render_full(fleet, name)
    tree = ConfigTree()
    errors = apply_lines(
        tree, text.splitlines(), physical_interfaces=list(fleet.hosts[name].interfaces)
    )
    assert errors == []
    shown = show_running(tree)
    # the username secret is hashed by IOS (type 9): both sides masked
    assert _config_lines(shown) == _config_lines(text)
