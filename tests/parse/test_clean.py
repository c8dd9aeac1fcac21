"""How output is cleaned before the templates see it (flexorch.parse.clean) and how lines cut in two
or three are joined back (flexorch.parse.rejoin), with line numbers kept."""

from __future__ import annotations

import doctest
from pathlib import Path

import flexorch.parse.clean
from flexorch.parse.clean import prepare
from flexorch.parse.runner import parse_output

ROW = "1         10.0.0.1/500          10.0.0.2/500          none/none            READY"
ENCR = (
    "      Encr: AES-CBC, keysize: 256, PRF: SHA256, Hash: SHA256, DH Grp:14, Auth sign: PSK, "
    "Auth verify: PSK"
)
SA = "show crypto ikev2 sa"


def test_doctests() -> None:
    assert doctest.testmod(flexorch.parse.clean).failed == 0


def test_prompts_pager_escapes_and_blanks_are_not_output() -> None:
    erase = "\x08" * 9 + " " * 9 + "\x08" * 9
    text = (
        "hub1(config)#do show crypto ikev2 sa\r\n"
        "\x1b[1mTunnel-id\x1b[0m Local\u00a0Remote\r\n"
        f" --More-- {erase}  Encr:\t x \r\n"
        "hub1>\r\n"
    )
    prepared = prepare(text)
    assert prepared.lines == ["Tunnel-id Local Remote", "  Encr:\t x"]
    assert prepared.numbers == [2, 3]


def test_console_log_messages_are_not_output() -> None:
    # The first as a real capture printed it between a command and its output
    # (tests/fixtures/real/gh-kva1n-otus-course-dmvpn-ipsec/SOURCES.md); the others as IOS prints
    # them with a sequence number and zone, with a year, with the clock not authoritative, or
    # without "service timestamps".
    logs = [
        "*Mar 14 17:42:26.316: %SYS-5-CONFIG_I: Configured from console by console",
        "000045: *Mar  1 00:01:02.345 UTC: %LINEPROTO-5-UPDOWN: Line protocol on Interface "
        "Tunnel0, changed state to up",
        "*Dec  5 2026 00:33:13.123 UTC: %CRYPTO-5-IKEV2_SESSION_STATUS: Crypto tunnel v2 is UP.",
        ".Mar  1 00:00:09: %SSH-5-ENABLED: SSH 1.99 has been enabled",
        "%LINK-3-UPDOWN: Interface Tunnel0, changed state to up",
    ]
    text = "\n".join([ROW, *logs, ENCR, "% Invalid input detected at '^' marker."])
    prepared = prepare(text)
    assert prepared.lines == [ROW, ENCR.rstrip(), "% Invalid input detected at '^' marker."]
    assert prepared.numbers == [1, 7, 8]
    result = parse_output(SA, "\n".join([ROW, logs[0], ENCR]))
    assert [r.dh_group for r in result.records] == [14]
    assert result.warnings == []


def test_exec_prompt_timestamp_lines_are_not_output() -> None:
    # The two lines "exec prompt timestamp" prints before an output (Cisco IOS Configuration
    # Fundamentals Command Reference), with the clock synchronised, not authoritative, or unset.
    stamps = [
        "Load for five secs: 3%/0%; one minute: 1%; five minutes: 1%",
        "Time source is NTP, 12:29:03.494 JST Wed Oct 11 2017",
        "Time source is NTP, .17:46:23.484 EST Mon Oct 31 2016",
        "No time source, *02:34:10.123 UTC Mon Mar  1 1993",
    ]
    result = parse_output(SA, "\n".join([*stamps, "", ROW, ENCR]))
    assert [(r.tunnel_id, r.auth_verify) for r in result.records] == [(1, "PSK")]
    assert result.warnings == []
    # a line that only starts like one is still reported
    odd = parse_output(SA, "\n".join(["Time source is whatever", ROW, ENCR]))
    unread = "line 1: line not understood: 'Time source is whatever'"
    assert [str(w) for w in odd.warnings] == [unread]


def test_a_line_cut_anywhere_by_a_terminal_is_joined() -> None:
    text = "\n".join([ROW, ENCR[:75], ENCR[75:], "      Life/Active Time: 86400/5 sec"])
    result = parse_output(SA, text)
    assert result.warnings == []
    [sa] = result.records
    assert (sa.encryption, sa.auth_verify, sa.life_time) == ("AES-CBC", "PSK", 86400)


