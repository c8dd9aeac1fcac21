"""The inventory can never run code on the controller or make netmiko write a file.

The audit's findings: ``connection_options.netmiko.extras.ssh_config_file`` naming a config
with a ProxyCommand ran a command during ``flexorch plan`` (lint passed), and ``session_log``
made netmiko write every pre-shared key in clear to any path. Now only options that cannot
execute, write or redirect are accepted; anything else is one line naming the file, the host
and the key, exit 2, and no session is opened.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from flexorch.hostkeys import default_known_hosts
from flexorch.intent import load_fleet, make_nornir
from tests.security.helpers import run, small_inventory
from tests.security.impostor import impostor

FORBIDDEN = [
    "ssh_config_file", "session_log", "sock", "alt_key_file", "alt_host_keys",
    "system_host_keys", "ssh_strict", "allow_agent", "disabled_algorithms", "verbose",
]


def _with_extras(folder: Path, port: int, extras: str) -> Path:
    hosts = (
        f"hub1:\n  hostname: 127.0.0.1\n  port: {port}\n"
        f"  connection_options:\n    netmiko:\n      extras: {extras}\n"
        "  data:\n    site: s1\n    role: hub\n"
        "    interfaces:\n      GigabitEthernet1: {ipv4: 192.0.2.1/24}\n"
    )
    return small_inventory(folder, hosts=hosts)


def test_proxycommand_never_runs(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    config = tmp_path / "ssh_config"
    config.write_text(f"Host *\n  ProxyCommand touch {marker}\n", encoding="utf-8")
    folder = _with_extras(tmp_path / "inv", 22001, f"{{ssh_config_file: {config}}}")
    with impostor([22001]) as seen:
        for command in (["lint"], ["plan", "--site", "s1"], ["render"]):
            done = run(*command, inventory=folder)
            assert done.returncode == 2, done.stdout + done.stderr
            assert len(done.stderr.strip().splitlines()) == 1
            assert re.search(r"hosts\.yaml:\d+: host hub1: connection_options: netmiko\.extras\."
                             r"ssh_config_file is not allowed", done.stderr), done.stderr
    assert not marker.exists()
    assert seen.connections == 0  # refused before any session


def test_session_log_never_written(tmp_path: Path) -> None:
    log = tmp_path / "session.log"
    folder = _with_extras(tmp_path / "inv", 22001, f"{{session_log: {log}}}")
    done = run("plan", "--site", "s1", inventory=folder)
    assert done.returncode == 2
    assert "netmiko.extras.session_log is not allowed" in done.stderr
    assert not log.exists()


@pytest.mark.parametrize("key", FORBIDDEN)
def test_every_option_that_could_execute_write_or_redirect_is_refused(
        tmp_path: Path, key: str) -> None:
    folder = _with_extras(tmp_path / "inv", 22001, f"{{{key}: x}}")
    done = run("render", inventory=folder)
    assert done.returncode == 2
    assert f"host hub1: connection_options: netmiko.extras.{key} is not allowed" in done.stderr


@pytest.mark.parametrize("option", ["hostname: 10.0.0.1", "port: 22", "platform: linux",
                                    "username: root"])
def test_connection_attributes_cannot_be_overridden_per_plugin(
        tmp_path: Path, option: str) -> None:
    hosts = (
        "hub1:\n  hostname: 127.0.0.1\n  port: 22001\n"
        f"  connection_options:\n    netmiko:\n      {option}\n"
        "  data:\n    site: s1\n    role: hub\n"
    )
    done = run("render", inventory=small_inventory(tmp_path / "inv", hosts=hosts))
    assert done.returncode == 2
    key = option.split(":", maxsplit=1)[0]
    assert f"connection_options: netmiko.{key} is not allowed" in done.stderr


def test_other_plugins_are_refused(tmp_path: Path) -> None:
    hosts = ("hub1:\n  hostname: 127.0.0.1\n  connection_options:\n    scrapli:\n"
             "      extras: {ssh_config_file: /tmp/x}\n  data:\n    site: s1\n    role: hub\n")
    done = run("render", inventory=small_inventory(tmp_path / "inv", hosts=hosts))
    assert done.returncode == 2
    assert "connection_options: scrapli: only netmiko options are accepted" in done.stderr


def test_a_literal_secret_is_refused_without_echoing_it(tmp_path: Path) -> None:
    folder = _with_extras(tmp_path / "inv", 22001, "{secret: en4ble-literal}")
    done = run("render", inventory=folder)
    assert done.returncode == 2
    assert "netmiko.extras.secret is a secret: write it as a reference" in done.stderr
    assert "en4ble-literal" not in done.stderr


def test_allowed_options_reach_netmiko_with_references_resolved(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = tmp_path / "id_ed25519"
    key.write_text("not read here\n", encoding="utf-8")
    monkeypatch.setenv("T_SEC_ENABLE", "enable-secret-1")
    monkeypatch.setenv("T_SEC_PASSWORD", "password-1")
    folder = _with_extras(
        tmp_path / "inv", 22001,
        f"{{conn_timeout: 7, fast_cli: false, keepalive: 30, global_delay_factor: 2, "
        f"secret: {{env: T_SEC_ENABLE}}, use_keys: true, key_file: {{file: {key}}}}}")
    nr = make_nornir(load_fleet(folder))
    extras = nr.inventory.hosts["hub1"].connection_options["netmiko"].extras
    assert extras == {
        "conn_timeout": 7, "fast_cli": False, "keepalive": 30, "global_delay_factor": 2,
        "secret": "enable-secret-1", "use_keys": True, "key_file": str(key),
        # what flexorch adds and the inventory cannot change (host keys checked before login)
        "ssh_strict": True, "system_host_keys": False, "alt_host_keys": True,
        "alt_key_file": str(default_known_hosts()), "allow_agent": False,
    }


@pytest.mark.parametrize(("extras", "message"), [
    ("{conn_timeout: -1}", "netmiko.extras.conn_timeout must be a number of seconds"),
    ("{fast_cli: 1}", "netmiko.extras.fast_cli must be true or false"),
    ("{key_file: {env: T_KEY}}", "netmiko.extras.key_file must be {file: PATH}"),
])
def test_allowed_options_are_type_checked(tmp_path: Path, extras: str, message: str) -> None:
    done = run("render", inventory=_with_extras(tmp_path / "inv", 22001, extras))
    assert done.returncode == 2
    assert message in done.stderr
