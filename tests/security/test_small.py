"""The audit's small findings: short pre-shared keys, YAML merge keys, an absurd inventory, short
secrets never masked, the lab control socket crashing on a non-ASCII token, ``flexorch lab
down`` signalling a process that is not the lab."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from flexorch.intent import load_fleet
from flexorch.lab.control import LAB_FILE, ControlServer
from flexorch.secrets import MASK, mask, register_secret
from tests.intent.test_inventory_errors import _line_of, write_inventory
from tests.security.helpers import flexorch, run


@pytest.mark.parametrize(("key", "code"), [("seven77", 2), ("eight888", 0)])
def test_a_pre_shared_key_under_8_characters_is_refused(tmp_path: Path, key: str,
                                                        code: int) -> None:
    folder = write_inventory(tmp_path / "inv", [])
    done = run("render", "--host", "spoke1", "--out", str(tmp_path / "out"),
                    "--with-secrets", inventory=folder, env={"T_PSK_SPOKE1": key})
    assert done.returncode == code, done.stderr
    if code:
        line = _line_of((folder / "hosts.yaml").read_text(), "psk:")
        assert (f"hosts.yaml:{line}: host spoke1: data.psk: pre-shared key env:T_PSK_SPOKE1 has "
                "7 characters: flexorch refuses keys under 8") in done.stderr
        assert key not in done.stderr
        # lint too: a refused key is bad input, not a strength warning
        assert run("lint", inventory=folder, env={"T_PSK_SPOKE1": key}).returncode == 2


def test_yaml_merge_key_with_an_override_is_accepted(tmp_path: Path) -> None:
    folder = write_inventory(tmp_path / "inv", [(
        "groups.yaml", "    ikev2_proposals:\n      P1:\n        encryption: [aes-gcm-256]\n"
        "        prf: [sha512]\n        group: [21]\n",
        "    ikev2_proposals:\n      P1: &strong\n        encryption: [aes-gcm-256]\n"
        "        prf: [sha512]\n        group: [21]\n"
        "      P2:\n        <<: *strong\n        group: [20]\n")])
    proposals = load_fleet(folder).hosts["hub1"].ikev2_proposals
    assert [str(g) for g in proposals["P2"].group] == ["20"]  # written over merged
    assert proposals["P2"].encryption == proposals["P1"].encryption
    twice = write_inventory(tmp_path / "twice", [(
        "groups.yaml", "        group: [21]\n", "        group: [21]\n        group: [20]\n")])
    done = run("render", inventory=twice)
    assert done.returncode == 2 and "duplicate key 'group'" in done.stderr


# Peak memory is VmHWM, the child's own address space: ru_maxrss survives execve on Linux and
# would report the size of the pytest process that forked the child (516 MiB late in CI).
MEASURE = textwrap.dedent("""\
    import sys
    from flexorch.cli import main
    sys.argv = ["flexorch", "-i", sys.argv[1], "lint"]
    try:
        main()
    except SystemExit as stop:
        code = stop.code
    with open("/proc/self/status", encoding="ascii") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    print(code, peak, file=sys.__stdout__)
""")


def _absurd(folder: Path, host: str) -> None:
    """200,000 hosts appended to the small valid inventory of ``folder``."""
    with (folder / "hosts.yaml").open("a", encoding="utf-8") as out:
        for n in range(200_000):
            out.write(host.format(n=n, port=1024 + n % 60000, a=n >> 16, b=(n >> 8) & 255,
                                  c=n & 255))


def _peak(folder: Path) -> tuple[int, int, str]:
    """Exit code, peak resident memory (KiB) and stderr of `flexorch lint` on ``folder``."""
    done = subprocess.run([sys.executable, "-c", MEASURE, str(folder)], capture_output=True,
                          text=True, timeout=300, check=False)
    code, peak_kib = (int(x) for x in done.stdout.split()[-2:])
    return code, peak_kib, done.stderr


def test_an_absurd_inventory_fails_fast_in_bounded_memory(tmp_path: Path) -> None:
    # 200,000 spokes as they are written in a real inventory: the file is too big to read
    folder = write_inventory(tmp_path / "big", [])
    _absurd(folder, "s{n}:\n  hostname: 127.0.0.1\n  port: {port}\n  groups: [spokes]\n"
            "  data:\n    psk: {{env: T_PSK_S{n}}}\n    interfaces:\n"
            "      GigabitEthernet1: {{description: WAN, ipv4: 10.{a}.{b}.{c}/24}}\n"
            "    loopbacks:\n      Loopback0: {{ipv4: 10.{a}.{b}.{c}/32}}\n")
    assert (folder / "hosts.yaml").stat().st_size > 40 * 2**20
    code, peak_kib, err = _peak(folder)
    assert code == 2
    assert "MiB, over the 32 MiB limit for an inventory file" in err
    assert peak_kib < 500 * 1024  # VmHWM is in KiB; the audit measured 3.4 GB
    # 200,000 valid spokes in as few bytes as YAML allows: refused by count, before validation
    small = write_inventory(tmp_path / "small", [])
    _absurd(small, "s{n}: {{port: {port}, groups: [spokes]}}\n")
    assert (small / "hosts.yaml").stat().st_size < 8 * 2**20
    code, peak_kib, err = _peak(small)
    assert code == 2
    assert "hosts.yaml: more than 50,000 hosts (set FLEXORCH_MAX_HOSTS" in err
    assert peak_kib < 500 * 1024


def test_yaml_aliases_that_expand_without_end_are_refused(tmp_path: Path) -> None:
    folder = write_inventory(tmp_path / "inv", [])
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    (folder / "groups.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = run("render", inventory=folder)
    assert done.returncode == 2
    assert "YAML aliases expand to more than 20,000,000 values" in done.stderr


def test_short_secrets_are_masked_where_they_stand_alone() -> None:
    register_secret("Qz7")
    assert mask("the router said Qz7 (Qz7).") == f"the router said {MASK} ({MASK})."
    assert mask("xQz7y and Qz7a") == "xQz7y and Qz7a"  # inside another word it is not the secret


def test_control_channel_answers_a_non_ascii_token(tmp_path: Path) -> None:
    server = ControlServer(None, tmp_path)  # type: ignore[arg-type]  # the token fails first
    for token in ("\u00e9" * 32, 42, None, "0" * 31, server.token.upper()):
        answer = server.handle(json.dumps({"token": token, "op": "shutdown"}).encode())
        assert answer == {"ok": False, "error": "bad or missing control token"}
    assert not server.stop_requested.is_set()
    assert server.handle(json.dumps({"token": server.token, "op": "shutdown"}).encode()) == {
        "ok": True}


def test_lab_down_never_signals_a_process_that_is_not_the_lab(tmp_path: Path) -> None:
    bystander = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        # a stale lab.json whose pid now belongs to another program
        (tmp_path / LAB_FILE).write_text(json.dumps(
            {"pid": bystander.pid, "control_port": 9, "routers": []}), encoding="utf-8")
        done = flexorch("lab", "down", "--state-dir", str(tmp_path), timeout=60)
        assert done.returncode == 0
        assert done.stdout == "lab is not running\n"
        assert bystander.poll() is None  # still running: never signalled
    finally:
        bystander.send_signal(signal.SIGKILL)
        bystander.wait()
