"""The import contracts of docs/ARCHITECTURE.md, enforced by CI's ``make test``.

``lint-imports`` checks the contracts of pyproject.toml (``[tool.importlinter]``): the layers
CLI -> lab -> workflows -> tasks -> core, only ``flexorch.cli.cmd_lab`` importing the lab,
asyncssh only in the lab, no import cycle between the lab's modules, and the ios layers.

``flexorch.tasks`` is installed from ``tasks/`` by a package-dir mapping, which import-linter's
graph builder (grimp) cannot follow; it sees the package through the ``flexorch/tasks`` symlink.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[2]


def _contracts() -> dict[str, dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return {c["id"]: c for c in config["tool"]["importlinter"]["contracts"]}


def _layer_modules() -> list[str]:
    """Every module named by a layer of the ``layers`` contract."""
    layers = _contracts()["layers"]["layers"]
    assert isinstance(layers, list)
    return [m.strip() for layer in layers for m in layer.replace("|", ":").split(":")]


def _lint_imports() -> str:
    found = Path(sys.executable).with_name("lint-imports")
    return str(found) if found.exists() else shutil.which("lint-imports") or "lint-imports"


def test_lint_imports_keeps_every_contract() -> None:
    done = subprocess.run([_lint_imports(), "--no-cache"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"Contracts: {len(_contracts())} kept, 0 broken." in done.stdout


def test_every_module_sits_in_a_layer() -> None:
    # A module left out of the layers contract would be free to import anything.
    layers = _layer_modules()
    graph = grimp.build_graph("flexorch")
    # Package __init__ modules whose subpackages are split between layers; each is tiny.
    split = {"flexorch", "flexorch.distributed", "flexorch.drift", "flexorch.plan"}
    outside = sorted(m for m in graph.modules if m not in split
                     and not any(m == layer or m.startswith(layer + ".") for layer in layers))
    assert outside == []


def test_the_tasks_are_in_the_graph() -> None:
    # Without the flexorch/tasks symlink grimp would drop every import of and by the tasks
    # silently, and the tasks layer would check nothing.
    graph = grimp.build_graph("flexorch")
    assert {"flexorch.tasks.device", "flexorch.tasks.push"} <= graph.modules
    assert "flexorch.plan.workflow" in graph.find_modules_that_directly_import(
        "flexorch.tasks.device")
