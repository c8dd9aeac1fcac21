"""PKI: trustpoints, certificate maps, CRL download.

Sources: Cisco IOS Security Command Reference (crypto pki trustpoint, crypto pki certificate map),
the FlexVPN configuration guide (certificate authentication).
"""

from __future__ import annotations

from typing import Final

from flexorch.ios.cli.commands.common import SUBMODE_COMMON
from flexorch.ios.cli.syntax import Command as C
from flexorch.ios.cli.syntax import Mode

GLOBAL: Final[tuple[C, ...]] = (
    C("crypto pki trustpoint <word>", key=4, opens="ca-trustpoint"),
    C("crypto pki certificate map <word> <int:1-65535>", key=6, opens="ca-certificate-map"),
    C("crypto pki crl download schedule time <rest>", key=6),
    C("crypto pki crl download schedule prepublish <int:0-4294967295>", key=6),
    C("crypto pki crl download trustpoint <word>", key=5),
)

_CA_TRUSTPOINT: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("enrollment {url <url>|terminal [pem]|selfsigned}", key=1),
    C("subject-name <rest>", key=1),
    C("subject-alt-name <word>", key=1),
    C("serial-number [none]", key=1),
    C("ip-address {<ip>|none|<iface>}", key=1),
    C("fqdn <word>", key=1),
    C("revocation-check {crl|none|ocsp}+", key=1),
    C("rsakeypair <word> [<int:512-4096>] [<int:512-4096>]", key=1),
    C("eckeypair <word>", key=1),
    C("hash {sha1|sha256|sha384|sha512}", key=1),
    C("auto-enroll [<int:1-100>] [regenerate]", key=1),
    C("vrf <word>", key=1),
    C("match certificate <word> [override sia <int:1-20> <url>]",
      key=r"^(match certificate \S+(?: override sia \d+)?)"),
)

_CA_CERTIFICATE_MAP: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("subject-name {eq|ne|co|nc} <rest>"),
    C("issuer-name {eq|ne|co|nc} <rest>"),
    C("alt-subject-name {eq|ne|co|nc} <rest>"),
    C("unstructured-subject-name {eq|ne|co|nc} <rest>"),
    C("serial-number {eq|ne|co|nc} <rest>"),
)

MODES: Final[tuple[Mode, ...]] = (
    Mode("ca-trustpoint", "ca-trustpoint", _CA_TRUSTPOINT),
    Mode("ca-certificate-map", "ca-certificate-map", _CA_CERTIFICATE_MAP),
)
