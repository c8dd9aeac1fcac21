"""Config mode and the model for IOS XE's accounting method-list blocks, an ASR920's platform
settings, ``sdm prefer``, ``transceiver type all`` and the onePK ``onep`` block.

Typed by hand from tests/fixtures/real/gh-ytti-oxidized-asr920-1681/hostname.cfg (ASR920, IOS
XE 16.8.1b) and tests/fixtures/real/gh-ktbyers-pynet-881-cryptomap-onep/pynet-rtr1.cfg (Cisco
881, IOS 15.4(2)T1), or the command reference named beside the grammar row.
"""

from __future__ import annotations

from flexorch.ios.config import apply_lines
from flexorch.ios.config.tree import ConfigTree
from flexorch.ios.model import RouterConfig
from tests.ios.test_engine_families import _shown, _tree

_BLOCK = ["aaa new-model", "aaa accounting exec default", " action-type start-stop",
          " group DES_ACS_GROUP"]


def test_accounting_method_list_block_is_shown_as_a_block() -> None:
    shown = _shown(_tree(_BLOCK))
    start = shown.index("aaa accounting exec default")
    assert shown[start + 1:start + 3] == [" action-type start-stop", " group DES_ACS_GROUP"]


def test_accounting_block_and_one_line_form_are_one_setting() -> None:
    tree = _tree([*_BLOCK, "aaa accounting exec default start-stop group OTHER"])
    shown = [line for line in _shown(tree) if "accounting exec" in line]
    assert shown == ["aaa accounting exec default start-stop group OTHER"]


def test_accounting_block_refuses_an_unknown_record_type() -> None:
    errors = apply_lines(ConfigTree(), ["aaa new-model", "aaa accounting exec default",
                                        " action-type start-only"])
    assert len(errors) == 1


def test_the_model_reads_the_block_groups_as_the_methods() -> None:
    config = RouterConfig.from_text("\n".join([
        *_BLOCK, "!", "aaa accounting network NET", " action-type start-stop",
        " group RAD1", " group RAD2", "!", "end", ""]))
    assert config.unread == ()
    assert config.aaa.method_lists["accounting network"]["NET"] == (
        "group", "RAD1", "group", "RAD2")
    assert config.aaa.method_lists["accounting exec"]["default"] == ("group", "DES_ACS_GROUP")


def test_asr920_platform_settings_are_globals() -> None:
    lines = ["platform bfd-debug-trace 1",
             "platform xconnect load-balance-hash-algo mac-ip-instanceid",
             "platform tcam-parity-error enable", "platform tcam-threshold alarm-frequency 1"]
    shown = _shown(_tree(lines))
    for line in lines:
        assert line in shown, line


def test_sdm_prefer_and_transceiver_monitoring() -> None:
    tree = _tree(["sdm prefer default", "transceiver type all", " monitoring"])
    shown = _shown(tree)
    assert "sdm prefer default" in shown
    start = shown.index("transceiver type all")
    assert shown[start + 1] == " monitoring"


def test_onep_block() -> None:
    tree = _tree(["onep", " transport type tls localcert TP-self-signed-1429897839 "
                  "disable-remotecert-validation", " service set vty"])
    shown = _shown(tree)
    start = shown.index("onep")
    assert shown[start + 1:start + 3] == [
        " transport type tls localcert TP-self-signed-1429897839 disable-remotecert-validation",
        " service set vty"]
