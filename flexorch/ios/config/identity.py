"""Which lines of a config are the same setting: the key plan and drift compare lines by.

Built on the grammar (``flexorch.ios.cli``) and the object tables (``flexorch.ios.facts``), so it
lives here, above both, rather than among the facts (which import nothing of flexorch).
"""

from __future__ import annotations

from functools import lru_cache

from flexorch.ios.cli import MODES, line_key
from flexorch.ios.facts.objects import object_of


# Pure in its arguments, and asked for every top-level line of both configs of every plan (14
# a spoke) and every line of the blocks compared: one look-up instead of a call and two
# (4,000 spokes compared: 33.2-33.9 -> 30.8-31.7 us a spoke).
@lru_cache(maxsize=200_000)
def setting_key(kind: str | None, text: str) -> str:
    """What makes two lines of a block of ``kind`` the same setting (plan replaces it, drift
    reports it "changed"): the grammar's identity key, except that a one-line object the grammar
    keys by its whole text (``ip local pool P a b``) is keyed by its kind and name, so a changed
    line is the same object changed. Lines of unknown blocks are keyed by their text."""
    if kind is None or kind not in MODES:
        return text
    key = line_key(kind, text)
    if kind == "config" and key == text:
        found = object_of(text)
        if found is not None and not found[0].block:
            return f"{found[0].kind}:{found[1]}"
    return key
