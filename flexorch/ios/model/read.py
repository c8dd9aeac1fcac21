"""Reading a whole config tree: the rows of the top-level (global configuration) mode.

Each top-level line is matched in IOS's global configuration mode; a block header's row reads its
children with the table of the mode it opens (``read_interface``, ``read_ikev2``,
``read_security``). The result is collected in ``Collected`` (mutable while reading), from which
``RouterConfig.from_tree`` builds the frozen view. A part of ``flexorch.ios.model``.

Top-level lines outside the families the model reads (routing, NAT, lines, logging, ...) are not
its business and are not reported; inside those families (``SCOPE``), a line no row reads is
reported like an unread line inside a block.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Final, TypeVar

from flexorch.ios.config import Node
from flexorch.ios.config.blocks import block_roots
from flexorch.ios.model.aaa import AttributeList, RadiusServer, ServerGroup
from flexorch.ios.model.blocks import (
    AuthorizationPolicy,
    CryptoMapEntry,
    Dpd,
    FlexvpnClient,
    Ikev2Globals,
    IpsecGlobals,
    IpsecProfile,
    Keyring,
    LocalPool,
    NameMangler,
    Policy,
    Profile,
    Proposal,
    TransformSet,
)
from flexorch.ios.model.interfaces import Interface, Vrf
from flexorch.ios.model.pki import Certificate, CertificateMapEntry, Trustpoint
from flexorch.ios.model.read_ikev2 import (
    AUTHORIZATION_POLICY,
    FLEXVPN_CLIENT,
    KEYRING,
    NAME_MANGLER,
    POLICY,
    PROFILE,
    PROPOSAL,
)
from flexorch.ios.model.read_interface import interface_of, vrf_of
from flexorch.ios.model.read_security import (
    ATTRIBUTE_LIST,
    CERTIFICATE_CHAIN,
    CERTIFICATE_MAP,
    CRYPTO_MAP,
    IPSEC_PROFILE,
    RADIUS_SERVER,
    SERVER_GROUP,
    TRANSFORM_SET,
    TRUSTPOINT,
)
from flexorch.ios.model.reader import (
    Line,
    Reading,
    Row,
    Rows,
    Unread,
    evolve,
    need,
    need_number,
)

_NO_IKEV2_GLOBALS: Final = Ikev2Globals()
_NO_IPSEC_GLOBALS: Final = IpsecGlobals()


@dataclass
class Collected:
    """Everything read from one config, before it is frozen into ``RouterConfig``."""

    hostname: str | None = None
    domain_name: str | None = None
    version: str | None = None
    platform: str | None = None
    password_encryption_aes: bool = False
    vrfs: dict[str, Vrf] = field(default_factory=dict)
    interfaces: dict[str, Interface] = field(default_factory=dict)
    proposals: dict[str, Proposal] = field(default_factory=dict)
    policies: dict[str, Policy] = field(default_factory=dict)
    keyrings: dict[str, Keyring] = field(default_factory=dict)
    profiles: dict[str, Profile] = field(default_factory=dict)
    name_manglers: dict[str, NameMangler] = field(default_factory=dict)
    authorization_policies: dict[str, AuthorizationPolicy] = field(default_factory=dict)
    transform_sets: dict[str, TransformSet] = field(default_factory=dict)
    ipsec_profiles: dict[str, IpsecProfile] = field(default_factory=dict)
    flexvpn_clients: dict[str, FlexvpnClient] = field(default_factory=dict)
    crypto_maps: dict[str, list[CryptoMapEntry]] = field(default_factory=dict)
    ipv6_crypto_maps: dict[str, list[CryptoMapEntry]] = field(default_factory=dict)
    dynamic_maps: dict[str, list[CryptoMapEntry]] = field(default_factory=dict)
    # frozen values: one shared default until a line changes them (rows evolve a copy)
    ikev2: Ikev2Globals = _NO_IKEV2_GLOBALS
    ipsec: IpsecGlobals = _NO_IPSEC_GLOBALS
    disabled_defaults: set[str] = field(default_factory=set)
    local_pools: dict[str, LocalPool] = field(default_factory=dict)
    aaa_new_model: bool = False
    method_lists: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    server_groups: dict[str, ServerGroup] = field(default_factory=dict)
    radius_servers: dict[str, RadiusServer] = field(default_factory=dict)
    attribute_lists: dict[str, AttributeList] = field(default_factory=dict)
    trustpoints: dict[str, Trustpoint] = field(default_factory=dict)
    certificate_maps: dict[str, list[CertificateMapEntry]] = field(default_factory=dict)
    certificate_chains: dict[str, tuple[Certificate, ...]] = field(default_factory=dict)
    crl_schedule: list[str] = field(default_factory=list)
    unread: tuple[Unread, ...] = ()


def _set(c: Collected, **values: object) -> Collected:
    """``c`` with ``values`` set, in place: a reading has one ``Collected``, never shared (the
    rows fill its tables in place too), and ``replace`` would copy its 37 fields per line."""
    for name, value in values.items():
        setattr(c, name, value)
    return c


B = TypeVar("B")


# The top-level rows whose whole effect is to store one value under one name in one table of
# ``Collected``, made from the block's lines and from what the table held under that name (none:
# then from the lines alone): a block they read in a fresh ``Collected`` has that effect in any
# other one not holding the name yet (``read_blocks``).
_KEYED_ROWS: set[Row[Collected]] = set()


def _keyed(row: Row[Collected]) -> Row[Collected]:
    _KEYED_ROWS.add(row)
    return row


def _named(store: Callable[[Collected], dict[str, B]], rows: Rows[B],
           make: Callable[[str], B]) -> Row[Collected]:
    """A row reading a named block (``crypto ikev2 proposal NAME``) into a table of
    ``Collected``; a header seen twice continues the block (IOS merges them)."""

    def row(c: Collected, line: Line) -> Collected:
        name = need(line.slots, "name")
        table = store(c)
        table[name] = line.block(rows, table.get(name) or make(name))
        return c

    return _keyed(row)


@_keyed
def _authorization_policy(c: Collected, line: Line) -> Collected:
    name = need(line.slots, "name")
    start = c.authorization_policies.get(name) or AuthorizationPolicy(name)
    policy, unread = line.block_unread(AUTHORIZATION_POLICY, start)
    c.authorization_policies[name] = evolve(policy, other=(*policy.other, *unread))
    return c


@_keyed
def _interface(c: Collected, line: Line) -> Collected:
    intf = interface_of(line)
    c.interfaces[intf.name] = intf
    return c


def _vrf(legacy: bool) -> Row[Collected]:
    def row(c: Collected, line: Line) -> Collected:
        vrf = vrf_of(line, legacy=legacy)
        c.vrfs[vrf.name] = vrf
        return c
    return _keyed(row)


@_keyed
def _transform_set(c: Collected, line: Line) -> Collected:
    name = need(line.slots, "name")
    # Transforms as IOS's words (``esp-aes``, ``256``, ``esp-sha-hmac``), as ``crypto`` reads them.
    words = tuple(w for transform in line.slots.all("transform") for w in transform.split())
    start = TransformSet(name, words, line.slots.one("mode") or "tunnel")
    c.transform_sets[name] = line.block(TRANSFORM_SET, start)
    return c


def _certificate_map(c: Collected, line: Line) -> Collected:
    entry = CertificateMapEntry(need_number(line.slots, "sequence"))
    c.certificate_maps.setdefault(need(line.slots, "name"), []).append(
        line.block(CERTIFICATE_MAP, entry))
    return c


def _crypto_map(c: Collected, line: Line, *, ipv6: bool = False) -> Collected:
    """``crypto map [ipv6] NAME SEQ ipsec-isakmp [dynamic D]`` opens an entry; the other
    ``crypto map NAME ...`` lines (local-address, IKEv1 client settings) configure the whole
    map."""
    sequence = line.slots.number("sequence")
    if sequence is None:
        return c
    entry = CryptoMapEntry(need(line.slots, "name"), sequence,
                           dynamic_map=line.slots.one("dynamic"),
                           kind=line.slots.one("kind") or "ipsec-isakmp", ipv6=ipv6)
    # IPv6 maps are a namespace of their own: ``crypto map ipv6 M`` and ``crypto map M`` are two
    # maps, applied by ``ipv6 crypto map M`` and ``crypto map M`` (IPv6 Command Reference)
    table = c.ipv6_crypto_maps if ipv6 else c.crypto_maps
    table.setdefault(entry.name, []).append(line.block(CRYPTO_MAP, entry))
    return c


def _dynamic_map(c: Collected, line: Line) -> Collected:
    entry = CryptoMapEntry(need(line.slots, "name"), need_number(line.slots, "sequence"),
                           kind="dynamic")
    c.dynamic_maps.setdefault(entry.name, []).append(line.block(CRYPTO_MAP, entry))
    return c


@_keyed
def _certificate_chain(c: Collected, line: Line) -> Collected:
    name = need(line.slots, "name")
    c.certificate_chains[name] = line.block(CERTIFICATE_CHAIN, c.certificate_chains.get(name, ()))
    return c


# IOS XE's accounting method-list block (``aaa accounting exec default`` with `` action-type
# start-stop`` and `` group NAME`` under it: an ASR920 on 16.8,
# tests/fixtures/real/gh-ytti-oxidized-asr920-1681): its ``group`` lines are the methods, in
# order; the record type, broadcast and periodic updates are left out as in the one-line form.
_ACCOUNTING_BLOCK: Final[Rows[tuple[str, ...]]] = Rows(read={
    "group": lambda methods, line: (*methods, *line.text.split()),
    **dict.fromkeys(("action-type", "broadcast", "periodic"),
                    lambda methods, line: methods),
})


def _method_list(family: str) -> Row[Collected]:
    """``aaa authentication|authorization|accounting KIND LIST METHOD...``: the methods' words
    (``local``, ``group radius_group`` -> ``("local", "group", "radius_group")``, the shape the
    negotiation model reads); accounting's record type is left out. An accounting list in its
    block form takes its methods from the block's ``group`` lines."""

    def row(c: Collected, line: Line) -> Collected:
        kind = line.slots.one("kind") or "login"
        group = line.slots.one("group")
        written = line.slots.all("method") + ((f"group {group}",) if group else ())
        methods = tuple(word for method in written for word in method.split())
        if line.opens is not None:
            methods = line.block(_ACCOUNTING_BLOCK, methods)
        c.method_lists.setdefault(f"{family} {kind}", {})[need(line.slots, "list")] = methods
        return c

    return row


