"""The IKEv2 negotiation model: what happens when one router's tunnel brings up IKEv2 to another.

``negotiate(initiator, responder, tunnel)`` walks the exchange in the order IOS does and names
the FIRST step that fails. Statuses (``Status``):

- ``CONFIG_INCOMPLETE`` a piece the exchange needs is missing or dangling: tunnel without source,
  destination or protection; protection naming a missing IPsec profile or IKEv2 profile; a
  multipoint tunnel with no NHRP peer to initiate to; a profile without ``authentication
  local``/``remote`` or without any match statement (IOS: such a profile is incomplete and never
  used); a dangling keyring/trustpoint/transform-set/virtual-template. Initiator-side gaps are
  found before anything is sent; responder-side gaps when the responder reaches them.
- ``NOT_INITIATED`` the tunnel is shut down, or its IPsec profile is ``responder-only``, or it
  speaks IKEv1 (its IPsec profile names no IKEv2 profile and there is no IKEv2 profile named
  ``default``; ``predict_sessions`` does not even try those).
- ``NO_RESPONDER`` the destination is not an address of the responder (in any interface or its
  NAT public address), the responder is marked unreachable or its interface is shut down, the
  tunnel source is shut down or sits in another VRF than ``tunnel vrf``, or the destination is a
  name the model cannot resolve.
- ``NO_PROPOSAL_CHOSEN`` IKE_SA_INIT: no proposal of the initiator's selected policy is supported
  by the responder's selected policy (or no policy at all: ``no crypto ikev2 policy default``).
  Also used for the CHILD SA when the IPsec transform sets do
  not intersect (IOS answers the IKE_AUTH with the same notify and the SA is not kept);
  ``Outcome.step`` tells which (``ike-proposal`` or ``child-sa``).
- ``PROFILE_MISMATCH`` no responder profile matches the initiator (identity / certificate map /
  fvrf / local address), or the initiator's own profile does not match its tunnel's FVRF or the
  responder's identity.
- ``AUTH_FAILED`` an authentication method the peer does not accept, no key for the peer, a
  pre-shared key that differs in one direction (initiator's local key vs responder's remote key
  and vice versa), no trustpoint to sign or verify, or an AAA authorization the
  profile asks for that cannot be done (no aaa new-model, undefined method list, name mangler,
  server group, or local authorization policy). RADIUS answers are assumed positive (noted).
  ``Outcome.cause`` names which, from ``AUTH_CAUSES`` (``psk-mismatch``, ``no-key``,
  ``auth-method``, ``cert-untrusted``, ``aaa-method-list``, ...); None for other statuses.
- ``TS_UNACCEPTABLE`` the traffic selectors the initiator proposes do not fit the responder:
  GRE vs IPsec, IPv4 vs IPv6 transport or overlay (a virtual-template clones whatever comes only
  with ``virtual-template N mode auto``); a mixed-mode tunnel without ``set mixed-mode`` in the
  responder's IPsec profile; a responder with neither a virtual-template, nor a static tunnel
  back, nor a multipoint tunnel on the address the SA arrives at.
- ``ESTABLISHED`` both ends' views of the SA (``SideView``) are in the Outcome.

Unknown keys: a type 6 key (or a key held by AAA for ``keyring aaa``) cannot be compared. The model
does not claim AUTH_FAILED on what it cannot know: the SA is ESTABLISHED and ``Outcome.notes``
says the key was not verified (lint can warn on that note). Likewise certificates: the config
does not say which CA signed a peer's certificate (enrollment URLs differ for one CA reached at
two addresses), so the CA is assumed common and noted (``cert-ca-assumed``).

Decisions where the guide leaves room (each covered by a test):

- Policy selection: a local-address match beats no address match; then a named FVRF beats the
  implicit global FVRF (a policy without ``match fvrf``), which beats ``match fvrf any``; ties go
  to configuration order. A policy without ``proposal`` is incomplete and skipped.
- Profile selection on the responder: exact identity (or a matching certificate map) beats a
  domain or address range, which beats ``match identity remote any``; ties go to configuration
  order. A profile without ``match fvrf`` covers the global FVRF only (IOS default). ``match
  certificate`` reads the certificate a peer signs with (``certificate_subject``), whatever IKE
  identity it sends (guide: "match certificate (for certificate-based peers using PKI maps)").
- Identity: ``identity local`` if set, else the local address (guide), also for certificates;
  ``identity local dn`` is ``hostname=<hostname>[.<domain>],<trustpoint subject-name>``.
- Fragmentation: ``crypto ikev2 fragmentation`` advertises IETF + Cisco (as IOS does), so two IOS
  configs use IETF when both have it and none otherwise; ``Endpoint.fragmentation_capability``
  models another peer. The MTU in use is local: the configured (or default 576/1280) MTU minus
  IP and UDP headers (and the NAT-T marker).
- SGT: ``enabled`` on both views only when both ends have ``crypto ikev2 cts sgt``, whatever the
  tunnel (VTI, GRE with tunnel protection, crypto map: Cisco "Configuring IPsec Inline Tagging
  for TrustSec"); with one end only, both ends show ``disabled`` (the CMD capability is not
  negotiated) and a ``sgt-one-end`` note is added.
- Smart defaults: default proposal/policy/transform set/IPsec profile per software train
  (the config's ``version`` line, else ``Endpoint.platform_version``, else IOS-XE 17;
  ``flexorch.ios.facts.crypto.SMART_DEFAULTS``), removed by ``no crypto ... default``. An IPsec
  profile without ``set ikev2-profile`` uses the IKEv2 profile named ``default`` when one is
  configured, else the tunnel speaks IKEv1. A proposal without ``prf`` uses its integrity
  algorithms as PRFs (only AES-GCM needs ``prf``).
- Weak algorithms: a router on IOS-XE 17.11 or later (``version`` line or platform version)
  without ``crypto engine compliance shield disable`` uses its proposals (the default one too)
  without DES/3DES, MD5 and DH groups 1/2/5/24, and no transform set with a weak ESP transform
  (Cisco Field Notice FN72510; ``flexorch.ios.facts.compliance``). An unknown version is taken
  as older.
- Identity display: DN attribute keys in lower case (``cn=R61``), as IOS prints them.
- Who initiates (``SideView.initiator``): True/False where IOS decides (a spoke or FlexVPN client
  towards a virtual-template; a tunnel facing a responder-only or shut end), None where either
  end may (two static tunnels facing each other, DMVPN spokes and hubs, shortcuts). Never chosen
  by router name; ``SideView.proposer`` says which end the model walked as initiator.
- PFS differences do not fail the first CHILD SA (keys come from IKE_AUTH): noted only.
- Excerpts: in a config where no interface but tunnels holds an address of a family (the
  crypto blocks and the tunnel pasted alone), a ``tunnel source`` written as an address is
  the router's own (``types.owned_addresses``); in a whole config it must be an interface's.

``predict_sessions`` negotiates every attempt of a fleet (static tunnels, FlexVPN clients, NHRP
peers of multipoint tunnels, then on-demand spoke-to-spoke shortcuts) and returns both ends'
views with deterministic tunnel ids, SPIs and Virtual-Access numbers.

Layout (import everything from this module; the others are its parts, each importing only the
ones listed before it): ``types`` (``Status``, ``Endpoint``, ``SideView``, ``Note``,
``Outcome``), ``match`` (the guide's selection rules on one config: policy, proposals with the
train's defaults, identities and certificate maps, responder profile, keyring peer, name
mangler), ``steps`` (the exchange's steps: initiator config, reachability, profiles),
``proposals`` (IKE_SA_INIT: each end's policy and proposals, the suite chosen), ``auth``
(authentication and AAA authorization), ``child`` (the CHILD SA), ``exchange``
(``negotiate()`` and the established views), ``index`` (``AddressIndex``), ``attempts`` (where
IKEv2 starts), ``shortcuts`` (NHRP spoke-to-spoke), ``fleet`` (``predict_sessions``,
``views_by_router``, ``Session``).
"""

