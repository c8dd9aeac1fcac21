"""The grammar's preferences per token (``CompiledMode._ways``; issue 15 moved the typed
arguments' matching ahead of the keyword-prefix lookup): an exact keyword wins over every other
reading, then a typed argument that accepts the token, then a unique keyword prefix.

``certificate [{ca|rollover|self-signed}=kind] <hex=serial> [<word>]`` (a certificate chain's
entries) has keywords and a typed argument at one place: ``ca`` is both a keyword and hex
digits, ``c`` both a prefix of ``ca`` and hex digits, ``r`` a prefix of ``rollover`` and no hex.
"""

from __future__ import annotations

import pytest

from flexorch.ios.cli.lines import block_mode, match_cached

MODE = block_mode("config", "crypto pki certificate chain TP")


@pytest.mark.parametrize("shown", [False, True])
def test_an_exact_keyword_wins_over_a_typed_reading(shown: bool) -> None:
    assert MODE is not None
    full = match_cached(MODE, "certificate ca 01", 0, shown=shown)
    assert full.status == "ok"
    assert full.slots.one("kind") == "ca"
    assert full.slots.one("serial") == "01"
    # read as the keyword, the line lacks its serial, although "CA" alone is a serial
    assert match_cached(MODE, "certificate ca", 0, shown=shown).status == "incomplete"


@pytest.mark.parametrize("shown", [False, True])
def test_a_typed_argument_wins_over_a_keyword_prefix(shown: bool) -> None:
    assert MODE is not None
    match = match_cached(MODE, "certificate c 01", 0, shown=shown)
    assert match.status == "ok"
    assert match.canonical == "certificate C 01"
    assert match.slots.one("kind") is None
    assert match.slots.one("serial") == "C"


@pytest.mark.parametrize("shown", [False, True])
def test_a_unique_prefix_is_the_keyword_when_no_typed_argument_takes_it(shown: bool) -> None:
    assert MODE is not None
    for typed, kind in (("r", "rollover"), ("ro", "rollover"), ("s", "self-signed"),
                        ("CA", "ca")):
        match = match_cached(MODE, f"certificate {typed} 1A", 0, shown=shown)
        assert match.status == "ok", typed
        assert match.slots.one("kind") == kind
        assert match.slots.one("serial") == "1A"
