"""Routers' SSH host keys are verified before any login.

The audit's finding: a lab started with a new host key on the same ports received the device
password and every pre-shared key of hub1, and flexorch exited 0. Here an impostor (an SSH server
that accepts any password and records every line) takes the lab routers' ports after the real
lab stopped: flexorch must refuse it during the key exchange, offering no user name, no password
and no config line, and say which key it expected and which it got.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from flexorch import hostkeys
from flexorch.intent import load_fleet
from flexorch.lab.fleet import LabFleet
from flexorch.lab.settings import LabSettings
from tests.lab.helpers import copy_inventory
from tests.security.helpers import REPO, flexorch, run
from tests.security.impostor import impostor

pytestmark = pytest.mark.lab
SETTINGS = LabSettings(revert_seconds_per_minute=2, reload_seconds=0.3, login_timeout=10)
FINGERPRINT = r"SHA256:[A-Za-z0-9+/]{43}"


@pytest.fixture(autouse=True)
def _own_known_hosts(monkeypatch: pytest.MonkeyPatch, _isolated_state: Path) -> None:
    """Each test starts with nothing pinned, in the default place: <state dir>/known_hosts."""
    monkeypatch.delenv("FLEXORCH_KNOWN_HOSTS")


@pytest.fixture
def inventory(tmp_path: Path) -> Path:
    return copy_inventory(REPO / "inventory", tmp_path / "inventory")


def _isolated_state_dir() -> Path:
    return Path(os.environ["FLEXORCH_STATE_DIR"])


def _hub1(inventory: Path) -> list[tuple[str, int]]:
    return [(h.name, h.port) for h in load_fleet(inventory).select(site="hub1")]


def _lab_fingerprint(lab: LabFleet) -> str:
    return hostkeys.fingerprint(hostkeys.key_from_openssh(lab.lab.public_key()))


def test_impostor_on_the_lab_ports_gets_no_password_and_no_line(
        inventory: Path, tmp_path: Path) -> None:
    hub1 = _hub1(inventory)
    with LabFleet.start(inventory, tmp_path / "lab", settings=SETTINGS) as lab:
        assert flexorch("plan", "--site", "hub1", inventory=inventory).returncode == 3
        expected = _lab_fingerprint(lab)
    with impostor([port for _, port in hub1]) as seen:
        plan = flexorch("plan", "--site", "hub1", "--format", "json", inventory=inventory)
        rollout = flexorch("rollout", "--site", "hub1", "--yes", inventory=inventory)
    assert seen.connections >= len(hub1)  # every router was contacted ...
    assert seen.auth_requests == []       # ... and not one user name,
    assert seen.passwords == []           # password,
    assert seen.lines == []               # or config line reached the impostor
    assert (plan.returncode, rollout.returncode) == (1, 1)
    hosts = {h["host"]: h for h in json.loads(plan.stdout)["hosts"]}
    for name, port in hub1:
        assert hosts[name]["status"] == "unreachable"
        assert re.fullmatch(
            rf"host key for {name} \(127\.0\.0\.1:{port}\) does not match: expected "
            rf"{re.escape(expected)}, got {FINGERPRINT} — if the router was replaced, run "
            rf"`flexorch hostkeys forget {name}`", hosts[name]["message"]), hosts[name]["message"]
    assert "does not match" in rollout.stdout + rollout.stderr


def test_unknown_key_is_refused_under_strict_before_login(inventory: Path) -> None:
    hub1 = _hub1(inventory)
    with impostor([port for _, port in hub1]) as seen:  # nothing pinned: a fresh state dir
        plan = flexorch("plan", "--host", "hub1", inventory=inventory)
    assert plan.returncode == 1
    assert (seen.auth_requests, seen.passwords, seen.lines) == ([], [], [])
    port = dict(hub1)["hub1"]
    assert re.search(rf"host key for hub1 \(127\.0\.0\.1:{port}\) is not known: got "
                     rf"{FINGERPRINT} — check it, then pin it with `flexorch hostkeys scan "
                     r"--host hub1 --yes`", plan.stdout), plan.stdout
    assert hostkeys.default_known_hosts() == _isolated_state_dir() / "known_hosts"
    assert not hostkeys.default_known_hosts().exists()  # nothing was pinned by the refusal


def test_accept_new_pins_the_first_key_then_refuses_another(
        inventory: Path, tmp_path: Path) -> None:
    defaults = inventory / "defaults.yaml"
    defaults.write_text(defaults.read_text(encoding="utf-8").replace(
        "data:\n", "data:\n  host_key_policy: accept-new\n", 1), encoding="utf-8")
    port = dict(_hub1(inventory))["hub1"]
    with LabFleet.start(inventory, tmp_path / "lab", settings=SETTINGS, pin_keys=False) as lab:
        first = flexorch("plan", "--host", "hub1", inventory=inventory)
        expected = _lab_fingerprint(lab)
    assert first.returncode == 3, first.stdout + first.stderr
    assert f"host key {expected} of 127.0.0.1:{port} pinned" in first.stderr
    known = hostkeys.pinned(hostkeys.default_known_hosts(), "127.0.0.1", port)
    assert [hostkeys.fingerprint(k) for k in known] == [expected]
    assert hostkeys.default_known_hosts().stat().st_mode & 0o777 == 0o600
    with impostor([port]) as seen:
        second = flexorch("plan", "--host", "hub1", inventory=inventory)
    assert second.returncode == 1
    assert f"does not match: expected {expected}, got SHA256:" in second.stdout
    assert (seen.auth_requests, seen.passwords, seen.lines) == ([], [], [])


def test_hostkeys_scan_list_forget(inventory: Path, tmp_path: Path) -> None:
    hub1 = _hub1(inventory)
    with LabFleet.start(inventory, tmp_path / "lab", settings=SETTINGS, pin_keys=False) as lab:
        expected = _lab_fingerprint(lab)
        listed = run("hostkeys", "list", "--site", "hub1", inventory=inventory)
        assert listed.returncode == 0 and listed.stdout.count("not pinned") == len(hub1)
        shown = run("hostkeys", "scan", "--site", "hub1", inventory=inventory)
        assert shown.returncode == 0
        assert shown.stdout.count(f"ssh-ed25519  {expected}  new") == len(hub1)
        assert "not pinned: check the fingerprints, then run again with --yes" in shown.stderr
        assert not hostkeys.default_known_hosts().exists()  # showing pins nothing
        pinned = run("hostkeys", "scan", "--site", "hub1", "--yes", inventory=inventory)
        assert pinned.stdout.count(f"{expected}  pinned") == len(hub1)
        again = run("hostkeys", "scan", "--site", "hub1", inventory=inventory)
        assert again.stdout.count(f"{expected}  same") == len(hub1)
        assert flexorch("plan", "--site", "hub1", inventory=inventory).returncode == 3
    gone = run("hostkeys", "forget", "hub1", inventory=inventory)
    port = dict(hub1)["hub1"]
    assert gone.stdout.startswith(f"hub1 (127.0.0.1:{port}): 1 pinned key(s) removed from ")
    with impostor([p for _, p in hub1]) as seen:
        changed = run("hostkeys", "scan", "--site", "hub1", "--yes", inventory=inventory)
    assert changed.returncode == 1
    assert changed.stdout.count(f"CHANGED (pinned {expected})") == len(hub1) - 1
    assert re.search(rf"^hub1 .* {FINGERPRINT}  pinned$", changed.stdout, re.M)
    assert (seen.auth_requests, seen.passwords) == ([], [])
    # a changed key is never replaced by scan: the others still hold the lab's key
    others = [p for n, p in hub1 if n != "hub1"]
    assert all(hostkeys.fingerprint(hostkeys.pinned(hostkeys.default_known_hosts(),
                                                    "127.0.0.1", p)[0]) == expected
               for p in others)


def test_inventory_known_hosts_file_in_openssh_format(inventory: Path, tmp_path: Path) -> None:
    # the file an inventory names (here a user's ~/.ssh/known_hosts) keeps its other lines,
    # and a hashed entry (ssh-keygen -H) for the router is found and replaced when pinning
    from paramiko import HostKeys

    known = tmp_path / "ssh" / "known_hosts"
    known.parent.mkdir()
    port = dict(_hub1(inventory))["hub1"]
    other = ("other.example ssh-ed25519 "
             "AAAAC3NzaC1lZDI1NTE5AAAAIAEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEB")
    hashed = HostKeys.hash_host(f"[127.0.0.1]:{port}")
    stale = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIC"
    known.write_text(f"# mine\n{other}\n{hashed} {stale}\n", encoding="utf-8")
    defaults = inventory / "defaults.yaml"
    defaults.write_text(defaults.read_text(encoding="utf-8").replace(
        "data:\n", f"data:\n  known_hosts: {known}\n", 1), encoding="utf-8")
    with LabFleet.start(inventory, tmp_path / "lab", settings=SETTINGS, pin_keys=False) as lab:
        expected = _lab_fingerprint(lab)
        mismatch = flexorch("plan", "--host", "hub1", inventory=inventory)
        assert mismatch.returncode == 1 and "does not match" in mismatch.stdout
        assert run("hostkeys", "forget", "hub1", inventory=inventory).returncode == 0
        assert run("hostkeys", "scan", "--host", "hub1", "--yes",
                        inventory=inventory).returncode == 0
        assert flexorch("plan", "--host", "hub1", inventory=inventory).returncode == 3
    lines = known.read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["# mine", other]
    assert lines[2].startswith(f"[127.0.0.1]:{port} ssh-ed25519 ")
    assert len(lines) == 3
    assert [hostkeys.fingerprint(k) for k in hostkeys.pinned(known, "127.0.0.1", port)] == [
        expected]
