"""Inventory YAML text to values: PyYAML's safe loader (libyaml when present) refusing a key
given twice, made fast and small for the big plain documents a fleet's hosts.yaml is.

``load(text)`` gives exactly what ``yaml.load(text, Loader=Loader)`` gives, or raises its error:

- a document without aliases is built by ``_Plain`` from the parser's events (no node tree):
  each distinct scalar constructed once and shared (a hosts.yaml repeats the same keys and
  words on every host: one string object each);
- a big one whose top level is a block mapping in column 0 is parsed in pieces of
  ``PIECE_KEYS`` top-level keys (``_pieces``); from ``FORKED_PIECES`` pieces on, worker
  processes parse them (``flexorch.forked``), each scalar then shared within one process's
  run of pieces.

Anything unusual (an anchor, a tag on a collection, a merge key, a key given twice, a piece that
does not parse alone, any error) and the whole document is loaded again in one go by PyYAML's
constructor: its value, or its exact error and line.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MERGE_TAG = "tag:yaml.org,2002:merge"
_MAP_TAG = yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG
_SEQ_TAG = yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG
_STR_TAG = yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG
_NOT_YET: Any = object()
# scalar tags whose SafeConstructor constructor is a plain function of the node
_DIRECT_TAGS = frozenset(f"tag:yaml.org,2002:{name}"
                         for name in ("str", "int", "float", "bool", "null", "timestamp"))
PIECE_KEYS = 500  # top-level keys parsed together
PIECE_BYTES = 1 << 18  # documents above this are parsed in pieces when their shape allows
FORKED_PIECES = 4  # pieces (2,000 hosts) from which worker processes parse them
_PLAIN_DEPTH = 64  # deeper documents go to PyYAML's constructor (and its recursion limit)


class Loader(_Base):  # type: ignore[misc]
    """Safe loader that rejects a key given twice in one mapping (YAML would keep the last).

    Merge keys (``<<: *base``) are YAML's way to override: a key written in the mapping wins
    over the same key merged in, as in PyYAML's SafeLoader; only keys written twice are
    refused."""


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


Loader.add_constructor(_MAP_TAG, _construct_mapping)


class _Unusual(Exception):
    """Something the fast path leaves to PyYAML's constructor."""


_EVENT_SCALAR = yaml.ScalarEvent
_EVENT_MAP_START, _EVENT_MAP_END = yaml.MappingStartEvent, yaml.MappingEndEvent
_EVENT_SEQ_START, _EVENT_SEQ_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent
_NO_KEY: Any = object()  # a mapping waiting for its next key
_STR_AS_IS = (Loader.yaml_constructors[_STR_TAG]
              is yaml.constructor.SafeConstructor.construct_yaml_str)
_INT_TAG = "tag:yaml.org,2002:int"
_INT_DECIMAL = (Loader.yaml_constructors[_INT_TAG]
                is yaml.constructor.SafeConstructor.construct_yaml_int)


