"""The FlexVPN commands Cisco documents (``tests/fidelity/documented.py``: IPsec profiles, crypto
maps, IKEv2 globals, the load-balancer cluster, policies, profiles, keyrings, authorization
policies, tunnel interfaces with NHRP/BFD/SGT, trustpoints, ``cts manual``) are taken in their
modes and shown back by ``show running-config`` as typed; the lines the documents say IOS does
not take are refused with the caret under the first word it does not know; the config model
reads every line of them it can use or names why it skips it, and reports the rest.

Expected texts are the documented lines themselves, typed by hand in ``documented.py``; the
order of lines inside a block is not asserted where no document or real config gives it.
"""

from __future__ import annotations

import pytest

from flexorch.ios.config import ConfigSession, ConfigTree, normalize_config, show_running
from flexorch.ios.model import RouterConfig
from flexorch.lab.configmode import boot_config
from tests.fidelity.documented import BLOCKS, KEYRING_PEER, REFUSED, Block, all_lines, typed


def _configured() -> ConfigTree:
    tree = ConfigTree()
    session = ConfigSession(tree)
    for line in all_lines():
        if not line.startswith(" "):
            session = ConfigSession(tree)
        result = session.feed(line.strip())
        assert result.error is None, (line, result.error)
    return tree


def _block(shown: str, header: str) -> list[str]:
    """The lines of the top-level block ``header`` in a ``show running-config`` text."""
    lines = shown.splitlines()
    start = lines.index(header)
    end = start + 1
    while end < len(lines) and lines[end].startswith(" "):
        end += 1
    return lines[start:end]


SHOWN = show_running(_configured())


@pytest.mark.parametrize("block", [b for b in BLOCKS if b.lines], ids=lambda b: str(b.header))
def test_documented_lines_are_taken_and_shown_as_typed(block: Block) -> None:
    if block.header is None:
        got = SHOWN.splitlines()
        assert [line for line in block.lines if line not in got] == []
        return
    got = _block(SHOWN, block.header)
    assert [line for line in typed(block)[1:] if line not in got] == []


def test_a_keyring_peer_key_typed_in_hex_is_shown_in_hex() -> None:
    assert _block(SHOWN, "crypto ikev2 keyring DOC_KR") == [
        "crypto ikev2 keyring DOC_KR", " peer DOC_PEER", "  address 192.0.2.2",
        "  pre-shared-key local hex 0A0B0C0D", " !"]
    assert KEYRING_PEER[0] == "crypto ikev2 keyring DOC_KR"


def test_the_load_balancer_cluster_shows_no_shutdown_and_hides_shutdown() -> None:
    # ``shutdown`` is the cluster's default (Cisco-IOS-XE-crypto.yang, ``shutdown-cluster``
    # default true): typed, it removes ``no shutdown`` and is not shown.
    tree = ConfigTree()
    session = ConfigSession(tree)
    for line in ("crypto ikev2 cluster", "standby-group HSRP1", "no shutdown"):
        assert session.feed(line).error is None
    assert show_running(tree, section="crypto ikev2 cluster") == (
        "crypto ikev2 cluster\n standby-group HSRP1\n no shutdown\n")
    assert session.feed("shutdown").error is None
    assert show_running(tree, section="crypto ikev2 cluster") == (
        "crypto ikev2 cluster\n standby-group HSRP1\n")


@pytest.mark.parametrize(("header", "line", "why"), REFUSED, ids=[r[1] for r in REFUSED])
def test_lines_the_documents_exclude_are_refused(header: str, line: str, why: str) -> None:
    session = ConfigSession(ConfigTree())
    assert session.feed(header).error is None
    prompt = session.prompt  # e.g. ``Router(ipsec-profile)#``: the caret counts from its start
    error = session.feed(line).error
    assert error is not None, why
    caret_line, message = error.splitlines()
    assert message == "% Invalid input detected at '^' marker."
    # The caret sits under ``responder-only``: the first word the mode does not take there.
    assert caret_line.index("^") == len(prompt) + line.index("responder-only")


def test_a_top_level_parameter_map_after_a_policy_map_is_its_own_block() -> None:
    # IOS tries a line the current mode does not take in the enclosing modes up to global
    # config; ``parameter-map type inspect NAME`` is a global command (Security Command
    # Reference, "parameter-map type inspect"), not a policy-map child, so it opens its block.
    text = ("policy-map PM\n class class-default\n  shape average 1000000\n"
            "parameter-map type inspect PMAP\n tcp synwait-time 30\n")
    tree, rejected = boot_config(text)
    assert rejected == []
    assert show_running(tree).split(" bytes\n", 1)[1] == (
        "!\npolicy-map PM\n class class-default\n  shape average 1000000\n!\n"
        "parameter-map type inspect PMAP\n tcp synwait-time 30\n!\nend\n")


