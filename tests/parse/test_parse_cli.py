"""`flexorch parse` on files and stdin: json/text output, warnings on stderr, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from flexorch.cli import cli

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "parsers"
TYPOS = FIXTURES / "show_crypto_ikev2_sa_detailed" / "transcribed_with_typos_eap.raw"
FOUR = FIXTURES / "show_crypto_ikev2_sa_detailed" / "ios154_four_sas_psk_rsa.raw"


def test_json_from_file_is_one_document_with_contract_fields() -> None:
    result = CliRunner().invoke(cli, ["parse", "sh cry ikev2 sa det", str(FOUR), "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [sa["tunnel_id"] for sa in data] == [5, 2, 4, 3]
    assert data[2]["remote_id"] == "hostname=R61,cn=R61"
    assert data[0]["sgt"] == "disabled"
    assert data[0]["fragmentation"] == "none"
    assert data[0]["dynamic_route_update"] is None


def test_stdin_with_dash_and_warnings_on_stderr() -> None:
    result = CliRunner().invoke(
        cli,
        ["parse", "show crypto ikev2 sa detailed", "-", "--format", "json"],
        input=TYPOS.read_text(),
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["remote_eap_id"] == "admin"
    assert "line 13: line not understood" in result.stderr
    assert "line 15: line not understood" in result.stderr
    assert "READ" in result.stderr


def test_text_table_is_the_default() -> None:
    result = CliRunner().invoke(cli, ["parse", "show crypto ikev2 sa detailed", str(FOUR)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:5] == ["TUNNEL", "LOCAL", "REMOTE", "FVRF/IVRF", "STATUS"]
    assert lines[3].split()[:5] == [
        "4",
        "10.10.14.254/500",
        "172.16.9.61/500",
        "none/none",
        "READY",
    ]
    assert len(lines) == 5


def test_session_and_version_text_output() -> None:
    runner = CliRunner()
    sessions = runner.invoke(
        cli,
        [
            "parse",
            "show crypto session detail",
            str(FIXTURES / "show_crypto_session_detail" / "azure_csr1000v_two_sessions.raw"),
        ],
    )
    assert sessions.exit_code == 0
    assert "Tunnel1" in sessions.stdout
    assert "52.175.253.112/4500" in sessions.stdout
    version = runner.invoke(
        cli, ["parse", "sh ver", str(FIXTURES / "show_version" / "derived_c8000v_iosxe_17_9.raw")]
    )
    assert version.exit_code == 0
    assert "serial" in version.stdout
    assert "9ZOFX0L5NQA" in version.stdout


REAL = Path(__file__).resolve().parent.parent / "fixtures" / "real"


def test_ipsec_profile_json_nests_its_transform_sets() -> None:
    group = REAL / "genie-show-crypto-ipsec-profile"
    raw = group / "golden-output-2__show_crypto_ipsec_profile.raw"
    result = CliRunner().invoke(cli, ["parse", "sh cry ipsec prof", str(raw), "-f", "json"])
    assert result.exit_code == 0, result.output
    hub = json.loads(result.stdout)[1]
    assert (hub["name"], hub["pfs"], hub["pfs_group"]) == ("dmvpn-hub", True, "group21")
    assert hub["lifetime_kb"] is None
    assert hub["transform_sets"] == [
        {"name": "tset1", "transforms": ["esp-256-aes", "esp-sha256-hmac"], "modes": []}
    ]


def test_default_proposal_text_table() -> None:
    group = REAL / "gh-jclarkson-ikev2-gre-site2site"
    raw = group / "site_a__show_crypto_ikev2_proposal_default.raw"
    result = CliRunner().invoke(cli, ["parse", "show crypto ikev2 proposal default", str(raw)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["PROPOSAL", "ENCRYPTION", "INTEGRITY", "PRF", "DH", "PQC"]
    assert "MD596" in lines[1]
    assert lines[1].split()[-3:] == ["5", "2", "-"]


def test_ikev2_profile_text_table() -> None:
    raw = REAL / "gh-arunkumaruniqpro-c8000v-lisp-svti" / "vedge01__show_crypto_ikev2_profile.raw"
    result = CliRunner().invoke(cli, ["parse", "sh cry ikev2 prof", str(raw)])
    assert result.exit_code == 0, result.output
    header, row = result.stdout.splitlines()
    assert header.split()[:3] == ["IKEV2", "PROFILE", "FVRF"]
    assert row.split() == ["ikev2_profile", "global", "address", "10.16.201.1", "255.255.255.252",
                           "pre-share/pre-share", "ikev2_keyring", "86400", "disabled", "-"]


def test_garbage_gives_no_records_exit_0() -> None:
    result = CliRunner().invoke(cli, ["parse", "show crypto ikev2 sa", "-"], input="\x00\x01 foo\n")
    assert result.exit_code == 0
    assert result.stdout.strip() == "no records"
    assert "line 1" in result.stderr


def _run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flexorch", "parse", *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )


def test_unknown_command_exit_2_one_line() -> None:
    out = _run("show ip route", str(FOUR))
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1
    assert "no parser for command 'show ip route'" in out.stderr
    assert "Traceback" not in out.stderr


def test_unreadable_file_exit_2_names_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    out = _run("show crypto ikev2 sa", str(missing))
    assert out.returncode == 2
    assert str(missing) in out.stderr
    assert "Traceback" not in out.stderr
    directory = _run("show crypto ikev2 sa", str(tmp_path))
    assert directory.returncode == 2


def test_undecodable_bytes_do_not_crash(tmp_path: Path) -> None:
    raw = tmp_path / "latin1.txt"
    raw.write_bytes(FOUR.read_bytes().replace(b"none/none", b"caf\xe9/none", 1))
    out = _run("show crypto ikev2 sa detailed", str(raw), "-f", "json")
    assert out.returncode == 0
    assert json.loads(out.stdout)[0]["fvrf"] == "caf\ufffd"


def test_cli_module_does_not_import_textfsm_at_import_time() -> None:
    code = "import sys, flexorch.cli.cmd_parse\nprint('textfsm' in sys.modules)\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
