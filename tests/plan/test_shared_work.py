"""The work shared between lint, render, prediction and plan gives what doing it again gives.

``flexorch.render.host_memo`` keeps one stencil (``flexorch.render.Stencil``, every rendering
of the host cut from it) and one model per host and fleet;
``flexorch.predict.intended_configs`` puts the pre-shared keys back into that model instead of
rendering with secrets and reading again; ``normalize_config`` normalises each distinct
top-level block once. Each is checked here against the path that does all the work again, on
the shipped inventory and on a generated site whose spokes differ (their own proposal, their own
transform set), not against values computed by the code under test.
"""

from __future__ import annotations

import dataclasses
import gc
import re
from pathlib import Path

import pytest

from flexorch.intent import load_fleet
from flexorch.intent.fleet import Fleet
from flexorch.ios.config import ConfigTree, normalize_config
from flexorch.ios.model import RouterConfig, Secret
from flexorch.lint import lint_fleet
from flexorch.predict import intended_configs, masked_config, prediction
from flexorch.render import _MEMOS, FULL, render_full, render_model, stencil
from tests.bench.gen_fleet import generate

ROOT = Path(__file__).resolve().parents[2]
# Spokes given their own blocks (host data replaces the group's): one proposal and one transform
# set no hub accepts, so lint and prediction have failures to report too.
OWN_BLOCKS = {
    "s00003": "    ikev2_proposals:\n      NGE: {encryption: [aes-cbc-256], prf: [sha256], "
              "integrity: [sha256], group: [14]}\n",
    "s00005": "    ipsec_transform_sets:\n      TS: {esp_encryption: esp-aes 256, "
              "esp_integrity: esp-sha256-hmac}\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = generate(tmp_path_factory.mktemp("site"), 8, 2)
    hosts = folder / "hosts.yaml"
    text = hosts.read_text(encoding="utf-8")
    for name, block in OWN_BLOCKS.items():
        text = re.sub(rf"(^{name}:\n(?:  .*\n)*?  data:\n)", lambda m, b=block: m.group(1) + b,
                      text, flags=re.MULTILINE)
    hosts.write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(autouse=True)
def _password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLEXORCH_DEVICE_PASSWORD", "shared-work-password")


def _fields(config: RouterConfig) -> dict[str, object]:
    """What a config holds (RouterConfig compares by identity)."""
    return {f.name: getattr(config, f.name) for f in dataclasses.fields(config)}


def _radius_keys_masked(config: RouterConfig) -> dict[str, object]:
    """``_fields`` with each RADIUS server's key as lint and prediction hold it (``******``)."""
    servers = {n: dataclasses.replace(s, key=Secret(0, "******") if s.key else None)
               for n, s in config.aaa.radius_servers.items()}
    return {**_fields(config),
            "aaa": dataclasses.replace(config.aaa, radius_servers=servers)}


def _fleets(site: Path) -> list[Fleet]:
    return [load_fleet(ROOT / "inventory"), load_fleet(site)]


def test_generated_spokes_differ(site: Path) -> None:
    fleet = load_fleet(site)
    assert "aes-cbc-256" in render_full(fleet, "s00003", reveal=False)
    assert "aes-cbc-256" not in render_full(fleet, "s00004", reveal=False)


def test_masked_rendering_and_model_are_those_of_a_fresh_rendering(site: Path) -> None:
    for fleet in _fleets(site):
        for name, host in fleet.hosts.items():
            fresh = render_model(host, FULL)
            assert render_full(fleet, name, reveal=False) == fresh
            assert stencil(fleet, name) is stencil(fleet, name)  # kept; its cuts are not
            assert _fields(masked_config(fleet, name)) == _fields(RouterConfig.from_tree(
                ConfigTree.from_rendered(fresh)))


def test_intended_configs_equal_reading_the_config_rendered_with_secrets(site: Path) -> None:
    """The pre-shared keys in clear, as read from the config rendered with its secrets; the
    other secrets stay masked (``intended_configs``: the negotiation model reads none)."""
    for fleet in _fleets(site):
        names = list(fleet.hosts)
        read = {n: RouterConfig.from_tree(ConfigTree.from_rendered(render_full(fleet, n)))
                for n in names}
        assert {n: _fields(c) for n, c in intended_configs(fleet, names).items()} == {
            n: _radius_keys_masked(c) for n, c in read.items()}
        keyed = [p for c in read.values() for k in c.keyrings.values() for p in k.peers
                 if p.psk is not None]
        assert keyed and all(p.psk is not None and p.psk.value != "******" for p in keyed)


def test_lint_and_prediction_repeat_on_a_fresh_fleet(site: Path) -> None:
    fleet, again = load_fleet(site), load_fleet(site)
    first = lint_fleet(fleet)
    assert {f.rule for f in first.findings} >= {"FV504", "FV505"}
    for report in (lint_fleet(fleet), lint_fleet(again)):
        assert report.findings == first.findings and report.sessions == first.sessions
    names = list(fleet.hosts)
    assert prediction(fleet, names).sessions == prediction(again, names).sessions


def test_canonical_trees_equal_the_uncached_normalisation(site: Path) -> None:
    fleet = load_fleet(site)
    for name in fleet.hosts:
        for text in (render_full(fleet, name), render_full(fleet, name, reveal=False)):
            for mask in (True, False):
                # a type-6 decrypter takes the uncached path (nothing here is type 6)
                plain = normalize_config(text, mask_secrets=mask,
                                         decrypt_type6=lambda cipher: None)
                assert normalize_config(text, mask_secrets=mask) == plain
                assert normalize_config(text, mask_secrets=mask).to_text() == plain.to_text()


def test_memo_is_per_fleet_and_goes_with_it(site: Path, tmp_path: Path) -> None:
    other = generate(tmp_path / "other", 8, 2)
    text = (other / "groups.yaml").read_text(encoding="utf-8")
    (other / "groups.yaml").write_text(text.replace("group: [21, 20]", "group: [19]"),
                                       encoding="utf-8")
    fleet, changed = load_fleet(site), load_fleet(other)
    assert "group 21 20" in render_full(fleet, "hub01", reveal=False)
    assert "group 19" in render_full(changed, "hub01", reveal=False)
    assert masked_config(fleet, "hub01").proposals["NGE"] != masked_config(
        changed, "hub01").proposals["NGE"]
    key = id(changed)
    assert key in _MEMOS
    del changed
    gc.collect()
    assert key not in _MEMOS


def test_prediction_after_lint_is_that_of_a_fleet_never_linted(site: Path) -> None:
    """Lint's prediction (keys as equality tokens) is kept for plan and the gates: it must be
    what predicting with the keys in clear gives, failures included, and a host whose intent
    is replaced must not see it."""
    for linted, fresh in ((load_fleet(ROOT / "inventory"), load_fleet(ROOT / "inventory")),
                          (load_fleet(site), load_fleet(site))):
        names = list(linted.hosts)
        report = lint_fleet(linted)
        assert report.secrets_unresolved == 0
        kept = prediction(linted, names)
        assert kept is prediction(linted, names)  # reused, not predicted again
        again = prediction(fresh, names)
        assert kept is not again
        assert kept.sessions == again.sessions
    statuses = {str(s.outcome.status) for s in kept.sessions}
    assert {"ESTABLISHED", "NO_PROPOSAL_CHOSEN"} <= statuses
    linted.hosts["s00003"] = fresh.hosts["s00003"]  # an equal intent, another object
    assert prediction(linted, names) is not kept


def test_plans_hold_each_distinct_line_once(site: Path) -> None:
    """Spokes receive the same lines: a run's plans hold one string per distinct line (the
    memory of a 100,000-router plan), with each router's lines and sections unchanged."""
    from flexorch.plan.remediate import remediate
    from flexorch.plan.workflow import plan_hosts
    from flexorch.render import render_day0, render_host

    fleet = load_fleet(site)
    names = list(fleet.hosts)
    running = {n: (render_day0(fleet, n), None) for n in names}
    works = plan_hosts(fleet, names, running, outcomes=False)
    firsts: dict[str, str] = {}
    for work in works:
        assert work.remediation is not None
        alone = remediate(render_day0(fleet, work.host), render_host(fleet, work.host))
        assert work.remediation == alone
        for line in work.remediation.lines:
            assert firsts.setdefault(line, line) is line
        for section in work.remediation.sections:
            assert all(firsts[line] is line for line in section.lines)
    assert " encryption aes-gcm-256" in firsts  # shared by every router of the site


def test_plans_share_equal_sections_and_outcome_rows_and_keep_differing_ones(site: Path) -> None:
    """Equal section changes and equal predicted tunnel rows are one object across the
    routers of a run (the memory of 100,000 plans); a spoke whose change or outcome differs
    keeps its own, equal to what planning it alone gives."""
    from flexorch.plan.outcomes import predicted_outcomes
    from flexorch.plan.remediate import remediate
    from flexorch.plan.workflow import plan_hosts
    from flexorch.render import render_day0, render_host

    fleet = load_fleet(site)
    names = list(fleet.hosts)
    works = {w.host: w for w in plan_hosts(
        fleet, names, {n: (render_day0(fleet, n), None) for n in names})}
    alone = predicted_outcomes(fleet, names)
    by_value: dict[object, object] = {}
    for name, work in works.items():
        assert work.remediation is not None
        assert work.remediation == remediate(render_day0(fleet, name), render_host(fleet, name))
        assert work.outcomes == alone[name]
        for section in work.remediation.sections:
            assert by_value.setdefault(section, section) is section
        for row in work.outcomes:
            assert by_value.setdefault(row, row) is row
    proposal = [s for s in works["s00001"].remediation.sections  # type: ignore[union-attr]
                if s.section == "crypto ikev2 proposal NGE"]
    own = [s for s in works["s00003"].remediation.sections  # type: ignore[union-attr]
           if s.section == "crypto ikev2 proposal NGE"]
    assert proposal and own and proposal[0] is not own[0]
    assert " encryption aes-cbc-256" in own[0].lines
    assert " encryption aes-cbc-256" not in proposal[0].lines
    # s00003's proposal is refused by its hub, s00001's is not: different rows, not one
    assert works["s00003"].outcomes[0].status != works["s00001"].outcomes[0].status
    shared = [w.outcomes[0] for w in works.values() if w.outcomes and w.role == "spoke"
              and w.outcomes[0] == works["s00001"].outcomes[0]]
    assert len(shared) > 1 and all(row is shared[0] for row in shared)


def test_peer_names_are_the_hubs_and_a_hubs_spokes(site: Path) -> None:
    """What a prediction for some routers needs: them, their hubs, a hub's spokes, in
    inventory order (the generated site: odd spokes on hub02, even ones on hub01)."""
    from flexorch.errors import UnknownTargetError
    from flexorch.predict import peer_names

    fleet = load_fleet(site)
    assert peer_names(fleet, ["s00003"]) == ["hub02", "s00003"]
    assert peer_names(fleet, ["s00004", "s00003"]) == ["hub01", "hub02", "s00003", "s00004"]
    assert peer_names(fleet, ["hub02"]) == ["hub02", "s00001", "s00003", "s00005", "s00007"]
    assert peer_names(fleet, ["s00002", "hub02"]) == [
        "hub01", "hub02", "s00001", "s00002", "s00003", "s00005", "s00007"]
    assert peer_names(fleet, []) == []
    with pytest.raises(UnknownTargetError):
        peer_names(fleet, ["nope"])


def _cleared() -> None:
    """Empty every memo of the comparison and the plan of sections (``diff._TOP_PAIRS``,
    ``diff._REMOVED``, ``remediate._SECTIONS``) and the registry of shared blocks."""
    import sys

    from flexorch.ios.config import diff, normalize

    remediate_module = sys.modules["flexorch.plan.remediate"]
    for memo in (diff._TOP_PAIRS, diff._REMOVED, remediate_module._SECTIONS, normalize._SHARED):
        memo.clear()


def test_plans_of_shared_blocks_equal_plans_made_afresh(site: Path) -> None:
    from flexorch.plan.remediate import remediate_trees
    from flexorch.plan.workflow import plan_one
    from flexorch.render import render_day0, render_host

    fleet = load_fleet(site)
    names = list(fleet.hosts)
    runnings = {n: render_day0(fleet, n) for n in names}
    # the routers half moved: the intent of every other one, day 0 for the rest
    runnings.update({n: render_full(fleet, n) for n in names[::2]})
    kept = [plan_one(fleet, n, runnings[n]).remediation for n in names]  # memos filled as it goes
    for name, plan in zip(names, kept, strict=True):
        _cleared()
        fresh = remediate_trees(normalize_config(ConfigTree.from_text(runnings[name]),
                                                 mask_secrets=False),
                                normalize_config(ConfigTree.from_rendered(
                                    render_host(fleet, name)), mask_secrets=False))
        assert plan == fresh


def test_a_tree_read_from_text_is_compared_as_it_is_now() -> None:
    from flexorch.ios.config import compare

    running = ConfigTree.from_text("crypto ikev2 proposal P\n encryption aes-cbc-256\n")
    intended = ConfigTree.from_text("crypto ikev2 proposal P\n encryption aes-cbc-128\n")
    assert [c.kind for c in compare(running, intended).changes] == ["changed"]
    running.roots[0].children[0].text = "encryption aes-cbc-128"  # a tree of one's own, changed
    assert compare(running, intended).changes == ()
