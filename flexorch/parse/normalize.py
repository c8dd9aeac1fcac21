"""TextFSM rows -> typed records, values normalised to the JSON contract.

One function per template (SA and version forms here, session forms in ``sessions.py``; the
runner maps template names to them). Each returns the records it could build and warnings for
what it could not (a record-level problem, e.g. an SA block cut short); line-level warnings
(lines no rule matched) are produced by the runner.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from flexorch.parse.records import (
    VRF_COLUMN_WIDTH,
    Fragmentation,
    NatT,
    OnOff,
    ParseWarning,
    SaRecord,
    VersionRecord,
)

Rows = list[list[Any]]
Normalizer = Callable[[Sequence[str], Rows], tuple[list[Any], list[ParseWarning]]]

# IKEv2 SA states IOS prints in the Status column; anything else is kept but flagged.
SA_STATES = frozenset({"READY", "IN-NEG", "DELETE", "UNKNOWN"})
_NAT_T: dict[str, NatT] = {
    "not detected": "not-detected",
    "detected inside": "inside",
    "detected outside": "outside",
}
SPACES = re.compile(r"\s+")


def int_or_none(value: str | None) -> int | None:
    return int(value) if value else None


def str_or_none(value: str | None) -> str | None:
    return value if value else None


def _algo(value: str | None) -> str | None:
    """An algorithm column; IOS prints ``Unknown - 0`` while an SA is still negotiating."""
    return None if not value or value.startswith("Unknown") else value


def none_word(value: str | None) -> str | None:
    """IOS ``(none)`` (empty phase-1 id, description, capabilities) -> None."""
    return None if not value or value == "(none)" else value


def _on_off(value: str | None) -> OnOff | None:
    return "enabled" if value == "enabled" else "disabled" if value == "disabled" else None


def _fragmentation(text: str | None) -> Fragmentation | None:
    if not text:
        return None
    words = SPACES.sub(" ", text).lower()
    if words.startswith("fragmentation not"):
        return "none"
    # "<method> Fragmentation enabled": IOS has two methods, IETF standard and Cisco's own.
    return "ietf" if "ietf" in words else "cisco"


def _split_vrfs(column: str | None) -> tuple[str | None, str | None, bool]:
    """``"none/121"`` -> (``"none"``, ``"121"``, truncated?). No ``/`` left: ivrf unknown."""
    if not column:
        return None, None, False
    truncated = len(column) >= VRF_COLUMN_WIDTH
    fvrf, slash, ivrf = column.partition("/")
    return fvrf or None, (ivrf or None) if slash else None, truncated


def columns(header: Sequence[str]) -> dict[str, int]:
    return {name: index for index, name in enumerate(header)}


_AKE_INDEX = re.compile(r"\bAKE\d+\s*:\s*")


def ake_algorithms(ake_value: str | None) -> str | None:
    """``AKE1: MLKEM1024`` (the earlier `AKE group:` wording) -> ``MLKEM1024``: the ``AKEn:``
    index dropped, several algorithms kept space-separated; text without an index is kept."""
    if not ake_value:
        return None
    return " ".join(_AKE_INDEX.sub(" ", ake_value).replace(",", " ").split()) or None


def _pqc_kex(pqc_line: str | None, ake_line: str | None) -> str | None:
    """``PQC Key Exchange: ML-KEM-1024`` as printed; the earlier ``AKE group: AKE1: MLKEM1024``
    wording gives ``MLKEM1024`` (see ``ake_algorithms``)."""
    return pqc_line or ake_algorithms(ake_line)


def sa_record(v: Callable[[str], Any]) -> SaRecord:
    """One SaRecord from a row accessor ``v(column) -> raw value`` (SA and session templates)."""
    fvrf, ivrf, truncated = _split_vrfs(v("VRFS"))
    encr_line = bool(v("DH_GROUP"))  # DH Grp is always a number on a read Encr line
    nat_t = v("NAT_T")
    initiator = v("INITIATOR")
    return SaRecord(
        tunnel_id=int_or_none(v("TUNNEL_ID")),
        local_address=str_or_none(v("LOCAL_ADDRESS")),
        local_port=int_or_none(v("LOCAL_PORT")),
        remote_address=str_or_none(v("REMOTE_ADDRESS")),
        remote_port=int_or_none(v("REMOTE_PORT")),
        fvrf=fvrf,
        ivrf=ivrf,
        status=str_or_none((v("STATUS") or "").upper()),
        encryption=_algo(v("ENCRYPTION")),
        keysize=int_or_none(v("KEYSIZE")),
        prf=_algo(v("PRF")),
        hash=_algo(v("HASH")),
        dh_group=int_or_none(v("DH_GROUP")),
        auth_sign=_algo(v("AUTH_SIGN")),
        auth_verify=_algo(v("AUTH_VERIFY")),
        life_time=int_or_none(v("LIFE_TIME")),
        active_time=int_or_none(v("ACTIVE_TIME")),
        status_description=str_or_none(v("STATUS_DESCRIPTION")),
        local_spi=str_or_none(v("LOCAL_SPI")),
        remote_spi=str_or_none(v("REMOTE_SPI")),
        local_id=str_or_none(v("LOCAL_ID")),
        remote_id=str_or_none(v("REMOTE_ID")),
        remote_eap_id=str_or_none(v("REMOTE_EAP_ID")),
        local_window=int_or_none(v("LOCAL_WINDOW")),
        remote_window=int_or_none(v("REMOTE_WINDOW")),
        dpd_interval=int_or_none(v("DPD_INTERVAL")),
        dpd_retry=int_or_none(v("DPD_RETRY")),
        fragmentation=_fragmentation(v("FRAGMENTATION")),
        fragmentation_mtu=int_or_none(v("FRAGMENTATION_MTU")),
        dynamic_route_update=_on_off(v("DYNAMIC_ROUTE_UPDATE")),
        nat_t=_NAT_T.get(SPACES.sub(" ", nat_t)) if nat_t else None,
        sgt=_on_off(v("SGT")),
        initiator=(initiator == "Yes") if initiator else None,
        pushed_ip=str_or_none(v("PUSHED_IP")),
        assigned_host_addr=str_or_none(v("ASSIGNED_HOST_ADDR")),
        post_nat_address=str_or_none(v("POST_NAT_ADDRESS")),
        remote_subnets=tuple(SPACES.sub(" ", s) for s in v("REMOTE_SUBNETS") or ()),
        peer_type=str_or_none(v("PEER_TYPE")),
        ce_id=int_or_none(v("CE_ID")),
        session_id=int_or_none(v("SESSION_ID")),
        quantum_resistant=(v("QR") == "QR" or bool(v("QR_LINE"))) if encr_line else None,
        pqc_kex=_pqc_kex(v("PQC_KEX"), v("AKE_GROUP")),
        quantum_safe=tuple(v("QUANTUM_SAFE") or ()),
        vrf_truncated=truncated,
    )


def sa_problems(sa: SaRecord) -> list[ParseWarning]:
    """Record-level warnings for one SA: an unknown state, or lines an SA always has missing.

    The detailed form is recognised by its ``Status Description`` / ``Local id`` lines: with
    them, an SA without ``Initiator of SA`` was cut short (the brief form has none of the three).
    """
    name = f"tunnel {sa.tunnel_id} ({sa.remote_address})"
    found: list[ParseWarning] = []
    if sa.status is not None and sa.status not in SA_STATES:
        found.append(ParseWarning(f"{name}: unknown SA status {sa.status!r} (kept as printed)"))
    if sa.dh_group is None:
        found.append(ParseWarning(f"{name}: no 'Encr:' line read (output cut?)"))
    detailed = sa.status_description is not None or sa.local_id is not None
    if detailed and sa.initiator is None:
        found.append(ParseWarning(f"{name}: no 'Initiator of SA' line read (output cut?)"))
    return found


def sa_rows(header: Sequence[str], rows: Rows) -> tuple[list[Any], list[ParseWarning]]:
    """`show crypto ikev2 sa [detailed]` rows -> SaRecord records."""
    cols = columns(header)
    records: list[Any] = []
    warnings: list[ParseWarning] = []
    for row in rows:
        values = {name: row[index] for name, index in cols.items()}
        if not values["TUNNEL_ID"]:
            if any(v for k, v in values.items() if k != "UNPARSED"):
                warnings.append(
                    ParseWarning("SA detail lines without a tunnel row ignored (output cut?)")
                )
            continue
        sa = sa_record(values.get)
        records.append(sa)
        warnings.extend(sa_problems(sa))
    return records, warnings


_UPTIME_UNITS = {"year": 31536000, "week": 604800, "day": 86400, "hour": 3600, "minute": 60}
_UPTIME_PART = re.compile(r"(\d+)\s+(year|week|day|hour|minute)s?")


def uptime_seconds(text: str) -> int | None:
    """``"2 weeks, 3 days, 4 hours, 12 minutes"`` -> seconds (IOS counts a year as 365 days)."""
    parts = _UPTIME_PART.findall(text)
    return sum(int(n) * _UPTIME_UNITS[unit] for n, unit in parts) if parts else None


# How `show version` betrays IOS-XE when no `Cisco IOS XE Software` line says so: the software
# name on the IOS line (`IOS-XE Software`, `Virtual XE Software`) or an image of IOSd on Linux.
_XE_SOFTWARE = re.compile(r"\bXE\b|IOS-XE", re.IGNORECASE)
_XE_IMAGE = re.compile(r"IOSXE|LINUX_IOSD", re.IGNORECASE)


def _os_family(xe_version: str, software: str, image_id: str) -> str:
    """``IOS-XE`` or ``IOS`` (IOS-XE 3.x prints only `IOS XE Version:` and an IOSd image)."""
    if xe_version or _XE_SOFTWARE.search(software) or _XE_IMAGE.search(image_id):
        return "IOS-XE"
    return "IOS"


def version_rows(header: Sequence[str], rows: Rows) -> tuple[list[Any], list[ParseWarning]]:
    """`show version` -> one VersionRecord (none, with a warning, if nothing was recognised)."""
    cols = columns(header)
    records: list[Any] = []
    for row in rows:
        v = {name: row[index] for name, index in cols.items()}
        if not v["HOSTNAME"] and not v["VERSION"]:
            continue
        records.append(
            VersionRecord(
                hostname=str_or_none(v["HOSTNAME"]),
                os=_os_family(v["XE_VERSION"], v["SOFTWARE"], v["IMAGE_ID"]),
                version=str_or_none(v["VERSION"]),
                image_id=str_or_none(v["IMAGE_ID"]),
                uptime=str_or_none(v["UPTIME"]),
                uptime_seconds=uptime_seconds(v["UPTIME"]),
                image=str_or_none(v["IMAGE"]),
                reload_reason=str_or_none(v["RELOAD_REASON"]),
                model=str_or_none(v["MODEL"]),
                serial=str_or_none(v["SERIAL"]),
                config_register=str_or_none(v["CONFIG_REGISTER"]),
                router_mode=str_or_none(v["ROUTER_MODE"]),
            )
        )
    if not records:
        return [], [ParseWarning("no 'show version' facts found (no '<host> uptime is' line)")]
    return records, []
