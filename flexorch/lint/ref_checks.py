"""Dangling references (FV210-FV216): a name that points at nothing on the same router.

IOS accepts most of these lines and fails later, at negotiation time (a profile naming a missing
keyring is "incomplete", a tunnel protected by a missing IPsec profile never starts IKE). Built-in
objects count as defined: proposal, transform set and IPsec profile ``default`` (smart defaults),
and the server groups ``radius``/``tacacs+``/``ldap`` of AAA method lists.
"""

from __future__ import annotations

from collections.abc import Iterable

from flexorch.ios.facts import crypto
from flexorch.lint.context import HostCtx, interface_key
from flexorch.lint.findings import Part

_BUILTIN_GROUPS = frozenset({"radius", "tacacs+", "ldap"})


def _missing(ctx: HostCtx, rule_id: str, parts: list[Part], what: str, name: str,
             defined: Iterable[str], owner: str) -> None:
    if name not in defined:
        ctx.report(rule_id, parts, f"{owner} names {what} {name}, which is not defined")


def check_ikev2_refs(ctx: HostCtx) -> None:
    """FV210: proposals, keyrings, IKEv2 profiles, name manglers, authorization policies."""
    h = ctx.host
    proposals = {*h.ikev2_proposals, crypto.DEFAULT_PROPOSAL_NAME}
    for name, policy in h.ikev2_policies.items():
        for i, prop in enumerate(policy.proposals):
            _missing(ctx, "FV210", ["ikev2_policies", name, "proposals", i], "proposal", prop,
                     proposals, f"policy {name}")
    for name, ipsec in h.ipsec_profiles.items():
        if ipsec.ikev2_profile is not None:
            _missing(ctx, "FV210", ["ipsec_profiles", name, "ikev2_profile"], "IKEv2 profile",
                     ipsec.ikev2_profile, h.ikev2_profiles, f"IPsec profile {name}")
    for tname, tunnel in ctx.tunnel_interfaces.items():
        where: list[Part] = [interface_key(tname), tname]
        if tunnel.protection_ikev2_profile is not None:
            _missing(ctx, "FV210", [*where, "protection_ikev2_profile"], "IKEv2 profile",
                     tunnel.protection_ikev2_profile, h.ikev2_profiles, tname)
    _initiator_default_profile(ctx)


def _initiator_default_profile(ctx: HostCtx) -> None:
    """FV210 for a static tunnel that would initiate with the IKEv2 profile named ``default``
    (its IPsec profile names none, or it is the built-in IPsec profile ``default``) while no
    such profile exists. Only static tunnels: a virtual-template is cloned on the responder for
    the IKEv2 profile the peer matched (``virtual-template N`` in that profile), so the guide's
    "correct example" (lines 48-56: profile ``ikev2_profile`` with ``virtual-template 1``, the
    template protected by IPsec profile ``default``) needs no IKEv2 profile named default."""
    h = ctx.host
    if crypto.DEFAULT_IKEV2_PROFILE_NAME in h.ikev2_profiles:
        return
    reported: set[str] = set()
    for tname, tunnel in h.tunnels.items():
        if tunnel.protection is None or tunnel.protection_ikev2_profile is not None:
            continue
        ipsec = h.ipsec_profiles.get(tunnel.protection)
        if ipsec is None and tunnel.protection == crypto.DEFAULT_IPSEC_PROFILE_NAME:
            ctx.report("FV210", ["tunnels", tname, "protection"],
                       f"{tname} uses the built-in IPsec profile default, which initiates with "
                       "the IKEv2 profile named default: define it, or protect with your own "
                       "IPsec profile")
        elif ipsec is not None and ipsec.ikev2_profile is None and (
                tunnel.protection not in reported):
            reported.add(tunnel.protection)
            ctx.report("FV210", ["ipsec_profiles", tunnel.protection, "ikev2_profile"],
                       f"IPsec profile {tunnel.protection} has no ikev2_profile and there is no "
                       f"IKEv2 profile named default for {tname} to initiate with: set "
                       "ikev2_profile")
    local_lists = {a.name for a in (h.aaa.authorization if h.aaa else [])
                   if a.type == "network" and set(a.methods) <= {"local", "local-case"}}
    for name, profile in h.ikev2_profiles.items():
        base: list[Part] = ["ikev2_profiles", name]
        if profile.keyring is not None:
            if profile.keyring.local is not None:
                _missing(ctx, "FV210", [*base, "keyring", "local"], "keyring",
                         profile.keyring.local, h.ikev2_keyrings, f"profile {name}")
            if profile.keyring.name_mangler is not None:
                _missing(ctx, "FV210", [*base, "keyring", "name_mangler"], "name-mangler",
                         profile.keyring.name_mangler, h.ikev2_name_manglers, f"profile {name}")
        for i, author in enumerate(profile.aaa_authorization):
            if author.name_mangler is not None:
                _missing(ctx, "FV210", [*base, "aaa_authorization", i, "name_mangler"],
                         "name-mangler", author.name_mangler, h.ikev2_name_manglers,
                         f"profile {name}")
            if author.name is not None and author.list in local_lists:
                _missing(ctx, "FV210", [*base, "aaa_authorization", i, "name"],
                         "authorization policy (looked up in local list "
                         f"{author.list})", author.name, h.ikev2_authorization_policies,
                         f"profile {name}")


