"""IOS's command line as data: modes, their typed commands, the grammar that matches a line.

Public surface: ``Command``/``Mode`` (one grammar row, one CLI mode), ``MODES`` (every config mode
with its prompt and commands), ``interface_mode``, ``tokenize``/``compiled``/``match_line`` (the
state machine of a mode: prefixes, ambiguity, incomplete commands, caret column) and ``line_info``
(canonical text, identity key, single-valued or list, ``no`` form). Depends only on
``flexorch.ios.facts``.
"""

from __future__ import annotations

from flexorch.ios.cli.commands import (
    MODES,
    interface_mode,
)
from flexorch.ios.cli.grammar import (
    Arg,
    CompiledMode,
    Match,
    Matcher,
    Token,
    compiled,
    match_line,
    tokenize,
)
from flexorch.ios.cli.lines import (
    LineInfo,
    accepts,
    block_mode,
    canonical_of,
    header_no_ok,
    line_info,
    line_key,
    literal_prefix,
    match_cached,
    min_no_words,
    partial_no_ok,
)
from flexorch.ios.cli.syntax import (
    Command,
    Mode,
)

__all__ = [
    "MODES",
    "Arg",
    "Command",
    "CompiledMode",
    "LineInfo",
    "Match",
    "Matcher",
    "Mode",
    "Token",
    "accepts",
    "block_mode",
    "canonical_of",
    "compiled",
    "header_no_ok",
    "interface_mode",
    "line_info",
    "line_key",
    "literal_prefix",
    "match_cached",
    "match_line",
    "min_no_words",
    "partial_no_ok",
    "tokenize",
]
