"""Find the command blocks of the FlexVPN guide (``flexvpn-guide.txt``), so the example table
(``examples.yaml``) can be checked to list every one of them.

A guide line is a *command line* when it reads like IOS input or output rather than prose: it
starts with a lower-case letter, a digit or ``R1#`` (the guide's prompt), has no sentence end
(``.`` or ``:`` at the end, except the name mangler's ``eap prefix delimiter .``), and is not a
numbered step heading (``1. Enable AAA Services``). A *block* is a run of command lines that
only blank lines separate (the guide often puts a blank line between the parts of one example);
prose ends a block. Table rows (``3DES 112 Legacy No``) and show/debug commands are blocks too:
the table says what each one is.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

_PROSE_END = re.compile(r"[.:]$")
_DELIMITER = re.compile(r"^eap (prefix|suffix) delimiter \S$")
_START = re.compile(r"^([a-z0-9]|R1#)")
_STEP = re.compile(r"^\d+\.\s")  # a numbered step heading ("1. Enable AAA Services")


def guide_path() -> Path:
    """The guide: ``$FLEXORCH_GUIDE``, else ``shared/reference/`` beside the checkout (CI lays
    ``shared/`` next to the clone), else the workplace copy."""
    if "FLEXORCH_GUIDE" in os.environ:
        return Path(os.environ["FLEXORCH_GUIDE"])
    beside = Path(__file__).resolve().parents[3] / "shared" / "reference" / "flexvpn-guide.txt"
    return beside if beside.is_file() else Path("/work/shared/reference/flexvpn-guide.txt")


def is_blank(line: str) -> bool:
    """An empty line or the guide's non-breaking-space spacer line."""
    return not line.replace("\u00a0", " ").strip()


def is_command(line: str) -> bool:
    """True for a line that reads like IOS input or output (see the module doc)."""
    text = line.strip()
    if is_blank(line) or not _START.match(text) or _STEP.match(text):
        return False
    return not (_PROSE_END.search(text) and not _DELIMITER.match(text))


def command_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(first, last) 1-based line numbers of every block of command lines."""
    blocks: list[tuple[int, int]] = []
    first = last = 0
    for number, line in enumerate(lines, 1):
        if is_command(line):
            first, last = first or number, number
        elif not is_blank(line) and first:
            blocks.append((first, last))
            first = last = 0
    if first:
        blocks.append((first, last))
    return blocks


def block_text(lines: list[str], first: int, last: int) -> list[str]:
    """The lines of a block as the guide prints them, stripped; a blank line is ``""`` (so the
    n-th entry is line ``first + n``)."""
    return ["" if is_blank(line) else line.strip() for line in lines[first - 1:last]]
