"""The lab's formatters (flexorch.lab.format) reproduce real IOS-XE text: records written by
hand from real outputs are formatted and compared with those outputs line by line (columns
included)."""

from __future__ import annotations

from pathlib import Path

import pytest

from flexorch.lab.format import (
    format_crypto_session,
    format_crypto_session_detail,
    format_ikev2_sa,
    format_ikev2_sa_detailed,
    format_ikev2_session,
)
from flexorch.parse import (
    ChildSa,
    CryptoSession,
    IkeSaSummary,
    Ikev2Session,
    IpsecFlow,
    SaRecord,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "parsers"

# SA 1 of iosxe17_ipv6_new_layout_pqc.raw, transcribed by hand.
XE17_V6 = SaRecord(
    tunnel_id=1,
    local_address="2001:DB8:1101::131",
    local_port=500,
    remote_address="2001:DB8:1201::122",
    remote_port=500,
    fvrf="none",
    ivrf="none",
    status="READY",
    encryption="AES-CBC",
    keysize=256,
    prf="SHA512",
    hash="SHA512",
    dh_group=21,
    auth_sign="PSK",
    auth_verify="PSK",
    quantum_resistant=False,
    pqc_kex="ML-KEM-1024",
    life_time=86400,
    active_time=219,
    ce_id=0,
    session_id=3,
    local_spi="4CF87E32B25302C0",
    remote_spi="96254131FD306002",
    status_description="Negotiation done",
    local_id="2001:DB8:1101::131",
    remote_id="2001:DB8:1201::122",
    local_window=20,
    remote_window=20,
    dpd_interval=0,
    dpd_retry=0,
    fragmentation="none",
    quantum_safe=("PQC: ML-KEM-1024",),
    dynamic_route_update="enabled",
    nat_t="not-detected",
    sgt="disabled",
    initiator=False,
    peer_type="IOS-XE",
)


def _without_msg_ids(lines: list[str]) -> list[str]:
    # The message-id counters are not part of the record; the formatter prints them at zero.
    return [line for line in lines if "msg id" not in line and "queued" not in line]


def test_detailed_ipv6_block_matches_real_iosxe17_output() -> None:
    raw = (
        FIXTURES / "show_crypto_ikev2_sa_detailed" / "iosxe17_ipv6_new_layout_pqc.raw"
    ).read_text()
    expected = raw.splitlines()[:30]  # both section headers and the whole first SA block
    produced = format_ikev2_sa_detailed([XE17_V6]).splitlines()
    assert _without_msg_ids(produced[:30]) == _without_msg_ids(expected)
    assert "      Local req msg id:  0              Remote req msg id:  0" in produced


def test_ipv4_row_columns_match_real_output() -> None:
    sa = SaRecord(
        tunnel_id=5,
        local_address="10.10.14.254",
        local_port=500,
        remote_address="10.50.52.126",
        remote_port=500,
        fvrf="none",
        ivrf="none",
        status="READY",
    )
    out = format_ikev2_sa_detailed([sa]).splitlines()
    assert out[:4] == [
        " IPv4 Crypto IKEv2  SA",
        "",
        "Tunnel-id Local                 Remote                fvrf/ivrf            Status",
        "5         10.10.14.254/500      10.50.52.126/500      none/none            READY",
    ]
    # SA blocks end with a blank line, then the (empty) IPv6 section.
    assert out[-3:] == ["", " IPv6 Crypto IKEv2  SA", ""]


def test_vrf_column_is_cut_at_18_characters_like_ios() -> None:
    sa = SaRecord(
        tunnel_id=2,
        local_address="192.0.2.1",
        local_port=4500,
        remote_address="198.51.100.7",
        remote_port=4500,
        fvrf="OUTSIDE_TWO",
        ivrf="OUTSIDE_TWO_INNER",
        status="IN-NEG",
    )
    row = format_ikev2_sa([sa]).splitlines()[3]
    assert row == (
        "2         192.0.2.1/4500        198.51.100.7/4500     OUTSIDE_TWO/OUTSID   IN-NEG"
    )


def test_fragmentation_nat_sgt_lines_in_iosxe17_order() -> None:
    sa = SaRecord(
        tunnel_id=1,
        local_address="203.0.113.100",
        local_port=4500,
        remote_address="162.159.135.1",
        remote_port=4500,
        fvrf="none",
        ivrf="none",
        status="READY",
        fragmentation="ietf",
        fragmentation_mtu=1372,
        quantum_safe=("PQC: ML-KEM-768",),
        dynamic_route_update="disabled",
        nat_t="outside",
        sgt="enabled",
        initiator=True,
        peer_type="Other",
        dpd_interval=10,
        dpd_retry=2,
    )
    lines = format_ikev2_sa_detailed([sa]).splitlines()
    start = lines.index("      DPD configured for 10 seconds, retry 2")
    assert lines[start : start + 10] == [
        "      DPD configured for 10 seconds, retry 2",
        "      IETF Std Fragmentation  enabled.",
        "      Quantum-safe Encryption using PQC: ML-KEM-768",
        "      Dynamic Route Update: disabled",
        "      IETF Std Fragmentation MTU in use: 1372 bytes.",
        "      Extended Authentication not configured.",
        "      NAT-T is detected  outside",
        "      Cisco Trust Security SGT is enabled",
        "      Initiator of SA : Yes",
        "      PEER TYPE: Other",
    ]


def test_brief_prints_only_row_encr_and_life() -> None:
    sa = SaRecord(
        tunnel_id=1,
        local_address="66.66.66.1",
        local_port=500,
        remote_address="66.66.66.2",
        remote_port=500,
        fvrf="none",
        ivrf="none",
        status="READY",
        encryption="AES-CBC",
        keysize=128,
        prf="SHA1",
        hash="SHA96",
        dh_group=16,
        auth_sign="PSK",
        auth_verify="PSK",
        life_time=86400,
        active_time=735,
        sgt="disabled",  # detail-only field: must not leak into the brief form
    )
    assert format_ikev2_sa([sa]).splitlines()[3:6] == [
        "1         66.66.66.1/500        66.66.66.2/500        none/none            READY",
        "      Encr: AES-CBC, keysize: 128, PRF: SHA1, Hash: SHA96, DH Grp:16, Auth sign: PSK, "
        "Auth verify: PSK",
        "      Life/Active Time: 86400/735 sec",
    ]
    assert "SGT" not in format_ikev2_sa([sa])


NTC_SESSION = CryptoSession(
    interface="Tunnel11",
    profile="IKEV2_PFL_AES_GCM256",
    uptime="11:12:24",
    status="UP-ACTIVE",
    peer="21.16.95.23",
    peer_port=4500,
    fvrf="INET",
    ivrf="none",
    phase1_id="10.25.20.2",
    desc=None,
    ike_sas=(
        IkeSaSummary(
            version="IKEv2",
            session_id=70,
            local_address="18.81.19.19",
            local_port=4500,
            remote_address="21.61.95.23",
            remote_port=4500,
            state="Active",
            capabilities="DN",
            connid=4,
            lifetime="12:47:36",
        ),
    ),
    flows=(
        IpsecFlow(
            flow="permit ip 0.0.0.0/0.0.0.0 0.0.0.0/0.0.0.0",
            active_sas=2,
            origin="crypto map",
            inbound_packets=4033155813,
            inbound_drops=33920,
            inbound_life_kb=4607363,
            inbound_life_sec=2513,
            outbound_packets=1326659675,
            outbound_drops=0,
            outbound_life_kb=4606628,
            outbound_life_sec=2513,
        ),
    ),
)


def test_session_detail_matches_real_output_byte_for_byte() -> None:
    raw = (FIXTURES / "show_crypto_session_detail" / "ntc_ikev2_fvrf_inet.raw").read_text()
    produced = format_crypto_session_detail([NTC_SESSION])
    # The real capture ends after the Outbound line; IOS then prints the " " separator line.
    assert produced == raw + " \n"


def test_session_brief_has_no_counters_and_no_vrfs() -> None:
    text = format_crypto_session([NTC_SESSION])
    assert text.splitlines()[:9] == [
        "Crypto session current status",
        "",
        "Interface: Tunnel11",
        "Profile: IKEV2_PFL_AES_GCM256",
        "Session status: UP-ACTIVE    ",
        "Peer: 21.16.95.23 port 4500",
        "  Session ID: 70 ",
        "  IKEv2 SA: local 18.81.19.19/4500 remote 21.61.95.23/4500 Active",
        "  IPSEC FLOW: permit ip 0.0.0.0/0.0.0.0 0.0.0.0/0.0.0.0",
    ]
    assert "Inbound" not in text
    assert "Capabilities" not in text


@pytest.mark.parametrize(
    ("state", "line"),
    [
        ("not-detected", "      NAT-T is not detected"),
        ("inside", "      NAT-T is detected inside"),
        ("outside", "      NAT-T is detected  outside"),
    ],
)
def test_nat_t_wording(state: str, line: str) -> None:
    sa = SaRecord(tunnel_id=1, local_address="192.0.2.1", remote_address="192.0.2.2", nat_t=state)  # type: ignore[arg-type]
    assert line in format_ikev2_sa_detailed([sa]).splitlines()


def test_ikev2_session_matches_real_output_byte_for_byte() -> None:
    raw = (FIXTURES / "show_crypto_ikev2_session" / "otus_lab_one_session.raw").read_text()
    session = Ikev2Session(
        session_id=2,
        status="UP-ACTIVE",
        ike_count=1,
        child_count=1,
        ike_sas=(
            SaRecord(
                tunnel_id=1,
                local_address="10.18.1.2",
                local_port=500,
                remote_address="10.19.3.2",
                remote_port=500,
                fvrf="none",
                ivrf="none",
                status="READY",
                encryption="AES-CBC",
                keysize=128,
                prf="MD5",
                hash="MD596",
                dh_group=2,
                auth_sign="PSK",
                auth_verify="PSK",
                life_time=86400,
                active_time=67,
            ),
        ),
        child_sas=(
            ChildSa(
                local_selector="10.18.1.2/0 - 10.18.1.2/65535",
                remote_selector="10.19.3.2/0 - 10.19.3.2/65535",
                spi_in="0x94BE9F9E",
                spi_out="0x86A797ED",
            ),
        ),
    )
    assert format_ikev2_session([session]) == raw
