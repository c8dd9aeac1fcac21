"""Helpers of the lint tests: edit a copy of the healthy base inventory, list findings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from flexorch.lint import Report

BASE = Path(__file__).resolve().parent / "base"
DELETE = object()

# file -> YAML key path -> new value (DELETE removes the key)
Edits = dict[tuple[str, ...], Any]


def apply_edits(folder: Path, edits: Edits) -> None:
    """Apply ``{(file, key, key, ...): value}`` to the YAML files of ``folder``."""
    by_file: dict[str, list[tuple[tuple[str, ...], Any]]] = {}
    for (file, *keys), value in edits.items():
        by_file.setdefault(file, []).append((tuple(keys), value))
    for file, changes in by_file.items():
        path = folder / file
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for keys, value in changes:
            node = data
            for key in keys[:-1]:
                node = node.setdefault(key, {})
            if value is DELETE:
                node.pop(keys[-1], None)
            else:
                node[keys[-1]] = value
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def findings(report: Report) -> set[tuple[str, str, str]]:
    """``{(rule, host, path)}`` of a report (what the hand-written expectations compare to)."""
    return {(f.rule, f.host, f.path) for f in report.findings}


