"""``yamlload.load`` on small documents (the event-built fast path, no pieces) against PyYAML's
``yaml.load(text, Loader=yamlload.Loader)``: the same values of the same types (``==`` alone
would take ``True`` for ``1`` and ``1.0`` for ``1``), the same errors, and no value object
shared where PyYAML builds two. Review of the issue-15 speed work.
"""

from __future__ import annotations

import datetime
import math
from typing import Any

import pytest
import yaml

from flexorch.intent import yamlload


def _same(got: Any, expected: Any) -> bool:
    """Equal values of the same types all the way down (NaN equal to NaN), keys in order."""
    if type(got) is not type(expected):
        return False
    if isinstance(got, dict):
        return list(map(repr, got)) == list(map(repr, expected)) and all(
            _same(a, b) for a, b in zip(got.values(), expected.values(), strict=True))
    if isinstance(got, list):
        return len(got) == len(expected) and all(
            _same(a, b) for a, b in zip(got, expected, strict=True))
    if isinstance(got, float) and math.isnan(got):
        return math.isnan(expected)
    return bool(got == expected)


def _as_pyyaml(text: str) -> Any:
    try:
        expected = yaml.load(text, Loader=yamlload.Loader)
    except Exception as exc:  # the fast path must raise the very same
        with pytest.raises(type(exc)) as got:
            yamlload.load(text)
        assert str(got.value) == str(exc)
        return exc
    value = yamlload.load(text)
    assert _same(value, expected), (value, expected)
    return value


# Scalars whose implicit type YAML 1.1 (PyYAML's resolver) decides from the text, with the
# value typed by hand.
SCALARS: dict[str, Any] = {
    "yes": True, "No": False, "on": True, "OFF": False, "y": "y", "n": "n",
    "true": True, "False": False,
    "null": None, "~": None, "Null": None, "": None,
    "1e3": "1e3",  # YAML 1.1 floats need a dot
    "1.0e+3": 1000.0, "0x10": 16, "0o7": "0o7", "07": 7, "010": 8, "08": "08",
    "1_000": 1000, "0b101": 5, "1:20": 80, "-0": 0, "+1": 1, "1.5": 1.5,
    ".inf": math.inf, "-.Inf": -math.inf,
    "2001-12-14": datetime.date(2001, 12, 14),
    "'yes'": "yes", '"1"': "1", "! 12": 12, "!!str 12": "12", "!!int '12'": 12,
    "!!float 1": 1.0, "!!bool yes": True, "!!binary aGVsbG8=": b"hello",
}


@pytest.mark.parametrize("text", SCALARS)
def test_a_scalar_reads_as_pyyaml_reads_it(text: str) -> None:
    value = _as_pyyaml(f"k: {text}\n")
    assert _same(value, {"k": SCALARS[text]})


def test_nan_reads_as_nan() -> None:
    value = _as_pyyaml("k: .nan\n")
    assert math.isnan(value["k"])


DOCUMENTS = {
    "non-string keys": "1: a\nyes: b\n~: c\n1.5: d\n2001-01-01: e\n'1': f\n",
    "key given twice": "a: 1\nb: 2\na: 3\n",
    "keys equal as values": "1: a\n1.0: b\n",
    "true and 1 are one key": "yes: a\n1: b\n",
    "unhashable key": "? [1, 2]\n: a\n",
    "mapping key": "? {x: 1}\n: a\n",
    "anchor without alias": "a: &x 1\nb: &y {c: 2}\n",
    "merge key": "a: {<<: {x: 1, y: 2}, y: 3}\n",
    "quoted merge key is a key": "a: {'<<': 1}\n",
    "tag on a collection": "a: !!set {x, y}\nb: !!omap [x: 1]\nc: !!map {z: 1}\n",
    "non-specific tag on a collection": "a: ! {x: 1}\n",
    "unknown tag": "a: !foo x\n",
    "value tag": "a: =\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "document markers": "%YAML 1.1\n---\na: 1\n...\n",
    "empty stream": "",
    "comment only": "# nothing\n",
    "empty document": "---\n",
    "invalid date": "a: 2001-02-30\n",
    "huge int": f"a: {'9' * 5000}\n",
    "deep": "a: " + "[" * 80 + "]" * 80 + "\n",
    "top-level list": "- 1\n- yes\n- [a, {b: ~}]\n",
    "top-level scalar": "just words\n",
}


@pytest.mark.parametrize("name", DOCUMENTS)
def test_a_document_reads_as_pyyaml_reads_it(name: str) -> None:
    _as_pyyaml(DOCUMENTS[name])


def test_equal_mutable_scalars_are_two_objects_as_pyyaml_builds_them() -> None:
    """A ``!!map`` tag on an empty scalar makes a dict (``Loader``'s mapping constructor reads
    the scalar's empty text as no pairs): PyYAML builds one dict per scalar. The fast path
    shares each distinct scalar's value, which is right for immutable values only: here the
    two hosts would share one dict, and a change to one would show in the other."""
    text = "h1: !!map\nh2: !!map\n"
    expected = yaml.load(text, Loader=yamlload.Loader)
    assert expected == {"h1": {}, "h2": {}} and expected["h1"] is not expected["h2"]
    value = yamlload.load(text)
    assert value == {"h1": {}, "h2": {}}
    assert value["h1"] is not value["h2"]
