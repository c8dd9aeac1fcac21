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
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING

from flexorch.ios.negotiate.attempts import Attempt
from flexorch.ios.negotiate.types import Endpoint

if TYPE_CHECKING:
    from flexorch.ios.negotiate.fleet import Session


@dataclass(frozen=True)
class _Member:
    """A spoke up to a hub, ready to shortcut: the interface it initiates a shortcut from and
    the address the hub (so NHRP) knows it by."""

    router: str
    tunnel: str
    address: str


def shortcut_attempts(routers: Mapping[str, Endpoint], sessions: Sequence[Session]
                      ) -> list[Attempt]:
    """One attempt per pair of spokes that can build a shortcut, the spoke whose name sorts
    first initiating (the other direction is its ``reverse``; either may, see ``Attempt``)."""
    clouds: dict[tuple[str, str], list[_Member]] = {}
    for session in sessions:
        member = _member(routers, session)
        if member is not None and session.responder is not None:
            hub_view = session.outcome.view_of(session.responder)
            assert hub_view is not None
            cloud = hub_view.virtual_template or hub_view.interface
            clouds.setdefault((session.responder, cloud), []).append(member)
    out: list[Attempt] = []
    seen: set[tuple[_Member, _Member]] = set()
    for members in clouds.values():
        members.sort(key=lambda m: m.router)
        for a, b in combinations(members, 2):
            # Two spokes registered to two hubs of one cloud (dual hub) meet in both hubs'
            # groups: still one shortcut between them.
            if a.router == b.router or (a, b) in seen:
                continue
            seen.add((a, b))
            reverse = Attempt(b.router, b.tunnel, a.router, a.address, "shortcut",
                              either_end=True)
            out.append(Attempt(a.router, a.tunnel, b.router, b.address, "shortcut",
                               reverse=reverse, either_end=True))
    return out


def _member(routers: Mapping[str, Endpoint], session: Session) -> _Member | None:
    """The spoke of an established session that can take part in shortcuts, if it can: a
    multipoint tunnel (DMVPN) up to a hub's multipoint tunnel, or a tunnel with ``ip nhrp
    shortcut virtual-template N`` up to a hub virtual-template with ``ip nhrp redirect``."""
    if not session.outcome.established or session.responder is None:
        return None
    tunnel = routers[session.initiator].config.interface(session.tunnel)
    multipoint = tunnel is not None and tunnel.mode.multipoint
    template = None if tunnel is None else tunnel.nhrp_shortcut_virtual_template
    if tunnel is None or (not multipoint and template is None):  # neither kind: the hub's
        # view is not looked up (most sessions of a FlexVPN site: shortcut attempts of 10,000
        # spokes 30-43 -> 19-29 ms)
        return None
    hub_view = session.outcome.view_of(session.responder)
    assert hub_view is not None
    address = hub_view.remote_address
    if address is None:
        return None  # a spoke's learned at run time: no NBMA address to dial
    if multipoint and hub_view.tunnel_mode == "gre multipoint":
        return _Member(session.initiator, tunnel.name, address)
    # no shortcut: the hub's template is not looked up (its name "" when none, which
    # ``RouterConfig.interface`` tries to canonicalise: 0.8 us a spoke)
    hub_template = None if template is None else routers[session.responder].config.interface(
        hub_view.virtual_template or "")
    if hub_template is not None and hub_template.nhrp_redirect:
        return _Member(session.initiator, f"Virtual-Template{template}", address)
    return None
