from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path


def test_every_subpackage_is_listed_in_pyproject(repo_root: Path) -> None:
    listed = set(
        tomllib.loads((repo_root / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        "flexorch." + ".".join(p.parent.relative_to(repo_root / "flexorch").parts)
        if p.parent != repo_root / "flexorch"
        else "flexorch"
        for p in (repo_root / "flexorch").rglob("__init__.py")
    }
    missing = found - listed
    assert not missing, f"add to [tool.setuptools] packages in pyproject.toml: {sorted(missing)}"


def _source_copy(repo_root: Path, target: Path) -> Path:
    """The files a build reads, copied (the flexorch/tasks symlink kept as a symlink), so the
    build's scratch folders never land in the working tree."""
    target.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(repo_root / name, target / name)
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("flexorch", "tasks", "templates", "parsers", "playbooks", "inventory"):
        shutil.copytree(repo_root / name, target / name, symlinks=True, ignore=skip)
    return target


INSTALLED = """\
import importlib.metadata as md, sys
from pathlib import Path
import flexorch, flexorch.tasks.device, flexorch.tasks.failures
from flexorch.paths import resource_dir
from nornir import InitNornir
plugin = {ep.name: ep for ep in md.entry_points(group="nornir.plugins.inventory")}
nr = InitNornir(inventory={"plugin": "FlexorchInventory",
                           "options": {"path": str(resource_dir("inventory"))}},
                logging={"enabled": False})
print(Path(flexorch.__file__).parent)
print(Path(flexorch.tasks.device.__file__).parent)
print(sorted(p.name for p in (resource_dir("inventory") / "schema").iterdir()))
print(plugin["FlexorchInventory"].value, len(nr.inventory.hosts))
"""


def test_non_editable_install_works_from_another_directory(repo_root: Path,
                                                           tmp_path: Path) -> None:
    """``pip install .`` (a wheel, not the editable checkout) in a fresh venv: flexorch.tasks is
    a real subpackage, the inventory plugin is registered, the resources are shipped, and no
    top-level ``tasks`` package is installed. Offline: the build backend is the test venv's."""
    src = _source_copy(repo_root, tmp_path / "src")
    pip = [sys.executable, "-m", "pip", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                    "-w", str(tmp_path / "dist"), str(src)], check=True, capture_output=True)
    (wheel,) = (tmp_path / "dist").glob("flexorch-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        tops = {name.split("/", 1)[0] for name in archive.namelist()}
    assert "tasks" not in tops and "flexorch" in tops
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([*pip, "--python", str(python), "install", "--no-deps", "--no-index",
                    str(wheel)], check=True, capture_output=True)
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; "
                                "print(sysconfig.get_paths()['purelib'])"], check=True,
                               capture_output=True, text=True).stdout.strip())
    # third-party dependencies come from the test venv, after the installed flexorch
    (site / "zz_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n",
                                           encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = subprocess.run([str(python), "-c", INSTALLED], cwd=elsewhere, capture_output=True,
                          text=True, check=False, env={"PATH": os.environ["PATH"],
                                                       "HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == str(site / "flexorch")
    assert lines[1] == str(site / "flexorch" / "tasks")
    assert lines[2] == str(["defaults.schema.json", "groups.schema.json", "hosts.schema.json"])
    assert lines[3] == "flexorch.intent.nornir:FlexorchInventory 12"
    assert not (site / "tasks").exists()
