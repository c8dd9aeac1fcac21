"""Ansible's cisco.ios collection drives lab routers unmodified, over network_cli.

``ansible-playbook`` runs as a subprocess (the ``ansible`` package's cisco.ios and
ansible.netcommon collections, libssh transport) against two lab routers on free 127.0.0.1
ports: r1 logs in at privilege 15, u1 at privilege 1 and needs ``enable`` (Ansible's become).
The playbook reads ``show version`` / ``show privilege`` with ``ios_command`` and pushes FlexVPN
lines with ``ios_config`` (``save_when: modified``); a second run of the same playbook changes
nothing. Expectations are written by hand from the playbook and from how IOS-XE shows config.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from flexorch.lab.fleet import LabFleet
from flexorch.lab.settings import LabSettings
from tests.lab.helpers import ENABLE, PASSWORD, USER, make_specs

pytestmark = pytest.mark.lab

ANSIBLE_PLAYBOOK = Path(sys.executable).with_name("ansible-playbook")

PLAYBOOK = """\
- name: FlexVPN on lab routers
  hosts: all
  gather_facts: false
  tasks:
    - name: facts
      cisco.ios.ios_facts:
        gather_subset: min
    - name: version
      cisco.ios.ios_command:
        commands:
          - show version
          - show privilege
    - name: flexvpn
      cisco.ios.ios_config:
        src: "{{ playbook_dir }}/flexvpn.cfg"
        save_when: modified
"""

# The config ios_config pushes (src), in the order show running-config prints it.
FLEXVPN = """\
crypto ikev2 proposal FLEX_NGE
 encryption aes-gcm-256
 prf sha512
 group 21 20
!
crypto ikev2 policy FLEX_POLICY
 match fvrf any
 proposal FLEX_NGE
!
interface Tunnel0
 description FlexVPN to hub1
 ip unnumbered GigabitEthernet1
 tunnel source GigabitEthernet1
 tunnel mode ipsec ipv4
 tunnel destination 192.0.2.1
