"""Router output as people hand it over -> lines the TextFSM templates can read.

Real captures rarely arrive as the router printed them: they come with CRLF endings, trailing
blanks, tabs or non-breaking spaces from a web page, the prompt and command typed before them,
``--More--`` pager prompts left by a terminal without ``terminal length 0``, colour escapes,
console log messages printed into the middle of the output, the two ``exec prompt timestamp``
lines, and lines cut by a terminal or a Markdown editor. ``prepare`` removes what is never output
(prompts, pager prompts, log messages, timestamp lines, control characters) and normalises
blanks; every kept line remembers its number in the original text so warnings point at the line
the user sees. Joining lines cut in two or three
is ``flexorch.parse.rejoin``'s (it needs the template to tell which lines it cannot read).

Examples:
    >>> erase = "\\x08" * 9 + " " * 9 + "\\x08" * 9
    >>> prepared = prepare(f"R1#show crypto ikev2 sa\\r\\n 1  a/500 \\r\\n --More-- {erase} Encr:")
    >>> prepared.lines
    [' 1  a/500', ' Encr:']
    >>> prepared.numbers
    [2, 3]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# What a terminal adds that the router never meant as output (see the module docstring).
_PROMPT = re.compile(
    r"^\s*[A-Za-z0-9][\w.\-]*(?:\([\w.\-]+\))?[#>]\s*(?:(?:do\s+)?sh(?:o(?:w)?)?\s.*)?$"
)
# A console log message: optional sequence number ("000123: "), optional "*" (clock not set) or
# "." (not authoritative), optional timestamp with milliseconds, year and zone, then
# %FACILITY-SEVERITY-MNEMONIC: as in "*Mar 14 17:42:26.316: %SYS-5-CONFIG_I: Configured from
# console by console", which a real capture prints between a command and its output
# (tests/fixtures/real/gh-kva1n-otus-course-dmvpn-ipsec/SOURCES.md).
_LOG_MESSAGE = re.compile(
    r"^\s*(?:\d+:\s*)?[*.]?"
    r"(?:[A-Z][a-z]{2}\s+\d{1,2}(?:\s+\d{4})?\s+\d{1,2}:\d{2}:\d{2}(?:\.\d+)?(?:\s+[A-Z]{2,5})?:\s*)?"
    r"%[A-Z][A-Z0-9_]*(?:-[A-Z0-9_]+)*-[0-7]-[A-Z0-9_]+:"
)
# The two lines "exec prompt timestamp" prints before every show output (Cisco IOS Configuration
# Fundamentals Command Reference, "exec prompt timestamp": "Load for five secs: 1%/0%; one minute:
# 2%; five minutes: 1%" and "Time source is NTP, 11:12:13.543 PST Tue Aug 18 2015"; "No time
# source, *..." when the clock was never set).
_EXEC_TIMESTAMP = re.compile(
    r"^\s*(?:Load for five secs: \d+%/\d+%; one minute: \d+%; five minutes: \d+%"
    r"|(?:Time source is [\w ]+|No time source), [*.]?\d{1,2}:\d{2}:\d{2}(?:\.\d+)? \w+ \w{3} \w{3}"
    r" +\d{1,2} \d{4})$"
)
# IOS erases its pager prompt with backspaces, blanks and backspaces, then prints the next line.
_PAGER = re.compile(r"^\s*-+\s*More\s*-+ ?(?:\x08+ +\x08+|\x08+)?", re.IGNORECASE)
_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Characters that render as a blank in a browser or editor and stand for one.
_BLANKS = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\ufeff": ""})


@dataclass(frozen=True, slots=True)
class Prepared:
    """Cleaned lines and, for each, its 1-based number in the original text."""

    lines: list[str]
    numbers: list[int]
    originals: list[str]  # the original text of every line of the input, by number - 1


def clean_line(line: str) -> str:
    """One line without escapes, control characters, pager prompt or trailing blanks."""
    line = _PAGER.sub("", _ESCAPE.sub("", line.translate(_BLANKS)))
    return _CONTROL.sub("", line).rstrip()


def prepare(text: str) -> Prepared:
    """Lines of ``text`` ready for a template, with their original line numbers.

    Lines are split as ``str.splitlines`` does (CRLF, CR, LF and the Unicode separators, the way
    TextFSM itself splits), so the numbers match what editors and TextFSM count. Prompt lines
    (``R1#``, ``R1#show ...``, ``R1(config)#do show ...``), console log messages
    (``*Mar  1 00:01:02.345: %LINEPROTO-5-UPDOWN: ...``) and the ``Load for five secs`` /
    ``Time source is`` lines of ``exec prompt timestamp`` are dropped; blank lines are kept.
    """
    originals = text.splitlines()
    lines: list[str] = []
    numbers: list[int] = []
    for number, original in enumerate(originals, start=1):
        line = clean_line(original)
        if _PROMPT.match(line) or _LOG_MESSAGE.match(line) or _EXEC_TIMESTAMP.match(line):
            continue
        lines.append(line)
        numbers.append(number)
    return Prepared(lines, numbers, originals)
