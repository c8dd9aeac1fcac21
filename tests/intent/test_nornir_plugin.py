"""The FlexorchInventory Nornir plugin: a plain InitNornir loads a flexorch inventory folder."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import pytest
from nornir import InitNornir
from nornir.core import Nornir
from nornir.core.filter import F

from flexorch.errors import InventoryError, SecretError, UnknownTargetError
from flexorch.hostkeys import default_known_hosts
from flexorch.intent import HostIntent
from flexorch.intent.nornir import FlexorchInventory, register

HOSTS = """\
r1:
  hostname: 127.0.0.1
  port: 2201
  groups: [edge]
  connection_options:
    netmiko: {extras: {global_delay_factor: 2}}
  data:
    role: hub
    credentials:
      username: ops
      password: {env: T_PLUGIN_PW}
      enable: {env: T_PLUGIN_EN}
r2:
  hostname: 127.0.0.1
  port: 2202
  groups: [spokes]
  data:
    hubs: [r1]
"""
GROUPS = """\
site_a:
  data:
    site: a
    loopbacks:
      Loopback0: {ipv4: 10.0.0.1/32}
edge:
  groups: [site_a]
spokes:
  groups: [edge]
  data:
    role: spoke
"""
DEFAULTS = """\
platform: cisco_xe
data:
  credentials:
    username: ops
    password: {env: T_PLUGIN_PW}
"""


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("T_PLUGIN_PW", "pw-from-env-1")
    monkeypatch.setenv("T_PLUGIN_EN", "enable-from-env-2")
    (tmp_path / "hosts.yaml").write_text(HOSTS, encoding="utf-8")
    (tmp_path / "groups.yaml").write_text(GROUPS, encoding="utf-8")
    (tmp_path / "defaults.yaml").write_text(DEFAULTS, encoding="utf-8")
    return tmp_path


def _init(**options: object) -> Nornir:
    return InitNornir(inventory={"plugin": "FlexorchInventory", "options": options},
                      logging={"enabled": False})


def test_the_entry_point_names_the_plugin_class() -> None:
    found = {ep.name: ep for ep in metadata.entry_points(group="nornir.plugins.inventory")}
    assert found["FlexorchInventory"].load() is FlexorchInventory


def test_hosts_carry_merged_attributes_and_resolved_credentials(folder: Path) -> None:
    nr = _init(path=str(folder))
    r1, r2 = nr.inventory.hosts["r1"], nr.inventory.hosts["r2"]
    assert (r1.hostname, r1.port, r1.platform, r1.username) == ("127.0.0.1", 2201, "cisco_xe",
                                                                 "ops")
    assert r1.password == "pw-from-env-1"
    netmiko = r1.get_connection_parameters("netmiko")
    assert (netmiko.hostname, netmiko.port, netmiko.username, netmiko.password) == (
        "127.0.0.1", 2201, "ops", "pw-from-env-1")
    # host keys are checked by paramiko before login, against flexorch's known_hosts: the
    # inventory's extras come with what flexorch adds and an inventory cannot change
    checked = {"ssh_strict": True, "system_host_keys": False, "alt_host_keys": True,
               "alt_key_file": str(default_known_hosts()), "allow_agent": False}
    assert netmiko.extras == {"global_delay_factor": 2, "secret": "enable-from-env-2", **checked}
    # no enable secret on r2, no extras of its own: netmiko gets the host-key checks only
    assert r2.get_connection_parameters("netmiko").extras == checked


def test_hosts_carry_their_validated_intent(folder: Path) -> None:
    nr = _init(path=str(folder))
    intent = nr.inventory.hosts["r2"].data["intent"]
    assert isinstance(intent, HostIntent)
    assert (intent.site, intent.role, intent.hubs) == ("a", "spoke", ["r1"])
    assert str(intent.loopbacks["Loopback0"].ipv4) == "10.0.0.1/32"
    with pytest.raises(ValueError, match="frozen"):
        intent.role = "hub"
    assert (nr.inventory.hosts["r2"].data["site"], nr.inventory.hosts["r2"].data["role"]) == (
        "a", "spoke")


def test_groups_and_defaults_are_nornir_objects_with_the_data_as_written(folder: Path) -> None:
    nr = _init(path=str(folder))
    groups = nr.inventory.groups
    assert sorted(groups) == ["edge", "site_a", "spokes"]
    assert [g.name for g in groups["spokes"].groups] == ["edge"]
    assert [g.name for g in groups["edge"].groups] == ["site_a"]
    r2 = nr.inventory.hosts["r2"]
    assert [g.name for g in r2.extended_groups()] == ["spokes", "edge", "site_a"]
    # Nornir's own lookup finds what flexorch merged: the group's data as written
    assert r2["loopbacks"] == {"Loopback0": {"ipv4": "10.0.0.1/32"}}
    assert r2["credentials"]["password"] == {"env": "T_PLUGIN_PW"}  # a reference, never a secret
    assert nr.inventory.defaults.data["credentials"]["username"] == "ops"
    # F(groups__contains=...) is Nornir's: direct groups only
    assert sorted(nr.filter(F(groups__contains="edge")).inventory.hosts) == ["r1"]
    assert sorted(nr.filter(F(role="spoke")).inventory.hosts) == ["r2"]


def test_hosts_option_and_unknown_name(folder: Path) -> None:
    assert sorted(_init(path=str(folder), hosts=["r2"]).inventory.hosts) == ["r2"]
    with pytest.raises(UnknownTargetError, match="unknown host 'r9'"):
        _init(path=str(folder), hosts=["r9"])


def test_bad_inventory_is_the_located_flexorch_error(folder: Path) -> None:
    (folder / "hosts.yaml").write_text(HOSTS.replace("port: 2202", "port: 70000"),
                                       encoding="utf-8")
    with pytest.raises(InventoryError) as caught:
        _init(path=str(folder))
    assert str(caught.value).startswith(f"{folder / 'hosts.yaml'}:15: host r2: port: must be less "
                                        "than or equal to 65535, got 70000")


def test_unset_credential_is_a_secret_error(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("T_PLUGIN_EN")
    with pytest.raises(SecretError, match=r"host r1: data\.credentials\.enable: "
                       r"environment variable T_PLUGIN_EN is not set"):
        _init(path=str(folder))
    assert sorted(_init(path=str(folder), hosts=["r2"]).inventory.hosts) == ["r2"]


def test_register_is_idempotent_beside_the_entry_point() -> None:
    register()
    register()
    from nornir.core.plugins.inventory import InventoryPluginRegister

    assert InventoryPluginRegister.get_plugin("FlexorchInventory") is FlexorchInventory
