"""The shape of a grammar table row: a command of a config mode, and a mode.

Kept apart from the matcher so the tables (``flexorch.ios.cli.commands``) import nothing heavy and
``flexorch.ios.facts.platform`` can re-export them without an import cycle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@lru_cache(maxsize=256)
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


@dataclass(frozen=True)
class Command:
    """One command of a mode's grammar (one row of a table in ``flexorch.ios.cli.commands``).

    ``key`` says what makes two lines the same setting:
      - ``None``: the whole line (a list entry; several coexist, ``no <line>`` removes one);
      - an int N: the first N canonical words (single-valued: a new line replaces the old);
      - ``"slot:<name>"``: a named slot shared by several commands that exclude each other
        (``ip address`` / ``ip unnumbered``);
      - any other string: a regex matched on the canonical line whose groups, joined with a
        space, are the key.
    ``merge``: one line per key whose values accumulate (``encryption`` in an IKEv2 proposal).
    ``opens``: the id of the sub-mode the command enters (it is a block header).
    ``split``: a keyword whose words IOS moves to a child line of the block the command opens
    (``crypto ipsec transform-set T esp-aes esp-sha-hmac mode transport``).
    ``rewrite``: (regex, replacement) applied to the canonical line; IOS's own respelling
    (``ip domain-name`` -> ``ip domain name``).
    ``action``: ``exit``/``end``/``do``/``exit-parent`` for the mode-changing words.
    ``negation``: how IOS stores the ``no`` form. None: ``no X`` removes X. ``"default-on"``: X
    is IOS's default and never shown; ``no X`` is stored and shown (``no cdp enable``), X removes
    it. ``"shown"``: X and ``no X`` are both stored and shown, each replacing the other
    (``no service pad`` / ``service pad``, ``no passive-interface Gi1``).
    ``repeat``: a data line that may occur several times in one block (certificate hex lines):
    always appended, never merged with an equal line.
    ``delimited``: the last argument starts with a delimiter character and runs, over as many
    lines as it takes, to the next occurrence of it (``banner motd ^C ... ^C``).
    """

    syntax: str
    key: int | str | None = None
    opens: str | None = None
    merge: bool = False
    split: str | None = None
    rewrite: tuple[str, str] | None = None
    action: str | None = None
    negation: str | None = None
    repeat: bool = False
    delimited: bool = False

    def identity(self, canonical: str) -> str:
        """The identity key of a canonical line of this command."""
        key = self.key
        if key is None:
            return canonical
        if isinstance(key, int):
            return " ".join(canonical.split()[:key])
        if key.startswith("slot:"):
            return key
        match = _regex(key).match(canonical)
        if match is None:
            return canonical
        groups = [g for g in match.groups() if g] if match.groups() else [match.group(0)]
        return " ".join(groups)

    @property
    def single(self) -> bool:
        """True when a new line replaces the previous one with the same key."""
        return self.key is not None


@dataclass(frozen=True)
class Mode:
    """A config mode: an id (unique), its prompt name as IOS prints it, its commands."""

    id: str
    prompt: str
    commands: tuple[Command, ...]
