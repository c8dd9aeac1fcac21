"""Fuzzing the inventory: whatever text an inventory field holds, the rendered config never has a
line the intent did not ask for, and never a control or non-ASCII character.

Each case puts a drawn value into one field of a small valid fleet (a hub and a spoke) and
loads it. Either the inventory is refused as bad input (InventoryError, nothing else), or the
configs render and, line for line, equal the configs rendered with a plain value in that field,
with only that value changed. Runs derandomized in CI (tests/conftest.py profiles).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flexorch.errors import InventoryError
from flexorch.intent import load_fleet
from flexorch.render import render_full
from tests.intent.test_inventory_errors import FILES

BASE = "Qzbase"
SECRET_BASE = "Xk-psk-base-1"
# (field, file, text in the base inventory, the same text with {V} where the value goes)
FIELDS = {
    "interface description": [("hosts.yaml", "{description: WAN,", "{description: {V},")],
    "tunnel description": [("hosts.yaml", "description: to hub1", "description: {V}")],
    "proposal name": [("groups.yaml", "      P1:\n", "      {V}:\n")],
    "identity domain": [("groups.yaml", "identity_domain: s1.example",
                         "identity_domain: {V}")],
    "profile name": [("groups.yaml", "profile: FLEX", "profile: {V}"),
                     ("groups.yaml", "      FLEX:\n", "      {V}:\n"),
                     ("hosts.yaml", "      FLEX:\n", "      {V}:\n")],
    "keyring name": [("groups.yaml", "keyring: KEYS", "keyring: {V}")],
    "router name": [("hosts.yaml", "spoke1:\n", "{V}:\n")],
    "user name": [("defaults.yaml", "username: admin", "username: {V}")],
}
# what breaks lines, hides text or smuggles a digit, and anything else Unicode has
NASTY = list("\n\r\t\x0b\x0c\x1b\x7f\x85\u2028\u2029\u202e\ufeff\u0661\u00e9 ?\"'#:{}[],&*!|>%@`\\")
SUFFIX = st.text(alphabet=st.one_of(st.sampled_from(NASTY), st.characters(codec="ascii"),
                                    st.characters(exclude_categories=("Cs",))), max_size=12)


def _inventory(folder: Path, field: str, value: str) -> Path:
    texts = dict(FILES)
    quoted = json.dumps(value)  # a JSON string is a YAML double-quoted scalar
    for file, old, new in FIELDS[field]:
        assert texts[file].count(old) >= 1, (field, old)
        texts[file] = texts[file].replace(old, new.replace("{V}", quoted))
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _render(field: str, value: str, psk: str = SECRET_BASE) -> list[str] | None:
    """The two routers' full configs, one list of lines; None when the inventory is refused."""
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["T_PSK_SPOKE1"] = psk
        try:
            fleet = load_fleet(_inventory(Path(tmp), field, value))
            return [line for name in fleet.hosts for line in
                    render_full(fleet, name).splitlines()]
        except InventoryError:
            return None
        finally:
            del os.environ["T_PSK_SPOKE1"]


def _check(expected: list[str], got: list[str], base: str, value: str) -> None:
    assert len(got) == len(expected), "a line was added or removed"
    for want, line in zip(expected, got, strict=True):
        assert line == want.replace(base, value), (want, line)
        assert all(" " <= char <= "~" for char in line), line


@pytest.mark.parametrize("field", sorted(FIELDS))
@settings(max_examples=40)
@given(suffix=SUFFIX)
def test_a_field_never_adds_a_line_or_a_control_character(field: str, suffix: str) -> None:
    expected = _render(field, BASE)
    assert expected is not None
    value = "Qz" + suffix
    got = _render(field, value)
    if got is not None:
        _check(expected, got, BASE, value)


@settings(max_examples=60)
@given(suffix=SUFFIX.filter(lambda s: "\x00" not in s))  # an environment value has no NUL
def test_a_secret_value_never_adds_a_line_or_a_control_character(suffix: str) -> None:
    expected = _render("tunnel description", "to hub1")
    assert expected is not None
    value = SECRET_BASE + suffix
    got = _render("tunnel description", "to hub1", psk=value)
    if got is not None:
        _check(expected, got, SECRET_BASE, value)
