"""Readers of the IKEv2 blocks (proposal, policy, keyring, profile, globals, FlexVPN client,
authorization policy), and the word helpers every block reader shares (``model_read`` uses them).

A part of ``flexorch.ios.model``; ``model_read._read_tree`` is the entry point.
"""

from __future__ import annotations

import ipaddress

from flexorch.ios.config import Node
from flexorch.ios.facts import interface_canonical
from flexorch.ios.model.blocks import (
    AaaAuthorization,
    AuthMethod,
    AuthorizationPolicy,
    Dpd,
    FlexvpnClient,
    Identity,
    Keyring,
    KeyringPeer,
    Policy,
    Profile,
    Proposal,
    Secret,
)

# --- Reading the tree ------------------------------------------------------------------------
# One function per IOS block. Each takes the block's Node and returns the typed object; unknown
# child lines are skipped. Words are split on whitespace; IOS never puts spaces inside the
# arguments these blocks carry, except descriptions and keys, which take the rest of the line.


def canonical(name: str) -> str:
    try:
        return interface_canonical(name)
    except ValueError:
        return name


def int_or_none(word: str | None) -> int | None:
    return int(word) if word is not None and word.isdigit() else None


def _words_after(text: str, prefix: str) -> list[str]:
    return text[len(prefix) :].split()


def _address_pattern(words: list[str]) -> str | None:
    """``A [MASK]`` / ``A/len`` -> a network string (``0.0.0.0`` alone means any IPv4)."""
    if not words:
        return None
    try:
        if "/" in words[0]:
            return str(ipaddress.ip_network(words[0], strict=False))
        addr = ipaddress.ip_address(words[0])
        if len(words) > 1:
            return str(ipaddress.ip_network(f"{words[0]}/{words[1]}", strict=False))
        if addr.is_unspecified:
            return f"{addr}/0"
        return f"{addr}/{addr.max_prefixlen}"
    except ValueError:
        return None


def _identity(words: list[str]) -> Identity | None:  # noqa: PLR0911 - one exit per kind
    """``address A [M]`` / ``fqdn [domain] X`` / ``email [domain] X`` / ``key-id X`` / ``dn``."""
    if not words:
        return None
    kind, rest = words[0], words[1:]
    if kind == "dn":
        return Identity("dn", "")
    if kind == "address":
        pattern = _address_pattern(rest)
        return Identity("address", pattern) if pattern else None
    if kind in ("fqdn", "email"):
        if rest[:1] == ["domain"] and len(rest) > 1:
            return Identity(kind, rest[1], domain=True)
        return Identity(kind, rest[0]) if rest else None
    if kind == "key-id" and rest:
        return Identity("key-id", " ".join(rest))
    return None


def _local_identity(words: list[str]) -> Identity | None:
    ident = _identity(words)
    if ident is not None and ident.kind == "address":
        # A local identity is one address, not a pattern.
        return Identity("address", ident.value.split("/")[0])
    return ident


def _dpd(words: list[str]) -> Dpd | None:
    numbers = [int(w) for w in words if w.isdigit()]
    if len(numbers) < 2:
        return None
    mode = "on-demand" if "on-demand" in words else "periodic"
    return Dpd(numbers[0], numbers[1], mode)


def read_proposal(name: str, node: Node) -> Proposal:
    lists: dict[str, list[str]] = {"encryption": [], "integrity": [], "prf": [], "group": []}
    for child in node.children:
        w = child.text.split()
        if w and w[0] in lists:
            # A second ``encryption`` line adds to the list, as in IOS.
            lists[w[0]].extend(x for x in w[1:] if x not in lists[w[0]])
    return Proposal(name, *(tuple(lists[k]) for k in ("encryption", "integrity", "prf", "group")))


