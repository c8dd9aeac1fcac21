"""Records -> the text IOS-XE 17 prints for them: how the lab answers ``show crypto ...``.

Lab code (the product only reads show output, never writes it); the parser round-trip property
tests use it too (tests/parse/test_properties.py: records -> this text -> TextFSM -> records).

Layout facts come from the real outputs in tests/fixtures/parsers (origins in their .yml):
- section headers ``" IPv4 Crypto IKEv2  SA"`` (leading space, two spaces before ``SA``);
- IPv4 rows in fixed columns (10/22/22/21 characters), fvrf/ivrf cut to 18 characters;
- IPv6 rows in the newer layout: ``Tunnel-id    fvrf/ivrf    Status`` then ``Local``/``Remote``;
- detail lines indented 6 spaces, two-column lines with the right column at position 40;
- the IOS-XE 17 line order of the detailed block (e.g. ``IETF Std Fragmentation MTU in use``
  after ``Dynamic Route Update``, ``PEER TYPE`` after ``Initiator of SA``).

A line whose fields are all None is left out (that is how a record without, say, DPD data
round-trips); a line with some fields None prints 0 / ``Unknown`` for the missing ones.
"""

from __future__ import annotations

from collections.abc import Iterable

from flexorch.parse.records import (
    VRF_COLUMN_WIDTH,
    CryptoSession,
    Ikev2Session,
    IpsecFlow,
    SaRecord,
)

IPV4_SECTION = " IPv4 Crypto IKEv2  SA"
IPV6_SECTION = " IPv6 Crypto IKEv2  SA"
IPV4_HEADER = "Tunnel-id Local                 Remote                fvrf/ivrf            Status"
IPV6_HEADER = "Tunnel-id    fvrf/ivrf              Status"
_IND = "      "  # detail lines are indented six spaces

_FRAGMENTATION_LINE = {
    "none": "Fragmentation not  configured.",
    "ietf": "IETF Std Fragmentation  enabled.",
    # No public output shows the Cisco-proprietary wording; this mirrors the IETF line.
    "cisco": "Cisco Fragmentation  enabled.",
}
_FRAGMENTATION_MTU_PREFIX = {"ietf": "IETF Std", "cisco": "Cisco", "none": "IETF Std"}
_NAT_T_LINE = {
    "not-detected": "NAT-T is not detected",
    "inside": "NAT-T is detected inside",
    "outside": "NAT-T is detected  outside",  # two spaces, as IOS-XE prints it
}


def _n(value: int | None) -> int:
    return 0 if value is None else value


def _s(value: str | None) -> str:
    return "Unknown" if value is None else value


def _a(value: str | None) -> str:
    """An algorithm column: IOS prints ``Unknown - 0`` while the SA is still negotiating."""
    return "Unknown - 0" if value is None else value


def _two_columns(left: str, right: str) -> str:
    # IOS pads the left half to 34 characters, so the right half starts at column 40.
    return f"{_IND}{left:<34}{right}"


def _vrf_column(sa: SaRecord) -> str:
    return f"{sa.fvrf or 'none'}/{sa.ivrf or 'none'}"[:VRF_COLUMN_WIDTH]


def _endpoint(address: str | None, port: int | None) -> str:
    return f"{_s(address)}/{_n(port)}"


def _row_lines(sa: SaRecord) -> list[str]:
    """The header and row(s) that open an SA block, in the layout of its address family."""
    tid = "" if sa.tunnel_id is None else str(sa.tunnel_id)
    status = sa.status or "UNKNOWN"
    if sa.is_ipv6:
        return [
            IPV6_HEADER,
            f"{tid:<10} {_vrf_column(sa):<21} {status}",
            f"Local  {_endpoint(sa.local_address, sa.local_port)}",
            f"Remote  {_endpoint(sa.remote_address, sa.remote_port)}",
        ]
    # Widths 10/22/22/21 written as width-1 plus a space: identical output for normal values,
    # and a too-long value still leaves a separator (IOS lets such columns drift).
    local = _endpoint(sa.local_address, sa.local_port)
    remote = _endpoint(sa.remote_address, sa.remote_port)
    return [IPV4_HEADER, f"{tid:<9} {local:<21} {remote:<21} {_vrf_column(sa):<20} {status}"]


