"""``RouterConfig.from_rendered`` (each top-level block looked up by its text, ``read_blocks``)
reads every config as ``from_tree(ConfigTree.from_rendered(text))`` does, whatever blocks earlier
configs of the process held, and reads a block seen before without reading it again."""

from __future__ import annotations

from pathlib import Path

import pytest

from flexorch.ios.config import ConfigTree
from flexorch.ios.config.blocks import rendered_blocks
from flexorch.ios.model import RouterConfig
from flexorch.ios.model import read as read_module

ROOT = Path(__file__).resolve().parents[2]
REAL = sorted((ROOT / "tests" / "fixtures" / "real").glob("*/*.cfg"))
RENDERED = sorted((ROOT / "tests" / "render" / "golden").glob("*.cfg"))


def _whole(text: str) -> str:
    return repr(RouterConfig.from_tree(ConfigTree.from_rendered(text)))


def test_every_real_and_rendered_config_reads_as_the_whole_tree_does() -> None:
    """360 real configs (repeated blocks, banners, certificates, interfaces seen twice) and
    flexorch's renders, read one after another in one process, then again in reverse order:
    each block's effect kept by the first reading serves the others."""
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in (*REAL, *RENDERED)]
    assert len(texts) > 300
    for text in (*texts, *reversed(texts)):
        assert repr(RouterConfig.from_rendered(text)) == _whole(text)


SPOKE = """hostname {name}
!
crypto ikev2 proposal NGE
 encryption aes-gcm-256
 prf sha512
 group 21
!
crypto ikev2 profile FLEX
 match identity remote fqdn hub.example
 identity local fqdn {name}.example
!
interface Tunnel0
 ip unnumbered Loopback0
 tunnel destination 192.0.2.1
!
username admin privilege 15 secret 9 $9$x
"""


def test_a_block_seen_before_is_the_same_value_and_a_new_one_is_read() -> None:
    one = RouterConfig.from_rendered(SPOKE.format(name="s1"))
    two = RouterConfig.from_rendered(SPOKE.format(name="s2"))
    assert two.proposals["NGE"] is one.proposals["NGE"]
    assert two.interfaces["Tunnel0"] is one.interfaces["Tunnel0"]
    assert one.profiles["FLEX"].identity_local != two.profiles["FLEX"].identity_local
    assert (one.hostname, two.hostname) == ("s1", "s2")
    block = "crypto ikev2 proposal NGE\n encryption aes-gcm-256\n prf sha512\n group 21\n!\n"
    effect = read_module._EFFECTS[block]
    assert effect is not None and (effect.table, effect.key) == ("proposals", "NGE")


def test_a_block_continuing_an_earlier_one_is_read_in_its_config() -> None:
    """IOS merges a block given twice (``crypto ikev2 proposal NGE`` twice): the second one's
    effect alone would replace the first; it is read where it stands instead."""
    first = "crypto ikev2 proposal NGE\n encryption aes-cbc-256\n integrity sha256\n group 14\n"
    second = "crypto ikev2 proposal NGE\n prf sha384\n"
    RouterConfig.from_rendered(second)  # its effect alone is known now
    merged = RouterConfig.from_rendered(first + "!\n" + second)
    assert merged.proposals["NGE"].prf == ("sha384",)
    assert merged.proposals["NGE"].group == ("14",)
    assert merged.proposals["NGE"].encryption == ("aes-cbc-256",)
    assert repr(merged) == _whole(first + "!\n" + second)


def test_lines_no_row_reads_are_reported_from_a_known_block_too() -> None:
    text = "crypto ikev2 profile P\n match identity remote any\n bogus-line 1\n"
    for _ in range(2):
        config = RouterConfig.from_rendered(text)
        assert [(u.path, u.text) for u in config.unread] == [
            (("crypto ikev2 profile P",), "bogus-line 1")]


@pytest.mark.parametrize("text", [
    "banner motd ^C\nhello\n^C\nhostname r1\n",  # a banner: read by the mode-aware reader
    " indented first line\nhostname r1\n",       # a line before the first block
    "hostname r1\r\ninterface Loopback0\r\n",    # other line breaks
])
def test_text_that_is_not_read_by_indentation_is_read_whole(text: str) -> None:
    assert rendered_blocks(text) is None or any(
        read_module.block_roots(b) is None for b in rendered_blocks(text) or [])
    assert repr(RouterConfig.from_rendered(text)) == _whole(text)


@pytest.mark.parametrize(("text", "blocks"), [
    ("hostname r1\n!\ninterface Lo0\n ip address 10.0.0.1 255.255.255.255\n!\n",
     ["hostname r1\n!\n", "interface Lo0\n ip address 10.0.0.1 255.255.255.255\n!\n"]),
    ("!\n\nhostname r1\nversion 17.3", ["hostname r1\n", "version 17.3"]),
    # an ``end`` line is skipped, not a block: it stays in the block before it
    ("hostname r1\n!\nend\ninterface Lo0\n no ip address\nend  \n",
     ["hostname r1\n!\nend\n", "interface Lo0\n no ip address\nend  \n"]),
    ("end\nhostname r1\n", ["hostname r1\n"]),
    ("hostname r1\nendless\n", ["hostname r1\n", "endless\n"]),
    ("!\n", None), ("", None), ("end\n interface Lo0\nhostname r1\n", None),
])
def test_the_blocks_of_a_text_are_cut_before_each_top_level_line(
        text: str, blocks: list[str] | None) -> None:
    assert rendered_blocks(text) == blocks
