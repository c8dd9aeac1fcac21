"""Records of the crypto policy objects IOS shows: IKEv2 proposals, policies and profiles, IPsec
transform sets and profiles (`show crypto ikev2 proposal|policy|profile [NAME]`, `show crypto
ipsec transform-set|profile [NAME]`).

These are what a router will offer and accept, built-in defaults included (the ``default``
objects IOS creates unless ``no crypto ikev2 proposal default`` and friends remove them): the
negotiation model reads them to know a software train's defaults. Names and algorithm words are
kept as IOS prints them (``AES-CBC-256``, ``SHA512``, ``esp-256-aes``), because each show command
has its own spelling and the model owns the mapping; numbers are ints, ``(Y/N)`` flags bools.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from flexorch.parse.records import JsonRecord


@dataclass(frozen=True, slots=True, kw_only=True)
class Ikev2Proposal(JsonRecord):
    """One ``IKEv2 proposal: NAME`` block.

    ``encryption``, ``integrity`` and ``prf`` list the words of their line in order
    (``["AES-CBC-256", "AES-CBC-192"]``); an empty list means the line was empty or absent (an
    AEAD proposal has no integrity). ``dh_group`` holds the group numbers of ``DH_GROUP_256_ECP/
    Group 19 ...`` in order. ``pqc_kex`` lists post-quantum additional key exchanges as printed:
    ``PQC Key Exchange: ML-KEM-768 ML-KEM-1024 Optional`` (IOS-XE 26.x) gives ``["ML-KEM-768",
    "ML-KEM-1024"]`` with ``pqc_optional`` True; the earlier ``AKE group :`` / ``1: MLKEM768``
    block gives ``["MLKEM768"]`` and ``pqc_optional`` None (not printed).
    """

    name: str | None = None
    encryption: tuple[str, ...] = ()
    integrity: tuple[str, ...] = ()
    prf: tuple[str, ...] = ()
    dh_group: tuple[int, ...] = ()
    pqc_kex: tuple[str, ...] = ()
    pqc_optional: bool | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Ikev2Policy(JsonRecord):
    """One ``IKEv2 policy : NAME`` block: what it matches and the proposals it offers, in order.

    ``match_fvrf`` is the word printed (``any``, ``global`` or a VRF name); ``match_local`` the
    local addresses matched (``["any"]`` when it matches every address).
    """

    name: str | None = None
    match_fvrf: str | None = None
    match_local: tuple[str, ...] = ()
    proposals: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class TransformSet(JsonRecord):
    """One IPsec transform set: ``Transform set NAME: { esp-256-aes esp-sha-hmac }``.

    ``transforms`` are the transforms in order, a key size kept with its cipher (``{ esp-gcm 256
    }`` gives ``["esp-gcm 256"]``). ``modes`` are the words of ``will negotiate = { Tunnel, }``
    (``["Tunnel"]``, ``["Transport"]``); empty inside `show crypto ipsec profile`, which does not
    print them.
    """

    name: str | None = None
    transforms: tuple[str, ...] = ()
    modes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class IpsecProfile(JsonRecord):
    """One ``IPSEC profile NAME`` block.

    ``lifetime_kb`` is None when IOS prints ``Kilobyte Volume Rekey has been disabled.``
    (``volume_rekey_disabled`` True) and no kilobyte figure. ``pfs`` is the ``PFS (Y/N)`` flag,
    ``pfs_group`` the ``DH group`` word as printed (``group14``), ``pqc_kex`` the ``PQC Key
    Exchange`` word (``ML-KEM-1024``); ``mixed_mode`` is printed as ``Disabled``/``Enabled``.
    ``transform_sets`` are the sets it offers, in order, with their transforms (no modes).
    """

    _nested: ClassVar[dict[str, type[JsonRecord]]] = {"transform_sets": TransformSet}

    name: str | None = None
    ikev2_profile: str | None = None
    lifetime_kb: int | None = None
    lifetime_sec: int | None = None
    volume_rekey_disabled: bool = False
    dualstack: bool | None = None
    responder_only: bool | None = None
    pfs: bool | None = None
    pfs_inherit: bool | None = None
    pfs_group: str | None = None
    pqc_kex: str | None = None
    mlkem_only: bool | None = None
    dh_only: bool | None = None
    mixed_mode: str | None = None
    transform_sets: tuple[TransformSet, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Ikev2Profile(JsonRecord):
    """One ``IKEv2 profile: NAME`` block of `show crypto ikev2 profile [NAME]`.

    Values are kept as printed, except that IOS's ``none`` reads as None (an empty list for the
    list fields): ``keyring`` None means no keyring, ``ivrf`` None the global table.
    ``shutdown`` is the ``Shutdown : No|Yes`` flag, ``ref_count`` and ``lifetime`` (seconds) are
    ints. ``match_fvrf`` is the word printed (``global``, ``any`` or a VRF name), ``match_local``
    the ``Local address/interface`` value; ``identities`` are the match identities, one per
    line as printed (``address 10.16.201.1 255.255.255.252``); ``local_identity`` is the
    identity the router sends (``address 10.16.201.2``). ``remote_auth``, ``trustpoints`` and
    ``certificate_maps`` list the words of their line (commas dropped). ``dpd`` and
    ``nat_keepalive`` are the text printed (``disabled``).
    """

    name: str | None = None
    shutdown: bool | None = None
    ref_count: int | None = None
    match_fvrf: str | None = None
    match_local: str | None = None
    identities: tuple[str, ...] = ()
    certificate_maps: tuple[str, ...] = ()
    local_identity: str | None = None
    remote_identity: str | None = None
    local_auth: str | None = None
    remote_auth: tuple[str, ...] = ()
    eap_options: str | None = None
    keyring: str | None = None
    trustpoints: tuple[str, ...] = ()
    lifetime: int | None = None
    dpd: str | None = None
    nat_keepalive: str | None = None
    ivrf: str | None = None
    virtual_template: str | None = None
    mode_auto: str | None = None
    aaa_anyconnect_eap_mlist: str | None = None
    aaa_eap_mlist: str | None = None
    aaa_authentication_mlist: str | None = None
    aaa_accounting: str | None = None
    aaa_group_authorization: str | None = None
    aaa_user_authorization: str | None = None
