"""IOS-XE facts as data: interface names, secret-bearing lines, error strings, display rules,
object kinds and references, what flexorch owns, algorithm facts and key formats.

Every table is a named constant in one of the modules below and re-exported here: ``platform``
(interfaces, secrets, errors, hidden defaults), ``rules`` (behaviour of config mode),
``display`` (how show running-config orders and lays out lines),
``objects`` (object kinds, references, negation, ordering weights), ``ownership`` (which sections
flexorch manages), ``crypto`` (algorithms, strength grades, IOS defaults per train),
``fragmentation`` (RFC 7383), ``features`` (what exists from which release), ``compliance``
(weak algorithms IOS-XE 17.11+ refuses) and ``keys`` (type 7 / type 9 formats). Depends on
nothing else in flexorch.
"""

from __future__ import annotations

from flexorch.ios.facts import (
    compliance,
    crypto,
    display,
    features,
    fragmentation,
    keys,
    objects,
    ownership,
    platform,
    rules,
)
from flexorch.ios.facts.objects import (
    GLOBAL_LINE_WEIGHTS,
    INTERFACE_WEIGHTS,
    NEGATION_RULES,
    NO_BEFORE_REPLACE,
    OBJECT_KINDS,
    RECREATE_ON_HEADER_CHANGE,
    REFERENCES,
    ObjectKind,
    Reference,
    negate,
    object_of,
)
from flexorch.ios.facts.platform import (
    CONFIG_ERROR_PATTERN,
    ERROR_AMBIGUOUS_PREFIX,
    ERROR_INCOMPLETE,
    ERROR_INVALID,
    FAILED_WHEN_CONTAINS,
    HARDWARE,
    HIDDEN_DEFAULTS,
    INTERFACE_ALIASES,
    INTERFACE_CREATABLE,
    INTERFACE_TYPES,
    MASKED_RAW_LINE_PATTERNS,
    SECRET_LINE_PATTERNS,
    Hardware,
    block_kind,
    hardware_for,
    interface_canonical,
    interface_sort_key,
    mask_config_secrets,
)

__all__ = [
    "CONFIG_ERROR_PATTERN",
    "ERROR_AMBIGUOUS_PREFIX",
    "ERROR_INCOMPLETE",
    "ERROR_INVALID",
    "FAILED_WHEN_CONTAINS",
    "GLOBAL_LINE_WEIGHTS",
    "HARDWARE",
    "HIDDEN_DEFAULTS",
    "INTERFACE_ALIASES",
    "INTERFACE_CREATABLE",
    "INTERFACE_TYPES",
    "INTERFACE_WEIGHTS",
    "MASKED_RAW_LINE_PATTERNS",
    "NEGATION_RULES",
    "NO_BEFORE_REPLACE",
    "OBJECT_KINDS",
    "RECREATE_ON_HEADER_CHANGE",
    "REFERENCES",
    "SECRET_LINE_PATTERNS",
    "Hardware",
    "ObjectKind",
    "Reference",
    "block_kind",
    "compliance",
    "crypto",
    "display",
    "features",
    "fragmentation",
    "hardware_for",
    "interface_canonical",
    "interface_sort_key",
    "keys",
    "mask_config_secrets",
    "negate",
    "object_of",
    "objects",
    "ownership",
    "platform",
    "rules",
]
