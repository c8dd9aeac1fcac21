"""Secrets never reach the inventory: every key is a reference, values live in a 0700 folder of
0600 files kept out of git, type 7 is decoded, type 6 and hashed passwords become environment
variables that the report lists and lint names per host."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from click.testing import CliRunner

from flexorch.cli import cli
from flexorch.importer.run import Options, import_files
from flexorch.intent import load_fleet
from flexorch.ios.facts.keys import type7_encode
from flexorch.render import render_host

# Type 6 ciphertext as IOS prints it (password encryption aes); its clear value is unknowable.
TYPE6 = "UeZFMOJcWEZRY_UJTNKNJUX[gBNf\\dPXPL`bDEKEAAB"
CONFIG = f"""\
hostname edge-1
username admin privilege 15 secret 9 $9$Cd5F9iz3u5I.2U$RaXx.NTiN7BOHPZAd3WvyyoMOTmbTwaOoaAy6xbfXr.
aaa new-model
aaa group server radius RAD
 server name R1
aaa authorization network FLEX group RAD
password encryption aes
crypto ikev2 keyring KEYS
 peer clear
  address 192.0.2.10
  pre-shared-key Clear-Key-Value-0123456789
 peer six
  address 192.0.2.12
  pre-shared-key 6 {TYPE6}
 peer split
  address 192.0.2.13
  pre-shared-key local Local-Key-Value-0123456789
  pre-shared-key remote Remote-Key-Value-0123456789
crypto ikev2 profile FLEX
 match identity remote address 192.0.2.0 255.255.255.0
 authentication remote pre-share
 authentication local pre-share
 keyring local KEYS
 aaa authorization group psk list FLEX default
radius server R1
 address ipv4 192.0.2.50 auth-port 1812 acct-port 1813
 key 7 {type7_encode("Radius-Key-7")}