def test_the_model_reads_or_names_every_documented_line() -> None:
    config = RouterConfig.from_text("hostname DOC\n" + "\n".join(all_lines()) + "\n")
    assert [u.text for u in config.unread] == []
    profile = config.ipsec_profiles["DOC_PROF"]
    assert profile.responder_only is True
    assert profile.transform_sets == ("DOC_TS",)
    assert profile.pfs_group == 19
    assert profile.sa_lifetime_seconds == 7200
    assert profile.sa_lifetime_kilobytes_disabled is True


def test_a_profile_level_reverse_route_is_reverse_route_injection() -> None:
    # Cisco-IOS-XE-crypto.yang (IOS XE 17.12.1): ``reverse-route`` of crypto-ipsec-profile-grouping
    # (reverse-route-common-grouping), the same injection as ``set reverse-route``.
    config = RouterConfig.from_text("crypto ipsec profile RRI\n reverse-route static\n")
    assert config.ipsec_profiles["RRI"].reverse_route is True
    assert config.unread == ()


def test_http_url_certificate_lookup_is_a_default_ios_shows_only_when_off() -> None:
    # Cisco document 117337 (IKEv2 between an ASA and a router): HTTP-URL certificate lookup
    # "is enabled on Cisco IOS software devices by default"; "no crypto ikev2 http-url cert"
    # disables it. IOS shows the ``no`` line and hides the default.
    tree = ConfigTree()
    session = ConfigSession(tree)
    assert session.feed("crypto ikev2 http-url cert").error is None
    assert show_running(tree, section="http-url") == ""
    assert session.feed("no crypto ikev2 http-url cert").error is None
    assert show_running(tree, section="http-url") == "no crypto ikev2 http-url cert\n"
    assert RouterConfig.from_text("hostname A\n").ikev2.http_url_cert is True
    off = RouterConfig.from_text("hostname A\nno crypto ikev2 http-url cert\n")
    assert off.ikev2.http_url_cert is False
    assert off.unread == ()


def test_directional_and_multiplexed_tunnel_vrfs_are_shown_and_reported_unread() -> None:
    # Cisco-IOS-XE-tunnel.yang (IOS XE 17.6.1), ``tunnel/vrf-config``: ``tunnel vrf X
    # egress-only`` and ``tunnel vrf Y ingress-only`` coexist; ``tunnel vrf multiplexing``.
    # The model knows one transport VRF per tunnel: it reports these lines, never guesses.
    text = ("vrf definition A\n address-family ipv4\n exit-address-family\n"
            "vrf definition B\n address-family ipv4\n exit-address-family\n"
            "interface Tunnel5\n tunnel source GigabitEthernet1\n"
            " tunnel vrf A egress-only\n tunnel vrf B ingress-only\n"
            "interface Tunnel6\n tunnel vrf multiplexing\n"
            "interface Tunnel7\n tunnel vrf A\n")
    tree, rejected = boot_config(text)
    assert rejected == []
    assert show_running(tree, section="interface Tunnel") == (
        "interface Tunnel5\n no ip address\n tunnel source GigabitEthernet1\n"
        " tunnel vrf A egress-only\n tunnel vrf B ingress-only\n"
        "interface Tunnel6\n no ip address\n tunnel vrf multiplexing\n"
        "interface Tunnel7\n no ip address\n tunnel vrf A\n")
    config = RouterConfig.from_text(text)
    assert [u.text for u in config.unread] == [
        "tunnel vrf A egress-only", "tunnel vrf B ingress-only", "tunnel vrf multiplexing"]
    assert config.interfaces["Tunnel7"].tunnel_vrf == "A"
    assert config.interfaces["Tunnel5"].tunnel_vrf is None


def test_a_hex_key_is_the_key_whose_octets_it_spells_and_is_masked() -> None:
    # Cisco-IOS-XE-crypto.yang (IOS XE 17.12.1): ``pre-shared-key [local|remote] hex H``, "Key
    # entered in hex string". 636973636F313233 spells the octets of "cisco123".
    text = ("crypto ikev2 keyring K\n peer P\n  address 192.0.2.1\n"
            "  pre-shared-key local hex 636973636F313233\n  pre-shared-key remote cisco123\n")
    (peer,) = RouterConfig.from_text(text).keyrings["K"].peers
    assert peer.psk_local is not None and peer.psk_remote is not None
    assert peer.psk_local.value == "cisco123"
    assert peer.psk_local.same_as(peer.psk_remote) is True
    masked = normalize_config(text).roots[0].children[0].children
    assert [n.text for n in masked][1:] == [
        "pre-shared-key local hex <secret>", "pre-shared-key remote <secret>"]
    bad = RouterConfig.from_text(text.replace("636973636F313233", "63697Z"))
    assert [u.text for u in bad.unread] == ["pre-shared-key local hex 63697Z"]