def check_pki_refs(ctx: HostCtx) -> None:
    """FV211: trustpoints and certificate maps."""
    h = ctx.host
    maps = {m.name for m in h.pki_certificate_maps}
    for name, profile in h.ikev2_profiles.items():
        for i, tp in enumerate(profile.pki_trustpoints):
            _missing(ctx, "FV211", ["ikev2_profiles", name, "pki_trustpoints", i], "trustpoint",
                     tp, h.pki_trustpoints, f"profile {name}")
        for i, cmap in enumerate(profile.match.certificate):
            _missing(ctx, "FV211", ["ikev2_profiles", name, "match", "certificate", i],
                     "certificate map", cmap, maps, f"profile {name}")
    for name, trustpoint in h.pki_trustpoints.items():
        for i, m in enumerate(trustpoint.match_certificate):
            _missing(ctx, "FV211", ["pki_trustpoints", name, "match_certificate", i, "map"],
                     "certificate map", m.map, maps, f"trustpoint {name}")
    if h.pki_crl is not None:
        for i, tp_name in enumerate(h.pki_crl.trustpoints):
            _missing(ctx, "FV211", ["pki_crl", "trustpoints", i], "trustpoint", tp_name,
                     h.pki_trustpoints, "crl download")


def check_aaa_refs(ctx: HostCtx) -> None:  # noqa: PLR0912 - one branch per AAA reference
    """FV212: method lists (and aaa new-model), RADIUS groups and servers, attribute lists."""
    h = ctx.host
    aaa = h.aaa
    authn = {a.name for a in aaa.authentication} if aaa else set()
    authz = {a.name for a in aaa.authorization if a.type == "network"} if aaa else set()
    acct = {a.name for a in aaa.accounting if a.type == "network"} if aaa else set()
    uses_aaa: list[Part] | None = None
    for name, profile in h.ikev2_profiles.items():
        base: list[Part] = ["ikev2_profiles", name]
        owner = f"profile {name}"
        if profile.keyring is not None and profile.keyring.aaa is not None:
            uses_aaa = uses_aaa or [*base, "keyring", "aaa"]
            _missing(ctx, "FV212", [*base, "keyring", "aaa"], "authorization network list",
                     profile.keyring.aaa, authz, owner)
        for i, author in enumerate(profile.aaa_authorization):
            uses_aaa = uses_aaa or [*base, "aaa_authorization", i]
            if author.list is not None:
                _missing(ctx, "FV212", [*base, "aaa_authorization", i, "list"],
                         "authorization network list", author.list, authz, owner)
        for i, acc in enumerate(profile.aaa_accounting):
            uses_aaa = uses_aaa or [*base, "aaa_accounting", i]
            _missing(ctx, "FV212", [*base, "aaa_accounting", i, "list"],
                     "accounting network list", acc.list, acct, owner)
        if profile.aaa_authentication_eap is not None:
            uses_aaa = uses_aaa or [*base, "aaa_authentication_eap"]
            _missing(ctx, "FV212", [*base, "aaa_authentication_eap"], "authentication list",
                     profile.aaa_authentication_eap, authn, owner)
    if uses_aaa is not None and (aaa is None or not aaa.new_model):
        ctx.report("FV212", ["aaa", "new_model"],
                   "IKEv2 profiles use AAA (first at " + ".".join(map(str, uses_aaa)) + ") but "
                   "aaa new-model is not enabled: set aaa.new_model: true")
    if aaa is not None:
        for kind in ("authentication", "authorization", "accounting"):
            for i, mlist in enumerate(getattr(aaa, kind)):
                for j, method in enumerate(mlist.methods):
                    group = method.split()[1] if method.startswith("group ") else None
                    if group is not None and group not in _BUILTIN_GROUPS:
                        _missing(ctx, "FV212", ["aaa", kind, i, "methods", j], "server group",
                                 group, aaa.radius_groups, f"{kind} list {mlist.name}")
        for gname, group_def in aaa.radius_groups.items():
            for i, server in enumerate(group_def.servers):
                _missing(ctx, "FV212", ["aaa", "radius_groups", gname, "servers", i],
                         "radius server", server, h.radius_servers, f"server group {gname}")
    attrs = aaa.attribute_lists if aaa else {}
    for name, policy in h.ikev2_authorization_policies.items():
        if policy.aaa_attribute_list is not None:
            _missing(ctx, "FV212", ["ikev2_authorization_policies", name, "aaa_attribute_list"],
                     "aaa attribute list", policy.aaa_attribute_list, attrs,
                     f"authorization policy {name}")


