"""A line matched from its head (``CompiledMode.matches_last``: the words before the last one
matched once per head, then the last word) is the line matched whole (``CompiledMode.matches``),
or is left to it.

Checked on the lines of the real configs of the corpus in the modes their blocks open, each also
with the last word of another line of its mode (a fleet's lines differ in their last word), and
on hand-picked lines where the last word changes how an earlier word reads.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from flexorch.ios.cli.commands import MODES
from flexorch.ios.cli.grammar import Match, Token, compiled, tokenize
from flexorch.ios.cli.lines import _last_word, block_mode, match_cached
from flexorch.ios.config import ConfigTree, Node

ROOT = Path(__file__).resolve().parents[2]
REAL = sorted((ROOT / "tests" / "fixtures" / "real").glob("*/*.cfg"))


def _whole(mode_id: str, line: str, skip: int) -> tuple[Match, Match] | None:
    tokens = tokenize(line)[skip:]
    return compiled(MODES[mode_id]).matches(tokens) if tokens else None


def _from_head(mode_id: str, line: str, skip: int) -> Match | None:
    """``matches_last`` of ``line`` once its head is known (a head seen once is not walked)."""
    cut = _last_word(line)
    if cut is None:
        return None
    mode = compiled(MODES[mode_id])
    return mode.matches_last(cut[0], skip, cut[1]) or mode.matches_last(cut[0], skip, cut[1])


def _lines(nodes: list[Node], mode: str | None, into: dict[str, set[str]]) -> None:
    for node in nodes:
        if mode is None:
            continue
        into.setdefault(mode, set()).add(node.text)
        if node.children:
            _lines(node.children, block_mode(mode, node.text), into)


def _corpus_lines() -> list[tuple[str, str]]:
    by_mode: dict[str, set[str]] = {}
    for path in REAL:
        _lines(ConfigTree.from_text(path.read_text(encoding="utf-8", errors="replace")).roots,
               "config", by_mode)
    rnd = random.Random(30)
    pairs = []
    for mode, texts in sorted(by_mode.items()):
        ordered = sorted(texts)
        lasts = [text.split()[-1] for text in ordered if text.split()]
        for text in ordered:
            pairs.append((mode, text))
            words = text.split()
            if len(words) > 1:
                pairs.append((mode, " ".join([*words[:-1], rnd.choice(lasts)])))
    return pairs


def test_corpus_lines_match_from_their_head_as_whole() -> None:
    pairs = _corpus_lines()
    assert len(pairs) > 20_000
    taken = 0
    for mode, line in pairs:
        for skip in (0, 1):
            head = _from_head(mode, line, skip)
            if head is not None:
                taken += 1
                assert _whole(mode, line, skip) == (head, head), (mode, line, skip)
    assert taken > len(pairs) // 2  # many are taken from their head (and checked)


@pytest.mark.parametrize(("mode", "seen", "line", "canonical"), [
    # ``<iface>`` takes the number after the name: ``Tunnel 1`` is ``Tunnel1``
    ("config", "interface Tunnel x", "interface Tunnel 1", "interface Tunnel1"),
    ("config", "interface Tunnel 1", "interface Tunnel 2", "interface Tunnel2"),
    # ``<rest>`` takes every word to the end, its spacing kept
    ("interface", "description a  b", "description a  c", "description a  c"),
])
def test_a_last_word_an_earlier_argument_takes_is_matched_whole(
        mode: str, seen: str, line: str, canonical: str) -> None:
    match_cached(mode, seen, 0)
    assert _from_head(mode, line, 0) is None
    assert match_cached(mode, line, 0).canonical == canonical


def test_a_head_seen_once_is_not_walked() -> None:
    mode = compiled(MODES["config"])
    head = "username never-seen-before privilege "
    last = Token("15", len(head))
    assert mode.matches_last(head, 0, last) is None  # seen once: the whole line is matched
    again = mode.matches_last(head, 0, last)
    assert again is not None and again.ok
    assert again.canonical == "username never-seen-before privilege 15"
    assert _whole("config", head + "15", 0) == (again, again)


def test_a_skipped_word_is_never_the_last_one() -> None:
    assert _from_head("config", "no", 1) is None
    assert match_cached("config", "no", 1).status == "incomplete"
    assert match_cached("config", "no hostname", 1).status == "incomplete"
    assert match_cached("config", "no hostname r1", 1).canonical == "hostname r1"
    assert _from_head("config", "no hostname r1", 1) == match_cached("config", "hostname r1", 0)
