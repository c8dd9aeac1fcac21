"""The lab behind its contract: an optional extra, its own ``lab:`` settings, NAT read from
``nat:`` like the rest of flexorch does."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest
from netmiko import ConnectHandler

from flexorch.lab.fleet import LabFleet
from flexorch.lab.inventory import specs_from_inventory
from flexorch.parse.runner import parse_output
from tests.lab.helpers import copy_inventory, free_ports

REPO = Path(__file__).resolve().parents[2]

# Runs the real CLI entry point in a Python where asyncssh cannot be imported, as after a plain
# `pip install flexorch` (an import hook refuses it; everything else is the installed flexorch).
WITHOUT_ASYNCSSH = """
import sys

class NoAsyncssh:
    def find_spec(self, name, path=None, target=None):
        if name == "asyncssh" or name.startswith("asyncssh."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, NoAsyncssh())
from flexorch.cli import main
sys.argv = ["flexorch", *sys.argv[1:]]
main()
"""


def _without_asyncssh(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", WITHOUT_ASYNCSSH, *args], capture_output=True,
                          text=True, timeout=60, check=False)


def test_lab_up_without_the_extra_says_what_to_install(tmp_path: Path) -> None:
    state = tmp_path / "labstate"
    up = _without_asyncssh("-i", str(REPO / "inventory"), "lab", "up", "--state-dir", str(state))
    assert up.returncode == 2
    assert up.stdout == ""
    assert up.stderr.splitlines() == [
        "flexorch: error: the built-in lab needs asyncssh, which is not installed: "
        "pip install 'flexorch[lab]'"]
    assert not (state / "lab.json").exists()
    # The rest of the lab command (the control client) does not need the extra.
    status = _without_asyncssh("lab", "status", "--state-dir", str(state))
    assert status.returncode == 1
    assert "Traceback" not in status.stderr
    # Nor does the product: lint runs the negotiation model without any lab module.
    lint = _without_asyncssh("-i", str(REPO / "inventory"), "lint", "--site", "hub1")
    assert lint.returncode == 0, lint.stderr


@pytest.mark.lab
def test_lab_settings_and_nat_come_from_the_inventory(tmp_path: Path) -> None:
    inventory = copy_inventory(REPO / "inventory", tmp_path / "inventory")
    hosts = inventory / "hosts.yaml"
    text = hosts.read_text(encoding="utf-8")
    nat = "    nat: {behind: true, public_address: 203.0.113.16}\n"
    assert text.count(nat) == 1
    hosts.write_text(text.replace(nat, nat + "    lab: {ios_version: 17.6.5}\n"),
                     encoding="utf-8")
    specs = {s.name: s for s in specs_from_inventory(inventory)}
    frag, gre = specs["h1-frag"], specs["h1-gre"]
    assert (frag.behind_nat, frag.nat_address, frag.ios_version) == (True, "203.0.113.16",
                                                                      "17.6.5")
    assert (gre.behind_nat, gre.nat_address, gre.ios_version) == (False, None, None)

    chosen = [dataclasses.replace(s, port=p) for s, p in zip((frag, gre), free_ports(2),
                                                              strict=True)]
    with LabFleet.start(specs=chosen) as lab:
        versions = {}
        for spec in chosen:
            with ConnectHandler(device_type="cisco_ios", host="127.0.0.1", port=spec.port,
                                username=spec.username, password=spec.password,
                                conn_timeout=10) as conn:
                text = conn.send_command("show version")
            [record] = parse_output("show version", text).records
            versions[spec.name] = record.version  # type: ignore[attr-defined]
        assert lab.names() == ["h1-frag", "h1-gre"]
    assert versions == {"h1-frag": "17.6.5", "h1-gre": "17.9.4a"}
