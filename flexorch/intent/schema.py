"""JSON Schema of the inventory files (hosts.yaml, groups.yaml, defaults.yaml) for editors.

Built from the same pydantic models the loader validates with, so an editor running
yaml-language-server completes keys and flags typos as you type. The loader stays the judge:
the schema cannot express rules across keys or files (a spoke needs ``hubs``, a tunnel names an
existing interface, ``site``/``role``/``credentials`` may come from any level), and every key of
a file is optional because the merge fills it from groups or defaults.

A file points at its schema with a first-line comment::

    # yaml-language-server: $schema=schema/hosts.schema.json
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from flexorch.errors import BadInputError
from flexorch.intent.host import DATA_KEYS, NORNIR_KEYS, HostIntent

DRAFT = "https://json-schema.org/draft/2020-12/schema"
FILES = ("hosts", "groups", "defaults")
# defaults.yaml only (the loader refuses it elsewhere): fleet-wide secret handling.
_SECRETS = {
    "type": "object", "additionalProperties": False,
    "description": "Fleet-wide secret handling (defaults.yaml only).",
    "properties": {"lab_fallback": {
        "type": "boolean", "default": False,
        "description": "An unset secret variable resolves to a deterministic lab value "
                       "(demo and test fleets only)."}},
}


def inventory_schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schema document of each inventory file: ``hosts``, ``groups``, ``defaults``."""
    model = HostIntent.model_json_schema(mode="validation")
    fields: dict[str, Any] = model["properties"]
    defs: dict[str, Any] = model.get("$defs", {})
    data = {key: fields[key] for key in DATA_KEYS}
    return {
        "hosts": _named("hosts.yaml", "Host", _entry(fields, data, NORNIR_KEYS), defs),
        "groups": _named("groups.yaml", "Group", _entry(fields, data, NORNIR_KEYS), defs),
        "defaults": {
            "$schema": DRAFT, "title": "flexorch inventory: defaults.yaml",
            **_entry(fields, {**data, "secrets": _SECRETS},
                     tuple(k for k in NORNIR_KEYS if k != "groups")),
            "$defs": defs,
        },
    }


def _entry(fields: dict[str, Any], data: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    """One host, group or the defaults: Nornir attributes and ``data`` (every key optional)."""
    properties = {key: dict(fields[key]) for key in keys if key in fields}
    if "groups" in keys:
        properties["groups"] = {"type": "array", "items": {"type": "string"},
                                "description": "Groups, in merge order (first wins)."}
    properties["data"] = {"type": "object", "additionalProperties": False,
                          "description": "FlexVPN intent, one key per block.",
                          "properties": data}
    return {"type": "object", "additionalProperties": False, "properties": properties}


def _named(file: str, kind: str, entry: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """A file that maps names to entries (hosts.yaml, groups.yaml); an entry may be empty."""
    return {
        "$schema": DRAFT, "title": f"flexorch inventory: {file}", "type": "object",
        "additionalProperties": {"anyOf": [{"$ref": f"#/$defs/{kind}Entry"}, {"type": "null"}]},
        "$defs": {**defs, f"{kind}Entry": entry},
    }


def schema_text(document: dict[str, Any]) -> str:
    """A schema as committed: two-space JSON, key order kept, one trailing newline."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write ``<file>.schema.json`` for each inventory file into ``folder`` (created).
    Raises BadInputError (exit 2) when the folder or a file cannot be written."""
    written = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, document in inventory_schemas().items():
            path = folder / f"{name}.schema.json"
            path.write_text(schema_text(document), encoding="utf-8")
            written.append(path)
    except OSError as exc:
        raise BadInputError(f"{folder}: cannot write: {exc.strerror or exc}") from None
    return written
