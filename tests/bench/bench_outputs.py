"""Output generation for big sites (issue 14): text of verify, drift, plan and `history show`, and
the HTML site report, at 300 and 2,000 spokes; then the 300-router lab scenario.

    .venv/bin/python tests/bench/bench_outputs.py [--spokes 300 2000] [--no-lab]

Each figure is printed with its baseline measured in the same run, on this machine:

- text outputs: the default (problems first, passing rows counted) against ``--all`` (every
  row listed, as these commands printed before): lines and milliseconds to generate; plan (a
  hub's first rollout: its keyring and profile for every spoke, five spokes with a change, one
  unreachable) against ``--full --all`` (every line, every router, every predicted tunnel);
  plan of a fresh site (day 0: every router has changes, spokes with the same change grouped
  into one section) against ``--full`` (every router's section);
- the site report (``tests/bench/gen_history.py``: one hub, N spokes, 5 broken, one
  unreachable): building the report from the store and rendering it, page weight, against the
  same report rendered as the full matrix with every host's row (``compact=False``);
- the lab scenario (``tests/bench/big_lab.py``: one hub and 299 spokes booted configured, five
  broken by hand): the line on which each broken spoke first appears in `flexorch verify`,
  `flexorch drift` and `flexorch plan`, and its row in the report's problems table. A screen is
  about 40 lines.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "bench"))


def timed(make: Callable[[], object]) -> tuple[float, object]:
    """Best of three, milliseconds."""
    best, result = float("inf"), None
    for _ in range(3):
        started = time.perf_counter()
        result = make()
        best = min(best, (time.perf_counter() - started) * 1000)
    return best, result


def verify_report(spokes: int) -> object:
    from flexorch.verify import Comparison
    from flexorch.verify_run import HostVerify, VerifyReport

    def checks(host: str, tunnel: str, peer: str, ok: bool) -> list[Comparison]:
        status = "READY" if ok else "absent"
        out = [Comparison(host, peer, tunnel, "status", "READY", status, ok,
                          "" if ok else "NO_PROPOSAL_CHOSEN at ike-proposal: ...")]
        if ok:
            out += [Comparison(host, peer, tunnel, c, "x", "x", True)
                    for c in ("suite", "fragmentation", "sgt", "nat_t")]
        return out

    broken = {f"s{(i * spokes) // 5 + 17:05d}" for i in range(5)}
    hub = [c for i in range(1, spokes + 1)
           for c in checks("hub", "Virtual-Template1", f"s{i:05d}", f"s{i:05d}" not in broken)]
    hosts = [HostVerify("hub", "hub", "mismatch", comparisons=hub)]
    hosts += [HostVerify(f"s{i:05d}", "spoke", "mismatch" if f"s{i:05d}" in broken else "ok",
                         comparisons=checks(f"s{i:05d}", "Tunnel1", "hub",
                                            f"s{i:05d}" not in broken))
              for i in range(1, spokes + 1)]
    return VerifyReport("big", hosts)


def drift_report(spokes: int) -> object:
    from flexorch.drift.report import DriftReport, HostDrift
    from flexorch.verify_run import VerifyReport

    verified = verify_report(spokes)
    assert isinstance(verified, VerifyReport)
    return DriftReport("big", [
        HostDrift(h.host, h.role, "clean" if h.verdict == "ok" else "drift",
                  comparisons=h.comparisons) for h in verified.hosts])


def plan_document(spokes: int) -> object:
    """A hub's first rollout at a site of ``spokes``: its keyring and profile for every spoke
    (every tunnel new), five spokes with a proposal change, one unreachable."""
    from flexorch.plan.document import PlanDocument

    names = [f"s{i:05d}" for i in range(1, spokes + 1)]
    changed, unreachable = set(names[16::spokes // 5][:5]), names[153 % spokes]
    up = {"status": "ESTABLISHED", "step": "done", "suite": "AES-GCM-256 PRF SHA512 DH 21"}
    hub = ["crypto ikev2 keyring FLEX_KEYS"] + [
        line for n in names for line in (f" peer {n}", f"  identity fqdn {n}.example",
                                         "  pre-shared-key ******")]
    hub += ["crypto ikev2 profile FLEX"] + [f" match identity remote fqdn {n}.example"
                                            for n in names]
    hosts = [{"host": "hub", "role": "hub", "status": "changes", "lines": hub,
              "outcomes": [{**up, "tunnel": "Virtual-Template1", "peer": n, "initiator": False}
                           for n in names]}]
    for n in names:
        row = {"host": n, "role": "spoke", "status": "no-changes",
               "outcomes": [{**up, "tunnel": "Tunnel0", "peer": "hub", "initiator": True}]}
        if n in changed:
            row |= {"status": "changes", "lines": ["crypto ikev2 proposal NGE", " group 21 20",
                                                   " no group 19"]}
        elif n == unreachable:
            row = {"host": n, "role": "spoke", "status": "unreachable", "message": "timed out"}
        hosts.append(row)
    tunnels = [{"tunnel": f"{n} Tunnel0 -> hub", "verdict": "new", "before": "AUTH_FAILED",
                "after": "ESTABLISHED"} for n in names]
    pushes = [{"host": n, "kind": "change", "lines": hosts[i]["lines"]}
              for i, n in enumerate(["hub", *names]) if hosts[i]["status"] == "changes"]
    phases = [{"index": 0, "name": "hubs", "stage": "hubs", "batch": 1, "hosts": ["hub"],
               "pushes": pushes[:1]},
              {"index": 1, "name": "spokes", "stage": "spokes", "batch": 1, "hosts": names,
               "pushes": pushes[1:]}]
    return PlanDocument.model_validate({
        "site": "big", "created": "now", "inventory": "inv", "hosts": hosts,
        "rollout": {"phases": phases, "tunnels": tunnels}})


def fresh_plan_document(spokes: int) -> object:
    """A fresh site's day-0 plan, computed as ``flexorch plan`` does (``tests/bench/gen_fleet.py``
    inventory; every router's running config its day-0 config): every router has changes, the
    spokes the same lines but for their addresses and names (IPv4, IPv6 and GRE spokes)."""
    from gen_fleet import generate

    from flexorch.intent import load_fleet
    from flexorch.paths import resource_dir
    from flexorch.plan.workflow import plan_document, plan_hosts, plan_phases
    from flexorch.render import render_day0
    from flexorch.rollout.playbook import load_playbook

    os.environ.setdefault("FLEXORCH_DEVICE_PASSWORD", "bench-password")
    with tempfile.TemporaryDirectory() as tmp:
        fleet = load_fleet(generate(Path(tmp), spokes))
    names = list(fleet.hosts)
    works = plan_hosts(fleet, names, {n: (render_day0(fleet, n), None) for n in names})
    phased = plan_phases(fleet, works, load_playbook(resource_dir("playbooks") / "default.yaml"))
    return plan_document("bench", fleet, works, phased=phased, playbook="default")


def text_figures(spokes: int) -> None:
    import click
    from gen_history import seed_big

    from flexorch.drift.report import DriftReport
    from flexorch.history import open_store
    from flexorch.history.text import format_run
    from flexorch.plan.document import PlanDocument
    from flexorch.plan.text import plan_text
    from flexorch.verify_run import VerifyReport
    from flexorch.verify_text import report_lines

    verified = verify_report(spokes)
    drifted = drift_report(spokes)
    planned, fresh = plan_document(spokes), fresh_plan_document(spokes)
    assert isinstance(verified, VerifyReport) and isinstance(drifted, DriftReport)
    assert isinstance(planned, PlanDocument) and isinstance(fresh, PlanDocument)
    from flexorch.drift.text import report_text

    with tempfile.TemporaryDirectory() as tmp, open_store(f"{tmp}/h.sqlite3") as store:
        site = seed_big(store, spokes=spokes)
        run = store.get_run(site.runs["verify"])
    rows: list[tuple[str, str, Callable[[bool], str]]] = [
        ("verify", "--all", lambda every: "\n".join(report_lines(verified, show_all=every))),
        ("drift", "--all", lambda every: report_text(drifted, show_all=every)),
        ("history show (verify run)", "--all", lambda every: format_run(run, show_all=every)),
        ("plan (hub's first rollout)", "--full --all",
         lambda every: plan_text(planned, full=every, show_all=every)),
        ("plan (fresh site, day 0)", "--full",
         lambda every: plan_text(fresh, full=every)),
    ]
    for name, baseline, make in rows:
        ms, text = timed(lambda make=make: click.unstyle(str(make(False))))
        base_ms, base = timed(lambda make=make: click.unstyle(str(make(True))))
        print(f"  {name:<26} {len(str(text).splitlines()):>7,} lines {ms:8.1f} ms   "
              f"baseline {baseline + ':':<12} {len(str(base).splitlines()):>7,} lines "
              f"{base_ms:8.1f} ms")


def report_figures(spokes: int) -> None:
    from gen_history import seed_big

    from flexorch.history import open_store
    from flexorch.report.html import render_site_html
    from flexorch.report.site import build_site_report

    with tempfile.TemporaryDirectory() as tmp, open_store(f"{tmp}/h.sqlite3") as store:
        site = seed_big(store, spokes=spokes)
        build_ms, report = timed(lambda: build_site_report(store, site.site))
    compact_ms, page = timed(lambda: render_site_html(report))  # type: ignore[arg-type]
    full_ms, full = timed(lambda: render_site_html(report, compact=False))  # type: ignore[arg-type]
    print(f"  report: build {build_ms:7.1f} ms; render {compact_ms:7.1f} ms, page "
          f"{len(str(page).encode()) / 1024:8.1f} KiB   baseline full matrix: render "
          f"{full_ms:7.1f} ms, page {len(str(full).encode()) / 1024:8.1f} KiB")


def first_line(text: str, word: str) -> int | None:
    return next((i for i, line in enumerate(text.splitlines(), 1) if word in line), None)


def lab_scenario(spokes: int) -> None:
    from big_lab import big_site

    with tempfile.TemporaryDirectory() as tmp:
        # The lab pins its host key in the state directory's known_hosts: set it first.
        os.environ["FLEXORCH_STATE_DIR"] = f"{tmp}/state"
        env = {**os.environ, "COLUMNS": "160"}
        with big_site(Path(tmp), spokes) as (inventory, _, broken):
            env["FLEXORCH_INVENTORY"] = str(inventory)
            outputs = {}
            for command in ("verify", "drift", "plan"):
                started = time.perf_counter()
                done = subprocess.run([sys.executable, "-m", "flexorch", command, "--site",
                                       "bench"], capture_output=True, text=True, env=env,
                                      check=False, cwd=ROOT)
                outputs[command] = done.stdout
                print(f"  {command:<7} exit {done.returncode}, {len(done.stdout.splitlines()):,} "
                      f"lines, {time.perf_counter() - started:5.1f} s")
            every = subprocess.run([sys.executable, "-m", "flexorch", "plan", "--site", "bench",
                                    "--full", "--all"], capture_output=True, text=True, env=env,
                                   check=False, cwd=ROOT)
            print(f"  baseline plan --full --all: {len(every.stdout.splitlines()):,} lines")
            page = Path(tmp) / "bench.html"
            subprocess.run([sys.executable, "-m", "flexorch", "report", "--site", "bench",
                            "--html", str(page)], env=env, check=True, capture_output=True,
                           cwd=ROOT)
            html = page.read_text(encoding="utf-8")
            problems = html[html.index('id="problems-table"'):html.index('<section id="tunnels"')]
            rows = problems.split("<tr data-host=")
            for spoke, cause in broken.items():
                where = {c: first_line(outputs[c], spoke) for c in outputs}
                with_cause = {c: any(spoke in line and cause in line
                                     for line in outputs[c].splitlines()[:40]) for c in outputs}
                row = next((i for i, r in enumerate(rows) if r.startswith(f'"{spoke}"')), None)
                print(f"  {spoke} ({cause}): first line " + ", ".join(
                    f"{c} {where[c]}{' with cause' if with_cause[c] else ''}" for c in outputs)
                    + f"; report problems row {row}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spokes", type=int, nargs="+", default=[300, 2000])
    parser.add_argument("--lab-spokes", type=int, default=299)
    parser.add_argument("--no-lab", action="store_true")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f} (2 CPUs shared with other work)")
    for spokes in args.spokes:
        print(f"{spokes:,} spokes:")
        text_figures(spokes)
        report_figures(spokes)
    if not args.no_lab:
        print(f"lab scenario, one hub and {args.lab_spokes} spokes, 5 broken:")
        lab_scenario(args.lab_spokes)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
