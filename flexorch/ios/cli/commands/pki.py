"""PKI: trustpoints, certificate maps, certificate chains (the certificates IOS holds, as hex
blocks ended by ``quit``), the IOS certificate server, enrollment profiles, CRL download.

Sources: Cisco IOS Security Command Reference (crypto pki trustpoint, crypto pki certificate
map, crypto pki certificate chain, certificate, crypto pki server, crypto pki profile
enrollment); Public Key Infrastructure Configuration Guide ("Configuring and Managing a Cisco IOS
Certificate Server"); the FlexVPN configuration guide (certificate authentication); real configs
in ``tests/fixtures/real`` (certificate chains of IOS 15 and IOS-XE 16/17/26 routers, ``crypto
pki server`` on lab CAs, ML-DSA trustpoints).
"""

from __future__ import annotations

from typing import Final

from flexorch.ios.cli.commands.common import SUBMODE_COMMON
from flexorch.ios.cli.syntax import Command as C
from flexorch.ios.cli.syntax import Mode

GLOBAL: Final[tuple[C, ...]] = (
    C("crypto pki trustpoint <word=name>", key=4, opens="ca-trustpoint"),
    C("crypto ca trustpoint <word>", key=4, opens="ca-trustpoint",
      rewrite=(r"^crypto ca ", "crypto pki ")),
    C("crypto pki certificate map <word=name> <int:1-65535=sequence>", key=6,
      opens="ca-certificate-map"),
    C("crypto pki certificate chain <word=name>", key=5, opens="ca-cert-chain"),
    C("crypto ca certificate chain <word=name>", key=5, opens="ca-cert-chain",
      rewrite=(r"^crypto ca ", "crypto pki ")),
    C("crypto pki certificate storage <url>", key=4),
    C("crypto pki server <word>", key=4, opens="cs-server"),
    C("crypto pki profile enrollment <word>", key=5, opens="ca-profile-enroll"),
    C("crypto pki crl download schedule time <rest>", key=6),
    C("crypto pki crl download schedule prepublish <int:0-4294967295>", key=6),
    C("crypto pki crl download trustpoint <word>", key=5),
    C("crypto pki token <word> {removal timeout <int:0-480>|user-pin <rest>|secondary <rest>|"
      "max-retries <int:0-10>}", key=r"^(crypto pki token \S+ \S+)"),
    C("crypto pki http {max-size|timeout} <int:1-4294967295>", key=4),
    # The CA trust pool (Public Key Infrastructure Configuration Guide, IOS XE 17, "Configuring
    # Certificate Authority Trust Pools": ``crypto pki trustpool policy`` and its commands).
    C("crypto pki trustpool policy", key=4, opens="ca-trustpool"),
    # The CA certificate pool IOS XE 16 prints on its own (tests/fixtures/real/
    # gh-ktbyers-pyplus-c1111-cisco3/cisco3.cfg, an ISR C1111 on 16.12: ``crypto pki certificate
    # pool`` with `` cabundle nvram:ios.p7b``, the bundle of trusted CA certificates it loaded).
    C("crypto pki certificate pool", key=4, opens="ca-certificate-pool"),
)

_CA_TRUSTPOINT: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("enrollment {url <url=url>|terminal [pem]|selfsigned|pkcs12|profile <word>|mode ra|"
      "retry {count <int:1-100>|period <int:1-60>}|http-proxy <word> <int:1-65535>|"
      "credential <word>}=enrollment", key=r"^(enrollment (?:retry \S+|mode|http-proxy|credential|"
                                 r"profile)?)"),
    C("subject-name <rest=name>", key=1),
    C("subject-alt-name <word=name>", key=1),
    C("serial-number [none=none]", key=1),
    C("ip-address {<ip=address>|none=address|<iface=address>}", key=1),
    C("fqdn {<word=fqdn>|none=fqdn}", key=1),
    C("revocation-check {crl|none|ocsp}+=method", key=1),
    C("rsakeypair <word=name> [<int:512-4096>] [<int:512-4096>]", key=1),
    C("eckeypair <word=name>", key=1),
    C("mldsakeypair <word=name> {44|65|87}=level", key=1),
    C("hash {md5|sha1|sha256|sha384|sha512}=hash", key=1),
    C("auto-enroll [<int:1-100>] [regenerate]", key=1),
    # CA certificate rollover (Public Key Infrastructure Configuration Guide, "Certificate
    # Authority Key Rollover": ``auto-rollover [percent]`` on the client's trustpoint).
    C("auto-rollover [<int:1-99>]", key=1),
    C("vrf <word=vrf>", key=1),
    C("match certificate <word=map> [override sia <int:1-20> <url>]",
      key=r"^(match certificate \S+(?: override sia \d+)?)"),
    C("usage {ike|ssl-client|ssl-server}+", key=1),
    # Cisco IOS Security Command Reference, "eku (cs-server)/(ca-trustpoint)": extended key
    # usages asked for in the enrolment request (FlexVPN remote access guides use it).
    C("eku request {any-purpose|client-auth|code-signing|email-protection|ipsec-end-system|"
      "ipsec-tunnel|ipsec-user|ocsp-signing|server-auth|time-stamping}+", key=2),
    C("password [{0|7}] <word>", key=1),
    C("source interface <iface>", key=2),
    C("crl {query <url>|optional|cache {none|delete-after <int:1-43200>}}",
      key=r"^(crl \S+)"),
    C("ocsp {url <url>|disable-nonce}", key=r"^(ocsp \S+)"),
    C("chain-validation {stop|continue [<word>]}", key=1),
    C("fingerprint <word>", key=1),
    C("primary"),
    C("auto-trigger"),
    C("regenerate"),
    C("storage <url>", key=1),
    C("email <word>", key=1),
    C("validation-usage <rest>", key=1),
    C("trustpool sign"),
    C("trustpoint {sign|verify} <word>", key=2),
)

