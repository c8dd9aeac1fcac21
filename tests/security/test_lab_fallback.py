"""The lab's secrets are computable by anyone from flexorch's source: an inventory may fall back
on them only when every router of it is on a loopback address (the built-in lab).

The audit's finding: with ``lab_fallback: true``, hosts at real addresses linted clean and got
pre-shared keys and passwords that anyone can compute.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.intent.test_inventory_errors import _line_of, write_inventory
from tests.security.helpers import run, small_inventory


def _remote(folder: Path) -> Path:
    """The inventory-errors tests' small valid fleet, its spoke moved to a real address."""
    return write_inventory(folder, [("hosts.yaml", "  hostname: 127.0.0.1\n  port: 22002",
                                     "  hostname: 192.0.2.70\n  port: 22")])


@pytest.mark.parametrize("command", [["lint"], ["render", "--out", "OUT", "--with-secrets"],
                                     ["plan", "--site", "s1"]])
def test_fallback_with_a_router_off_loopback_is_bad_input(tmp_path: Path,
                                                          command: list[str]) -> None:
    folder = _remote(tmp_path / "inv")
    args = [str(tmp_path / "out") if a == "OUT" else a for a in command]
    done = run(*args, inventory=folder)
    assert done.returncode == 2, done.stdout + done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    line = _line_of((folder / "hosts.yaml").read_text(), "192.0.2.70")
    assert (f"hosts.yaml:{line}: host spoke1: hostname: lab_fallback is on, but hostname "
            "192.0.2.70 is not a loopback address") in done.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_fallback_unused_when_every_secret_is_set(tmp_path: Path) -> None:
    folder = _remote(tmp_path / "inv")
    env = {"T_DEVICE_PASSWORD": "device-password-1", "T_PSK_SPOKE1": "spoke1-psk-0123456789"}
    done = run("render", "--out", str(tmp_path / "out"), "--with-secrets", inventory=folder,
                    env=env)
    assert done.returncode == 0, done.stderr
    assert "spoke1-psk-0123456789" in (tmp_path / "out" / "spoke1.cfg").read_text()


@pytest.mark.parametrize("address", ["127.0.0.1", "::1", "localhost", "127.3.2.1"])
def test_fallback_on_loopback_is_the_lab(tmp_path: Path, address: str) -> None:
    folder = small_inventory(tmp_path / "inv", address=address)
    done = run("render", "--out", str(tmp_path / "out"), "--with-secrets", inventory=folder)
    assert done.returncode == 0, done.stderr
