"""Every configuration line of the FlexVPN guide is known to the grammar.

The fixture holds the guide's examples verbatim; the few lines where the guide is wrong about
IOS syntax are listed in ERRATA with the answer IOS gives (written by hand from the IOS command
syntax, not from the engine).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from flexorch.ios.config import ConfigSession, ConfigTree, show_running

FIXTURE = Path(__file__).parent / "fixtures" / "guide_examples.cfg"

# guide line -> (last line of IOS's answer, caret column in the typed line or None)
ERRATA: dict[str, tuple[str, int | None]] = {
    # IPv6 address given to "ip address" (IOS needs "ipv6 address 2001:DB8::1/112").
    "ip address 2001:DB8::1/112": ("% Invalid input detected at '^' marker.", 11),
    # "aaa accounting" needs a record type (start-stop | stop-only | none) before the group.
    "aaa accounting network acc_list_radius group radius_group":
        ("% Invalid input detected at '^' marker.", 39),
    # Line-wrap of "keyring aaa aaa_method_list name-mangler name_mangler".
    "name-mangler name_mangler": ("% Invalid input detected at '^' marker.", 0),
    # IOS syntax is "dpd <interval> <retry> {on-demand | periodic}".
    "dpd interval 10 periodic": ("% Invalid input detected at '^' marker.", 4),
    # The IKEv2 policy keyword is "match fvrf any".
    "match vrf any": ("% Invalid input detected at '^' marker.", 6),
    # The keepalive interval is required.
    "crypto ikev2 nat keepalive": ("% Incomplete command.", None),
    # Names an IKEv2 profile where tunnel protection needs an IPsec profile.
    "tunnel protection ipsec profile ikev2_profile": ("% IPSEC profile ikev2_profile not found",
                                                      None),
}

# Objects the guide references before (or without) defining them.
PRELUDE = ["hostname R1", "crypto ipsec profile ipsec_profile", "vrf definition ivrf_1"]


def _examples() -> list[tuple[str, list[str]]]:
    examples: list[tuple[str, list[str]]] = []
    for raw in FIXTURE.read_text(encoding="utf-8").splitlines():
        if raw.startswith("## "):
            examples.append((raw[3:], []))
        elif examples and not raw.startswith("#"):
            examples[-1][1].append(raw)
    return examples


EXAMPLES = _examples()


def _load_guide() -> tuple[ConfigTree, list[tuple[str, str, str]]]:
    tree = ConfigTree()
    session = ConfigSession(tree)
    for line in PRELUDE:
        assert session.feed(line).ok
    answers = []
    for title, lines in EXAMPLES:
        session = ConfigSession(tree)
        for line in lines:
            if not session.active:
                break
            result = session.feed(line)
            answers.append((title, line, result.error or ""))
    return tree, answers


def test_fixture_has_every_guide_example() -> None:
    assert len(EXAMPLES) == 37
    assert sum(len([x for x in lines if x.strip()]) for _, lines in EXAMPLES) > 300


@pytest.mark.parametrize(("title", "lines"), EXAMPLES, ids=[t for t, _ in EXAMPLES])
def test_guide_example_lines_are_accepted(title: str, lines: list[str]) -> None:
    _, answers = _load_guide()
    for example, line, error in answers:
        if example != title:
            continue
        if line in ERRATA:
            message, col = ERRATA[line]
            assert error.splitlines()[-1] == message, line
            if col is not None:
                # The caret line is indented by the prompt length plus the column.
                caret = error.splitlines()[0]
                assert caret.endswith("^")
                assert len(caret) - 1 - col in (len("R1(config-if)#"),
                                               len("R1(config)#"),
                                               len("R1(config-ikev2-profile)#"),
                                               len("R1(config-ikev2-policy)#")), line
        else:
            assert error == "", f"{title}: {line!r} -> {error}"


def test_every_erratum_is_in_the_guide() -> None:
    guide = Path("/work/shared/reference/flexvpn-guide.txt")
    text = guide.read_text(encoding="utf-8") if guide.exists() else FIXTURE.read_text()
    for line in ERRATA:
        assert line in text


def test_guide_config_round_trips_through_show_running() -> None:
    tree, _ = _load_guide()
    shown = show_running(tree)
    again = ConfigTree()
    session = ConfigSession(again)
    for line in shown.splitlines()[3:]:
        if not session.active:
            break
        result = session.feed(line)
        assert result.ok, (line, result.error)
    assert show_running(again) == shown


def test_guide_spellings_are_canonicalised() -> None:
    tree, _ = _load_guide()
    shown = show_running(tree)
    assert 'attribute type interface-config "ip mtu 1100"' in shown
    assert "interface Virtual-Template1 type tunnel\n" in shown
    assert " ip unnumbered GigabitEthernet1\n" in shown
    assert "crypto ipsec transform-set tset esp-aes esp-sha-hmac\n mode transport\n" in shown
    assert "crypto ipsec transform-set nge-transform esp-gcm 256\n mode transport\n" in shown
    assert " ipv6 address 2001::1:1/120\n" in shown


def test_guide_errata_corrections_are_valid_ios() -> None:
    from flexorch.ios.facts.rules import GUIDE_ERRATA

    contexts = {"ipv6 address": "interface Tunnel0", "keyring aaa": "crypto ikev2 profile P",
                "dpd ": "crypto ikev2 profile P", "match fvrf": "crypto ikev2 policy P",
                "tunnel protection": "interface Tunnel0"}
    for guide_line, ios_line, why in GUIDE_ERRATA:
        assert why
        assert guide_line in FIXTURE.read_text(encoding="utf-8") or guide_line in (
            "crypto ikev2 limit max-in-negotiation sa", "crypto pki crl refresh-cache")
        if ios_line is None:
            continue
        tree = ConfigTree()
        session = ConfigSession(tree)
        assert session.feed("crypto ipsec profile ipsec_profile").ok
        assert session.feed("exit").ok
        for prefix, header in contexts.items():
            if ios_line.startswith(prefix):
                assert session.feed(header).ok
        result = session.feed(ios_line + (" 10" if ios_line.endswith("-sa") else ""))
        assert result.ok, (ios_line, result.error)