def read_policy(name: str, node: Node) -> Policy:
    fvrf: list[str] = []
    local: list[str] = []
    proposals: list[str] = []
    for child in node.children:
        w = child.text.split()
        # ``match vrf any`` appears in the guide; IOS's command is ``match fvrf``: accept both.
        if w[:2] in (["match", "fvrf"], ["match", "vrf"]) and len(w) > 2:
            fvrf.append(w[2])
        elif w[:3] == ["match", "address", "local"] and len(w) > 3:
            local.append(w[3])
        elif w[:1] == ["proposal"] and len(w) > 1:
            proposals.extend(w[1:])
    return Policy(name, tuple(fvrf), tuple(local), tuple(proposals))


def read_keyring(name: str, node: Node) -> Keyring:
    peers = []
    for peer in node.children_starting("peer"):
        attrs: dict[str, object] = {"name": peer.text[5:].strip()}
        identities: list[Identity] = []
        for child in peer.children:
            w = child.text.split()
            if w[:1] == ["address"]:
                pattern = _address_pattern(w[1:])
                if pattern:
                    attrs["address"] = ipaddress.ip_network(pattern)
            elif w[:1] == ["hostname"] and len(w) > 1:
                attrs["hostname"] = w[1]
            elif w[:1] == ["identity"]:
                ident = _identity(w[1:])
                if ident is not None:
                    identities.append(ident)
            elif w[:1] == ["pre-shared-key"]:
                if w[1:2] in (["local"], ["remote"]):
                    attrs[f"psk_{w[1]}"] = Secret.parse(w[2:])
                else:
                    attrs["psk"] = Secret.parse(w[1:])
        attrs["identities"] = tuple(identities)
        peers.append(KeyringPeer(**attrs))  # type: ignore[arg-type]
    return Keyring(name, tuple(peers))


def _auth(words: list[str]) -> AuthMethod | None:
    if not words:
        return None
    method, rest = words[0], words[1:]
    if method == "pre-share":
        key = Secret.parse(rest[1:]) if rest[:1] == ["key"] else None
        return AuthMethod("pre-share", key)
    return AuthMethod(method, None, tuple(w for w in rest if w != "password")[:2])


def _aaa_authorization(words: list[str]) -> AaaAuthorization | None:
    # words after "aaa authorization": user|group [override] psk|cert|eap (cached | list L [...])
    if len(words) < 3 or words[0] not in ("user", "group"):
        return None
    scope, rest = words[0], words[1:]
    override = rest[:1] == ["override"]
    if override:
        rest = rest[1:]
    if not rest:
        return None
    auth, rest = rest[0], rest[1:]
    if rest[:1] == ["cached"]:
        return AaaAuthorization(scope, auth, cached=True, override=override)
    if rest[:1] != ["list"] or len(rest) < 2:
        return None
    method_list, rest = rest[1], rest[2:]
    name = mangler = None
    password = None
    if "password" in rest:
        idx = rest.index("password")
        password, rest = Secret.parse(rest[idx + 1 :]), rest[:idx]
    if rest[:1] == ["name-mangler"] and len(rest) > 1:
        mangler = rest[1]
    elif rest:
        name = rest[0]
    return AaaAuthorization(scope, auth, method_list, name, mangler, override, False, password)


_PROFILE_FLAGS = {
    "no config-exchange request": ("config_exchange_request", False),
    "no config-exchange set send": ("config_exchange_set_send", False),
    "no config-exchange set accept": ("config_exchange_set_accept", False),
    "no lifetime certificate": ("lifetime_certificate", False),
    "nat force-encap": ("nat_force_encap", True),
    "match identity remote any": ("match_any", True),
}


