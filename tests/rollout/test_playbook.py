from __future__ import annotations

from pathlib import Path

import pytest

from flexorch.errors import BadInputError
from flexorch.paths import resource_dir
from flexorch.rollout.playbook import load_playbook


def test_default_playbook_is_hubs_canary_then_batches() -> None:
    book = load_playbook(resource_dir("playbooks") / "default.yaml")
    assert [s.name for s in book.stages] == ["hubs", "canary", "spokes"]
    assert book.stages[0].select.role == "hub"
    assert book.stages[1].select.limit == 1
    assert book.stages[2].select.rest is True
    assert book.stages[2].batch_size == 25
    assert book.confirm_timeout == 10


def test_overrides_apply_to_spoke_stages_only_for_batch_size() -> None:
    book = load_playbook(resource_dir("playbooks") / "default.yaml")
    changed = book.with_overrides(batch_size=5, max_fail_pct=20, confirm_timeout=3)
    assert changed.stages[0].batch_size is None
    assert changed.stages[2].batch_size == 5
    assert all(s.max_fail_pct == 20 for s in changed.stages)
    assert changed.confirm_timeout == 3
    with pytest.raises(BadInputError, match="confirm_timeout"):
        book.with_overrides(confirm_timeout=0)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name: x\nstages: [\n", "line"),
        ("- a\n- b\n", "a playbook is a mapping"),
        ("name: x\nstages: []\n", "stages"),
        (
            "name: x\nstages:\n  - name: a\n    select: {role: hub}\n    bogus: 1\n",
            "bad.yaml:5: stages[0].bogus: unknown key 'bogus' (allowed: batch_size, gate, "
            "max_fail_pct, name, on_failure, select)",
        ),
        (
            "name: x\nstages:\n  - name: a\n    select: {rol: hub}\n",
            "bad.yaml:4: stages[0].select.rol: unknown key 'rol' (did you mean 'role'?)",
        ),
        (
            "name: x\nstages:\n  - name: a\n    select: {rest: true}\n"
            "    gate: {setle_seconds: 1}\n",
            "bad.yaml:5: stages[0].gate.setle_seconds: unknown key 'setle_seconds' (did you mean "
            "'settle_seconds'?)",
        ),
        ("name: x\nstages:\n  - name: a\n    select: {role: router}\n",
         "bad.yaml:4: stages[0].select.role: Input should be 'hub', 'spoke' or 'client'"),
        ("name: x\nstages:\n  - name: a\n    select: {}\n", "a selector needs"),
        (
            "name: x\nstages:\n  - name: a\n    select: {rest: true}\n    max_fail_pct: 150\n",
            "max_fail_pct",
        ),
        (
            "name: x\nconfirm_timeout: 500\nstages:\n  - name: a\n    select: {rest: true}\n",
            "confirm_timeout",
        ),
        (
            "name: x\nstages:\n  - {name: a, select: {rest: true}}\n"
            "  - {name: a, select: {role: hub}}\n",
            "repeated: a",
        ),
        (
            "name: x\nstages:\n  - name: a\n    select: {rest: true}\n    batch_size: 0\n",
            "batch_size",
        ),
    ],
)
def test_bad_playbooks_name_file_and_path(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(BadInputError) as info:
        load_playbook(path)
    assert str(path) in str(info.value)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_missing_playbook_file(tmp_path: Path) -> None:
    with pytest.raises(BadInputError, match="cannot read playbook"):
        load_playbook(tmp_path / "nope.yaml")
