"""Show-command parsing: TextFSM templates in ``parsers/``, typed records, IOS-XE formatters.

``parse_output(command, text)`` (in ``flexorch.parse.runner``) turns router output into records
(``SaRecord``, ``CryptoSession``, ``Ikev2Session``, ``VersionRecord``, and the crypto policy
objects ``Ikev2Proposal``, ``Ikev2Policy``, ``TransformSet``, ``IpsecProfile``); the ``format_*``
functions turn records back into the text IOS-XE 17 prints (the lab uses them). Importing this
package does not import textfsm.
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
from flexorch.parse.records_policy import Ikev2Policy, Ikev2Proposal, IpsecProfile, TransformSet

__all__ = [
    "ChildSa",
    "CryptoSession",
    "IkeSaSummary",
    "Ikev2Policy",
    "Ikev2Proposal",
    "Ikev2Session",
    "IpsecFlow",
    "IpsecProfile",
    "ParseResult",
    "ParseWarning",
    "SaRecord",
    "TransformSet",
    "VersionRecord",
    "format_crypto_session",
    "format_crypto_session_detail",
    "format_ikev2_sa",
    "format_ikev2_sa_detailed",
    "format_ikev2_session",
]
