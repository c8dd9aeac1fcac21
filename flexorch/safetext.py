"""Text that is safe to show on a terminal: the one escaping function for error messages.

An inventory value, a YAML key, a router's answer or a file name can carry terminal escape
sequences (``ESC ] ... BEL`` retitles the window, ``ESC [ 2 J`` clears it, a carriage return
overwrites the line shown) or Unicode bidirectional controls that reorder what is read. Every
error message flexorch prints goes through ``escape_control`` (the CLI's error printer and the
inventory's error formatter), so such characters are shown as ``\\x1b``-style escapes instead of
being obeyed.
"""

from __future__ import annotations

import re
import unicodedata

# C0, DEL, C1, and the Unicode format characters that reorder or hide text (bidi embeddings,
# overrides and isolates; zero-width characters; line/paragraph separators).
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def _escaped(match: re.Match[str]) -> str:
    char = match.group(0)
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_control(text: str) -> str:
    """``text`` with every control and invisible formatting character written as an escape.

    Examples:
        >>> escape_control("host\\x1b]0;owned\\x07")
        'host\\\\x1b]0;owned\\\\x07'
        >>> escape_control("line\\nnext")
        'line\\\\x0anext'
        >>> escape_control("plain text")
        'plain text'
    """
    return _UNSAFE.sub(_escaped, text)


def describe_char(char: str) -> str:
    """A character as an error message names it: ``U+0661 ARABIC-INDIC DIGIT ONE``."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'UNNAMED')}"
