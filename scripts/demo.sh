#!/usr/bin/env bash
# The main job against the built-in lab (filled in as lab, plan and rollout land).
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/flexorch --help
