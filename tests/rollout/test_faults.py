"""Every fault the lab can inject, in a rollout of site hub1: the faulty host ends with the
intended config confirmed or with its previous config (never a change left unconfirmed), the
other hosts are unaffected (or, past the stage's threshold, untouched), and the report names
the host, the step and the cause.

"Previous config" is compared on the settings (flexorch.ios.config.normalize), with the ``archive``
section left out: flexorch configures it before the revert timer (the timer needs it) and it
stays.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from flexorch.ios.config import ConfigTree, normalize_config
from flexorch.lab.fleet import LabFleet
from flexorch.rollout.model import RolloutReport
from tests.rollout.conftest import CONFIRM_MINUTES, MINUTE, Site, playbook

pytestmark = pytest.mark.lab

OnChange = Callable[[LabFleet, str, Callable[[object], None]], None]


def _settings(text: str) -> str:
    tree = normalize_config(text, mask_secrets=False)
    return ConfigTree([n for n in tree.roots if n.text != "archive"]).to_text()


def _states(report: RolloutReport) -> dict[str, tuple[str, str, str]]:
    return {h.host: (h.status, h.step, h.message) for h in report.hosts}


def _assert_previous(site: Site, name: str, before: str) -> None:
    router = site.lab.router(name)
    assert not router.revert_pending(), name
    assert _settings(router.running_config()) == _settings(before), name


def _assert_others_confirmed(report: RolloutReport, *faulty: str) -> None:
    others = {h.host: h.status for h in report.hosts if h.host not in faulty}
    assert set(others.values()) == {"confirmed"}, others


def _wait(predicate: Callable[[], bool], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.1)


def test_auth_refused(site: Site) -> None:
    before = site.running("h1-v6")
    site.lab.router("h1-v6").set_fault("auth-refuse")
    report = site.run()
    status, step, message = _states(report)["h1-v6"]
    assert (status, step) == ("unreachable", "connect")
    assert "authentication failed" in message and "nothing was changed" in message
    _assert_others_confirmed(report, "h1-v6")
    assert report.exit_code() == 1
    site.lab.router("h1-v6").clear_faults()
    _assert_previous(site, "h1-v6", before)


def test_session_dropped_mid_push(site: Site) -> None:
    before = site.running("h1-ipsec")
    # 4 lines of the archive session, then the 10th line of the push drops the session
    site.lab.router("h1-ipsec").set_fault("drop-after", "10")
    report = site.run()
    status, step, message = _states(report)["h1-ipsec"]
    assert (status, step) == ("reverted", "revert")
    assert message.startswith("push failed: session dropped")
    assert "configure revert now" in message
    _assert_others_confirmed(report, "h1-ipsec")
    _assert_previous(site, "h1-ipsec", before)


def test_command_rejected_on_the_hub_stops_the_site(site: Site) -> None:
    before = {n: site.running(n) for n in site.names()}
    site.lab.router("hub1").set_fault("reject", "crypto ikev2 cts sgt")
    report = site.run()
    status, step, message = _states(report)["hub1"]
    assert (status, step) == ("reverted", "revert")
    assert "IOS refused line" in message and "'crypto ikev2 cts sgt'" in message
    assert "% Invalid input detected" in message
    assert [s.status for s in report.stages] == ["failed", "skipped", "skipped"]
    for name in site.names():
        if name != "hub1":
            assert _states(report)[name][0] == "skipped"
        _assert_previous(site, name, before[name])
    assert report.exit_code() == 1


def test_slow_device_is_waited_for(site: Site) -> None:
    site.lab.router("h1-mixed").set_fault("slow", "0.02")
    report = site.run()
    assert report.exit_code() == 0
    assert {h.status for h in report.hosts} == {"confirmed"}


def test_device_hung_mid_push_is_rolled_back_by_its_timer(site: Site, on_change: OnChange) -> None:
    before = site.running("h1-frag")

    def hang_once_armed(state: object) -> None:
        router = site.lab.lab.router("h1-frag")
        if getattr(state, "revert", None) is not None:
            router.faults.hang = True

    on_change(site.lab, "h1-frag", hang_once_armed)
    started = time.monotonic()
    report = site.run(timeout=2.0)  # a router that stops answering is given up on after 2 s
    status, step, message = _states(report)["h1-frag"]
    assert (status, step) == ("reverting", "revert")
    assert "push failed" in message and "revert timer" in message
    _assert_others_confirmed(report, "h1-frag")
    assert report.exit_code() == 1
    # nothing confirmed it: the timer fires within the confirm timeout
    router = site.lab.router("h1-frag")
    _wait(lambda: not router.revert_pending(),
          CONFIRM_MINUTES * MINUTE - (time.monotonic() - started) + 5)
    router.clear_faults()
    _assert_previous(site, "h1-frag", before)


def test_reload_mid_push(site: Site, on_change: OnChange) -> None:
    before = site.running("h1-sgt")
    fired: list[bool] = []

    def reload_once_armed(state: object) -> None:
        if getattr(state, "revert", None) is not None and not fired:
            fired.append(True)
            site.lab.lab.fault("h1-sgt", "reload")

    on_change(site.lab, "h1-sgt", reload_once_armed)
    report = site.run()
    assert fired
    status, step, message = _states(report)["h1-sgt"]
    assert status == "reverted" and step == "revert", message
    assert message.startswith("push failed: session dropped")
    _assert_others_confirmed(report, "h1-sgt")
    _assert_previous(site, "h1-sgt", before)


def test_peer_down_fails_the_gate(site: Site) -> None:
    before = site.running("h1-cert")
    site.lab.router("h1-cert").set_fault("peer-down", "hub1")
    report = site.run()
    status, step, message = _states(report)["h1-cert"]
    assert (status, step) == ("reverted", "revert")
    assert "verification failed: Tunnel0 to hub1 status: expected READY, observed absent" \
        in message
    cert = next(h for h in report.hosts if h.host == "h1-cert")
    assert [(c.tunnel, c.peer, c.check, c.ok) for c in cert.checks if not c.ok] == [
        ("Tunnel0", "hub1", "status", False)]
    _assert_others_confirmed(report, "h1-cert")
    _assert_previous(site, "h1-cert", before)


def test_threshold_reverts_the_stage_and_later_hosts_stay_untouched(site: Site) -> None:
    before = {n: site.running(n) for n in site.names()}
    book = playbook(stage_spokes={"batch_size": 2, "max_fail_pct": 10,
                                  "on_failure": "revert-stage-and-stop"})
    # spokes stage order (inventory): h1-ipsec h1-v6 | h1-mixed h1-frag | h1-sgt h1-cert
    site.lab.router("h1-frag").set_fault("reject", "tunnel mode ipsec ipv4")
    report = site.run(book)
    states = _states(report)
    assert states["hub1"][0] == "confirmed" and states["h1-gre"][0] == "confirmed"
    assert states["h1-frag"][:2] == ("reverted", "revert")
    assert "tunnel mode ipsec ipv4" in states["h1-frag"][2]
    assert states["h1-mixed"][0] == "reverted"
    assert "stage spokes failed" in states["h1-mixed"][2]
    for name in ("h1-ipsec", "h1-v6"):  # confirmed and saved in batch 1, then restored
        assert states[name][:2] == ("reverted", "restore"), states[name]
        _assert_previous(site, name, before[name])
        assert "crypto ikev2" not in site.lab.router(name).startup_config()
    for name in ("h1-sgt", "h1-cert"):
        assert states[name][0] == "skipped"
        assert site.running(name) == before[name]  # never touched, not even the archive
    for name in ("h1-mixed", "h1-frag"):
        _assert_previous(site, name, before[name])
    assert report.stages[2].status == "failed" and report.exit_code() == 1


def test_refused_secret_line_is_reported_masked(site: Site) -> None:
    from flexorch.history import open_store
    from flexorch.secrets import lab_secret

    site.lab.router("h1-v6").set_fault("reject", "pre-shared-key")
    report = site.run()
    status, step, message = _states(report)["h1-v6"]
    assert (status, step) == ("reverted", "revert")
    assert "IOS refused line" in message and "pre-shared-key ******" in message
    psk = lab_secret("FLEXORCH_PSK_H1_V6")
    assert psk not in message and psk not in str(report.to_json())
    with open_store() as store:
        record = store.get_run(report.run_id).host("h1-v6")  # type: ignore[arg-type]
    assert record is not None and psk not in record.message
    assert not any(psk in line for line in record.lines_sent)
