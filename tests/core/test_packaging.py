from __future__ import annotations

import tomllib
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
