"""Exactly what a lab router sends back, byte for byte, over a real SSH shell."""

from __future__ import annotations

import paramiko
import pytest

from flexorch.lab.fleet import LabFleet
from tests.lab.helpers import ENABLE, PASSWORD, USER, Shells

pytestmark = pytest.mark.lab


def _port(lab: LabFleet, name: str) -> int:
    return lab.router(name).spec.port


def test_login_greets_with_prompt_without_newline(lab: LabFleet, shell_factory: Shells) -> None:
    shell = shell_factory(_port(lab, "r1"))
    assert shell.read_until(r"r1#$") == "\r\nr1#"


def test_echo_then_crlf_output_then_bare_prompt(lab: LabFleet, shell_factory: Shells) -> None:
    shell = shell_factory(_port(lab, "r1"))
    shell.read_until(r"r1#$")
    shell.send("show privilege\n")
    assert shell.read_until(r"r1#$") == "show privilege\r\nCurrent privilege level is 15\r\nr1#"


@pytest.mark.parametrize("enter", ["\r", "\n", "\r\n"])
def test_each_line_ending_is_one_enter(lab: LabFleet, shell_factory: Shells, enter: str) -> None:
    shell = shell_factory(_port(lab, "r1"))
    shell.read_until(r"r1#$")
    shell.send(f"terminal length 0{enter}show privilege{enter}")
    out = shell.read_until(r"level is 15\r\nr1#$")
    # one prompt after each command and no extra empty command in between
    assert out == "terminal length 0\r\nr1#show privilege\r\nCurrent privilege level is 15\r\nr1#"
    assert shell.read_quiet(0.2) == b""


def test_crlf_split_across_packets_is_one_enter(lab: LabFleet, shell_factory: Shells) -> None:
    shell = shell_factory(_port(lab, "r1"))
    shell.read_until(r"r1#$")
    shell.send("terminal width 511\r")
    assert shell.read_until(r"r1#$") == "terminal width 511\r\nr1#"
    shell.send("\n")
    assert shell.read_quiet(0.2) == b""


def test_empty_line_gives_a_fresh_prompt(lab: LabFleet, shell_factory: Shells) -> None:
    shell = shell_factory(_port(lab, "r1"))
    shell.read_until(r"r1#$")
    shell.send("\n")
    assert shell.read_until(r"r1#$") == "\r\nr1#"


def test_typed_ahead_commands_run_in_order(lab: LabFleet, shell_factory: Shells) -> None:
    shell = shell_factory(_port(lab, "r2"))
    shell.read_until(r"r2#$")
    shell.send("show privilege\nshow foo\nshow privilege\n")
    tail = r"marker\.\r\n\r\nr2#show privilege\r\nCurrent privilege level is 15\r\nr2#$"
    out = shell.read_until(tail)
    assert out.startswith("show privilege\r\nCurrent privilege level is 15\r\nr2#show foo\r\n")


def test_backspace_edits_the_line(lab: LabFleet, shell_factory: Shells) -> None:
    shell = shell_factory(_port(lab, "r1"))
    shell.read_until(r"r1#$")
    shell.send("show privX\x7filege\n")
    out = shell.read_until(r"r1#$")
    assert "Current privilege level is 15" in out


def test_invalid_input_caret_under_the_bad_word(lab: LabFleet, shell_factory: Shells) -> None:
    shell = shell_factory(_port(lab, "r1"))
    shell.read_until(r"r1#$")
    shell.send("show runnning-config\n")
    out = shell.read_until(r"r1#$")
    # "r1#" is 3 columns, "show " 5 more: the caret sits under the 'r' of the bad word
    assert out == ("show runnning-config\r\n" + " " * 8 + "^\r\n"
                   "% Invalid input detected at '^' marker.\r\n\r\nr1#")


def test_incomplete_and_ambiguous(lab: LabFleet, shell_factory: Shells) -> None:
    shell = shell_factory(_port(lab, "r1"))
    shell.read_until(r"r1#$")
    shell.send("show crypto ikev2\n")
    assert shell.read_until(r"r1#$") == "show crypto ikev2\r\n% Incomplete command.\r\n\r\nr1#"
    shell.send("co\n")
    assert shell.read_until(r"r1#$") == 'co\r\n% Ambiguous command:  "co"\r\n\r\nr1#'


def test_out_of_range_number_caret(lab: LabFleet, shell_factory: Shells) -> None:
    shell = shell_factory(_port(lab, "r1"))
    shell.read_until(r"r1#$")
    shell.send("terminal length 513\n")
    out = shell.read_until(r"r1#$")
    assert out.split("\r\n")[1] == " " * (3 + len("terminal length ")) + "^"


