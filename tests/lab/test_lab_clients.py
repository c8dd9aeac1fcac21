"""Unmodified netmiko (cisco_ios) and scrapli (cisco_iosxe) drive a lab router end to end."""

from __future__ import annotations

import pytest
from netmiko import ConnectHandler
from netmiko.exceptions import ConfigInvalidException
from scrapli import Cli
from scrapli.auth import LookupKeyValue
from scrapli.auth import Options as AuthOptions
from scrapli.transport import BinOptions, Ssh2Options

from flexorch.ios.facts import platform
from flexorch.lab.fleet import LabFleet
from tests.lab.helpers import ENABLE, PASSWORD, USER, netmiko_params

pytestmark = pytest.mark.lab

# A FlexVPN spoke, in the guide's shapes, as an operator would type it (abbreviations included).
FLEXVPN_SPOKE = [
    "crypto ikev2 proposal PROP1",
    " encryption aes-cbc-256",
    " integrity sha256",
    " group 19",
    "crypto ikev2 policy POL1",
    " proposal PROP1",
    "crypto ikev2 keyring KR",
    " peer HUB",
    "  address 198.51.100.200",
    "  pre-shared-key Spoke-Key-42",
    "crypto ikev2 profile PROF",
    " match identity remote address 198.51.100.200 255.255.255.255",
    " authentication remote pre-share",
    " authentication local pre-share",
    " keyring local KR",
    "crypto ipsec profile IPSEC1",
    " set ikev2-profile PROF",
    "int tu0",
    " ip unnumbered GigabitEthernet1",
    " tunnel source GigabitEthernet1",
    " tunnel destination 198.51.100.200",
    " tunnel protection ipsec profile IPSEC1",
]


def test_netmiko_pushes_flexvpn_and_reads_it_back(lab: LabFleet) -> None:
    with ConnectHandler(**netmiko_params(lab, "r1")) as conn:
        assert conn.find_prompt() == "r1#"
        output = conn.send_config_set(FLEXVPN_SPOKE, error_pattern=platform.CONFIG_ERROR_PATTERN)
        assert "r1(config-ikev2-proposal)#" in output
        assert "r1(config-ikev2-keyring-peer)#" in output
        assert "r1(config-if)#" in output
        assert not conn.check_config_mode()
        running = conn.send_command("show running-config")
        section = conn.send_command("show running-config | section crypto ikev2 proposal")
        tunnel = conn.send_command("show running-config interface Tunnel0")
        saved = conn.save_config()
    assert "Building configuration..." in running
    proposal = "\ncrypto ikev2 proposal PROP1\n encryption aes-cbc-256\n integrity sha256\n"
    assert proposal + " group 19\n" in running
    # the abbreviation typed (int tu0) is stored under IOS's full name
    assert "\ninterface Tunnel0\n" in running
    assert section.strip().splitlines()[0] == "crypto ikev2 proposal PROP1"
    assert "interface GigabitEthernet1" not in section
    assert " tunnel destination 198.51.100.200" in tunnel
    assert "interface GigabitEthernet1" not in tunnel
    assert "[OK]" in saved
    assert "crypto ikev2 proposal PROP1" in lab.router("r1").startup_config()


def test_netmiko_sees_invalid_input_as_ios_reports_it(lab: LabFleet) -> None:
    before = lab.router("r2").running_config()
    with ConnectHandler(**netmiko_params(lab, "r2")) as conn:
        with pytest.raises(ConfigInvalidException) as caught:
            conn.send_config_set(
                ["interface Loopback3", " bogus-keyword 12", " description after"],
                error_pattern=platform.CONFIG_ERROR_PATTERN,
            )
        assert "bogus-keyword 12" in str(caught.value)
        assert "% Invalid input" in str(caught.value)
        # netmiko left the session in config mode (documented fact); leave it before anything else
        conn.exit_config_mode()
        shown = conn.send_command("show running-config interface Loopback3")
    assert "bogus-keyword" not in shown
    assert "bogus-keyword" not in lab.router("r2").running_config()
    assert before != lab.router("r2").running_config()  # interface Loopback3 itself was taken