def _encr_line(sa: SaRecord) -> str | None:
    parts = (sa.encryption, sa.keysize, sa.prf, sa.hash, sa.dh_group, sa.auth_sign, sa.auth_verify)
    if all(p is None for p in parts):
        return None
    keysize = f", keysize: {sa.keysize}" if sa.keysize is not None else ""
    qr = ", QR" if sa.quantum_resistant else ""
    return (
        f"{_IND}Encr: {_a(sa.encryption)}{keysize}, PRF: {_a(sa.prf)}, Hash: {_a(sa.hash)}, "
        f"DH Grp:{_n(sa.dh_group)}, Auth sign: {_a(sa.auth_sign)}, "
        f"Auth verify: {_a(sa.auth_verify)}{qr}"
    )


def _summary_lines(sa: SaRecord) -> list[str]:
    """Row, Encr, PQC and Life lines: everything `show crypto ikev2 sa` prints for one SA."""
    lines = _row_lines(sa)
    encr = _encr_line(sa)
    if encr is not None:
        lines.append(encr)
    if sa.pqc_kex is not None:
        lines.append(f"{_IND}PQC Key Exchange: {sa.pqc_kex}")
    if sa.life_time is not None or sa.active_time is not None:
        lines.append(f"{_IND}Life/Active Time: {_n(sa.life_time)}/{_n(sa.active_time)} sec")
    return lines


def _detail_head(sa: SaRecord) -> list[str]:
    """Detailed lines from ``CE id`` to ``DPD configured``."""
    out: list[str] = []
    add = out.append
    if sa.ce_id is not None or sa.session_id is not None:
        add(f"{_IND}CE id: {_n(sa.ce_id)}, Session-id: {_n(sa.session_id)}")
    if sa.local_spi is not None or sa.remote_spi is not None:
        add(_two_columns(f"Local spi: {_s(sa.local_spi)}", f"Remote spi: {_s(sa.remote_spi)}"))
    if sa.status_description is not None:
        add(f"{_IND}Status Description: {sa.status_description}")
    if sa.local_id is not None:
        add(f"{_IND}Local id: {sa.local_id}")
    if sa.remote_id is not None:
        add(f"{_IND}Remote id: {sa.remote_id}")
    if sa.remote_eap_id is not None:
        add(f"{_IND}Remote EAP id: {sa.remote_eap_id}")
    # Message-id counters are not part of the record; a settled SA shows them at zero.
    add(_two_columns("Local req msg id:  0", "Remote req msg id:  0"))
    add(_two_columns("Local next msg id: 0", "Remote next msg id: 0"))
    add(_two_columns("Local req queued:  0", "Remote req queued:  0"))
    if sa.local_window is not None or sa.remote_window is not None:
        add(
            _two_columns(
                f"Local window:      {_n(sa.local_window)}",
                f"Remote window:      {_n(sa.remote_window)}",
            )
        )
    if sa.dpd_interval is not None or sa.dpd_retry is not None:
        add(f"{_IND}DPD configured for {_n(sa.dpd_interval)} seconds, retry {_n(sa.dpd_retry)}")
    return out


