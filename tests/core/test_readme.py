"""The README is the user's manual: keep what it states in step with the code."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from flexorch.cli import COMMANDS, cli


def _readme(repo_root: Path) -> str:
    return (repo_root / "README.md").read_text(encoding="utf-8")


def test_ci_runs_the_test_command_the_readme_gives(repo_root: Path) -> None:
    readme = _readme(repo_root)
    assert "make test" in readme
    ci = (repo_root / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"(?m)^make test$", ci)


def test_every_command_is_documented_with_its_options(repo_root: Path) -> None:
    readme = _readme(repo_root)
    for name in COMMANDS:
        assert f"`flexorch {name}" in readme, f"README does not document flexorch {name}"
    # every long option the README shows for a command exists on that command
    runner = CliRunner()
    for name in ("render", "lint", "verify", "plan", "rollout", "drift", "report", "parse"):
        row = next(line for line in readme.splitlines() if line.startswith(f"| `flexorch {name}"))
        help_text = runner.invoke(cli, [name, "--help"]).output
        for option in re.findall(r"--[a-z][a-z-]+", row.split("|")[1]):
            assert option in help_text, f"README shows {option} for {name}; the command has none"


def test_inventory_excerpt_is_verbatim(repo_root: Path) -> None:
    readme = _readme(repo_root)
    block = readme.split("# inventory/hosts.yaml (excerpt)", 1)[1].split("```", 1)[0]
    excerpt = block.split("\n", 1)[1]
    assert excerpt.strip()
    assert excerpt in (repo_root / "inventory" / "hosts.yaml").read_text(encoding="utf-8")


def test_playbook_example_is_the_shipped_default(repo_root: Path) -> None:
    shown = _readme(repo_root).split("# playbooks/default.yaml\n", 1)[1].split("```", 1)[0]
    assert shown == (repo_root / "playbooks" / "default.yaml").read_text(encoding="utf-8")
