#!/usr/bin/env bash
# The main job against the built-in lab, from nothing: start the lab (one simulated IOS-XE router
# per inventory host on 127.0.0.1), lint and plan site hub1, roll it out, verify the tunnels,
# check for drift, write the HTML report. The lab keeps running afterwards: stop it with
# `.venv/bin/flexorch lab down`.
set -euo pipefail
cd "$(dirname "$0")/.."
flexorch=.venv/bin/flexorch
site=${SITE:-hub1}
step() { printf '\n\033[1m$ flexorch %s\033[0m\n' "$*"; }

if $flexorch lab status >/dev/null 2>&1; then
  echo "lab already running: reusing it"
else
  step lab up
  $flexorch lab up
fi
step lint --site "$site"
$flexorch lint --site "$site"
step plan --site "$site"
rc=0; $flexorch plan --site "$site" || rc=$?
[ "$rc" -eq 0 ] || [ "$rc" -eq 3 ] || exit "$rc"   # 3 = changes pending: expected on day 0
step rollout --site "$site" --yes
$flexorch rollout --site "$site" --yes
step verify --site "$site"
$flexorch verify --site "$site"
step drift --site "$site"
$flexorch drift --site "$site"
mkdir -p out
step report --site "$site" --html "out/$site.html"
$flexorch report --site "$site" --html "out/$site.html"
step history --site "$site"
$flexorch history --site "$site" --limit 10
printf '\nDone: site %s rolled out, verified and drift-free. Report: out/%s.html\n' "$site" "$site"
printf 'The lab is still running (flexorch lab status); stop it with: %s lab down\n' "$flexorch"