class _Plain:
    """Builds what ``Loader``'s constructor builds of plain mappings, lists and scalars without
    anchors, aliases, tags on collections, merge keys or a key given twice (anything else
    raises ``_Unusual``), straight from the parser's events: PyYAML's composer makes a node of
    every value and resolves each scalar's tag, a walk over the nodes then builds the values
    (0.85 s of a 10,000-host hosts.yaml; 0.58 s from the events). The implicit tag of each
    distinct plain scalar is resolved once (it depends on nothing else without path resolvers,
    which SafeLoader has none of) and each distinct scalar constructed once, its value shared
    across every piece of the document."""

    def __init__(self) -> None:
        self.scalars: dict[tuple[str, str], Any] = {}
        self.tags: dict[str, str] = {}

    def scalar(self, loader: Any, node: yaml.Node) -> Any:
        """The value of a scalar node, constructed once per (tag, text) when its tag's value is
        immutable (``_DIRECT_TAGS``)."""
        key = (node.tag, node.value)
        value = self.scalars.get(key, _NOT_YET)
        if value is _NOT_YET:
            # a plain tag's constructor straight away: construct_object's bookkeeping only
            # matters for collections and unusual tags
            if node.tag not in _DIRECT_TAGS:
                # another tag's value may be mutable (``!!map`` on an empty scalar is a dict):
                # one per scalar, as PyYAML builds it, never shared
                return loader.construct_object(node, deep=True)
            value = self.scalars[key] = Loader.yaml_constructors[node.tag](loader, node)
        return value

    def _tag(self, loader: Any, event: Any) -> str:
        """The tag PyYAML's composer gives the node of a scalar event."""
        tag: str | None = event.tag
        if tag is not None and tag != "!":
            return tag
        if not event.implicit[0]:
            return _STR_TAG
        tag = self.tags.get(event.value)
        if tag is None:
            tag = self.tags[event.value] = loader.resolve(yaml.ScalarNode, event.value,
                                                          event.implicit)
        return tag

    def _first_scalar(self, loader: Any, event: Any, tag: str) -> Any:
        """The value of a scalar event not seen before (or with an anchor: ``_Unusual``)."""
        if event.anchor is not None or tag == _MERGE_TAG:
            raise _Unusual
        text = event.value
        if tag == _STR_TAG and _STR_AS_IS:
            # SafeConstructor's str is the scalar's text: no node and constructor per name and
            # address (4 distinct ones a host)
            value = self.scalars[tag, text] = text
            return value
        if tag == _INT_TAG and _INT_DECIMAL and text.isascii() and text.isdigit() \
                and (text[0] != "0" or text == "0"):
            # SafeConstructor's int of plain decimal digits (a port a host)
            value = self.scalars[tag, text] = int(text)
            return value
        return self.scalar(loader, yaml.ScalarNode(tag, event.value, event.start_mark,
                                                   event.end_mark, event.style))

    def _build(self, loader: Any) -> Any:
        """The value of the document whose start event ``loader`` has just given."""
        get, scalars, tags = loader.get_event, self.scalars, self.tags
        # the collections being built around the innermost (``into``: a dict, a list, or None
        # at the top), each with its mapping's pending key
        stack: list[tuple[Any, Any]] = []
        into: Any = None
        key: Any = _NO_KEY
        while True:
            event = get()
            kind = type(event)
            if kind is _EVENT_SCALAR:
                tag = (tags.get(event.value) if event.tag is None and event.implicit[0]
                       else None) or self._tag(loader, event)
                value = scalars.get((tag, event.value), _NOT_YET)
                if value is _NOT_YET or event.anchor is not None:
                    value = self._first_scalar(loader, event, tag)
            elif kind is _EVENT_MAP_START or kind is _EVENT_SEQ_START:
                if event.anchor is not None or event.tag not in (None, "!") \
                        or len(stack) > _PLAIN_DEPTH:
                    raise _Unusual
                stack.append((into, key))
                into, key = ({} if kind is _EVENT_MAP_START else []), _NO_KEY
                continue
            elif kind is _EVENT_MAP_END or kind is _EVENT_SEQ_END:
                value = into
                into, key = stack.pop()
            else:  # an alias
                raise _Unusual
            if into is None:
                return value
            if type(into) is list:
                into.append(value)
            elif key is _NO_KEY:
                if value in into:  # an unhashable key raises TypeError
                    raise _Unusual
                key = value
            else:
                into[key] = value
                key = _NO_KEY

    def load(self, text: str) -> Any:
        """The value of the one document of ``text``. Raises _Unusual or PyYAML's errors."""
        if Loader.yaml_path_resolvers:
            raise _Unusual  # a scalar's tag may then depend on where it is
        loader = Loader(text)
        try:
            if type(loader.get_event()) is not yaml.StreamStartEvent:
                raise _Unusual
            start = loader.get_event()
            if type(start) is yaml.StreamEndEvent:
                return None  # no document
            if type(start) is not yaml.DocumentStartEvent:
                raise _Unusual
            value = self._build(loader)
            if type(loader.get_event()) is not yaml.DocumentEndEvent \
                    or type(loader.get_event()) is not yaml.StreamEndEvent:
                raise _Unusual  # another document: PyYAML's error
            return value
        finally:
            loader.dispose()