def _pool(c: Collected, line: Line) -> Collected:
    s = line.slots
    name = need(s, "name")
    pool = c.local_pools.get(name) or LocalPool(name)
    start = s.one("start") or need(s, "prefix")
    c.local_pools[name] = evolve(pool, ranges=(*pool.ranges, (start, s.one("end") or start)),
                                 prefix_length=s.number("length"))
    return c


def _disable(kind: str) -> Row[Collected]:
    """``no crypto ikev2 proposal default`` and the like: IOS stops using that default."""

    def row(c: Collected, line: Line) -> Collected:
        c.disabled_defaults.add(kind)
        return c

    return row


def _disable_on(words: str, kind: str) -> Row[Collected]:
    """A line whose arguments are ``words`` disables ``kind``: ``crypto engine compliance
    shield disable`` makes IOS-XE 17.11+ accept weak algorithms again (Cisco Field Notice
    FN72510), kept as the disabled default "compliance-shield"."""

    def row(c: Collected, line: Line) -> Collected:
        if line.text.endswith(f" {words}"):
            c.disabled_defaults.add(kind)
        return c

    return row


def _crl(c: Collected, line: Line) -> Collected:
    c.crl_schedule.append(line.text)
    return c


def _limit_negotiation(g: Ikev2Globals, line: Line) -> Ikev2Globals:
    entry = (need_number(line.slots, "count"), line.slots.one("direction") or "incoming")
    return evolve(g, limit_max_in_negotiation=(*g.limit_max_in_negotiation, entry))


