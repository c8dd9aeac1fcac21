"""What the grammar says about single config lines, cached: canonical spelling, identity key,
the mode a block header opens, and whether a ``no`` line may stop early.

Shared by the engine (applying lines), show (ordering, display) and normalize (comparisons);
the plan engineer reads ``line_info`` to know whether a line is single-valued, a merge list or a
block header. Caches are per process and bounded (``functools.lru_cache`` is thread-safe).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final, NamedTuple

from flexorch.ios.cli.args import Token
from flexorch.ios.cli.commands import MODES, interface_mode
from flexorch.ios.cli.grammar import Match, compiled, tokenize
from flexorch.ios.cli.syntax import Command

__all__ = ["LineInfo", "accepts", "block_mode", "canonical_of", "header_no_ok", "line_info",
           "line_key", "match_cached", "partial_no_ok"]


_EMPTY: Final = (Match("incomplete"), Match("incomplete"))
_new_token = tuple.__new__  # a Token without NamedTuple's Python-level ``__new__``


@lru_cache(maxsize=200_000)
def _matches(mode_id: str, line: str, skip: int) -> tuple[Match, Match]:
    mode = compiled(MODES[mode_id])
    cut = _last_word(line)
    if cut is not None:
        match = mode.matches_last(cut[0], skip, cut[1])
        if match is not None:
            return match, match
    tokens = tokenize(line)[skip:]
    return mode.matches(tokens) if tokens else _EMPTY


def _last_word(line: str) -> tuple[str, Token] | None:
    """The text of ``line`` before its last word, and that word as ``tokenize`` gives it (None
    when a quote or a non-ASCII character may join words: ``tokenize`` reads those)."""
    if '"' in line or not line.isascii():
        return None
    body = line.rstrip()
    words = body.rsplit(None, 1)
    if not words:
        return None
    start = len(body) - len(words[-1])
    return line[:start], _new_token(Token, (words[-1], start))


def match_cached(mode_id: str, line: str, skip: int, *, shown: bool = False) -> Match:
    """``line`` matched in mode ``mode_id``, its first ``skip`` words ignored (``no``);
    ``shown``: read as a line IOS shows (``CompiledMode.match``). Cached per line, both
    readings at once: the model reads a router's lines shown, the plan the same lines typed."""
    return _matches(mode_id, line, skip)[shown]


def canonical_of(match: Match) -> str:
    """The canonical text of a complete match, after the command's IOS respelling."""
    assert match.command is not None
    text = match.canonical
    if match.command.rewrite:
        pattern, replacement = match.command.rewrite
        text = re.sub(pattern, replacement, text)
    return text


@lru_cache(maxsize=200_000)
def line_key(mode_id: str, text: str) -> str:
    """The identity key of a stored line in a mode (``no X`` lines: ``no `` + key of X)."""
    negated = text.startswith("no ")
    match = match_cached(mode_id, text, 1 if negated else 0)
    if match.ok and match.command is not None:
        key = match.command.identity(canonical_of(match))
    else:
        key = text[3:] if negated else text
    return f"no {key}" if negated else key


@lru_cache(maxsize=50_000)
def block_mode(parent_mode: str, header: str) -> str | None:
    """The mode id the children of block ``header`` (in ``parent_mode``) belong to."""
    match = match_cached(parent_mode, header, 0)
    if not match.ok or match.command is None or match.command.opens is None:
        return None
    if match.command.opens == "interface":
        return interface_mode(canonical_of(match))
    return match.command.opens


class LineInfo(NamedTuple):
    """What the grammar knows about one stored line in a mode.

    ``canonical``: IOS's spelling; ``key``: identity key (lines with equal keys in one block are
    the same setting); ``single``: a new value replaces the old without ``no``; ``merge``: the
    values accumulate on one line; ``opens``: mode id of the block's children (headers only);
    ``negated``: a ``no X`` line; ``split``: for a header typed with a child on the same line
    (``... mode transport``), that child line; ``negation``: the command's ``Command.negation``
    (whether IOS stores and shows its ``no`` form). (A named tuple: made once per line, it
    costs ~0.15 us where a frozen dataclass of eight fields cost ~1.)
    """

    canonical: str
    key: str
    single: bool
    merge: bool
    opens: str | None
    negated: bool
    split: str | None = None
    negation: str | None = None


_new_info = tuple.__new__  # a LineInfo without NamedTuple's Python-level ``__new__``


@lru_cache(maxsize=200_000)
def line_info(mode_id: str, text: str) -> LineInfo | None:
    """Parse a complete config line (``no`` forms included) in ``mode_id``; None when the line
    is not a complete command of that mode."""
    negated = text.startswith("no ")
    match = match_cached(mode_id, text, 1 if negated else 0)
    if not match.ok or match.command is None or match.command.action:
        return None
    command = match.command
    # A delimited argument (banner text) is kept as written, line breaks included.
    canonical = text if command.delimited and not negated else canonical_of(match)
    split = None
    if command.split and f" {command.split} " in canonical and not negated:
        cut = canonical.index(f" {command.split} ")
        canonical, split = canonical[:cut], canonical[cut + 1:]
    key = command.identity(canonical)
    opens = None
    if command.opens and not negated:
        opens = interface_mode(canonical) if command.opens == "interface" else command.opens
    if negated:
        canonical, key = f"no {canonical}", f"no {key}"
    return _new_info(LineInfo, (canonical, key, command.single, command.merge, opens, negated,
                                split, command.negation))


@lru_cache(maxsize=4096)
def literal_prefix(syntax: str) -> int:
    """How many literal keywords a command's syntax starts with."""
    count = 0
    for word in syntax.split():
        if word[0] in "<[{":
            break
        count += 1
    return count


def min_no_words(command: Command) -> int:
    """The fewest words a ``no`` line may give for ``command`` (its key, or its keywords)."""
    if isinstance(command.key, int):
        return command.key
    return max(1, literal_prefix(command.syntax))


def partial_no_ok(match: Match) -> bool:
    """True when an incomplete match is a valid short ``no`` form (``no tunnel destination``)."""
    if match.status != "incomplete" or not match.words:
        return False
    return any(not c.opens and not c.action and len(match.words) >= min_no_words(c)
               for c in match.partial_commands)


def header_no_ok(match: Match) -> Command | None:
    """The block-header command a ``no`` match removes whole, when its key words are given."""
    if match.status not in ("ok", "incomplete"):
        return None
    for command in ((match.command,) if match.command else ()) + match.partial_commands:
        if command and command.opens and isinstance(command.key, int) \
                and len(match.words) >= command.key:
            return command
    return None




@lru_cache(maxsize=200_000)
def accepts(mode_id: str, text: str) -> bool:
    """True when config mode ``mode_id`` takes ``text`` itself, as the engine would: a complete
    command, or a ``no``/``default`` form it accepts (short ``no`` forms, block removals)."""
    tokens = tokenize(text)
    if not tokens:
        return False
    negated = len(tokens) > 1 and tokens[0].text.lower() in ("no", "default")
    match = match_cached(mode_id, text, 1 if negated else 0)
    if match.ok:
        return True
    return negated and (partial_no_ok(match) or header_no_ok(match) is not None)
