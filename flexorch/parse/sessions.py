"""TextFSM rows of `show crypto session [detail]` and `show crypto ikev2 session [detailed]` ->
records.

Those templates give one row per item (a session header, an IKE SA, an IPsec flow, a child SA),
each started by the line that opens it; here items are nested into the session before them. An
item with a line missing keeps what it has (nothing is paired by position), and items before the
first session header (output cut at the top) are dropped with a warning.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from flexorch.parse.normalize import (
    SPACES,
    Rows,
    columns,
    int_or_none,
    none_word,
    sa_problems,
    sa_record,
    str_or_none,
)
from flexorch.parse.records import (
    ChildSa,
    CryptoSession,
    IkeSaSummary,
    Ikev2Session,
    IpsecFlow,
    ParseWarning,
    SaRecord,
)

_VRF = {"(none)": "none"}
_IKE_FIELDS = ("IKE_VERSION", "IKE_LOCAL_ADDRESS", "CAPABILITIES", "CONNID", "LIFETIME")
_FLOW_FIELDS = ("FLOW", "FLOW_ACTIVE_SAS", "INBOUND_PACKETS", "OUTBOUND_PACKETS")


def _values(cols: dict[str, int], row: list[Any]) -> dict[str, Any]:
    return {name: row[index] for name, index in cols.items() if name != "UNPARSED"}


def _session(v: dict[str, Any]) -> dict[str, Any]:
    return {
        "interface": v["INTERFACE"],
        "profile": str_or_none(v["PROFILE"]),
        "uptime": str_or_none(v["UPTIME"]),
        "status": str_or_none(v["STATUS"]),
        "peer": str_or_none(v["PEER"]),
        "peer_port": int_or_none(v["PEER_PORT"]),
        "fvrf": _VRF.get(v["FVRF"], v["FVRF"]) or None,
        "ivrf": _VRF.get(v["IVRF"], v["IVRF"]) or None,
        "phase1_id": none_word(v["PHASE1_ID"]),
        "desc": none_word(v["DESC"]),
        "ike_sas": [],
        "flows": [],
    }


def _ike_sa(v: dict[str, Any], session_id: str | None) -> IkeSaSummary:
    return IkeSaSummary(
        version=str_or_none(v["IKE_VERSION"]),
        session_id=int_or_none(session_id),
        local_address=str_or_none(v["IKE_LOCAL_ADDRESS"]),
        local_port=int_or_none(v["IKE_LOCAL_PORT"]),
        remote_address=str_or_none(v["IKE_REMOTE_ADDRESS"]),
        remote_port=int_or_none(v["IKE_REMOTE_PORT"]),
        state=str_or_none(v["IKE_STATE"]),
        capabilities=none_word(v["CAPABILITIES"]),
        connid=int_or_none(v["CONNID"]),
        lifetime=str_or_none(v["LIFETIME"]),
    )


def _flow(v: dict[str, Any]) -> IpsecFlow:
    return IpsecFlow(
        flow=str_or_none(v["FLOW"]),
        active_sas=int_or_none(v["FLOW_ACTIVE_SAS"]),
        origin=str_or_none(v["FLOW_ORIGIN"]),
        inbound_packets=int_or_none(v["INBOUND_PACKETS"]),
        inbound_drops=int_or_none(v["INBOUND_DROPS"]),
        inbound_life_kb=int_or_none(v["INBOUND_LIFE_KB"]),
        inbound_life_sec=int_or_none(v["INBOUND_LIFE_SEC"]),
        outbound_packets=int_or_none(v["OUTBOUND_PACKETS"]),
        outbound_drops=int_or_none(v["OUTBOUND_DROPS"]),
        outbound_life_kb=int_or_none(v["OUTBOUND_LIFE_KB"]),
        outbound_life_sec=int_or_none(v["OUTBOUND_LIFE_SEC"]),
    )


def session_rows(header: Sequence[str], rows: Rows) -> tuple[list[Any], list[ParseWarning]]:
    """`show crypto session [detail]` rows -> CryptoSession records.

    A ``Session ID:`` line opens an item of its own: the IKE SA entry right after it takes its
    id; without one (entry unreadable) the id is kept as an entry of its own.
    """
    cols = columns(header)
    sessions: list[dict[str, Any]] = []
    orphans = 0
    waiting = False  # the last IKE entry is a Session ID line still waiting for its SA line
    for row in rows:
        v = _values(cols, row)
        is_ike = any(v[name] for name in _IKE_FIELDS)
        if v["INTERFACE"]:
            sessions.append(_session(v))
        elif not any(v.values()):
            continue
        elif not sessions:
            orphans += 1
        elif is_ike or v["SESSION_ID"]:
            ike_sas = sessions[-1]["ike_sas"]
            if is_ike and waiting:
                ike_sas[-1] = _ike_sa(v, v["SESSION_ID"] or str(ike_sas[-1].session_id))
            else:
                ike_sas.append(_ike_sa(v, v["SESSION_ID"]))
            waiting = not is_ike
            continue
        elif any(v[name] for name in _FLOW_FIELDS):
            sessions[-1]["flows"].append(_flow(v))
        waiting = False
    warnings = []
    if orphans:
        warnings.append(ParseWarning("session lines without an 'Interface:' line ignored"))
    records = [
        CryptoSession(**s | {"ike_sas": tuple(s["ike_sas"]), "flows": tuple(s["flows"])})
        for s in sessions
    ]
    return records, warnings


@dataclass
class _Ikev2Session:
    header: dict[str, Any]
    sas: list[SaRecord] = field(default_factory=list)
    children: list[ChildSa] = field(default_factory=list)


def _child(v: dict[str, Any], where: str) -> tuple[ChildSa, list[ParseWarning]]:
    locals_, remotes = v["LOCAL_SELECTORS"] or [], v["REMOTE_SELECTORS"] or []
    problems = []
    if len(locals_) > 1 or len(remotes) > 1:
        problems.append(
            ParseWarning(f"{where}: a child SA with {len(locals_)} selector pairs; first kept")
        )
    child = ChildSa(
        local_selector=SPACES.sub(" ", locals_[0]) if locals_ else None,
        remote_selector=SPACES.sub(" ", remotes[0]) if remotes else None,
        spi_in=str_or_none(v["SPI_IN"]),
        spi_out=str_or_none(v["SPI_OUT"]),
        encryption=str_or_none(v["CHILD_ENCRYPTION"]),
        keysize=int_or_none(v["CHILD_KEYSIZE"]),
        integrity=str_or_none(v["ESP_HMAC"]),
        mode=str_or_none(v["MODE"]),
    )
    return child, problems


def ikev2_session_rows(header: Sequence[str], rows: Rows) -> tuple[list[Any], list[ParseWarning]]:
    """`show crypto ikev2 session [detailed]` rows -> Ikev2Session records."""
    cols = columns(header)
    sessions: list[_Ikev2Session] = []
    warnings: list[ParseWarning] = []
    orphans = 0
    for row in rows:
        v = _values(cols, row)
        if v["SESSION"]:
            sessions.append(_Ikev2Session(v))
        elif not any(v.values()):
            continue
        elif not sessions:
            orphans += 1
        elif v["TUNNEL_ID"]:
            # An SA without its own `CE id: n, Session-id: m` line takes the session's id.
            own = v | {"SESSION_ID": v["SESSION_ID"] or sessions[-1].header["SESSION"]}
            sa = sa_record(own.get)
            sessions[-1].sas.append(sa)
            warnings += sa_problems(sa)
        elif v["CHILD"] or v["LOCAL_SELECTORS"] or v["SPI_IN"]:
            child, problems = _child(v, f"session {sessions[-1].header['SESSION']}")
            sessions[-1].children.append(child)
            warnings += problems
        else:
            warnings.append(ParseWarning("SA detail lines without a tunnel row ignored"))
    if orphans:
        warnings.append(ParseWarning("SA lines without a 'Session-id:' line ignored"))
    records = [
        Ikev2Session(
            session_id=int_or_none(s.header["SESSION"]),
            status=str_or_none(s.header["SESSION_STATUS"]),
            ike_count=int_or_none(s.header["IKE_COUNT"]),
            child_count=int_or_none(s.header["CHILD_COUNT"]),
            ike_sas=tuple(s.sas),
            child_sas=tuple(s.children),
        )
        for s in sessions
    ]
    return records, warnings
