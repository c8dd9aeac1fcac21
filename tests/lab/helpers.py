"""Helpers for lab tests: small hand-written fleets on free 127.0.0.1 ports, a raw SSH shell."""

from __future__ import annotations

import re
import socket
import time
from pathlib import Path

import paramiko

from flexorch.lab.fleet import LabFleet
from flexorch.lab.settings import RouterSpec

USER = "admin"
PASSWORD = "lab-Passw0rd"
ENABLE = "lab-Enable-9"

DAY0 = """hostname {name}
interface GigabitEthernet1
 ip address {wan} 255.255.255.0
 no shutdown
interface GigabitEthernet2
 shutdown
archive
 path flash:archive
 maximum 5
"""


def free_ports(count: int) -> list[int]:
    """Ports free on 127.0.0.1 right now (the OS hands out distinct ephemeral ports)."""
    socks = []
    for _ in range(count):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        socks.append(s)
    ports = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
    return ports


def make_specs(names: list[str], **overrides: object) -> list[RouterSpec]:
    ports = free_ports(len(names))
    specs = []
    for i, (name, port) in enumerate(zip(names, ports, strict=True)):
        day0 = DAY0.format(name=name, wan=f"198.51.100.{i + 1}")
        fields: dict[str, object] = {"day0": day0, **overrides}
        specs.append(RouterSpec(name, "127.0.0.1", port, USER, PASSWORD, **fields))  # type: ignore[arg-type]
    return specs


# A hub-and-spoke site of IKEv2 static VTIs on virtual templates (tests/lab/test_lab_crypto.py,
# test_lab_neighbours.py): router n holds Loopback0 10.0.0.n and GigabitEthernet1 198.51.100.n.
VTI_DAY0 = """hostname {name}
interface Loopback0
 ip address 10.0.0.{n} 255.255.255.255
interface GigabitEthernet1
 ip address 198.51.100.{n} 255.255.255.0
"""
VTI_HUB = """crypto ikev2 proposal GCM
 encryption aes-gcm-256
 prf sha512
 group 19
crypto ikev2 policy POL
 proposal GCM
crypto ikev2 keyring KR
 peer ANY
  address 0.0.0.0 0.0.0.0
  pre-shared-key Hub-Spoke-Key-1
crypto ikev2 profile PROF
 match identity remote address 0.0.0.0
 authentication remote pre-share
 authentication local pre-share
 keyring local KR
 virtual-template 1
crypto ipsec profile VTI
 set ikev2-profile PROF
interface Virtual-Template1 type tunnel
 ip unnumbered Loopback0
 tunnel source GigabitEthernet1
 tunnel mode ipsec ipv4
 tunnel protection ipsec profile VTI
"""


def vti_specs(names: list[str]) -> list[RouterSpec]:
    """Lab routers ``names`` (numbered from 1) booting ``VTI_DAY0``."""
    ports = free_ports(len(names))
    return [RouterSpec(name, "127.0.0.1", port, USER, PASSWORD, VTI_DAY0.format(name=name, n=n))
            for n, (name, port) in enumerate(zip(names, ports, strict=True), start=1)]


class RawShell:
    """An interactive SSH shell read byte for byte, to check exactly what the router sends."""

    def __init__(self, port: int, username: str = USER, password: str = PASSWORD) -> None:
        self.client = paramiko.SSHClient()
        self.client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
        self.client.connect("127.0.0.1", port=port, username=username, password=password,
                            look_for_keys=False, allow_agent=False, timeout=10)
        self.chan = self.client.invoke_shell(term="vt100", width=511, height=1000)
        self.chan.settimeout(5)

    def send(self, data: str | bytes) -> None:
        self.chan.sendall(data.encode() if isinstance(data, str) else data)

    def read_until(self, pattern: str, timeout: float = 5.0) -> str:
        """Everything received until ``pattern`` (a regex) matches the end of the data."""
        deadline = time.monotonic() + timeout
        data = b""
        regex = re.compile(pattern.encode(), re.S)
        while time.monotonic() < deadline:
            if regex.search(data):
                return data.decode()
            if self.chan.recv_ready():
                data += self.chan.recv(65536)
            elif self.chan.closed or self.chan.exit_status_ready():
                break
            else:
                time.sleep(0.005)
        raise AssertionError(f"no {pattern!r} in {data!r}")

    def read_quiet(self, seconds: float) -> bytes:
        """Whatever arrives within ``seconds``."""
        deadline = time.monotonic() + seconds
        data = b""
        while time.monotonic() < deadline:
            if self.chan.recv_ready():
                data += self.chan.recv(65536)
            else:
                time.sleep(0.01)
        return data

    def close(self) -> None:
        self.client.close()


def netmiko_params(fleet: LabFleet, name: str, **extra: object) -> dict[str, object]:
    spec = fleet.router(name).spec
    params: dict[str, object] = {
        "device_type": "cisco_ios", "host": "127.0.0.1", "port": spec.port, "username": USER,
        "password": PASSWORD, "conn_timeout": 10, "fast_cli": True,
    }
    if spec.enable_secret:
        params["secret"] = spec.enable_secret
    params.update(extra)
    return params


Shells = type[RawShell]


def copy_inventory(source: Path, target: Path) -> Path:
    """Copy an inventory folder, giving every host a free port (so tests never collide with a
    lab someone runs on the example ports); the copy's folder."""
    target.mkdir(parents=True, exist_ok=True)
    for path in source.glob("*.yaml"):
        (target / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    hosts = (target / "hosts.yaml").read_text(encoding="utf-8")
    count = len(re.findall(r"(?m)^  port: \d+$", hosts))
    ports = iter(free_ports(count))
    hosts = re.sub(r"(?m)^  port: \d+$", lambda _: f"  port: {next(ports)}", hosts)
    (target / "hosts.yaml").write_text(hosts, encoding="utf-8")
    return target
