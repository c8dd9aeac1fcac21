"""Reader rows of the IPsec, AAA/RADIUS and PKI blocks: transform sets, IPsec profiles, server
groups, RADIUS servers, attribute lists, trustpoints, certificate maps and certificate chains.

A part of ``flexorch.ios.model`` (see ``reader`` for how rows are applied). Values come from the
named slots of the rows in ``flexorch.ios.cli.commands`` (``ipsec``, ``aaa``, ``pki``).
"""

from __future__ import annotations

from typing import Final

from flexorch.ios.model.aaa import Attribute, AttributeList, RadiusServer, ServerGroup
from flexorch.ios.model.blocks import CryptoMapEntry, IpsecProfile, TransformSet
from flexorch.ios.model.pki import Certificate, CertificateMapEntry, Trustpoint
from flexorch.ios.model.read_interface import interface_line_read
from flexorch.ios.model.reader import Line, NotRead, Rows, evolve, need, need_number
from flexorch.ios.model.values import Secret

# --- IPsec --------------------------------------------------------------------------------------

TRANSFORM_SET: Final[Rows[TransformSet]] = Rows(read={
    "mode": lambda t, line: evolve(t, mode=need(line.slots, "mode")),
})


def _pfs(p: IpsecProfile, line: Line) -> IpsecProfile:
    # ``set pfs`` alone means group 1 (IOS's command reference).
    group = line.slots.one("group") or "group1"
    return evolve(p, pfs_group=int(group.removeprefix("group")))


def _sa_lifetime(p: IpsecProfile, line: Line) -> IpsecProfile:
    s = line.slots
    if "disable" in s:
        return evolve(p, sa_lifetime_kilobytes_disabled=True)
    seconds, kilobytes, days = s.number("seconds"), s.number("kilobytes"), s.number("days")
    if seconds is not None:
        return evolve(p, sa_lifetime_seconds=seconds)
    if kilobytes is not None:
        return evolve(p, sa_lifetime_kilobytes=kilobytes)
    return evolve(p, sa_lifetime_days=days)


# Lines of IPsec profiles and crypto maps that tune an SA or the box around it, not which SA
# comes up (Cisco-IOS-XE-crypto.yang of IOS XE 17.12.1, crypto-map-common-set-security-
# association-grouping; ``redundancy``: stateful IPsec HA between two routers).
_SA_TUNING: Final[dict[str, str]] = {
    **dict.fromkeys(("set security-association dfbit", "set security-association ecn",
                     "set security-association dummy", "set security-association level"),
                    "IPsec SA tuning"),
    "set identity": "an IKEv1 crypto identity restriction",
    "redundancy": "stateful IPsec failover between two routers",
    "dialer pre-classify": "dial-on-demand",
}

IPSEC_PROFILE: Final[Rows[IpsecProfile]] = Rows(read={
    "description": lambda p, line: evolve(p, description=line.slots.one("text")),
    "set transform-set": lambda p, line: evolve(p, transform_sets=line.slots.all("name")),
    "set ikev2-profile": lambda p, line: evolve(p, ikev2_profile=need(line.slots, "name")),
    "set isakmp-profile": lambda p, line: evolve(p, isakmp_profile=need(line.slots, "name")),
    "set pfs": _pfs,
    "set security-association lifetime": _sa_lifetime,
    "set security-association replay": lambda p, line: evolve(
        p, replay=tuple(need(line.slots, "replay").split())),
    "set security-association idle-time": lambda p, line: evolve(
        p, idle_time=need_number(line.slots, "seconds")),
    "set mixed-mode": lambda p, line: evolve(p, mixed_mode=True),
    "set reverse-route": lambda p, line: evolve(p, reverse_route=True),
    "reverse-route": lambda p, line: evolve(p, reverse_route=True),
    "responder-only": lambda p, line: evolve(p, responder_only=True),
}, ignored={"set security-policy limit": "a cap on IPsec flows per SA, not on which SA comes up",
            **_SA_TUNING})

