"""TextFSM rows of the crypto policy show commands -> records (see ``records_policy``).

`show crypto ikev2 proposal|policy|profile` and `show crypto ipsec transform-set|profile`, with
or without a name (``default`` included). Lines are kept whole by the templates and split into
words here, so a list IOS prints on one line and a list printed over several lines read alike.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import Any

from flexorch.parse.normalize import Rows, columns, int_or_none, str_or_none
from flexorch.parse.records import ParseWarning
from flexorch.parse.records_policy import (
    Ikev2Policy,
    Ikev2Profile,
    Ikev2Proposal,
    IpsecProfile,
    TransformSet,
)

_GROUP = re.compile(r"/Group\s*(\d+)")
_FLAGS = {"Y": True, "N": False}
# A transform keyword; a bare number after one is its key size (`{ esp-gcm 256 }`).
_KEY_SIZE = re.compile(r"^\d+$")


def _rows(header: Sequence[str], rows: Rows) -> list[dict[str, Any]]:
    cols = columns(header)
    return [{name: row[i] for name, i in cols.items() if name != "UNPARSED"} for row in rows]


def words(*texts: str | None) -> tuple[str, ...]:
    """Every blank-separated word of ``texts``, in order (None and empty texts give none)."""
    return tuple(word for text in texts if text for word in text.split())


def _flag(value: str | None) -> bool | None:
    return _FLAGS.get(value or "")


def _orphans(rows: list[dict[str, Any]], what: str) -> list[ParseWarning]:
    if any(not row["NAME"] and any(row.values()) for row in rows[:1]):
        return [ParseWarning(f"lines before the first '{what}' line read without a name")]
    return []


def proposal_rows(header: Sequence[str], rows: Rows) -> tuple[list[Any], list[ParseWarning]]:
    """`show crypto ikev2 proposal` rows -> Ikev2Proposal records."""
    records: list[Any] = []
    values = _rows(header, rows)
    for v in values:
        if not any(v.values()):
            continue
        pqc = words(v["PQC_KEX"])
        optional = bool(pqc) and pqc[-1].lower() == "optional"
        records.append(
            Ikev2Proposal(
                name=str_or_none(v["NAME"]),
                encryption=words(v["ENCRYPTION"]),
                integrity=words(v["INTEGRITY"]),
                prf=words(v["PRF"]),
                dh_group=tuple(int(n) for text in v["DH_GROUPS"] for n in _GROUP.findall(text)),
                pqc_kex=(pqc[:-1] if optional else pqc) or tuple(v["AKE_GROUPS"]),
                pqc_optional=(optional or None) if pqc else None,
            )
        )
    return records, _orphans(values, "IKEv2 proposal:")


def policy_rows(header: Sequence[str], rows: Rows) -> tuple[list[Any], list[ParseWarning]]:
    """`show crypto ikev2 policy` rows -> Ikev2Policy records."""
    values = _rows(header, rows)
    records: list[Any] = [
        Ikev2Policy(
            name=str_or_none(v["NAME"]),
            match_fvrf=str_or_none(v["MATCH_FVRF"]),
            match_local=words(*v["MATCH_LOCAL"]),
            proposals=words(*v["PROPOSALS"]),
        )
        for v in values
        if any(v.values())
    ]
    return records, _orphans(values, "IKEv2 policy :")


def _none(value: str | None) -> str | None:
    """A value as printed; IOS's ``none`` (and an empty value) is None."""
    return None if not value or value.lower() == "none" else value


def _listed(*texts: str | None) -> tuple[str, ...]:
    """The words of ``texts`` with commas dropped; ``none`` alone is the empty list."""
    found = words(*(text.replace(",", " ") for text in texts if text))
    return () if [word.lower() for word in found] == ["none"] else found


