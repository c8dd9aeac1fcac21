"""A raw line carrying a key no typed key holds (an NHRP password, an OSPF key, a private
RADIUS server key) is written ``{line, secret, rest}`` with the key a reference
(``flexorch.intent.raw``); in clear it is refused. Import writes that form. Expected lines are
typed by hand from the IOS syntax ("ip nhrp authentication STRING", "server-private ADDRESS
key STRING").
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from flexorch.cli import cli
from flexorch.errors import InventoryError
from flexorch.intent import load_fleet
from flexorch.render import render_host
from tests.importer.conftest import _masker_as_found  # noqa: F401  (import registers keys)

ROOT = Path(__file__).resolve().parents[2]
DMVPN = ROOT / "tests/fixtures/real/gh-fuatanshori-dmvpn-dualhub-ikev2"


def _fleet(tmp: Path, extra: list[Any]) -> Path:
    hosts = {"r1": {"hostname": "127.0.0.1", "port": 22, "data": {
        "tunnels": {"Tunnel0": {"mode": "gre ip", "destination": "192.0.2.1",
                                "extra_lines": extra}}}}}
    defaults = {"data": {"site": "s", "role": "hub", "credentials": {
        "username": "admin", "password": {"env": "T_PASS"}}}}
    (tmp / "hosts.yaml").write_text(yaml.safe_dump(hosts), encoding="utf-8")
    (tmp / "defaults.yaml").write_text(yaml.safe_dump(defaults), encoding="utf-8")
    return tmp


def _tunnel_lines(text: str) -> list[str]:
    lines = text.splitlines()
    start = lines.index("interface Tunnel0")
    end = lines.index("!", start)
    return lines[start + 1:end]


def test_a_key_line_renders_its_key_from_the_reference(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("T_PASS", "admin-password-1")
    monkeypatch.setenv("T_NHRP", "Nhrp-K1")
    fleet = load_fleet(_fleet(tmp_path, [
        "ip nhrp network-id 1",
        {"line": "ip nhrp authentication", "secret": {"env": "T_NHRP"}},
    ]))
    assert _tunnel_lines(render_host(fleet, "r1"))[-2:] == [
        " ip nhrp network-id 1", " ip nhrp authentication Nhrp-K1"]
    assert _tunnel_lines(render_host(fleet, "r1", reveal=False))[-1] \
        == " ip nhrp authentication ******"


@pytest.mark.parametrize("line", [
    "ip nhrp authentication Nhrp-K1",
    "ip ospf authentication-key 7 0822455D0A16",
    "ip ospf message-digest-key 1 md5 Ospf-K1",
])
def test_a_key_in_clear_in_a_raw_line_is_refused(line: str, tmp_path: Path) -> None:
    with pytest.raises(InventoryError, match="must not carry a key or password"):
        load_fleet(_fleet(tmp_path, [line]))


def test_a_secret_line_must_be_a_line_ios_writes_a_key_in(tmp_path: Path) -> None:
    with pytest.raises(InventoryError, match="is not a line IOS writes a key in"):
        load_fleet(_fleet(tmp_path, [{"line": "description", "secret": {"env": "T_X"}}]))


def test_import_writes_the_nhrp_key_to_the_secrets_folder_not_the_inventory(
        tmp_path: Path) -> None:
    configs = sorted(DMVPN.glob("*.cfg"))
    keys = {line.split()[-1] for c in configs for line in c.read_text().splitlines()
            if line.strip().startswith("ip nhrp authentication ")}
    assert keys == {"XAUTH"}  # the routers' own key, as their configs show it
    out = tmp_path / "fleet"
    done = CliRunner().invoke(cli, ["import", *map(str, configs), "--out", str(out)])
    assert done.exit_code == 0, done.output
    for name in ("hosts.yaml", "groups.yaml", "defaults.yaml"):
        path = out / name
        assert not path.exists() or "XAUTH" not in path.read_text(), name
    stored = [p for p in (out / "secrets").iterdir() if p.read_text().strip() == "XAUTH"]
    assert len(stored) == 1 and stored[0].stat().st_mode & 0o077 == 0
    hosts = yaml.safe_load((out / "hosts.yaml").read_text())
    extra = hosts["HUB-1"]["data"]["tunnels"]["Tunnel0"]["extra_lines"]
    assert {"line": "ip nhrp authentication", "secret": {"file": str(stored[0])}} in extra