_IKEV2_GLOBALS: Final[dict[str, Callable[[Ikev2Globals, Line], Ikev2Globals]]] = {
    "fragmentation": lambda g, line: evolve(g, fragmentation=True,
                                            fragmentation_mtu=line.slots.number("mtu")),
    "cts sgt": lambda g, line: evolve(g, cts_sgt=True),
    "http-url cert": lambda g, line: evolve(g, http_url_cert=True),
    "disconnect-revoked-peers": lambda g, line: evolve(g, disconnect_revoked_peers=True),
    "nat keepalive": lambda g, line: evolve(g, nat_keepalive=need_number(line.slots, "seconds")),
    "dpd": lambda g, line: evolve(g, dpd=Dpd(need_number(line.slots, "interval"),
                                             need_number(line.slots, "retry"),
                                             need(line.slots, "mode"))),
    "window": lambda g, line: evolve(g, window=need_number(line.slots, "size")),
    "limit max-sa": lambda g, line: evolve(g, limit_max_sa=need_number(line.slots, "count")),
    "limit max-in-negotiation-sa": _limit_negotiation,
    # IOS 15.x's own spelling of the same setting (grammar: commands/ikev2.py; an IOSv 15.9
    # spoke, tests/fixtures/real/gh-jakubkkk12-cml-dmvpn04-ikev2-nat br3).
    "limit max-in-negotation-sa": _limit_negotiation,
    "cookie-challenge": lambda g, line: evolve(
        g, cookie_challenge=need_number(line.slots, "count")),
    "certificate-cache": lambda g, line: evolve(
        g, certificate_cache=need_number(line.slots, "count")),
    "diagnose error": lambda g, line: evolve(g, diagnose_error=need_number(line.slots, "count")),
    "redirect": lambda g, line: evolve(g, redirect=(*g.redirect, need(line.slots, "redirect"))),
}


