"""What the negotiation model computes once for the routers of a fleet that share a table (their
transform sets, proposals) still answers for each router: a failure names the router it
happened on, whichever router computed the shared value first."""

from __future__ import annotations

import hashlib
from pathlib import Path

from flexorch.ios.model import RouterConfig
from flexorch.ios.negotiate import Endpoint, Status, negotiate

CONFIGS = Path(__file__).parent / "configs"
KEYS = {name: hashlib.sha256(f"flexorch-test:{name}".encode()).hexdigest()[:24]
        for name in ("PSK_HUB", "PSK_SPOKES", "PSK_ANY", "PSK_OTHER")}


def _config(name: str, old: str = "", new: str = "") -> RouterConfig:
    text = (CONFIGS / f"{name}.cfg").read_text(encoding="utf-8")
    for placeholder, key in KEYS.items():
        text = text.replace("{{" + placeholder + "}}", key)
    if old:
        assert text.count(old) == 1, f"{old!r} not once in {name}.cfg"
        text = text.replace(old, new)
    return RouterConfig.from_text(text)


def _spoke(endpoint: str, old: str = "", new: str = "") -> Endpoint:
    """spoke1.cfg (IPP protects Tunnel0 with transform set TS-GCM) as router ``endpoint``."""
    return Endpoint(endpoint, _config("spoke1", old, new))


def test_missing_transform_set_names_each_router() -> None:
    hub = Endpoint("hub1", _config("hub1"))
    edit = (" set transform-set TS-GCM\n", " set transform-set TS-NONE\n")
    spokes = [_spoke("spokeA", *edit), _spoke("spokeB", *edit)]
    # Read from the same text, the two spokes share their transform-set table: the second
    # router's answer is the one computed for the first.
    assert spokes[0].config.transform_sets is spokes[1].config.transform_sets
    for spoke in spokes:
        outcome = negotiate(spoke, hub, "Tunnel0")
        assert outcome.status is Status.CONFIG_INCOMPLETE
        assert outcome.step == "child-sa"
        assert outcome.reason == (f"{spoke.name}: IPsec profile IPP names transform set "
                                  "TS-NONE, which does not exist")


def test_spokes_alike_establish_alike() -> None:
    hub = Endpoint("hub1", _config("hub1"))
    # Without ``crypto ikev2 cts sgt`` on the spokes, hub1 alone has it: each SA gets a note.
    first, second = (negotiate(_spoke(name, "crypto ikev2 cts sgt\n", ""), hub, "Tunnel0")
                     for name in ("spokeA", "spokeB"))
    assert first.status is Status.ESTABLISHED and second.status is Status.ESTABLISHED
    # spoke1.cfg offers only proposal NGE (aes-gcm-256, prf sha512, group 21): what both chose.
    for outcome in (first, second):
        assert outcome.suite is not None
        assert (outcome.suite.proposal, outcome.suite.encryption, outcome.suite.prf,
                outcome.suite.dh_group) == ("NGE", "aes-gcm-256", "sha512", 21)
        assert [v.router for v in outcome.views] == [outcome.initiator, "hub1"]
    assert first.views[0].local_spi != second.views[0].local_spi  # the SPIs name the router
    assert [n.code for n in first.notes] == ["sgt-one-end"]
    assert "on hub1 only" in first.notes[0].text
    # Equal notes are one tuple (pickled once per chunk by lint's workers).
    assert first.notes is second.notes


def test_one_router_change_is_not_shared() -> None:
    hub = Endpoint("hub1", _config("hub1"))
    good = negotiate(_spoke("spokeA"), hub, "Tunnel0")
    # spokeB's own transform set differs: its table is its own, so it fails alone.
    bad = negotiate(_spoke("spokeB", "crypto ipsec transform-set TS-GCM esp-gcm 256\n",
                           "crypto ipsec transform-set TS-GCM esp-aes 128 esp-md5-hmac\n"),
                    hub, "Tunnel0")
    assert good.status is Status.ESTABLISHED
    assert bad.status is Status.NO_PROPOSAL_CHOSEN and bad.step == "child-sa"
