"""Plan and drift on real routers' configs (tests/fixtures/real: published running configs with
show-run headers, banners, certificate chains, DMVPN, crypto maps and routing protocols).

Circular on every config: the config against itself is no plan and no drift; planned against an
empty intent, every FlexVPN section flexorch owns goes (unless something that stays uses it), IOS
(the shared engine) takes every line, and planning again gives nothing. And the tree plan and
drift read is the tree ciscoconfparse2 (an independent reader, test dependency only) reads.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from flexorch.drift.config import config_drift
from flexorch.ios.config import ConfigTree, Node
from flexorch.plan.remediate import apply_remediation, remediate

ROOT = Path(__file__).resolve().parents[2]
REAL = sorted((ROOT / "tests/fixtures/real").glob("*/*.cfg"))
TYPED = sorted((ROOT / "tests/ios/configs").glob("*.cfg"))


def _name(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def test_the_corpus_has_configs() -> None:
    assert len(REAL) >= 40


@pytest.mark.parametrize("path", REAL, ids=_name)
def test_removing_every_flexvpn_section_of_a_real_config(path: Path) -> None:
    text = path.read_text(errors="replace")
    assert remediate(text, text).lines == ()
    assert config_drift(text, text).clean
    plan = remediate(text, "")
    tree, errors = apply_remediation(text, plan.lines)
    assert errors == []
    after = tree.to_text()
    assert remediate(after, "").lines == ()
    assert config_drift(after, "").clean


KEPT = """\
crypto ikev2 keyring KEYS
 peer azure
  address 203.0.113.10
  pre-shared-key kept-key-1
crypto ikev2 profile AZURE
 match identity remote address 203.0.113.10 255.255.255.255
 authentication remote pre-share
 authentication local pre-share
 keyring local KEYS
crypto ikev2 proposal UNUSED
 encryption aes-cbc-256
 integrity sha256
 group 14
crypto map VPN 10 ipsec-isakmp
 set peer 203.0.113.10
 set ikev2-profile AZURE
 match address 110
