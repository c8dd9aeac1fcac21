"""Crypto rules on the intent: proposal completeness (FV101, FV102), policies (FV103-FV105) and
algorithm strength (FV111 Avoid -> error, FV112 Legacy -> warning).

Grades come from ``flexorch.ios.facts.crypto`` (the guide's tables, and Cisco's NGE page for what
the guide does not grade), so lint and the negotiation model never disagree. Decisions documented in
docs/lint.md: SHA1 is Legacy (warning; the guide grades it nowhere, Cisco NGE calls it legacy);
DH group 5 is Avoid (error; the guide: "use Group 14 or higher").
"""

from __future__ import annotations

from collections.abc import Iterable

from flexorch.ios.facts import crypto
from flexorch.lint.context import HostCtx
from flexorch.lint.findings import Part

_GRADE_RULE = {"Avoid": "FV111", "Legacy": "FV112"}
_BETTER = {
    "encryption": "aes-gcm-256 or aes-cbc-256",
    "integrity": "sha256, sha384 or sha512",
    "prf": "sha256, sha384 or sha512",
    "group": "group 14, 19, 20 or 21",
    "esp_encryption": "esp-gcm 256 or esp-aes 256",
    "esp_integrity": "esp-sha256-hmac or stronger",
    "ah": "ah-sha256-hmac or stronger",
    "pfs": "group14, group19, group20 or group21",
}


def _graded(ctx: HostCtx, parts: list[Part], what: str, grade: str, graded_by: str,
            kind: str) -> None:
    rule_id = _GRADE_RULE.get(grade)
    if rule_id is None:
        return
    source = {
        "guide": "the guide's algorithm tables",
        "cisco-nge": "Cisco's Next Generation Encryption guidance (the guide does not grade it)",
    }.get(graded_by, graded_by)
    ctx.report(rule_id, parts, f"{what} is graded {grade} ({source}): use {_BETTER[kind]}")


def check_proposals(ctx: HostCtx) -> None:
    """FV101, FV102, FV104 and algorithm grades of every IKEv2 proposal."""
    used = {name for policy in ctx.host.ikev2_policies.values() for name in policy.proposals}
    for name, proposal in ctx.host.ikev2_proposals.items():
        base: list[Part] = ["ikev2_proposals", name]
        ciphers = {e: crypto.CIPHERS.get(e) for e in proposal.encryption}
        combined = [e for e, c in ciphers.items() if c is not None and c.combined]
        plain = [e for e, c in ciphers.items() if c is not None and not c.combined]
        groups = [str(g) for g in proposal.group]
        # The facts' rules: integrity doubles as PRF, so only an all-GCM proposal needs prf.
        for field in crypto.missing_transforms(proposal.encryption, proposal.integrity,
                                               proposal.prf, groups):
            extra = {"integrity": f" (needed by {plain[0]})" if plain else "",
                     "prf": f" (needed by {combined[0]}, which has no integrity to use as PRF)"
                     if combined else ""}.get(field, "")
            ctx.report("FV101", [*base, field],
                       f"proposal {name} has no {field}{extra}: IOS shows it as 'Proposal "
                       "Incomplete' and never offers it")
        if combined and proposal.integrity and not plain:
            # Only an all-AES-GCM proposal: mixed with CBC, integrity is for the CBC ciphers
            # (crypto.proposal_problems).
            ctx.report("FV102", [*base, "integrity"],
                       f"proposal {name} gives integrity {', '.join(proposal.integrity)} with "
                       f"combined-mode cipher {combined[0]} only: IOS treats it as incomplete; "
                       "remove integrity")
        if name not in used:
            ctx.report("FV104", base,
                       f"proposal {name} is in no ikev2_policies entry, so it is never "
                       "negotiated: reference it from a policy or remove it")
        for index, enc in enumerate(proposal.encryption):
            if (c := crypto.CIPHERS.get(enc)) is not None:
                _graded(ctx, [*base, "encryption", index], f"encryption {enc}", c.grade,
                        c.graded_by, "encryption")
        for field in ("integrity", "prf"):
            for index, alg in enumerate(getattr(proposal, field)):
                if (h := crypto.HASHES.get(alg)) is not None:
                    _graded(ctx, [*base, field, index], f"{field} {alg}", h.grade, h.graded_by,
                            field)
        for index, group in enumerate(proposal.group):
            if (g := crypto.DH_GROUPS.get(int(group))) is not None:
                _graded(ctx, [*base, "group", index], f"DH group {group} ({g.kind} {g.bits}-bit)",
                        g.grade, g.graded_by, "group")


