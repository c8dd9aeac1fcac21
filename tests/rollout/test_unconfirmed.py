"""Unconfirmed changes under IOS's revert timer that are not the run's own: the lab shows them as
IOS does, and plan and rollout leave such a router alone, never pushing onto the change and never
confirming it (its timer rolls it back)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from flexorch.history import open_store
from flexorch.intent import make_nornir
from flexorch.pending import ROLLBACK_TIMER_COMMAND, read_pending
from flexorch.tasks.device import Device, session_defaults
from tests.rollout.conftest import CONFIRM_MINUTES, MINUTE, Site
from tests.rollout.test_cli import flexorch

pytestmark = pytest.mark.lab

FIXTURES = Path(__file__).parent / "fixtures" / "show_archive_config_rollback_timer"
BY_HAND = ["interface Loopback99", " description changed by hand, not confirmed"]


def _show_timer(site: Site, name: str) -> str:
    nr = make_nornir(site.fleet, [name], workers=1)
    session_defaults(nr, 10)
    try:
        result = nr.run(task=lambda task: Device(task, 10).command(ROLLBACK_TIMER_COMMAND, "x"))
    finally:
        nr.close_connections()
    return str(result[name][0].result)


def _wait_until_reverted(site: Site, name: str) -> None:
    limit = time.monotonic() + CONFIRM_MINUTES * MINUTE + 10
    while site.lab.router(name).revert_pending():
        assert time.monotonic() < limit, f"{name}: the revert timer never fired"
        time.sleep(0.1)


def test_the_lab_prints_the_rollback_timer_as_ios_does(site: Site) -> None:
    reference = (FIXTURES / "cmdref_absolute_timer.raw").read_text().splitlines()
    site.change_under_timer("h1-gre", BY_HAND, minutes=3)
    shown = _show_timer(site, "h1-gre").strip().splitlines()
    # Same lines, same words before the values, in the same order as the command reference.
    assert [line.split(":")[0] for line in shown] == [line.split(":")[0] for line in reference]
    assert shown[1:3] == ["Timer type: absolute timer", "Timer value: 3 min"]
    assert shown[3] == "User: flexorch"
    assert re.fullmatch(r"Time configured\(or reconfigured\): \d\d:\d\d:\d\d UTC "
                        r"[A-Z][a-z]{2} [A-Z][a-z]{2} \d{1,2} \d{4}", shown[0])
    pending = read_pending("\n".join(shown))
    assert pending is not None and pending.minutes == 3 and pending.reverts_at() is not None

    site.lab.router("h1-gre").call(lambda r: r.state.confirm())
    nothing = (FIXTURES / "none_pending.raw").read_text().strip()
    assert _show_timer(site, "h1-gre").strip() == nothing


def test_rollout_refuses_a_router_holding_a_change_and_never_confirms_it(site: Site) -> None:
    site.change_under_timer("h1-gre", BY_HAND, minutes=CONFIRM_MINUTES)
    report = site.run()

    states = {h.host: h for h in report.hosts}
    assert states["h1-gre"].status == "refused"
    assert "an unconfirmed change is pending under the revert timer" in states["h1-gre"].message
    assert "flexorch recover --host h1-gre --revert" in states["h1-gre"].message
    assert states["hub1"].status == "confirmed"
    assert report.exit_code() == 1
    router = site.lab.router("h1-gre")
    assert router.revert_pending()  # left as found: not confirmed, not pushed onto
    assert "crypto ikev2 profile" not in router.running_config()
    with open_store() as store:
        record = store.get_run(report.run_id or 0).host("h1-gre")
    assert record is not None and record.status == "failed"
    assert "recover --host h1-gre" in record.message

    _wait_until_reverted(site, "h1-gre")  # IOS rolls the hand-made change back by itself
    assert "Loopback99" not in router.running_config()


def test_plan_refuses_the_router_and_says_how_to_resolve_it(site: Site) -> None:
    # A timer that does not fire while plan reads the site on a loaded machine.
    site.change_under_timer("h1-ipsec", BY_HAND, minutes=60)
    done = flexorch(site, "plan", "--site", "hub1")
    assert done.returncode == 3, done.stderr  # the other routers' changes are pending
    line = next(row for row in done.stdout.splitlines() if row.startswith("h1-ipsec"))
    assert line.startswith("h1-ipsec (spoke): REFUSED: an unconfirmed change is pending under "
                           "the revert timer (absolute timer 60 min, set ")
    assert "`flexorch recover --host h1-ipsec --revert` (roll it back now)" in line
    assert done.stdout.rstrip().endswith(
        ", 1 refused (h1-ipsec); 1 router(s) hold an unconfirmed change: nothing is planned for "
        "them (flexorch recover)")
    assert site.lab.router("h1-ipsec").revert_pending()


def test_drift_reports_the_change_as_a_finding_of_its_own_kind(site: Site) -> None:
    import json

    # A timer long enough that it does not fire between the two drift runs on a slow machine.
    site.change_under_timer("h1-gre", BY_HAND, minutes=60)
    done = flexorch(site, "drift", "--host", "h1-gre", "--host", "h1-ipsec", "--format", "json")
    assert done.returncode == 1, done.stderr
    hosts = {h["host"]: h for h in json.loads(done.stdout)["hosts"]}
    finding = hosts["h1-gre"]["unconfirmed_change"]
    assert finding["kind"] == "unconfirmed-change"
    assert finding["line"].startswith("absolute timer 60 min, set ")
    assert finding["line"].endswith(" by flexorch")
    assert "flexorch recover --host h1-gre" in finding["detail"]
    assert hosts["h1-ipsec"]["unconfirmed_change"] is None
    with open_store() as store:
        run = store.list_runs(command="drift", limit=1)[0]
        record = store.get_run(run.id).host("h1-gre")
    assert record is not None and record.status == "drift"
    assert next(f.kind for f in record.drift) == "unconfirmed-change"

    text = flexorch(site, "drift", "--host", "h1-gre")
    assert "unconfirmed change: absolute timer 60 min, set " in text.stdout


def test_verify_says_the_tunnels_it_checked_are_not_settled(site: Site) -> None:
    site.change_under_timer("h1-gre", BY_HAND, minutes=CONFIRM_MINUTES)
    done = flexorch(site, "verify", "--host", "h1-gre")
    assert done.returncode == 1
    assert "UNCONFIRMED h1-gre (spoke): an unconfirmed change is pending" in done.stdout
    assert "1 unconfirmed (h1-gre)" in done.stdout


def test_recover_shows_then_reverts_now(site: Site) -> None:
    before = site.running("h1-gre")
    # 8 lab minutes (16 s): the change must still be pending after two flexorch commands; the
    # 10 s of CONFIRM_MINUTES ran out between them once on a loaded machine
    site.change_under_timer("h1-gre", BY_HAND, minutes=8)
    shown = flexorch(site, "recover", "--host", "h1-gre", "--host", "h1-ipsec")
    assert shown.returncode == 1
    assert "h1-gre (spoke): PENDING - an unconfirmed change is pending" in shown.stdout
    assert "h1-ipsec (spoke): CLEAN - no unconfirmed change" in shown.stdout
    assert site.lab.router("h1-gre").revert_pending()

    done = flexorch(site, "recover", "--host", "h1-gre", "--revert")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "h1-gre (spoke): REVERTED - rolled back now (configure revert now)" in done.stdout
    router = site.lab.router("h1-gre")
    assert not router.revert_pending()
    assert "Loopback99" not in router.running_config()
    assert "Loopback99" not in before
    with open_store() as store:
        run = store.list_runs(command="recover", limit=1)[0]
    assert run.outcome == "ok" and run.host_statuses == {"reverted": 1}


def test_recover_confirms_only_a_router_that_passes_verification(site: Site) -> None:
    assert site.run().exit_code() == 0  # every router on the intent, tunnels up
    # Timers long enough that none fires while recover verifies, however slow the machine.
    site.change_under_timer("h1-gre", BY_HAND, minutes=60)  # harmless to tunnels
    wrong_key = ["crypto ikev2 keyring FLEX_KEYS", " peer hub1",
                 "  pre-shared-key not-the-hubs-key-42"]  # the tunnel to hub1 fails to auth
    site.change_under_timer("h1-ipsec", wrong_key, minutes=60)
    no_tty = flexorch(site, "recover", "--site", "hub1", "--confirm")
    assert no_tty.returncode == 2
    assert "pass --yes to confirm without a prompt" in no_tty.stderr

    done = flexorch(site, "recover", "--site", "hub1", "--confirm", "--yes")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "h1-gre (spoke): CONFIRMED - verified, confirmed and saved" in done.stdout
    assert "h1-ipsec (spoke): REFUSED - verification failed (" in done.stdout
    assert not site.lab.router("h1-gre").revert_pending()
    assert "Loopback99" in site.lab.router("h1-gre").startup_config()
    assert site.lab.router("h1-ipsec").revert_pending()  # left for --revert, or its timer