_CA_CERTIFICATE_MAP: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("subject-name=field {eq|ne|co|nc}=op <rest=value>"),
    C("issuer-name=field {eq|ne|co|nc}=op <rest=value>"),
    C("alt-subject-name=field {eq|ne|co|nc}=op <rest=value>"),
    C("unstructured-subject-name=field {eq|ne|co|nc}=op <rest=value>"),
    C("serial-number=field {eq|ne|co|nc}=op <rest=value>"),
    C("name=field {eq|ne|co|nc}=op <rest=value>"),
    C("expires-on=field {eq|ne|lt|le|gt|ge}=op <rest=value>"),
    C("valid-start=field {eq|ne|lt|le|gt|ge}=op <rest=value>"),
)

# A certificate of the chain: its serial number in hex, optionally the NVRAM file IOS keeps it in
# (``crypto pki certificate storage``); the hex lines follow in a data mode ended by ``quit``.
_CA_CERT_CHAIN: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("certificate [{ca|rollover|self-signed}=kind] <hex=serial> [<word>]",
      key=r"^(certificate (?:\S+ )?[0-9A-F]+)(?: \S+)?$", opens="cert-data"),
)

# ``quit`` ends the data; IOS prints it after the hex lines (``rules.BLOCK_TRAILER``).
_CERT_DATA: Final[tuple[C, ...]] = (
    C("quit", action="exit"),
    C("{<hex>}+", repeat=True),
)

_CS_SERVER: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("database level {minimal|names|complete}", key=2),
    C("database url [{cnm|crl|crt|p12|pem|ser}] <url> [<rest>]", key=r"^(database url(?: \S+)?)"),
    C("database archive", negation="shown"),
    C("database archive {pkcs12|pem} [password [{0|7}] <word>]", key=2),
    C("database username <word> [password [{0|7}] <word>]", key=2),
    C("issuer-name <rest>", key=1),
    # ``rollover {ca-cert|ra-cert}``: which rollover requests are granted automatically (PKI
    # Configuration Guide, "grant auto rollover").
    C("grant {auto [{rollover [{ca-cert|ra-cert}]|trustpoint <word>}]|none|ra-auto}", key=1),
    C("lifetime {certificate|ca-certificate|crl|enrollment-request} <int:1-8760> [<rest>]",
      key=2),
    C("hash {md5|sha1|sha256|sha384|sha512}=hash", key=1),
    C("cdp-url <url>", key=1),
    C("eku {client-auth|server-auth|code-signing|email-protection|ipsec-end-system|"
      "ipsec-tunnel|ipsec-user|ocsp-signing|time-stamping}+", key=1),
    C("mode {ra [transparent]|sub-cs}", key=1),
    C("auto-rollover [<int:1-99>]", key=1),
    C("serial-number [none=none]", key=1),
    C("crl-next-update <rest>", key=1),
    C("shutdown", negation="shown"),
    C("no-shutdown"),
)

_PROFILE_ENROLL: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("enrollment url <url>", key=2),
    C("enrollment terminal", key=2),
    C("authentication url <url>", key=2),
    C("authentication terminal", key=2),
    C("parameter <int:1-10> {value <word>|prompt <rest>}", key=2),
)

_CA_TRUSTPOOL: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("cabundle url {<url>|none}", key=2),
    C("chain-validation {stop|continue [<word>]}", key=1),
    C("crl {query <url>|cache {none|delete-after <int:1-43200>}}",
      key=r"^(crl \S+)"),
    C("match certificate <word> [{allow expired-certificate|skip {revocation-check|"
      "authorization-check}}]", key=3),
    C("ocsp {url <url>|disable-nonce}", key=r"^(ocsp \S+)"),
    C("revocation-check {crl|none|ocsp}+", key=1),
    C("source interface <iface>", key=2),
    C("storage <url>", key=1),
    C("usage {ike|ssl-client|ssl-server}", key=1),
    C("vrf <word>", key=1),
)

_CA_CERTIFICATE_POOL: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("cabundle <url>", key=1),
)

MODES: Final[tuple[Mode, ...]] = (
    Mode("ca-trustpoint", "ca-trustpoint", _CA_TRUSTPOINT),
    Mode("ca-certificate-map", "ca-certificate-map", _CA_CERTIFICATE_MAP),
    Mode("ca-cert-chain", "config-cert-chain", _CA_CERT_CHAIN),
    Mode("cert-data", "config-pubkey", _CERT_DATA),
    Mode("cs-server", "cs-server", _CS_SERVER),
    Mode("ca-profile-enroll", "ca-profile-enroll", _PROFILE_ENROLL),
    Mode("ca-trustpool", "ca-trustpool", _CA_TRUSTPOOL),
    Mode("ca-certificate-pool", "ca-certificate-pool", _CA_CERTIFICATE_POOL),
)
