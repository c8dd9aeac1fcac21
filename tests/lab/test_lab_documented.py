"""The FlexVPN commands Cisco documents (``tests/fidelity/documented.py``), typed over SSH into a
lab router in config mode: every line is taken without a ``%`` answer, ``show running-config``
shows each block's lines as typed, and the lines the documents exclude (``set responder-only``
in an IPsec profile, ``responder-only`` in a crypto map) get IOS's caret and ``% Invalid input``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from netmiko import ConnectHandler

from flexorch.lab.fleet import LabFleet
from flexorch.lab.settings import LabSettings
from tests.fidelity.documented import BLOCKS, REFUSED, all_lines, typed
from tests.lab.helpers import RawShell, make_specs, netmiko_params

pytestmark = pytest.mark.lab

SETTINGS = LabSettings(revert_seconds_per_minute=1, reload_seconds=0.2, login_timeout=10)


@pytest.fixture(scope="module")
def fleet(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabFleet]:
    with LabFleet.start(specs=make_specs(["doc"]), state_dir=tmp_path_factory.mktemp("doc"),
                        settings=SETTINGS) as lab:
        yield lab


def _type(shell: RawShell, lines: list[str]) -> list[tuple[str, str]]:
    """Type ``lines`` in config mode (``exit`` back to global config before each top-level
    line); every (line, answer) whose answer holds an IOS error line."""
    shell.send("configure terminal\n")
    shell.read_until(r"\(config\)#$")
    errors = []
    for line in lines:
        if not line.startswith(" "):
            shell.send("end\nconfigure terminal\n")
            shell.read_until(r"\(config\)#$")
        shell.send(line.strip() + "\n")
        answer = shell.read_until(r"[#>]\s*$", timeout=10)
        if "\n%" in answer or answer.startswith("%"):
            errors.append((line, answer))
    shell.send("end\n")
    shell.read_until(r"#\s*$")
    return errors


def test_documented_commands_typed_over_ssh_are_taken_and_shown(fleet: LabFleet) -> None:
    shell = RawShell(fleet.router("doc").spec.port)
    try:
        shell.read_until(r"#\s*$")
        assert _type(shell, all_lines()) == []
    finally:
        shell.close()
    with ConnectHandler(**netmiko_params(fleet, "doc")) as conn:
        shown = conn.send_command("show running-config").splitlines()
    for block in BLOCKS:
        if block.header is None:
            assert [line for line in block.lines if line not in shown] == []
            continue
        start = shown.index(block.header)
        end = next(i for i in range(start + 1, len(shown)) if not shown[i].startswith(" "))
        assert [line for line in typed(block)[1:] if line not in shown[start:end]] == [], (
            block.header)


# The prompts IOS prints in these modes (Security Command Reference examples:
# ``Router(ipsec-profile)#``, ``Router(config-crypto-map)#``); the caret counts from the prompt.
PROMPTS = {"crypto ipsec profile DOC_PROF": "doc(ipsec-profile)#",
           "crypto map DOC_MAP 10 ipsec-isakmp": "doc(config-crypto-map)#"}


def test_excluded_lines_get_the_caret_over_ssh(fleet: LabFleet) -> None:
    shell = RawShell(fleet.router("doc").spec.port)
    try:
        shell.read_until(r"#\s*$")
        for header, line, _why in REFUSED:
            errors = _type(shell, [header, f" {line}"])
            assert len(errors) == 1 and errors[0][0] == f" {line}"
            echo, caret, message = errors[0][1].splitlines()[:3]
            assert echo == line
            assert message == "% Invalid input detected at '^' marker."
            # The caret is under ``responder-only`` of the line typed after the prompt.
            assert caret.index("^") == len(PROMPTS[header]) + line.index("responder-only")
    finally:
        shell.close()