from __future__ import annotations

from flexorch.ios.negotiate.attempts import (
    Attempt,
    attempts,
    initiation_targets,
    nhrp_peers,
    source_address,
)
from flexorch.ios.negotiate.exchange import negotiate
from flexorch.ios.negotiate.fleet import Session, predict_sessions, views_by_router
from flexorch.ios.negotiate.index import AddressIndex
from flexorch.ios.negotiate.match import (
    certificate_map_matches,
    certificate_subject,
    dn_show,
    identity_score,
    keyring_lookup,
    local_identity,
    mangle,
    match_responder_profile,
    select_policy,
)
from flexorch.ios.negotiate.types import (
    AUTH_CAUSES,
    AUTH_SHOW,
    NOTE_CODES,
    STEPS,
    Endpoint,
    Note,
    Outcome,
    SideView,
    Status,
)

__all__ = [
    "AUTH_CAUSES",
    "AUTH_SHOW",
    "NOTE_CODES",
    "STEPS",
    "AddressIndex",
    "Attempt",
    "Endpoint",
    "Note",
    "Outcome",
    "Session",
    "SideView",
    "Status",
    "attempts",
    "certificate_map_matches",
    "certificate_subject",
    "dn_show",
    "identity_score",
    "initiation_targets",
    "keyring_lookup",
    "local_identity",
    "mangle",
    "match_responder_profile",
    "negotiate",
    "nhrp_peers",
    "predict_sessions",
    "select_policy",
    "source_address",
    "views_by_router",
]