def _ipsec_replay(g: IpsecGlobals, line: Line) -> IpsecGlobals:
    if "disable" in line.slots:
        return evolve(g, replay_disabled=True)
    return evolve(g, replay_window=need_number(line.slots, "window"))


def _ipsec_lifetime(g: IpsecGlobals, line: Line) -> IpsecGlobals:
    seconds = line.slots.number("seconds")
    if seconds is not None:
        return evolve(g, sa_lifetime_seconds=seconds)
    if "disable" in line.slots:
        return evolve(g, sa_lifetime_kilobytes_disabled=True)
    return evolve(g, sa_lifetime_kilobytes=need_number(line.slots, "kilobytes"))


_IPSEC_GLOBALS: Final[dict[str, Callable[[IpsecGlobals, Line], IpsecGlobals]]] = {
    "security-association replay": _ipsec_replay,
    "security-association lifetime": _ipsec_lifetime,
    "df-bit": lambda g, line: evolve(g, df_bit=need(line.slots, "mode")),
}

def _ikev2_row(update: Callable[[Ikev2Globals, Line], Ikev2Globals]) -> Row[Collected]:
    return lambda c, line: _set(c, ikev2=update(c.ikev2, line))


def _ipsec_row(update: Callable[[IpsecGlobals, Line], IpsecGlobals]) -> Row[Collected]:
    return lambda c, line: _set(c, ipsec=update(c.ipsec, line))


# The families of top-level lines the model reads: an unread line in one of them is reported.
SCOPE: Final[tuple[str, ...]] = (
    "hostname", "version", "interface", "vrf definition", "ip vrf", "crypto ikev2",
    "crypto ipsec", "crypto pki", "crypto map", "crypto dynamic-map", "aaa", "radius server",
    "ip local pool", "ipv6 local pool",
)

_AAA_IGNORED: Final[tuple[str, ...]] = (
    "aaa session-id", "aaa server radius", "aaa common-criteria", "aaa password", "aaa cache",
    "aaa nas", "aaa local", "aaa policy", "aaa dnis", "aaa max-sessions", "aaa configuration",
    "aaa authentication attempts", "aaa authentication banner", "aaa authentication fail-message",
    "aaa authentication password-prompt", "aaa authentication username-prompt",
    "aaa accounting update", "aaa accounting delay-start", "aaa accounting nested",
    "aaa accounting send", "aaa accounting session-duration", "aaa accounting suppress",
    "aaa accounting redundancy", "aaa accounting system guarantee-first",
    "aaa accounting jitter", "aaa accounting include", "aaa authorization config-commands",
    "aaa authorization console", "aaa authorization commands", "aaa accounting commands",
)

