"""Reading inventory YAML fast (libyaml when present), refusing duplicate keys, and finding the line
of a value afterwards for error messages (only on the error path, so loading stays fast)."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml

from flexorch.errors import InventoryError

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DEFAULT_MAX_MB = 32
MAX_NODES = 20_000_000
PRESCAN_BYTES = 1 << 20  # files above this are counted (events) before they are built


class _Loader(_Base):  # type: ignore[misc]
    """Safe loader that rejects a key given twice in one mapping (YAML would keep the last).

    Merge keys (``<<: *base``) are YAML's way to override: a key written in the mapping wins
    over the same key merged in, as in PyYAML's SafeLoader; only keys written twice are
    refused."""


_MERGE_TAG = "tag:yaml.org,2002:merge"


def _construct_mapping(loader: Any, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    written: set[Any] = set()
    for key_node, _ in node.value:
        if key_node.tag == _MERGE_TAG:
            continue
        key = loader.construct_object(key_node, deep=deep)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark
            ) from None
        if key in written:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key '{key}'", key_node.start_mark
            )
        written.add(key)
    # merged pairs first, then the written ones: a written key overrides a merged one
    loader.flatten_mapping(node)
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        mapping[loader.construct_object(key_node, deep=deep)] = loader.construct_object(
            value_node, deep=deep)
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)

_MAP_TAG = yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG
_SEQ_TAG = yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG
_FAST_DEPTH = 64  # deeper documents go to PyYAML's constructor (and its recursion limit)


class _Unusual(Exception):
    """Something ``_construct_plain`` leaves to PyYAML's constructor."""


def _construct_plain(loader: Any, root: yaml.Node) -> Any:
    """The value PyYAML's constructor (with ``_construct_mapping``) makes of ``root``, for a
    document of plain mappings, lists and scalars without aliases, merge keys or a key given
    twice (anything else raises ``_Unusual``, an error of a scalar its own error). Each
    distinct scalar is constructed once and the value shared: an inventory repeats the same
    keys and words on every host, and one string object each is less memory (interning) as
    well as less time than PyYAML's generic per-node bookkeeping."""
    scalars: dict[tuple[str, str], Any] = {}

    def build(node: yaml.Node, depth: int) -> Any:
        kind = type(node)
        if kind is yaml.ScalarNode:
            key = (node.tag, node.value)
            if key not in scalars:
                scalars[key] = loader.construct_object(node, deep=True)
            return scalars[key]
        if depth > _FAST_DEPTH:
            raise _Unusual
        if kind is yaml.MappingNode and node.tag == _MAP_TAG:
            mapping: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == _MERGE_TAG:
                    raise _Unusual
                name = build(key_node, depth + 1)
                if name in mapping:  # an unhashable key raises TypeError
                    raise _Unusual
                mapping[name] = build(value_node, depth + 1)
            return mapping
        if kind is yaml.SequenceNode and node.tag == _SEQ_TAG:
            return [build(child, depth + 1) for child in node.value]
        raise _Unusual

    return build(root, 0)


def _load(text: str) -> Any:
    """``yaml.load(text, Loader=_Loader)``, faster for the common document (``_construct_plain``
    when it has no alias; PyYAML's constructor for the rest, and for the exact error)."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None and "*" not in text:
            try:
                return _construct_plain(loader, node)
            except (_Unusual, TypeError, ValueError, yaml.YAMLError):
                pass  # built again below by PyYAML's constructor: its value or its error
        return yaml.load(text, Loader=_Loader) if node is not None else None
    finally:
        loader.dispose()


def display(path: Path) -> str:
    """A file path as shown in messages: relative to the working directory when below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def max_inventory_bytes() -> int:
    """The largest inventory file read: ``$FLEXORCH_MAX_INVENTORY_MB`` MiB, default 32 (a
    10,000-router fleet is about 4 MiB; loading costs about 100 times the file's size in memory,
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


_BREAKS_BUT_LF = ("\x85", "\u2028", "\u2029")  # YAML 1.1 line breaks besides \n and \r\n
_COLUMN_ZERO = re.compile(r"^[^ \n]", re.MULTILINE)
_DOCUMENT_START_WITH_CONTENT = re.compile(r"^---[ \t]*[^ \t\r\n#]", re.MULTILINE)
_LINE = re.compile(r"^.*$", re.MULTILINE)


def top_keys_bound(text: str) -> int | None:
    """At least as many as the keys of the document's top-level mapping, counted as the lines
    that start in column 0 (every key of a block mapping at column 0 starts one such line), in
    a millisecond; None when the document may hold more keys than such lines: its first
    content starts indented, is a flow collection (``{a: 1, b: 2}`` on one line) or content
    after ``---``, or it breaks lines another way than ``\n`` and ``\r\n``."""
    if "\r" in text and text.count("\r") != text.count("\r\n"):
        return None
    if any(char in text for char in _BREAKS_BUT_LF):
        return None
    if _DOCUMENT_START_WITH_CONTENT.search(text):
        return None
    for match in _LINE.finditer(text):
        line = match.group().lstrip("\ufeff")  # a byte-order mark opens the stream
        if not line.strip() or line.lstrip().startswith("#") or line.startswith(("%", "---")):
            continue
        if line[0] in " \t{[&!*":
            return None
        break
    return len(_COLUMN_ZERO.findall(text))


def count_top_keys(text: str, stop: int) -> int:
    """How many keys the document's top-level mapping has, counted on the parser's event stream
    (memory stays flat however big the file: nothing is built); counting ends past ``stop``."""
    depth = items = 0
    for event in yaml.parse(text, Loader=_Base):
        if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            items += depth == 1
            depth += 1
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            depth -= 1
        elif isinstance(event, yaml.ScalarEvent | yaml.AliasEvent):
            items += depth == 1
        if items > 2 * stop:
            break
    return (items + 1) // 2  # keys and values alternate; a key without its value yet counts


def read_yaml(path: Path, *, required: bool, max_keys: int | None = None) -> Any:
    """Parse one inventory file. Raises InventoryError naming the file and line on any problem
    (a file over ``max_inventory_bytes`` or aliases expanding past ``MAX_NODES`` included).

    ``max_keys``: refuse a top-level mapping of more keys (hosts) than that; a big file is
    counted before it is built (building costs ~430 bytes of memory per YAML node)."""
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
        value = _load(text)
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
    the deepest part of that path that exists. None if the file cannot be read."""
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    line = node.start_mark.line + 1 if node is not None else None
    for key in keys:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if str(key_node.value) == str(key):
                    child, line = value_node, key_node.start_mark.line + 1
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            child = node.value[key]
            line = child.start_mark.line + 1
        if child is None:
            break
        node = child
    return line
