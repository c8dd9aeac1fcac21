"""A partial plan or rollout (``--host``, ``--group``, ``--role``, ``--filter``) changes only the
selection, and still reads the routers it negotiates with and says what their tunnels to it will
do: a hub change reaches every spoke of that hub."""

from __future__ import annotations

import json

import pytest

from tests.rollout.conftest import Site
from tests.rollout.test_cli import flexorch

pytestmark = pytest.mark.lab

# hub1 alone moves to a proposal no spoke offers: every spoke's tunnel would fail.
HUB_ONLY_PROPOSAL = """    role: hub
    ikev2_proposals:
      FLEX_NGE:
        encryption: [aes-cbc-256]
        integrity: [sha256]
        group: [14]
"""


def test_a_partial_plan_of_a_hub_predicts_each_spoke_tunnel_it_breaks(site: Site) -> None:
    assert site.run().exit_code() == 0
    hosts = site.inventory / "hosts.yaml"
    text = hosts.read_text()
    hosts.write_text(text.replace("    role: hub\n", HUB_ONLY_PROPOSAL, 1))

    done = flexorch(site, "plan", "--host", "hub1")
    assert done.returncode == 4, done.stderr  # changes that leave tunnels down: not 3
    lines = done.stdout.splitlines()
    head = lines.index("partial: host hub1 (1 router(s)); the 7 router(s) they negotiate with "
                       "outside the selection keep their running config:")
    assert lines[head + 1].startswith("  h1-gre (spoke) Tunnel0 -> hub1:  NO_PROPOSAL_CHOSEN  "
                                      "at ike-proposal: hub1 supports no proposal of h1-gre")
    assert ("  7 tunnel(s) outside the selection are predicted to FAIL once it is changed: roll "
            "those routers out too, or change them first") in lines
    assert not any(line.startswith("h1-") for line in lines[:head])  # only hub1 is planned
    listed = flexorch(site, "history", "--command", "plan", "--limit", "1", "--format", "json")
    assert json.loads(listed.stdout)["runs"][0]["outcome"] == "predicted-failure", listed.stderr


def test_a_partial_rollout_changes_only_the_selection_and_says_so(site: Site) -> None:
    hub = flexorch(site, "rollout", "--site", "hub1", "--role", "hub", "--yes", "--timeout", "5")
    assert hub.returncode == 0, hub.stdout + hub.stderr
    assert hub.stdout.splitlines()[0].split()[:2] == ["hub1", "CONFIRMED"]
    # The spokes (outside) still run their day-0 config: no tunnel to the hub either way.
    assert "partial: role hub (1 router(s)); the 7 router(s) they negotiate with outside the " \
           "selection keep their running config:" in hub.stderr

    done = flexorch(site, "rollout", "--site", "hub1", "--filter",
                    "role=spoke&groups__contains=hub1_spokes&~name__in=h1-cert,h1-sgt",
                    "--yes", "--timeout", "5")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "partial: filter 'role=spoke&groups__contains=hub1_spokes&~name__in=h1-cert," \
           "h1-sgt' (5 router(s)); the 1 router(s) they negotiate with outside the selection " \
           "keep their running config:" in done.stderr
    assert "  every tunnel to them is predicted to come up" in done.stderr
    summary = {line.split()[0]: line.split()[1] for line in done.stdout.splitlines()[:5]}
    assert summary == dict.fromkeys(("h1-gre", "h1-ipsec", "h1-v6", "h1-mixed", "h1-frag"),
                                    "CONFIRMED")
    for name in ("h1-cert", "h1-sgt"):  # outside the selection: untouched
        assert "crypto ikev2 profile" not in site.running(name), name


def test_a_hosts_only_playbook_gives_every_other_router_a_verdict(site: Site) -> None:
    from flexorch.rollout.playbook import Playbook

    book = Playbook.model_validate({
        "name": "test", "confirm_timeout": 5, "workers": 8,
        "stages": [{"name": "two", "select": {"hosts": ["hub1", "h1-gre"]},
                    "gate": {"settle_seconds": 0, "attempts": 3, "interval_seconds": 0.3}}]})
    report = site.run(book)  # unattended: streaming, the others read in the background
    states = {h.host: h for h in report.hosts}
    assert (states["hub1"].status, states["h1-gre"].status) == ("confirmed", "confirmed")
    others = [h for name, h in states.items() if name not in ("hub1", "h1-gre")]
    assert len(others) == 6
    for h in others:
        assert (h.status, h.step) == ("skipped", "plan"), h
        assert h.message == ("no stage of playbook test selects it; nothing was changed (select "
                             "routers with --host/--group/--role/--filter)")
    assert report.exit_code() == 1