def ikev2_profile_rows(header: Sequence[str], rows: Rows) -> tuple[list[Any], list[ParseWarning]]:
    """`show crypto ikev2 profile` rows -> Ikev2Profile records."""
    values = _rows(header, rows)
    records: list[Any] = [
        Ikev2Profile(
            name=str_or_none(v["NAME"]),
            shutdown={"Yes": True, "No": False}.get(v["SHUTDOWN"]),
            ref_count=int_or_none(v["REF_COUNT"]),
            match_fvrf=str_or_none(v["MATCH_FVRF"]),
            match_local=_none(v["MATCH_LOCAL"]),
            identities=tuple(i for i in v["IDENTITIES"] if _none(i)),
            certificate_maps=_listed(v["CERTIFICATE_MAPS"]),
            local_identity=_none(v["LOCAL_IDENTITY"]),
            remote_identity=_none(v["REMOTE_IDENTITY"]),
            local_auth=_none(v["LOCAL_AUTH"]),
            remote_auth=_listed(v["REMOTE_AUTH"]),
            eap_options=_none(v["EAP_OPTIONS"]),
            keyring=_none(v["KEYRING"]),
            trustpoints=_listed(v["TRUSTPOINTS"]),
            lifetime=int_or_none(v["LIFETIME"]),
            dpd=_none(v["DPD"]),
            nat_keepalive=_none(v["NAT_KEEPALIVE"]),
            ivrf=_none(v["IVRF"]),
            virtual_template=_none(v["VIRTUAL_TEMPLATE"]),
            mode_auto=_none(v["MODE_AUTO"]),
            aaa_anyconnect_eap_mlist=_none(v["AAA_ANYCONNECT_EAP_MLIST"]),
            aaa_eap_mlist=_none(v["AAA_EAP_MLIST"]),
            aaa_authentication_mlist=_none(v["AAA_AUTHENTICATION_MLIST"]),
            aaa_accounting=_none(v["AAA_ACCOUNTING"]),
            aaa_group_authorization=_none(v["AAA_GROUP_AUTHORIZATION"]),
            aaa_user_authorization=_none(v["AAA_USER_AUTHORIZATION"]),
        )
        for v in values
        if any(v.values())
    ]
    return records, _orphans(values, "IKEv2 profile:")


def transforms(*texts: str) -> tuple[str, ...]:
    """``{ esp-gcm 256  }`` -> ``("esp-gcm 256",)``; braces dropped, key sizes kept with their
    cipher, several ``{ ... }`` groups read in order."""
    found: list[str] = []
    for word in words(*(text.replace("{", " ").replace("}", " ") for text in texts)):
        if _KEY_SIZE.match(word) and found:
            found[-1] = f"{found[-1]} {word}"
        else:
            found.append(word)
    return tuple(found)


def transform_set_rows(header: Sequence[str], rows: Rows) -> tuple[list[Any], list[ParseWarning]]:
    """`show crypto ipsec transform-set` rows -> TransformSet records."""
    records: list[Any] = [
        TransformSet(
            name=str_or_none(v["NAME"]),
            transforms=transforms(*v["TRANSFORMS"]),
            modes=words((v["MODES"] or "").replace(",", " ")),
        )
        for v in _rows(header, rows)
        if any(v.values())
    ]
    return records, []


def _profile(v: dict[str, Any]) -> IpsecProfile:
    sets = tuple(
        TransformSet(name=name, transforms=transforms(text))
        for name, text in zip(v["SET_NAMES"], v["SET_TRANSFORMS"], strict=True)
    )
    return IpsecProfile(
        name=str_or_none(v["NAME"]),
        ikev2_profile=str_or_none(v["IKEV2_PROFILE"]),
        lifetime_kb=int_or_none(v["LIFETIME_KB"]),
        lifetime_sec=int_or_none(v["LIFETIME_SEC"]),
        volume_rekey_disabled=bool(v["VOLUME_REKEY_DISABLED"]),
        dualstack=_flag(v["DUALSTACK"]),
        responder_only=_flag(v["RESPONDER_ONLY"]),
        pfs=_flag(v["PFS"]),
        pfs_inherit=_flag(v["PFS_INHERIT"]),
        pfs_group=str_or_none(v["PFS_GROUP"]),
        pqc_kex=str_or_none(v["PQC_KEX"]),
        mlkem_only=_flag(v["MLKEM_ONLY"]),
        dh_only=_flag(v["DH_ONLY"]),
        mixed_mode=str_or_none(v["MIXED_MODE"]),
        transform_sets=sets,
    )


def profile_rows(header: Sequence[str], rows: Rows) -> tuple[list[Any], list[ParseWarning]]:
    """`show crypto ipsec profile` rows -> IpsecProfile records."""
    values = _rows(header, rows)
    records: list[Any] = [_profile(v) for v in values if any(v.values())]
    return records, _orphans(values, "IPSEC profile")


# `show crypto ipsec transform-set NAME` prints the set without its name; so may other commands
# asked for one object. The object keyword of each command, after which the name is typed.
_NAMED_AFTER = re.compile(r"\b(?:pro\S*|pol\S*|tr\S*)\s+(?P<name>\S+)$", re.IGNORECASE)


def name_from_command(command: str, records: list[Any]) -> list[Any]:
    """Give the one nameless record of a command asked for one object that object's name."""
    found = _NAMED_AFTER.search(command.strip())
    if not found or len(records) != 1 or getattr(records[0], "name", "") is not None:
        return records
    return [dataclasses.replace(records[0], name=found["name"])]
