"""A lab router boots from a real router's config (a startup-config file) and shows it back over
SSH; the same config pasted line by line over SSH gives the same router; lines refused at boot
are listed as file:line in ``flexorch lab status`` and the lab log (secrets masked)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from netmiko import ConnectHandler

from flexorch.ios.config import show_running
from flexorch.lab.configmode import boot_config, config_lines
from flexorch.lab.fleet import LabFleet
from flexorch.lab.settings import LabSettings
from tests.lab.helpers import RawShell, copy_inventory, make_specs, netmiko_params
from tests.lab.test_lab_cli import flexorch

pytestmark = pytest.mark.lab

REPO = Path(__file__).resolve().parents[2]
# An IOL DMVPN hub: certificate chains ended by quit, a CA server, BGP, NAT, prefix lists.
SAMPLE = REPO / "tests/fixtures/real/gh-skydevil-lab14-gre-dmvpn/r14.cfg"
SETTINGS = LabSettings(revert_seconds_per_minute=1, reload_seconds=0.2, login_timeout=10)


def _paste(shell: RawShell, lines: list[str]) -> list[str]:
    """Type ``lines`` in config mode; IOS's error lines, if any."""
    shell.send("configure terminal\n")
    shell.read_until(r"\(config\)#$")
    errors = []
    for line in lines:
        shell.send(line + "\n")
        answer = shell.read_until(r"[#>]\s*$", timeout=10)
        errors += [a for a in answer.splitlines() if a.startswith("%")]
    shell.send("end\n")
    shell.read_until(r"#\s*$")
    return errors


def test_boot_from_a_real_config_and_paste_it_over_ssh(tmp_path: Path) -> None:
    specs = (make_specs(["booted"], startup_config=SAMPLE)
             + make_specs(["typed"], day0="hostname typed\n", hardware="IOL"))
    with LabFleet.start(specs=specs, state_dir=tmp_path, settings=SETTINGS) as lab:
        booted = lab.router("booted")
        assert booted.status()["boot_rejected"] == []
        with ConnectHandler(**netmiko_params(lab, "booted")) as conn:
            assert conn.find_prompt() == "R14#"
            shown = conn.send_command("show running-config")
        expected = show_running(boot_config(SAMPLE.read_text())[0])
        assert shown.strip().splitlines()[2:] == expected.strip().splitlines()[2:]
        shell = RawShell(lab.router("typed").spec.port)
        shell.read_until(r"#\s*$")
        try:
            errors = _paste(shell, [line for _, line in config_lines(SAMPLE.read_text())])
        finally:
            shell.close()
        assert errors == []
        assert lab.router("typed").running_config() == booted.running_config()


def test_lab_up_with_startup_configs_lists_refused_lines(tmp_path: Path) -> None:
    inventory = copy_inventory(REPO / "inventory", tmp_path / "inventory")
    configs = tmp_path / "startup"
    configs.mkdir()
    startup = configs / "hub1.cfg"
    lines = SAMPLE.read_text().splitlines()
    end = lines.index("end")  # lines after ``end`` are not config
    lines[end:end] = ["interface Ethernet0/0", " bogus-command 1", "pre-shared-key TopSecret-9"]
    startup.write_text("\n".join(lines) + "\n")
    total = end
    state = tmp_path / "labstate"
    try:
        up = flexorch("lab", "up", "--state-dir", str(state), "--startup-configs", str(configs),
                      inventory=inventory)
        assert up.returncode == 0, up.stderr
        status = flexorch("lab", "status", "--state-dir", str(state))
        refused = [line for line in status.stdout.splitlines() if "refused at boot" in line]
        assert refused == [
            f"hub1: refused at boot: {startup}:{total + 2}: bogus-command 1  "
            "(% Invalid input detected at '^' marker.)",
            f"hub1: refused at boot: {startup}:{total + 3}: pre-shared-key ******  "
            "(% Invalid input detected at '^' marker.)",
        ]
        routers = json.loads(flexorch("lab", "status", "--state-dir", str(state),
                                      "--format", "json").stdout)["routers"]
        assert [r["boot_rejected"] for r in routers if r["name"] == "hub1"] == [
            [line.split("refused at boot: ", 1)[1] for line in refused]]
        log = (state / "lab.log").read_text()
        assert re.search(rf"hub1: refused at load: {re.escape(str(startup))}:{total + 2}", log)
        assert "TopSecret-9" not in log + status.stdout
    finally:
        flexorch("lab", "down", "--state-dir", str(state))
    bad = flexorch("lab", "up", "--state-dir", str(state), "--startup-configs",
                   str(tmp_path / "nowhere"), inventory=inventory)
    assert bad.returncode == 2 and "startup-config directory not found" in bad.stderr
