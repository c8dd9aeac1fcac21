"""``flexorch predict CONFIG_FILE...``: records, text report, exit codes (0 all READY, 1 some
fail, 2 bad input), run as a user runs it (``python -m flexorch``) for the exit-code contract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

KEY = "flexorch-cli-predict-key-0001"


def _site(name: str, mine: str, peer: str, *, key: str = KEY, version: str = "") -> str:
    head = f"version {version}\n" if version else ""
    return (f"{head}hostname {name}\n"
            f"crypto ikev2 keyring KR\n peer P\n  address {peer}\n  pre-shared-key {key}\n"
            f"crypto ikev2 profile default\n match identity remote address {peer} "
            "255.255.255.255\n authentication remote pre-share\n authentication local pre-share\n"
            " keyring local KR\n"
            "interface Tunnel0\n ip address 10.0.0.1 255.255.255.252\n"
            " tunnel source GigabitEthernet1\n tunnel mode ipsec ipv4\n"
            f" tunnel destination {peer}\n tunnel protection ipsec profile default\n"
            f"interface GigabitEthernet1\n ip address {mine} 255.255.255.0\n")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "flexorch", "predict", *args],
                          capture_output=True, text=True, check=False)


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_healthy_pair_is_ready_exit_0_with_the_parse_fields(tmp_path: Path) -> None:
    a = _write(tmp_path, "a.cfg", _site("RA", "192.0.2.1", "192.0.2.2", version="15.4"))
    b = _write(tmp_path, "b.cfg", _site("RB", "192.0.2.2", "192.0.2.1", version="15.4"))
    out = _run(a, b, "--format", "json")
    assert out.returncode == 0, out.stderr
    records = json.loads(out.stdout)
    assert {(r["local_host"], r["remote_host"]) for r in records} == {("RA", "RB"), ("RB", "RA")}
    ra = next(r for r in records if r["local_host"] == "RA")
    # IOS 15.x defaults on both ends: AES-CBC-256 / SHA512 / DH 5, as IOS prints them.
    assert (ra["status"], ra["encryption"], ra["keysize"], ra["prf"], ra["hash"],
            ra["dh_group"], ra["auth_sign"], ra["auth_verify"]) == (
        "READY", "AES-CBC", 256, "SHA512", "SHA512", 5, "PSK", "PSK")
    assert (ra["local_address"], ra["remote_address"], ra["local_interface"]) == (
        "192.0.2.1", "192.0.2.2", "Tunnel0")
    assert (ra["fvrf"], ra["ivrf"], ra["nat_t"], ra["sgt"], ra["fragmentation"]) == (
        "none", "none", "not-detected", "disabled", "none")
    assert ra["initiator"] is None and ra["cause"] is None
    assert KEY not in out.stdout


def test_platform_version_applies_where_the_config_says_none(tmp_path: Path) -> None:
    a = _write(tmp_path, "a.cfg", _site("RA", "192.0.2.1", "192.0.2.2"))
    b = _write(tmp_path, "b.cfg", _site("RB", "192.0.2.2", "192.0.2.1"))
    default = json.loads(_run(a, b, "-f", "json").stdout)
    old = json.loads(_run(a, b, "-f", "json", "--platform-version", "15.2").stdout)
    assert {r["dh_group"] for r in default} == {19}  # IOS-XE 17's default proposal
    assert {r["dh_group"] for r in old} == {5}


def test_a_key_mismatch_fails_exit_1_with_its_cause(tmp_path: Path) -> None:
    a = _write(tmp_path, "a.cfg", _site("RA", "192.0.2.1", "192.0.2.2"))
    b = _write(tmp_path, "b.cfg", _site("RB", "192.0.2.2", "192.0.2.1",
                                        key="another-key-for-the-cli-test"))
    out = _run(a, b)
    assert out.returncode == 1, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].split()[:3] == ["LOCAL", "INTERFACE", "LOCAL"]
    assert "AUTH_FAILED" in lines[1]
    assert "Causes:" in lines
    cause = lines[lines.index("Causes:") + 1]
    assert "pre-shared key mismatch" in cause and "RA" in cause and "RB" in cause
    assert KEY not in out.stdout and "another-key" not in out.stdout
    record = json.loads(_run(a, b, "-f", "json").stdout)[0]
    assert record["status"] == "AUTH_FAILED" and record["cause"].endswith(".")
    assert "encryption" not in record  # no SA fields for a failed attempt


def test_a_peer_without_its_config_is_no_responder(tmp_path: Path) -> None:
    a = _write(tmp_path, "a.cfg", _site("RA", "192.0.2.1", "192.0.2.2"))
    out = _run(a, "-f", "json")
    assert out.returncode == 1
    (record,) = json.loads(out.stdout)
    assert (record["status"], record["remote_host"], record["remote_address"]) == (
        "NO_RESPONDER", None, "192.0.2.2")


def test_unreadable_file_is_exit_2_one_line(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.cfg")
    out = _run(missing)
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and missing in out.stderr
    assert "Traceback" not in out.stderr


def test_not_an_ios_config_is_exit_2(tmp_path: Path) -> None:
    text = _write(tmp_path, "notes.txt", "just some notes\nabout nothing\n")
    binary = tmp_path / "blob.bin"
    binary.write_bytes(b"\x00\x01\x02hostname x\n")
    for path in (text, str(binary)):
        out = _run(path)
        assert out.returncode == 2
        assert "not an IOS config" in out.stderr and path in out.stderr


def test_no_tunnel_at_all_is_exit_0(tmp_path: Path) -> None:
    a = _write(tmp_path, "a.cfg", "hostname lonely\ninterface GigabitEthernet1\n"
                                  " ip address 192.0.2.1 255.255.255.0\n")
    out = _run(a)
    assert out.returncode == 0
    assert "no IKEv2 session" in out.stdout
