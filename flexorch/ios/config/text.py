"""Delimited multi-line arguments: ``banner motd ^C ... ^C``.

IOS reads the first character after ``banner <kind>`` as the delimiter and takes every following
character, over as many lines as it takes, up to the next occurrence of it (Cisco IOS
Configuration Fundamentals Command Reference, "banner motd"). It saves the text with the
delimiter ETX (Ctrl-C), which ``show running-config`` prints as ``^C``; a config file holding
that display form (``banner exec ^C``) is read with ``^C`` as the delimiter, so a saved config
boots back to the same banner.

Stored as IOS prints it: the command line up to the end of its first line (``banner exec ^C``, or
the whole banner when it fits on one line: ``banner motd ^CHello^C``), and every further line of
text as a child, the last one ending with ``^C`` — the shape ``flexorch.ios.config.tree`` reads
from a running config, so the engine and the reader agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from flexorch.ios.config.tree import Node
from flexorch.ios.facts.rules import DELIMITED_TEXT_COMMAND

ETX = "^C"
_DELIMITED = re.compile(DELIMITED_TEXT_COMMAND)


@dataclass
class Banner:
    """A banner being read: its command words, delimiter, text lines so far, whether it ended."""

    head: str
    delimiter: str
    parts: list[str] = field(default_factory=list)
    done: bool = False

    def add(self, line: str) -> None:
        """One more line of text (the delimiter in it ends the banner); lines are kept without
        their surrounding blanks, as the config reader keeps them."""
        line = line.strip()
        cut = line.find(self.delimiter)
        if cut >= 0:
            self.parts.append(line[:cut])
            self.done = True
        else:
            self.parts.append(line)

    def node(self) -> Node:
        """The stored banner: the first line as the node, further lines as its children."""
        parts = list(self.parts)
        if self.done:
            parts[-1] += ETX
        first = f"{self.head} {ETX}{parts[0]}"
        return Node(first, [Node(p) for p in parts[1:]])

    def prompt(self) -> str:
        """What IOS prints before reading the text."""
        return f"Enter TEXT message.  End with the character '{self.delimiter}'."


def banner_start(line: str) -> Banner | None:
    """The banner ``line`` begins (None: not a delimited-text command)."""
    match = _DELIMITED.match(line)
    if match is None:
        return None
    rest = line[match.start(1):]
    delimiter = ETX if rest.startswith(ETX) else rest[0]
    banner = Banner(line[:match.start(1)].rstrip(), delimiter)
    first = rest[len(delimiter):]
    cut = first.find(delimiter)
    if cut >= 0:
        # A one-line banner keeps its text as typed, the blanks inside the delimiters too: IOS 15.4
        # shows 'banner motd ^C unauthorized access prohibited ^C' (tests/fixtures/real/
        # gh-pekep97-otus-lab14-gre-dmvpn-pki/r18.cfg).
        banner.parts.append(first[:cut])
        banner.done = True
    else:
        banner.parts.append(first.rstrip())
    return banner