_BREAKS_BUT_LF = ("\x85", "\u2028", "\u2029")  # YAML 1.1 line breaks besides \n and \r\n
# Line starts, searched in "\n" + text (a match's start is then where its line starts in text):
# a pattern beginning with a literal "\n" is found by a fast scan for "\n", where a multiline
# "^" is tried at every position of the text (5 times slower on a 4 MB hosts.yaml).
_COLUMN_ZERO = re.compile(r"\n[^ \n]")
_DOCUMENT_START_WITH_CONTENT = re.compile(r"\n---[ \t]*[^ \t\r\n#]")
_MARKERS = re.compile(r"\n(?:---|\.\.\.|%)")  # documents and directives
# A line that can only start a top-level key when it is not inside a quoted scalar or a flow
# collection: in column 0, not a comment, not a YAML indicator ("-", "?", ":", "[", ...).
_KEY_LINE = re.compile(r"\n[^\s#\-?:,\[\]{}&*!|>%@`]")
_LINE = re.compile(r"^.*$", re.MULTILINE)


def _column_zero_mapping(text: str) -> bool:
    """True when the document's top level, if a mapping, is a block mapping in column 0 (each
    of its keys then starts a line in column 0): its first content starts in column 0 and is
    not a flow collection (``{a: 1, b: 2}`` on one line), an anchor, a tag or content after
    ``---``, and it breaks lines with ``\\n`` or ``\\r\\n`` only."""
    if "\r" in text and text.count("\r") != text.count("\r\n"):
        return False
    if any(char in text for char in _BREAKS_BUT_LF):
        return False
    if _DOCUMENT_START_WITH_CONTENT.search("\n" + text):
        return False
    for match in _LINE.finditer(text):
        line = match.group().lstrip("\ufeff")  # a byte-order mark opens the stream
        if not line.strip() or line.lstrip().startswith("#") or line.startswith(("%", "---")):
            continue
        return line[0] not in " \t{[&!*"
    return True


def top_keys_bound(text: str) -> int | None:
    """At least as many as the keys of the document's top-level mapping, in a millisecond:
    the lines that start in column 0; None when the document's shape allows no such bound
    (``_column_zero_mapping``)."""
    return len(_COLUMN_ZERO.findall("\n" + text)) if _column_zero_mapping(text) else None


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


def key_line_starts(text: str) -> list[int]:
    """Where each line that may start a top-level key starts (``_KEY_LINE``); for a document
    whose top level is a block mapping in column 0 (``top_keys_bound`` is not None), every key
    starts one of them."""
    return [match.start() for match in _KEY_LINE.finditer("\n" + text)]


def _pieces(text: str) -> list[str] | None:
    """``text`` cut before every ``PIECE_KEYS``-th top-level key, when it is big, has no
    alias, one document without directives, and a block mapping in column 0 at the top; else
    None. A cut inside a quoted scalar or flow collection leaves a piece that does not parse
    (then the whole document is parsed in one go); a plain or block scalar ends before any
    line in column 0."""
    if len(text) <= PIECE_BYTES or "*" in text or _MARKERS.search("\n" + text):
        return None
    if not _column_zero_mapping(text):
        return None
    cuts = key_line_starts(text)[PIECE_KEYS::PIECE_KEYS]
    return [text[start:end] for start, end in zip([0, *cuts], [*cuts, len(text)], strict=True)]


def _load_pieces(pieces: list[str]) -> dict[Any, Any]:
    """The pieces' mappings merged in order; from ``FORKED_PIECES`` pieces on, parsed by worker
    processes (``flexorch.forked``: each parses a contiguous run of pieces, the values come
    back pickled, about a twentieth of what parsing costs). A piece that fails in a worker is
    parsed again here, so its error (and the fallback below) is this process's."""
    from flexorch.forked import forked_map

    plain = _Plain()  # in a worker, its own copy: scalars shared within its run of pieces
    merged: dict[Any, Any] = {}
    for value in forked_map(plain.load, pieces, minimum=FORKED_PIECES):
        if value is None:
            continue
        if not isinstance(value, dict) or not merged.keys().isdisjoint(value):
            raise _Unusual
        merged.update(value)
    return merged


def load(text: str) -> Any:
    """``yaml.load(text, Loader=Loader)``: the same value or the same error, faster and in less
    memory for the common document (see the module docstring)."""
    if "*" not in text:
        pieces = _pieces(text)
        try:
            return _load_pieces(pieces) if pieces is not None else _Plain().load(text)
        except (_Unusual, TypeError, ValueError, yaml.YAMLError):
            pass  # loaded again below in one go: its value or its error
    return yaml.load(text, Loader=Loader)
