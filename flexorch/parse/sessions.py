"""TextFSM rows of `show crypto session [detail]` and `show crypto ikev2 session` -> records.

Those templates hold an entry's repeated parts (IKE SAs, flows, child SAs) as flat parallel
lists, one list per field, filled a whole line at a time; here they are zipped back into nested
records. Lines that appear a different number of times than the entries they belong to are not
paired by guesswork: their fields stay null and a warning says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flexorch.parse.normalize import (
    SPACES,
    Rows,
    columns,
    int_or_none,
    none_word,
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


def _group(
    v: dict[str, Any], names: Sequence[str], count: int, what: str, where: str
) -> tuple[list[dict[str, Any] | None], list[ParseWarning]]:
    """Entries ``0..count-1`` of the parallel lists ``names`` (filled by one kind of line).

    When that line appears a different number of times than the entries it belongs to, the
    values cannot be paired safely: they are left out (null) and flagged, never shifted.
    """
    columns = [v.get(name) or [] for name in names]
    if len(columns[0]) == count:
        return [dict(zip(names, values, strict=True)) for values in zip(*columns, strict=True)], []
    if not columns[0]:
        return [None] * count, []
    problem = f"{where}: {len(columns[0])} {what} line(s) for {count} entries; not paired"
    return [None] * count, [ParseWarning(problem)]


def _get(entry: dict[str, Any] | None, name: str) -> Any:
    return entry.get(name) if entry else None


def _ike_summaries(
    v: dict[str, Any], where: str
) -> tuple[tuple[IkeSaSummary, ...], list[ParseWarning]]:
    names = (
        "IKE_VERSIONS",
        "IKE_LOCAL_ADDRESSES",
        "IKE_LOCAL_PORTS",
        "IKE_REMOTE_ADDRESSES",
        "IKE_REMOTE_PORTS",
        "IKE_STATES",
    )
    count = len(v["IKE_VERSIONS"])
    sas, _ = _group(v, names, count, "IKE SA", where)
    sids, p1 = _group(v, ("SESSION_IDS",), count, "Session ID", where)
    caps, p2 = _group(v, ("CAPABILITIES", "CONNIDS", "LIFETIMES"), count, "Capabilities", where)
    summaries = tuple(
        IkeSaSummary(
            version=_get(sa, "IKE_VERSIONS"),
            session_id=int_or_none(_get(sid, "SESSION_IDS")),
            local_address=_get(sa, "IKE_LOCAL_ADDRESSES"),
            local_port=int_or_none(_get(sa, "IKE_LOCAL_PORTS")),
            remote_address=_get(sa, "IKE_REMOTE_ADDRESSES"),
            remote_port=int_or_none(_get(sa, "IKE_REMOTE_PORTS")),
            state=_get(sa, "IKE_STATES"),
            capabilities=none_word(_get(cap, "CAPABILITIES")),
            connid=int_or_none(_get(cap, "CONNIDS")),
            lifetime=_get(cap, "LIFETIMES"),
        )
        for sa, sid, cap in zip(sas, sids, caps, strict=True)
    )
    return summaries, p1 + p2


def _flows(v: dict[str, Any], where: str) -> tuple[tuple[IpsecFlow, ...], list[ParseWarning]]:
    count = len(v["FLOWS"])
    sas, p1 = _group(v, ("FLOW_ACTIVE_SAS", "FLOW_ORIGINS"), count, "Active SAs", where)
    ins, p2 = _group(
        v,
        ("INBOUND_PACKETS", "INBOUND_DROPS", "INBOUND_LIFE_KB", "INBOUND_LIFE_SEC"),
        count,
        "Inbound",
        where,
    )
    outs, p3 = _group(
        v,
        ("OUTBOUND_PACKETS", "OUTBOUND_DROPS", "OUTBOUND_LIFE_KB", "OUTBOUND_LIFE_SEC"),
        count,
        "Outbound",
        where,
    )
    flows = tuple(
        IpsecFlow(
            flow=flow,
            active_sas=int_or_none(_get(sa, "FLOW_ACTIVE_SAS")),
            origin=_get(sa, "FLOW_ORIGINS"),
            inbound_packets=int_or_none(_get(i, "INBOUND_PACKETS")),
            inbound_drops=int_or_none(_get(i, "INBOUND_DROPS")),
            inbound_life_kb=int_or_none(_get(i, "INBOUND_LIFE_KB")),
            inbound_life_sec=int_or_none(_get(i, "INBOUND_LIFE_SEC")),
            outbound_packets=int_or_none(_get(o, "OUTBOUND_PACKETS")),
            outbound_drops=int_or_none(_get(o, "OUTBOUND_DROPS")),
            outbound_life_kb=int_or_none(_get(o, "OUTBOUND_LIFE_KB")),
            outbound_life_sec=int_or_none(_get(o, "OUTBOUND_LIFE_SEC")),
        )
        for flow, sa, i, o in zip(v["FLOWS"], sas, ins, outs, strict=True)
    )
    return flows, p1 + p2 + p3


def session_rows(header: Sequence[str], rows: Rows) -> tuple[list[Any], list[ParseWarning]]:
    """`show crypto session [detail]` rows -> CryptoSession records."""
    cols = columns(header)
    records: list[Any] = []
    warnings: list[ParseWarning] = []
    vrf = {"(none)": "none"}
    for row in rows:
        v: dict[str, Any] = {name: row[index] for name, index in cols.items()}
        if not v["INTERFACE"]:
            if any(val for key, val in v.items() if key != "UNPARSED"):
                warnings.append(ParseWarning("session lines without an 'Interface:' line ignored"))
            continue
        where = f"session on {v['INTERFACE']}"
        ike_sas, p1 = _ike_summaries(v, where)
        flows, p2 = _flows(v, where)
        warnings += p1 + p2
        records.append(
            CryptoSession(
                interface=v["INTERFACE"],
                profile=str_or_none(v["PROFILE"]),
                uptime=str_or_none(v["UPTIME"]),
                status=str_or_none(v["STATUS"]),
                peer=str_or_none(v["PEER"]),
                peer_port=int_or_none(v["PEER_PORT"]),
                fvrf=vrf.get(v["FVRF"], v["FVRF"]) or None,
                ivrf=vrf.get(v["IVRF"], v["IVRF"]) or None,
                phase1_id=none_word(v.get("PHASE1_ID")),
                desc=none_word(v.get("DESC")),
                ike_sas=ike_sas,
                flows=flows,
            )
        )
    return records, warnings


# ikev2-session list column -> SaRecord row column, grouped by the line that fills them.
_SA_ROW_LISTS = {"TUNNEL_IDS": "TUNNEL_ID", "VRFS": "VRFS", "SA_STATUSES": "STATUS"}
_SA_LOCAL_LISTS = {"LOCAL_ADDRESSES": "LOCAL_ADDRESS", "LOCAL_PORTS": "LOCAL_PORT"}
_SA_REMOTE_LISTS = {"REMOTE_ADDRESSES": "REMOTE_ADDRESS", "REMOTE_PORTS": "REMOTE_PORT"}
_SA_ENCR_LISTS = {
    "ENCRYPTIONS": "ENCRYPTION",
    "KEYSIZES": "KEYSIZE",
    "PRFS": "PRF",
    "HASHES": "HASH",
    "DH_GROUPS": "DH_GROUP",
    "AUTH_SIGNS": "AUTH_SIGN",
    "AUTH_VERIFIES": "AUTH_VERIFY",
    "QRS": "QR",
}
_SA_LIFE_LISTS = {"LIFE_TIMES": "LIFE_TIME", "ACTIVE_TIMES": "ACTIVE_TIME"}
_SA_LINE_GROUPS = (
    (_SA_LOCAL_LISTS, "local address"),
    (_SA_REMOTE_LISTS, "remote address"),
    (_SA_ENCR_LISTS, "Encr"),
    (_SA_LIFE_LISTS, "Life/Active Time"),
)


def _ikev2_session_sas(
    v: dict[str, Any], where: str
) -> tuple[tuple[SaRecord, ...], list[ParseWarning]]:
    count = len(v["TUNNEL_IDS"])
    entries, _ = _group(v, list(_SA_ROW_LISTS), count, "SA row", where)
    problems: list[ParseWarning] = []
    merged: list[dict[str, Any]] = [
        # The enclosing `Session-id:` is the SA's session id (`CE id: n, Session-id: m`).
        {_SA_ROW_LISTS[k]: val for k, val in (e or {}).items()} | {"SESSION_ID": v["SESSION_ID"]}
        for e in entries
    ]
    for lists, what in _SA_LINE_GROUPS:
        found, p = _group(v, list(lists), count, what, where)
        problems += p
        for values, entry in zip(merged, found, strict=True):
            values.update({lists[k]: val for k, val in (entry or {}).items()})
    sas = tuple(sa_record(values.get) for values in merged)
    return sas, problems


def ikev2_session_rows(header: Sequence[str], rows: Rows) -> tuple[list[Any], list[ParseWarning]]:
    """`show crypto ikev2 session` rows -> Ikev2Session records."""
    cols = columns(header)
    records: list[Any] = []
    warnings: list[ParseWarning] = []
    for row in rows:
        v: dict[str, Any] = {name: row[index] for name, index in cols.items()}
        if not v["SESSION_ID"]:
            if any(val for key, val in v.items() if key != "UNPARSED"):
                warnings.append(ParseWarning("SA lines without a 'Session-id:' line ignored"))
            continue
        where = f"session {v['SESSION_ID']}"
        sas, problems = _ikev2_session_sas(v, where)
        count = len(v["LOCAL_SELECTORS"])
        remotes, p1 = _group(v, ("REMOTE_SELECTORS",), count, "remote selector", where)
        spis, p2 = _group(v, ("SPIS_IN", "SPIS_OUT"), count, "ESP spi", where)
        warnings += problems + p1 + p2
        children = tuple(
            ChildSa(
                local_selector=SPACES.sub(" ", local),
                remote_selector=SPACES.sub(" ", remote["REMOTE_SELECTORS"]) if remote else None,
                spi_in=_get(spi, "SPIS_IN"),
                spi_out=_get(spi, "SPIS_OUT"),
            )
            for local, remote, spi in zip(v["LOCAL_SELECTORS"], remotes, spis, strict=True)
        )
        records.append(
            Ikev2Session(
                session_id=int_or_none(v["SESSION_ID"]),
                status=str_or_none(v["STATUS"]),
                ike_count=int_or_none(v["IKE_COUNT"]),
                child_count=int_or_none(v["CHILD_COUNT"]),
                ike_sas=sas,
                child_sas=children,
            )
        )
    return records, warnings
