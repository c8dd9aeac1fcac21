"""The lab survives clients that vanish mid-command, send garbage or open hundreds of sessions."""

from __future__ import annotations

import asyncio
import os
import random

import asyncssh
import pytest
from netmiko import ConnectHandler

from flexorch.lab.fleet import LabFleet
from tests.lab.helpers import PASSWORD, USER, Shells, netmiko_params

pytestmark = pytest.mark.lab


def test_disconnect_mid_command_and_mid_question(lab: LabFleet, shell_factory: Shells) -> None:
    router = lab.router("r1")
    before = router.running_config()
    port = router.spec.port
    partial = shell_factory(port)
    partial.read_until(r"r1#$")
    partial.send("configure terminal\ninterface Loopback7")  # no Enter: half a line
    partial.close()
    asking = shell_factory(port)
    asking.read_until(r"r1#$")
    asking.send("copy running-config flash:half.cfg\n")
    asking.read_until(r"\? $")
    asking.close()
    racing = shell_factory(port)
    racing.read_until(r"r1#$")
    racing.send("show running-config\n" * 20)
    racing.close()
    with ConnectHandler(**netmiko_params(lab, "r1")) as conn:
        assert conn.send_command("show privilege").strip() == "Current privilege level is 15"
    assert router.running_config() == before
    assert "half.cfg" not in router.flash()


def test_binary_garbage_changes_nothing(lab: LabFleet, shell_factory: Shells) -> None:
    router = lab.router("r2")
    before = router.running_config()
    shell = shell_factory(router.spec.port)
    shell.read_until(r"r2#$")
    noise = random.Random(7).randbytes(4000) + bytes(range(256)) + b"\x1b[A\x1b[2~\x00\xff\xfe"
    shell.send(noise.replace(b"\r", b"").replace(b"\n", b""))  # no Enter: one giant bad line
    shell.send(b"\x15")  # Ctrl-U drops what was typed
    shell.send(b"\x00\x01\x02 garbage \xff\xfe\n")
    shell.send("show privilege\n")
    out = shell.read_until(r"level is 15\r\nr2#$", timeout=10)
    assert "Current privilege level is 15" in out
    shell.send("configure terminal\n\xff\xfeinterface Loopback8\x00\n\x9b\x1b[Aend\n")
    shell.read_until(r"r2#$")
    assert router.running_config().replace("interface Loopback8\n no ip address\n!\n", "") == before


def test_hundreds_of_concurrent_sessions(lab: LabFleet) -> None:
    port = lab.router("r3").spec.port
    count = 300

    async def one(index: int) -> str:
        async with asyncssh.connect(
            "127.0.0.1", port, username=USER, password=PASSWORD, known_hosts=None,
            client_keys=None, preferred_auth="password",
        ) as conn:
            process = await conn.create_process(term_type="vt100")
            await process.stdout.readuntil("r3#")
            process.stdin.write("show privilege\n")
            out = await process.stdout.readuntil("r3#")
            await asyncio.sleep(0.5)  # hold every session open at the same time
            process.stdin.write("exit\n")
            return str(out)

    async def all_of_them() -> list[str | BaseException]:
        sem = asyncio.Semaphore(100)

        async def bounded(i: int) -> str:
            async with sem:
                return await one(i)

        return await asyncio.gather(*(bounded(i) for i in range(count)), return_exceptions=True)

    results = asyncio.run(all_of_them())
    failures = [r for r in results if isinstance(r, BaseException)]
    assert not failures, failures[:3]
    assert all("Current privilege level is 15" in str(r) for r in results)
    with ConnectHandler(**netmiko_params(lab, "r3")) as conn:
        assert conn.find_prompt() == "r3#"


def test_unauthenticated_tcp_connections_do_not_block(lab: LabFleet) -> None:
    import socket

    port = lab.router("r1").spec.port
    idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(50)]
    try:
        for sock in idle[:10]:
            sock.sendall(os.urandom(64))
        with ConnectHandler(**netmiko_params(lab, "r1")) as conn:
            assert conn.find_prompt() == "r1#"
    finally:
        for sock in idle:
            sock.close()
