"""The lint rule catalogue: every rule's id, severity, title and one-line fix, as data.

Ids are grouped by what they look at:

- ``FV1xx`` crypto: IKEv2 proposals and policies, algorithm strength, pre-shared keys;
- ``FV2xx`` IKEv2 profiles, keyrings and references between objects (dangling names);
- ``FV3xx`` interfaces and tunnels: virtual-templates, SGT, mixed mode;
- ``FV4xx`` numeric ranges the guide (or the IOS command reference) states (IOS refuses values
  outside them);
- ``FV5xx`` fleet checks: addresses across routers, and every spoke negotiated against its hub
  with the IKEv2 negotiation model (``flexorch.ios.negotiate``) on the rendered configs;
- ``FV6xx`` lines kept verbatim (``extra_lines``): rendered as written, checked by nothing.

``docs/lint.md`` is the human catalogue of this table; a test keeps the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

Severity = Literal["error", "warning"]
Scope = Literal["host", "config", "fleet"]


@dataclass(frozen=True, slots=True)
class Rule:
    """One lint rule. ``scope``: ``host`` rules read one host's intent, ``config`` rules read a
    rendered (or any) IOS config through ``RouterConfig``, ``fleet`` rules read several hosts."""

    id: str
    severity: Severity
    title: str
    fix: str
    scope: Scope = "host"


def _r(rule_id: str, severity: Severity, title: str, fix: str, scope: Scope = "host") -> Rule:
    return Rule(rule_id, severity, title, fix, scope)


RULES: Final[dict[str, Rule]] = {
    r.id: r
    for r in (
        # --- FV1xx crypto -------------------------------------------------------------------
        _r("FV101", "error", "IKEv2 proposal incomplete",
           "give at least one encryption and group, integrity for CBC ciphers (it doubles as "
           "PRF), prf for GCM without integrity"),
        _r("FV102", "error", "integrity with combined-mode (GCM) ciphers only",
           "remove integrity: AES-GCM carries its own integrity (keep it when the proposal "
           "also offers CBC ciphers)"),
        _r("FV103", "error", "IKEv2 policy without proposal",
           "add a proposal to the policy (a policy needs at least one)"),
        _r("FV104", "warning", "IKEv2 proposal not used by any policy",
           "reference the proposal from an ikev2_policies entry, or remove it"),
        _r("FV105", "warning", "default IKEv2 proposal in use",
           "define a proposal and a policy: the default proposal offers DH 5 (and on IOS "
           "15.x MD5, SHA1, DH 2)"),
        _r("FV111", "error", "algorithm graded Avoid",
           "replace DES, MD5, DH groups 1/2/5 (and other Avoid-grade algorithms)"),
        _r("FV112", "warning", "algorithm graded Legacy",
           "replace 3DES and SHA1 with AES-GCM / SHA-2"),
        _r("FV120", "warning", "pre-shared key shorter than 20 characters",
           "use at least 20 random characters (about 128-bit strength)"),
        _r("FV121", "warning", "secret cannot be resolved",
           "set the environment variable or create the file; key checks were skipped"),
        # --- FV2xx profiles, keyrings, references -------------------------------------------
        _r("FV201", "error", "match identity remote any combined with other matches",
           "use either the catch-all 'any' or specific identity/certificate matches"),
        _r("FV202", "error", "IKEv2 profile incomplete",
           "give authentication local, authentication remote and a match statement"),
        _r("FV203", "error", "pre-shared key authentication without a key",
           "add a keyring (local or aaa) or an authentication key to the profile"),
        _r("FV204", "warning", "certificate authentication without pki trustpoint",
           "name the trustpoint in the profile (a responder never falls back to others)"),
        _r("FV205", "warning", "overlapping keyring peer blocks",
           "make peer blocks disjoint (IOS picks the most specific one)"),
        _r("FV206", "error", "tunnel FVRF not matched by its IKEv2 profile",
           "add match fvrf <vrf> (or any) to the profile: without it, global table only"),
        _r("FV207", "warning", "pre-shared keys accepted without a key (other methods work)",
           "add a keyring (local or aaa) or an authentication remote key, or drop pre-share"),
        _r("FV210", "error", "undefined IKEv2 object referenced",
           "define the proposal/keyring/profile/name-mangler/authz policy, or fix the name"),
        _r("FV211", "error", "undefined PKI object referenced",
           "define the trustpoint or certificate map, or fix the name"),
        _r("FV212", "error", "undefined AAA object referenced",
           "define the method list / RADIUS group / server / attribute list, with aaa new-model"),
        _r("FV213", "error", "undefined IPsec object referenced",
           "define the transform set / IPsec profile, or fix the name"),
        _r("FV214", "error", "undefined interface referenced",
           "define the interface (virtual-template, loopback, WAN, tunnel), or fix the name"),
        _r("FV215", "error", "undefined VRF referenced", "add the VRF under vrfs, or fix the name"),
        _r("FV216", "error", "undefined address pool or access list referenced",
           "define it under local_pools / access_lists / extended_access_lists / "
           "ipv6_access_lists, or fix the name"),
        _r("FV217", "error", "address from the peer without config-exchange request",
           "remove config_exchange_request: false from the IKEv2 profile (the request is on "
           "by default)"),
        # --- FV3xx interfaces and tunnels ---------------------------------------------------
        _r("FV301", "error", "ip address on a virtual-template",
           "use ip unnumbered / ipv6 unnumbered (every clone would get the same subnet)"),
        _r("FV302", "error", "virtual-template not of type tunnel",
           "declare it 'interface Virtual-TemplateN type tunnel'", "config"),
        _r("FV303", "error", "SGT tagging on a GRE tunnel the software cannot tag",
           "use tunnel mode ipsec, upgrade to IOS XE 16.7 or later (SGT on GRE), or drop "
           "crypto ikev2 cts sgt"),
        _r("FV304", "warning", "SGT together with fragmentation",
           "keep packets under the MTU: only the first fragment carries the SGT"),
        _r("FV305", "error", "crypto ikev2 cts sgt together with cts sgt inline",
           "use one SGT method: both would tag every packet twice"),
        _r("FV306", "error", "mixed-mode virtual-template without set mixed-mode",
           "add mixed_mode: true to the virtual-template's IPsec profile"),
        # --- FV4xx ranges (the guide's) -----------------------------------------------------
        _r("FV401", "error", "IKEv2 window out of range", "use 1-200"),
        _r("FV402", "error", "DPD interval out of range", "use 10-3600 seconds"),
        _r("FV403", "error", "DPD retry out of range", "use 2-60 seconds"),
        _r("FV404", "error", "fragmentation MTU out of range", "use 68-1500 bytes"),
        _r("FV405", "error", "cookie-challenge out of range", "use 0-1000"),
        _r("FV406", "error", "limit max-sa out of range", "use 1-9999"),
        _r("FV407", "error", "limit max-in-negotiation out of range", "use 1-9999"),
        _r("FV408", "error", "session-lifetime out of range", "use 120-25920000 seconds"),
        _r("FV409", "error", "certificate-cache out of range", "use 1-2000"),
        _r("FV410", "error", "diagnose error out of range", "use 1-1000"),
        _r("FV411", "error", "NAT keepalive out of range", "use 5-3600 seconds"),
        _r("FV412", "error", "IKE SA lifetime out of range", "use 120-86400 seconds"),
        # --- FV5xx fleet ----------------------------------------------------------------------
        _r("FV501", "error", "duplicate tunnel/loopback address",
           "give every tunnel and loopback address once in the fleet", "fleet"),
        _r("FV502", "error", "tunnel destination is neither a hub nor a declared external peer",
           "point the tunnel at one of the host's hubs (peer: HUB), add the hub, or declare "
           "the router under external_peers", "fleet"),
        _r("FV503", "warning", "spoke has no tunnel to one of its hubs",
           "add a tunnel with peer: HUB, or remove the hub from hubs", "fleet"),
        _r("FV504", "error", "no common IKEv2 proposal",
           "give both ends' policies a proposal with one algorithm of each type in common",
           "fleet"),
        _r("FV505", "error", "no common IPsec transform set",
           "give both ends' IPsec profiles a transform set with identical transforms", "fleet"),
        _r("FV506", "error", "pre-shared key mismatch",
           "use the same key on both ends (local key of one = remote key of the other)", "fleet"),
        _r("FV507", "error", "authentication would fail",
           "align authentication methods, keys and trustpoints of both ends", "fleet"),
        _r("FV508", "error", "no matching IKEv2 profile",
           "make the peer's profile match this router's identity, FVRF and local address",
           "fleet"),
        _r("FV509", "error", "tunnel mode does not fit the peer",
           "use the same tunnel mode on both ends, or virtual-template mode auto on the hub",
           "fleet"),
        _r("FV510", "error", "negotiation cannot start (configuration incomplete)",
           "complete the configuration named in the message", "fleet"),
        _r("FV511", "warning", "IKEv2 fragmentation on one end only",
           "enable ikev2.fragmentation on the peer too (RFC 7383: both must advertise it)",
           "fleet"),
        _r("FV512", "error", "SGT tagging on one end only",
           "enable ikev2.cts_sgt on the peer too: the CMD capability needs both ends", "fleet"),
        _r("FV513", "warning", "hub feature no spoke uses",
           "remove it from the hub, or enable it on the spokes that need it", "fleet"),
        _r("FV514", "warning", "PFS differs between the ends",
           "set the same pfs group in both IPsec profiles (the first rekey fails otherwise)",
           "fleet"),
        _r("FV515", "error", "external peer declaration conflicts",
           "give each external peer its own name and address, declared one way (in a group "
           "when several hosts use it)", "fleet"),
        # --- FV6xx lines kept verbatim ------------------------------------------------------
        _r("FV601", "warning", "lines kept verbatim (extra_lines)",
           "express them with typed keys where the intent has them; check the rest by hand"),
    )
}


def rule(rule_id: str) -> Rule:
    """The rule with this id (KeyError for an unknown id: a programming error)."""
    return RULES[rule_id]
