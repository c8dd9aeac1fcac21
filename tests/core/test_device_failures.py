"""Device failures are typed: each way a real SSH session to a lab router can fail becomes its
DeviceError child (and category), classified by exception type, whatever netmiko says."""

from __future__ import annotations

import base64
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from nornir import InitNornir
from nornir.core import Nornir
from nornir.core.task import Result, Task

from flexorch.errors import (
    AuthenticationFailed,
    ConnectRefused,
    DeviceError,
    DeviceTimeout,
    HostKeyError,
    PushRefused,
    SessionLost,
)
from flexorch.lab.fleet import LabFleet
from flexorch.lab.settings import LabSettings
from flexorch.tasks.device import Device, read_running, session_defaults
from flexorch.tasks.failures import device_error, failure
from flexorch.tasks.verify import collect_sa
from tests.lab.helpers import ENABLE, PASSWORD, USER, free_ports, make_specs

pytestmark = pytest.mark.lab
SETTINGS = LabSettings(revert_seconds_per_minute=1, reload_seconds=0.3, login_timeout=10)


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabFleet]:
    specs = make_specs(["r1"]) + make_specs(["u1"], privilege=1, enable_secret=ENABLE)
    with LabFleet.start(specs=specs, state_dir=tmp_path_factory.mktemp("lab"),
                        settings=SETTINGS) as fleet:
        yield fleet


@pytest.fixture
def router(lab: LabFleet) -> Iterator[Any]:
    handle = lab.router("r1")
    yield handle
    handle.clear_faults()


def _inventory(folder: Path, port: int, extras: dict[str, object] | None = None,
               data: str = "") -> Path:
    options = f"  connection_options: {{netmiko: {{extras: {extras}}}}}\n" if extras else ""
    (folder / "hosts.yaml").write_text(
        f"r1:\n  hostname: 127.0.0.1\n  port: {port}\n{options}  data:\n    site: s\n"
        f"    role: hub\n    credentials:\n      username: {USER}\n"
        "      password: {env: T_FAIL_PW}\n" + data, encoding="utf-8")
    return folder


def _nornir(folder: Path, monkeypatch: pytest.MonkeyPatch, timeout: float = 3.0) -> Nornir:
    monkeypatch.setenv("T_FAIL_PW", PASSWORD)
    nr = InitNornir(inventory={"plugin": "FlexorchInventory", "options": {"path": str(folder)}},
                    logging={"enabled": False})
    session_defaults(nr, timeout)
    return nr


def _failed(nr: Nornir, task: Any, **kwargs: Any) -> DeviceError:
    try:
        multi = nr.run(task=task, **kwargs)["r1"]
    finally:
        nr.close_connections(on_failed=True)
    found = failure(multi)
    assert found is not None, "the task should have failed"
    # Nornir keeps the task's own exception: the same typed error
    assert multi[0].exception is found
    return found