def _detail_tail(sa: SaRecord) -> list[str]:
    """Detailed lines from the fragmentation line to the end of the block, IOS-XE 17 order."""
    out: list[str] = []
    add = out.append
    if sa.fragmentation is not None:
        add(_IND + _FRAGMENTATION_LINE[sa.fragmentation])
    out.extend(f"{_IND}Quantum-safe Encryption using {q}" for q in sa.quantum_safe)
    if sa.dynamic_route_update is not None:
        add(f"{_IND}Dynamic Route Update: {sa.dynamic_route_update}")
    if sa.fragmentation_mtu is not None:
        prefix = _FRAGMENTATION_MTU_PREFIX[sa.fragmentation or "ietf"]
        add(f"{_IND}{prefix} Fragmentation MTU in use: {sa.fragmentation_mtu} bytes.")
    add(f"{_IND}Extended Authentication not configured.")
    if sa.nat_t is not None:
        add(_IND + _NAT_T_LINE[sa.nat_t])
    if sa.sgt is not None:
        add(f"{_IND}Cisco Trust Security SGT is {sa.sgt}")
    if sa.assigned_host_addr is not None:
        add(f"{_IND}Assigned host addr: {sa.assigned_host_addr}")
    if sa.initiator is not None:
        add(f"{_IND}Initiator of SA : {'Yes' if sa.initiator else 'No'}")
    if sa.peer_type is not None:
        add(f"{_IND}PEER TYPE: {sa.peer_type}")
    if sa.pushed_ip is not None:
        add(f"{_IND}Pushed IP address: {sa.pushed_ip}")
    if sa.remote_subnets:
        add(f"{_IND}Remote subnets:")
        out.extend(f"{_IND}{subnet}" for subnet in sa.remote_subnets)
    return out


def _sections(records: Iterable[SaRecord], detailed: bool) -> str:
    v4: list[str] = []
    v6: list[str] = []
    for sa in records:
        block = _summary_lines(sa)
        if detailed:
            block += _detail_head(sa) + _detail_tail(sa)
        block.append("")  # IOS closes every SA block with an empty line
        (v6 if sa.is_ipv6 else v4).extend(block)
    lines = [IPV4_SECTION, "", *v4, IPV6_SECTION, "", *v6]
    return "\n".join(lines) + "\n"


def format_ikev2_sa_detailed(records: Iterable[SaRecord]) -> str:
    """`show crypto ikev2 sa detailed` as IOS-XE 17 prints it for these SAs.

    IPv4 SAs first (old row layout), then IPv6 SAs (new layout), each section headed like IOS.
    """
    return _sections(records, detailed=True)


def format_ikev2_sa(records: Iterable[SaRecord]) -> str:
    """`show crypto ikev2 sa` (row, Encr, PQC and Life lines per SA) as IOS-XE 17 prints it."""
    return _sections(records, detailed=False)


def format_ikev2_session(sessions: Iterable[Ikev2Session]) -> str:
    """`show crypto ikev2 session` as IOS prints it: per session a ``Session-id:`` line, its IKE
    SAs in the `show crypto ikev2 sa` form, then its child SAs; IPv6 sessions (by their first
    SA) in the IPv6 section."""
    v4: list[str] = []
    v6: list[str] = []
    for session in sessions:
        block = [
            f"Session-id:{_n(session.session_id)}, Status:{session.status or 'UP-ACTIVE'}, "
            f"IKE count:{_n(session.ike_count)}, CHILD count:{_n(session.child_count)}",
            "",
        ]
        for sa in session.ike_sas:
            block += _summary_lines(sa)
        for child in session.child_sas:
            block += [
                f"Child sa: local selector  {_s(child.local_selector)}",
                f"          remote selector {_s(child.remote_selector)}",
                f"          ESP spi in/out: {_s(child.spi_in)}/{_s(child.spi_out)}",
            ]
        block.append("")
        ipv6 = bool(session.ike_sas) and session.ike_sas[0].is_ipv6
        (v6 if ipv6 else v4).extend(block)
    # Real captures end right after an empty IPv6 header (no blank line, unlike the SA form).
    lines = [" IPv4 Crypto IKEv2 Session", "", *v4, " IPv6 Crypto IKEv2 Session"]
    lines += ["", *v6] if v6 else []
    return "\n".join(lines) + "\n"


# --- show crypto session [detail] ------------------------------------------------------------

