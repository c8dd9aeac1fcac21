"""Tunnels to routers outside the import become ``external_peers`` (``flexorch.intent.external``).

A tunnel whose ``tunnel destination`` no imported router holds (a cloud VPN gateway, a
partner's router, a hub that was not imported) is written ``peer: NAME`` with the peer declared
under the host's ``external_peers``: the loader derives the same destination back, and lint and
the predictions negotiate the tunnel instead of reporting an unknown peer (FV502).

What the far end runs is not in any imported config. The declaration says what the tunnel
needs for the router's own side to come up as configured - which is what the running tunnel
shows: the peer presents the identity the router's IKEv2 profile matches (its address when the
profile matches that address or ``any``) or a certificate subject its certificate map matches,
authenticates with the profile's ``authentication remote`` method (pre-share, rsa-sig,
ecdsa-sig) and accepts its ``authentication local`` one, holds the key the router's keyring (or
profile) has for that address, accepts the router's first proposal and transform set (the
train's built-in ones when the router uses them) and its PFS group. Edit it to what the far
end really runs; the declaration names the tunnel it came from in its ``description``.

The declaration is kept only when flexorch's negotiation model, on the router's own config,
brings the tunnel up with it (``model_check``): plan predicts every tunnel of a router it reads,
and a declared peer the model fails on (a WAN address learned by DHCP, which the config does not
hold; an excerpt without the tunnel's source interface) would make plan report a failure on an
untouched router.

A tunnel whose side cannot be declared that way stays ``destination:`` (its rendering is the
same; lint reports it as FV502) with a warning naming the file, tunnel and why: EAP (or a
method the intent does not type), a certificate map with rules other than subject-name eq|co,
different local and remote keys, an identity the peer could not present,
another imported router needing the same address declared differently, or the model's reason
the tunnel would not come up.
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from flexorch.intent.external import ExternalPeer
from flexorch.ios.facts.crypto import smart_defaults
from flexorch.ios.model import RouterConfig, address_pattern

Data = dict[str, Any]
# The methods an external peer has (``flexorch.intent.external.PeerAuth``): not EAP.
_PEER_AUTH = ("pre-share", "rsa-sig", "ecdsa-sig")


_HOST = "255.255.255.255"  # a keyring peer's mask for one address (none also means one)


class NotDeclared(Exception):
    """Why a tunnel's far end cannot be declared (the message is the reason)."""


@dataclass
class Declared:
    """External peers declared so far, and the names taken."""

    # address -> (name, declaration as compared, first host, declaration)
    by_address: dict[str, tuple[str, str, str, Data]] = field(default_factory=dict)
    names: set[str] = field(default_factory=set)


# Would the tunnel come up with the far end as declared, on the router's own config? (host,
# tunnel, (IKEv2 profile, keyring, keyring peer) holding the key, declaration) -> why not, or
# None.
Check = Callable[[str, str, tuple[str, str, str], Data], str | None]


def external_peers(hosts: dict[str, Data], held: Callable[[str], bool],
                   sources: dict[str, str], check: Check) -> list[str]:
    """Declare the far end of every tunnel of ``hosts`` whose destination no imported router
    holds (``held``), and point the tunnel at it (``peer: NAME``), when the negotiation model
    brings the tunnel up with it (``check``): a declared peer the model fails on would make
    plan report a failure on an untouched router. ``sources``: host -> file. The warnings for
    the tunnels left as they were."""
    declared = Declared(names=set(hosts))
    warnings: list[str] = []
    for host, data in hosts.items():
        for tname, tunnel in list(data.get("tunnels", {}).items()):
            for line, address in _dialed(data, tname, tunnel):
                if held(address):
                    continue
                try:
                    peer = _peer(host, data, tname, tunnel, address)
                    why = check(host, tname, _key_holder(data, tunnel, address), peer)
                    if why is not None:
                        raise NotDeclared(f"flexorch's negotiation model does not bring the "
                                          f"tunnel up with it: {why}")
                    name, peer = _name(declared, host, data, tunnel, address, peer)
                except NotDeclared as why:
                    warnings.append(f"{sources[host]}: interface {tname}: '{line}': not declared "
                                    f"as an external peer ({why}); lint reports the tunnel "
                                    "(FV502)")
                    continue
                data.setdefault("external_peers", {})[name] = peer
                if line.startswith("tunnel destination "):
                    data["tunnels"][tname] = {("peer" if k == "destination" else k):
                                              (name if k == "destination" else v)
                                              for k, v in tunnel.items()}
    return warnings