def test_nothing_listening_is_connect_refused(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    (closed,) = free_ports(1)
    error = _failed(_nornir(_inventory(tmp_path, closed), monkeypatch), read_running)
    assert isinstance(error, ConnectRefused)
    assert (error.category, error.step, error.host) == ("connect-refused", "connect", "r1")
    assert error.reason == "connection refused (nothing listens there: router down or wrong port)"


def test_refused_login_is_authentication_failed(router: Any, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    router.set_fault("auth-refuse")
    error = _failed(_nornir(_inventory(tmp_path, router.spec.port), monkeypatch), read_running)
    assert isinstance(error, AuthenticationFailed)
    assert (error.category, error.step, error.reason) == ("auth", "connect",
                                                          "authentication failed")


def test_a_router_that_stops_answering_is_a_timeout(router: Any, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    nr = _nornir(_inventory(tmp_path, router.spec.port), monkeypatch, timeout=1.5)

    def hang_then_read(task: Task) -> Result:
        device = Device(task, 1.5)  # logged in, prompt seen
        router.set_fault("hang")
        return Result(host=task.host, result=device.running_config())

    error = _failed(nr, hang_then_read)
    assert isinstance(error, DeviceTimeout)
    assert (error.category, error.step) == ("timeout", "collect")
    assert error.reason == "no answer within the timeout (device slow or hung)"


def test_session_dropped_mid_push_is_session_lost(router: Any, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    router.set_fault("drop-after", "1")

    def push(task: Task) -> Result:
        Device(task, 3.0).configure(["interface Loopback7", " description one"], "push")
        return Result(host=task.host)

    error = _failed(_nornir(_inventory(tmp_path, router.spec.port), monkeypatch), push)
    assert isinstance(error, SessionLost)
    assert (error.category, error.step) == ("session-lost", "push")
    assert error.reason.startswith("session dropped (")


def test_refused_config_line_is_a_config_error(router: Any, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    router.set_fault("reject", "description")

    def push(task: Task) -> Result:
        Device(task, 3.0).configure(["interface Loopback8", " description two"], "push")
        return Result(host=task.host)

    error = _failed(_nornir(_inventory(tmp_path, router.spec.port), monkeypatch), push)
    assert isinstance(error, PushRefused)
    assert (error.category, error.step, error.index) == ("config-error", "push", 1)
    assert error.reason == ("IOS refused line 2 'description two': "
                            "% Invalid input detected at '^' marker.")


@pytest.mark.parametrize(("line", "said"), [
    # a subnet's own address (IOS: "% Bad mask /30 for address 172.20.100.96",
    # connecteddots.online "Cisco CLI Error: % Bad mask /xx for address X.X.X.X")
    (" ip address 172.20.100.96 255.255.255.252", "% Bad mask /30 for address 172.20.100.96"),
    # a mask that is not contiguous, which IOS answers without a '%' (an 1841,
    # community.infosecinstitute.com discussion 105972: "Bad mask 0xE1E1E100 for address ...")
    (" ip address 192.168.1.4 225.225.225.0", "Bad mask 0xE1E1E100 for address 192.168.1.4"),
    # a reference to an IPsec profile the router does not have
    (" tunnel protection ipsec profile NOPE", "% IPSEC profile NOPE not found"),
])
def test_a_line_ios_refuses_after_parsing_it_is_a_config_error(
        router: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, line: str,
        said: str) -> None:
    # The parser takes these lines; IOS refuses them for what they say. The push must see
    # that too, or it would go on and leave the router without the line, unnoticed.
    interface = "interface Tunnel9" if "tunnel" in line else "interface Loopback9"

    def push(task: Task) -> Result:
        Device(task, 3.0).configure([interface, line, " description after"], "push")
        return Result(host=task.host)

    error = _failed(_nornir(_inventory(tmp_path, router.spec.port), monkeypatch), push)
    assert isinstance(error, PushRefused)
    assert (error.category, error.index) == ("config-error", 1)
    assert error.reason == f"IOS refused line 2 '{line.strip()}': {said}"
    assert line.strip() not in router.running_config()


def test_a_refused_line_typed_ahead_is_named_and_no_later_group_is_sent(
        router: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 36 lines go in groups of 16 (lines 1-16, 17-32, 33-36); line 18 is refused
    lines = [f"interface Loopback{n}" for n in range(100, 136)]
    router.set_fault("reject", "interface Loopback117")

    def push(task: Task) -> Result:
        Device(task, 3.0).configure(lines, "push")
        return Result(host=task.host)

    error = _failed(_nornir(_inventory(tmp_path, router.spec.port), monkeypatch), push)
    assert isinstance(error, PushRefused)
    assert error.index == 17
    assert error.reason == ("IOS refused line 18 'interface Loopback117': "
                            "% Invalid input detected at '^' marker.")
    running = router.running_config()
    assert "interface Loopback115\n" in running  # the first group went in before the refusal
    assert "interface Loopback117\n" not in running
    assert "interface Loopback132" not in running  # the third group was never sent
    assert "interface Loopback135" not in running


def test_a_host_key_other_than_the_known_one_is_a_host_key_error(
        router: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # an ed25519 key that is not the lab's: 32 bytes of 0x01 in the OpenSSH wire format
    kind = b"ssh-ed25519"
    blob = struct.pack(">I", len(kind)) + kind + struct.pack(">I", 32) + b"\x01" * 32
    known = tmp_path / "known_hosts"
    known.write_text(f"[127.0.0.1]:{router.spec.port} ssh-ed25519 "
                     f"{base64.b64encode(blob).decode()}\n", encoding="utf-8")
    folder = _inventory(tmp_path, router.spec.port, data=f"    known_hosts: {known}\n")
    error = _failed(_nornir(folder, monkeypatch), read_running)
    assert isinstance(error, HostKeyError)
    assert (error.category, error.step) == ("host-key", "connect")


def test_a_sub_task_failure_is_found_through_the_parent_result(
        router: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    router.set_fault("auth-refuse")

    def mine(task: Task) -> Result:
        task.run(task=collect_sa, timeout=3.0)
        return Result(host=task.host)

    nr = _nornir(_inventory(tmp_path, router.spec.port), monkeypatch)
    multi = nr.run(task=mine)["r1"]
    found = failure(multi)
    assert isinstance(found, AuthenticationFailed) and found.step == "connect"
    fine = nr.run(task=lambda task: Result(host=task.host), on_failed=True)["r1"]
    assert failure(fine) is None


def test_an_exception_of_no_known_kind_keeps_its_class_name() -> None:
    error = device_error(KeyError("surprise"), "r1", "collect")
    assert type(error) is DeviceError
    assert (error.category, str(error)) == ("device", "r1: collect: KeyError: 'surprise'")


# A user below privilege 15 logs in to user EXEC (u1>): flexorch enters privileged EXEC with the
# inventory's enable secret (data.credentials.enable) before anything else.
PRIVILEGE_1 = "      privilege: 1\n      enable: {env: T_FAIL_ENABLE}\n"


def test_a_privilege_1_login_enters_enable_with_the_secret(lab: LabFleet, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    monkeypatch.setenv("T_FAIL_ENABLE", ENABLE)
    nr = _nornir(_inventory(tmp_path, lab.router("u1").spec.port, data=PRIVILEGE_1),
                 monkeypatch)

    def task(task: Task) -> Result:
        device = Device(task, 3.0)
        return Result(host=task.host, result=(device.command("show privilege", "read"),
                                              str(read_running(task, 3.0).result)))

    try:
        multi = nr.run(task=task)["r1"]
    finally:
        nr.close_connections(on_failed=True)
    assert not multi.failed, multi[0].exception
    privilege, running = multi[0].result
    assert privilege.strip() == "Current privilege level is 15"
    assert "\nhostname u1\n" in running


def test_a_refused_enable_secret_is_authentication_failed(lab: LabFleet, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    monkeypatch.setenv("T_FAIL_ENABLE", "not-the-secret")
    error = _failed(_nornir(_inventory(tmp_path, lab.router("u1").spec.port, data=PRIVILEGE_1),
                            monkeypatch), read_running)
    assert isinstance(error, AuthenticationFailed)
    assert (error.category, error.step, error.reason) == ("auth", "connect",
                                                          "authentication failed")
    assert "not-the-secret" not in str(error)
