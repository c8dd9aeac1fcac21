"""Reading a config tree into ``RouterConfig``'s fields: the dispatch over top-level blocks
(``read_tree``), and the readers of interfaces, VRFs, IPsec profiles, PKI and AAA blocks (the
IKEv2 ones are in ``model_read_ikev2``). A part of ``flexorch.ios.model``.
"""

from __future__ import annotations

import ipaddress

from flexorch.ios.config import Node
from flexorch.ios.model.blocks import (
    Aaa,
    CertificateMapEntry,
    CryptoMapEntry,
    Ikev2Globals,
    IpsecProfile,
    NameMangler,
    Pki,
    RadiusServer,
    Secret,
    TransformSet,
    Trustpoint,
)
from flexorch.ios.model.interfaces import Interface, Vrf, tunnel_mode_parse
from flexorch.ios.model.read_cryptomap import read_crypto_map
from flexorch.ios.model.read_ikev2 import (
    canonical,
    int_or_none,
    read_author_policy,
    read_client,
    read_ikev2_global,
    read_keyring,
    read_policy,
    read_profile,
    read_proposal,
)
from flexorch.ios.model.read_nhrp import read_nhrp


def _read_interface(node: Node) -> Interface:  # noqa: PLR0912, PLR0915 - one branch per command
    words = node.text.split()
    name = canonical(words[1]) if len(words) > 1 else ""
    attrs: dict[str, object] = {"name": name}
    if words[2:4] == ["type", "tunnel"]:
        attrs["template_type"] = "tunnel"
    elif words[2:3] == ["type"] and len(words) > 3:
        attrs["template_type"] = words[3]
    ipv4: list[ipaddress.IPv4Interface] = []
    ipv6: list[ipaddress.IPv6Interface] = []
    for child in node.children:
        text = child.text
        w = text.split()
        if text.startswith("description "):
            attrs["description"] = text[len("description ") :]
        elif text == "shutdown":
            attrs["shutdown"] = True
        elif text.startswith(("vrf forwarding ", "ip vrf forwarding ")):
            attrs["vrf"] = w[-1]
        elif w[:2] == ["ip", "address"] and len(w) >= 4:
            try:
                ipv4.append(ipaddress.IPv4Interface(f"{w[2]}/{w[3]}"))
            except ValueError:
                continue
        elif w[:2] == ["ip", "address"] and len(w) == 3:
            attrs["ipv4_dynamic"] = w[2]
        elif w[:2] == ["ipv6", "address"] and len(w) >= 3 and "/" in w[2]:
            try:
                ipv6.append(ipaddress.IPv6Interface(w[2]))
            except ValueError:
                continue
        elif w[:2] == ["ip", "unnumbered"] and len(w) > 2:
            attrs["unnumbered"] = canonical(w[2])
        elif w[:2] == ["ipv6", "unnumbered"] and len(w) > 2:
            attrs["ipv6_unnumbered"] = canonical(w[2])
        elif text == "ipv6 enable":
            attrs["ipv6_enable"] = True
        elif w[:2] == ["ip", "mtu"] and len(w) > 2:
            attrs["mtu"] = int_or_none(w[2])
        elif w[:2] == ["tunnel", "source"] and len(w) > 2:
            attrs["tunnel_source"] = _tunnel_source(w[2])
        elif w[:2] == ["tunnel", "destination"] and len(w) > 2:
            attrs["tunnel_destination"] = w[2]
        elif w[:2] == ["tunnel", "mode"]:
            attrs["tunnel_mode"] = tunnel_mode_parse(w[2:])
            attrs["tunnel_mode_text"] = " ".join(w[2:])
        elif w[:2] == ["tunnel", "vrf"] and len(w) > 2:
            attrs["tunnel_vrf"] = w[2]
        elif w[:4] == ["tunnel", "protection", "ipsec", "profile"] and len(w) > 4:
            attrs["tunnel_protection"] = w[4]
            if "ikev2-profile" in w[5:] and w.index("ikev2-profile") + 1 < len(w):
                attrs["tunnel_protection_ikev2_profile"] = w[w.index("ikev2-profile") + 1]
        elif w[:2] == ["tunnel", "key"] and len(w) > 2:
            attrs["tunnel_key"] = w[2]
        elif text == "cts sgt inline":
            attrs["cts_sgt_inline"] = True
        elif w[:2] == ["ip", "nhrp"]:
            read_nhrp(w[2:], attrs)
        elif w[:2] == ["crypto", "map"] and len(w) > 2:
            attrs["crypto_map"] = w[2]
    # The primary address first: IOS prints ``ip address ... secondary`` lines before the
    # primary one (real: R13 Ethernet0/2, tests/fixtures/real/gh-skydevil-lab14-gre-dmvpn), and a
    # tunnel sourced from the interface uses the primary.
    secondary = {child.text.split()[2] for child in node.children
                 if child.text.startswith("ip address ") and child.text.endswith(" secondary")}
    attrs["ipv4"] = tuple(sorted(ipv4, key=lambda a: str(a.ip) in secondary))
    attrs["ipv6"] = tuple(ipv6)
    return Interface(**attrs)  # type: ignore[arg-type]


