"""The lab's SCP server (``scp -t flash:FILE``) over real SSH: refused without ``ip scp server
enable``; with it, the file lands in flash, ``dir`` lists it, ``copy flash:FILE running-config``
merges it with IOS's output (a ``%`` line per refused line, then ``N bytes copied``) and
``delete`` removes it. The ``transfer-drop`` fault cuts the connection mid-file."""

from __future__ import annotations

import io
from collections.abc import Iterator

import paramiko
import pytest
from scp import SCPClient, SCPException

from flexorch.lab.fleet import LabFleet
from tests.lab.helpers import PASSWORD, USER, RawShell

pytestmark = pytest.mark.lab

FILE = "crypto ikev2 proposal SCPTEST\n encryption aes-gcm-256\n prf sha512\n group 21\nend\n"


@pytest.fixture
def ssh(lab: LabFleet) -> Iterator[paramiko.SSHClient]:
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    client.connect("127.0.0.1", port=lab.router("r3").spec.port, username=USER,
                   password=PASSWORD, look_for_keys=False, allow_agent=False, timeout=10)
    yield client
    client.close()


def _put(client: paramiko.SSHClient, name: str, text: str) -> None:
    transport = client.get_transport()
    assert transport is not None
    with SCPClient(transport, socket_timeout=5, sanitize=lambda p: p) as scp:
        scp.putfo(io.BytesIO(text.encode()), f"flash:{name}")


def _cli(lab: LabFleet, command: str, answers: int = 0) -> str:
    shell = RawShell(lab.router("r3").spec.port)
    try:
        shell.read_until(r"#$")
        shell.send(command + "\r")
        out = ""
        for _ in range(answers):
            out += shell.read_until(r"\? $|\[confirm\]$")
            shell.send("\r")
        return out + shell.read_until(r"#$")
    finally:
        shell.close()


def test_refused_without_the_scp_server(lab: LabFleet, ssh: paramiko.SSHClient) -> None:
    lab.router("r3").apply_config(["no ip scp server enable"])
    with pytest.raises(SCPException, match="scp server not enabled"):
        _put(ssh, "refused.cfg", FILE)
    assert "refused.cfg" not in lab.router("r3").flash()


def test_upload_dir_copy_delete(lab: LabFleet, ssh: paramiko.SSHClient) -> None:
    router = lab.router("r3")
    assert router.apply_config(["ip scp server enable"]) == []
    router.set_fault("reject", "prf sha512")
    try:
        _put(ssh, "change.cfg", FILE)
        assert router.flash()["change.cfg"] == FILE
        assert "change.cfg" in _cli(lab, "dir flash:change.cfg")
        out = _cli(lab, "copy flash:change.cfg running-config", answers=1)
    finally:
        router.clear_faults()
    assert "% Invalid input detected at '^' marker." in out
    assert f"{len(FILE)} bytes copied in" in out
    running = router.running_config()
    assert "crypto ikev2 proposal SCPTEST\n encryption aes-gcm-256\n group 21\n" in running
    assert " prf sha512" not in running.split("SCPTEST", 1)[1].split("!", 1)[0]
    _cli(lab, "delete flash:change.cfg", answers=2)
    assert "change.cfg" not in router.flash()


def test_transfer_cut_leaves_a_truncated_file(lab: LabFleet, ssh: paramiko.SSHClient) -> None:
    router = lab.router("r3")
    router.apply_config(["ip scp server enable"])
    router.set_fault("transfer-drop", "10")
    try:
        with pytest.raises((SCPException, OSError, EOFError)):
            _put(ssh, "cut.cfg", FILE)
    finally:
        router.clear_faults()
    assert router.flash()["cut.cfg"] == FILE[:10]
