"""File-based push (``file_push_above``) over real SSH + SCP on the lab: every host pushed as a
file ends with its intended config confirmed, or, after a fault (transfer cut, a line refused
by ``copy``, a reload during the transfer), with its previous config; no pushed file is left in
any router's flash."""

from __future__ import annotations

import pytest

from flexorch.ios.config import ConfigTree, normalize_config
from flexorch.plan.remediate import remediate
from flexorch.render import render_host
from flexorch.rollout.model import HostState, RolloutReport
from flexorch.rollout.progress import NullReporter
from flexorch.tasks.filepush import (
    FILE_PREFIX,
    SCP_SERVER_LINE,
    file_text,
    lines_carried,
    push_file_name,
)
from tests.rollout.conftest import Site, playbook

pytestmark = pytest.mark.lab

AS_FILES = {"file_push_above": 0}  # every change, however small, as a file


def _settings(text: str) -> str:
    tree = normalize_config(text, mask_secrets=False)
    kept = [n for n in tree.roots if n.text not in ("archive", SCP_SERVER_LINE)]
    return ConfigTree(kept).to_text()


def _states(report: RolloutReport) -> dict[str, tuple[str, str, str]]:
    return {h.host: (h.status, h.step, h.message) for h in report.hosts}


def _no_push_files(site: Site) -> None:
    for name in site.names():
        left = [f for f in site.lab.router(name).flash() if f.startswith(FILE_PREFIX)]
        assert left == [], (name, left)


def _intended(site: Site, name: str) -> None:
    router = site.lab.router(name)
    assert not router.revert_pending(), name
    assert remediate(router.running_config(), render_host(site.fleet, name)).lines == (), name


def _previous(site: Site, name: str, before: str) -> None:
    router = site.lab.router(name)
    assert not router.revert_pending(), name
    assert _settings(router.running_config()) == _settings(before), name


def test_names_and_file_text() -> None:
    assert push_file_name("run7-20261203") == "flexorch-push-run7-20261203.cfg"
    assert file_text(["crypto ikev2 proposal P", " encryption aes-gcm-256"]) == (
        "crypto ikev2 proposal P\n encryption aes-gcm-256\nend\n")
    # 23 characters + newline, twice: whole lines only, ``end`` not counted
    count = lines_carried(["crypto ikev2 proposal P", " encryption aes-gcm-256"])
    assert [count(n) for n in (0, 23, 24, 25, 47, 48, 52)] == [0, 0, 1, 1, 1, 2, 2]


class Heard(NullReporter):
    """What a file push tells the reporter: each host's steps and its lines-sent counts."""

    def __init__(self) -> None:
        self.steps: dict[str, list[str]] = {}
        self.sent_counts: dict[str, list[int]] = {}

    def step(self, host: HostState, step: str) -> None:
        self.steps.setdefault(host.host, []).append(step)

    def sent(self, host: HostState, lines: int) -> None:
        self.sent_counts.setdefault(host.host, []).append(lines)


def test_every_host_pushed_as_a_file(site: Site) -> None:
    heard = Heard()
    report = site.run(playbook(**AS_FILES), reporter=lambda _: heard)
    assert {h.status for h in report.hosts} == {"confirmed"}, _states(report)
    for host in report.hosts:
        # the transfer's progress in lines, ending with every line carried, then the copy
        counts = heard.sent_counts[host.host]
        assert counts == sorted(counts) and counts[-1] == host.sent > 0, (host.host, counts)
        steps = heard.steps[host.host]
        assert steps.index("copy") == steps.index("push") + 1, (host.host, steps)
    for name in site.names():
        _intended(site, name)
        running = ConfigTree.from_text(site.lab.router(name).running_config())
        assert running.get(SCP_SERVER_LINE) is not None, name  # ensured, and left in place
    _no_push_files(site)


def test_transfer_cut_changes_nothing(site: Site) -> None:
    before = site.running("h1-v6")
    site.lab.router("h1-v6").set_fault("transfer-drop", "40")
    report = site.run(playbook(**AS_FILES))
    status, _, message = _states(report)["h1-v6"]
    assert status == "failed", message
    assert message.startswith("transfer failed: session dropped") and \
        message.endswith("nothing was changed"), message
    _previous(site, "h1-v6", before)
    assert {s for h, (s, _, _) in _states(report).items() if h != "h1-v6"} == {"confirmed"}
    _no_push_files(site)


def test_line_refused_by_copy_is_backed_out(site: Site) -> None:
    before = site.running("h1-v6")
    site.lab.router("h1-v6").set_fault("reject", "pre-shared-key")
    report = site.run(playbook(**AS_FILES))
    status, step, message = _states(report)["h1-v6"]
    assert (status, step) == ("reverted", "revert"), message
    assert "IOS refused 1 line(s) of flash:flexorch-push-" in message, message
    assert "% Invalid input detected at '^' marker." in message, message
    _previous(site, "h1-v6", before)
    _no_push_files(site)


def test_reload_during_transfer_changes_nothing(site: Site) -> None:
    before = site.running("h1-sgt")
    site.lab.router("h1-sgt").set_fault("transfer-reload", "40")
    report = site.run(playbook(**AS_FILES))
    status, _, message = _states(report)["h1-sgt"]
    assert status == "failed" and message.endswith("nothing was changed"), message
    _previous(site, "h1-sgt", before)
    _no_push_files(site)  # deleted once the router was back
