"""Typed records read from IOS show commands: the JSON contract other tools and jobs consume.

Every field is ``None`` when the router did not print it (line absent, or output cut); nothing is
guessed. Values are kept as IOS prints them unless the field says otherwise (ints are ints, the
fragmentation/NAT-T/SGT states are fixed vocabularies).

Records are frozen, slotted dataclasses rather than pydantic models: they are built by our own
normaliser (thousands per command on a hub), never from user YAML, and ``from_json`` checks keys.
"""

from __future__ import annotations

import dataclasses
import ipaddress
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal, TypeVar

Fragmentation = Literal["none", "ietf", "cisco"]
NatT = Literal["not-detected", "inside", "outside"]
OnOff = Literal["enabled", "disabled"]

# The row of `show crypto ikev2 sa` prints fvrf/ivrf cut to this many characters.
VRF_COLUMN_WIDTH = 18

_R = TypeVar("_R", bound="JsonRecord")


class JsonRecord:
    """JSON round-trip shared by every record type (tuples become lists, nested records dicts)."""

    __slots__ = ()
    _nested: ClassVar[dict[str, type[JsonRecord]]] = {}

    def to_json(self) -> dict[str, Any]:
        """The record as a JSON-ready dict, field order as declared."""
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            value = getattr(self, f.name)
            if isinstance(value, tuple):
                value = [v.to_json() if isinstance(v, JsonRecord) else v for v in value]
            out[f.name] = value
        return out

    @classmethod
    def from_json(cls: type[_R], data: dict[str, Any]) -> _R:
        """Build a record from ``to_json`` output. Raises ValueError on unknown keys."""
        names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
        unknown = sorted(set(data) - names)
        if unknown:
            raise ValueError(f"{cls.__name__}: unknown field(s) {', '.join(unknown)}")
        kwargs: dict[str, Any] = {}
        for key, value in data.items():
            nested = cls._nested.get(key)
            if isinstance(value, list):
                kwargs[key] = tuple(nested.from_json(v) for v in value) if nested else tuple(value)
            else:
                kwargs[key] = value
        return cls(**kwargs)


@dataclass(frozen=True, slots=True, kw_only=True)
class SaRecord(JsonRecord):
    """One IKEv2 SA from `show crypto ikev2 sa [detailed]` (the JSON contract of issue 4).

    Extras beyond the contract: ``ce_id``, ``session_id`` (``CE id: N, Session-id: M``),
    ``quantum_resistant`` (``, QR`` after ``Auth verify``: a post-quantum preshared key is in use;
    ``False`` when the Encr line has no flag), ``pqc_kex`` (``PQC Key Exchange: ML-KEM-1024``; the
    earlier ``AKE group: AKE1: MLKEM1024`` gives ``MLKEM1024``),
    ``quantum_safe`` (each ``Quantum-safe Encryption using <X>`` line, ``X`` as printed, e.g.
    ``"PQC: ML-KEM-1024"`` or ``"Manual PPK"``) and ``vrf_truncated`` (the fvrf/ivrf column was as
    wide as IOS prints it, so the names may be cut: compare them as prefixes).

    Vocabularies: ``fragmentation`` none|ietf|cisco, ``nat_t`` not-detected|inside|outside,
    ``sgt`` and ``dynamic_route_update`` enabled|disabled, ``hash`` as printed (``"None"`` for
    AEAD ciphers is a value, not unknown), ``fvrf``/``ivrf`` as printed (``"none"`` = global table).
    """

    tunnel_id: int | None = None
    local_address: str | None = None
    local_port: int | None = None
    remote_address: str | None = None
    remote_port: int | None = None
    fvrf: str | None = None
    ivrf: str | None = None
    status: str | None = None
    encryption: str | None = None
    keysize: int | None = None
    prf: str | None = None
    hash: str | None = None
    dh_group: int | None = None
    auth_sign: str | None = None
    auth_verify: str | None = None
    life_time: int | None = None
    active_time: int | None = None
    status_description: str | None = None
    local_spi: str | None = None
    remote_spi: str | None = None
    local_id: str | None = None
    remote_id: str | None = None
    remote_eap_id: str | None = None
    local_window: int | None = None
    remote_window: int | None = None
    dpd_interval: int | None = None
    dpd_retry: int | None = None
    fragmentation: Fragmentation | None = None
    fragmentation_mtu: int | None = None
    dynamic_route_update: OnOff | None = None
    nat_t: NatT | None = None
    sgt: OnOff | None = None
    initiator: bool | None = None
    pushed_ip: str | None = None
    assigned_host_addr: str | None = None
    post_nat_address: str | None = None  # `Post NATed Address  : <ip>`: this end as the peer saw it
    remote_subnets: tuple[str, ...] = ()
    peer_type: str | None = None
    # extras (documented above)
    ce_id: int | None = None
    session_id: int | None = None
    quantum_resistant: bool | None = None
    pqc_kex: str | None = None
    quantum_safe: tuple[str, ...] = ()
    vrf_truncated: bool = False

    @property
    def is_ipv6(self) -> bool:
        """True when the SA runs over IPv6 (decides the section and row layout IOS uses)."""
        return ":" in (self.local_address or self.remote_address or "")

    def remote_networks(self) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
        """``remote_subnets`` as networks (``"10.0.0.0 255.0.0.0"`` -> 10.0.0.0/8).

        Raises ValueError on an entry that is not an address and mask/prefix.
        """
        nets: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = []
        for entry in self.remote_subnets:
            nets.append(ipaddress.ip_network(entry.replace(" ", "/"), strict=False))
        return nets