# A DMVPN spoke dials its NHRP servers' NBMA addresses (kept as raw lines): ``ip nhrp nhs A nbma
# N`` and ``ip nhrp map A N`` (tests/fixtures/real/gh-skydevil-final-dmvpn-dualcloud).
_NHRP = re.compile(r"^ip nhrp (?:nhs \S+ nbma|map(?! multicast) \S+) (\S+)")


def _dialed(data: Data, tname: str, tunnel: Data) -> list[tuple[str, str]]:
    """(line, address) of every address the tunnel dials: its destination (written ``peer:``
    once declared), its NHRP servers' NBMA addresses and, for a tunnel a FlexVPN client
    connects, the client's peer addresses (those lines stay as they are)."""
    out = []
    destination = tunnel.get("destination")
    if isinstance(destination, str) and destination != "dynamic":
        out.append((f"tunnel destination {destination}", destination))
    for line in tunnel.get("extra_lines", []):
        m = _NHRP.match(line) if isinstance(line, str) else None  # not a key line
        if m:
            out.append((line, m.group(1)))
    for client in data.get("ikev2_clients", {}).values():
        if tname in client.get("connect", []):
            out += [(f"peer {p['seq']} {p['address']}", p["address"])
                    for p in client.get("peers", []) if p.get("address")]
    unique: dict[str, str] = {}  # address -> the first line dialing it
    for line, address in out:
        if _is_address(address):
            unique.setdefault(address, line)
    return [(line, address) for address, line in unique.items()]


def _same_address(one: str | None, other: str) -> bool:
    return one is not None and _is_address(one) \
        and ipaddress.ip_address(one) == ipaddress.ip_address(other)


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _name(declared: Declared, host: str, data: Data, tunnel: Data, destination: str,
          peer: Data) -> tuple[str, Data]:
    """The peer's name (the keyring peer's, else ``ext-ADDRESS``) and declaration: one per
    address, the first router's when another declares it alike (its description aside)."""
    text = json.dumps({k: v for k, v in peer.items() if k != "description"}, sort_keys=True)
    found = declared.by_address.get(destination)
    if found is not None:
        if found[1] != text:
            raise NotDeclared(f"{found[2]} needs {destination} declared with other settings "
                              "(another key or identity): one external peer is one router")
        return found[0], found[3]
    ring_peer, entry = _keyring_peer(data, tunnel, destination)
    # the keyring peer's name when it is this address's own entry (not a wildcard's)
    own = _same_address(entry.get("address"), destination) \
        and entry.get("mask", _HOST) == _HOST
    base = re.sub(r"[^A-Za-z0-9_.-]", "-", ring_peer if ring_peer and own
                  else f"ext-{destination}")[:56]
    name, suffix = base, 2
    while name in declared.names:
        name, suffix = f"{base}-{suffix}", suffix + 1
    declared.names.add(name)
    declared.by_address[destination] = (name, text, host, peer)
    return name, peer


def _profile(data: Data, tunnel: Data) -> tuple[Data | None, Data]:
    """The tunnel's IKEv2 profile (by its IPsec profile) and that IPsec profile."""
    ipsec = data.get("ipsec_profiles", {}).get(tunnel.get("protection"), {})
    name = tunnel.get("protection_ikev2_profile") or ipsec.get("ikev2_profile")
    return data.get("ikev2_profiles", {}).get(name), ipsec


