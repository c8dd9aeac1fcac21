"""``flexorch lab up|status|fault|down`` as a user runs them: a background lab process."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from netmiko import ConnectHandler
from netmiko.exceptions import NetmikoAuthenticationException

from flexorch.lab.inventory import specs_from_inventory
from tests.lab.helpers import copy_inventory

pytestmark = pytest.mark.lab


def flexorch(*args: str, inventory: Path | None = None) -> subprocess.CompletedProcess[str]:
    head = [sys.executable, "-m", "flexorch"] + (["-i", str(inventory)] if inventory else [])
    command = [*head, *args]
    return subprocess.run(command, check=False, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def inventory(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = Path(__file__).resolve().parents[2]
    return copy_inventory(repo / "inventory", tmp_path_factory.mktemp("cli") / "inventory")


@pytest.fixture
def state(tmp_path: Path, inventory: Path) -> Iterator[Path]:
    folder = tmp_path / "labstate"
    yield folder
    flexorch("lab", "down", "--state-dir", str(folder))


def _connect(inventory: Path, name: str) -> ConnectHandler:
    spec = next(s for s in specs_from_inventory(inventory) if s.name == name)
    return ConnectHandler(device_type="cisco_ios", host="127.0.0.1", port=spec.port,
                          username=spec.username, password=spec.password, conn_timeout=10)


def test_up_status_fault_down_up(inventory: Path, state: Path) -> None:
    up = flexorch("lab", "up", "--state-dir", str(state), inventory=inventory)
    assert up.returncode == 0, up.stderr
    assert up.stdout.startswith("lab up: 12 routers")
    assert any(line.split()[:1] == ["h1-gre"] for line in up.stdout.splitlines())

    again = flexorch("lab", "up", "--state-dir", str(state), inventory=inventory)
    assert again.returncode == 2 and "already running" in again.stderr

    with _connect(inventory, "h1-gre") as conn:
        conn.send_config_set(["interface Loopback50", " description saved"])
        conn.save_config()
        conn.send_config_set(["interface Loopback51", " description unsaved"])
        conn.send_command("copy running-config flash:keep.cfg", expect_string=r"\?")
        conn.send_command("\n", expect_string=r"#")

    status = flexorch("lab", "status", "--state-dir", str(state), "--format", "json")
    assert status.returncode == 0, status.stderr
    routers = {r["name"]: r for r in json.loads(status.stdout)["routers"]}
    assert routers["h1-gre"]["unsaved"] is True and routers["hub1"]["unsaved"] is False
    assert all(r["up"] for r in routers.values())

    fault = flexorch("lab", "fault", "--state-dir", str(state), "h1-gre", "auth-refuse")
    assert fault.returncode == 0 and fault.stdout.strip() == "h1-gre: auth-refuse"
    with pytest.raises(NetmikoAuthenticationException):
        _connect(inventory, "h1-gre")
    text = flexorch("lab", "status", "--state-dir", str(state))
    assert "auth-refuse" in next(line for line in text.stdout.splitlines() if "h1-gre" in line)
    cleared = flexorch("lab", "fault", "--state-dir", str(state), "h1-gre", "clear")
    assert cleared.stdout.strip() == "h1-gre: no faults"
    unknown = flexorch("lab", "fault", "--state-dir", str(state), "nosuch", "hang")
    assert unknown.returncode == 2 and "no lab router named 'nosuch'" in unknown.stderr
    peer = flexorch("lab", "fault", "--state-dir", str(state), "hub1", "peer-down", "nosuch")
    assert peer.returncode == 2

    down = flexorch("lab", "down", "--state-dir", str(state))
    assert down.returncode == 0 and down.stdout.strip() == "lab down"
    gone = flexorch("lab", "status", "--state-dir", str(state))
    assert gone.returncode == 1 and "no lab is running" in gone.stderr

    up = flexorch("lab", "up", "--state-dir", str(state), inventory=inventory)
    assert up.returncode == 0, up.stderr
    with _connect(inventory, "h1-gre") as conn:
        running = conn.send_command("show running-config")
        listing = conn.send_command("dir flash:")
    assert "interface Loopback50" in running  # saved: kept across down/up
    assert "interface Loopback51" not in running  # unsaved: gone, as after a reboot
    assert "keep.cfg" in listing


def test_bad_input_exits_2_with_one_line(inventory: Path, state: Path, tmp_path: Path) -> None:
    missing = flexorch("lab", "up", "--state-dir", str(state), inventory=tmp_path / "nowhere")
    assert missing.returncode == 2
    assert "Traceback" not in missing.stderr and len(missing.stderr.strip().splitlines()) == 1

    remote = copy_inventory(inventory, tmp_path / "remote")
    hosts = remote / "hosts.yaml"
    hosts.write_text(hosts.read_text().replace("hostname: 127.0.0.1", "hostname: 10.9.9.9", 1))
    refused = flexorch("lab", "up", "--state-dir", str(state), inventory=remote)
    assert refused.returncode == 2
    assert "hostname 10.9.9.9 is not a loopback address" in refused.stderr
    assert "Traceback" not in refused.stderr

    kind = flexorch("lab", "fault", "--state-dir", str(state), "hub1", "explode")
    assert kind.returncode == 2 and "unknown fault kind 'explode'" in kind.stderr
    not_running = flexorch("lab", "fault", "--state-dir", str(state), "hub1", "hang")
    assert not_running.returncode == 1 and "no lab is running" in not_running.stderr
    assert flexorch("lab", "down", "--state-dir", str(state)).stdout.strip() == "lab is not running"