@dataclass(frozen=True, slots=True, kw_only=True)
class IkeSaSummary(JsonRecord):
    """One ``IKEv2 SA: local A/p remote B/q Active`` entry of `show crypto session [detail]`."""

    version: str | None = None  # "IKEv2" / "IKEv1" as printed
    session_id: int | None = None
    local_address: str | None = None
    local_port: int | None = None
    remote_address: str | None = None
    remote_port: int | None = None
    state: str | None = None  # "Active" / "Inactive" as printed
    capabilities: str | None = None  # "DN", "DFUQ"...; None for "(none)" or not shown
    connid: int | None = None
    lifetime: str | None = None  # "23:07:14" as printed (detail only)


@dataclass(frozen=True, slots=True, kw_only=True)
class IpsecFlow(JsonRecord):
    """One ``IPSEC FLOW:`` entry of `show crypto session [detail]` with its SA counters."""

    flow: str | None = None  # e.g. "permit ip 0.0.0.0/0.0.0.0 0.0.0.0/0.0.0.0"
    active_sas: int | None = None
    origin: str | None = None  # "crypto map"
    inbound_packets: int | None = None
    inbound_drops: int | None = None
    inbound_life_kb: int | None = None
    inbound_life_sec: int | None = None
    outbound_packets: int | None = None
    outbound_drops: int | None = None
    outbound_life_kb: int | None = None
    outbound_life_sec: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class CryptoSession(JsonRecord):
    """One ``Interface:`` block of `show crypto session [detail]`.

    ``fvrf``/``ivrf`` use the SA spelling (``"none"`` for IOS ``(none)``) so sessions and SAs
    compare directly; ``phase1_id``/``desc`` are None for ``(none)``.
    """

    _nested: ClassVar[dict[str, type[JsonRecord]]] = {"ike_sas": IkeSaSummary, "flows": IpsecFlow}

    interface: str | None = None
    profile: str | None = None
    uptime: str | None = None
    status: str | None = None  # UP-ACTIVE, UP-IDLE, UP-NO-IKE, DOWN, DOWN-NEGOTIATING...
    peer: str | None = None
    peer_port: int | None = None
    fvrf: str | None = None
    ivrf: str | None = None
    phase1_id: str | None = None
    desc: str | None = None
    ike_sas: tuple[IkeSaSummary, ...] = ()
    flows: tuple[IpsecFlow, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ChildSa(JsonRecord):
    """One ``Child sa:`` entry of `show crypto ikev2 session [detailed]`.

    ``encryption``, ``keysize``, ``integrity`` (the ``esp_hmac`` word) and ``mode`` come from the
    ``detailed`` form only (``Encr: AES-CBC, keysize: 256, esp_hmac: SHA256`` / ``ah_hmac: None,
    comp: IPCOMP_NONE, mode tunnel``), as printed.
    """

    local_selector: str | None = None  # "10.10.13.254/0 - 10.10.13.254/65535"
    remote_selector: str | None = None
    spi_in: str | None = None  # "0xFC7E0124"
    spi_out: str | None = None
    encryption: str | None = None
    keysize: int | None = None
    integrity: str | None = None
    mode: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Ikev2Session(JsonRecord):
    """One ``Session-id:`` block of `show crypto ikev2 session`: its IKE SAs and child SAs."""

    _nested: ClassVar[dict[str, type[JsonRecord]]] = {"ike_sas": SaRecord, "child_sas": ChildSa}

    session_id: int | None = None
    status: str | None = None
    ike_count: int | None = None
    child_count: int | None = None
    ike_sas: tuple[SaRecord, ...] = ()
    child_sas: tuple[ChildSa, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class VersionRecord(JsonRecord):
    """Facts from `show version` (IOS and IOS-XE)."""

    hostname: str | None = None
    os: str | None = None  # "IOS-XE" or "IOS"
    version: str | None = None  # "17.9.4a" (the IOS line's Version token)
    image_id: str | None = None  # "X86_64_LINUX_IOSD-UNIVERSALK9-M"
    uptime: str | None = None  # as printed
    uptime_seconds: int | None = None
    image: str | None = None  # "bootflash:packages.conf"
    reload_reason: str | None = None
    model: str | None = None  # "C8000V", "ISR4431/K9"
    serial: str | None = None  # Processor board ID
    config_register: str | None = None
    router_mode: str | None = None  # "Autonomous" / "Controller-Managed" (17.x)


@dataclass(frozen=True, slots=True)
class ParseWarning:
    """A line (or record) that could not be read; ``line`` is 1-based, None when not one line."""

    message: str
    line: int | None = None
    text: str | None = None

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line is not None else ""
        shown = f": {self.text.strip()!r}" if self.text is not None else ""
        return f"{where}{self.message}{shown}"

    def to_json(self) -> dict[str, Any]:
        return {"line": self.line, "message": self.message, "text": self.text}


@dataclass(frozen=True, slots=True)
class ParseResult:
    """What `parse_output` read: records plus warnings for what it could not read."""

    command: str  # the command as given
    template: str  # the TextFSM template file used
    records: list[Any] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)
