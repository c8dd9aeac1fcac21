"""Parsed records as an aligned plain-text table (``flexorch parse --format text``): summary
columns per record type, field/value pairs for one-record facts such as ``show version``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from flexorch.parse.ipsec_sa import IpsecSaFlow
from flexorch.parse.records import CryptoSession, Ikev2Session, SaRecord
from flexorch.parse.records_policy import (
    Ikev2Policy,
    Ikev2Profile,
    Ikev2Proposal,
    IpsecProfile,
    TransformSet,
)


def records_table(records: Sequence[Any]) -> str:
    """The table of ``records`` (all of one type, at least one); secrets are not masked here."""
    return _table(*_rows(records))


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _words(values: tuple[Any, ...]) -> str:
    return " ".join(str(v) for v in values) or "-"


def _proposal(r: Ikev2Proposal) -> list[str]:
    lists = (r.encryption, r.integrity, r.prf, r.dh_group, r.pqc_kex)
    return [_cell(r.name), *(_words(values) for values in lists)]


def _policy(r: Ikev2Policy) -> list[str]:
    return [_cell(r.name), _cell(r.match_fvrf), _words(r.match_local), _words(r.proposals)]


def _ikev2_profile(r: Ikev2Profile) -> list[str]:
    auth = f"{_cell(r.local_auth)}/{_words(r.remote_auth)}"
    return [_cell(r.name), _cell(r.match_fvrf), _words(r.identities), auth, _cell(r.keyring),
            _cell(r.lifetime), _cell(r.dpd), _cell(r.ivrf)]


def _transform_set(r: TransformSet) -> list[str]:
    return [_cell(r.name), _words(r.transforms), _words(r.modes)]


def _ipsec_profile(r: IpsecProfile) -> list[str]:
    lifetime = f"{_cell(r.lifetime_kb)}/{_cell(r.lifetime_sec)}"
    pfs = _cell(r.pfs_group if r.pfs else r.pfs)
    sets = _words(tuple(t.name for t in r.transform_sets))
    return [_cell(r.name), _cell(r.ikev2_profile), lifetime, pfs, sets]


def _sa_row(r: SaRecord) -> list[str]:
    return [
        _cell(r.tunnel_id),
        f"{_cell(r.local_address)}/{_cell(r.local_port)}",
        f"{_cell(r.remote_address)}/{_cell(r.remote_port)}",
        f"{_cell(r.fvrf)}/{_cell(r.ivrf)}",
        _cell(r.status),
        f"{_cell(r.encryption)}-{_cell(r.keysize)}",
        _cell(r.dh_group),
        f"{_cell(r.auth_sign)}/{_cell(r.auth_verify)}",
        _cell(r.fragmentation) + (f" {r.fragmentation_mtu}" if r.fragmentation_mtu else ""),
        _cell(r.nat_t),
        _cell(r.sgt),
        _cell(r.initiator),
    ]


def _crypto_session_row(s: CryptoSession) -> list[str]:
    return [
        _cell(s.interface),
        f"{_cell(s.peer)}/{_cell(s.peer_port)}",
        _cell(s.status),
        _cell(s.profile),
        _cell(s.fvrf),
        ",".join(f"{sa.version} {sa.state}" for sa in s.ike_sas) or "-",
        str(len(s.flows)),
        _cell(s.uptime),
    ]


def _ikev2_session_row(s: Ikev2Session) -> list[str]:
    return [
        _cell(s.session_id),
        _cell(s.status),
        _cell(s.ike_count),
        _cell(s.child_count),
        ",".join(_cell(sa.remote_address) for sa in s.ike_sas) or "-",
    ]


def _ipsec_flow_row(f: IpsecSaFlow) -> list[str]:
    sas = ",".join(
        f"{sa.direction} {sa.protocol} {_cell(sa.spi)} {_cell(sa.status)}" for sa in f.sas)
    return [
        _cell(f.interface),
        f"{_cell(f.peer)}/{_cell(f.peer_port)}",
        _cell(f.local_ident),
        _cell(f.remote_ident),
        f"{_cell(f.pkts_encaps)}/{_cell(f.pkts_decaps)}",
        sas or "-",
    ]


# record type -> (table header, one row); types not listed (show version) print field / value pairs
_TABLES: dict[type, tuple[list[str], Callable[[Any], list[str]]]] = {
    Ikev2Proposal: (["PROPOSAL", "ENCRYPTION", "INTEGRITY", "PRF", "DH", "PQC"], _proposal),
    Ikev2Policy: (["POLICY", "FVRF", "LOCAL", "PROPOSALS"], _policy),
    Ikev2Profile: (
        ["IKEV2 PROFILE", "FVRF", "IDENTITIES", "AUTH LOCAL/REMOTE", "KEYRING", "LIFETIME", "DPD",
         "IVRF"],
        _ikev2_profile,
    ),
    TransformSet: (["TRANSFORM SET", "TRANSFORMS", "MODE"], _transform_set),
    IpsecProfile: (
        ["PROFILE", "IKEV2 PROFILE", "LIFETIME KB/S", "PFS", "TRANSFORM SETS"],
        _ipsec_profile,
    ),
    SaRecord: (
        ["TUNNEL", "LOCAL", "REMOTE", "FVRF/IVRF", "STATUS", "ENCR", "DH", "AUTH", "FRAG",
         "NAT-T", "SGT", "INITIATOR"],
        _sa_row,
    ),
    CryptoSession: (
        ["INTERFACE", "PEER", "STATUS", "PROFILE", "FVRF", "IKE SAS", "FLOWS", "UPTIME"],
        _crypto_session_row,
    ),
    Ikev2Session: (["SESSION", "STATUS", "IKE", "CHILD", "PEERS"], _ikev2_session_row),
    IpsecSaFlow: (
        ["INTERFACE", "PEER", "LOCAL IDENT", "REMOTE IDENT", "ENCAPS/DECAPS", "SAS"],
        _ipsec_flow_row,
    ),
}


def _rows(records: Sequence[Any]) -> tuple[list[str], list[list[str]]]:
    """Summary columns per record type, for the text table."""
    first = records[0]
    for cls in type(first).__mro__:
        if cls in _TABLES:
            header, row = _TABLES[cls]
            return header, [row(r) for r in records]
    # One-record facts (show version): field / value pairs.
    return ["FIELD", "VALUE"], [[k, _cell(v)] for k, v in first.to_json().items()]


def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(line[i]) for line in [header, *rows]) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in [header, *rows]
    )
