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
    # The text before the first block (the head), then each block without the line break that
    # ends it (``split`` keeps no match: 4.6 us for a spoke's 14 blocks, against 8.4 us for
    # their starts found one match at a time and sliced).
    pieces = _ROOT_BREAK.split(text)
    if text[:1] and not text[0].isspace() and text[0] != "!":
        pieces.insert(0, "")  # the first block starts the text: no head
    if text.startswith("end") or "\nend" in text:  # an ``end`` line is skipped, not a block
        pieces = _end_lines_joined(pieces)
    if len(pieces) < 2 or block_roots(pieces[0]) != []:
        return None
    return [piece + "\n" for piece in pieces[1:-1]] + [pieces[-1]]


def _end_lines_joined(pieces: list[str]) -> list[str]:
    """``pieces`` (a head, then blocks without their last line break) with each block that
    starts with an ``end`` line joined to the one before it, as the text holds them."""
    joined = pieces[:1]
    for piece in pieces[1:]:
        if piece.partition("\n")[0].rstrip() == "end":
            joined[-1] = f"{joined[-1]}\n{piece}"
        else:
            joined.append(piece)
    return joined


def block_roots(text: str) -> list[Node] | None:
    """``indented_or_none`` of the lines of ``text`` (one block of ``rendered_blocks``: one
    node)."""
    return indented_or_none([raw.rstrip() for raw in text.splitlines()])

