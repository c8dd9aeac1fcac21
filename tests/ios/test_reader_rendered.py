"""``ConfigTree.from_rendered`` (indentation only) reads flexorch's rendered configs into the same
tree as ``ConfigTree.from_text`` (the mode-aware reader), and leaves text it cannot vouch for to
the mode-aware reader."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from flexorch.intent import load_fleet
from flexorch.ios.config import ConfigTree, Node, normalize_config
from flexorch.ios.config.normalize import normalize_rendered
from flexorch.render import render_day0, render_full, render_host

ROOT = Path(__file__).resolve().parents[2]
# flexorch's renders of the example fleet (the guide's .cfg files are Cisco's text, not renders)
RENDERED = sorted((ROOT / "tests" / "render" / "golden").glob("*.cfg"))


@pytest.mark.parametrize("path", RENDERED, ids=lambda p: p.name)
def test_golden_configs_read_the_same(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert ConfigTree.from_rendered(text) == ConfigTree.from_text(text)


def _generated_fleet(folder: Path, spokes: int) -> Path:
    spec = importlib.util.spec_from_file_location(
        "gen_fleet", ROOT / "tests" / "bench" / "gen_fleet.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return Path(module.generate(folder, spokes))


@pytest.mark.parametrize("source", ["example", "generated"])
def test_every_rendered_scope_reads_the_same(source: str, tmp_path: Path) -> None:
    folder = ROOT / "inventory" if source == "example" else _generated_fleet(tmp_path, 6)
    fleet = load_fleet(folder)
    for name in fleet.hosts:
        for render in (render_full, render_host, render_day0):
            text = render(fleet, name, reveal=False)
            assert ConfigTree.from_rendered(text) == ConfigTree.from_text(text), (name, render)


def test_nesting_follows_indentation() -> None:
    text = ("crypto ikev2 keyring K\n peer a\n  address 192.0.2.1\n peer b\n!\n"
            "interface Tunnel0\n ip unnumbered Loopback0\nend\n")
    expected = ConfigTree([
        Node("crypto ikev2 keyring K", [Node("peer a", [Node("address 192.0.2.1")]),
                                         Node("peer b")]),
        Node("interface Tunnel0", [Node("ip unnumbered Loopback0")]),
    ])
    assert ConfigTree.from_rendered(text) == expected


def test_banner_and_certificate_data_go_to_the_mode_aware_reader() -> None:
    # A banner's text lines sit at column 0 but are the banner's children; a certificate's
    # ``quit`` ends its data and is not a line: indentation alone would get both wrong.
    banner = "banner motd ^C\nAuthorised users only\n^C\nhostname r1\n"
    tree = ConfigTree.from_rendered(banner)
    assert [n.text for n in tree.roots] == ["banner motd ^C", "hostname r1"]
    assert tree == ConfigTree.from_text(banner)
    cert = ("crypto pki certificate chain TP\n certificate ca 01\n  3082 0101\n  \tquit\n"
            "hostname r1\n")
    tree = ConfigTree.from_rendered(cert)
    assert [n.text for n in tree.roots] == ["crypto pki certificate chain TP", "hostname r1"]
    assert tree == ConfigTree.from_text(cert)


@pytest.mark.parametrize("mask", [True, False])
def test_normalize_rendered_equals_normalising_the_read_tree(mask: bool, tmp_path: Path) -> None:
    # ``normalize_rendered`` looks each block up by its lines: the same canonical tree as
    # reading the whole text and normalising it, for every scope of the generated fleet (twice:
    # the second pass takes every block from the cache) and for text the fast way leaves alone.
    fleet = load_fleet(_generated_fleet(tmp_path, 6))
    texts = [render(fleet, name) for name in fleet.hosts
             for render in (render_full, render_host, render_day0)]
    texts += [
        "banner motd ^C\nAuthorised users only\n^C\nhostname r1\n",  # read_lines
        " description before any block\nhostname r1\n",  # a line before the first block
        "interface Tunnel0\n!\n ip unnumbered Loopback0\nend\n ip mtu 1400\nhostname r1\n",
        "interface Loopback0\n ip address 10.0.0.1 255.255.255.255\n"
        "interface Loopback0\n ip address 10.0.0.1 255.255.255.255\n",  # a block twice
        "",
        "hostname r1\r\ninterface Tunnel0\r\n ip mtu 1400\r\n",  # other line breaks
        "interface Tunnel0\n\tip mtu 1400\nend  \n ip unnumbered Loopback0\n!x\n",
        "interface Tunnel0\n description caf\u00e9\u2028 ip mtu 1400\n",  # not ASCII
        "!\n\nend\nhostname r1\n",  # only skipped lines before the first block
        "end\nhostname r1\nendless x\n y\nend",  # ``end`` lines, and one that is not
    ]
    for _ in range(2):
        for text in texts:
            expected = normalize_config(ConfigTree.from_rendered(text), mask_secrets=mask)
            got = normalize_rendered(text, mask_secrets=mask)
            assert got == expected, text
            assert got.to_text() == expected.to_text()
