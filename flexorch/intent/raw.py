"""``extra_lines``: the escape hatch for lines inside a block that the typed keys cannot express.

A block flexorch renders (an IKEv2 profile, a tunnel, a keyring peer, ...) may carry
``extra_lines``: config lines rendered verbatim at the end of the block, one space deeper than
the block header (a line that starts with spaces goes deeper still). ``flexorch import`` writes
them for lines a router has that no typed key renders (NHRP and routing lines of a DMVPN
tunnel, a proposal's post-quantum key exchange, ...), so plan keeps them instead of removing
them. ``flexorch lint`` reports every block that has them (FV601): flexorch does not check
their meaning.

A raw line is one line of printable ASCII without ``?`` (IOS context help) and without a
secret: a line that carries a key or password by IOS syntax (``flexorch.ios.facts``'s secret
patterns) is refused, because the inventory holds secrets only as references.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

from flexorch.intent.types import check_printable
from flexorch.ios.facts import SECRET_LINE_PATTERNS


def _check_raw(value: str) -> str:
    check_printable(value, "raw line")
    if not value.strip():
        raise ValueError("a raw line must not be empty")
    if value != value.rstrip():
        raise ValueError("a raw line must not end with spaces")
    if any(pattern.match(value) for pattern in SECRET_LINE_PATTERNS):
        raise ValueError(
            "a raw line must not carry a key or password: use the block's typed key with an "
            "{env: ...} or {file: ...} reference"
        )
    return value


RawLine = Annotated[str, AfterValidator(_check_raw), Field(max_length=1024)]
"""One config line kept verbatim (leading spaces nest it deeper than the block's children)."""

GLOBAL_RAW_PREFIXES = ("crypto ikev2 ", "crypto ipsec ")


def _check_global(value: str) -> str:
    if not value.startswith(GLOBAL_RAW_PREFIXES):
        raise ValueError(
            f"'{value}' is not an IKEv2/IPsec global line (it must start with "
            "'crypto ikev2 ' or 'crypto ipsec ')"
        )
    return value


GlobalRawLine = Annotated[RawLine, AfterValidator(_check_global)]
"""A global ``crypto ikev2 ...`` / ``crypto ipsec ...`` line kept verbatim (top level)."""
