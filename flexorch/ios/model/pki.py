"""PKI in the typed config view: trustpoints, certificate maps, the certificates a router holds.

A part of ``flexorch.ios.model``: import these names from there (see its docstring).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flexorch.ios.model.values import dn_normalize


@dataclass(frozen=True, slots=True)
class Trustpoint:
    """``crypto pki trustpoint``: how the router enrolls and checks certificates."""

    name: str
    enrollment_url: str | None = None
    enrollment: str | None = None  # url, terminal, "terminal pem", selfsigned, pkcs12, ...
    subject_name: str | None = None  # as written
    subject_alt_name: str | None = None
    revocation_check: tuple[str, ...] = ()
    rsakeypair: str | None = None
    eckeypair: str | None = None
    mldsakeypair: str | None = None
    fqdn: str | None = None  # ``fqdn none`` -> "none"
    ip_address: str | None = None  # an address, an interface or "none"
    serial_number: bool | None = None  # ``serial-number`` True, ``serial-number none`` False
    hash: str | None = None
    auto_enroll: bool = False
    vrf: str | None = None
    match_certificates: tuple[str, ...] = ()  # certificate maps (``match certificate``)

    @property
    def subject_dn(self) -> str | None:
        """The subject as IOS prints it in an IKEv2 identity (``cn=R1,ou=VPN``)."""
        return None if self.subject_name is None else dn_normalize(self.subject_name)


@dataclass(frozen=True, slots=True)
class CertificateMapEntry:
    """One sequence of a certificate map: all its rules must hold (field, operator, value)."""

    sequence: int
    rules: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Certificate:
    """One ``certificate [ca|self-signed|...] SERIAL`` of a trustpoint's certificate chain."""

    serial: str
    kind: str = "router"  # router (the router's own), ca, self-signed, rollover, ...


@dataclass(frozen=True, slots=True)
class Pki:
    trustpoints: dict[str, Trustpoint] = field(default_factory=dict)
    certificate_maps: dict[str, tuple[CertificateMapEntry, ...]] = field(default_factory=dict)
    crl_schedule: tuple[str, ...] = ()
    # ``crypto pki certificate chain NAME``: the certificates enrolled in trustpoint NAME.
    certificate_chains: dict[str, tuple[Certificate, ...]] = field(default_factory=dict)

    def has_certificate(self, trustpoint: str) -> bool | None:
        """Whether the router holds its own certificate in ``trustpoint``: True/False when the
        config shows the chain, None when it shows none (a rendered config, a chain elided)."""
        chain = self.certificate_chains.get(trustpoint)
        if chain is None:
            return None
        return any(c.kind in ("router", "self-signed") for c in chain)
