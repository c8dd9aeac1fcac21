"""Command resolution, template caching, warnings with line numbers, and the two third-party entry
points the index must serve: textfsm.clitable and netmiko's TextFSM path (NET_TEXTFSM)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from netmiko.utilities import get_structured_data_textfsm
from textfsm import clitable

from flexorch.errors import EXIT_BAD_INPUT, BadInputError
from flexorch.parse import runner
from flexorch.parse.runner import parse_output, parsers_dir, template_for

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "parsers"
XE17_V6 = FIXTURES / "show_crypto_ikev2_sa_detailed" / "iosxe17_ipv6_new_layout_pqc.raw"
DETAILED = "cisco_ios_show_crypto_ikev2_sa_detailed.textfsm"
SESSION = "cisco_ios_show_crypto_session.textfsm"
IKEV2_SESSION = "cisco_ios_show_crypto_ikev2_session.textfsm"
IPSEC_SA = "cisco_ios_show_crypto_ipsec_sa.textfsm"


@pytest.mark.parametrize(
    ("command", "template"),
    [
        ("show crypto ikev2 sa detailed", DETAILED),
        ("show crypto ikev2 sa detail", DETAILED),
        ("sh cry ikev2 sa det", DETAILED),
        ("  SHOW   Crypto IKEv2 SA   Detailed ", DETAILED),
        # the brief forms print a subset of the detailed lines: one template serves both
        ("show crypto ikev2 sa", DETAILED),
        ("sh cry ik sa", DETAILED),
        ("show crypto session detail", SESSION),
        ("sh crypto sess det", SESSION),
        ("show crypto session", SESSION),
        ("show crypto ikev2 session", IKEV2_SESSION),
        ("sh cry ikev2 sess detailed", IKEV2_SESSION),
        ("show crypto ikev2 proposal", "cisco_ios_show_crypto_ikev2_proposal.textfsm"),
        ("sh cry ikev2 prop default", "cisco_ios_show_crypto_ikev2_proposal.textfsm"),
        ("show crypto ikev2 policy default", "cisco_ios_show_crypto_ikev2_policy.textfsm"),
        ("show crypto ikev2 profile", "cisco_ios_show_crypto_ikev2_profile.textfsm"),
        ("sh cry ik prof FLEX", "cisco_ios_show_crypto_ikev2_profile.textfsm"),
        ("sh cry ik prop", "cisco_ios_show_crypto_ikev2_proposal.textfsm"),
        ("show crypto ipsec transform-set", "cisco_ios_show_crypto_ipsec_transform_set.textfsm"),
        ("sh cry ipsec trans default", "cisco_ios_show_crypto_ipsec_transform_set.textfsm"),
        ("show crypto ipsec profile VTI", "cisco_ios_show_crypto_ipsec_profile.textfsm"),
        ("sh ver", "cisco_ios_show_version.textfsm"),
        # filters print the same lines (genieparser captures in tests/fixtures/real/genie-*)
        ("show crypto ikev2 sa remote 17.27.1.11 detail", DETAILED),
        ("show crypto ikev2 sa local 4.4.4.1", DETAILED),
        ("sh cry ik sa fvrf INET ivrf CORP det", DETAILED),
        ("show crypto session interface Tunnel2 detail", SESSION),
        ("show crypto session remote 17.27.1.11 detail", SESSION),
        ("show crypto session local 4.4.4.1 port 500", SESSION),
        ("show crypto ipsec sa ipv6 detailed", IPSEC_SA),
        ("show crypto ipsec sa ipv6", IPSEC_SA),
        ("show crypto ipsec sa ipv6 interface Tunnel2002 detail", IPSEC_SA),
        ("show crypto ipsec sa peer 17.0.1.1 detail", IPSEC_SA),
        # an interface as type and number apart (tests/fixtures/real/gh-dchirkov-hw14-ipsec-sa)
        ("show crypto ipsec sa interface tunnel 1", IPSEC_SA),
        ("show crypto session interface tunnel 1 detail", SESSION),
    ],
)
def test_command_resolution_with_abbreviations(command: str, template: str) -> None:
    assert template_for(command) == template


@pytest.mark.parametrize(
    "command",
    [
        "show ip route",
        "show crypto ikev2 sa detailedx",
        "show crypto",
        "",
        "s",
        # a filter keyword without its value, and the table form no template reads
        "show crypto ikev2 sa remote",
        "show crypto session brief",
        "show crypto ipsec sa interface tunnel x",
    ],
)
def test_unknown_command_is_bad_input_naming_it(command: str) -> None:
    with pytest.raises(BadInputError) as info:
        parse_output(command, "anything")
    assert info.value.exit_code == EXIT_BAD_INPUT
    assert repr(command.strip()) in str(info.value)
    assert "show crypto ikev2 sa detailed" in str(info.value)  # lists what is supported


def test_template_is_compiled_once_per_process() -> None:
    parse_output("show crypto ikev2 sa detailed", XE17_V6.read_text())
    first = runner._compiled[DETAILED][1]
    parse_output("sh cry ikev2 sa det", XE17_V6.read_text())
    assert runner._compiled[DETAILED][1] is first


def test_parallel_parses_do_not_mix_state() -> None:
    text = XE17_V6.read_text()
    expected = [
        r.remote_address for r in parse_output("show crypto ikev2 sa detailed", text).records
    ]
    failures: list[object] = []

    def work() -> None:
        for _ in range(20):
            got = parse_output("show crypto ikev2 sa detailed", text).records
            if [r.remote_address for r in got] != expected:
                failures.append(got)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert expected == ["2001:DB8:1201::122", "2001:DB8:1202::123"]
    assert not failures


def test_crlf_output_parses_and_keeps_line_numbers() -> None:
    text = XE17_V6.read_text().replace("\n", "\r\n")
    text = text.replace("      NAT-T is not detected\r\n", "      NAT-T is maybe\r\n", 1)
    result = parse_output("show crypto ikev2 sa detailed", text)
    assert [r.tunnel_id for r in result.records] == [1, 2]
    assert result.records[0].nat_t is None
    assert result.records[1].nat_t == "not-detected"
    assert [(w.line, w.text) for w in result.warnings] == [(26, "      NAT-T is maybe")]


def test_repeated_identical_bad_lines_get_their_own_numbers() -> None:
    text = "junk\n IPv4 Crypto IKEv2  SA\n\njunk\njunk\n"
    result = parse_output("show crypto ikev2 sa detailed", text)
    assert result.records == []
    assert [w.line for w in result.warnings] == [1, 4, 5]


def test_detail_lines_before_any_row_are_flagged_not_invented() -> None:
    # Output cut at the top: the first SA's row is missing, its detail lines must not become a
    # record with made-up identity.
    lines = XE17_V6.read_text().splitlines()
    text = "\n".join(lines[8:])  # starts at the Encr line of SA 1
    result = parse_output("show crypto ikev2 sa detailed", text)
    assert [r.tunnel_id for r in result.records] == [2]
    assert any("without a tunnel row" in str(w) for w in result.warnings)


def test_clitable_uses_the_index_with_abbreviations() -> None:
    table = clitable.CliTable("index", str(parsers_dir()))
    table.ParseCmd(XE17_V6.read_text(), {"Command": "sh cry ikev2 sa det", "Platform": "cisco_ios"})
    rows = [dict(zip(table.header, row, strict=True)) for row in table]
    assert [row["TUNNEL_ID"] for row in rows] == ["1", "2"]
    assert rows[1]["REMOTE_ADDRESS"] == "2001:DB8:1202::123"


def test_netmiko_textfsm_path_with_net_textfsm(monkeypatch: pytest.MonkeyPatch) -> None:
    # send_command(use_textfsm=True) hands the output to this function with the device type and
    # the command as typed; NET_TEXTFSM points it at our parsers folder instead of ntc-templates.
    monkeypatch.setenv("NET_TEXTFSM", str(parsers_dir()))
    raw = (FIXTURES / "show_crypto_session_detail" / "ntc_ikev2_fvrf_inet.raw").read_text()
    for platform in ("cisco_ios", "cisco_xe"):  # netmiko retries cisco_xe as cisco_ios
        data = get_structured_data_textfsm(
            raw, platform=platform, command="show crypto session detail"
        )
        # one row per item (session, Session ID, IKE SA, flow), each opened by its own line
        assert isinstance(data, list)
        assert data[0]["interface"] == "Tunnel11"
        assert data[0]["fvrf"] == "INET"
        remotes = [row["ike_remote_address"] for row in data if row["ike_remote_address"]]
        assert remotes == ["21.61.95.23"]
        assert [row["inbound_packets"] for row in data if row["flow"]] == ["4033155813"]