def test_netmiko_exec_abbreviations(lab: LabFleet) -> None:
    with ConnectHandler(**netmiko_params(lab, "r2")) as conn:
        version = conn.send_command("sh ver")
        brief = conn.send_command("sh ip int br")
        written = conn.send_command("wr")
        clock = conn.send_command("show clock")
    assert "Cisco IOS XE Software, Version 17.09.04a" in version
    assert "r2 uptime is " in version
    lines = {line.split()[0]: line.split() for line in brief.splitlines()[1:]}
    assert lines["GigabitEthernet1"][1:] == ["198.51.100.2", "YES", "manual", "up", "up"]
    assert lines["GigabitEthernet2"][-3:] == ["administratively", "down", "down"]
    assert written.strip().endswith("[OK]")
    assert clock.startswith("*") and " UTC " in clock


def test_netmiko_enable_from_privilege_1(lab: LabFleet) -> None:
    with ConnectHandler(**netmiko_params(lab, "u1")) as conn:
        assert conn.find_prompt() == "u1>"
        conn.enable()
        assert conn.find_prompt() == "u1#"
        assert conn.send_command("show privilege").strip() == "Current privilege level is 15"


def test_netmiko_copy_to_flash_and_dir(lab: LabFleet) -> None:
    with ConnectHandler(**netmiko_params(lab, "r3")) as conn:
        out = conn.send_command("copy running-config flash:backup.cfg", expect_string=r"\?")
        out += conn.send_command("\n", expect_string=r"r3#")
        listing = conn.send_command("dir flash:")
        again = conn.send_command("copy running-config flash:backup.cfg", expect_string=r"\?")
        again += conn.send_command("\n", expect_string=r"confirm")
        again += conn.send_command("\n", expect_string=r"r3#")
        more = conn.send_command("more flash:backup.cfg")
    assert "Destination filename [backup.cfg]?" in out
    assert "bytes copied in" in out
    assert "Directory of bootflash:/" in listing and "backup.cfg" in listing
    assert "Do you want to over write? [confirm]" in again
    assert "hostname r3" in more
    assert "hostname r3" in lab.router("r3").flash()["backup.cfg"]


def _scrapli(lab: LabFleet, name: str, transport: str) -> Cli:
    options: Ssh2Options | BinOptions = (
        Ssh2Options() if transport == "ssh2" else BinOptions(enable_strict_key=False)
    )
    return Cli(
        host="127.0.0.1",
        port=lab.router(name).spec.port,
        definition_file_or_name="cisco_iosxe",
        auth_options=AuthOptions(username=USER, password=PASSWORD,
                                 lookups=[LookupKeyValue("enable", ENABLE)]),
        transport_options=options,
    )


@pytest.mark.parametrize("transport", ["ssh2", "bin"])
def test_scrapli_pushes_flexvpn_and_reads_it_back(lab: LabFleet, transport: str) -> None:
    name = "r3"
    lines = [line.replace("PROP1", f"SCR_{transport.upper()}") for line in FLEXVPN_SPOKE[:4]]
    with _scrapli(lab, name, transport) as conn:
        result = conn.send_inputs([line.strip() for line in lines], requested_mode="configuration")
        assert not result.failed
        shown = conn.send_input(f"show running-config | section SCR_{transport.upper()}")
        bad = conn.send_input("show runing-config")
    assert f"crypto ikev2 proposal SCR_{transport.upper()}" in shown.result
    assert " encryption aes-cbc-256" in shown.result
    assert "% Invalid input detected" in bad.result
    assert f"crypto ikev2 proposal SCR_{transport.upper()}" in lab.router(name).running_config()


def test_scrapli_enters_enable_with_secret(lab: LabFleet) -> None:
    with _scrapli(lab, "u1", "ssh2") as conn:
        out = conn.send_input("show privilege")
    assert "Current privilege level is 15" in out.result
