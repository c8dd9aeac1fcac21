"""predict_sessions(): every static tunnel and FlexVPN client of a fleet, both ends' views."""

from __future__ import annotations

import hashlib
from pathlib import Path

from flexorch.ios.model import RouterConfig
from flexorch.ios.negotiate import Endpoint, Status, predict_sessions, views_by_router

CONFIGS = Path(__file__).parent / "configs"
KEYS = {name: hashlib.sha256(f"flexorch-test:{name}".encode()).hexdigest()[:24]
        for name in ("PSK_HUB", "PSK_SPOKES", "PSK_ANY", "PSK_OTHER")}
FLEET = ("hub1", "spoke1", "spoke2", "spoke3", "spoke4", "spoke5", "client1", "siteA", "siteB")


def _config(name: str, edits: dict[str, str] | None = None) -> RouterConfig:
    text = (CONFIGS / f"{name}.cfg").read_text(encoding="utf-8")
    for placeholder, key in KEYS.items():
        text = text.replace("{{" + placeholder + "}}", key)
    for old, new in (edits or {}).items():
        assert text.count(old) == 1, f"{old!r} not once in {name}.cfg"
        text = text.replace(old, new)
    return RouterConfig.from_text(text)


def fleet(**edits: dict[str, str]) -> dict[str, Endpoint]:
    return {name: Endpoint(name, _config(name, edits.get(name))) for name in FLEET}


def test_whole_fleet_establishes() -> None:
    sessions = predict_sessions(fleet())
    # Seven initiators: five spokes, the FlexVPN client, and ONE session for the siteA/siteB
    # pair (both have a tunnel to the other: either may initiate; the model walks siteA first).
    assert [(s.initiator, s.tunnel, s.responder) for s in sessions] == [
        ("client1", "Tunnel1", "hub1"),
        ("siteA", "Tunnel0", "siteB"),
        ("spoke1", "Tunnel0", "hub1"),
        ("spoke2", "Tunnel0", "hub1"),
        ("spoke3", "Tunnel0", "hub1"),
        ("spoke4", "Tunnel0", "hub1"),
        ("spoke5", "Tunnel0", "hub1"),
    ]
    assert all(s.outcome.status is Status.ESTABLISHED for s in sessions), [
        s.outcome.reason for s in sessions]


def test_hub_numbering_is_by_peer_name() -> None:
    views = views_by_router(predict_sessions(fleet()))
    hub = views["hub1"]
    assert [(v.peer, v.tunnel_id, v.interface) for v in hub] == [
        ("client1", 1, "Virtual-Access1"),
        ("spoke1", 2, "Virtual-Access2"),
        ("spoke2", 3, "Virtual-Access3"),
        ("spoke3", 4, "Virtual-Access4"),
        ("spoke4", 5, "Virtual-Access5"),
        ("spoke5", 6, "Virtual-Access6"),
    ]
    assert all(v.virtual_template == "Virtual-Template1" for v in hub)
    for spoke in ("spoke1", "spoke2", "spoke3", "spoke4", "spoke5", "client1"):
        (view,) = views[spoke]
        assert view.tunnel_id == 1 and view.initiator
        peer_view = next(v for v in hub if v.peer == spoke)
        assert view.local_spi == peer_view.remote_spi


def test_numbering_runs_twice_alike_and_views_are_never_shared() -> None:
    # The numbering sets the fields of the views predict_sessions made (no copies): two runs
    # on the same configs give the same numbers, and no view is held by two sessions.
    ends = fleet()
    first, second = predict_sessions(ends), predict_sessions(ends)
    numbers = [[(v.router, v.tunnel_id, v.interface) for v in s.views] for s in first]
    assert numbers == [[(v.router, v.tunnel_id, v.interface) for v in s.views] for s in second]
    hub_first = [v for s in first for v in s.views if v.router == "hub1"]
    assert [v.interface for v in hub_first] == [f"Virtual-Access{n}" for n in range(1, 7)]
    views = [v for run in (first, second) for s in run for v in s.views]
    assert len({id(v) for v in views}) == len(views) == 2 * 2 * 7