def test_a_readable_line_cut_at_a_blank_takes_its_rest_only_when_it_was_long() -> None:
    # "...READY" cut after "none/none": the row without its status is unreadable, the status
    # alone too; joined with the blank that stood there they read.
    cut = ROW.rindex(" ")
    result = parse_output(SA, "\n".join([ROW[:cut], ROW[cut + 1 :], ENCR]))
    assert [(sa.tunnel_id, sa.status, sa.dh_group) for sa in result.records] == [(1, "READY", 14)]
    # A short readable line never takes the unreadable line after it: that line is reported.
    result = parse_output(SA, "\n".join([ROW, ENCR, "      PQC Key Exchange: ML-KEM-768", "Foo"]))
    assert result.records[0].pqc_kex == "ML-KEM-768"
    assert [(w.line, w.text) for w in result.warnings] == [(4, "Foo")]


def test_an_ios_continued_ipv6_entry_is_joined_and_numbered_as_its_first_line() -> None:
    text = (
        "Interface: Tunnel1\n"
        "Session status: UP-ACTIVE\n"
        "Peer: 2001:DB8::2 port 500\n"
        "  IKEv2 SA: local 2001:DB8::1/500\n"
        "          remote 2001:DB8::2/500 Active\n"
        "  IPSEC FLOW: permit ipv6 ::/0 ::/0\n"
        "  junk\n"
    )
    result = parse_output("show crypto session", text)
    [ike] = result.records[0].ike_sas
    assert (ike.local_address, ike.remote_address) == ("2001:DB8::1", "2001:DB8::2")
    assert ike.state == "Active"
    assert [(w.line, w.text) for w in result.warnings] == [(7, "  junk")]


def test_an_indented_unknown_line_after_a_long_readable_line_is_reported_not_glued() -> None:
    # A line a newer release adds after `#pkts encaps: ...` (73 characters) or after a long
    # `IPSEC FLOW:` line is a line of its own: glued on, the counter line became an uncounted
    # `#pkts ...` line (the counters lost) and the flow took it as part of its text, silently.
    # Real captures, one line added.
    real = Path(__file__).resolve().parents[1] / "fixtures" / "real"
    detail = real / "ntc-show-crypto-ipsec-sa-detail"
    raw = detail / "ntc-cisco-ios-1__show_crypto_ipsec_sa_detail.raw"
    lines = raw.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if "#pkts encaps:" in line) + 1
    assert len(lines[at - 1]) >= 72
    lines.insert(at, "    Some new counter line: 7")
    result = parse_output("show crypto ipsec sa detail", "\n".join(lines))
    assert (result.records[0].pkts_encaps, result.records[0].pkts_digest) == (4981028, 4981028)
    assert [(w.line, w.text) for w in result.warnings] == [(at + 1, "    Some new counter line: 7")]

    session = real / "doc-michaelbecze-strongswan-azure-iosxe" / "r1__show_crypto_session.raw"
    lines = session.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if "IPSEC FLOW:" in line) + 1
    assert len(lines[at - 1]) >= 72
    lines.insert(at, "        Some new flow detail: 1")
    result = parse_output("show crypto session", "\n".join(lines))
    flow = result.records[0].flows[0]
    assert flow.flow == "permit ip   192.168.200.0/255.255.255.0 10.250.1.0/255.255.255.0"
    assert [w.text for w in result.warnings] == ["        Some new flow detail: 1"]


def test_an_unindented_unknown_line_after_the_encaps_counters_is_reported_not_glued() -> None:
    # At column 0 the line could be a terminal's rest of the counter line, so the join is tried;
    # the joined line is not the encaps line IOS prints, so it must not pass as an uncounted
    # `#pkts` line (which lost the counters silently). Real capture, one line added.
    raw = (
        Path(__file__).resolve().parents[1] / "fixtures" / "real"
        / "ntc-show-crypto-ipsec-sa-detail" / "ntc-cisco-ios-1__show_crypto_ipsec_sa_detail.raw"
    )
    lines = raw.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if "#pkts encaps:" in line) + 1
    lines.insert(at, "Some new line: 7")
    result = parse_output("show crypto ipsec sa detail", "\n".join(lines))
    assert (result.records[0].pkts_encaps, result.records[0].pkts_digest) == (4981028, 4981028)
    assert [(w.line, w.text) for w in result.warnings] == [(at + 1, "Some new line: 7")]