def _tunnel_source(word: str) -> str:
    try:
        return str(ipaddress.ip_address(word))
    except ValueError:
        return canonical(word)


def _read_ipsec_profile(name: str, node: Node) -> IpsecProfile:
    attrs: dict[str, object] = {"name": name}
    for child in node.children:
        w = child.text.split()
        if w[:2] == ["set", "transform-set"]:
            attrs["transform_sets"] = tuple(w[2:])
        elif w[:2] == ["set", "ikev2-profile"] and len(w) > 2:
            attrs["ikev2_profile"] = w[2]
        elif w[:2] == ["set", "pfs"]:
            group = w[2] if len(w) > 2 else "group1"  # IOS's ``set pfs`` alone means group 1
            attrs["pfs_group"] = int_or_none(group.removeprefix("group"))
        elif w == ["set", "mixed-mode"]:
            attrs["mixed_mode"] = True
        elif w[:2] == ["set", "reverse-route"]:
            attrs["reverse_route"] = True
        elif w[:3] == ["set", "security-association", "lifetime"] and len(w) > 4:
            key = "sa_lifetime_seconds" if w[3] == "seconds" else "sa_lifetime_kilobytes"
            attrs[key] = int_or_none(w[4])
        elif w[:3] == ["set", "security-association", "replay"]:
            attrs["replay"] = tuple(w[3:])
        elif w == ["responder-only"]:
            attrs["responder_only"] = True
    return IpsecProfile(**attrs)  # type: ignore[arg-type]


def _read_trustpoint(name: str, node: Node) -> Trustpoint:
    attrs: dict[str, object] = {"name": name}
    other = []
    for child in node.children:
        w = child.text.split()
        if w[:2] == ["enrollment", "url"] and len(w) > 2:
            attrs["enrollment_url"] = w[2]
        elif w[:1] == ["subject-name"] and len(w) > 1:
            attrs["subject_name"] = child.text[len("subject-name ") :]
        elif w[:1] == ["revocation-check"]:
            attrs["revocation_check"] = tuple(w[1:])
        else:
            other.append(child.text)
    attrs["other"] = tuple(other)
    return Trustpoint(**attrs)  # type: ignore[arg-type]


def _read_cert_map_entry(words: list[str], node: Node) -> tuple[str, CertificateMapEntry] | None:
    # words after "crypto pki certificate map": NAME SEQ
    if len(words) < 2 or not words[1].isdigit():
        return None
    rules = []
    for child in node.children:
        w = child.text.split(maxsplit=2)
        if len(w) == 3:
            rules.append((w[0], w[1], w[2]))
    return words[0], CertificateMapEntry(int(words[1]), tuple(rules))


def _read_aaa_line(words: list[str], aaa: dict[str, dict[str, object]]) -> None:
    # words after "aaa": authentication login L ... / authorization network L ... / accounting ...
    if len(words) < 3 or words[0] not in ("authentication", "authorization", "accounting"):
        return
    kind = f"{words[0]} {words[1]}"
    methods = tuple(w for w in words[3:] if w not in ("start-stop", "stop-only"))
    lists = aaa["method_lists"].setdefault(kind, {})
    assert isinstance(lists, dict)
    lists[words[2]] = methods


def _read_radius_server(name: str, node: Node) -> RadiusServer:
    attrs: dict[str, object] = {"name": name}
    for child in node.children:
        w = child.text.split()
        if w[:1] == ["address"] and len(w) > 2:
            attrs["address"] = w[2]
            for port in ("auth-port", "acct-port"):
                if port in w and w.index(port) + 1 < len(w):
                    attrs[port.replace("-", "_")] = int_or_none(w[w.index(port) + 1])
        elif w[:1] == ["key"]:
            attrs["key"] = Secret.parse(w[1:])
    return RadiusServer(**attrs)  # type: ignore[arg-type]


# ``no crypto ... default`` lines IOS shows when a built-in default object is removed (real:
# ``no crypto ipsec transform-set default`` in tests/fixtures/real/gh-jclarkson-ikev2-gre-site2site)
# -> the name ``RouterConfig.disabled_defaults`` uses.
DISABLED_DEFAULT_LINES = {
    "no crypto ikev2 proposal default": "ikev2-proposal",
    "no crypto ikev2 policy default": "ikev2-policy",
    "no crypto ipsec transform-set default": "transform-set",
}


