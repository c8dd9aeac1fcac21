"""A host's configuration is rendered once for both scopes (``flexorch.render.Stencil``) and
each scope cut from it: every cut must be the text rendering that scope alone gives
(``render_model``), keys masked and keys written, on every host of the shipped inventory, the
lint base inventory, the 46 FlexVPN guide examples and a generated site (VRFs, interfaces and
routes of both scopes interleave in them)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
from test_guide_examples import CASES, _inventory, _spec

from flexorch.intent import Fleet, load_fleet
from flexorch.intent.host import HostIntent
from flexorch.render import (
    DAY0,
    FULL,
    MANAGED,
    Stencil,
    _non_blank_lines,
    _parts_written,
    _without_lines,
    render,
    render_model,
    secret_resolver,
    stencil,
)
from flexorch.secrets import MASK, SecretRef
from tests.bench.gen_fleet import generate

ROOT = Path(__file__).resolve().parents[2]
SCOPES = {"day0": DAY0, "managed": MANAGED, "full": FULL}


def _written(ref: SecretRef) -> str:
    """A distinct stand-in value per reference: a key written in the wrong place shows."""
    return "k" + hashlib.sha256(ref.describe().encode()).hexdigest()[:12]


def _masked(ref: SecretRef) -> str:
    return MASK


def _same_cuts(fleet: Fleet) -> int:
    """Compare every cut of every host with rendering it alone; the number of hosts seen."""
    writers: list[Callable[[SecretRef], str]] = [_masked, _written]
    for name, host in fleet.hosts.items():
        made = stencil(fleet, name)
        assert type(made) is Stencil, name  # no host here falls back to rendering each cut
        for label, scope in SCOPES.items():
            for writer in writers:
                assert made.cut(scope, writer) == render_model(host, scope, writer), \
                    (name, label, writer.__name__)
    return len(fleet.hosts)


@pytest.fixture(autouse=True)
def _password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLEXORCH_DEVICE_PASSWORD", "stencil-password")


def test_shipped_and_lint_inventories(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _same_cuts(load_fleet(ROOT / "inventory")) >= 5
    assert _same_cuts(load_fleet(ROOT / "tests" / "lint" / "base")) >= 2


def test_a_generated_site(tmp_path: Path) -> None:
    assert _same_cuts(load_fleet(generate(tmp_path, 12, 2))) == 14


@pytest.mark.parametrize("case", CASES)
def test_guide_examples(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = _spec(case)
    for name, value in (spec.get("env") or {}).items():
        monkeypatch.setenv(name, value)
    assert _same_cuts(load_fleet(_inventory(tmp_path, spec["data"]))) == 1


def test_render_reveals_through_the_fleets_secrets() -> None:
    """``render`` with keys: the cut with the fleet's own resolver, the keys in clear."""
    fleet = load_fleet(ROOT / "inventory")
    for name, host in fleet.hosts.items():
        for scope in SCOPES.values():
            assert render(fleet, name, scope) == render_model(
                host, scope, secret_resolver(fleet, host))


def test_a_stencil_holds_no_key_and_resolves_only_the_keys_cut() -> None:
    fleet = load_fleet(ROOT / "inventory")
    hub = next(n for n, h in fleet.hosts.items() if h.role == "hub")
    made = stencil(fleet, hub)
    assert MASK not in made.text and made.refs
    asked: list[SecretRef] = []

    def writer(ref: SecretRef) -> str:
        asked.append(ref)
        return "x"

    made.cut(DAY0, writer)
    day0 = set(asked)
    asked.clear()
    made.cut(MANAGED, writer)
    # the login secret is day-0, the pre-shared keys managed: each cut asks for its own
    assert day0 and asked and not day0 & set(asked)


def test_a_host_whose_text_holds_a_mark_is_rendered_per_cut() -> None:
    """Intent values are printable ASCII, but should a mark character reach the text, the host
    is rendered for each cut instead (``Stencil.of`` gives None)."""
    fleet = load_fleet(ROOT / "inventory")
    host = next(iter(fleet.hosts.values()))
    odd = HostIntent.model_construct(**{**dict(host), "ios_hostname": "r\x02 0\x03"})
    assert Stencil.of(odd) is None
    # a part mark with its rest of line, but not at a line start
    inside = HostIntent.model_construct(**{**dict(host), "ios_hostname": "r\x01d"})
    assert Stencil.of(inside) is None
    assert Stencil.of(host) is not None