def _map_lifetime(e: CryptoMapEntry, line: Line) -> CryptoMapEntry:
    seconds, kilobytes = line.slots.number("seconds"), line.slots.number("kilobytes")
    if seconds is not None:
        return evolve(e, sa_lifetime_seconds=seconds)
    return e if kilobytes is None else evolve(e, sa_lifetime_kilobytes=kilobytes)


CRYPTO_MAP: Final[Rows[CryptoMapEntry]] = Rows(
    read={
        "description": lambda e, line: evolve(e, description=line.slots.one("text")),
        "set peer": lambda e, line: evolve(e, peers=(*e.peers, need(line.slots, "peer"))),
        "set transform-set": lambda e, line: evolve(e, transform_sets=line.slots.all("name")),
        "set pfs": lambda e, line: evolve(e, pfs_group=int(
            (line.slots.one("group") or "group1").removeprefix("group"))),
        "set ikev2-profile": lambda e, line: evolve(e, ikev2_profile=need(line.slots, "name")),
        "set isakmp-profile": lambda e, line: evolve(
            e, isakmp_profile=need(line.slots, "name")),
        "set security-association lifetime": _map_lifetime,
        "match address": lambda e, line: evolve(e, match_address=need(line.slots, "acl")),
        "set reverse-route": lambda e, line: evolve(e, reverse_route=True),
        "reverse-route": lambda e, line: evolve(e, reverse_route=True),
    },
    ignored={"set security-association idle-time": "IPsec SA tuning",
             "set security-association level": "IPsec SA tuning",
             "set security-association replay": "IPsec SA tuning",
             "set nat demux": "NAT of the protected traffic",
             "set ip access-group": "filtering of the protected traffic",
             "qos pre-classify": "QoS", "dialer-group": "dial-on-demand",
             "set group": "a GET VPN group: its SAs come from the key server, not from IKE",
             **_SA_TUNING},
)

# --- AAA and RADIUS -----------------------------------------------------------------------------

SERVER_GROUP: Final[Rows[ServerGroup]] = Rows(read={
    "server name": lambda g, line: evolve(g, servers=(*g.servers, need(line.slots, "server"))),
    "server": lambda g, line: evolve(g, servers=(*g.servers, need(line.slots, "server"))),
    "server-private": lambda g, line: evolve(
        g, servers=(*g.servers, need(line.slots, "server"))),
    "ip vrf forwarding": lambda g, line: evolve(g, vrf=need(line.slots, "vrf")),
    "ip radius source-interface": lambda g, line: evolve(
        g, source_interface=need(line.slots, "interface")),
    "deadtime": lambda g, line: evolve(g, deadtime=need_number(line.slots, "deadtime")),
}, ignored={**dict.fromkeys(("load-balance", "mac-delimiter", "attribute"),
                            "how requests are spread and formatted, not who answers"),
            "accounting system host-config": "accounting of the router itself",
            "ip tacacs source-interface": "TACACS+, not IKEv2 authorization"})


def _radius_address(r: RadiusServer, line: Line) -> RadiusServer:
    s = line.slots
    return evolve(r, address=need(s, "address"), auth_port=s.number("auth-port"),
                   acct_port=s.number("acct-port"))


RADIUS_SERVER: Final[Rows[RadiusServer]] = Rows(
    read={
        "address": _radius_address,
        "key": lambda r, line: evolve(
            r, key=Secret.of(line.slots.one("enc"), need(line.slots, "key"))),
        "timeout": lambda r, line: evolve(r, timeout=need_number(line.slots, "timeout")),
        "retransmit": lambda r, line: evolve(
            r, retransmit=need_number(line.slots, "retransmit")),
    },
    ignored={"automate-tester": "server health probing", "pac": "TrustSec PAC provisioning",
             "dscp": "QoS marking of RADIUS packets", "backoff": "retransmission timing",
             "non-standard": "attribute parsing of a non-standard server"},
)