"""
VALUES = ["Clear-Key-Value-0123456789", TYPE6, "Local-Key-Value-0123456789",
          "Remote-Key-Value-0123456789", "Radius-Key-7", type7_encode("Radius-Key-7"),
          "RaXx.NTiN7BOHPZAd3WvyyoMOTmbTwaOoaAy6xbfXr"]


def _import(tmp_path: Path) -> tuple[Path, dict[str, object]]:
    config = tmp_path / "edge-1.cfg"
    config.write_text(CONFIG, encoding="utf-8")
    out = tmp_path / "fleet"
    done = CliRunner().invoke(cli, ["import", str(config), "--out", str(out), "-f", "json"])
    assert done.exit_code == 0, done.output
    return out, json.loads(done.stdout)


def test_no_value_in_the_inventory_or_the_report(tmp_path: Path) -> None:
    out, report = _import(tmp_path)
    written = [p for p in out.rglob("*") if p.is_file() and "secrets" not in p.parts]
    assert {p.name for p in written} >= {"hosts.yaml", "groups.yaml", "defaults.yaml",
                                          ".gitignore"}
    for path in written:
        text = path.read_text(encoding="utf-8")
        assert not [v for v in VALUES if v in text], path
    shown = json.dumps(report)
    assert not [v for v in VALUES if v in shown]


def test_values_go_to_private_files_kept_out_of_git(tmp_path: Path) -> None:
    config = tmp_path / "edge-1.cfg"
    config.write_text(CONFIG, encoding="utf-8")
    out = tmp_path / "fleet"
    # the result, not the printed report: printing masks any registered secret value, and
    # another test's key may be a word of a variable name
    result = import_files([config], Options(out))
    folder = out / "secrets"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    files = sorted(folder.iterdir())
    assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)
    # type 7 decoded; one file per distinct value; type 6 and hashes are not files
    assert sorted(f.read_text(encoding="utf-8").strip() for f in files) == sorted([
        "Clear-Key-Value-0123456789", "Local-Key-Value-0123456789",
        "Remote-Key-Value-0123456789", "Radius-Key-7"])
    assert "/secrets/" in (out / ".gitignore").read_text(encoding="utf-8")
    assert result.variables == {"FLEXORCH_EDGE_1_KEYRING_KEYS_SIX_PSK": ["edge-1"],
                                "FLEXORCH_PASSWORD_ADMIN": ["edge-1"]}
    assert sorted(result.secret_files) == [str(f) for f in files]


def test_the_references_render_the_router_keys(tmp_path: Path) -> None:
    out, _ = _import(tmp_path)
    fleet = load_fleet(out)
    keyring = fleet.hosts["edge-1"].ikev2_keyrings["KEYS"].peers
    assert keyring["six"].pre_shared_key is not None
    assert keyring["six"].pre_shared_key.env == "FLEXORCH_EDGE_1_KEYRING_KEYS_SIX_PSK"
    assert fleet.hosts["edge-1"].credentials.password.env == "FLEXORCH_PASSWORD_ADMIN"
    assert fleet.hosts["edge-1"].radius_servers["R1"].key is not None
    shown = render_host(fleet, "edge-1", reveal=False)
    assert "******" in shown and not [v for v in VALUES if v in shown]


def test_lint_names_the_host_and_variable_to_set(tmp_path: Path, monkeypatch: object) -> None:
    out, _ = _import(tmp_path)
    done = CliRunner().invoke(cli, ["-i", str(out), "lint", "-f", "json"])
    findings = json.loads(done.stdout)["findings"]
    unset = [f for f in findings if f["rule"] == "FV121"]
    assert [(f["host"], "FLEXORCH_EDGE_1_KEYRING_KEYS_SIX_PSK" in f["message"])
            for f in unset] == [("edge-1", True)]


def test_a_secrets_dir_outside_the_inventory(tmp_path: Path) -> None:
    config = tmp_path / "edge-1.cfg"
    config.write_text(CONFIG, encoding="utf-8")
    vault = tmp_path / "vault"
    result = import_files([config], Options(tmp_path / "fleet", secrets_dir=vault))
    assert result.written
    assert not (tmp_path / "fleet" / "secrets").exists()
    assert stat.S_IMODE(vault.stat().st_mode) == 0o700
    hosts = (tmp_path / "fleet" / "hosts.yaml").read_text(encoding="utf-8")
    assert str(vault.resolve()) in hosts


def test_a_short_pre_shared_key_is_imported_with_a_warning(tmp_path: Path) -> None:
    # flexorch refuses keys under 8 characters (docs/security.md); the routers may have them:
    # import still writes the inventory (it is what runs) and says what plan will refuse
    config = tmp_path / "edge-2.cfg"
    config.write_text(
        "hostname edge-2\ncrypto ikev2 keyring KEYS\n peer hub\n  address 192.0.2.10\n"
        "  pre-shared-key cisco\ncrypto ikev2 profile FLEX\n"
        " match identity remote address 192.0.2.0 255.255.255.0\n"
        " authentication remote pre-share\n authentication local pre-share key Abc1234\n"
        " keyring local KEYS\n", encoding="utf-8")
    result = import_files([config], Options(tmp_path / "fleet"))
    assert result.written
    short = [w.split(": the key has ")[0:2] for w in result.warnings if "the key has" in w]
    assert sorted(short) == [
        ["edge-2: ikev2_keyrings.KEYS.peers.hub.pre_shared_key", "5 characters; flexorch"
         " refuses pre-shared keys under 8 (docs/security.md): plan and rollout stop on it until"
         " the key is changed on both ends"],
        ["edge-2: ikev2_profiles.FLEX.authentication_local.key", "7 characters; flexorch"
         " refuses pre-shared keys under 8 (docs/security.md): plan and rollout stop on it until"
         " the key is changed on both ends"]]
    assert not [w for w in result.warnings if "cisco" in w or "Abc1234" in w]
