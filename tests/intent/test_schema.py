"""The committed JSON Schema of the inventory files follows the intent models, accepts the
example inventory and catches what an editor should flag."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from flexorch.cli import cli
from flexorch.intent.schema import FILES, inventory_schemas, schema_text

REGENERATE = "flexorch -i inventory schema --out inventory/schema"


def _committed(repo_root: Path, name: str) -> str:
    return (repo_root / "inventory" / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")


def _messages(errors: Iterator[jsonschema.ValidationError]) -> list[str]:
    """Every leaf message (anyOf branches included), for asserting on the precise complaint."""
    out: list[str] = []
    for error in errors:
        out.extend(_messages(iter(error.context)) if error.context else [error.message])
    return out


@pytest.mark.parametrize("name", FILES)
def test_committed_schema_is_in_step_with_the_models(repo_root: Path, name: str) -> None:
    assert _committed(repo_root, name) == schema_text(inventory_schemas()[name]), (
        f"inventory/schema/{name}.schema.json is stale: run `{REGENERATE}`")


@pytest.mark.parametrize("name", FILES)
def test_example_inventory_is_valid_and_points_at_its_schema(repo_root: Path, name: str) -> None:
    text = (repo_root / "inventory" / f"{name}.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"# yaml-language-server: $schema=schema/{name}.schema.json"
    schema = json.loads(_committed(repo_root, name))
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(yaml.safe_load(text)))
    assert errors == []


def _hosts_errors(document: dict[str, Any]) -> list[str]:
    validator = jsonschema.Draft202012Validator(inventory_schemas()["hosts"])
    return _messages(validator.iter_errors(document))


def test_typos_and_misplaced_keys_are_flagged() -> None:
    tunnel = {"Tunnel0": {"sorce": "GigabitEthernet1"}}
    assert "Additional properties are not allowed ('sorce' was unexpected)" in _hosts_errors(
        {"r1": {"data": {"tunnels": tunnel}}})
    # credentials are data, never a Nornir attribute; secrets settings are defaults-only
    assert "Additional properties are not allowed ('username' was unexpected)" in _hosts_errors(
        {"r1": {"username": "admin"}})
    assert "Additional properties are not allowed ('secrets' was unexpected)" in _hosts_errors(
        {"r1": {"data": {"secrets": {"lab_fallback": True}}}})
    assert "70000 is greater than the maximum of 65535" in _hosts_errors({"r1": {"port": 70000}})
    assert "'router' is not one of ['hub', 'spoke', 'client']" in _hosts_errors(
        {"r1": {"data": {"role": "router"}}})
    # a literal password instead of a reference
    assert "'secret123' is not of type 'object'" in _hosts_errors(
        {"r1": {"data": {"psk": "secret123"}}})


def test_every_key_is_optional_and_defaults_take_secrets() -> None:
    assert _hosts_errors({"r1": None, "r2": {"groups": ["g"]}}) == []
    defaults = jsonschema.Draft202012Validator(inventory_schemas()["defaults"])
    assert list(defaults.iter_errors({"data": {"secrets": {"lab_fallback": True}}})) == []
    assert "Additional properties are not allowed ('groups' was unexpected)" in _messages(
        defaults.iter_errors({"groups": ["g"]}))


def test_schema_command_writes_the_committed_files(repo_root: Path, tmp_path: Path) -> None:
    out = CliRunner().invoke(cli, ["-i", str(repo_root / "inventory"), "schema",
                                   "--out", str(tmp_path / "s")])
    assert out.exit_code == 0, out.output
    for name in FILES:
        written = (tmp_path / "s" / f"{name}.schema.json").read_text(encoding="utf-8")
        assert written == _committed(repo_root, name)
    assert f"wrote {tmp_path / 's' / 'hosts.schema.json'}" in out.output
    assert "hosts.yaml: # yaml-language-server: $schema=" in out.output


def test_schema_command_unwritable_folder_is_bad_input(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    out = CliRunner().invoke(cli, ["schema", "--out", str(blocker / "sub")],
                             standalone_mode=False)
    assert out.exception is not None and getattr(out.exception, "exit_code", None) == 2
    assert str(out.exception) == f"{blocker / 'sub'}: cannot write: Not a directory"
