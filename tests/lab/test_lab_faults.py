"""Every fault is injectable at run time and observable from an SSH client."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from netmiko import ConnectHandler
from netmiko.exceptions import (
    ConfigInvalidException,
    NetmikoAuthenticationException,
    ReadTimeout,
)

from flexorch.errors import BadInputError
from flexorch.ios.facts import platform
from flexorch.lab.fleet import LabFleet
from tests.lab.helpers import Shells, netmiko_params

pytestmark = pytest.mark.lab


@pytest.fixture(autouse=True)
def _clear_faults(lab: LabFleet) -> Iterator[None]:
    yield
    for name in lab.names():
        lab.router(name).clear_faults()


def test_auth_refuse_then_clear(lab: LabFleet) -> None:
    router = lab.router("r1")
    assert router.set_fault("auth-refuse") == ["auth-refuse"]
    with pytest.raises(NetmikoAuthenticationException):
        ConnectHandler(**netmiko_params(lab, "r1"))
    assert router.clear_faults() == []
    with ConnectHandler(**netmiko_params(lab, "r1")) as conn:
        assert conn.find_prompt() == "r1#"


def test_drop_after_nth_config_line(lab: LabFleet) -> None:
    router = lab.router("r2")
    router.set_fault("drop-after", "3")
    lines = [f"interface Loopback{40 + i}" for i in range(5)]
    conn = ConnectHandler(**netmiko_params(lab, "r2"))
    with pytest.raises((OSError, EOFError, ReadTimeout)):
        conn.send_config_set(lines, read_timeout=2)
    conn.disconnect()
    running = router.running_config()
    # lines 1 and 2 after "configure terminal" were taken, then the 3rd config line dropped it
    assert "interface Loopback40" in running and "interface Loopback41" in running
    assert "interface Loopback42" in running
    assert "interface Loopback43" not in running and "interface Loopback44" not in running
    assert router.status()["sessions"] == 0


def test_slow_answers(lab: LabFleet) -> None:
    router = lab.router("r1")
    with ConnectHandler(**netmiko_params(lab, "r1")) as conn:
        started = time.monotonic()
        conn.send_command("show privilege")
        fast = time.monotonic() - started
        router.set_fault("slow", "0.3")
        started = time.monotonic()
        out = conn.send_command("show privilege", read_timeout=10)
        slow = time.monotonic() - started
    assert "Current privilege level is 15" in out
    assert slow >= 0.3 > fast


def test_reject_a_command(lab: LabFleet) -> None:
    router = lab.router("r3")
    router.set_fault("reject", "crypto ikev2 proposal")
    with ConnectHandler(**netmiko_params(lab, "r3")) as conn:
        with pytest.raises(ConfigInvalidException):
            conn.send_config_set(["crypto ikev2 proposal REJECTED", " encryption aes-cbc-128"],
                                 error_pattern=platform.CONFIG_ERROR_PATTERN)
        conn.exit_config_mode()
        shown = conn.send_command("show running-config | include REJECTED")
        other = conn.send_config_set(["interface Loopback60"],
                                     error_pattern=platform.CONFIG_ERROR_PATTERN)
    assert shown.strip() == ""
    assert "% Invalid" not in other
    assert "interface Loopback60" in router.running_config()
    assert "REJECTED" not in router.running_config()


def test_hang_gives_no_prompt(lab: LabFleet, shell_factory: Shells) -> None:
    router = lab.router("r1")
    shell = shell_factory(router.spec.port)
    shell.read_until(r"r1#$")
    router.set_fault("hang")
    shell.send("show privilege\n")
    assert shell.read_quiet(0.5) == b""
    fresh = shell_factory(router.spec.port)
    assert fresh.read_quiet(0.5) == b""
    router.clear_faults()
    # typing after the hang ended is answered again
    fresh.send("show privilege\n")
    assert "Current privilege level is 15" in fresh.read_until(r"r1#$")


def test_reload_fault_drops_sessions_and_unsaved(lab: LabFleet, shell_factory: Shells) -> None:
    router = lab.router("r2")
    router.apply_config(["interface Loopback61", " description unsaved"])
    shell = shell_factory(router.spec.port)
    shell.read_until(r"r2#$")
    router.set_fault("reload")
    shell.read_quiet(0.2)
    assert shell.chan.closed or shell.chan.eof_received
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and "Loopback61" in router.running_config():
        time.sleep(0.05)
    assert "Loopback61" not in router.running_config()
    deadline = time.monotonic() + 5
    while not router.status()["up"] and time.monotonic() < deadline:
        time.sleep(0.05)
    with ConnectHandler(**netmiko_params(lab, "r2")) as conn:
        assert conn.find_prompt() == "r2#"


def test_fault_bad_input_is_refused(lab: LabFleet) -> None:
    router = lab.router("r1")
    with pytest.raises(BadInputError, match="unknown fault kind"):
        router.set_fault("explode")
    with pytest.raises(BadInputError, match="drop-after needs"):
        router.set_fault("drop-after", "zero")
    with pytest.raises(BadInputError, match="no lab router named 'nowhere'"):
        router.set_fault("peer-down", "nowhere")
    with pytest.raises(BadInputError, match="no lab router named 'ghost'"):
        lab.router("ghost")
    assert router.status()["faults"] == []


def test_faults_show_in_status(lab: LabFleet) -> None:
    router = lab.router("r3")
    router.set_fault("slow", "0.01")
    router.set_fault("reject", "Show  Version")
    router.set_fault("peer-down", "r1")
    assert router.status()["faults"] == ["slow 0.01", "reject show version", "peer-down r1"]
