"""Reading inventory YAML fast (libyaml when present), refusing duplicate keys, and finding the line
of a value afterwards for error messages (only on the error path, so loading stays fast)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from flexorch.errors import InventoryError
from flexorch.intent.yamlload import count_top_keys, key_line_starts, load, top_keys_bound

DEFAULT_MAX_MB = 32
MAX_NODES = 20_000_000
PRESCAN_BYTES = 1 << 20  # files above this are counted before they are built


def display(path: Path) -> str:
    """A file path as shown in messages: relative to the working directory when below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def max_inventory_bytes() -> int:
    """The largest inventory file read: ``$FLEXORCH_MAX_INVENTORY_MB`` MiB, default 32 (a
    10,000-router fleet is about 4 MiB; a loaded fleet takes about 45 times the file's size,
    so a file past the cap is refused before it is read)."""
    raw = os.environ.get("FLEXORCH_MAX_INVENTORY_MB", "").strip()
    try:
        megabytes = float(raw) if raw else DEFAULT_MAX_MB
    except ValueError:
        raise InventoryError(f"FLEXORCH_MAX_INVENTORY_MB={raw!r} is not a number") from None
    return int(megabytes * 1024 * 1024)


def _read_text(path: Path, where: str) -> str:
    """The file's text, refused (InventoryError) past ``max_inventory_bytes``."""
    limit = max_inventory_bytes()
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        data = handle.read(limit + 1)
    if size > limit or len(data) > limit:
        raise InventoryError(
            f"file is {max(size, len(data)) / 2**20:.0f} MiB, over the "
            f"{limit / 2**20:.0f} MiB limit for an inventory file (set "
            "FLEXORCH_MAX_INVENTORY_MB to raise it)", file=where)
    return data.decode("utf-8")


def too_many(limit: int, where: str) -> InventoryError:
    """The error for an inventory of more than ``limit`` hosts."""
    return InventoryError(f"more than {limit:,} hosts (set FLEXORCH_MAX_HOSTS to raise the "
                          "limit)", file=where)


def _check_expansion(value: Any, where: str) -> None:
    """Refuse a document whose aliases expand past ``MAX_NODES`` values (``&a [*b, *b, ...]``
    nested: a small file that validation would unfold into billions of values)."""
    sizes: dict[int, int] = {}

    def size(node: Any) -> int:
        if not isinstance(node, dict | list):
            return 1
        known = sizes.get(id(node))
        if known is None:
            children = node.values() if isinstance(node, dict) else node
            known = sizes[id(node)] = 1 + sum(size(child) for child in children)
        return known

    if size(value) > MAX_NODES:
        raise InventoryError(
            f"YAML aliases expand to more than {MAX_NODES:,} values; write the blocks out or "
            "share them through groups", file=where)


def read_yaml(path: Path, *, required: bool, max_keys: int | None = None) -> Any:
    """Parse one inventory file. Raises InventoryError naming the file and line on any problem
    (a file over ``max_inventory_bytes`` or aliases expanding past ``MAX_NODES`` included).

    ``max_keys``: refuse a top-level mapping of more keys (hosts) than that; a big file is
    counted before it is built (``top_keys_bound``, else ``count_top_keys``)."""
    where = display(path)
    try:
        text = _read_text(path, where)
        if max_keys is not None and len(text) > PRESCAN_BYTES:
            bound = top_keys_bound(text)
            if (bound is None or bound > max_keys) and count_top_keys(text, max_keys) > max_keys:
                raise too_many(max_keys, where)
    except FileNotFoundError:
        if required:
            raise InventoryError("file not found", file=where) from None
        return None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise InventoryError(f"cannot be read: {reason}", file=where) from None
    try:
        value = load(text)
        if "*" in text:  # only a document with aliases can expand
            _check_expansion(value, where)
        return value
    except RecursionError:
        raise InventoryError("YAML nests too deeply", file=where) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        raise InventoryError(f"YAML syntax error: {problem}", file=f"{where}{line}") from None
    except yaml.YAMLError as exc:
        raise InventoryError(f"YAML error: {' '.join(str(exc).split())}", file=where) from None


def find_line(path: Path, keys: list[str | int]) -> int | None:
    """1-based line of the value at ``keys`` (mapping keys / list indexes) in a YAML file, or of
    the deepest part of that path that exists. None if the file cannot be read.

    In a big file whose top level is a block mapping in column 0 (a hosts.yaml), only the entry
    of ``keys[0]`` is composed: composing a 10,000-host file took 10 s per error message (pure
    Python PyYAML), and the node tree of a 100,000-host one takes gigabytes. The entry is the
    lines from the one that starts with its key in column 0 to the next such line; when it does
    not compose to a mapping of that one key, the whole document is composed."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if keys and len(text) > _ENTRY_BYTES:
        found = _entry_line(text, keys)
        if found is not None:
            return found
    try:
        node = yaml.compose(text, Loader=_COMPOSER)
    except yaml.YAMLError:
        return None
    return _walk(node, keys, 0)


_COMPOSER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's marks: same lines
_ENTRY_BYTES = 1 << 16  # files above this are searched for the entry of the first key first


def _entry_line(text: str, keys: list[str | int]) -> int | None:
    """``find_line``'s answer from the entry of ``keys[0]`` alone, or None (compose it all)."""
    if top_keys_bound(text) is None:
        return None
    head = str(keys[0])
    starts = key_line_starts(text)
    for index, start in enumerate(starts):
        if not text.startswith((head, f"'{head}'", f'"{head}"'), start):
            continue
        end = starts[index + 1] if index + 1 < len(starts) else len(text)
        try:
            node = yaml.compose(text[start:end], Loader=_COMPOSER)
        except yaml.YAMLError:
            return None
        if not isinstance(node, yaml.MappingNode) or len(node.value) != 1 \
                or str(node.value[0][0].value) != head:
            continue  # a longer key with this prefix, or not the entry: the next candidate
        return _walk(node, keys, text.count("\n", 0, start))
    return None


def _walk(node: yaml.Node | None, keys: list[str | int], offset: int) -> int | None:
    line = node.start_mark.line + 1 + offset if node is not None else None
    for key in keys:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if str(key_node.value) == str(key):
                    child, line = value_node, key_node.start_mark.line + 1 + offset
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            child = node.value[key]
            line = child.start_mark.line + 1 + offset
        if child is None:
            break
        node = child
    return line
