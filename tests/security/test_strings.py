"""Everything that reaches a config is printable ASCII, validated with full-match semantics, and
every error message escapes control characters.

The audit's findings: a host name ending in a line break was accepted (``$`` matches before a
final newline) and split the rendered ``hostname`` line; Unicode digits reached the config
(``interface Loopback`` + ARABIC-INDIC DIGIT ONE); error messages echoed raw values, so an
escape sequence in the inventory reached the operator's terminal.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from flexorch.cli.common import print_error
from tests.intent.test_inventory_errors import write_inventory
from tests.security.helpers import run

ESC = "\x1b"


def _render(folder: Path) -> tuple[int, str, str]:
    done = run("render", inventory=folder)
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize(("old", "new", "message"), [
    # a router name with a final line break (was accepted: `$` before "\n")
    ("spoke1:\n", '"spoke1\\n":\n', "is not a valid router name"),
    # Unicode digits as an interface number (was rendered as such)
    ("    tunnels:\n", "    loopbacks:\n      Loopback\u0661: {ipv4: 10.9.9.9/32}\n    tunnels:\n",
     "contains a non-ASCII character (U+0661 ARABIC-INDIC DIGIT ONE)"),
    ("    tunnels:\n", '    vrfs:\n      V1: {rd: "\u0661:1"}\n    tunnels:\n', "rd"),
    # an IPv6 zone may hold anything, a line break and a second command included
    ("      GigabitEthernet1: {description: WAN, ipv4: 198.51.100.2/24}",
     '      GigabitEthernet1: {description: WAN, ipv4: 198.51.100.2/24, '
     'ipv6: ["fe80::1%x\\nshutdown/64"]}', "an IPv6 zone (%...) is not allowed"),
    ("        description: to hub1\n", '        description: "to hub1\\r\\nshutdown"\n',
     "contains a line break or control character (\\x0d)"),
    ("  hostname: 127.0.0.1\n  port: 22002", '  hostname: "127.0.0.1\\n"\n  port: 22002',
     "is not an IP address or a host name"),
])
def test_values_that_would_add_or_split_a_line_are_refused(
        tmp_path: Path, old: str, new: str, message: str) -> None:
    file = "hosts.yaml"
    folder = write_inventory(tmp_path / "inv", [(file, old, new)])
    code, out, err = _render(folder)
    assert code == 2, out
    assert len(err.strip().splitlines()) == 1
    assert message in err
    assert "shutdown" not in out


def test_aaa_method_with_a_final_line_break_is_refused(tmp_path: Path) -> None:
    folder = write_inventory(tmp_path / "inv", [(
        "groups.yaml", "base:\n  data:\n",
        'base:\n  data:\n    aaa:\n      authorization:\n        - {type: network, name: L, '
        'methods: ["local\\n"]}\n')])
    code, _, err = _render(folder)
    assert code == 2
    assert "is not an AAA method" in err


def test_an_escape_sequence_in_the_inventory_never_reaches_the_terminal(tmp_path: Path) -> None:
    # a key that retitles the terminal window and clears the screen (YAML's \\e is ESC, \\a BEL)
    folder = write_inventory(tmp_path / "inv", [
        ("hosts.yaml", "    psk: {env: T_PSK_SPOKE1}\n",
         '    psk: {env: T_PSK_SPOKE1}\n    "descr\\e]0;pwned\\a\\e[2Jiption": x\n')])
    code, _, err = _render(folder)
    assert code == 2
    assert ESC not in err and "\x07" not in err
    assert "unknown data key 'descr\\x1b]0;pwned\\x07\\x1b[2Jiption'" in err


def test_the_cli_error_printer_escapes_any_message(capsys: pytest.CaptureFixture[str]) -> None:
    print_error(f"router said: {ESC}[31mred\u202eevil\nsecond line")
    err = capsys.readouterr().err
    assert err == "flexorch: error: router said: \\x1b[31mred\\u202eevil\\x0asecond line\n"