def _attribute(a: AttributeList, line: Line) -> AttributeList:
    """An attribute; one pushing an interface command the interface rows cannot read is
    reported unread (the virtual-access interface would be modelled wrong)."""
    s = line.slots
    attribute = Attribute(need(s, "type"), need(s, "value").strip('"'), s.one("protocol"))
    pushed = attribute.interface_config
    if pushed is not None and not interface_line_read(pushed):
        raise NotRead(pushed)
    return evolve(a, attributes=(*a.attributes, attribute), lines=(*a.lines, line.text))


ATTRIBUTE_LIST: Final[Rows[AttributeList]] = Rows(read={"attribute type": _attribute})

# --- PKI ----------------------------------------------------------------------------------------


def _enrollment(t: Trustpoint, line: Line) -> Trustpoint:
    kind = need(line.slots, "enrollment")
    url = line.slots.one("url")
    return evolve(t, enrollment="url" if url is not None else kind, enrollment_url=url)


TRUSTPOINT: Final[Rows[Trustpoint]] = Rows(
    read={
        "enrollment": _enrollment,
        "subject-name": lambda t, line: evolve(t, subject_name=need(line.slots, "name")),
        "subject-alt-name": lambda t, line: evolve(
            t, subject_alt_name=need(line.slots, "name")),
        "serial-number": lambda t, line: evolve(t, serial_number="none" not in line.slots),
        "ip-address": lambda t, line: evolve(t, ip_address=need(line.slots, "address")),
        "fqdn": lambda t, line: evolve(t, fqdn=need(line.slots, "fqdn")),
        "revocation-check": lambda t, line: evolve(
            t, revocation_check=line.slots.all("method")),
        "rsakeypair": lambda t, line: evolve(t, rsakeypair=need(line.slots, "name")),
        "eckeypair": lambda t, line: evolve(t, eckeypair=need(line.slots, "name")),
        "mldsakeypair": lambda t, line: evolve(t, mldsakeypair=need(line.slots, "name")),
        "hash": lambda t, line: evolve(t, hash=need(line.slots, "hash")),
        "auto-enroll": lambda t, line: evolve(t, auto_enroll=True),
        "vrf": lambda t, line: evolve(t, vrf=need(line.slots, "vrf")),
        "match certificate": lambda t, line: evolve(
            t, match_certificates=(*t.match_certificates, need(line.slots, "map"))),
    },
    ignored={"usage": "key usage of the enrolled certificate",
             "eku": "extended key usages asked for at enrolment",
             "password": "the enrollment challenge password",
             "source interface": "where enrollment requests leave from",
             "crl": "CRL fetch settings (revocation-check says whether CRLs are used)",
             "ocsp": "OCSP server settings (revocation-check says whether OCSP is used)",
             "chain-validation": "how far up the chain to validate",
             "storage": "where the certificate is stored",
             "email": "the e-mail address in the certificate request",
             "enrollment retry": "enrollment retries",
             "fingerprint": "the CA fingerprint checked when the CA is authenticated",
             "auto-trigger": "enrolment triggers", "regenerate": "key regeneration at renewal",
             "auto-rollover": "CA certificate rollover",
             "primary": "the trustpoint IKEv1 prefers; an IKEv2 profile names its own",
             "trustpoint": "the trustpoint signing renewal requests",
             "trustpool sign": "trustpool signing", "validation-usage": "validation purposes"},
)


def _map_rule(e: CertificateMapEntry, line: Line) -> CertificateMapEntry:
    s = line.slots
    return evolve(e, rules=(*e.rules, (need(s, "field"), need(s, "op"), need(s, "value"))))


CERTIFICATE_MAP: Final[Rows[CertificateMapEntry]] = Rows(read=dict.fromkeys(
    ("subject-name", "issuer-name", "alt-subject-name", "unstructured-subject-name",
     "serial-number", "name", "expires-on", "valid-start"), _map_rule))


def _certificate(chain: tuple[Certificate, ...], line: Line) -> tuple[Certificate, ...]:
    # The hex lines under the certificate (and its ``quit``) are its body: not config to read.
    return (*chain, Certificate(need(line.slots, "serial"), line.slots.one("kind") or "router"))


CERTIFICATE_CHAIN: Final[Rows[tuple[Certificate, ...]]] = Rows(
    read={"certificate": _certificate})
