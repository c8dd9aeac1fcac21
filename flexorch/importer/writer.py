"""Writing the imported inventory: nothing is written unless everything is.

The files go to a new temporary folder beside ``--out`` (same file system); only after the
import checked them (``flexorch.importer.verify``) is that folder renamed to ``--out`` (an
existing ``--out`` is replaced only with ``--force``). Secrets go to ``<out>/secrets`` (0700,
files 0600, a ``.gitignore`` in ``<out>`` keeps them out of git), or to ``--secrets-dir``,
which is written the same way: into a temporary folder renamed at the end.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from flexorch.errors import BadInputError
from flexorch.importer.inventory import Inventory
from flexorch.importer.secrets import SecretStore

SECRETS = "secrets"
_HEADER = ("# yaml-language-server: $schema=schema/{kind}.schema.json\n"
           "# Written by `flexorch import` from running configs ({count} routers); edit freely.\n")
_FLOW_WIDTH = 72


_Base: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter when present


class _Dumper(_Base):  # type: ignore[misc]
    """Block style, except small leaf mappings and lists on one line (``{wan: Gi1}``)."""


def _small(value: Any) -> bool:
    """Short enough for one line (its JSON length stands in for the YAML one: same order)."""
    if len(value) > _FLOW_ITEMS:
        return False
    return len(json.dumps(value, separators=(", ", ": "))) <= _FLOW_WIDTH


_FLOW_ITEMS = 8


def _mapping(dumper: yaml.SafeDumper, data: dict[str, Any]) -> yaml.Node:
    items = [(k, v) for k, v in data.items() if k != "extra_lines"]
    if "extra_lines" in data:  # verbatim lines last, one per line
        items.append(("extra_lines", data["extra_lines"]))
    flow = "extra_lines" not in data and _small(data)
    return dumper.represent_mapping("tag:yaml.org,2002:map", items, flow_style=flow)


def _sequence(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flow = bool(data) and not any(isinstance(v, str) and " " in v for v in data) and _small(data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(dict, _mapping)
_Dumper.add_representer(list, _sequence)


def dump(data: Any) -> str:
    """``data`` as inventory YAML."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, width=100, allow_unicode=False)


def check_out(out: Path, force: bool, what: str = "--out") -> None:
    """BadInputError unless ``out`` can be written: missing, or an empty folder, or ``force``;
    and its parent writable."""
    if out.exists() and not out.is_dir():
        raise BadInputError(f"{out}: {what} exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not force:
        raise BadInputError(f"{out}: {what} is not empty (use --force to replace it)")
    parent = out.resolve().parent
    if not parent.is_dir() or not os.access(parent, os.W_OK | os.X_OK):
        raise BadInputError(f"{out}: cannot write here ({parent} is not a writable folder)")


def staging(out: Path) -> Path:
    """A new temporary folder beside ``out`` (0700)."""
    parent = out.resolve().parent
    try:
        return Path(tempfile.mkdtemp(prefix=f".{out.name}.import-", dir=parent))
    except OSError as exc:
        raise BadInputError(f"{out}: cannot write here: {exc.strerror or exc}") from None


def write_files(folder: Path, inv: Inventory, count: int) -> None:
    """hosts.yaml, groups.yaml, defaults.yaml and their JSON Schema into ``folder``."""
    from flexorch.intent.schema import write_schemas

    for kind, data in (("hosts", inv.hosts), ("groups", inv.groups), ("defaults", inv.defaults)):
        text = _HEADER.format(kind=kind, count=count) + (dump(data) if data else "{}\n")
        (folder / f"{kind}.yaml").write_text(text, encoding="utf-8")
    write_schemas(folder / "schema")


def write_secrets(folder: Path, store: SecretStore, *, gitignore: bool) -> None:
    """The secret files under ``folder/secrets`` (and ``folder/.gitignore`` with ``gitignore``)."""
    store.write(folder / SECRETS)
    if gitignore:
        (folder / ".gitignore").write_text(
            f"# secret values written by flexorch import: never commit them\n/{SECRETS}/\n",
            encoding="utf-8")


STARTUPS = "startup-configs"


def write_startups(folder: Path, configs: dict[str, str]) -> None:
    """``folder/startup-configs/<name>.cfg`` (0700 folder, 0600 files) for each config."""
    if not configs:
        return
    target = folder / STARTUPS
    target.mkdir(mode=0o700)
    for name, text in configs.items():
        fd = os.open(target / f"{name}.cfg", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)


def commit(stage: Path, out: Path) -> None:
    """Move the staged folder to ``out`` (replacing an existing one)."""
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.replaced-{os.getpid()}")
        out.rename(old)
    stage.rename(out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


@contextmanager
def staged(out: Path) -> Iterator[Path]:
    """A staging folder for ``out`` that is removed unless it was committed."""
    stage = staging(out)
    try:
        yield stage
    finally:
        if stage.exists():
            shutil.rmtree(stage, ignore_errors=True)
