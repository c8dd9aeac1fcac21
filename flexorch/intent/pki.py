"""PKI: trustpoints, certificate maps and the CRL download schedule."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from flexorch.intent.raw import RawEntry
from flexorch.intent.strict import Flag, Int
from flexorch.intent.types import Model, Name, Text, Word


class CertificateOverride(Model):
    """``override cdp|ocsp|sia N URL`` on a trustpoint ``match certificate`` line."""

    type: Literal["cdp", "ocsp", "sia"]
    seq: Annotated[Int, Field(ge=1, le=255)]
    url: Word


class TrustpointMatch(Model):
    """``match certificate MAP [override ... | allow expired-certificate | skip ...]``."""

    map: Name
    override: CertificateOverride | None = None
    allow_expired: Flag = False
    skip_revocation_check: Flag = False
    skip_authorization_check: Flag = False

    @model_validator(mode="after")
    def _one_option(self) -> TrustpointMatch:
        options = [
            self.override is not None,
            self.allow_expired,
            self.skip_revocation_check,
            self.skip_authorization_check,
        ]
        if sum(options) > 1:
            raise ValueError("a match certificate line takes at most one option")
        return self


class Trustpoint(Model):
    """``crypto pki trustpoint NAME``."""

    enrollment_url: Word | None = None
    enrollment_terminal: Flag = False
    enrollment_selfsigned: Flag = False
    serial_number_none: Flag = False
    fqdn: Word | None = None
    ip_address_none: Flag = False
    subject_name: Text | None = None
    subject_alt_name: Word | None = None
    revocation_check: list[Literal["crl", "none", "ocsp"]] = Field(default_factory=list)
    rsakeypair: Name | None = None
    eckeypair: Name | None = None
    match_certificate: list[TrustpointMatch] = Field(default_factory=list)
    auto_enroll: Annotated[Int, Field(ge=1, le=100)] | None = None
    extra_lines: list[RawEntry] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_enrollment(self) -> Trustpoint:
        kinds = [
            self.enrollment_url is not None,
            self.enrollment_terminal,
            self.enrollment_selfsigned,
        ]
        if sum(kinds) > 1:
            raise ValueError("give one enrollment method: url, terminal or selfsigned")
        if self.rsakeypair is not None and self.eckeypair is not None:
            raise ValueError("give rsakeypair or eckeypair, not both")
        return self


class CertificateRule(Model):
    """One certificate map line: ``FIELD OP VALUE`` (``subject-name co vpn.example.com``)."""

    field: Literal[
        "subject-name",
        "issuer-name",
        "unstructured-subject-name",
        "alt-subject-name",
        "name",
        "serial-number",
        "expires-on",
        "valid-start",
    ]
    op: Literal["eq", "ne", "co", "nc", "lt", "le", "gt", "ge"]
    value: Text


class CertificateMap(Model):
    """``crypto pki certificate map NAME SEQ`` with its rules."""

    name: Name
    seq: Annotated[Int, Field(ge=1, le=65535)]
    rules: list[CertificateRule] = Field(default_factory=list)

    @property
    def header(self) -> str:
        """``NAME SEQ`` as in the block header (IOS lists maps sorted by it)."""
        return f"{self.name} {self.seq}"


class CrlTime(Model):
    day: Literal["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    time: Annotated[str, Field(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]


class CrlDownload(Model):
    """``crypto pki crl download ...``: which trustpoints/URLs, and when (schedule)."""

    trustpoints: list[Name] = Field(default_factory=list)
    urls: list[Word] = Field(default_factory=list)
    schedule_times: list[CrlTime] = Field(default_factory=list)
    prepublish: Flag = False
    retries: Annotated[Int, Field(ge=1, le=15)] | None = None
    retry_interval: Annotated[Int, Field(ge=15, le=600)] | None = None