def read_profile(name: str, node: Node) -> Profile:  # noqa: PLR0912, PLR0915 - per command
    attrs: dict[str, object] = {"name": name}
    lists: dict[str, list[object]] = {
        k: []
        for k in ("match_identities", "match_certificates", "match_fvrf", "match_address_local",
                  "auth_local", "auth_remote", "pki_trustpoints", "aaa_authorization",
                  "aaa_accounting")
    }
    for child in node.children:
        text = child.text
        w = text.split()
        if text in _PROFILE_FLAGS:
            key, value = _PROFILE_FLAGS[text]
            attrs[key] = value
        elif text.startswith("description "):
            attrs["description"] = text[len("description ") :]
        elif w[:3] == ["match", "identity", "remote"]:
            ident = _identity(w[3:])
            if ident is not None:
                lists["match_identities"].append(ident)
        elif w[:2] == ["match", "certificate"] and len(w) > 2:
            lists["match_certificates"].append(w[2])
        elif w[:2] in (["match", "fvrf"], ["match", "vrf"]) and len(w) > 2:
            lists["match_fvrf"].append(w[2])
        elif w[:3] == ["match", "address", "local"] and len(w) > 3:
            target = canonical(w[4]) if w[3] == "interface" and len(w) > 4 else w[3]
            lists["match_address_local"].append(target)
        elif w[:2] == ["identity", "local"]:
            attrs["identity_local"] = _local_identity(w[2:])
        elif w[:2] in (["authentication", "local"], ["authentication", "remote"]):
            method = _auth(w[2:])
            if method is not None:
                lists[f"auth_{w[1]}"].append(method)
        elif w[:2] == ["keyring", "aaa"] and len(w) > 2:
            attrs["keyring_aaa"] = w[2]
            if "name-mangler" in w and w.index("name-mangler") + 1 < len(w):
                attrs["keyring_aaa_name_mangler"] = w[w.index("name-mangler") + 1]
        elif w[:2] == ["keyring", "local"] and len(w) > 2:
            attrs["keyring_local"] = w[2]
        elif w[:1] == ["keyring"] and len(w) == 2:
            attrs["keyring_local"] = w[1]
        elif w[:2] == ["pki", "trustpoint"] and len(w) > 2:
            lists["pki_trustpoints"].append(w[2])
        elif w[:1] == ["dpd"]:
            attrs["dpd"] = _dpd(w[1:])
        elif w[:2] == ["nat", "keepalive"] and len(w) > 2:
            attrs["nat_keepalive"] = int_or_none(w[2])
        elif w[:1] == ["virtual-template"] and len(w) > 1:
            attrs["virtual_template"] = int_or_none(w[1])
            attrs["virtual_template_mode_auto"] = w[2:4] == ["mode", "auto"]
        elif w[:1] == ["ivrf"] and len(w) > 1:
            attrs["ivrf"] = w[1]
        elif w[:2] == ["aaa", "authentication"] and len(w) > 3:
            attrs["aaa_authentication_eap"] = w[3]
        elif w[:2] == ["aaa", "authorization"]:
            author = _aaa_authorization(w[2:])
            if author is not None:
                lists["aaa_authorization"].append(author)
        elif w[:2] == ["aaa", "accounting"] and len(w) > 2:
            scope, target = (w[2], w[3]) if len(w) > 3 else ("all", w[2])
            lists["aaa_accounting"].append((scope, target))
        elif w[:1] == ["session-lifetime"] and len(w) > 1:
            attrs["session_lifetime"] = int_or_none(w[1])
        elif w[:1] == ["lifetime"] and len(w) > 1 and w[1].isdigit():
            attrs["lifetime"] = int(w[1])
    for key, values in lists.items():
        attrs[key] = tuple(values)
    return Profile(**attrs)  # type: ignore[arg-type]


_GLOBAL_FLAGS = {
    "cts sgt": "cts_sgt",
    "disconnect-revoked-peers": "disconnect_revoked_peers",
    "http-url cert": "http_url_cert",
}


