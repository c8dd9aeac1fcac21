from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from flexorch.cli import COMMANDS, cli

HEAVY = ("nornir", "netmiko", "ciscoconfparse2", "textfsm", "asyncssh", "paramiko", "jinja2")


def test_help_lists_every_command() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert f"  {name} " in result.output


def test_help_imports_no_heavy_library() -> None:
    code = (
        "import sys\n"
        "from flexorch.cli import main\n"
        "sys.argv=['flexorch','--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_unknown_command_is_usage_error_exit_2() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "flexorch", "no-such-command"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 2
    assert "No such command" in out.stderr
    assert "Traceback" not in out.stderr


def test_parse_of_a_command_without_template_exits_2() -> None:
    # `parse` of a command without template is bad input (2), one line, no traceback.
    out = subprocess.run(
        [sys.executable, "-m", "flexorch", "parse", "show no such thing", "-"],
        input="",
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
