"""`show crypto ipsec sa` -> IpsecSaFlow records: one per flow (traffic selectors and peer) of an
interface, with the IPsec SAs IOS lists under it.

The records keep IOS's words (``esp-aes esp-sha256-hmac``, ``Transport``, ``ACTIVE(ACTIVE)``,
``group14``); counters and MTUs are ints, SPIs the hex IOS prints (``0x6BC98540``), the ``PFS
(Y/N)`` flag a bool. A flow with no SA yet (``current outbound spi: 0x0(0)``, empty SA headings)
is a record with no ``sas``: that is what a configured but idle crypto map entry shows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from flexorch.parse.normalize import Rows, ake_algorithms, columns, int_or_none, str_or_none
from flexorch.parse.records import JsonRecord, ParseWarning

_HEADING = re.compile(r"^(in|out)bound\s+(esp|ah|pcp)\s+sas:$")
_SPI = re.compile(r"^spi:\s+(\S.*)$")
_HEX = re.compile(r"^(0x[0-9A-Fa-f]+)")
_SETTINGS = re.compile(r"^in\s+use\s+settings\s*=\s*\{(.*?)\}?$")
_FLAGS = {"Y": True, "N": False}


@dataclass(frozen=True, slots=True, kw_only=True)
class IpsecSa(JsonRecord):
    """One SA of a flow: its direction (``inbound``/``outbound``), protocol (``esp``, ``ah``,
    ``pcp``), SPI, transforms, the ``in use settings`` words (``Tunnel``, ``Transport``,
    ``Tunnel UDP-Encaps``) and status (``ACTIVE(ACTIVE)``, ``ACTIVE``)."""

    direction: str | None = None
    protocol: str | None = None
    spi: str | None = None
    transform: str | None = None
    settings: str | None = None
    status: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class IpsecSaFlow(JsonRecord):
    """One ``protected vrf:`` block of `show crypto ipsec sa`.

    ``local_ident`` / ``remote_ident`` are the selectors as printed inside the parentheses
    (``10.0.0.12/255.255.255.255/47/0``: address/mask/protocol/port); ``protected_vrf`` is
    ``none`` for ``(none)``; ``crypto_map`` is the tag (``Tunnel0-head-0`` for tunnel protection).
    ``pqc_kex`` is what post-quantum builds add to the PFS line: ``PQC Key Exchange:
    ML-KEM-1024`` gives ``ML-KEM-1024``, the earlier ``AKE group: AKE1: MLKEM512`` gives
    ``MLKEM512`` (the ``AKEn:`` index dropped, as in the SA records); ``ipsecv6_policy`` names
    the OSPFv3 IPsec policy of an IPv6 flow. ``pkts_tagged_send``, ``pkts_untagged_rcv``,
    ``pkts_not_tagged_send`` and ``pkts_not_untagged_rcv`` are the TrustSec SGT inline-tagging
    counters newer IOS-XE builds print (``#pkts tagged (send): 0, #pkts untagged (rcv): 0`` and
    the ``not`` line); None where the release prints the older ``#send errors`` block instead.
    """

    _nested: ClassVar[dict[str, type[JsonRecord]]] = {"sas": IpsecSa}

    interface: str | None = None
    crypto_map: str | None = None
    local_address: str | None = None
    protected_vrf: str | None = None
    local_ident: str | None = None
    remote_ident: str | None = None
    peer: str | None = None
    peer_port: int | None = None
    pkts_encaps: int | None = None
    pkts_encrypt: int | None = None
    pkts_digest: int | None = None
    pkts_decaps: int | None = None
    pkts_decrypt: int | None = None
    pkts_verify: int | None = None
    send_errors: int | None = None
    recv_errors: int | None = None
    pkts_tagged_send: int | None = None
    pkts_untagged_rcv: int | None = None
    pkts_not_tagged_send: int | None = None
    pkts_not_untagged_rcv: int | None = None
    local_endpoint: str | None = None
    remote_endpoint: str | None = None
    plaintext_mtu: int | None = None
    path_mtu: int | None = None
    ip_mtu: int | None = None
    ip_mtu_idb: str | None = None
    outbound_spi: str | None = None
    pfs: bool | None = None
    dh_group: str | None = None
    pqc_kex: str | None = None
    ipsecv6_policy: str | None = None
    sas: tuple[IpsecSa, ...] = ()


def _sas(lines: Sequence[str]) -> tuple[IpsecSa, ...]:
    """The SA lines of one flow, in order, -> its SAs (each SPI under the heading above it)."""
    out: list[dict[str, str | None]] = []
    direction = protocol = None
    for raw in lines:
        line = " ".join(raw.split()).rstrip(" ,")
        heading = _HEADING.match(line)
        if heading:
            direction, protocol = f"{heading.group(1)}bound", heading.group(2)
            continue
        spi = _SPI.match(line)
        if spi:
            # `spi: [Not Available]` (IPv6 flows of some IOS-XE builds): the SA is there, its
            # SPI is not shown.
            hexa = _HEX.match(spi.group(1))
            out.append({"direction": direction, "protocol": protocol,
                        "spi": hexa.group(1) if hexa else None})
        elif out and line.startswith("transform:"):
            out[-1]["transform"] = line.split(":", 1)[1].strip() or None
        elif out and (settings := _SETTINGS.match(line)):
            out[-1]["settings"] = " ".join(settings.group(1).replace(",", " ").split()) or None
        elif out and line.startswith("Status:"):
            out[-1]["status"] = line.split(":", 1)[1].strip() or None
    return tuple(IpsecSa(**sa) for sa in out)


def ipsec_sa_rows(header: Sequence[str], rows: Rows) -> tuple[list[Any], list[ParseWarning]]:
    """`show crypto ipsec sa` rows -> IpsecSaFlow records (rows holding only the filled-down
    interface, i.e. the interface line before its first flow, are not flows)."""
    cols = columns(header)
    records: list[Any] = []
    for row in rows:
        v = {name: row[i] for name, i in cols.items()}
        if not (v["PEER"] or v["LOCAL_IDENT"] or v["PROTECTED_VRF"]):
            continue
        records.append(IpsecSaFlow(
            interface=str_or_none(v["INTERFACE"]),
            crypto_map=str_or_none(v["CRYPTO_MAP"]),
            local_address=str_or_none(v["LOCAL_ADDRESS"]),
            protected_vrf=str_or_none(v["PROTECTED_VRF"]),
            local_ident=str_or_none(v["LOCAL_IDENT"]),
            remote_ident=str_or_none(v["REMOTE_IDENT"]),
            peer=str_or_none(v["PEER"]),
            peer_port=int_or_none(v["PEER_PORT"]),
            pkts_encaps=int_or_none(v["ENCAPS"]),
            pkts_encrypt=int_or_none(v["ENCRYPT"]),
            pkts_digest=int_or_none(v["DIGEST"]),
            pkts_decaps=int_or_none(v["DECAPS"]),
            pkts_decrypt=int_or_none(v["DECRYPT"]),
            pkts_verify=int_or_none(v["VERIFY"]),
            send_errors=int_or_none(v["SEND_ERRORS"]),
            recv_errors=int_or_none(v["RECV_ERRORS"]),
            pkts_tagged_send=int_or_none(v["TAGGED_SEND"]),
            pkts_untagged_rcv=int_or_none(v["UNTAGGED_RCV"]),
            pkts_not_tagged_send=int_or_none(v["NOT_TAGGED_SEND"]),
            pkts_not_untagged_rcv=int_or_none(v["NOT_UNTAGGED_RCV"]),
            local_endpoint=str_or_none(v["LOCAL_ENDPOINT"]),
            remote_endpoint=str_or_none(v["REMOTE_ENDPOINT"]),
            plaintext_mtu=int_or_none(v["PLAINTEXT_MTU"]),
            path_mtu=int_or_none(v["PATH_MTU"]),
            ip_mtu=int_or_none(v["IP_MTU"]),
            ip_mtu_idb=str_or_none(v["IP_MTU_IDB"]),
            outbound_spi=str_or_none(v["OUTBOUND_SPI"]),
            pfs=_FLAGS.get(v["PFS"] or ""),
            dh_group=str_or_none(v["DH_GROUP"]),
            pqc_kex=ake_algorithms(v["PQC_KEX"]),
            ipsecv6_policy=str_or_none(v["IPSECV6_POLICY"]),
            sas=_sas(v["SA_LINES"]),
        ))
    return records, []
