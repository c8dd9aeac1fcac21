"""Every corpus config reads into RouterConfig without error and with nothing left unread inside
the blocks the model reads (``RouterConfig.unread``); the exceptions are listed with a reason.

The corpus: tests/fixtures/real/<source>/<host>.cfg (real configs, verbatim, SOURCES.md per
folder) and the hand-written tests/ios/configs/*.cfg. A line listed below that the model comes to
read fails the test too, so the list only shrinks.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from flexorch.ios.model import RouterConfig

TESTS = Path(__file__).resolve().parents[1]


def _corpus() -> list[Path]:
    """The figure's own corpus list (tests/fidelity/fig_model.py)."""
    spec = importlib.util.spec_from_file_location("fig_model", TESTS / "fidelity" / "fig_model.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    configs: list[Path] = module.corpus_configs()
    return configs


CONFIGS = _corpus()

# (config path under tests/, unread line) -> why the model cannot read it.
EXCEPTIONS: dict[tuple[str, str], str] = {
    ("fixtures/real/doc-azure-expressroute-s2s-csr1000/csr1.cfg",
     "ip address x.243.229.110 255.255.255.252"):
        "the publisher masked the first octet of the address",
    ("fixtures/real/doc-michaelbecze-strongswan-azure-iosxe/r1.cfg",
     "match identity remote address {public ip of StrongSwan}"):
        "a placeholder the publisher left instead of the address",
    ("fixtures/real/doc-michaelbecze-strongswan-azure-iosxe/r1.cfg",
     "set peer {Public IP of StrongSwan}"):
        "a placeholder the publisher left instead of the address",
    ("fixtures/real/gh-ytti-oxidized-asr920-1681/hostname.cfg", "description: test 123"):
        "sanitised by the contributor: 'description:' is not IOS syntax (SOURCES.md)",
    ("fixtures/real/gh-ytti-oxidized-asr920-1681/hostname.cfg",
     "ip address 111.111.111.111 111.111.111.111"):
        "sanitised by the contributor: every address made 111.111.111.111, the mask too, which "
        "is no netmask (SOURCES.md)",
}


def _name(path: Path) -> str:
    return str(path.relative_to(TESTS))


@pytest.mark.parametrize("path", CONFIGS, ids=[_name(p) for p in CONFIGS])
def test_corpus_config_reads_whole(path: Path) -> None:
    config = RouterConfig.from_text(path.read_text(encoding="utf-8", errors="replace"))
    unread = {(_name(path), u.text): str(u) for u in config.unread}
    expected = {key for key in EXCEPTIONS if key[0] == _name(path)}
    assert set(unread) - expected == set(), "\n".join(
        unread[key] for key in sorted(set(unread) - expected))
    assert expected - set(unread) == set(), f"now read, drop: {expected - set(unread)}"


def test_every_exception_names_a_corpus_config() -> None:
    names = {_name(p) for p in CONFIGS}
    assert {path for path, _ in EXCEPTIONS} <= names
    assert len(CONFIGS) >= 40
