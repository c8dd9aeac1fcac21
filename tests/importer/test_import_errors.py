"""Bad input is one line on stderr, exit 2, and nothing written (not even a staging folder);
lines the intent cannot express are listed, exit 1, nothing written."""

from __future__ import annotations

import json
import socket
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from flexorch.cli import main

HUB = """\
hostname hub
crypto ikev2 proposal P
 encryption aes-gcm-256
 prf sha512
 group 20
crypto ikev2 policy POL
 proposal P
interface GigabitEthernet1
 ip address 192.0.2.1 255.255.255.0
"""


Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """The real entry point (``flexorch.cli.main``: errors mapped to exit codes, one line)."""

    def invoke(*args: str) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "argv", ["flexorch", "import", *args])
        capsys.readouterr()
        with pytest.raises(SystemExit) as done:
            main()
        captured = capsys.readouterr()
        return int(done.value.code or 0), captured.out, captured.err

    return invoke


def _file(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _nothing_written(folder: Path, out: Path) -> None:
    assert not out.exists()
    assert not [p for p in folder.iterdir() if ".import-" in p.name]


def _one_line_error(code: int, err: str, *words: str) -> None:
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("flexorch: error: "), err
    for word in words:
        assert word in lines[0]


@pytest.mark.parametrize(("content", "why"), [
    (b"\x00\x01binary\x02", "binary file"),
    ("just some notes\nnot a router\n", "no hostname, interface or crypto line"),
], ids=["binary", "prose"])
def test_a_file_that_is_not_an_ios_config(run: Run, tmp_path: Path, content: str | bytes,
                                          why: str) -> None:
    bad = _file(tmp_path, "notes.cfg", content)
    hub = _file(tmp_path, "hub.cfg", HUB)
    code, _, err = run(str(hub), str(bad), "--out", str(tmp_path / "fleet"))
    _one_line_error(code, err, str(bad), why)
    _nothing_written(tmp_path, tmp_path / "fleet")


def test_two_files_with_one_hostname(run: Run, tmp_path: Path) -> None:
    one = _file(tmp_path, "a.cfg", HUB)
    two = _file(tmp_path, "b.cfg", HUB.replace("192.0.2.1", "192.0.2.2"))
    code, _, err = run(str(one), str(two), "--out", str(tmp_path / "fleet"))
    _one_line_error(code, err, str(two), "the same hostname", str(one))
    _nothing_written(tmp_path, tmp_path / "fleet")


def test_hostnames_that_become_one_inventory_name(run: Run, tmp_path: Path) -> None:
    one = _file(tmp_path, "a.cfg", HUB.replace("hostname hub", "hostname Site_A"))
    two = _file(tmp_path, "b.cfg", HUB.replace("hostname hub", "hostname Site:A"))
    code, _, err = run(str(one), str(two), "--out", str(tmp_path / "fleet"))
    _one_line_error(code, err, "both become 'Site-A'")


def test_conflicting_definitions_of_one_name(run: Run, tmp_path: Path) -> None:
    twice = _file(tmp_path, "hub.cfg", HUB + "crypto ikev2 proposal P\n encryption aes-cbc-128\n")
    code, _, err = run(str(twice), "--out", str(tmp_path / "fleet"))
    _one_line_error(code, err, "'crypto ikev2 proposal P' is defined twice")
    _nothing_written(tmp_path, tmp_path / "fleet")


def test_a_non_empty_out_needs_force(run: Run, tmp_path: Path) -> None:
    hub = _file(tmp_path, "hub.cfg", HUB)
    out = tmp_path / "fleet"
    out.mkdir()
    (out / "mine.txt").write_text("keep me\n", encoding="utf-8")
    code, _, err = run(str(hub), "--out", str(out))
    _one_line_error(code, err, "is not empty", "--force")
    assert [p.name for p in out.iterdir()] == ["mine.txt"]
    code, _, _ = run(str(hub), "--out", str(out), "--force")
    assert code == 0
    assert not (out / "mine.txt").exists() and (out / "hosts.yaml").is_file()


def test_an_out_that_cannot_be_written(run: Run, tmp_path: Path) -> None:
    hub = _file(tmp_path, "hub.cfg", HUB)
    blocker = _file(tmp_path, "afile", "x")
    code, _, err = run(str(hub), "--out", str(blocker / "fleet"))
    _one_line_error(code, err, "cannot write here")
    code, _, err = run(str(hub), "--out", str(blocker))
    _one_line_error(code, err, "is not a folder")


@pytest.mark.parametrize("args", [
    ["--from-devices", "HUB"],
    [],
    ["HUB", "--site", "s1"],
    ["HUB", "--host", "h1"],
    ["--from-devices", "--site", "s1", "--host", "h1"],
    ["HUB", "--site-name", "two words"],
    ["HUB", "--lab-base-port", "65535", "HUB2"],
], ids=["files-and-devices", "nothing", "site-without-devices", "host-without-devices",
        "site-and-host", "bad-site-name", "ports-overflow"])
def test_conflicting_options(run: Run, tmp_path: Path, args: list[str]) -> None:
    hub = str(_file(tmp_path, "hub.cfg", HUB))
    hub2 = str(_file(tmp_path, "hub2.cfg", HUB.replace("hostname hub", "hostname hub2")))
    given = [hub if a == "HUB" else hub2 if a == "HUB2" else a for a in args]
    code, _, err = run(*given, "--out", str(tmp_path / "fleet"))
    _one_line_error(code, err)
    _nothing_written(tmp_path, tmp_path / "fleet")


def test_site_name_for_routers_that_form_two_sites(run: Run, tmp_path: Path) -> None:
    one = _file(tmp_path, "a.cfg", HUB)
    two = _file(tmp_path, "b.cfg", HUB.replace("hostname hub", "hostname other")
                .replace("192.0.2.1", "198.51.100.1"))
    code, _, err = run(str(one), str(two), "--site-name", "dc", "--out", str(tmp_path / "f"))
    _one_line_error(code, err, "--site-name names one site", "form 2")
    _nothing_written(tmp_path, tmp_path / "f")


def test_a_line_the_intent_cannot_express_is_listed_and_nothing_written(run: Run,
                                                                        tmp_path: Path) -> None:
    # a description IOS shows with a non-ASCII character: neither a typed key nor a raw line
    hub = _file(tmp_path, "hub.cfg", HUB + "crypto ikev2 profile PROF\n description caf\u00e9\n")
    code, out, err = run(str(hub), "--out", str(tmp_path / "fleet"), "-f", "json")
    assert code == 1
    assert list(json.loads(out)) == ["hosts", "sites", "secrets", "warnings"]
    assert ("crypto ikev2 profile PROF: 'description caf\u00e9': raw line contains a non-ASCII"
            in err)
    assert "nothing written" in err
    _nothing_written(tmp_path, tmp_path / "fleet")


def test_a_listed_line_never_shows_its_key(run: Run, tmp_path: Path) -> None:
    # a key on a line no row reads (a second pre-shared-key of one peer): it cannot be kept
    # verbatim (raw lines hold no secret), so it is listed, masked
    hub = _file(tmp_path, "hub.cfg", HUB + "crypto ikev2 keyring K\n peer p\n"
                "  pre-shared-key First-Key-0123456789\n  pre-shared-key local Odd-Key-555\n"
                "  pre-shared-key local Odd-Key-666\n")
    code, _, err = run(str(hub), "--out", str(tmp_path / "fleet"))
    assert code == 1
    assert "'pre-shared-key local ******': a raw line must not carry a key" in err
    assert "Odd-Key" not in err and "First-Key" not in err


def _connections(folder: Path, hosts: str) -> Path:
    """A connection inventory: how to reach each router, and the credentials."""
    folder.mkdir()
    (folder / "hosts.yaml").write_text(hosts, encoding="utf-8")
    (folder / "defaults.yaml").write_text(
        "data:\n  credentials:\n    username: netops\n    password: {env: IMPORT_TEST_PASSWORD}\n",
        encoding="utf-8")
    return folder


def _from_devices(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                  inventory: Path, *args: str) -> tuple[int, str, str]:
    monkeypatch.setenv("IMPORT_TEST_PASSWORD", "Netops-Password-1")
    monkeypatch.setattr(sys, "argv", ["flexorch", "-i", str(inventory), "import",
                                      "--from-devices", *args])
    capsys.readouterr()
    with pytest.raises(SystemExit) as done:
        main()
    captured = capsys.readouterr()
    return int(done.value.code or 0), captured.out, captured.err


def _closed_port() -> int:
    """A loopback port nobody listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_from_devices_an_unknown_host(monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    inventory = _connections(tmp_path / "conn", "hub1: {hostname: 127.0.0.1, port: 2201}\n")
    code, _, err = _from_devices(monkeypatch, capsys, inventory, "--host", "nosuch",
                                 "--out", str(tmp_path / "fleet"))
    _one_line_error(code, err, "nosuch")
    _nothing_written(tmp_path, tmp_path / "fleet")


def test_from_devices_an_invalid_connection_inventory(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        tmp_path: Path) -> None:
    inventory = _connections(tmp_path / "conn", "hub1: {hostname: 127.0.0.1, port: many}\n")
    code, _, err = _from_devices(monkeypatch, capsys, inventory, "--out", str(tmp_path / "fleet"))
    _one_line_error(code, err, "hosts.yaml", "hub1", "port")
    _nothing_written(tmp_path, tmp_path / "fleet")


def test_from_devices_a_router_that_cannot_be_read(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        tmp_path: Path) -> None:
    inventory = _connections(tmp_path / "conn",
                             f"hub1: {{hostname: 127.0.0.1, port: {_closed_port()}}}\n")
    code, out, err = _from_devices(monkeypatch, capsys, inventory, "--timeout", "3",
                                   "--out", str(tmp_path / "fleet"))
    assert code == 1, (out, err)
    assert err == ("hub1: cannot read: connection refused (nothing listens there: router down or "
                   f"wrong port)\nnothing written to {tmp_path / 'fleet'}\n")
    assert out == ""
    _nothing_written(tmp_path, tmp_path / "fleet")