def test_site_to_site_pair_on_smart_defaults() -> None:
    sessions = predict_sessions(fleet())
    pair = next(s for s in sessions if s.initiator == "siteA")
    a, b = pair.views
    assert (a.interface, b.interface) == ("Tunnel0", "Tunnel5")
    assert b.virtual_template is None
    # Two static tunnels facing each other: either end may initiate, IOS shows whichever did.
    assert (a.initiator, b.initiator) == (None, None) and not pair.initiator_known
    # Both on IOS-XE 17's default proposal: the first of each type (aes-cbc-256, sha512, 19).
    assert (a.encryption, a.keysize, a.prf, a.hash, a.dh_group) == (
        "AES-CBC", 256, "SHA512", "SHA512", 19)
    assert (a.ipsec_profile, a.transform_set, b.transform_set) == ("default", "default", "default")
    assert (a.local_id, a.remote_id) == ("203.0.113.1", "203.0.113.2")


def test_client_uses_the_first_peer_that_answers() -> None:
    client = next(s for s in predict_sessions(fleet()) if s.initiator == "client1")
    # Peer 1 (192.0.2.200) belongs to no router; peer 2 is hub1.
    assert (client.client, client.destination, client.responder) == ("FC", "192.0.2.1", "hub1")
    assert client.outcome.established


def test_client_reports_the_informative_failure() -> None:
    routers = fleet(client1={f"  pre-shared-key {KEYS['PSK_ANY']}":
                             f"  pre-shared-key {KEYS['PSK_OTHER']}"})
    client = next(s for s in predict_sessions(routers) if s.initiator == "client1")
    # Peer 1: NO_RESPONDER; peer 2: wrong key. The auth failure is what the operator needs.
    assert client.outcome.status is Status.AUTH_FAILED
    assert client.destination == "192.0.2.1"


def test_one_broken_spoke_leaves_the_others() -> None:
    routers = fleet(spoke1={f"  pre-shared-key local {KEYS['PSK_SPOKES']}":
                            f"  pre-shared-key local {KEYS['PSK_OTHER']}"})
    sessions = predict_sessions(routers)
    by_spoke = {s.initiator: s for s in sessions}
    assert by_spoke["spoke1"].outcome.status is Status.AUTH_FAILED
    assert by_spoke["spoke1"].views == ()
    hub = views_by_router(sessions)["hub1"]
    assert [(v.peer, v.tunnel_id) for v in hub] == [
        ("client1", 1), ("spoke2", 2), ("spoke3", 3), ("spoke4", 4), ("spoke5", 5)]


def test_deterministic_and_independent_of_input_order() -> None:
    first = [s.outcome.to_dict() for s in predict_sessions(fleet())]
    reversed_fleet = dict(reversed(list(fleet().items())))
    second = [s.outcome.to_dict() for s in predict_sessions(reversed_fleet)]
    assert first == second


def test_unowned_destination_and_dynamic_without_client() -> None:
    routers = fleet(spoke1={" tunnel destination 192.0.2.1": " tunnel destination 192.0.2.250"},
                    spoke2={" tunnel destination 192.0.2.1": " tunnel destination dynamic"})
    sessions = {s.initiator: s for s in predict_sessions(routers)}
    assert sessions["spoke1"].responder is None
    assert sessions["spoke1"].outcome.status is Status.NO_RESPONDER
    # tunnel destination dynamic is only brought up by a FlexVPN client: no session.
    assert "spoke2" not in sessions


def test_silent_end_of_a_pair_lets_the_other_initiate() -> None:
    routers = fleet(siteA={"interface tunnel0": "crypto ipsec profile default\n"
                           " set transform-set default\n set ikev2-profile default\n"
                           " responder-only\ninterface tunnel0"})
    sessions = [s for s in predict_sessions(routers) if "site" in s.initiator]
    assert [(s.initiator, s.tunnel, s.responder) for s in sessions] == [
        ("siteB", "Tunnel5", "siteA")]
    assert sessions[0].outcome.established, sessions[0].outcome.reason
    assert sessions[0].views[1].interface == "Tunnel0"


def test_unreachable_router_brings_its_tunnels_down() -> None:
    routers = fleet()
    routers["hub1"] = Endpoint("hub1", routers["hub1"].config, reachable=False)
    sessions = predict_sessions(routers)
    to_hub = [s for s in sessions if s.responder == "hub1"]
    assert len(to_hub) == 6
    assert all(s.outcome.status is Status.NO_RESPONDER for s in to_hub)
    assert "hub1" not in views_by_router(sessions)
