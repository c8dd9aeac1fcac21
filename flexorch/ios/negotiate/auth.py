"""IKE_AUTH in the negotiation model: authentication methods each end accepts, pre-shared keys in
both directions, certificates, and the AAA authorization a profile asks for.

A part of ``flexorch.ios.negotiate`` (``negotiate_exchange.negotiate`` runs these checks).
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass

from flexorch.ios.model import KeyringPeer, Secret
from flexorch.ios.negotiate.match import keyring_lookup, mangle
from flexorch.ios.negotiate.steps import Side
from flexorch.ios.negotiate.types import (
    AUTH_CAUSES,
    AUTH_SHOW,
    CERT_METHODS,
    Fail,
    Note,
    Status,
)


def _auth_fail(cause: str, reason: str) -> Fail:
    """An AUTH_FAILED failure with its structured cause (one of ``AUTH_CAUSES``)."""
    assert cause in AUTH_CAUSES, cause
    return Fail(Status.AUTH_FAILED, "auth", reason, cause)


@dataclass
class _KeySource:
    key: Secret | None
    where: str
    unknown: bool = False  # held by AAA: exists, value not knowable


def _keyring_peer(side: Side, peer: Side, with_identity: bool) -> tuple[KeyringPeer | None, str]:
    profile = side.prof
    if profile.keyring_local is None:
        return None, f"profile {profile.name} has no keyring"
    keyring = side.config.keyrings[profile.keyring_local]
    identity = peer.identity if with_identity else None
    block = keyring_lookup(side.config, keyring, peer.seen, identity)
    if block is None:
        return None, f"keyring {keyring.name} has no peer block for {peer.name}"
    return block, f"keyring {keyring.name} peer {block.name}"


def _signing_key(side: Side, block: KeyringPeer | None, where: str) -> _KeySource:
    method = side.prof.auth_local[0]
    if method.key is not None:
        return _KeySource(method.key, f"profile {side.prof.name} authentication local key")
    if block is not None and block.local_key is not None:
        return _KeySource(block.local_key, where)
    if side.prof.keyring_aaa is not None:
        return _KeySource(None, f"keyring aaa {side.prof.keyring_aaa}", unknown=True)
    return _KeySource(None, where)


def _verifying_key(side: Side, block: KeyringPeer | None, where: str) -> _KeySource:
    for method in side.prof.auth_remote:
        if method.method == "pre-share" and method.key is not None:
            return _KeySource(method.key, f"profile {side.prof.name} authentication remote key")
    if block is not None and block.remote_key is not None:
        return _KeySource(block.remote_key, where)
    if side.prof.keyring_aaa is not None:
        return _KeySource(None, f"keyring aaa {side.prof.keyring_aaa}", unknown=True)
    return _KeySource(None, where)


def _check_psk(signer: Side, sign: _KeySource, verifier: Side, verify: _KeySource,
               notes: list[Note]) -> None:
    for side, source, role in ((signer, sign, "local"), (verifier, verify, "remote")):
        if source.key is None and not source.unknown:
            raise _auth_fail("no-key", f"{side.name}: no pre-shared {role} key for the peer "
                                       f"({source.where})")
    direction = f"{signer.name} -> {verifier.name}"
    same = None if sign.key is None or verify.key is None else sign.key.same_as(verify.key)
    if same is False:
        raise _auth_fail("psk-mismatch",
                         f"pre-shared key mismatch {direction}: {signer.name}'s local key "
                         f"({sign.where}) differs from {verifier.name}'s remote key "
                         f"({verify.where})")
    if same is None:
        notes.append(Note("psk-unverified", f"pre-shared key {direction} not verified: a key "
                          "is encrypted (type 6) or held by AAA"))


def _trustpoints(side: Side, fallback: bool) -> list[str]:
    names = list(side.prof.pki_trustpoints)
    if not names and fallback:  # guide: the initiator may fall back; the responder may not
        names = list(side.config.pki.trustpoints)
    return names


def _check_cert(signer: Side, verifier: Side, notes: list[Note]) -> None:
    signer_tps = _trustpoints(signer, signer.is_initiator)
    verifier_tps = _trustpoints(verifier, verifier.is_initiator)
    for side, tps, what in ((signer, signer_tps, "sign with"), (verifier, verifier_tps, "verify")):
        if not tps:
            raise _auth_fail("cert-no-trustpoint",
                             f"{side.name}: IKEv2 profile {side.prof.name} has no pki "
                             f"trustpoint to {what}")
    # The config does not say which CA signed a certificate. Enrollment URLs are no evidence
    # either way: one CA router is reached at different addresses (real: R15 enrols at
    # http://192.168.3.14:80, R18 at http://20.10.10.2:80, and their RSA SA is up,
    # tests/fixtures/real/gh-atrubin-otus-ikev2-cryptomap). So the CA is assumed common, noted.
    s_urls = {url for t in signer_tps
              if (url := signer.config.pki.trustpoints[t].enrollment_url) is not None}
    v_urls = {url for t in verifier_tps
              if (url := verifier.config.pki.trustpoints[t].enrollment_url) is not None}
    if not (s_urls & v_urls):
        seen = ", ".join(sorted(s_urls | v_urls)) or "no enrollment url"
        notes.append(Note("cert-ca-assumed", f"certificate {signer.name} -> {verifier.name}: "
                          f"CA assumed common ({seen})"))


def authenticate(i: Side, r: Side, notes: list[Note]) -> None:
    i_local, r_local = i.prof.auth_local[0].method, r.prof.auth_local[0].method
    for signer, method, verifier in ((i, i_local, r), (r, r_local, i)):
        accepted = [m.method for m in verifier.prof.auth_remote]
        if method not in accepted:
            raise _auth_fail("auth-method",
                             f"{verifier.name} does not accept {AUTH_SHOW.get(method, method)} "
                             f"from {signer.name} (authentication remote: "
                             f"{', '.join(accepted)})")
    psk = "pre-share" in (i_local, r_local)
    i_block, i_where = _keyring_peer(i, r, with_identity=False) if psk else (None, "")
    r_block, r_where = _keyring_peer(r, i, with_identity=True) if psk else (None, "")
    blocks = {i.name: (i_block, i_where), r.name: (r_block, r_where)}
    for signer, method, verifier in ((i, i_local, r), (r, r_local, i)):
        if method == "pre-share":
            _check_psk(signer, _signing_key(signer, *blocks[signer.name]), verifier,
                       _verifying_key(verifier, *blocks[verifier.name]), notes)
        elif method in CERT_METHODS:
            _check_cert(signer, verifier, notes)
        else:
            notes.append(Note("auth-not-modelled",
                              f"{AUTH_SHOW.get(method, method)} {signer.name} -> "
                              f"{verifier.name}: credentials are checked by AAA, not modelled"))


# --- AAA authorization -------------------------------------------------------------------------
_AUTHOR_KIND = {"pre-share": "psk", "rsa-sig": "cert", "ecdsa-sig": "cert", "eap": "eap"}


def authorize(side: Side, peer: Side, notes: list[Note]) -> None:
    """``aaa authorization user|group <psk|cert|eap> ...`` in the profile, for a peer that
    authenticated with that method. IOS fails IKE_AUTH (AUTHENTICATION_FAILED) when the
    authorization cannot be done: no ``aaa new-model``, an undefined method list or name
    mangler, or a local method whose authorization policy does not exist. RADIUS answers are
    not modelled: they are assumed to succeed (noted)."""
    config = side.config
    kind = _AUTHOR_KIND.get(peer.prof.auth_local[0].method)
    assert peer.identity is not None
    for author in side.prof.aaa_authorization:
        if author.auth != kind:
            continue
        label = f"{side.name}: aaa authorization {author.scope} {author.auth}"
        if not config.aaa.new_model:
            raise _auth_fail("aaa-new-model", f"{label} needs aaa new-model")
        if author.cached:
            notes.append(Note("aaa-cached-not-modelled",
                              f"{label} cached: implicit authorization by AAA is not modelled"))
            continue
        methods = config.aaa.method_lists.get("authorization network", {}).get(
            author.method_list or "")
        if methods is None:
            raise _auth_fail("aaa-method-list",
                             f"{label}: method list {author.method_list} is not defined "
                             "(aaa authorization network)")
        name = author.name
        if author.name_mangler is not None:
            mangler = config.name_manglers.get(author.name_mangler)
            if mangler is None:
                raise _auth_fail("aaa-name-mangler",
                                 f"{label}: name-mangler {author.name_mangler} is not defined")
            name = mangle(mangler.rules, peer.identity)
        if methods[:1] == ("group",) and len(methods) > 1:
            group = methods[1]
            if group not in ("radius", "tacacs+") and group not in config.aaa.server_groups:
                raise _auth_fail("aaa-server-group",
                                 f"{label}: server group {group} is not defined")
            notes.append(Note("aaa-server-assumed",
                              f"{label} by server group {group} for '{name or peer.name}': "
                              "the AAA answer is assumed to grant it"))
        elif methods[:1] == ("local",):
            side.pushed += _local_policy(side, label, name, peer)


def _local_policy(side: Side, label: str, name: str | None, peer: Side) -> tuple[str, ...]:
    """The local authorization policy ``name`` must exist; returns the interface-config lines
    its ``aaa attribute list`` pushes onto the Virtual-Access IOS clones for the peer."""
    config = side.config
    policy = config.authorization_policies.get(name or "")
    if policy is None:
        raise _auth_fail("aaa-local-policy",
                         f"{label}: no local authorization policy "
                         f"{name or '(no name derived)'} for {peer.name}")
    lines = config.aaa.attribute_lists.get(policy.aaa_attribute_list or "", ())
    return tuple(cmd for line in lines if (cmd := interface_config(line)) is not None)


def interface_config(line: str) -> str | None:
    """The interface command of an ``aaa attribute list`` entry ``attribute type
    interface-config "<command>" [protocol ip]`` (Cisco FlexVPN configuration guide, "Configuring
    the AAA Attribute List"), None for any other attribute."""
    try:
        words = shlex.split(line)
    except ValueError:
        return None
    if words[:3] == ["attribute", "type", "interface-config"] and len(words) > 3:
        return words[3]
    return None
