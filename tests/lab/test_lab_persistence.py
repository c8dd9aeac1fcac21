"""A lab stopped and started again over the same state directory is a rebooted fleet."""

from __future__ import annotations

import socket
from pathlib import Path

import paramiko
import pytest
from netmiko import ConnectHandler

from flexorch.errors import FlexorchError
from flexorch.lab.fleet import LabFleet
from flexorch.lab.settings import LabSettings
from tests.lab.helpers import PASSWORD, USER, make_specs, netmiko_params

pytestmark = pytest.mark.lab


def _host_key(port: int, kex: tuple[str, ...] | None = None) -> str:
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    transport = paramiko.Transport(sock)
    try:
        if kex is not None:
            transport.get_security_options().kex = kex
        transport.start_client(timeout=10)
        key = transport.get_remote_server_key()
        return f"{key.get_name()} {key.get_base64()}"
    finally:
        transport.close()
        sock.close()


def test_restart_keeps_startup_flash_and_host_key(tmp_path: Path) -> None:
    specs = make_specs(["p1"])
    settings = LabSettings(revert_seconds_per_minute=1)
    with LabFleet.start(specs=specs, state_dir=tmp_path, settings=settings) as lab:
        key = _host_key(specs[0].port, ("curve25519-sha256@libssh.org",))
        assert key.startswith("ssh-ed25519 ")
        with pytest.raises(paramiko.SSHException):  # curve25519 is the only key exchange offered
            _host_key(specs[0].port, ("ecdh-sha2-nistp256", "diffie-hellman-group16-sha512"))
        with ConnectHandler(**netmiko_params(lab, "p1")) as conn:
            conn.send_config_set(["interface Loopback1", " description kept"])
            conn.save_config()
            conn.send_config_set(["interface Loopback2", " description lost"])
            conn.send_command("copy running-config flash:both.cfg", expect_string=r"\?")
            conn.send_command("\n", expect_string=r"#")
    assert (tmp_path / "ssh_host_ed25519_key").stat().st_mode & 0o077 == 0
    assert (tmp_path / "routers" / "p1" / "startup-config").stat().st_mode & 0o077 == 0

    changed_day0 = [s.__class__(**{**s.__dict__, "day0": "hostname other\n"}) for s in specs]
    with LabFleet.start(specs=changed_day0, state_dir=tmp_path, settings=settings) as lab:
        assert _host_key(specs[0].port) == key
        router = lab.router("p1")
        running = router.running_config()
        assert "hostname p1" in running  # the saved config wins over a new day-0
        assert "interface Loopback1" in running and "interface Loopback2" not in running
        assert "interface Loopback2" in router.flash()["both.cfg"]
        assert router.status()["unsaved"] is False


def test_without_state_dir_nothing_is_stored(tmp_path: Path) -> None:
    specs = make_specs(["p2"])
    with LabFleet.start(specs=specs) as lab:
        lab.router("p2").apply_config(["interface Loopback3"])
        client = paramiko.SSHClient()
        client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
        client.connect("127.0.0.1", port=specs[0].port, username=USER, password=PASSWORD,
                       look_for_keys=False, allow_agent=False)
        client.close()
    with LabFleet.start(specs=specs) as lab:
        assert "Loopback3" not in lab.router("p2").running_config()


def test_port_in_use_is_named_and_nothing_listens() -> None:
    specs = make_specs(["q1", "q2"])
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", specs[1].port))
        taken.listen()
        message = rf"host q2: cannot listen on 127\.0\.0\.1:{specs[1].port}"
        with pytest.raises(FlexorchError, match=message), LabFleet.start(specs=specs):
            pass
    with socket.socket() as probe:  # q1's port was released again
        probe.bind(("127.0.0.1", specs[0].port))
