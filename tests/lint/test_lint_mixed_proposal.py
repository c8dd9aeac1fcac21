"""A proposal mixing AES-GCM and AES-CBC: IOS offers it as two proposals (the GCM ciphers without
integrity, the CBC ones with it; RFC 7296 section 3.3), so it is complete with integrity and
negotiates with a GCM-only peer (GCM chosen, no integrity) as well as a CBC-only peer (CBC with
integrity). Lint used to fail it either way: FV102 "remove integrity", then FV101 "add it".
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from flexorch.intent import load_fleet
from flexorch.lint import Report
from flexorch.predict import prediction
from tests.lint.helpers import Edits, findings

G, H = "groups.yaml", "hosts.yaml"
MIXED = {"encryption": ["aes-gcm-256", "aes-cbc-256"], "integrity": ["sha384"], "group": [20]}
# the spokes offer only the mixed proposal; the hub offers what each case gives it
SPOKES_MIXED: Edits = {
    (G, "spokes", "data", "ikev2_proposals"): {"MIX": MIXED},
    (G, "spokes", "data", "ikev2_policies"): {"POL": {"match_fvrf": "any", "proposals": ["MIX"]}},
}


def _hub(proposal: dict[str, object]) -> Edits:
    return {(H, "hub", "data", "ikev2_proposals"): {"HUB": proposal},
            (H, "hub", "data", "ikev2_policies"): {
                "POL": {"match_fvrf": "any", "proposals": ["HUB"]}}}


@pytest.mark.parametrize(("hub_proposal", "suite"), [
    ({"encryption": ["aes-gcm-256"], "prf": ["sha384"], "group": [20]},
     ("aes-gcm-256", None, "sha384")),
    ({"encryption": ["aes-cbc-256"], "integrity": ["sha384"], "group": [20]},
     ("aes-cbc-256", "sha384", "sha384")),
    (MIXED, ("aes-gcm-256", None, "sha384")),
], ids=["hub-gcm-only", "hub-cbc-only", "hub-mixed"])
def test_mixed_proposal_is_clean_and_negotiates(
        hub_proposal: dict[str, object], suite: tuple[str, str | None, str],
        inventory: Callable[[Edits], Path], lint: Callable[..., Report]) -> None:
    edits = {**SPOKES_MIXED, **_hub(hub_proposal)}
    assert findings(lint(edits)) == set()
    fleet = load_fleet(inventory(edits))
    sessions = prediction(fleet, ["s1", "s2"]).steady()
    assert {s.initiator for s in sessions} == {"s1", "s2"}
    for session in sessions:
        chosen = session.outcome.suite
        assert chosen is not None, session.outcome.reason
        assert (chosen.encryption, chosen.integrity, chosen.prf) == suite
        assert chosen.dh_group == 20


def test_mixed_proposal_without_integrity_needs_it(lint: Callable[..., Report]) -> None:
    no_integrity = {k: v for k, v in MIXED.items() if k != "integrity"}
    edits = {**SPOKES_MIXED, (G, "spokes", "data", "ikev2_proposals"): {"MIX": no_integrity},
             **_hub(MIXED)}
    got = findings(lint(edits))
    # integrity for the CBC cipher, and prf: with no integrity nothing stands in for GCM's PRF
    assert {("FV101", s, f"ikev2_proposals.MIX.{t}") for s in ("s1", "s2")
            for t in ("integrity", "prf")} <= got
    assert not {f for f in got if f[0] == "FV102"}


def test_gcm_only_proposal_with_integrity_is_still_fv102(lint: Callable[..., Report]) -> None:
    gcm = {"encryption": ["aes-gcm-256"], "integrity": ["sha384"], "prf": ["sha384"],
           "group": [20]}
    edits = {**SPOKES_MIXED, (G, "spokes", "data", "ikev2_proposals"): {"MIX": gcm},
             **_hub(MIXED)}
    assert {("FV102", s, "ikev2_proposals.MIX.integrity") for s in ("s1", "s2")} <= findings(
        lint(edits))
