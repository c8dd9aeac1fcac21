"""Read a Nornir SimpleInventory folder: the three files, shape-checked, as ``Source`` entries
(``flexorch.intent.validate`` merges and validates them into ``HostIntent`` objects).

Merge rule (Nornir's): for every top-level attribute and every top-level ``data`` key, the host's
own value wins, then its groups in the order listed (each group before its parent groups, depth
first), then ``defaults.yaml``. Values are never deep-merged.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from flexorch.errors import InventoryError, InventoryErrors
from flexorch.intent.host import DATA_KEYS
from flexorch.intent.yamlio import display, find_line, read_yaml, too_many
from flexorch.safetext import escape_control

_HOST_KEYS = ("hostname", "port", "platform", "groups", "connection_options", "data")
_GROUP_KEYS = _HOST_KEYS
_DEFAULT_KEYS = ("hostname", "port", "platform", "connection_options", "data")
_DEFAULTS_ONLY = ("secrets",)
_DATA_KEY_SET = frozenset(DATA_KEYS)  # a key valid in any entry (none of _DEFAULTS_ONLY)
_KEY_SETS: dict[tuple[str, ...], frozenset[str]] = {
    keys: frozenset(keys) for keys in (_HOST_KEYS, _DEFAULT_KEYS)}
DEFAULT_MAX_HOSTS = 50_000
_CREDENTIAL_HINT = (
    "device credentials go in data.credentials (password as {env: ...} or {file: ...})"
)


@dataclass
class Source:
    """One place intent comes from: a host, a group, or the defaults."""

    kind: str  # "host" | "group" | "defaults"
    name: str | None
    file: Path
    attrs: dict[str, Any]
    data: dict[str, Any]
    parents: list[str] = field(default_factory=list)

    def yaml_keys(self, *rest: str | int) -> list[str | int]:
        """The YAML path of something inside this source."""
        head: list[str | int] = [] if self.kind == "defaults" else [str(self.name)]
        return [*head, *rest]

    def label(self) -> str:
        """Prefix of an intent path that comes from a group or the defaults."""
        return {"host": "", "group": f"group {self.name}: ", "defaults": "defaults: "}[self.kind]


class Problems:
    """Inventory problems gathered across hosts and groups, so that one run reports all of
    them (the first ``MAX_ERRORS``, each once): ``InventoryErrors``, or the one error."""

    MAX_ERRORS = 20

    def __init__(self) -> None:
        self.found: dict[tuple[str | None, str | None, str], InventoryError] = {}
        self.count = 0
        self.names: set[str] = set()  # entries that failed (not reported again as missing)

    def add(self, error: InventoryError) -> None:
        key = (error.file, error.path, error.reason)
        if key in self.found:
            return
        self.count += 1
        if len(self.found) < self.MAX_ERRORS:
            self.found[key] = error

    def recorded(self, name: str) -> _Recorded:
        """An InventoryError raised inside is kept (entry ``name`` then counts as failed)."""
        return _Recorded(self, name)

    def raise_any(self) -> None:
        """Raise what was found, in file and line order."""
        found = sorted(self.found.values(), key=_file_order)
        if len(found) == 1:
            raise found[0]
        if found:
            raise InventoryErrors(found, self.count - len(found))


class _Recorded:
    """``Problems.recorded``: a class, not a ``contextmanager`` generator (measured 0.9 us an
    entry, here 0.4: two per host of a 10,000-host inventory, in the parent process)."""

    __slots__ = ("name", "problems")

    def __init__(self, problems: Problems, name: str) -> None:
        self.problems = problems
        self.name = name

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 trace: TracebackType | None) -> bool:
        if not isinstance(exc, InventoryError):
            return False
        self.problems.names.add(self.name)
        self.problems.add(exc)
        return True


def _file_order(error: InventoryError) -> tuple[str, int]:
    file, _, line = (error.file or "").rpartition(":")
    return (file, int(line)) if line.isdigit() else (error.file or "", 0)


@dataclass
class RawInventory:
    """The three files, read and shape-checked, before any host is validated."""

    folder: Path
    hosts: dict[str, Source]
    groups: dict[str, Source]
    defaults: Source
    lab_fallback: bool
    # problems of entries read so far (reported with the hosts' validation problems, at once)
    problems: Problems = field(default_factory=Problems)


def located_error(
    source: Source,
    message: str,
    keys: list[str | int],
    host: str | None = None,
    path: str | None = None,
) -> InventoryError:
    """An InventoryError for something at YAML ``keys`` inside ``source``: ``file:line``
    (the line of that key, or of the deepest part of it that exists), host and intent path."""
    line = find_line(source.file, source.yaml_keys(*keys))
    where = display(source.file) + (f":{line}" if line else "")
    label = source.label()
    full_path = (label + path) if path else (label.rstrip(": ") or None)
    # Names, keys and values come from the inventory: a terminal escape in one is shown, never
    # obeyed (the CLI's error printer escapes again, whoever raised the error).
    return InventoryError(
        escape_control(message), file=escape_control(where),
        host=escape_control(host) if host is not None else None,
        path=escape_control(full_path) if full_path is not None else None)


def _source(kind: str, name: str | None, file: Path, raw: Any, allowed: tuple[str, ...]) -> Source:
    # One Source, filled in once checked (an error reads only its kind, name and file), an
    # error's wording made only for an error, valid keys found in one set test each
    # (``_top_keys``, ``_DATA_KEY_SET``): 3.8 -> 2.3 us a host, 10,000 of them in the parent
    # process alone before validation starts.
    source = Source(kind, name, file, {}, {})
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        what = {"host": f"host {name}", "group": f"group {name}", "defaults": "defaults"}[kind]
        raise located_error(source, f"{what} must be a mapping of keys, got "
                            f"{type(raw).__name__}", [])
    attrs = _top_keys(source, raw, allowed)
    data = attrs.pop("data", None) or {}
    if not isinstance(data, dict):
        raise _key_error(source, "data must be a mapping", ["data"])
    parents = attrs.pop("groups", None) or []
    if not isinstance(parents, list) or not all(isinstance(g, str) for g in parents):
        raise _key_error(source, "groups must be a list of group names", ["groups"])
    for key in data:
        if key not in _DATA_KEY_SET:
            _check_data_key(source, key)
    source.attrs, source.data, source.parents = attrs, data, parents
    return source


def _key_error(stub: Source, message: str, keys: list[str | int]) -> InventoryError:
    """The located error for a key of a host, group or defaults file (host named for hosts)."""
    return located_error(stub, message, keys, host=stub.name if stub.kind == "host" else None,
                         path=".".join(str(key) for key in keys))


def _top_keys(stub: Source, raw: dict[Any, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    if raw.keys() <= _KEY_SETS[allowed]:  # every key allowed: the common entry, in one test
        return dict(raw)
    attrs: dict[str, Any] = {}
    for key, value in raw.items():
        if key in ("username", "password"):
            raise _key_error(stub, f"'{key}' is not used here: {_CREDENTIAL_HINT}", [key])
        if key not in allowed:
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"allowed: {', '.join(allowed)}"
            raise _key_error(stub, f"unknown key '{key}' ({hint})", [key])
        attrs[key] = value
    return attrs


def _check_data_key(stub: Source, key: Any) -> None:
    if not isinstance(key, str):
        raise located_error(stub, f"data key {key!r} must be a name", ["data"],
                            host=stub.name if stub.kind == "host" else None, path="data")
    if key in _DEFAULTS_ONLY and stub.kind != "defaults":
        raise _key_error(stub, f"'{key}' is a fleet-wide setting: put it in defaults.yaml",
                         ["data", key])
    if key not in DATA_KEYS and key not in _DEFAULTS_ONLY:
        close = difflib.get_close_matches(key, DATA_KEYS, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise _key_error(stub, f"unknown data key '{key}'{hint}", ["data", key])


def _mapping_file(path: Path, *, required: bool, max_keys: int | None = None) -> dict[Any, Any]:
    raw = read_yaml(path, required=required, max_keys=max_keys)
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise InventoryError(
            f"must be a mapping of names, got {type(raw).__name__}", file=display(path)
        )
    return raw


def max_hosts() -> int:
    """The most hosts an inventory may have: ``$FLEXORCH_MAX_HOSTS``, default 50,000."""
    raw = os.environ.get("FLEXORCH_MAX_HOSTS", "").strip()
    if not raw:
        return DEFAULT_MAX_HOSTS
    if not raw.isdigit():
        raise InventoryError(f"FLEXORCH_MAX_HOSTS={raw!r} is not a number of hosts")
    return int(raw)


def read_inventory(folder: Path) -> RawInventory:
    """Read hosts.yaml, groups.yaml and defaults.yaml; check their shape and group references."""
    if not folder.is_dir():
        raise InventoryError("inventory folder not found", file=display(folder))
    # an absurd inventory must fail fast, not after taking the machine's memory: a big
    # hosts.yaml is counted before it is built, and hosts are counted before validation
    # (a loaded host costs ~17 kB, tests/bench/bench_load.py)
    limit = max_hosts()
    hosts_file, groups_file = folder / "hosts.yaml", folder / "groups.yaml"  # one Path each
    hosts_raw = _mapping_file(hosts_file, required=True, max_keys=limit)
    groups_raw = _mapping_file(groups_file, required=False)
    defaults_raw = read_yaml(folder / "defaults.yaml", required=False)
    if not hosts_raw:
        raise InventoryError("no hosts defined", file=display(hosts_file))
    if len(hosts_raw) > limit:  # a small file of many hosts: before any is validated
        raise too_many(limit, display(hosts_file))
    problems = Problems()
    groups: dict[str, Source] = {}
    for n, v in groups_raw.items():
        with problems.recorded(str(n)):
            groups[str(n)] = _source("group", str(n), groups_file, v, _GROUP_KEYS)
    hosts: dict[str, Source] = {}
    for n, v in hosts_raw.items():
        with problems.recorded(str(n)):
            hosts[str(n)] = _source("host", str(n), hosts_file, v, _HOST_KEYS)
    defaults = _source("defaults", None, folder / "defaults.yaml", defaults_raw, _DEFAULT_KEYS)
    _unknown_groups([*groups.values(), *hosts.values()], groups, problems)
    for group in groups.values():
        _check_cycle(group, groups, [])
    secrets = defaults.data.get("secrets") or {}
    if (
        not isinstance(secrets, dict)
        or set(secrets) - {"lab_fallback"}
        or not isinstance(secrets.get("lab_fallback", False), bool)
    ):
        raise located_error(
            defaults,
            "secrets takes one key, lab_fallback: true|false",
            ["data", "secrets"],
            path="data.secrets",
        )
    return RawInventory(folder, hosts, groups, defaults, bool(secrets.get("lab_fallback", False)),
                        problems)


def _unknown_groups(sources: list[Source], groups: dict[str, Source], problems: Problems) -> None:
    """Each reference to a group that does not exist, as a problem of its source (with a
    did-you-mean); such a source cannot be merged."""
    for source in sources:
        for index, parent in enumerate(source.parents):
            if parent not in groups:
                problems.names.add(str(source.name))  # cannot be merged: not validated
                if parent in problems.names:
                    continue  # the group's own problem is reported
                close = difflib.get_close_matches(parent, groups, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                problems.add(located_error(
                    source,
                    f"unknown group '{parent}'{hint}",
                    ["groups", index],
                    host=source.name if source.kind == "host" else None,
                    path=f"groups[{index}]",
                ))


def _check_cycle(group: Source, groups: dict[str, Source], trail: list[str]) -> None:
    if group.name in trail:
        loop = " -> ".join([*trail[trail.index(str(group.name)) :], str(group.name)])
        raise located_error(group, f"group cycle: {loop}", ["groups"], path="groups")
    for parent in group.parents:
        _check_cycle(groups[parent], groups, [*trail, str(group.name)])


def resolution_order(host: Source, raw: RawInventory) -> list[Source]:
    """Host, then its groups depth first (each group before its parents), then defaults."""
    order: list[Source] = [host]

    def visit(names: list[str]) -> None:
        for name in names:
            group = raw.groups[name]
            order.append(group)
            visit(group.parents)

    visit(host.parents)
    order.append(raw.defaults)
    return order