TOP: Final[Rows[Collected]] = Rows(
    read={
        "hostname": lambda c, line: _set(c, hostname=need(line.slots, "name")),
        "version": lambda c, line: _set(c, version=need(line.slots, "version")),
        "license": lambda c, line: _set(c, platform=line.slots.one("pid") or c.platform),
        "ip domain name": lambda c, line: _set(c, domain_name=need(line.slots, "name")),
        "ip domain-name": lambda c, line: _set(c, domain_name=need(line.slots, "name")),
        "password encryption aes": lambda c, line: _set(c, password_encryption_aes=True),
        "ip local pool": _pool,
        "ipv6 local pool": _pool,
        "interface": _interface,
        "vrf definition": _vrf(legacy=False),
        "ip vrf": _vrf(legacy=True),
        "crypto ikev2 proposal": _named(lambda c: c.proposals, PROPOSAL, Proposal),
        "crypto ikev2 policy": _named(lambda c: c.policies, POLICY, Policy),
        "crypto ikev2 keyring": _named(lambda c: c.keyrings, KEYRING, Keyring),
        "crypto ikev2 profile": _named(lambda c: c.profiles, PROFILE, Profile),
        "crypto ikev2 name-mangler": _named(lambda c: c.name_manglers, NAME_MANGLER, NameMangler),
        "crypto ikev2 authorization policy": _authorization_policy,
        "crypto ikev2 client flexvpn": _named(
            lambda c: c.flexvpn_clients, FLEXVPN_CLIENT, FlexvpnClient),
        **{f"crypto ikev2 {key}": _ikev2_row(update) for key, update in _IKEV2_GLOBALS.items()},
        "crypto ipsec transform-set": _transform_set,
        "crypto ipsec profile": _named(lambda c: c.ipsec_profiles, IPSEC_PROFILE, IpsecProfile),
        **{f"crypto ipsec {key}": _ipsec_row(update) for key, update in _IPSEC_GLOBALS.items()},
        "crypto map": _crypto_map,
        "crypto map ipv6": lambda c, line: _crypto_map(c, line, ipv6=True),
        "crypto dynamic-map": _dynamic_map,
        "crypto pki trustpoint": _named(lambda c: c.trustpoints, TRUSTPOINT, Trustpoint),
        "crypto pki certificate map": _certificate_map,
        "crypto pki certificate chain": _certificate_chain,
        "crypto engine": _disable_on("compliance shield disable", "compliance-shield"),
        "crypto pki crl download schedule time": _crl,
        "crypto pki crl download schedule prepublish": _crl,
        "crypto pki crl download trustpoint": _crl,
        "aaa new-model": lambda c, line: _set(c, aaa_new_model=True),
        "aaa authentication": _method_list("authentication"),
        "aaa authorization": _method_list("authorization"),
        "aaa accounting": _method_list("accounting"),
        "aaa group server": _named(lambda c: c.server_groups, SERVER_GROUP, ServerGroup),
        "aaa attribute list": _named(lambda c: c.attribute_lists, ATTRIBUTE_LIST, AttributeList),
        "radius server": _named(lambda c: c.radius_servers, RADIUS_SERVER, RadiusServer),
    },
    negated={
        "no aaa new-model": lambda c, line: _set(c, aaa_new_model=False),
        "no crypto ikev2 proposal default": _disable("ikev2-proposal"),
        "no crypto ikev2 policy default": _disable("ikev2-policy"),
        "no crypto ipsec transform-set default": _disable("transform-set"),
        "no crypto ipsec profile default": _disable("ipsec-profile"),
        "no crypto ikev2 http-url cert": lambda c, line: _set(
            c, ikev2=evolve(c.ikev2, http_url_cert=False)),
    },
    ignored={
        "crypto pki server": "a certificate server on this router: it issues certificates, its "
                             "own IKE is unchanged",
        "crypto pki token": "PKI token storage", "crypto pki profile": "enrollment profiles",
        "crypto pki trustpool": "the trustpool of CA certificates",
        # gh-ktbyers-pyplus-c1111-cisco3/cisco3.cfg (ISR C1111, IOS XE 16.12).
        "crypto pki certificate pool": "the pool of trusted CA certificates (a bundle file), "
                                       "not a trustpoint IKE authenticates with",
        "crypto pki certificate storage": "where certificates are kept, not which ones",
        "crypto ipsec client": "Easy VPN (IKEv1) client",
        "crypto ipsec nat-transparency": "IKEv1 NAT traversal settings",
        "crypto ipsec optional": "IKEv1 optional encryption",
        "crypto ipsec fragmentation": "where IPsec fragments, not which SA comes up",
        "crypto ipsec security-association idle-time": "IPsec SA tuning",
        "crypto ipsec security-association dummy": "IPsec SA tuning",
        "crypto ipsec security-association multi-sn": "IPsec SA tuning",
        "crypto ipsec security-association ecn": "IPsec SA tuning",
        "crypto ipsec ipv4-deny": "IPsec SA tuning",
        "crypto ikev2 limit queue": "queueing of SA_INIT requests under load",
        "crypto ikev2 cluster": "the IKEv2 load balancer: which gateway a client is redirected "
                                "to, not the SA's parameters",
        **dict.fromkeys(_AAA_IGNORED, "AAA for logins, accounting details and other services"),
    },
    scope=SCOPE,
)


