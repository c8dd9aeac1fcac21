"""FlexVPN-related commands as Cisco documents them, mode by mode: the grammar audit of issue 16.

    .venv/bin/python tests/fidelity/documented.py      # prints refused lines and the count

Each ``Block`` is a header and child lines typed by hand from the Cisco document it names (the
XE 17.12 crypto YANG is Cisco's native data model of IOS XE 17.12.1, ``Cisco-IOS-XE-crypto.yang``
in YangModels/yang, vendor/cisco/xe/17121, whose containers and leaves spell the CLI; the guides
are Cisco's configuration guides and command references). ``REFUSED`` lists lines IOS does not
take in the mode named, with the document that says so. ``tests/fidelity/test_documented.py``
asserts every block is accepted and shown back, and the lab test types them over SSH.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

YANG = "Cisco-IOS-XE-crypto.yang (IOS XE 17.12.1 native model)"
FLEX = "FlexVPN and IKEv2 Configuration Guide, IOS XE 17"
RESPONDER = "Security for VPNs with IPsec Configuration Guide, 'IKE Responder-Only Mode'"
BFD = "IP Routing: BFD Configuration Guide, IOS XE 17 ('bfd echo', 'bfd interval')"
TUNNEL = "Security Command Reference ('tunnel protection', 'tunnel mode'), DMVPN guide"
PKI = "Public Key Infrastructure Configuration Guide, IOS XE 17 (crypto pki trustpoint)"
CTS = "Cisco TrustSec Configuration Guide, IOS XE 17 ('Manually Configuring Cisco TrustSec')"


@dataclass(frozen=True)
class Block:
    """A block header (None: global lines) and child lines, as typed and as IOS shows them."""

    source: str
    header: str | None
    lines: tuple[str, ...]


BLOCKS: tuple[Block, ...] = (
    # The objects the blocks below name (IOS refuses references to some missing objects).
    Block(FLEX, "crypto ipsec transform-set DOC_TS esp-aes 256 esp-sha256-hmac", (
        "mode tunnel",)),
    Block(FLEX, "crypto ikev2 proposal DOC_PROP", (
        "encryption aes-cbc-256", "integrity sha256", "group 14")),
    Block(f"{YANG}: crypto-ipsec-profile-grouping, ipsec-common-set-grouping; {RESPONDER}",
          "crypto ipsec profile DOC_PROF", (
              "description documented profile",
              "set security-association lifetime seconds 7200",
              "set security-association lifetime kilobytes disable",
              "set security-association replay window-size 512",
              "set security-association idle-time 600",
              "set security-association dfbit clear",
              "set security-association ecn discard",
              "set security-association level per-host",
              "set security-association dummy pps 5",
              "set transform-set DOC_TS",
              "set pfs group19",
              "set identity DOC_IDENT",
              "set reverse-route gateway 192.0.2.9",
              "set security-policy limit 0",
              "set mixed-mode",
              "redundancy DOC_RG stateful",
              "dialer pre-classify",
              "responder-only",
          )),
    Block(f"{YANG}: crypto-map-common-set-grouping, "
          "crypto-map-common-set-security-association-grouping, crypto-map-common-grouping",
          "crypto map DOC_MAP 10 ipsec-isakmp", (
              "description documented map",
              "set peer doc-peer.example.com dynamic",
              "set transform-set DOC_TS",
              "set identity DOC_IDENT",
              "set security-association dfbit copy",
              "set security-association ecn propagate",
              "set security-association dummy seconds 10",
              "set security-association replay disable",
              "set reverse-route tag 7",
              "match address 101",
              "dialer pre-classify",
              "qos pre-classify",
          )),
    Block(f"{YANG}: crypto-ikev2-grouping (limit, cookie-challenge, diagnose, dpd, nat, window)",
          None, (
              "crypto ikev2 limit max-sa 500",
              "crypto ikev2 limit max-in-negotiation-sa 50 incoming",
              "crypto ikev2 limit queue sa-init 1000",
              "crypto ikev2 cookie-challenge 10",
              "crypto ikev2 diagnose error 500",
              "crypto ikev2 dpd 30 5 periodic",
              "crypto ikev2 nat keepalive 20",
              "crypto ikev2 window 20",
              "crypto ikev2 fragmentation mtu 1300",
              "no crypto ikev2 http-url cert",
              "crypto ikev2 disconnect-revoked-peers",
          )),
    Block("Cisco configuration example 'FlexVPN: AnyConnect IKEv2 Remote Access' (IOS XE); "
          "'Configure Licenses and Throughput for Catalyst 8000 Series Physical Platforms'",
          None, (
              "crypto vpn anyconnect profile DOC_AC bootflash:/doc_ac.xml",
              "crypto vpn anyconnect bootflash:/anyconnect-win-4.10.pkg sequence 1",
              "platform hardware throughput level MB 1000",
              "platform hardware throughput crypto 1G",
          )),
    Block(f"{YANG}: cluster-options; {FLEX}, 'IKEv2 Load Balancer Support'",
          "crypto ikev2 cluster", (
              "standby-group DOC_HSRP",
              "holdtime 3000",
              "port 2000",
              "master overload-limit 70",
              "master weight crypto-load 10",
              "slave priority 90",
              "slave max-session 100",
              "no shutdown",
          )),
    Block(f"{YANG}: ikev2 policy match", "crypto ikev2 policy DOC_POL", (
        "match inbound-only",
        "match fvrf any",
        "proposal DOC_PROP",
    )),
    Block(f"{YANG}: crypto-ikev2-profile-grouping", "crypto ikev2 profile DOC_IKEP", (
        "description documented profile",
        "match inbound-only",
        "match identity remote any",
        "authentication remote anyconnect-eap aggregate cert-request",
        "authentication local dynamic",
        "anyconnect profile DOC_AC",
        "aaa authorization user anyconnect-eap cached",
        "aaa authorization group override anyconnect-eap list DOC_LIST DOC_POLICY",
        "aaa authorization user any list DOC_LIST DOC_POLICY",
        "reconnect timeout 3600",
        "initial-contact force",
        "dpd 10 3 on-demand",
        "nat keepalive 30",
        "nat force-encap",
    )),
    Block(f"{YANG}: crypto-ikev2-keyring-peer-grouping (pre-shared-key hex)",
          "crypto ikev2 keyring DOC_KR", ()),
    Block(f"{YANG}: ikev2 authorization policy", "crypto ikev2 authorization policy DOC_AP", (
        "pool DOC_POOL",
        "ipv6 pool DOC_POOL6",
        "ipv6 prefix 64",
        "dns 192.0.2.53 192.0.2.54",
        "netmask 255.255.255.0",
        "configuration url flash:/doc.cfg",
        "configuration version 2",
        "dhcp server 192.0.2.67",
        "dhcp giaddr 192.0.2.1",
        "dhcp timeout 10",
        "route set interface",
        "route accept any tag 10 distance 5",
        "ipsec flow-limit 100",
        "session-lifetime 86400",
        "include-local-lan",
        "pfs",
    )),
    Block(f"{TUNNEL}; {BFD}", "interface Tunnel99", (
        "ip address 10.99.0.1 255.255.255.0",
        "ip mtu 1400",
        "ip tcp adjust-mss 1360",
        "ip nhrp network-id 99",
        "ip nhrp redirect",
        "bfd interval 100 min_rx 100 multiplier 3",
        "no bfd echo",
        "cts sgt inline",
        "tunnel source Loopback0",
        "tunnel mode ipsec dual-overlay",
        "tunnel path-mtu-discovery",
        "tunnel protection ipsec profile DOC_PROF shared",
    )),
    Block("Cisco-IOS-XE-tunnel.yang (IOS XE 17.6.1 native model): config-interface-tunnel-grouping",
          "interface Tunnel98", (
              "tunnel source Loopback0",
              "tunnel mode gre multipoint",
              "tunnel entropy",
              "tunnel fixup nat",
              "tunnel flow egress-records",
              "tunnel endpoint service-policy output DOC_PM",
          )),
    Block(PKI, "crypto pki trustpoint DOC_TP", (
        "enrollment url http://192.0.2.80:80",
        "fqdn hub.example.com",
        "subject-name cn=hub.example.com",
        "revocation-check none",
        "rsakeypair DOC_KEY 2048",
    )),
    Block("Public Key Infrastructure Configuration Guide, IOS XE 17, 'Configuring Certificate "
          "Authority Trust Pools'", "crypto pki trustpool policy", (
              "cabundle url http://www.cisco.com/security/pki/trs/ios.p7b",
              "revocation-check none",
              "chain-validation stop",
          )),
    Block(CTS, "interface GigabitEthernet3", (
        "cts manual",
        " policy static sgt 100 trusted",
        " no propagate sgt",
    )),
)

# The keyring peer's hex key is a sub-sub-mode: typed after its own header.
KEYRING_PEER: tuple[str, ...] = (
    "crypto ikev2 keyring DOC_KR",
    " peer DOC_PEER",
    "  address 192.0.2.2",
    "  pre-shared-key local hex 0A0B0C0D",
)

# (mode header, line, document saying IOS does not take it there)
REFUSED: tuple[tuple[str, str, str], ...] = (
    ("crypto ipsec profile DOC_PROF", "set responder-only",
     f"{YANG}: responder-only is a leaf of the profile, not of 'set'"),
    ("crypto map DOC_MAP 10 ipsec-isakmp", "responder-only",
     f"{RESPONDER}: 'Neither static nor dynamic crypto maps are supported'"),
)


def typed(block: Block) -> list[str]:
    """The block as an operator types it in config mode (children after the header)."""
    if block.header is None:
        return list(block.lines)
    return [block.header, *(f" {line}" for line in block.lines)]


def all_lines() -> list[str]:
    """Every documented block, typed one after the other, then the keyring peer."""
    out: list[str] = []
    for block in BLOCKS:
        if block.header == "crypto ikev2 keyring DOC_KR":
            out += KEYRING_PEER
            continue
        out += typed(block)
    return out


def refused_lines() -> list[str]:
    """Documented lines the grammar refuses, as ``line  (error)``."""
    from flexorch.ios.config import ConfigSession, ConfigTree

    tree = ConfigTree()
    session = ConfigSession(tree)
    out = []
    for line in all_lines():
        if not line.startswith(" "):
            session = ConfigSession(tree)  # back in global config mode, as after ``exit``s
        result = session.feed(line.strip())
        if result.error:
            out.append(f"{line.strip()}  ({result.error.splitlines()[-1]})")
    return out


def main() -> int:
    bad = refused_lines()
    for line in bad:
        print(line)
    total = len(all_lines())
    print(f"documented lines accepted: {total - len(bad)} / {total}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    raise SystemExit(main())
