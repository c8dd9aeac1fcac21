"""Interface and tunnel rules: virtual-templates (FV301, FV302), SGT (FV303-FV305), mixed mode
(FV306).

FV304 fires when SGT and ``crypto ikev2 fragmentation`` are both on and a FlexVPN tunnel or
template has no ``ip mtu``: the guide asks to "manage MTU and fragmentation behaviors carefully"
where SGT is used, and a tunnel MTU is how the intent does it.

From the guide: a virtual-template borrows its address (``ip unnumbered``), never owns one; every
FlexVPN virtual-template is ``type tunnel``; only the first fragment of a packet carries the SGT,
and ``crypto ikev2 cts sgt`` must not be combined with the separate ``cts sgt inline`` (packets
would be tagged twice); a mixed-mode remote-access headend (a virtual-template) needs ``set
mixed-mode`` in its IPsec profile. The guide also says SGT tagging in the CMD header exists only
on VTIs; Cisco tags on GRE and multipoint GRE with tunnel protection from IOS XE 16.7 ("TrustSec
DMVPN Inline Tagging Support", ``facts.features``), as the negotiation model predicts, so FV303
holds only for routers whose ``platform_version`` is older (IOS 15.x, IOS XE up to 16.6).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from flexorch.ios.facts.features import has_feature
from flexorch.lint.context import HostCtx, Raw, interface_key
from flexorch.lint.findings import Part

if TYPE_CHECKING:
    from flexorch.ios.model import RouterConfig

GRE_MODES = frozenset({None, "gre ip", "gre ipv6", "gre multipoint"})
MIXED_MODES = frozenset({"ipsec ipv4 v6-overlay", "ipsec ipv6 v4-overlay"})


def check_virtual_templates(ctx: HostCtx) -> None:
    """FV301: an address on a virtual-template."""
    for name, vt in ctx.host.virtual_templates.items():
        for field in ("ipv4", "ipv4_secondary", "ipv6"):
            if getattr(vt, field):
                ctx.report("FV301", ["virtual_templates", name, field],
                           f"{name} has an address ({field}): every Virtual-Access cloned from it "
                           "would get the same subnet; use ip_unnumbered / ipv6_unnumbered "
                           "(a loopback)")


def _auto_templates(ctx: HostCtx) -> set[str]:
    return {f"Virtual-Template{p.virtual_template.number}"
            for p in ctx.host.ikev2_profiles.values()
            if p.virtual_template is not None and p.virtual_template.mode_auto}


def check_sgt(ctx: HostCtx) -> None:
    """FV303 SGT on GRE tunnels (before IOS XE 16.7), FV304 SGT with fragmentation, FV305 SGT
    twice."""
    host = ctx.host
    if not host.ikev2.cts_sgt:
        return
    auto = _auto_templates(ctx)
    gre_tags = has_feature("sgt-over-gre", host.platform_version)
    for name, itf in ctx.tunnel_interfaces.items():
        key = interface_key(name)
        flexvpn = itf.protection is not None or key == "virtual_templates"
        if flexvpn and itf.mode in GRE_MODES and name not in auto and not gre_tags:
            ctx.report("FV303", [key, name, "mode"],
                       f"crypto ikev2 cts sgt is on but {name} is {itf.mode or 'gre ip'} "
                       f"(GRE) and the router runs {host.platform_version}: SGT inline tagging "
                       "on GRE tunnels needs IOS XE 16.7 or later; use tunnel mode ipsec "
                       "ipv4|ipv6 (or virtual-template mode auto on a hub), or upgrade")
        if itf.cts_sgt_inline:
            ctx.report("FV305", [key, name, "cts_sgt_inline"],
                       f"{name} has cts sgt inline and the router has crypto ikev2 cts sgt: "
                       "packets would be tagged twice; keep crypto ikev2 cts sgt only")
    unmanaged = [name for name, itf in ctx.tunnel_interfaces.items()
                 if itf.ip_mtu is None and (itf.mode not in GRE_MODES or name in auto)]
    if host.ikev2.fragmentation is not None and unmanaged:
        ctx.report("FV304", ["ikev2", "fragmentation"],
                   "SGT tagging and fragmentation are both on and the MTU of "
                   f"{', '.join(unmanaged)} is not set: only the first fragment of a packet "
                   "carries the SGT; set ip_mtu (and tcp_adjust_mss) there so traffic is not "
                   "fragmented")


def check_mixed_mode(ctx: HostCtx) -> None:
    """FV306: a mixed-mode virtual-template whose IPsec profile lacks set mixed-mode. The guide
    asks it of remote-access headends only (line 169: "IOS routers acting as remote access VPN
    headends can support mixed-mode tunnels, provided set mixed-mode is configured in the IPsec
    profile"); its static mixed-mode tunnels (lines 151-156, 162-167) have none, and the
    negotiation model checks the headend a static tunnel reaches (FV509)."""
    for name, itf in ctx.host.virtual_templates.items():
        if itf.mode not in MIXED_MODES or itf.protection is None:
            continue
        profile = ctx.host.ipsec_profiles.get(itf.protection)
        if profile is None and itf.protection != "default":
            continue  # a dangling name: FV213
        if profile is None or not profile.mixed_mode:
            parts: list[Part] = (["ipsec_profiles", itf.protection, "mixed_mode"]
                                 if profile is not None
                     else ["virtual_templates", name, "protection"])
            ctx.report("FV306", parts,
                       f"{name} is {itf.mode} (overlay and transport differ) but IPsec profile "
                       f"{itf.protection} has no set mixed-mode: set mixed_mode: true")


def check_config(host: str, config: RouterConfig) -> list[Raw]:
    """Rules on an IOS config read into ``RouterConfig`` (rendered, or a router's running config):
    FV302, a virtual-template that is not ``type tunnel``. The intent model cannot express one (the
    loader refuses it), so on ``flexorch lint`` this guards the rendered text; on a running config
    it catches hand-made templates."""
    out: list[Raw] = []
    for itf in config.virtual_templates:
        if itf.template_type != "tunnel":
            users = [p.name for p in config.profiles.values()
                     if p.virtual_template is not None
                     and f"Virtual-Template{p.virtual_template}" == itf.name]
            used = f" (used by IKEv2 profile {', '.join(users)})" if users else ""
            out.append(Raw("FV302", host, ("virtual_templates", itf.name, "type"),
                           f"interface {itf.name} is not 'type tunnel'{used}: IOS cannot clone "
                           "FlexVPN Virtual-Access tunnels from it; declare it "
                           f"'interface {itf.name} type tunnel'"))
    return out