@pytest.mark.parametrize(("text", "written"), [
    ("", True),
    ("\x01d\nhostname r\n!\n\x01m\n\x01d\ninterface G1\n", True),
    ("hostname r\n\x01m\n", True),
    ("hostname r\x01d\n", False),  # not at a line start
    ("\x01x\nhostname r\n", False),  # not a part
    ("\x01d", False),  # no line break after it
    ("\x01d\n\x01\x01m\n", False),  # a mark right after a mark
    ("hostname r\n\x01", False),
])
def test_part_marks_are_only_the_part_lines_written(text: str, written: bool) -> None:
    assert _parts_written(text) is written


@pytest.mark.parametrize(("text", "lines"), [
    ("", ""),
    ("\n \n", ""),
    ("hostname r\n\n!\n", "hostname r\n!"),
    ("\n  \nhostname r\n   \n \n!", "hostname r\n!"),
    ("hostname r \n  description x\n  ", "hostname r \n  description x"),
    # other whitespace: what splitlines and strip make of it
    ("a\r\nb\n\t\nc", "a\nb\nc"),
    ("a\x0cb\n\x1f\n", "a\nb"),
    ("a\u2028b\n\u3000\n", "a\nb"),
])
def test_blank_lines_are_dropped(text: str, lines: str) -> None:
    assert _non_blank_lines(text) == lines


@pytest.mark.parametrize(("starts", "left"), [
    ([2], "a\n c\nd"),
    ([0, 4], "b\nd"),
    ([7], "a\nb\n c"),  # the last line
    ([4, 7], "a\nb"),
    ([0, 2, 4, 7], ""),
])
def test_lines_are_cut_out_at_their_starts(starts: list[int], left: str) -> None:
    assert _without_lines("a\nb\n c\nd", starts) == left


def test_a_block_two_hosts_take_from_one_group_is_rendered_once_unless_it_holds_a_key(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``flexorch.render.section``: the proposals the group gives both hosts are one object,
    written once; the AAA block holds a key (a private RADIUS server's, by reference), so it is
    written for each host with that host's writer, never kept."""
    import yaml

    import flexorch.render as render_module

    monkeypatch.setenv("T_RADIUS", "Radius-K1")
    group = {"data": {
        "ikev2_proposals": {"P": {"encryption": ["aes-cbc-256"], "integrity": ["sha256"],
                                  "group": [19]}},
        "aaa": {"radius_groups": {"RG": {"servers": ["R1"], "extra_lines": [
            {"line": "server-private 192.0.2.9 key", "secret": {"env": "T_RADIUS"}}]}}},
    }}
    hosts = {name: {"hostname": "127.0.0.1", "port": port, "groups": ["g"]}
             for name, port in (("r1", 22), ("r2", 23))}
    defaults = {"data": {"site": "s", "role": "hub", "credentials": {
        "username": "admin", "password": {"env": "FLEXORCH_DEVICE_PASSWORD"}}}}
    for file, value in (("hosts", hosts), ("groups", {"g": group}), ("defaults", defaults)):
        (tmp_path / f"{file}.yaml").write_text(yaml.safe_dump(value), encoding="utf-8")
    fleet = load_fleet(tmp_path)
    assert fleet.hosts["r1"].ikev2_proposals is fleet.hosts["r2"].ikev2_proposals

    written: list[str] = []
    real = render_module._section_template
    monkeypatch.setattr(render_module, "_SECTIONS", {})
    monkeypatch.setattr(render_module, "_section_template",
                        lambda name: written.append(name) or real(name))
    for name in ("r1", "r2"):
        text = render(fleet, name, MANAGED)
        assert " server-private 192.0.2.9 key Radius-K1" in text.splitlines()
        assert "crypto ikev2 proposal P" in text.splitlines()
        assert " server-private 192.0.2.9 key ******" in render(
            fleet, name, MANAGED, reveal=False).splitlines()
    assert written.count("ikev2_proposal.j2") == 1
    assert written.count("aaa.j2") == 2  # once per host's stencil; each cut writes its own key
