"""make_nornir: a Nornir inventory of the chosen hosts with credentials resolved from secrets."""

from __future__ import annotations

from pathlib import Path

import pytest

from flexorch.errors import UnknownTargetError
from flexorch.intent import load_fleet, make_nornir
from flexorch.secrets import lab_secret

INVENTORY = Path(__file__).resolve().parents[2] / "inventory"


def test_hosts_credentials_and_runner(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FLEXORCH_DEVICE_PASSWORD", raising=False)
    fleet = load_fleet(INVENTORY)
    nr = make_nornir(fleet, ["hub1", "h1-gre"], workers=3)
    assert sorted(nr.inventory.hosts) == ["h1-gre", "hub1"]
    hub1 = nr.inventory.hosts["hub1"]
    assert (hub1.hostname, hub1.port, hub1.platform) == ("127.0.0.1", 22001, "cisco_ios")
    assert hub1.username == "flexorch"
    # defaults.yaml enables the lab fallback: an unset variable gives the documented lab value
    assert hub1.password == lab_secret("FLEXORCH_DEVICE_PASSWORD")
    assert hub1.data["intent"] is fleet.hosts["hub1"]
    assert (hub1.data["site"], hub1.data["role"]) == ("hub1", "hub")
    assert nr.runner.num_workers == 3
    assert nr.config.logging.enabled is False


def test_password_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLEXORCH_DEVICE_PASSWORD", "from-env-0123456789")
    nr = make_nornir(load_fleet(INVENTORY), ["h1-gre"])
    assert nr.inventory.hosts["h1-gre"].password == "from-env-0123456789"


def test_every_host_by_default_and_unknown_name() -> None:
    fleet = load_fleet(INVENTORY)
    assert sorted(make_nornir(fleet).inventory.hosts) == sorted(fleet.hosts)
    with pytest.raises(UnknownTargetError, match="unknown host 'nope'"):
        make_nornir(fleet, ["nope"])


def test_netmiko_connection_plugin_is_registered() -> None:
    from nornir.core.plugins.connections import ConnectionPluginRegister

    make_nornir(load_fleet(INVENTORY), ["hub1"])
    assert "netmiko" in ConnectionPluginRegister.available


def test_resolve_error_names_file_line_host_and_path(tmp_path: Path) -> None:
    from flexorch.errors import SecretError

    (tmp_path / "hosts.yaml").write_text(
        "r1:\n  data:\n    site: s\n    role: hub\n    credentials:\n      username: u\n"
        "      password: {env: T_SURELY_UNSET_9}\n",
        encoding="utf-8",
    )
    fleet = load_fleet(tmp_path)
    creds = fleet.hosts["r1"].credentials
    for path in ("data.credentials.password", ("data", "credentials", "password")):
        with pytest.raises(SecretError) as caught:
            fleet.resolve(creds.password, "r1", path)
        assert str(caught.value).endswith(
            "hosts.yaml:7: host r1: data.credentials.password: "
            "environment variable T_SURELY_UNSET_9 is not set"
        )