def read_tree(roots: list[Node]) -> dict[str, object]:  # noqa: PLR0912, PLR0915 - a dispatch table
    out: dict[str, object] = {}
    tables: dict[str, dict[str, object]] = {
        k: {}
        for k in ("vrfs", "interfaces", "proposals", "policies", "keyrings", "profiles",
                  "name_manglers", "authorization_policies", "transform_sets", "ipsec_profiles",
                  "flexvpn_clients")
    }
    ikev2: dict[str, object] = {}
    aaa: dict[str, dict[str, object]] = {"method_lists": {}, "server_groups": {},
                                          "radius_servers": {}, "attribute_lists": {}}
    aaa_new_model = False
    trustpoints: dict[str, Trustpoint] = {}
    cert_maps: dict[str, list[CertificateMapEntry]] = {}
    crl: list[str] = []
    disabled: set[str] = set()
    maps: dict[str, dict[str, list[CryptoMapEntry]]] = {"crypto_maps": {}, "dynamic_maps": {}}
    for node in roots:
        text = node.text
        if text.startswith("interface "):
            intf = _read_interface(node)
            tables["interfaces"][intf.name] = intf
            continue
        if text.startswith("crypto ikev2 "):
            rest = text[len("crypto ikev2 ") :]
            w = rest.split()
            name = w[1] if len(w) > 1 else ""
            if w[0] == "proposal":
                tables["proposals"][name] = read_proposal(name, node)
            elif w[0] == "policy":
                tables["policies"][name] = read_policy(name, node)
            elif w[0] == "keyring":
                tables["keyrings"][name] = read_keyring(name, node)
            elif w[0] == "profile":
                tables["profiles"][name] = read_profile(name, node)
            elif w[0] == "name-mangler":
                rules = tuple((*c.text.split(maxsplit=1), "")[:2] for c in node.children)
                tables["name_manglers"][name] = NameMangler(name, rules)  # type: ignore[arg-type]
            elif w[:2] == ["authorization", "policy"] and len(w) > 2:
                tables["authorization_policies"][w[2]] = read_author_policy(w[2], node)
            elif w[:2] == ["client", "flexvpn"] and len(w) > 2:
                tables["flexvpn_clients"][w[2]] = read_client(w[2], node)
            else:
                read_ikev2_global(rest, ikev2)
        elif text.startswith("crypto ipsec transform-set "):
            w = text.split()
            if len(w) > 4:
                mode = next((c.text.split()[1] for c in node.children
                             if c.text.startswith("mode ") and len(c.text.split()) > 1), "tunnel")
                tables["transform_sets"][w[3]] = TransformSet(w[3], tuple(w[4:]), mode)
        elif text.startswith(("crypto map ", "crypto dynamic-map ")):
            map_entry = read_crypto_map(text.split()[2:], node)
            table = "crypto_maps" if text.startswith("crypto map ") else "dynamic_maps"
            if map_entry is not None:
                maps[table].setdefault(map_entry.name, []).append(map_entry)
        elif text.startswith("crypto ipsec profile "):
            name = text.split()[3] if len(text.split()) > 3 else ""
            tables["ipsec_profiles"][name] = _read_ipsec_profile(name, node)
        elif text.startswith("crypto pki trustpoint "):
            name = text.split()[3]
            trustpoints[name] = _read_trustpoint(name, node)
        elif text.startswith("crypto pki certificate map "):
            entry = _read_cert_map_entry(text.split()[4:], node)
            if entry is not None:
                cert_maps.setdefault(entry[0], []).append(entry[1])
        elif text.startswith("crypto pki crl "):
            crl.append(text)
        elif text.startswith("hostname "):
            out["hostname"] = text.split()[1] if len(text.split()) > 1 else None
        elif text.startswith(("ip domain name ", "ip domain-name ")):
            out["domain_name"] = text.split()[-1]
        elif text.startswith(("vrf definition ", "ip vrf ")):
            vrf = _read_vrf(node)
            tables["vrfs"][vrf.name] = vrf
        elif text == "aaa new-model":
            aaa_new_model = True
        elif text.startswith("aaa group server radius "):
            aaa["server_groups"][text.split()[4]] = tuple(
                c.text.split()[-1] for c in node.children if c.text.startswith("server")
            )
        elif text.startswith("aaa attribute list "):
            aaa["attribute_lists"][text.split()[3]] = tuple(c.text for c in node.children)
        elif text.startswith("aaa "):
            _read_aaa_line(text.split()[1:], aaa)
        elif text.startswith("radius server "):
            name = text.split()[2]
            aaa["radius_servers"][name] = _read_radius_server(name, node)
        elif text == "password encryption aes":
            out["password_encryption_aes"] = True
        elif text.startswith("version ") and len(text.split()) > 1:
            out["version"] = text.split()[1]
        elif text in DISABLED_DEFAULT_LINES:
            disabled.add(DISABLED_DEFAULT_LINES[text])
    out.update(tables)
    out["disabled_defaults"] = frozenset(disabled)
    for table, entries in maps.items():
        out[table] = {name: tuple(sorted(found, key=lambda e: e.sequence))
                      for name, found in entries.items()}
    out["ikev2"] = Ikev2Globals(**ikev2)  # type: ignore[arg-type]
    out["aaa"] = Aaa(aaa_new_model, **aaa)  # type: ignore[arg-type]
    out["pki"] = Pki(trustpoints, {k: tuple(sorted(v, key=lambda e: e.sequence))
                                   for k, v in cert_maps.items()}, tuple(crl))
    return out


def _read_vrf(node: Node) -> Vrf:
    words = node.text.split()
    rd = next((c.text.split()[1] for c in node.children if c.text.startswith("rd ")), None)
    families = tuple(" ".join(c.text.split()[1:]) for c in node.children
                     if c.text.startswith("address-family "))
    return Vrf(words[-1], rd, families)