def read_ikev2_global(rest: str, attrs: dict[str, object]) -> None:  # noqa: PLR0912 - per cmd
    w = rest.split()
    if rest in _GLOBAL_FLAGS:
        attrs[_GLOBAL_FLAGS[rest]] = True
    elif w[:1] == ["fragmentation"]:
        attrs["fragmentation"] = True
        if w[1:2] == ["mtu"] and len(w) > 2:
            attrs["fragmentation_mtu"] = int_or_none(w[2])
    elif w[:2] == ["nat", "keepalive"] and len(w) > 2:
        attrs["nat_keepalive"] = int_or_none(w[2])
    elif w[:1] == ["dpd"]:
        attrs["dpd"] = _dpd(w[1:])
    elif w[:1] == ["window"] and len(w) > 1:
        attrs["window"] = int_or_none(w[1])
    elif w[:1] == ["cookie-challenge"] and len(w) > 1:
        attrs["cookie_challenge"] = int_or_none(w[1])
    elif w[:2] == ["limit", "max-sa"] and len(w) > 2:
        attrs["limit_max_sa"] = int_or_none(w[2])
    elif w[:1] == ["limit"] and w[1:2] in (["max-in-negotiation"], ["max-in-negotiation-sa"]):
        # IOS spells it ``max-in-negotiation-sa N``; the guide writes ``max-in-negotiation sa N``.
        numbers = [x for x in w[2:] if x.isdigit()]
        direction = next((x for x in w if x in ("incoming", "outgoing")), "incoming")
        if numbers:
            prior = attrs.get("limit_max_in_negotiation", ())
            assert isinstance(prior, tuple)
            attrs["limit_max_in_negotiation"] = (*prior, (int(numbers[0]), direction))
    elif w[:1] == ["certificate-cache"] and len(w) > 1:
        attrs["certificate_cache"] = int_or_none(w[1])
    elif w[:2] == ["diagnose", "error"] and len(w) > 2:
        attrs["diagnose_error"] = int_or_none(w[2])
    elif w[:1] in (["redirect"], ["reconnect"]):
        prior = attrs.get(w[0], ())
        assert isinstance(prior, tuple)
        attrs[w[0]] = (*prior, " ".join(w[1:]))


def read_client(name: str, node: Node) -> FlexvpnClient:
    peers: list[tuple[int, str]] = []
    connect: str | None = None
    other: list[str] = []
    for child in node.children:
        w = child.text.split()
        if w[:1] == ["peer"] and len(w) > 2 and w[1].isdigit():
            peers.append((int(w[1]), " ".join(w[2:])))
        elif w[:2] == ["client", "connect"] and len(w) > 2:
            connect = canonical(w[2])
        else:
            other.append(child.text)
    return FlexvpnClient(name, tuple(sorted(peers)), connect, tuple(other))


def read_author_policy(name: str, node: Node) -> AuthorizationPolicy:
    attrs: dict[str, object] = {"name": name}
    route_set: list[str] = []
    other: list[str] = []
    for child in node.children:
        text = child.text
        w = text.split()
        if text == "route set interface":
            attrs["route_set_interface"] = True
        elif w[:3] == ["route", "accept", "any"]:
            attrs["route_accept_any"] = True
            for key in ("tag", "distance"):
                if key in w[3:-1] and w[w.index(key) + 1].isdigit():
                    attrs[f"route_accept_{key}"] = int(w[w.index(key) + 1])
        elif text == "no route accept":
            attrs["route_accept"] = False
        elif w[:2] == ["ipsec", "flow-limit"] and len(w) > 2:
            attrs["ipsec_flow_limit"] = int_or_none(w[2])
        elif w[:2] == ["route", "set"]:
            route_set.append(" ".join(w[2:]))
        elif w[:1] == ["pool"] and len(w) > 1:
            attrs["pool"] = w[1]
        elif w[:1] == ["def-domain"] and len(w) > 1:
            attrs["def_domain"] = w[1]
        elif w[:3] == ["aaa", "attribute", "list"] and len(w) > 3:
            attrs["aaa_attribute_list"] = w[3]
        else:
            other.append(text)
    attrs["route_set"] = tuple(route_set)
    attrs["other"] = tuple(other)
    return AuthorizationPolicy(**attrs)  # type: ignore[arg-type]
