"""The top-level blocks of a config flexorch rendered, as texts: what lets a reader look a block
up by its text instead of reading it again.

The routers of a fleet render most of their blocks alike (the same proposals, policies, keyring
and profile blocks at every spoke of a site): the plan's normaliser
(``flexorch.ios.config.normalize.normalize_rendered``) and the model reader
(``flexorch.ios.model.RouterConfig.from_rendered``) keep what they made of a block by its text.
A block's text starts at a line ``read_indented`` makes a top-level node of (a first character
neither white space nor ``!``, and not ``end``) and runs to the next one; read alone, it gives
the node the whole text gives (``block_roots``: the nesting of rendered text follows
indentation, and a column-0 line closes every open block).
"""

from __future__ import annotations

import re

from flexorch.ios.config.reader import indented_or_none
from flexorch.ios.config.tree import Node

__all__ = ["block_roots", "rendered_blocks"]

# A line break before a line that ``read_indented`` may start a top-level node with: a first
# character neither white space nor ``!``.
_ROOT_BREAK = re.compile(r"\n(?=[^\s!])")
# Line breaks of ``str.splitlines`` other than ``\n`` (in ASCII text): text holding one is read
# whole (``ConfigTree.from_rendered``).
_OTHER_BREAKS = ("\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e")


def rendered_blocks(text: str) -> list[str] | None:
    """The texts of ``text``'s top-level blocks in order, each from its first line to the next
    block's; None when the text must be read whole: lines ``str.splitlines`` may break elsewhere
    than at ``\\n`` (non-ASCII, ``_OTHER_BREAKS``), or lines before the first block that are not
    blank or ``!``. A block whose lines ``read_indented`` would not read by indentation alone
    (a banner, a certificate's ``quit``) is found by ``block_roots`` (None)."""
    if not text.isascii() or any(other in text for other in _OTHER_BREAKS):
        return None
    starts = [match.end() for match in _ROOT_BREAK.finditer(text)]
    if text[:1] and not text[0].isspace() and text[0] != "!":
        starts.insert(0, 0)
    if text.startswith("end") or "\nend" in text:  # an ``end`` line is skipped, not a block
        starts = [at for at in starts if _line_at(text, at).rstrip() != "end"]
    if not starts or block_roots(text[:starts[0]]) != []:
        return None
    return [text[start:end] for start, end in zip(starts, [*starts[1:], len(text)],
                                                  strict=True)]


def block_roots(text: str) -> list[Node] | None:
    """``indented_or_none`` of the lines of ``text`` (one block of ``rendered_blocks``: one
    node)."""
    return indented_or_none([raw.rstrip() for raw in text.splitlines()])


def _line_at(text: str, at: int) -> str:
    """The line of ``text`` starting at ``at`` (without its line break)."""
    end = text.find("\n", at)
    return text[at:] if end < 0 else text[at:end]