SESSION_TITLE = "Crypto session current status"
# The legend `show crypto session detail` prints, trailing spaces included (IOS-XE 16/17).
SESSION_LEGEND = (
    "Code: C - IKE Configuration mode, D - Dead Peer Detection    ",
    "K - Keepalives, N - NAT-traversal, T - cTCP encapsulation    ",
    "X - IKE Extended Authentication, F - IKE Fragmentation",
    "R - IKE Auto Reconnect, U - IKE Dynamic Route Update",
    "S - SIP VPN",
)


def _none(value: str | None) -> str:
    """IOS prints ``(none)`` for an empty phase-1 id or description."""
    return "(none)" if value is None else str(value)


def _vrf(value: str | None) -> str:
    """IOS prints ``(none)`` for the global table, which records hold as ``"none"``."""
    return "(none)" if value in (None, "none") else str(value)


def _flow_lines(flow: IpsecFlow, detail: bool) -> list[str]:
    lines = [f"  IPSEC FLOW: {_s(flow.flow)}"]
    if flow.active_sas is not None or flow.origin is not None:
        lines.append(
            f"        Active SAs: {_n(flow.active_sas)}, origin: {flow.origin or 'crypto map'}"
        )
    if detail and flow.inbound_packets is not None:
        lines.append(
            f"        Inbound:  #pkts dec'ed {flow.inbound_packets} drop {_n(flow.inbound_drops)} "
            f"life (KB/Sec) {_n(flow.inbound_life_kb)}/{_n(flow.inbound_life_sec)}"
        )
    if detail and flow.outbound_packets is not None:
        lines.append(
            f"        Outbound: #pkts enc'ed {flow.outbound_packets} drop {_n(flow.outbound_drops)}"
            f" life (KB/Sec) {_n(flow.outbound_life_kb)}/{_n(flow.outbound_life_sec)}"
        )
    return lines


def _session_lines(session: CryptoSession, detail: bool) -> list[str]:
    lines = [f"Interface: {_s(session.interface)}"]
    if session.profile is not None:
        lines.append(f"Profile: {session.profile}")
    if session.uptime is not None and detail:
        lines.append(f"Uptime: {session.uptime}")
    # IOS pads the status to 13 characters (``UP-ACTIVE`` is followed by four spaces).
    lines.append(f"Session status: {session.status or 'DOWN':<13}")
    peer = f"Peer: {_s(session.peer)} port {_n(session.peer_port)}"
    if detail:
        lines.append(f"{peer} fvrf: {_vrf(session.fvrf)} ivrf: {_vrf(session.ivrf)}")
        lines.append(f"      Phase1_id: {_none(session.phase1_id)}")
        lines.append(f"      Desc: {_none(session.desc)}")
    else:
        lines.append(peer)
    for sa in session.ike_sas:
        if sa.session_id is not None:
            lines.append(f"  Session ID: {sa.session_id} ")
        lines.append(
            f"  {sa.version or 'IKEv2'} SA: local {_endpoint(sa.local_address, sa.local_port)} "
            f"remote {_endpoint(sa.remote_address, sa.remote_port)} {sa.state or 'Active'}"
        )
        if detail:
            lines.append(
                f"          Capabilities:{sa.capabilities or '(none)'} connid:{_n(sa.connid)} "
                f"lifetime:{sa.lifetime or '0'}"
            )
    for flow in session.flows:
        lines.extend(_flow_lines(flow, detail))
    return lines


def format_crypto_session(sessions: Iterable[CryptoSession]) -> str:
    """`show crypto session` (no legend, ``Peer: A port N``, no counters) as IOS-XE prints it."""
    lines = [SESSION_TITLE, ""]
    for session in sessions:
        lines += [*_session_lines(session, detail=False), ""]
    return "\n".join(lines) + "\n"


def format_crypto_session_detail(sessions: Iterable[CryptoSession]) -> str:
    """`show crypto session detail` (legend, VRFs, phase-1 id, capabilities, counters)."""
    lines = [SESSION_TITLE, " ", *SESSION_LEGEND, " "]
    for session in sessions:
        lines += [*_session_lines(session, detail=True), " "]
    return "\n".join(lines) + "\n"
