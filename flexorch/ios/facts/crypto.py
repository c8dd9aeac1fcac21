"""Cryptographic algorithm facts for IKEv2/IPsec on IOS-XE, and the pure choice rules on them.

Data first: every IKEv2 transform keyword IOS accepts, with what ``show crypto ikev2 sa`` prints for
it, key size, combined-mode flag and the strength grade from the guide's tables ("NGE",
"Acceptable", "Legacy", "Avoid"). Algorithms the guide's tables do not grade carry the grade
Cisco's Next Generation Encryption page gives them and ``graded_by="cisco-nge"`` so lint can say so.

Then the smart defaults per software train (default proposal, policy, transform set, IPsec
profile; ``SMART_DEFAULTS``, ``train_of``) and the choice rules the negotiation model applies:
proposal completeness (the integrity algorithm doubles as PRF), IKE proposal choice (initiator's
order wins, responder must support one) and transform-set intersection. The RFC 7383
fragmentation facts are in ``fragmentation``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final, Literal

Grade = Literal["NGE", "Acceptable", "Legacy", "Avoid"]


@dataclass(frozen=True, slots=True)
class Cipher:
    """An IKEv2 encryption transform (``encryption <keyword>`` in a proposal)."""

    keyword: str
    show: str  # as ``show crypto ikev2 sa`` prints it in the ``Encr:`` field
    keysize: int  # bits, as printed in ``keysize:`` (0 where IOS prints no AES key size)
    combined: bool  # AEAD: integrity is part of the cipher, no ``integrity`` allowed
    grade: Grade
    quantum_resistant: bool
    graded_by: str = "guide"

    @property
    def keysize_shown(self) -> int | None:
        """The ``keysize:`` field of ``show crypto ikev2 sa``: IOS prints it for AES only
        (``Encr: 3DES, Hash: SHA96, DH Grp:2, ...``: the line shape Cisco's own parser,
        genieparser's iosxe ``ShowCryptoSessionDetail``, documents), so None for 3DES/DES."""
        return self.keysize or None


@dataclass(frozen=True, slots=True)
class Hash:
    """An IKEv2 integrity or PRF transform (``integrity <kw>`` / ``prf <kw>``)."""

    keyword: str
    show_integrity: str  # ``Hash:`` field (IOS prints the truncated HMAC name: SHA96, MD596)
    show_prf: str  # ``PRF:`` field
    grade: Grade
    quantum_resistant: bool
    graded_by: str = "guide"


@dataclass(frozen=True, slots=True)
class DhGroup:
    """A Diffie-Hellman group (``group <n>``)."""

    number: int
    kind: Literal["MODP", "ECP"]
    bits: int
    grade: Grade
    graded_by: str = "guide"


# Guide table "Encryption Algorithms"; CBC-128/192 are not in it (Cisco NGE: Acceptable).
CIPHERS: Final[dict[str, Cipher]] = {
    c.keyword: c
    for c in (
        Cipher("aes-gcm-256", "AES-GCM", 256, True, "NGE", True),
        Cipher("aes-gcm-128", "AES-GCM", 128, True, "NGE", False),
        Cipher("aes-cbc-256", "AES-CBC", 256, False, "Acceptable", True),
        Cipher("aes-cbc-192", "AES-CBC", 192, False, "Acceptable", False, "cisco-nge"),
        Cipher("aes-cbc-128", "AES-CBC", 128, False, "Acceptable", False, "cisco-nge"),
        Cipher("3des", "3DES", 0, False, "Legacy", False),
        Cipher("des", "DES", 0, False, "Avoid", False),
    )
}

# Guide tables "Integrity Algorithms" and "Pseudorandom Function"; SHA1 is in neither
# (Cisco NGE: Legacy).
HASHES: Final[dict[str, Hash]] = {
    h.keyword: h
    for h in (
        Hash("sha512", "SHA512", "SHA512", "NGE", True),
        Hash("sha384", "SHA384", "SHA384", "NGE", False),
        Hash("sha256", "SHA256", "SHA256", "NGE", False),
        Hash("sha1", "SHA96", "SHA1", "Legacy", False, "cisco-nge"),
        Hash("md5", "MD596", "MD5", "Avoid", False),
    )
}

# Guide table "Diffie-Hellman (DH) Groups" (14, 16, 19, 20, 21) and "Cisco recommends using Group
# 14 or higher": groups below 14 are graded Avoid. 15 and 24 come from Cisco NGE.
DH_GROUPS: Final[dict[int, DhGroup]] = {
    g.number: g
    for g in (
        DhGroup(1, "MODP", 768, "Avoid", "guide: use group 14 or higher"),
        DhGroup(2, "MODP", 1024, "Avoid", "guide: use group 14 or higher"),
        DhGroup(5, "MODP", 1536, "Avoid", "guide: use group 14 or higher"),
        DhGroup(14, "MODP", 2048, "Acceptable"),
        DhGroup(15, "MODP", 3072, "Acceptable", "cisco-nge"),
        DhGroup(16, "MODP", 4096, "Acceptable"),
        DhGroup(19, "ECP", 256, "Acceptable"),
        DhGroup(20, "ECP", 384, "NGE"),
        DhGroup(21, "ECP", 521, "NGE"),
        DhGroup(24, "MODP", 2048, "Avoid", "cisco-nge"),
    )
}

# IPsec ESP transforms of ``crypto ipsec transform-set``: keyword -> (kind, display, grade).
# Encryption keywords that take a key size argument default to 128 bits when it is omitted.
ESP_ENCRYPTION: Final[dict[str, tuple[str, bool, Grade]]] = {
    # keyword: (family, combined-mode, grade of the 128-bit variant)
    "esp-aes": ("AES-CBC", False, "Acceptable"),
    "esp-gcm": ("AES-GCM", True, "NGE"),
    "esp-gmac": ("AES-GMAC", True, "Acceptable"),
    "esp-3des": ("3DES", False, "Legacy"),
    "esp-des": ("DES", False, "Avoid"),
    "esp-null": ("NULL", False, "Avoid"),
    "esp-seal": ("SEAL", False, "Legacy"),
}
ESP_KEYSIZE_ARG: Final[frozenset[str]] = frozenset({"esp-aes", "esp-gcm", "esp-gmac"})
ESP_INTEGRITY: Final[dict[str, tuple[str, Grade]]] = {
    "esp-sha512-hmac": ("SHA512", "NGE"),
    "esp-sha384-hmac": ("SHA384", "NGE"),
    "esp-sha256-hmac": ("SHA256", "NGE"),
    "esp-sha-hmac": ("SHA1", "Legacy"),
    "esp-md5-hmac": ("MD5", "Avoid"),
}

# --- Smart defaults, per software train ---------------------------------------------------------
# IOS's built-in ``default`` proposal, policy, transform set and IPsec profile ("IKEv2 smart
# defaults") differ between trains. Sources (tests/fixtures/real/...):
# ios15     IOS 15.x, and IOS-XE 3.x (its running-config says ``version 15.x``): real ``show crypto
#           ikev2 proposal default`` of IOS 15.2 (gh-jclarkson-ikev2-gre-site2site) and IOS 15.x
#           IOSv (doc-hmchen47-cbt-flexvpn-notes), AES-CBC-256/192/128, SHA512..SHA96 MD596, PRF
#           SHA512..MD5, DH 5 2; real SAs of routers on defaults (15.2; CSR1000V ``version 15.5``,
#           gh-jclarkson-ikev2-dmvpn-ivrf) show AES-CBC-256 / SHA512 / DH 5. Cisco's "FlexVPN and
#           IKEv2 Configuration Guide, Cisco IOS Release 15S" (smart defaults) lists the kinds.
# iosxe     IOS-XE 16.x/17.x: real ``show crypto ikev2 proposal`` (genie-show-crypto-ikev2-
#           proposal): AES-CBC-256; SHA512 SHA384; PRF SHA512 SHA384; DH 19 14 21 5.
# iosxe-pq  post-quantum IOS-XE (ML-KEM lines, same folder, genieparser release_26.1; the 26.x
#           numbering: gh-juliogomez-iosxe26-pqc-svti, ``version 26.2``): the same without DH 5.
# The default policy (match fvrf any, local any, proposal default) and transform set (esp-aes
# esp-sha-hmac, transport) are the same on every train (real outputs of 15.2, 15.x, IOS-XE).
# ``no crypto ikev2 proposal|policy default`` / ``no crypto ipsec transform-set default`` remove
# them.
Train = Literal["ios15", "iosxe", "iosxe-pq"]
DEFAULT_TRAIN: Final[Train] = "iosxe"  # flexorch renders for IOS-XE 17 when nothing says otherwise


@dataclass(frozen=True, slots=True)
class SmartDefaults:
    """IOS's built-in crypto objects on one software train."""

    train: Train
    encryption: tuple[str, ...]
    integrity: tuple[str, ...]
    prf: tuple[str, ...]
    group: tuple[str, ...]
    transform_set: tuple[str, ...] = ("esp-aes", "esp-sha-hmac")
    transform_set_mode: str = "transport"
    # The IKEv2 window without ``crypto ikev2 window``: 5 (guide, "IKEv2 Window Size"; real
    # detailed SAs of IOS 15.x and IOS-XE 16/17 print ``Local window: 5``); 20 on the
    # post-quantum train: every real IOS-XE 26 SA prints ``Local window: 20`` with no window
    # configured (tests/fixtures/real/gh-juliogomez-iosxe26-pqc-svti, three routers on
    # ``version 26.2``; genie-show-crypto-ikev2-sa-detail golden-output7-v25-10).
    window: int = 5

    @property
    def proposal(self) -> dict[str, tuple[str, ...]]:
        """The default proposal's transform lists (keyword arguments of a proposal)."""
        return {"encryption": self.encryption, "integrity": self.integrity, "prf": self.prf,
                "group": self.group}


_SHA2 = ("sha512", "sha384")
SMART_DEFAULTS: Final[dict[Train, SmartDefaults]] = {
    d.train: d
    for d in (
        SmartDefaults("ios15", ("aes-cbc-256", "aes-cbc-192", "aes-cbc-128"),
                      (*_SHA2, "sha256", "sha1", "md5"), (*_SHA2, "sha256", "sha1", "md5"),
                      ("5", "2")),
        SmartDefaults("iosxe", ("aes-cbc-256",), _SHA2, _SHA2, ("19", "14", "21", "5")),
        SmartDefaults("iosxe-pq", ("aes-cbc-256",), _SHA2, _SHA2, ("19", "14", "21"), window=20),
    )
}
# First major version of each train (``version 15.4`` -> ios15; 16.x and 17.x -> iosxe).
TRAIN_BY_MAJOR: Final[tuple[tuple[int, Train], ...]] = ((26, "iosxe-pq"), (16, "iosxe"),
                                                         (0, "ios15"))


def cipher_text(show: str, keysize: int | None) -> str:
    """A cipher as messages name it: ``AES-CBC-256``, or ``3DES`` where IOS prints no key size.

    >>> cipher_text("AES-GCM", 128), cipher_text("3DES", None)
    ('AES-GCM-128', '3DES')
    """
    return f"{show}-{keysize}" if keysize else show


def describe_default_proposal(train: Train) -> str:
    """The built-in proposal of a train in ``show crypto ikev2 sa`` words, for messages:
    ``AES-CBC-256; SHA512/SHA384; DH 19/14/21/5``."""
    d = SMART_DEFAULTS[train]
    ciphers = "/".join(cipher_text(CIPHERS[e].show, CIPHERS[e].keysize) for e in d.encryption)
    hashes = "/".join(HASHES[h].show_prf for h in d.integrity)
    return f"{ciphers}; {hashes}; DH {'/'.join(d.group)}"


def smart_defaults(version: str | None) -> SmartDefaults:
    """IOS's built-in crypto objects on the train of ``version`` (``train_of``): what the
    negotiation model (``Endpoint.defaults``), verify's suite check and import take for a
    router's ``default`` proposal and transform set."""
    return SMART_DEFAULTS[train_of(version)]


def train_of(version: str | None) -> Train:
    """The software train of a version string (``15.4``, ``17.9.4a``, ``Version 16.12.5``);
    ``DEFAULT_TRAIN`` when there is none or it does not start with a number.

    >>> train_of("15.5"), train_of("17.3"), train_of(None)
    ('ios15', 'iosxe', 'iosxe')
    """
    text = (version or "").strip().lower().removeprefix("version").strip()
    major = text.split(".", 1)[0]
    if not major.isdigit():
        return DEFAULT_TRAIN
    return next(train for first, train in TRAIN_BY_MAJOR if int(major) >= first)


# The built-in objects' names (the IKEv2 profile named ``default`` is one smart-defaults
# deployments define; see ``negotiate.steps.ikev2_profile_name``).
DEFAULT_PROPOSAL_NAME: Final = "default"
DEFAULT_POLICY_NAME: Final = "default"
DEFAULT_TRANSFORM_SET_NAME: Final = "default"
DEFAULT_IPSEC_PROFILE_NAME: Final = "default"
DEFAULT_IKEV2_PROFILE_NAME: Final = "default"
# The default train's objects, for code that knows no train (the model's built-in lookups).
DEFAULT_PROPOSAL_TRANSFORMS: Final[dict[str, tuple[str, ...]]] = (
    SMART_DEFAULTS[DEFAULT_TRAIN].proposal)
DEFAULT_TRANSFORM_SET: Final[tuple[str, ...]] = SMART_DEFAULTS[DEFAULT_TRAIN].transform_set

# Other IOS defaults the negotiation model prints.
DEFAULT_IKE_LIFETIME: Final = 86400
IKE_PORT: Final = 500
NAT_T_PORT: Final = 4500


# --- Proposal rules ----------------------------------------------------------------------------
def proposal_problems(
    encryption: Sequence[str], integrity: Sequence[str], prf: Sequence[str], groups: Sequence[str]
) -> list[str]:
    """Why an IKEv2 proposal is unusable ("Proposal Incomplete"), empty when it is complete.

    Rules: at least one encryption and one DH group; a non-combined cipher (AES-CBC, 3DES) needs
    an integrity algorithm, and a proposal without ``prf`` uses its integrity algorithms as PRFs
    (Cisco's IKEv2 configuration guide, ``crypto ikev2 proposal``: ``prf`` is optional, mandatory
    only with AES-GCM; a real SA of a proposal with ``integrity sha1`` and no ``prf`` shows
    ``PRF: SHA1``, tests/fixtures/real/gh-atrubin-otus-ikev2-cryptomap). A combined-mode (AEAD)
    cipher carries its own integrity: a proposal of AES-GCM only must not be given one (guide
    line 502) and so needs an explicit ``prf``. A proposal mixing AES-GCM with AES-CBC/3DES is
    complete with integrity (for the non-combined ciphers; it also stands in as PRF): it is
    offered as two wire proposals, the combined-mode ciphers without integrity and the others
    with it (RFC 7296 section 3.3; guide line 468: a proposal may hold several transforms of
    each type, line 474: one of each type "unless using a combined-mode cipher"), and the
    choice rule below picks a GCM cipher only without integrity, a CBC one only with it.
    Unknown keywords count as problems too (IOS would have refused the line).
    """
    problems: list[str] = []
    missing = missing_transforms(encryption, integrity, prf, groups)
    if "encryption" in missing:
        problems.append("no encryption")
    if "group" in missing:
        problems.append("no DH group")
    problems += [f"unknown encryption '{e}'" for e in encryption if e not in CIPHERS]
    problems += [f"unknown integrity '{i}'" for i in integrity if i not in HASHES]
    problems += [f"unknown prf '{p}'" for p in prf if p not in HASHES]
    problems += [
        f"unknown DH group '{g}'" for g in groups if not g.isdigit() or int(g) not in DH_GROUPS
    ]
    combined = [e for e in encryption if e in CIPHERS and CIPHERS[e].combined]
    plain = any(e in CIPHERS and not CIPHERS[e].combined for e in encryption)
    if combined and integrity and not plain:
        problems.append(f"integrity given with combined-mode cipher {combined[0]}")
    if "integrity" in missing:
        problems.append("no integrity for a non-combined cipher")
    if "prf" in missing:
        problems.append(f"no prf for combined-mode cipher {combined[0]}")
    return problems


def missing_transforms(encryption: Sequence[str], integrity: Sequence[str], prf: Sequence[str],
                       groups: Sequence[str]) -> list[str]:
    """The transform types a proposal lacks (``proposal_problems``' rules): "encryption",
    "group", "integrity" (a non-combined cipher without it), "prf" (a combined-mode cipher
    without it and without an integrity algorithm to stand in)."""
    combined = any(e in CIPHERS and CIPHERS[e].combined for e in encryption)
    plain = any(e in CIPHERS and not CIPHERS[e].combined for e in encryption)
    return [kind for kind, lacking in (("encryption", not encryption), ("group", not groups),
                                       ("integrity", plain and not integrity),
                                       ("prf", combined and not prf and not integrity))
            if lacking]


@functools.lru_cache(maxsize=1024)
def _complete(encryption: tuple[str, ...], integrity: tuple[str, ...], prf: tuple[str, ...],
              groups: tuple[str, ...]) -> bool:
    # Cached: a fleet offers a handful of distinct proposals, checked once per negotiation.
    return not proposal_problems(encryption, integrity, prf, groups)


def effective_prf(integrity: Sequence[str], prf: Sequence[str]) -> tuple[str, ...]:
    """The PRFs a proposal offers: its ``prf`` list, else its integrity algorithms (see
    ``proposal_problems``)."""
    return tuple(prf) if prf else tuple(integrity)


@dataclass(frozen=True, slots=True)
class IkeSuite:
    """The IKE SA transforms chosen in IKE_SA_INIT."""

    proposal: str  # name of the initiator's proposal that was chosen
    responder_proposal: str
    encryption: str  # keyword, e.g. aes-gcm-256
    integrity: str | None  # None for combined-mode ciphers
    prf: str
    dh_group: int

    @property
    def encryption_show(self) -> str:
        return CIPHERS[self.encryption].show

    @property
    def keysize(self) -> int | None:
        """As ``show crypto ikev2 sa`` prints it (None where IOS prints no key size)."""
        return CIPHERS[self.encryption].keysize_shown

    @property
    def prf_show(self) -> str:
        return HASHES[self.prf].show_prf

    @property
    def hash_show(self) -> str:
        return "None" if self.integrity is None else HASHES[self.integrity].show_integrity


@dataclass(frozen=True, slots=True)
class ProposalSpec:
    """The transforms of one proposal, as the choice rule needs them."""

    name: str
    encryption: tuple[str, ...]
    integrity: tuple[str, ...]
    prf: tuple[str, ...]
    groups: tuple[str, ...]

    @property
    def usable(self) -> bool:
        return _complete(self.encryption, self.integrity, self.prf, self.groups)

    @property
    def prfs(self) -> tuple[str, ...]:
        return effective_prf(self.integrity, self.prf)


def _first_common(mine: Iterable[str], theirs: Sequence[str]) -> str | None:
    return next((item for item in mine if item in theirs), None)


def choose_ike_suite(
    initiator: Sequence[ProposalSpec], responder: Sequence[ProposalSpec]
) -> IkeSuite | None:
    """The IKE suite the responder picks, or None (NO_PROPOSAL_CHOSEN).

    The initiator's proposals are tried in its order; for each, the responder's proposals in its
    order; a pair matches when every transform type has an algorithm in common, and the chosen
    algorithm of each type is the initiator's first that the responder also has (guide: the
    initiator's preference takes precedence; the responder must support at least one proposal).
    Encryption ciphers are matched by family so a combined-mode cipher is only chosen with no
    integrity and a CBC cipher only with one. Incomplete proposals are never used.
    """
    for mine in initiator:
        if not mine.usable:
            continue
        for theirs in responder:
            if not theirs.usable:
                continue
            suite = _match_pair(mine, theirs)
            if suite is not None:
                return suite
    return None


def _match_pair(mine: ProposalSpec, theirs: ProposalSpec) -> IkeSuite | None:
    prf = _first_common(mine.prfs, theirs.prfs)
    group = _first_common(mine.groups, theirs.groups)
    if prf is None or group is None:
        return None
    integrity = _first_common(mine.integrity, theirs.integrity)
    for cipher in mine.encryption:
        if cipher not in theirs.encryption:
            continue
        if CIPHERS[cipher].combined:
            return IkeSuite(mine.name, theirs.name, cipher, None, prf, int(group))
        if integrity is not None:
            return IkeSuite(mine.name, theirs.name, cipher, integrity, prf, int(group))
    return None


# --- IPsec transform sets ----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class EspSuite:
    """The ESP transforms of a transform set, normalised for comparison (mode is not compared:
    IOS falls back between tunnel and transport on VTIs)."""

    encryption: str  # e.g. "esp-aes 256", "esp-gcm 128"
    integrity: str | None

    @property
    def combined(self) -> bool:
        return ESP_ENCRYPTION[self.encryption.split()[0]][1]


def esp_suite(transforms: Sequence[str]) -> EspSuite | None:
    """Normalise the transform words of ``crypto ipsec transform-set`` (``esp-aes 256
    esp-sha-hmac``) into an EspSuite; None when there is no ESP encryption transform."""
    encryption: str | None = None
    integrity: str | None = None
    words = list(transforms)
    for index, word in enumerate(words):
        if word in ESP_ENCRYPTION:
            size = "128"
            if word in ESP_KEYSIZE_ARG and index + 1 < len(words) and words[index + 1].isdigit():
                size = words[index + 1]
            encryption = f"{word} {size}" if word in ESP_KEYSIZE_ARG else word
        elif word in ESP_INTEGRITY:
            integrity = word
    if encryption is None:
        return None
    return EspSuite(encryption, integrity)


def choose_esp(initiator: Sequence[tuple[str, EspSuite]], responder: Sequence[tuple[str, EspSuite]]
               ) -> tuple[str, str] | None:
    """First (initiator set, responder set) name pair with identical ESP transforms, in the
    initiator's order; None means the child SA gets NO_PROPOSAL_CHOSEN."""
    for name, suite in initiator:
        for other, theirs in responder:
            if suite == theirs:
                return name, other
    return None


def worst_grade(grades: Iterable[Grade]) -> Grade | None:
    """The weakest of some grades (Avoid < Legacy < Acceptable < NGE), None for none."""
    order: tuple[Grade, ...] = ("Avoid", "Legacy", "Acceptable", "NGE")
    present = [g for g in order if g in set(grades)]
    return present[0] if present else None
