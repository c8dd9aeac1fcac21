"""TextFSM rows -> typed records, values normalised to the JSON contract.

One function per template, registered in ``NORMALIZERS``. Each returns the records it could
build and warnings for what it could not (a record-level problem, e.g. an SA block cut short);
line-level warnings (lines no rule matched) are produced by the runner.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from flexorch.parse.records import (
    VRF_COLUMN_WIDTH,
    ChildSa,
    CryptoSession,
    IkeSaSummary,
    Ikev2Session,
    IpsecFlow,
    ParseWarning,
    SaRecord,
    VersionRecord,
)

Rows = list[list[Any]]
Normalizer = Callable[[Sequence[str], Rows], tuple[list[Any], list[ParseWarning]]]

# IKEv2 SA states IOS prints in the Status column; anything else is kept but flagged.
SA_STATES = frozenset({"READY", "IN-NEG", "DELETE", "UNKNOWN"})
_NAT_T = {
    "not detected": "not-detected",
    "detected inside": "inside",
    "detected outside": "outside",
}
_SPACES = re.compile(r"\s+")


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _str(value: str | None) -> str | None:
    return value if value else None


def _algo(value: str | None) -> str | None:
    """An algorithm column; IOS prints ``Unknown - 0`` while an SA is still negotiating."""
    return None if not value or value.startswith("Unknown") else value


def _none_word(value: str | None) -> str | None:
    """IOS ``(none)`` (empty phase-1 id, description, capabilities) -> None."""
    return None if not value or value == "(none)" else value


def _fragmentation(text: str) -> str | None:
    if not text:
        return None
    words = _SPACES.sub(" ", text).lower()
    if words.startswith("fragmentation not"):
        return "none"
    # "<method> Fragmentation enabled": IOS has two methods, IETF standard and Cisco's own.
    return "ietf" if "ietf" in words else "cisco"


def _split_vrfs(column: str) -> tuple[str | None, str | None, bool]:
    """``"none/121"`` -> (``"none"``, ``"121"``, truncated?). No ``/`` left: ivrf unknown."""
    if not column:
        return None, None, False
    truncated = len(column) >= VRF_COLUMN_WIDTH
    fvrf, slash, ivrf = column.partition("/")
    return fvrf or None, (ivrf or None) if slash else None, truncated


def _columns(header: Sequence[str]) -> dict[str, int]:
    return {name: index for index, name in enumerate(header)}


def _sa_record(v: Callable[[str], Any]) -> SaRecord:
    """One SaRecord from a row accessor ``v(column) -> raw value`` (both SA templates)."""
    fvrf, ivrf, truncated = _split_vrfs(v("VRFS"))
    encr_line = bool(v("DH_GROUP"))  # DH Grp is always a number on a read Encr line
    nat_t = v("NAT_T")
    initiator = v("INITIATOR")
    return SaRecord(
        tunnel_id=_int(v("TUNNEL_ID")),
        local_address=_str(v("LOCAL_ADDRESS")),
        local_port=_int(v("LOCAL_PORT")),
        remote_address=_str(v("REMOTE_ADDRESS")),
        remote_port=_int(v("REMOTE_PORT")),
        fvrf=fvrf,
        ivrf=ivrf,
        status=_str(v("STATUS").upper()),
        encryption=_algo(v("ENCRYPTION")),
        keysize=_int(v("KEYSIZE")),
        prf=_algo(v("PRF")),
        hash=_algo(v("HASH")),
        dh_group=_int(v("DH_GROUP")),
        auth_sign=_algo(v("AUTH_SIGN")),
        auth_verify=_algo(v("AUTH_VERIFY")),
        life_time=_int(v("LIFE_TIME")),
        active_time=_int(v("ACTIVE_TIME")),
        status_description=_str(v("STATUS_DESCRIPTION")),
        local_spi=_str(v("LOCAL_SPI")),
        remote_spi=_str(v("REMOTE_SPI")),
        local_id=_str(v("LOCAL_ID")),
        remote_id=_str(v("REMOTE_ID")),
        remote_eap_id=_str(v("REMOTE_EAP_ID")),
        local_window=_int(v("LOCAL_WINDOW")),
        remote_window=_int(v("REMOTE_WINDOW")),
        dpd_interval=_int(v("DPD_INTERVAL")),
        dpd_retry=_int(v("DPD_RETRY")),
        fragmentation=_fragmentation(v("FRAGMENTATION")),  # type: ignore[arg-type]
        fragmentation_mtu=_int(v("FRAGMENTATION_MTU")),
        dynamic_route_update=_str(v("DYNAMIC_ROUTE_UPDATE")),  # type: ignore[arg-type]
        nat_t=_NAT_T[_SPACES.sub(" ", nat_t)] if nat_t else None,  # type: ignore[arg-type]
        sgt=_str(v("SGT")),  # type: ignore[arg-type]
        initiator=(initiator == "Yes") if initiator else None,
        pushed_ip=_str(v("PUSHED_IP")),
        assigned_host_addr=_str(v("ASSIGNED_HOST_ADDR")),
        remote_subnets=tuple(_SPACES.sub(" ", s) for s in v("REMOTE_SUBNETS") or ()),
        peer_type=_str(v("PEER_TYPE")),
        ce_id=_int(v("CE_ID")),
        session_id=_int(v("SESSION_ID")),
        quantum_resistant=(v("QR") == "QR") if encr_line else None,
        pqc_kex=_str(v("PQC_KEX")),
        quantum_safe=tuple(v("QUANTUM_SAFE") or ()),
        vrf_truncated=truncated,
    )


def _sa_problems(sa: SaRecord, detailed: bool) -> list[ParseWarning]:
    name = f"tunnel {sa.tunnel_id} ({sa.remote_address})"
    found: list[ParseWarning] = []
    if sa.status is not None and sa.status not in SA_STATES:
        found.append(ParseWarning(f"{name}: unknown SA status {sa.status!r} (kept as printed)"))
    if sa.dh_group is None:
        found.append(ParseWarning(f"{name}: no 'Encr:' line read (output cut?)"))
    if detailed and sa.initiator is None:
        found.append(ParseWarning(f"{name}: no 'Initiator of SA' line read (output cut?)"))
    return found


def _sa_rows(detailed: bool) -> Normalizer:
    def normalize(header: Sequence[str], rows: Rows) -> tuple[list[Any], list[ParseWarning]]:
        cols = _columns(header)
        missing = dict.fromkeys(("VRFS", "STATUS"), "")
        records: list[Any] = []
        warnings: list[ParseWarning] = []
        for row in rows:
            values = dict(missing)
            values.update((name, row[index]) for name, index in cols.items())
            if not values["TUNNEL_ID"]:
                if any(v for k, v in values.items() if k != "UNPARSED"):
                    warnings.append(
                        ParseWarning("SA detail lines without a tunnel row ignored (output cut?)")
                    )
                continue
            sa = _sa_record(lambda name, values=values: values.get(name))  # type: ignore[misc]
            records.append(sa)
            warnings.extend(_sa_problems(sa, detailed))
        return records, warnings

    return normalize


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
            session_id=_int(_get(sid, "SESSION_IDS")),
            local_address=_get(sa, "IKE_LOCAL_ADDRESSES"),
            local_port=_int(_get(sa, "IKE_LOCAL_PORTS")),
            remote_address=_get(sa, "IKE_REMOTE_ADDRESSES"),
            remote_port=_int(_get(sa, "IKE_REMOTE_PORTS")),
            state=_get(sa, "IKE_STATES"),
            capabilities=_none_word(_get(cap, "CAPABILITIES")),
            connid=_int(_get(cap, "CONNIDS")),
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
            active_sas=_int(_get(sa, "FLOW_ACTIVE_SAS")),
            origin=_get(sa, "FLOW_ORIGINS"),
            inbound_packets=_int(_get(i, "INBOUND_PACKETS")),
            inbound_drops=_int(_get(i, "INBOUND_DROPS")),
            inbound_life_kb=_int(_get(i, "INBOUND_LIFE_KB")),
            inbound_life_sec=_int(_get(i, "INBOUND_LIFE_SEC")),
            outbound_packets=_int(_get(o, "OUTBOUND_PACKETS")),
            outbound_drops=_int(_get(o, "OUTBOUND_DROPS")),
            outbound_life_kb=_int(_get(o, "OUTBOUND_LIFE_KB")),
            outbound_life_sec=_int(_get(o, "OUTBOUND_LIFE_SEC")),
        )
        for flow, sa, i, o in zip(v["FLOWS"], sas, ins, outs, strict=True)
    )
    return flows, p1 + p2 + p3


def _session_rows(header: Sequence[str], rows: Rows) -> tuple[list[Any], list[ParseWarning]]:
    """`show crypto session [detail]` rows -> CryptoSession records."""
    cols = _columns(header)
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
                profile=_str(v["PROFILE"]),
                uptime=_str(v["UPTIME"]),
                status=_str(v["STATUS"]),
                peer=_str(v["PEER"]),
                peer_port=_int(v["PEER_PORT"]),
                fvrf=vrf.get(v["FVRF"], v["FVRF"]) or None,
                ivrf=vrf.get(v["IVRF"], v["IVRF"]) or None,
                phase1_id=_none_word(v.get("PHASE1_ID")),
                desc=_none_word(v.get("DESC")),
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
    sas = tuple(_sa_record(lambda name, d=d: d.get(name) or "") for d in merged)  # type: ignore[misc]
    return sas, problems


def _ikev2_session_rows(header: Sequence[str], rows: Rows) -> tuple[list[Any], list[ParseWarning]]:
    """`show crypto ikev2 session` rows -> Ikev2Session records."""
    cols = _columns(header)
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
                local_selector=_SPACES.sub(" ", local),
                remote_selector=_SPACES.sub(" ", remote["REMOTE_SELECTORS"]) if remote else None,
                spi_in=_get(spi, "SPIS_IN"),
                spi_out=_get(spi, "SPIS_OUT"),
            )
            for local, remote, spi in zip(v["LOCAL_SELECTORS"], remotes, spis, strict=True)
        )
        records.append(
            Ikev2Session(
                session_id=_int(v["SESSION_ID"]),
                status=_str(v["STATUS"]),
                ike_count=_int(v["IKE_COUNT"]),
                child_count=_int(v["CHILD_COUNT"]),
                ike_sas=sas,
                child_sas=children,
            )
        )
    return records, warnings


_UPTIME_UNITS = {"year": 31536000, "week": 604800, "day": 86400, "hour": 3600, "minute": 60}
_UPTIME_PART = re.compile(r"(\d+)\s+(year|week|day|hour|minute)s?")


def uptime_seconds(text: str) -> int | None:
    """``"2 weeks, 3 days, 4 hours, 12 minutes"`` -> seconds (IOS counts a year as 365 days)."""
    parts = _UPTIME_PART.findall(text)
    return sum(int(n) * _UPTIME_UNITS[unit] for n, unit in parts) if parts else None


def _version_rows(header: Sequence[str], rows: Rows) -> tuple[list[Any], list[ParseWarning]]:
    """`show version` -> one VersionRecord (none, with a warning, if nothing was recognised)."""
    cols = _columns(header)
    records: list[Any] = []
    for row in rows:
        v = {name: row[index] for name, index in cols.items()}
        if not v["HOSTNAME"] and not v["VERSION"]:
            continue
        records.append(
            VersionRecord(
                hostname=_str(v["HOSTNAME"]),
                os="IOS-XE" if v["XE_VERSION"] or "IOSXE" in v["IMAGE_ID"].upper() else "IOS",
                version=_str(v["VERSION"]),
                image_id=_str(v["IMAGE_ID"]),
                uptime=_str(v["UPTIME"]),
                uptime_seconds=uptime_seconds(v["UPTIME"]),
                image=_str(v["IMAGE"]),
                reload_reason=_str(v["RELOAD_REASON"]),
                model=_str(v["MODEL"]),
                serial=_str(v["SERIAL"]),
                config_register=_str(v["CONFIG_REGISTER"]),
                router_mode=_str(v["ROUTER_MODE"]),
            )
        )
    if not records:
        return [], [ParseWarning("no 'show version' facts found (no '<host> uptime is' line)")]
    return records, []


NORMALIZERS: dict[str, Normalizer] = {
    "cisco_ios_show_crypto_ikev2_sa_detailed.textfsm": _sa_rows(detailed=True),
    "cisco_ios_show_crypto_ikev2_sa.textfsm": _sa_rows(detailed=False),
    "cisco_ios_show_crypto_session_detail.textfsm": _session_rows,
    "cisco_ios_show_crypto_session.textfsm": _session_rows,
    "cisco_ios_show_crypto_ikev2_session.textfsm": _ikev2_session_rows,
    "cisco_ios_show_version.textfsm": _version_rows,
}
