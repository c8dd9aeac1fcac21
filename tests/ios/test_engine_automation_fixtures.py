"""Config mode, show running-config and the model for the command families that real routers'
``show running-config`` captures kept as test data by network-automation projects brought in
(session 27: an ASR 920 on IOS-XE 16.8 recorded by Oxidized, an IOS 15.2 border router of
Batfish's example networks).

Every line is typed by hand from the corpus file named in the test
(tests/fixtures/real/<source>/<host>.cfg); every expected text is written by hand.
"""

from __future__ import annotations

from pathlib import Path

from flexorch.ios.config import ConfigSession, ConfigTree
from flexorch.ios.model import RouterConfig
from tests.ios.test_engine_families import _body

_REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"
_ASR920 = _REAL / "gh-ytti-oxidized-asr920-1681" / "hostname.cfg"

# --- AAA accounting method lists typed as blocks ---------------------------------------------


def test_an_accounting_method_list_typed_as_a_block_is_taken_and_shown_as_typed() -> None:
    # gh-ytti-oxidized-asr920-1681/hostname.cfg (ASR 920, IOS-XE 16.8.1b): 'aaa accounting exec
    # default' / ' action-type start-stop' / ' group DES_ACS_GROUP' / '!', 'aaa accounting
    # commands 15 default' / the same two lines, 'aaa accounting network default start-stop
    # group DES_ACS_GROUP'
    session = ConfigSession(ConfigTree())
    for line in ("aaa new-model", "aaa accounting exec default", " action-type start-stop",
                 " group DES_ACS_GROUP", "!", "aaa accounting commands 15 default",
                 " action-type start-stop", " group DES_ACS_GROUP", "!",
                 "aaa accounting network default start-stop group DES_ACS_GROUP"):
        assert session.feed(line).ok, line
    assert ("aaa accounting exec default\n action-type start-stop\n group DES_ACS_GROUP\n!\n"
            "aaa accounting commands 15 default\n action-type start-stop\n"
            " group DES_ACS_GROUP\n!\n"
            "aaa accounting network default start-stop group DES_ACS_GROUP\n"
            ) in _body(session.tree)


def test_a_method_list_block_takes_only_its_own_children() -> None:
    session = ConfigSession(ConfigTree())
    assert session.feed("aaa accounting exec default").ok
    assert session.mode == "cfg-acct-mlist"
    assert session.feed(" action-type stop-only broadcast").ok
    assert session.feed(" action-type later").error is not None
    assert session.feed(" server-private 10.0.0.1").error is not None
    assert session.feed("exit").ok and session.mode == "config"


def test_the_model_reads_a_network_accounting_block_s_groups_as_its_methods() -> None:
    # The FlexVPN IKEv2 profile's 'aaa accounting psk LIST' names such a list; typed as the ASR
    # 920 types its exec list (gh-ytti-oxidized-asr920-1681), it reads as the one-line form does.
    config = RouterConfig.from_text(
        "version 16.8\naaa new-model\naaa accounting network ACCT\n action-type start-stop\n"
        " group RAD-A\n!\naaa accounting network ONE start-stop group RAD-B\nend\n")
    assert config.unread == ()
    assert config.aaa.method_lists["accounting network"] == {
        "ACCT": ("group", "RAD-A"), "ONE": ("group", "RAD-B")}


def test_the_asr920_accounting_blocks_are_read() -> None:
    config = RouterConfig.from_text(_ASR920.read_text(encoding="utf-8"))
    assert "aaa accounting exec default" not in {u.text for u in config.unread}
