"""IKE_SA_INIT in the negotiation model: each end's IKEv2 policy (its local address and FVRF),
the proposals it offers as it uses them (the train's default proposal, weak algorithms dropped
on IOS-XE 17.11+) and the suite the responder picks, or NO_PROPOSAL_CHOSEN naming what does not
meet. A part of ``flexorch.ios.negotiate`` (``exchange.negotiate`` runs ``ike_sa_init``).
"""

from __future__ import annotations

from collections.abc import Callable

from flexorch.ios.facts import crypto
from flexorch.ios.model import Policy
from flexorch.ios.negotiate.match import describe_proposals, policy_specs, select_policy
from flexorch.ios.negotiate.steps import Side
from flexorch.ios.negotiate.types import Fail, Status, by_tables, show_address, vrf_show


def _policy(side: Side) -> Policy:
    policy = select_policy(side.config, side.fvrf, side.local)
    if policy is None:
        raise Fail(Status.NO_PROPOSAL_CHOSEN, "ike-proposal",
                    f"{side.name}: no IKEv2 policy matches fvrf {vrf_show(side.fvrf)} / local "
                    f"{show_address(side.local)} and 'no crypto ikev2 policy default' removed "
                    "the default policy")
    return policy


def _defaults(side: Side) -> crypto.SmartDefaults | None:
    """The side's built-in proposal, None when ``no crypto ikev2 proposal default`` removed it."""
    return side.ep.defaults if side.ep.default_enabled("ikev2-proposal") else None


# The IKEv2 transform types as a cause names them, and their values in a proposal.
_TRANSFORMS: tuple[tuple[str, Callable[[crypto.ProposalSpec], tuple[str, ...]]], ...] = (
    ("encryption", lambda s: s.encryption), ("integrity", lambda s: s.integrity),
    ("PRF", lambda s: s.prfs), ("DH group", lambda s: s.groups))


def _no_common(i: Side, i_specs: list[crypto.ProposalSpec], r: Side,
               r_specs: list[crypto.ProposalSpec]) -> str:
    """What the two ends' complete proposals have nothing in common in, named with both ends'
    values (``DH group: s1 offers 19, hub accepts 21/20``), or that no single pair matches
    though every type has a value in common. A type one side leaves empty (no integrity with
    a GCM cipher) is not named: the choice rule pairs it by cipher family."""
    mine, theirs = [s for s in i_specs if s.usable], [s for s in r_specs if s.usable]
    found = []
    for label, values in _TRANSFORMS:
        a = list(dict.fromkeys(v for s in mine for v in values(s)))
        b = list(dict.fromkeys(v for s in theirs for v in values(s)))
        if a and b and not set(a) & set(b):
            found.append(f"{label}: {i.name} offers {'/'.join(a)}, {r.name} accepts "
                         f"{'/'.join(b)}")
    return "; ".join(found) or (f"no proposal of {r.name} shares a value of every transform "
                                f"type with one of {i.name}'s")


def weak_note(side: Side, lost: bool) -> str:
    """Why a side's proposals or transform sets lost algorithms (``lost``), for a
    NO_PROPOSAL_CHOSEN reason; "" when nothing was lost."""
    if not lost:
        return ""
    return (f"; {side.name} runs IOS-XE {side.config.version or side.ep.platform_version}, which "
            "refuses the weak algorithms of Cisco FN72510 (DES, 3DES, MD5, DH groups 1/2/5/24, "
            "ESP-NULL, ESP-GMAC) without 'crypto engine compliance shield disable'")


def _specs(side: Side, policy: Policy) -> tuple[list[crypto.ProposalSpec], str]:
    """The proposals a side's policy offers as it uses them, and ``weak_note``'s words when a
    17.11+ router dropped weak algorithms from them."""
    specs = policy_specs(side.config, policy, _defaults(side), side.ep.refuses_weak)
    lost = side.ep.refuses_weak and specs != policy_specs(side.config, policy, _defaults(side))
    return specs, weak_note(side, lost)


def ike_sa_init(i: Side, r: Side) -> crypto.IkeSuite:
    step = "ike-proposal"
    i_policy, r_policy = _policy(i), _policy(r)
    i_defaults, r_defaults = _defaults(i), _defaults(r)
    i_specs, i_weak = _specs(i, i_policy)
    if not any(spec.usable for spec in i_specs):
        raise Fail(Status.NO_PROPOSAL_CHOSEN, step, f"{i.name}: no complete proposal in "
                    f"{describe_proposals(i.config, i_policy, i_defaults)}{i_weak}")
    r_specs, r_weak = _specs(r, r_policy)
    # Both lists are kept per proposals table (``policy_specs``): every spoke of a hub offers
    # the same list to the same list, so the choice is made once (2.5 us an attempt).
    suite = by_tables(("ike-suite", id(i_specs), id(r_specs)), (i_specs, r_specs),
                      lambda: crypto.choose_ike_suite(i_specs, r_specs))
    if suite is None:
        raise Fail(Status.NO_PROPOSAL_CHOSEN, step,
                    f"{r.name} supports no proposal of {i.name} "
                    f"({_no_common(i, i_specs, r, r_specs)}): {i.name} "
                    f"{describe_proposals(i.config, i_policy, i_defaults)}; {r.name} "
                    f"{describe_proposals(r.config, r_policy, r_defaults)}{i_weak}{r_weak}")
    return suite