def check_ipsec_refs(ctx: HostCtx) -> None:
    """FV213: transform sets of IPsec profiles, IPsec profiles of tunnels and templates."""
    h = ctx.host
    tsets = {*h.ipsec_transform_sets, crypto.DEFAULT_TRANSFORM_SET_NAME}
    for name, ipsec in h.ipsec_profiles.items():
        for i, tset in enumerate(ipsec.transform_sets):
            _missing(ctx, "FV213", ["ipsec_profiles", name, "transform_sets", i], "transform set",
                     tset, tsets, f"IPsec profile {name}")
    profiles = {*h.ipsec_profiles, crypto.DEFAULT_IPSEC_PROFILE_NAME}
    for tname, tunnel in ctx.tunnel_interfaces.items():
        if tunnel.protection is not None:
            _missing(ctx, "FV213", [interface_key(tname), tname, "protection"], "IPsec profile",
                     tunnel.protection, profiles, tname)


def check_interface_refs(ctx: HostCtx) -> None:
    """FV214 (interfaces) and FV215 (VRFs); authorization policies: ``check_author_refs``."""
    _interface_block_refs(ctx)
    _crypto_refs(ctx)
    _route_and_server_refs(ctx)


def _interface_block_refs(ctx: HostCtx) -> None:
    h = ctx.host
    ifs, vrfs = ctx.interfaces, h.vrfs
    for field in ("interfaces", "loopbacks", "tunnels", "virtual_templates"):
        for iname, itf in getattr(h, field).items():
            base: list[Part] = [field, iname]
            for attr in ("ip_unnumbered", "ipv6_unnumbered"):
                if getattr(itf, attr) is not None:
                    _missing(ctx, "FV214", [*base, attr], "interface", getattr(itf, attr), ifs,
                             iname)
            if itf.vrf is not None:
                _missing(ctx, "FV215", [*base, "vrf"], "vrf", itf.vrf, vrfs, iname)
            if field in ("tunnels", "virtual_templates"):
                if isinstance(itf.source, str):
                    _missing(ctx, "FV214", [*base, "source"], "tunnel source", itf.source, ifs,
                             iname)
                if itf.fvrf is not None:
                    _missing(ctx, "FV215", [*base, "fvrf"], "tunnel vrf", itf.fvrf, vrfs, iname)