def test_enable_prompts_password_without_echo(lab: LabFleet, shell_factory: Shells) -> None:
    shell = shell_factory(_port(lab, "u1"))
    shell.read_until(r"u1>$")
    shell.send("show running-config\n")
    assert "% Invalid input detected" in shell.read_until(r"u1>$")
    shell.send("enable\n")
    assert shell.read_until(r"Password: $") == "enable\r\nPassword: "
    shell.send(ENABLE + "\n")
    out = shell.read_until(r"u1#$")
    assert ENABLE not in out
    assert out == "\r\nu1#"
    shell.send("disable\n")
    assert shell.read_until(r"u1>$") == "disable\r\nu1>"


def test_enable_wrong_secret_three_times(lab: LabFleet, shell_factory: Shells) -> None:
    shell = shell_factory(_port(lab, "u1"))
    shell.read_until(r"u1>$")
    shell.send("enable\n")
    shell.read_until(r"Password: $")
    shell.send("nope\n")
    shell.read_until(r"Password: $")
    shell.send("nope\n")
    shell.read_until(r"Password: $")
    shell.send("nope\n")
    out = shell.read_until(r"u1>$")
    assert "% Bad secrets" in out


def test_exit_at_exec_level_closes_the_session(lab: LabFleet, shell_factory: Shells) -> None:
    shell = shell_factory(_port(lab, "r3"))
    shell.read_until(r"r3#$")
    shell.send("exit\n")
    shell.read_quiet(0.3)
    assert shell.chan.closed or shell.chan.exit_status_ready()


def test_configure_terminal_banner_and_end(lab: LabFleet, shell_factory: Shells) -> None:
    shell = shell_factory(_port(lab, "r3"))
    shell.read_until(r"r3#$")
    shell.send("conf t\n")
    out = shell.read_until(r"r3\(config\)#$")
    banner = "Enter configuration commands, one per line.  End with CNTL/Z."
    assert out == f"conf t\r\n{banner}\r\nr3(config)#"
    shell.send("end\n")
    assert shell.read_until(r"r3#$") == "end\r\nr3#"


def test_ctrl_z_leaves_config_mode(lab: LabFleet, shell_factory: Shells) -> None:
    shell = shell_factory(_port(lab, "r3"))
    shell.read_until(r"r3#$")
    shell.send("configure terminal\n")
    shell.read_until(r"\(config\)#$")
    shell.send("\x1a")
    assert shell.read_until(r"r3#$").endswith("^Z\r\nr3#")


def test_do_runs_exec_commands_in_config_mode(lab: LabFleet, shell_factory: Shells) -> None:
    shell = shell_factory(_port(lab, "r3"))
    shell.read_until(r"r3#$")
    shell.send("configure terminal\ndo show privilege\nend\n")
    out = shell.read_until(r"end\r\nr3#$")
    assert "r3(config)#do show privilege\r\nCurrent privilege level is 15\r\nr3(config)#end" in out


def test_exec_channel_runs_one_command(lab: LabFleet) -> None:
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    client.connect("127.0.0.1", port=_port(lab, "r2"), username=USER, password=PASSWORD,
                   look_for_keys=False, allow_agent=False)
    try:
        _, stdout, _ = client.exec_command("show privilege")
        assert stdout.read().decode() == "Current privilege level is 15\r\n"
    finally:
        client.close()


def test_long_output_pages_without_terminal_length_0(lab: LabFleet, shell_factory: Shells) -> None:
    shell = shell_factory(_port(lab, "r2"))
    shell.read_until(r"r2#$")
    shell.send("show version\n")
    first = shell.read_until(r" --More-- $")
    # after the echo: 23 lines of output and the --More-- line fill a 24-line screen
    assert first.split("\r\n", 1)[1].count("\r\n") == 23
    shell.send("\r")  # Enter: one more line
    one = shell.read_until(r" --More-- $")
    assert one.count("\r\n") == 1 and one.startswith("\b" * 10 + " " * 10 + "\b" * 10)
    shell.send(" ")  # space: the rest fits on the next page
    rest = shell.read_until(r"r2#$")
    assert "Configuration register is 0x2102" in rest
    shell.send("terminal length 0\nshow version\n")
    whole = shell.read_until(r"0x2102\r\n\r\nr2#$")
    assert "--More--" not in whole
    shell.send("terminal length 10\nshow version\n")
    shell.read_until(r" --More-- $")
    shell.send("q")
    assert shell.read_until(r"r2#$").endswith("\b" * 10 + "r2#")