def read_tree(roots: list[Node]) -> Collected:
    """Read every top-level line of a config tree (lines and blocks in config order)."""
    reading = Reading()
    collected = Collected()
    for node in roots:
        collected = reading.line(TOP, "config", node, (), collected)
    return _set(collected, unread=tuple(reading.unread))



@dataclass(frozen=True, slots=True)
class _Effect:
    """What reading one top-level block does to ``Collected``: ``table[key] = value`` in the
    table named ``table`` (none: nothing, a block no row reads), and the lines no row read
    (``unread``)."""

    table: str
    key: str
    value: object
    unread: tuple[Unread, ...]


# The text of a top-level block of a rendered config -> its ``_Effect``, or None when the block
# is read in its config (a row outside ``_KEYED_ROWS``, or a block doing more than one effect). A
# pure function of the text: the block is read alone as ``read_indented`` reads it in the whole
# text (rendered text: nesting is indentation, no line numbers). The spokes of a site render most
# blocks alike; one looked up here is neither split into lines, made into nodes nor matched
# again. Emptied when full (each spoke adds its own blocks: its profile, its interfaces).
_EFFECTS: dict[str, _Effect | None] = {}
_EFFECTS_MAX: Final = 50_000
_TABLES: Final = tuple(f.name for f in fields(Collected) if f.default_factory is dict)
_NOTHING: Final = vars(Collected())  # what a Collected holds before any line
_UNKNOWN: Final = _Effect("", "", None, ())


def read_blocks(blocks: list[str]) -> Collected | None:
    """``read_tree`` of a rendered config whose top-level blocks have the texts ``blocks``
    (``flexorch.ios.config.blocks.rendered_blocks``); None when a block is not read by its
    indentation alone (``read_tree(ConfigTree.from_rendered(text).roots)`` then reads it)."""
    reading = Reading()
    collected = Collected()
    effects = _EFFECTS
    for text in blocks:
        effect = effects.get(text, _UNKNOWN)
        roots = None
        if effect is _UNKNOWN:
            roots = block_roots(text)
            if roots is None:
                return None
            if len(effects) >= _EFFECTS_MAX:
                effects.clear()
            effect = effects[text] = _effect_of(roots)
        if effect is not None:
            if not effect.table:
                reading.unread.extend(effect.unread)
                continue
            table = getattr(collected, effect.table)
            if effect.key not in table:  # else the block continues an earlier one: read it
                table[effect.key] = effect.value
                reading.unread.extend(effect.unread)
                continue
        if roots is None:
            roots = block_roots(text) or []  # read by indentation once already
        for node in roots:
            collected = reading.line(TOP, "config", node, (), collected)
    return _set(collected, unread=tuple(reading.unread))


def _effect_of(roots: list[Node]) -> _Effect | None:
    """The ``_Effect`` of one top-level block, or None when it has none."""
    if len(roots) != 1:
        return None
    row = Reading.row_of(TOP, "config", roots[0].text)
    if row is not None and row not in _KEYED_ROWS:
        return None
    reading = Reading()
    alone = reading.line(TOP, "config", roots[0], (), Collected())
    unread = tuple(reading.unread)
    if row is None:  # no row reads it: its unread lines, wherever it stands
        return _Effect("", "", None, unread) if vars(alone) == _NOTHING else None
    state = vars(alone)  # read as a dict: 0.7 us for the tables, 1.2 us with ``getattr``
    changed = [name for name in _TABLES if state[name]]
    if len(changed) != 1 or len(table := state[changed[0]]) != 1:
        return None
    state[changed[0]] = {}
    if state != _NOTHING:  # another part of Collected changed too
        return None
    ((key, value),) = table.items()
    return _Effect(changed[0], key, value, unread)
