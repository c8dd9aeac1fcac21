"""``nat:`` of a host: validated, used by render, and the old ``lab:`` spelling refused with the
new one (through the real CLI entry point, as tests/intent/test_inventory_errors.py does)."""

from __future__ import annotations

from pathlib import Path

import pytest

from flexorch.intent import Nat
from tests.intent.test_inventory_errors import Runner, flexorch, write_inventory

__all__ = ["flexorch"]  # the fixture, used by name below

HUB_DATA = "    role: hub\n"


def _line_of(folder: Path, file: str, needle: str) -> int:
    text = (folder / file).read_text(encoding="utf-8")
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_old_lab_nat_keys_are_refused_with_the_new_spelling(tmp_path: Path,
                                                           flexorch: Runner) -> None:
    folder = write_inventory(tmp_path, [
        ("hosts.yaml", HUB_DATA,
         HUB_DATA + "    lab: {behind_nat: true, nat_address: 203.0.113.7}\n"),
    ])
    code, out, err = flexorch("--inventory", str(folder), "render")
    assert (code, out) == (2, "")
    [line] = err.splitlines()
    where = _line_of(folder, "hosts.yaml", "lab: {behind_nat")
    assert line.startswith(f"flexorch: error: {folder / 'hosts.yaml'}:{where}: host hub1: data.lab")
    assert "behind_nat and nat_address moved out of lab:" in line
    assert "write nat: {behind: true, public_address: 203.0.113.7} instead" in line


def test_public_address_without_nat_is_bad_input(tmp_path: Path, flexorch: Runner) -> None:
    folder = write_inventory(tmp_path, [
        ("hosts.yaml", HUB_DATA, HUB_DATA + "    nat: {public_address: 203.0.113.7}\n"),
    ])
    code, _, err = flexorch("--inventory", str(folder), "render")
    assert code == 2
    [line] = err.splitlines()
    assert "host hub1: data.nat" in line
    assert "public_address is set but behind is false" in line


def test_unknown_nat_key_names_the_allowed_ones(tmp_path: Path, flexorch: Runner) -> None:
    folder = write_inventory(tmp_path, [
        ("hosts.yaml", HUB_DATA, HUB_DATA + "    nat: {behind: true, public: 203.0.113.7}\n"),
    ])
    code, _, err = flexorch("--inventory", str(folder), "render")
    assert code == 2
    assert "data.nat" in err and "unknown key 'public'" in err


def test_hub_behind_nat_is_matched_by_its_public_address(tmp_path: Path,
                                                         flexorch: Runner) -> None:
    # Without an FQDN identity a spoke recognises its hub by the address the hub's packets come
    # from: behind NAT that is the public address, not the hub's own WAN address.
    edits = [("groups.yaml", "      identity_domain: s1.example\n", "")]
    plain = write_inventory(tmp_path / "plain", edits)
    code, out, _ = flexorch("--inventory", str(plain), "render", "--host", "spoke1")
    assert code == 0
    assert " match identity remote address 192.0.2.1\n" in out
    natted = write_inventory(tmp_path / "nat", [
        *edits, ("hosts.yaml", HUB_DATA, HUB_DATA + "    nat: {behind: true, public_address: "
                 "203.0.113.7}\n")])
    code, out, _ = flexorch("--inventory", str(natted), "render", "--host", "spoke1")
    assert code == 0
    assert " match identity remote address 203.0.113.7\n" in out


def test_spokes_dial_a_hub_behind_nat_at_its_public_address(tmp_path: Path,
                                                            flexorch: Runner) -> None:
    # Outside the NAT the hub exists only as its public address: the spoke's tunnel
    # destination and the keyring peer it looks up the key by must be that address.
    plain = write_inventory(tmp_path / "plain", [])
    code, out, _ = flexorch("--inventory", str(plain), "render", "--host", "spoke1")
    assert code == 0
    assert " tunnel destination 192.0.2.1\n" in out
    assert "  address 192.0.2.1\n" in out
    natted = write_inventory(tmp_path / "nat", [
        ("hosts.yaml", HUB_DATA, HUB_DATA + "    nat: {behind: true, public_address: "
         "203.0.113.7}\n")])
    code, out, _ = flexorch("--inventory", str(natted), "render", "--host", "spoke1")
    assert code == 0
    assert " tunnel destination 203.0.113.7\n" in out
    assert "  address 203.0.113.7\n" in out
    assert "192.0.2.1" not in out


@pytest.mark.parametrize(("nat", "text"), [
    (Nat(), None),
    (Nat(behind=True), None),
    (Nat(behind=True, public_address="203.0.113.7"), "203.0.113.7"),  # type: ignore[arg-type]
])
def test_public_text(nat: Nat, text: str | None) -> None:
    assert nat.public_text() == text