def _crypto_refs(ctx: HostCtx) -> None:
    h = ctx.host
    ifs, vrfs = ctx.interfaces, h.vrfs
    base: list[Part]
    for name, profile in h.ikev2_profiles.items():
        base = ["ikev2_profiles", name]
        if profile.virtual_template is not None:
            vt = f"Virtual-Template{profile.virtual_template.number}"
            _missing(ctx, "FV214", [*base, "virtual_template", "number"], "virtual-template",
                     vt, h.virtual_templates, f"profile {name}")
        if profile.match.address_local_interface is not None:
            _missing(ctx, "FV214", [*base, "match", "address_local_interface"], "interface",
                     profile.match.address_local_interface, ifs, f"profile {name}")
        if profile.match.fvrf not in (None, "any"):
            _missing(ctx, "FV215", [*base, "match", "fvrf"], "vrf", str(profile.match.fvrf),
                     vrfs, f"profile {name}")
        if profile.ivrf is not None:
            _missing(ctx, "FV215", [*base, "ivrf"], "vrf", profile.ivrf, vrfs, f"profile {name}")
    for name, policy in h.ikev2_policies.items():
        if policy.match_fvrf not in (None, "any"):
            _missing(ctx, "FV215", ["ikev2_policies", name, "match_fvrf"], "vrf",
                     str(policy.match_fvrf), vrfs, f"policy {name}")
    for cname, client in h.ikev2_clients.items():
        for i, tunnel in enumerate(client.connect):
            _missing(ctx, "FV214", ["ikev2_clients", cname, "connect", i], "tunnel", tunnel,
                     h.tunnels, f"client {cname}")
        for i, source in enumerate(client.sources):
            _missing(ctx, "FV214", ["ikev2_clients", cname, "sources", i, "interface"],
                     "interface", source.interface, ifs, f"client {cname}")


def _route_and_server_refs(ctx: HostCtx) -> None:
    h = ctx.host
    ifs, vrfs = ctx.interfaces, h.vrfs
    for i, route in enumerate(h.routes):
        if route.interface is not None:
            _missing(ctx, "FV214", ["routes", i, "interface"], "interface", route.interface, ifs,
                     f"route {route.prefix}")
        if route.vrf is not None:
            _missing(ctx, "FV215", ["routes", i, "vrf"], "vrf", route.vrf, vrfs,
                     f"route {route.prefix}")
    if h.aaa is not None:
        for gname, group in h.aaa.radius_groups.items():
            if group.vrf is not None:
                _missing(ctx, "FV215", ["aaa", "radius_groups", gname, "vrf"], "vrf", group.vrf,
                         vrfs, f"server group {gname}")
            if group.source_interface is not None:
                _missing(ctx, "FV214", ["aaa", "radius_groups", gname, "source_interface"],
                         "interface", group.source_interface, ifs, f"server group {gname}")


def check_author_refs(ctx: HostCtx) -> None:
    """FV214 (``route set interface NAME``) and FV216 (pool, access lists) of authorization
    policies."""
    h = ctx.host
    for name, author in h.ikev2_authorization_policies.items():
        base: list[Part] = ["ikev2_authorization_policies", name]
        if author.route_set_interface_name is not None:
            _missing(ctx, "FV214", [*base, "route_set_interface_name"], "interface",
                     author.route_set_interface_name, ctx.interfaces,
                     f"authorization policy {name}")
        if author.pool is not None:
            _missing(ctx, "FV216", [*base, "pool"], "ip local pool", author.pool, h.local_pools,
                     f"authorization policy {name}")
        # `route set access-list NAME` names an IPv4 list (standard or extended),
        # `route set access-list ipv6 NAME` an IPv6 list (Cisco genielibs
        # configure_ikev2_authorization_policy: ipv4_acl / ipv6_acl).
        if author.route_set_access_list is not None:
            _missing(ctx, "FV216", [*base, "route_set_access_list"], "IPv4 access list",
                     author.route_set_access_list, {*h.access_lists, *h.extended_access_lists},
                     f"authorization policy {name}")
        if author.route_set_access_list_ipv6 is not None:
            _missing(ctx, "FV216", [*base, "route_set_access_list_ipv6"], "IPv6 access list",
                     author.route_set_access_list_ipv6, h.ipv6_access_lists,
                     f"authorization policy {name}")
