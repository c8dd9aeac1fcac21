"""``flexorch import`` as a user runs it: the JSON document the issue specifies, the text
report, names made valid with the original kept, --site-name, --lab-base-port, --force, and the
README's documentation of the command."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from click.testing import CliRunner

from flexorch.cli import cli
from flexorch.intent import load_fleet
from flexorch.render import render_day0

ROOT = Path(__file__).resolve().parents[2]
DUAL = sorted((ROOT / "tests/fixtures/real/gh-fuatanshori-dmvpn-dualhub-ikev2").glob("*.cfg"))
COLON = sorted((ROOT / "tests/fixtures/real/gh-skydevil-final-dmvpn-dualcloud").glob("*.cfg"))


def _import(*args: str) -> tuple[int, str, str]:
    done = CliRunner().invoke(cli, ["import", *args])
    return done.exit_code, done.stdout, done.stderr


def test_json_is_hosts_sites_secrets_warnings(tmp_path: Path) -> None:
    code, out, _ = _import(*map(str, DUAL), "--out", str(tmp_path / "f"), "-f", "json")
    assert code == 0
    report = json.loads(out)
    assert list(report) == ["hosts", "sites", "secrets", "warnings"]
    assert report["hosts"]["SPOKE-3"] == {"source": str(DUAL[4]), "site": "HUB-1",
                                          "role": "spoke"}
    assert sorted(h["role"] for h in report["hosts"].values()) == ["hub"] * 2 + ["spoke"] * 4
    assert report["sites"] == ["HUB-1"]
    assert all(s.startswith(str((tmp_path / "f" / "secrets").resolve())) or
               re.fullmatch(r"FLEXORCH_[A-Z0-9_]+", s) for s in report["secrets"])
    assert report["warnings"] == []


def test_text_report_site_name_and_lab_ports(tmp_path: Path) -> None:
    code, out, _ = _import(*map(str, DUAL), "--out", str(tmp_path / "f"), "--site-name", "dmvpn",
                           "--lab-base-port", "24000")
    assert code == 0
    assert out.startswith(f"imported 6 router(s) into {tmp_path / 'f'}: 1 site(s)\n")
    assert "    SPOKE-1              spoke   -> HUB-1, HUB-2" in out
    startup = (tmp_path / "f/secrets/startup-configs").resolve()
    assert f"for the lab: {startup}\nnext: flexorch -i {tmp_path / 'f'} lab up " \
           f"--startup-configs {startup}\n" in out
    fleet = load_fleet(tmp_path / "f")
    assert {h.site for h in fleet.hosts.values()} == {"dmvpn"}
    # argument order: hub-1, hub-2, spoke-1 ... on 24000, 24001, ...
    assert [(h.hostname, h.port) for h in fleet.hosts.values()] == [
        ("127.0.0.1", 24000 + i) for i in range(6)]
    defaults = yaml.safe_load((tmp_path / "f" / "defaults.yaml").read_text(encoding="utf-8"))
    assert defaults["data"]["secrets"] == {"lab_fallback": True}
    startups = sorted(p.name for p in (tmp_path / "f/secrets/startup-configs").iterdir())
    assert startups == sorted(f"{n}.cfg" for n in fleet.hosts)


def test_names_become_valid_and_the_original_is_kept(tmp_path: Path) -> None:
    code, _, _ = _import(*map(str, COLON), "--out", str(tmp_path / "f"))
    assert code == 0
    fleet = load_fleet(tmp_path / "f")
    assert sorted(fleet.hosts) == ["Cisco-Hub2", "Cisco-Spoke4", "Cisco-Spoke5"]
    hub = fleet.hosts["Cisco-Hub2"]
    assert hub.ios_hostname == "Cisco:Hub2"
    assert render_day0(fleet, "Cisco-Hub2", reveal=False).startswith("hostname Cisco:Hub2\n")
    assert hub.platform_version == "15.4"  # the version line
    # not a DNS name: where flexorch connects is the inventory name, to be replaced
    assert hub.hostname == "Cisco-Hub2"


def test_force_replaces_a_previous_import(tmp_path: Path) -> None:
    out = tmp_path / "f"
    assert _import(*map(str, DUAL[:2]), "--out", str(out))[0] == 0
    assert _import(*map(str, DUAL), "--out", str(out), "--force")[0] == 0
    assert len(load_fleet(out).hosts) == 6


def test_the_readme_row_shows_options_the_command_has() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| `flexorch import"))
    help_text = CliRunner().invoke(cli, ["import", "--help"]).output
    for option in re.findall(r"--[a-z][a-z-]+", row.split("|")[1]):
        assert option in help_text, option
    section = readme.split("## Bring your existing fleet", 1)[1].split("\n## ", 1)[0]
    for line in re.findall(r"^flexorch .*$", section, flags=re.M):
        words = line.split("#")[0].split()
        command = next(w for w in words[1:] if not w.startswith("-") and w not in
                       ("fleet", "connections", "rehearsal"))
        assert command in ("import", "lint", "plan", "drift", "lab"), line
