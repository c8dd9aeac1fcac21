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
patterns) is refused, because the inventory holds secrets only as references. A line whose key
no typed key holds (an NHRP password, an OSPF key, an AAA group's private server key:
``MASKED_RAW_LINE_PATTERNS``) is written as a mapping instead, its key a reference:
``{line: "ip nhrp authentication", secret: {file: ...}}`` renders ``ip nhrp authentication
<key>`` (``rest``: what follows the key, as ``server-private 10.0.0.5 key {secret} auth-port
1645`` needs). ``flexorch import`` writes that form, the key in its secrets folder.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from flexorch.intent.types import check_printable
from flexorch.ios.facts import MASKED_RAW_LINE_PATTERNS, carries_secret, split_secret
from flexorch.secrets import MASK, SecretRef


def _check_raw(value: str) -> str:
    check_printable(value, "raw line")
    if not value.strip():
        raise ValueError("a raw line must not be empty")
    if value != value.rstrip():
        raise ValueError("a raw line must not end with spaces")
    if carries_secret(value):
        raise ValueError(
            "a raw line must not carry a key or password: use the block's typed key, or the "
            "{line: ..., secret: {env: ...} or {file: ...}} form of a raw line"
        )
    return value


RawLine = Annotated[str, AfterValidator(_check_raw), Field(max_length=1024)]
"""One config line kept verbatim (leading spaces nest it deeper than the block's children)."""


class RawSecretLine(BaseModel):
    """A raw line carrying a key no typed key holds: ``line``, the key (``secret``, a
    reference), then ``rest``. The line with its key shown as ``******`` must be one IOS writes
    a key in (``MASKED_RAW_LINE_PATTERNS``), with the key in that place."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    line: str = Field(max_length=1024)
    secret: SecretRef
    rest: str = Field(default="", max_length=1024)

    @model_validator(mode="after")
    def _a_key_line(self) -> RawSecretLine:
        shown = self.text(MASK)  # the key as every output shows it
        check_printable(shown, "raw line")
        if shown != shown.rstrip() or self.line != self.line.rstrip() or not self.line.strip():
            raise ValueError("a raw line must not be empty or end with spaces")
        for pattern in MASKED_RAW_LINE_PATTERNS:
            found = split_secret(pattern, shown)
            if found is not None and found[1] == MASK:
                return self
        raise ValueError(f"'{shown}' is not a line IOS writes a key in as 'secret' "
                         "(an NHRP password, an OSPF key, a private RADIUS/TACACS+ server key)")

    def text(self, key: str) -> str:
        """The line with ``key`` in its place."""
        return f"{self.line} {key}{self.rest}"


RawEntry = RawLine | RawSecretLine
"""An ``extra_lines`` entry: a line kept verbatim, or one carrying a key by reference."""


def raw_text(entry: str | RawSecretLine, secret: Callable[[SecretRef], str]) -> str:
    """Jinja filter ``raw``: the config line of an ``extra_lines`` entry, its key written by
    ``secret`` (the render's writer: the value, or ``******`` in a masked rendering)."""
    return entry if isinstance(entry, str) else entry.text(secret(entry.secret))

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
