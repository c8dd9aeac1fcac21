"""Show-command parsing: TextFSM templates in ``parsers/`` and typed records.

``parse_output(command, text)`` (in ``flexorch.parse.runner``) turns router output into records
(``SaRecord``, ``CryptoSession``, ``Ikev2Session``, ``IpsecSaFlow``, ``Ikev2Stats``,
``VersionRecord``, and the crypto policy objects ``Ikev2Proposal``, ``Ikev2Policy``,
``Ikev2Profile``, ``TransformSet``, ``IpsecProfile``). The reverse (records -> IOS-XE text) is
the lab's business: ``flexorch.lab.format``. Importing this package does not import textfsm.
"""

from flexorch.parse.ikev2_stats import Ikev2Stats
from flexorch.parse.ipsec_sa import IpsecSa, IpsecSaFlow
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
from flexorch.parse.records_policy import (
    Ikev2Policy,
    Ikev2Profile,
    Ikev2Proposal,
    IpsecProfile,
    TransformSet,
)

__all__ = [
    "ChildSa",
    "CryptoSession",
    "IkeSaSummary",
    "Ikev2Policy",
    "Ikev2Profile",
    "Ikev2Proposal",
    "Ikev2Session",
    "Ikev2Stats",
    "IpsecFlow",
    "IpsecProfile",
    "IpsecSa",
    "IpsecSaFlow",
    "ParseResult",
    "ParseWarning",
    "SaRecord",
    "TransformSet",
    "VersionRecord",
]
