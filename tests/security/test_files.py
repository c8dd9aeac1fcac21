"""File writes: names checked before they become paths, never through a symlink, never over an
earlier run's backups; the state directory private and refused when others can write to it.

The audit's findings: a site name with ``/`` and ``..`` sent the default plan file outside the
state dir; lock, backup, plan and ``render --out`` writes followed symlinks (a backup symlink
wrote a PSK into a 0644 file); a 1777 state dir was used silently; ``backups/`` and ``plans/``
were 0755; a reset database made run 2 overwrite an older run's backups.
"""

from __future__ import annotations

import doctest
import os
import shutil
import stat
from pathlib import Path

import pytest

from flexorch import files, safetext
from flexorch.errors import BadInputError
from flexorch.files import new_private_dir, safe_component, write_file
from flexorch.paths import state_dir, state_subdir
from flexorch.plan.document import default_plan_path
from flexorch.rollout.hostflow import write_backup
from flexorch.rollout.lock import FileSiteLock
from tests.security.helpers import run, small_inventory


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_doctests_of_the_file_and_text_helpers() -> None:
    for module in (files, safetext):
        assert doctest.testmod(module).failed == 0


@pytest.mark.parametrize("name", ["../../etc", "a/b", "..", ".hidden", "-rf", "", "x\n", "h\u0661"])
def test_a_name_that_is_not_one_plain_file_name_is_refused(name: str) -> None:
    with pytest.raises(BadInputError, match="cannot be used in a file name"):
        safe_component(name, "site")


def test_site_with_a_path_in_it_is_bad_input(tmp_path: Path) -> None:
    folder = small_inventory(tmp_path / "inv")
    hosts = folder / "hosts.yaml"
    hosts.write_text(hosts.read_text().replace("site: s1", "site: x/../../../tmp/evil"))
    done = run("plan", "--site", "x/../../../tmp/evil", inventory=folder)
    assert done.returncode == 2
    assert "host hub1: data.site: 'x/../../../tmp/evil' is not a valid site name" in done.stderr
    assert not Path("/tmp/evil.json").exists()


def test_default_plan_path_stays_in_a_private_plans_folder() -> None:
    path = default_plan_path("hub1", "h1-gre")
    assert path == state_dir() / "plans" / "hub1-h1-gre.json"
    assert _mode(path.parent) == 0o700
    with pytest.raises(BadInputError):
        default_plan_path("../hub1")


def test_write_replaces_a_symlink_instead_of_writing_through_it(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("keep me\n")
    victim.chmod(0o644)
    link = tmp_path / "hub1.cfg"
    link.symlink_to(victim)
    write_file(link, "pre-shared-key s3cr3t-value\n", private=True)
    assert victim.read_text() == "keep me\n" and _mode(victim) == 0o644
    assert not link.is_symlink() and link.read_text() == "pre-shared-key s3cr3t-value\n"
    assert _mode(link) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hub1.cfg", "victim"]  # no temp left


def test_render_out_never_writes_through_a_symlink(tmp_path: Path) -> None:
    folder = small_inventory(tmp_path / "inv")
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim"
    victim.write_text("keep me\n")
    (out / "hub1.cfg").symlink_to(victim)
    done = run("render", "--out", str(out), "--with-secrets", inventory=folder)
    assert done.returncode == 0, done.stderr
    assert victim.read_text() == "keep me\n"
    assert not (out / "hub1.cfg").is_symlink() and _mode(out / "hub1.cfg") == 0o600


def test_backups_are_never_overwritten(tmp_path: Path) -> None:
    folder = tmp_path / "run1"
    folder.mkdir()
    first = write_backup(folder, "hub1", "first\n")
    with pytest.raises(FileExistsError):
        write_backup(folder, "hub1", "second\n")
    assert first.read_text() == "first\n" and _mode(first) == 0o600
    (folder / "h1-gre.cfg").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(FileExistsError):
        write_backup(folder, "h1-gre", "key 7 0822455D0A16\n")
    assert not (tmp_path / "elsewhere").exists()


def test_a_run_numbered_again_gets_its_own_backup_folder() -> None:
    # a reset history database numbers runs from 1 again: run1 stays the first run's
    root = state_subdir("backups", "hub1")
    first = new_private_dir(root, "run1")
    (first / "hub1.cfg").write_text("first run\n")
    second = new_private_dir(root, "run1")
    third = new_private_dir(root, "run1")
    assert (first.name, second.name, third.name) == ("run1", "run1.2", "run1.3")
    assert (first / "hub1.cfg").read_text() == "first run\n"
    assert {_mode(p) for p in (root, root.parent, first, second)} == {0o700}


def test_lock_file_symlink_is_refused(tmp_path: Path) -> None:
    locks = tmp_path / "locks"
    locks.mkdir()
    victim = tmp_path / "victim"
    victim.write_text("keep me\n")
    (locks / "hub1.lock").symlink_to(victim)
    with pytest.raises(BadInputError, match="is a symlink"):
        FileSiteLock("hub1", "rollout", locks).acquire()
    assert victim.read_text() == "keep me\n"


def test_state_dir_is_created_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLEXORCH_STATE_DIR", str(tmp_path / "new" / "state"))
    assert _mode(state_dir()) == 0o700
    assert _mode(state_subdir("locks")) == 0o700


def test_state_dir_writable_by_others_is_refused(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    folder = small_inventory(tmp_path / "inv")
    done = run("plan", "--site", "s1", inventory=folder,
                    env={"FLEXORCH_STATE_DIR": str(shared)})
    assert done.returncode == 2
    assert done.stderr == (f"flexorch: error: state directory {shared} is writable by group or "
                           f"other (mode 1777); run 'chmod 700 {shared}' or set "
                           "FLEXORCH_STATE_DIR\n")
    assert list(shared.iterdir()) == []


def test_state_dir_of_another_user_is_refused(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    if os.geteuid() == 0:
        theirs = tmp_path / "theirs"
        theirs.mkdir(mode=0o700)
        shutil.chown(theirs, 65534, 65534)  # nobody
    else:
        theirs = Path("/usr")  # root's, 0755: not writable by others, yet not ours
    monkeypatch.setenv("FLEXORCH_STATE_DIR", str(theirs))
    with pytest.raises(BadInputError, match=r"is owned by another user \(uid \d+\)"):
        state_dir()
