"""Delimited multi-line arguments: ``banner motd ^C ... ^C``.

IOS reads the first character after ``banner <kind>`` as the delimiter and takes every following
character, over as many lines as it takes, up to the next occurrence of it. It saves the text with
the delimiter ETX (Ctrl-C), which ``show running-config`` prints as ``^C``; a config file holding
that display form (``banner exec ^C``) is read with ``^C`` as the delimiter, so a saved config
boots back to the same banner. The stored line is the whole banner: ``banner exec ^C`` + text +
``^C``, the text's line breaks kept (Cisco IOS Configuration Fundamentals Command Reference,
"banner motd").
"""

from __future__ import annotations

from dataclasses import dataclass, field

ETX = "^C"


@dataclass
class Banner:
    """A banner being read: its command words, delimiter, text so far, and whether it ended."""

    head: str
    key: str
    delimiter: str
    parts: list[str] = field(default_factory=list)
    done: bool = False

    def add(self, line: str) -> None:
        """One more line of text (the delimiter in it ends the banner)."""
        cut = line.find(self.delimiter)
        if cut >= 0:
            self.parts.append(line[:cut])
            self.done = True
        else:
            self.parts.append(line)

    def text(self) -> str:
        """The stored line: ``banner <kind> ^C<text>^C``."""
        return f"{self.head} {ETX}" + "\n".join(self.parts) + ETX

    def prompt(self) -> str:
        """What IOS prints before reading the text."""
        return f"Enter TEXT message.  End with the character '{self.delimiter}'."


def banner_start(canonical: str, key: str) -> Banner:
    """The banner begun by ``canonical`` (``banner motd #text`` ...)."""
    words = key.split()
    rest = canonical.split(None, len(words))[len(words)]
    delimiter = ETX if rest.startswith(ETX) else rest[0]
    banner = Banner(" ".join(words), key, delimiter)
    banner.add(rest[len(delimiter):])
    return banner