def _peer(host: str, data: Data, tname: str, tunnel: Data, destination: str) -> Data:
    profile, ipsec = _profile(data, tunnel)
    if profile is None:
        raise NotDeclared("its IPsec profile names no IKEv2 profile of this router")
    remote = [a["method"] for a in profile.get("authentication_remote", [])]
    local = profile.get("authentication_local", {}).get("method")
    method = next((m for m in remote if m in _PEER_AUTH), None)
    if method is None or local not in _PEER_AUTH:
        methods = " / ".join(dict.fromkeys(m for m in (local, *remote) if m)) or "no method"
        raise NotDeclared(f"the profile authenticates with {methods} (typed): an external peer "
                          "uses pre-share, rsa-sig or ecdsa-sig both ways")
    peer: Data = {"description": f"imported: far end of {host} {tname}", "address": destination,
                  "authentication": method}
    if local != method:
        peer["accepts"] = [local]
    match = profile.get("match", {})
    if match.get("certificate"):
        peer["certificate_subject"] = _subject(data, match["certificate"][0])
    elif (identity := _identity(match, destination)) is not None:
        peer["identity"] = identity
    if "pre-share" in (method, local):
        peer["pre_shared_key"] = _key(data, tunnel, profile, destination)
    train = smart_defaults(data.get("platform_version"))
    peer["proposal"] = _first_proposal(data) or {
        "encryption": list(train.encryption), "integrity": list(train.integrity),
        "group": [int(g) for g in train.group]}
    sets = ipsec.get("transform_sets", [])
    transform = data.get("ipsec_transform_sets", {}).get(sets[0]) if sets else None
    peer["transform_set"] = _transform(transform) if transform else {
        "esp_encryption": train.transform_set[0], "esp_integrity": train.transform_set[1],
        "mode": train.transform_set_mode}
    if ipsec.get("pfs"):
        peer["pfs"] = ipsec["pfs"]
    try:
        return ExternalPeer.model_validate(peer).model_dump(mode="json", exclude_defaults=True)
    except ValidationError as exc:
        raise NotDeclared(exc.errors(include_url=False)[0]["msg"]) from None


def _identity(match: Data, destination: str) -> Data | None:
    """What the peer presents so that the profile matches it (None: its address, IOS's
    default identity)."""
    rules = match.get("identity_remote", [])
    if not rules:
        raise NotDeclared("the profile matches no remote identity")
    rule = rules[0]
    kind, value = rule["type"], rule.get("value")
    if kind == "any":
        return None
    if kind == "address":
        if _address_matches(value, rule.get("mask"), destination):
            return None
        single = _single(value, rule.get("mask"))
        if single is None:
            raise NotDeclared(f"it matches the address range {value} {rule.get('mask') or ''}"
                              .rstrip())
        return {"type": "address", "value": single}
    if rule.get("domain"):
        if kind == "email":
            raise NotDeclared(f"it matches the email domain {value}")
        return {"type": kind, "value": value}  # IOS: fqdn domain D matches D itself
    return {"type": kind, "value": value}


def _subject(data: Data, name: str) -> str:
    """A certificate subject the certificate map ``name`` matches: its ``subject-name eq|co``
    values joined (the map's rules must all be of that kind)."""
    rules = [r for m in data.get("pki_certificate_maps", []) if m["name"] == name
             for r in m["rules"]]
    if not rules or any(r["field"] != "subject-name" or r["op"] not in ("eq", "co")
                        for r in rules):
        raise NotDeclared(f"certificate map {name} has rules other than subject-name eq|co")
    return ",".join(r["value"] for r in rules)


def _single(value: str | None, mask: str | None) -> str | None:
    """The one address an address rule matches (``A``, ``A 255.255.255.255``, ``A/128``)."""
    pattern = address_pattern(value, mask)
    net = ipaddress.ip_network(pattern) if pattern else None
    return str(net.network_address) if net and net.prefixlen == net.max_prefixlen else None


def _address_matches(value: str | None, mask: str | None, destination: str) -> bool:
    """Whether the rule matches ``destination`` (IOS reads ``address 0.0.0.0`` alone as any
    IPv4 address: ``flexorch.ios.model.address_pattern``)."""
    pattern = address_pattern(value, mask)
    try:
        return pattern is not None and \
            ipaddress.ip_address(destination) in ipaddress.ip_network(pattern)
    except ValueError:  # an IPv4 rule against an IPv6 destination
        return False