"""


def test_what_a_kept_section_uses_is_kept_too() -> None:
    # The crypto map is not flexorch's: it keeps the IKEv2 profile, which keeps its keyring
    # (removing the keyring would be refused: "in use by crypto ikev2 profile AZURE").
    plan = remediate(KEPT, "")
    assert list(plan.lines) == ["no crypto ikev2 proposal UNUSED"]
    assert plan.notes == (
        "crypto ikev2 keyring KEYS: kept, still used by 'crypto ikev2 profile AZURE'",
        "crypto ikev2 profile AZURE: kept, still used by 'crypto map VPN 10 ipsec-isakmp'",
    )
    drift = config_drift(KEPT, "")
    assert [(s.section, s.state) for s in drift.sections] == [
        ("crypto ikev2 proposal UNUSED", "extra")]


BANNER = """\
hostname R1
banner motd ^C
Authorised access only.
crypto ikev2 dpd 10 2 periodic
^C
crypto ikev2 fragmentation mtu 1200
"""


def test_banner_text_is_not_config() -> None:
    # The second banner line reads like a global IKEv2 line flexorch owns; it is banner text.
    plan = remediate(BANNER, "")
    assert list(plan.lines) == ["no crypto ikev2 fragmentation"]
    assert [line.line for s in config_drift(BANNER, "").sections for line in s.lines] == [
        "crypto ikev2 fragmentation mtu 1200"]


def _ccp_tree(text: str) -> list[tuple[int, str]]:
    """(depth, line) of ``text`` as ciscoconfparse2 reads it (comments, blank lines and the
    show-run header left out, as for flexorch's reader)."""
    from ciscoconfparse2 import CiscoConfParse
    from loguru import logger

    logger.remove()
    header = ("!", "Building configuration", "Current configuration", "Using ")
    lines = [line.rstrip() for line in text.splitlines()]
    kept = [line for line in lines
            if line.strip() and not line.strip().startswith(header) and line.strip() != "end"]
    parse = CiscoConfParse(kept, syntax="ios", ignore_blank_lines=True)
    depth: dict[int, int] = {}
    out = []
    for obj in parse.objs:
        parent = obj.parent
        depth[obj.linenum] = 0 if parent is obj or parent is None else depth[parent.linenum] + 1
        out.append((depth[obj.linenum], obj.text.strip()))
    return out


def _ours(nodes: list[Node], depth: int = 0) -> list[tuple[int, str]]:
    out = []
    for node in nodes:
        out.append((depth, node.text))
        out.extend(_ours(node.children, depth + 1))
    return out


# Where IOS (config mode) and ciscoconfparse2 (indentation) read a config differently, flexorch
# reads as IOS does (flexorch.ios.config.reader): a certificate's ``quit`` ends its hex data and is
# no line; a line at column 0 inside a block stays in the block; a block header re-indented under
# another block is its own block.
_QUIT = "quit"
MODE_NOT_INDENTATION = {
    "gh-jclarkson-ikev2-gre-site2site/site_a.cfg": "Tunnel102's description is at column 0",
    "doc-cisco-115934-ikev2-debugs-s2s-psk/router1.cfg": "a Cisco document's config with no "
                                                         "indentation at all: nested by mode",
    "doc-pastebin-z8rjj1hq-csr-flexvpn-hub/hub.cfg": "a paste whose indentation the page "
                                                     "extraction lost: nested by mode",
    "gh-jclarkson-ikev2-smart-default-dmvpn/hub-v6.cfg": "a snippet published with every line "
                                                         "indented one space, the interface "
                                                         "line too",
    "gh-inrim-flexvpn-ra-eap-radius/rt.cfg": "crypto ipsec profile re-indented by one space",
    "gh-vyos-docs-flexvpn-hub-cisco/hub.cfg": "ip local pool indented like the lines of the "
                                              "virtual template above it",
    "gh-fabferri-csr-fqdn-gre-natt/csr1.cfg": "typed: 'exit' leaves a sub-mode and is no line; "
                                              "keyring peer lines at the peer's indentation",
    "gh-fabferri-csr-fqdn-gre-natt/csr2.cfg": "typed: 'exit' leaves a sub-mode and is no line; "
                                              "keyring peer lines at the peer's indentation",
    # IOS 15.7 prints the global ``vstack`` indented by one blank after ``control-plane``:
    # a global command all the same (flexorch.ios.cli.commands.edge), ccp nests it
    "gh-tmullaly-oxidized-isrg2-backups/core.cfg": "' vstack' indented after control-plane",
    "gh-tmullaly-oxidized-isrg2-backups/r1.cfg": "' vstack' indented after control-plane",
    # IOS 15.0 prints a vrf definition's address family flat (its lines and exit-address-family
    # at the header's indentation) and a class's WRED lines deeper than its ``bandwidth``
    "gh-jclarkson-sp-pe-qos-mvpn-te/pe1.cfg": "flat address family; WRED under 'bandwidth'",
    "gh-jclarkson-sp-pe-qos-mvpn-te/pe2.cfg": "flat address family; WRED under 'bandwidth'",
    # IOS-XE 17.3 prints an IP SLA operation's parameters under ``udp-echo``; the grammar has
    # them as lines of the operation (as IOS 15 prints them: flexorch.ios.cli.commands.policy)
    "gh-nickrusso-spcor9-csr173-bgp/csr07.cfg": "IP SLA parameters under 'udp-echo'",
    # ... and so does IOL-XE 17.12 under ``icmp-echo`` (IOSv 15.6 prints them flat:
    # gh-ipspace-netlab-small-site-dual-sla-iosv156)
    **dict.fromkeys(
        (f"gh-ipspace-netlab-redundant-small-site-{stage}-iol1712/gw_a.cfg"
         for stage in ("initial", "routing")),
        "IP SLA parameters under 'icmp-echo'"),
    # The login banner's text has blank lines (C8000V 17.15): banner text, kept by flexorch's
    # reader as IOS prints it; the blank lines are dropped before ccp reads the config
    **dict.fromkeys(
        (f"gh-dcantor-c8000v1715-{group}/{host}.cfg"
         for group, hosts in (("svti-hub", ("r1", "r2", "r3")), ("dmvpn-ikev2", ("r1", "r2", "r3")))
         for host in hosts),
        "blank lines inside the login banner's text"),
    # ... as does an IOS 12.4 router's login banner (a blank line before its last sentence)
    "gh-mpenning-ciscoconfparse-ios124-edge/foo.cfg": "a blank line inside the login banner's "
                                                      "text",
    # A banner saved with the '$' delimiter it was typed with (IOL 15.4, SOURCES.md): the
    # reader keeps the banner as show running-config prints it (^C), ccp as written
    "gh-mcdemon05-otus-lab01-roas-iol154/r1.cfg": "a banner with its typed '$' delimiters",
}


def test_configs_are_read_as_ciscoconfparse2_reads_them() -> None:
    for path in [*REAL, *TYPED]:
        if _name(path) in MODE_NOT_INDENTATION:
            continue
        text = path.read_text(errors="replace")
        ccp = [(depth, line) for depth, line in _ccp_tree(text) if line != _QUIT]
        assert _ours(ConfigTree.from_text(text).roots) == ccp, _name(path)