# What the default proposal is depends on the software train (crypto.SMART_DEFAULTS, from real
# ``show crypto ikev2 proposal default`` outputs): flexorch renders for IOS-XE 17.
_DEFAULT = (f"which on IOS-XE 16/17 is {crypto.describe_default_proposal('iosxe')} (DH 5 is "
            f"graded Avoid) and on IOS 15.x {crypto.describe_default_proposal('ios15')}")


def check_policies(ctx: HostCtx) -> None:
    """FV103 policy without proposal; FV105 the default proposal would be negotiated."""
    host = ctx.host
    for name, policy in host.ikev2_policies.items():
        if not policy.proposals:
            ctx.report("FV103", ["ikev2_policies", name, "proposals"],
                       f"policy {name} has no proposal: IOS skips it; add proposals: [NAME]")
        for index, proposal in enumerate(policy.proposals):
            if proposal == crypto.DEFAULT_PROPOSAL_NAME and proposal not in host.ikev2_proposals:
                ctx.report("FV105", ["ikev2_policies", name, "proposals", index],
                           f"policy {name} offers the default proposal, {_DEFAULT}: name a "
                           "proposal of your own")
    uses_ikev2 = bool(host.ikev2_profiles) and bool(host.tunnels or host.virtual_templates)
    if uses_ikev2 and not any(p.proposals for p in host.ikev2_policies.values()):
        ctx.report("FV105", ["ikev2_policies"],
                   f"no IKEv2 policy with a proposal: IOS negotiates with the default proposal, "
                   f"{_DEFAULT}; define ikev2_proposals and ikev2_policies")


def _esp_grade(keyword: str) -> tuple[str, str] | None:
    if keyword.startswith("ah-"):
        keyword = "esp-" + keyword[3:]
    if keyword in crypto.ESP_INTEGRITY:
        return crypto.ESP_INTEGRITY[keyword][1], "guide"
    family = keyword.split()[0]
    if family in crypto.ESP_ENCRYPTION:
        return crypto.ESP_ENCRYPTION[family][2], "guide"
    return None


def check_ipsec_crypto(ctx: HostCtx) -> None:
    """Grades of transform sets and PFS groups; the default transform set (esp-aes esp-sha-hmac)
    where an IPsec profile names none."""
    host = ctx.host
    for name, tset in host.ipsec_transform_sets.items():
        for field in ("esp_encryption", "esp_integrity", "ah"):
            keyword = getattr(tset, field)
            graded = _esp_grade(keyword) if keyword else None
            if graded is not None:
                _graded(ctx, ["ipsec_transform_sets", name, field], f"{field} {keyword}",
                        graded[0], graded[1], field)
    for name, profile in host.ipsec_profiles.items():
        if profile.pfs is not None:
            pfs = crypto.DH_GROUPS.get(int(profile.pfs.removeprefix("group")))
            if pfs is not None:
                _graded(ctx, ["ipsec_profiles", name, "pfs"], f"PFS {profile.pfs}", pfs.grade,
                        pfs.graded_by, "pfs")
        names: Iterable[str] = profile.transform_sets or [crypto.DEFAULT_TRANSFORM_SET_NAME]
        if any(n == crypto.DEFAULT_TRANSFORM_SET_NAME and n not in host.ipsec_transform_sets
               for n in names):
            ctx.report("FV112", ["ipsec_profiles", name, "transform_sets"],
                       f"IPsec profile {name} uses the default transform set "
                       f"({' '.join(crypto.DEFAULT_TRANSFORM_SET)}): esp-sha-hmac is SHA1, graded "
                       "Legacy; name a transform set with esp-gcm 256")
