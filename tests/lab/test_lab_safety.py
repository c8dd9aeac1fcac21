"""Archive, revert timer, configure confirm / revert / replace, write memory and reload."""

from __future__ import annotations

import time

import pytest
from netmiko import ConnectHandler

from flexorch.lab.fleet import LabFleet
from tests.lab.helpers import netmiko_params

pytestmark = pytest.mark.lab

# The lab fixture runs revert timers at 0.5 s per IOS minute.
MINUTE = 0.5


def _send(conn: object, command: str, expect: str = r"#") -> str:
    return conn.send_command(command, expect_string=expect)  # type: ignore[attr-defined,no-any-return]


def test_revert_timer_rolls_back_when_not_confirmed(lab: LabFleet) -> None:
    router = lab.router("r1")
    with ConnectHandler(**netmiko_params(lab, "r1")) as conn:
        started = _send(conn, "configure terminal revert timer 2", r"\(config\)#")
        backing = "Rollback Confirmed Change: Backing up current running config to flash:archive-"
        assert backing in started
        assert "Enter configuration commands, one per line.  End with CNTL/Z." in started
        conn.send_config_set(["interface Loopback77", " description revert-me"],
                             enter_config_mode=False)
        assert "Loopback77" in router.running_config()
        assert router.revert_pending()
        timer = _send(conn, "show archive config rollback timer")
        assert "Timer value: 2 min" in timer
        time.sleep(2 * MINUTE + 0.4)
        assert not router.revert_pending()
        assert "Loopback77" not in router.running_config()
        assert "%No Rollback Confirmed Change pending" in _send(conn, "configure confirm")
        assert "Loopback77" not in _send(conn, "show running-config")


def test_revert_timer_keeps_change_when_confirmed(lab: LabFleet) -> None:
    router = lab.router("r2")
    with ConnectHandler(**netmiko_params(lab, "r2")) as conn:
        _send(conn, "configure terminal revert timer 1", r"\(config\)#")
        conn.send_config_set(["interface Loopback78", " description keep-me"],
                             enter_config_mode=False)
        assert _send(conn, "configure confirm").strip() == ""
        time.sleep(MINUTE + 0.4)
        assert "Loopback78" in router.running_config()
        timer = _send(conn, "show archive config rollback timer")
        assert "%No Rollback Confirmed Change pending" in timer


def test_configure_revert_now_and_timer_reset(lab: LabFleet) -> None:
    router = lab.router("r3")
    before = router.running_config()
    with ConnectHandler(**netmiko_params(lab, "r3")) as conn:
        _send(conn, "configure terminal revert timer 1", r"\(config\)#")
        conn.send_config_set(["hostname r3-changed"], enter_config_mode=False)
        # the prompt follows the hostname at once
        assert conn.find_prompt() == "r3-changed#"
        assert _send(conn, "configure revert timer 120").strip() == ""
        time.sleep(MINUTE + 0.3)
        assert router.revert_pending()  # the reset pushed expiry far out
        reverted = _send(conn, "configure revert now", r"r3#")
        assert "Rollback Done" in reverted
    assert router.running_config() == before
    assert not router.revert_pending()


def test_revert_timer_needs_archive_path(lab: LabFleet) -> None:
    router = lab.router("r2")
    errors = router.apply_config(["no archive"])
    assert errors == []
    try:
        with ConnectHandler(**netmiko_params(lab, "r2")) as conn:
            out = _send(conn, "configure terminal revert timer 5")
            assert "%Turn config archive on before using Rollback Confirmed Change" in out
            assert conn.find_prompt() == "r2#"
            assert not router.revert_pending()
            assert "Archive feature not enabled" in _send(conn, "show archive")
    finally:
        router.apply_config(["archive", " path flash:archive", " maximum 5"])


def test_archive_rotates_at_maximum(lab: LabFleet) -> None:
    router = lab.router("r1")
    with ConnectHandler(**netmiko_params(lab, "r1")) as conn:
        for _ in range(7):
            _send(conn, "archive config")
        shown = _send(conn, "show archive")
    names = sorted(n for n in router.flash() if n.startswith("archive-"))
    assert len(names) == 5  # "maximum 5" in the day-0 archive block
    assert "The maximum archive configurations allowed is 5." in shown
    assert "<- Most Recent" in shown


def test_configure_replace_from_flash(lab: LabFleet) -> None:
    router = lab.router("r1")
    with ConnectHandler(**netmiko_params(lab, "r1")) as conn:
        _send(conn, "copy running-config flash:golden.cfg", r"\?")
        _send(conn, "\n")
        conn.send_config_set(["interface Loopback90", " description drift", "hostname r1"])
        assert "Loopback90" in router.running_config()
        out = _send(conn, "configure replace flash:golden.cfg force")
        missing = _send(conn, "configure replace flash:nope.cfg force")
        asked = _send(conn, "configure replace flash:golden.cfg", r"\[no\]: ")
        asked += _send(conn, "n")
    assert "Total number of passes: 1" in out and "Rollback Done" in out
    assert "Loopback90" not in router.running_config()
    assert "%Error opening flash:nope.cfg (No such file or directory)" in missing
    assert "Enter Y if you are sure you want to proceed." in asked


def test_write_memory_keeps_startup_and_reload_loses_unsaved(lab: LabFleet) -> None:
    router = lab.router("r3")
    with ConnectHandler(**netmiko_params(lab, "r3")) as conn:
        conn.send_config_set(["interface Loopback11", " description saved"])
        assert "[OK]" in _send(conn, "write memory")
        conn.send_config_set(["interface Loopback12", " description unsaved"])
        assert router.status()["unsaved"] is True
        startup = _send(conn, "show startup-config")
        assert "Loopback11" in startup and "Loopback12" not in startup
        out = _send(conn, "reload", r"Save\? \[yes/no\]: ")
        out += _send(conn, "no", r"\[confirm\]")
        conn.write_channel("\n")
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and "Loopback12" in router.running_config():
        time.sleep(0.05)
    running = router.running_config()
    assert "Loopback11" in running and "Loopback12" not in running
    assert "System configuration has been modified." in out
    # the router is back: a new session works
    deadline = time.monotonic() + 5
    while True:
        try:
            with ConnectHandler(**netmiko_params(lab, "r3")) as conn:
                assert conn.find_prompt() == "r3#"
            break
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