!
"""


@pytest.fixture(scope="module")
def fleet(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabFleet]:
    specs = make_specs(["r1"]) + make_specs(["u1"], privilege=1, enable_secret=ENABLE)
    settings = LabSettings(login_timeout=30)
    with LabFleet.start(specs=specs, state_dir=tmp_path_factory.mktemp("ans"),
                        settings=settings) as lab:
        yield lab


def _inventory(fleet: LabFleet) -> str:
    lines = ["all:", "  hosts:"]
    for name in ("r1", "u1"):
        spec = fleet.router(name).spec
        lines += [
            f"    {name}:",
            "      ansible_host: 127.0.0.1",
            f"      ansible_port: {spec.port}",
        ]
        if spec.enable_secret:
            lines += ["      ansible_become: true", "      ansible_become_method: enable",
                      f"      ansible_become_password: {spec.enable_secret}"]
    lines += [
        "  vars:",
        f"    ansible_user: {USER}",
        f"    ansible_password: {PASSWORD}",
        "    ansible_connection: ansible.netcommon.network_cli",
        "    ansible_network_os: cisco.ios.ios",
        "    ansible_network_cli_ssh_type: libssh",
        f"    ansible_python_interpreter: {sys.executable}",
    ]
    return "\n".join(lines) + "\n"


def _run_playbook(fleet: LabFleet, work: Path, playbook: str = PLAYBOOK) -> dict[str, Any]:
    """Run the playbook; its JSON result (the json stdout callback)."""
    assert ANSIBLE_PLAYBOOK.is_file(), (
        f"{ANSIBLE_PLAYBOOK} missing: install the test extras (ansible, ansible-pylibssh)")
    work.mkdir(parents=True, exist_ok=True)
    (work / "inventory.yml").write_text(_inventory(fleet), encoding="utf-8")
    (work / "playbook.yml").write_text(playbook, encoding="utf-8")
    (work / "flexvpn.cfg").write_text(FLEXVPN, encoding="utf-8")
    (work / "ansible.cfg").write_text("[defaults]\n", encoding="utf-8")
    # Persistent-connection sockets: a short path (AF_UNIX paths are limited to ~107 bytes).
    sockets = tempfile.mkdtemp(prefix="flexorch-ans-")
    env = {
        **os.environ,
        "PATH": f"{ANSIBLE_PLAYBOOK.parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "ANSIBLE_CONFIG": str(work / "ansible.cfg"),
        "ANSIBLE_HOST_KEY_CHECKING": "False",
        "ANSIBLE_STDOUT_CALLBACK": "json",
        "ANSIBLE_LOCAL_TEMP": str(work / "tmp"),
        "ANSIBLE_HOME": str(work / "home"),
        "ANSIBLE_PERSISTENT_CONTROL_PATH_DIR": sockets,
        "ANSIBLE_PERSISTENT_COMMAND_TIMEOUT": "30",
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_FORKS": "2",
    }
    try:
        done = subprocess.run(
            [str(ANSIBLE_PLAYBOOK), "-i", str(work / "inventory.yml"), str(work / "playbook.yml")],
            cwd=work, env=env, capture_output=True, text=True, timeout=240, check=False,
        )
    finally:
        shutil.rmtree(sockets, ignore_errors=True)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _results(run: dict[str, Any]) -> dict[str, dict[str, dict[str, Any]]]:
    """task name -> host -> module result."""
    return {task["task"]["name"]: task["hosts"] for task in run["plays"][0]["tasks"]}


def test_ansible_cisco_ios_reads_pushes_and_is_idempotent(fleet: LabFleet, tmp_path: Path) -> None:
    first = _run_playbook(fleet, tmp_path / "first")
    results = _results(first)
    for host in ("r1", "u1"):
        facts = results["facts"][host]["ansible_facts"]
        assert facts["ansible_net_hostname"] == host
        assert facts["ansible_net_version"] == "17.09.04a"
        assert facts["ansible_net_model"] == "C8000V"
        assert facts["ansible_net_api"] == "cliconf"
        version, privilege = results["version"][host]["stdout"]
        assert version.startswith("Cisco IOS XE Software")
        assert f"{host} uptime is" in version
        assert privilege == "Current privilege level is 15"  # u1 after `enable`
        assert results["version"][host]["changed"] is False
        flexvpn = results["flexvpn"][host]
        assert flexvpn["changed"] is True
        # Every line is new: ios_config sends all of them, each block under its header.
        assert flexvpn["updates"] == [
            line.strip() for line in FLEXVPN.splitlines() if line != "!"]
        router = fleet.router(host)
        assert FLEXVPN in router.running_config()
        assert FLEXVPN in router.startup_config()  # save_when: modified saved it
        assert router.status()["unsaved"] is False
    assert first["stats"]["r1"]["failures"] == 0 and first["stats"]["u1"]["failures"] == 0

    versions = {h: fleet.router(h).call(lambda r: r.state.version) for h in ("r1", "u1")}
    second = _run_playbook(fleet, tmp_path / "second")
    for host in ("r1", "u1"):
        assert second["stats"][host]["changed"] == 0
        assert second["stats"][host]["failures"] == 0
        assert all(r[host]["changed"] is False for r in _results(second).values())
        # Nothing was typed in config mode: the running config did not change at all.
        assert fleet.router(host).call(lambda r: r.state.version) == versions[host]


def test_ansible_sees_ios_errors(fleet: LabFleet, tmp_path: Path) -> None:
    """A line IOS refuses fails the task with IOS's message (the terminal plugin's stderr
    patterns match the lab's ``% Invalid input``), and the session leaves config mode."""
    work = tmp_path / "bad"
    bad = PLAYBOOK.split("  tasks:\n", maxsplit=1)[0] + """  tasks:
    - name: refused
      cisco.ios.ios_config:
        parents: crypto ikev2 proposal BROKEN
        lines:
          - encryption aes-gcm-999
      ignore_errors: true
    - name: after
      cisco.ios.ios_command:
        commands: show running-config | include ^hostname
"""
    run = _run_playbook(fleet, work, bad)
    results = _results(run)
    refused = results["refused"]["r1"]
    assert refused["failed"] is True
    assert "% Invalid input detected at '^' marker." in refused["msg"]
    assert results["after"]["r1"]["stdout"] == ["hostname r1"]