def _keyring_peer(data: Data, tunnel: Data, destination: str) -> tuple[str | None, Data]:
    """The keyring peer of the tunnel's profile for ``destination`` (longest address match)."""
    profile, _ = _profile(data, tunnel)
    keyring = data.get("ikev2_keyrings", {}).get(((profile or {}).get("keyring") or {})
                                                 .get("local"), {})
    best: tuple[int, str | None, Data] = (-1, None, {})
    for name, peer in keyring.get("peers", {}).items():
        spec = peer.get("prefix") or (f"{peer['address']}/{peer.get('mask', '')}".rstrip("/")
                                      if peer.get("address") else None)
        try:
            net = ipaddress.ip_network(spec, strict=False) if spec else None
            inside = net is not None and ipaddress.ip_address(destination) in net
        except ValueError:
            inside = False
        if inside and net is not None and net.prefixlen > best[0]:
            best = (net.prefixlen, str(name), peer)
    return best[1], best[2]


def _key_holder(data: Data, tunnel: Data, destination: str) -> tuple[str, str, str]:
    """(IKEv2 profile, keyring, keyring peer) holding the key for ``destination`` ('' when
    none: the profile's own ``authentication local pre-share key``)."""
    profile, ipsec = _profile(data, tunnel)
    name = tunnel.get("protection_ikev2_profile") or ipsec.get("ikev2_profile") or ""
    ring = ((profile or {}).get("keyring") or {}).get("local") or ""
    return name, ring, _keyring_peer(data, tunnel, destination)[0] or ""


def model_check(configs: Mapping[str, RouterConfig], versions: Mapping[str, str | None]
                ) -> Check:
    """A ``Check`` negotiating each router's own config (``configs``: what plan reads from it)
    with the declared far end, which holds the key the router's keyring peer has."""
    from flexorch.ios.negotiate import Status
    from flexorch.predict import external_config
    from flexorch.predict_files import config_sessions

    def check(host: str, tunnel: str, holder: tuple[str, str, str], peer: Data) -> str | None:
        config = configs[host]
        ring = config.keyrings.get(holder[1])
        key = next((p.local_key for p in ring.peers if p.name == holder[2]), None) \
            if ring is not None else None
        profile = config.profiles.get(holder[0])
        if key is None and profile is not None:
            key = next((m.key for m in profile.auth_local if m.key is not None), None)
        far = external_config(ExternalPeer.model_validate(peer), key)
        for session in config_sessions({host: config, _FAR: far}, versions):
            if session.tunnel == tunnel and session.responder == _FAR:
                outcome = session.outcome
                return None if outcome.status == Status.ESTABLISHED else \
                    f"{outcome.status.value}, {outcome.reason}"
        return "no session from the tunnel"

    return check


_FAR = "EXTERNAL"


def _key(data: Data, tunnel: Data, profile: Data, destination: str) -> Data:
    """The one key both directions use (the profile's own keys, else the keyring peer's)."""
    _, peer = _keyring_peer(data, tunnel, destination)
    sent = profile.get("authentication_local", {}).get("key") \
        or peer.get("pre_shared_key_local") or peer.get("pre_shared_key")
    remote = [a for a in profile.get("authentication_remote", []) if a["method"] == "pre-share"]
    received = (remote[0].get("key") if remote else None) \
        or peer.get("pre_shared_key_remote") or peer.get("pre_shared_key")
    if sent is None or received is None:
        raise NotDeclared(f"no pre-shared key for {destination} in the profile or its keyring")
    if sent != received:
        raise NotDeclared("the local and remote pre-shared keys differ (an external peer "
                          "holds one key)")
    return dict(sent)


def _first_proposal(data: Data) -> Data | None:
    """The router's first proposal of its first IKEv2 policy naming one."""
    proposals = data.get("ikev2_proposals", {})
    for policy in data.get("ikev2_policies", {}).values():
        for name in policy.get("proposals", []):
            if name in proposals:
                return {k: v for k, v in proposals[name].items() if k != "extra_lines"}
    return None


def _transform(transform: Data) -> Data:
    return {k: v for k, v in transform.items() if k != "extra_lines"}
