"""Show-command parsing: TextFSM templates in ``parsers/``, typed records, IOS-XE formatters.

``parse_output(command, text)`` turns router output into records (``SaRecord``, ``CryptoSession``,
``Ikev2Session``, ``VersionRecord``); the ``format_*`` functions turn records back into the text
IOS-XE 17 prints (the lab uses them). Importing this package does not import textfsm.
"""

from flexorch.parse.format import (
    format_crypto_session,
    format_crypto_session_detail,
    format_ikev2_sa,
    format_ikev2_sa_detailed,
    format_ikev2_session,
)
from flexorch.parse.records import (
    ChildSa,
    CryptoSession,
    IkeSaSummary,
    Ikev2Session,
    IpsecFlow,
    ParseResult,
    ParseWarning,
    SaRecord,
    VersionRecord,
)

__all__ = [
    "ChildSa",
    "CryptoSession",
    "IkeSaSummary",
    "Ikev2Session",
    "IpsecFlow",
    "ParseResult",
    "ParseWarning",
    "SaRecord",
    "VersionRecord",
    "format_crypto_session",
    "format_crypto_session_detail",
    "format_ikev2_sa",
    "format_ikev2_sa_detailed",
    "format_ikev2_session",
]
