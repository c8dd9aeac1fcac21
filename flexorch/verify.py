"""Compare what routers show (``show crypto ikev2 sa detailed`` records) with what the intent
expects (the negotiation model's prediction on the intended configs).

``HostVerify`` / ``VerifyReport`` hold a run's result (filled by ``flexorch.verify_run``, printed
by ``flexorch.verify_text``). Pure functions: ``expectations`` turns predicted sessions into
per-host expected tunnels;
``compare`` checks one host's observed SA records against them and returns one ``Comparison``
per tunnel and check:

- ``status``            the peer's SA is present and READY;
- ``suite``             the negotiated encryption/keysize/PRF/hash/DH group are all within the
                        IKEv2 proposal the host's policy selects (not necessarily the first choice);
- ``fragmentation``     method (none/ietf/cisco) and, for IETF, the MTU in use;
- ``sgt``               enabled exactly where both ends tag on a VTI (the CMD rules);
- ``nat_t``             not-detected / inside / outside as the NAT placement implies;
- ``unexpected_peers``  no SA with a peer the intent does not know.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Final, Literal

from flexorch.ios.facts import crypto
from flexorch.ios.model import RouterConfig
from flexorch.ios.model.reader import evolve
from flexorch.ios.negotiate import Session, SideView
from flexorch.ios.negotiate.match import LEARNED_IDENTITY
from flexorch.parse.records import SaRecord

if TYPE_CHECKING:
    from flexorch.pending import PendingChange

Check = Literal["status", "suite", "fragmentation", "sgt", "nat_t", "unexpected_peers"]
ALL_CHECKS: Final[tuple[Check, ...]] = (
    "status", "suite", "fragmentation", "sgt", "nat_t", "unexpected_peers",
)


@dataclass(frozen=True)
class AllowedSuite:
    """The transforms one IKEv2 proposal allows, in ``show crypto ikev2 sa`` spelling."""

    proposal: str
    ciphers: frozenset[tuple[str, int | None]]  # (AES-GCM, 256), (3DES, None)
    prfs: frozenset[str]
    hashes: frozenset[str]  # "None" stands for a combined-mode cipher
    groups: frozenset[int]

    def admits(self, sa: SaRecord) -> bool:
        return (
            (sa.encryption, sa.keysize) in self.ciphers
            and sa.prf in self.prfs
            and sa.hash in self.hashes
            and sa.dh_group in self.groups
        )

    def describe(self) -> str:
        ciphers = ",".join(sorted(crypto.cipher_text(name, size) for name, size in self.ciphers))
        return (
            f"proposal {self.proposal}: {ciphers} prf {','.join(sorted(self.prfs))} "
            f"hash {','.join(sorted(self.hashes))} "
            f"DH {','.join(str(g) for g in sorted(self.groups))}"
        )


@dataclass(frozen=True)
class Expected:
    """One tunnel a host should have, as the intent predicts it."""

    host: str
    peer: str | None  # the other router's inventory name, None when nobody owns the address
    tunnel: str  # interface on this host (Tunnel1, or Virtual-Template1 on a hub)
    remote_address: str | None
    predicted: str  # negotiation status on the intended configs
    reason: str
    view: SideView | None  # this host's side of the SA when ESTABLISHED
    allowed: AllowedSuite | None


@dataclass(frozen=True)
class Comparison:
    """One check of one tunnel: expected vs observed and the verdict."""

    host: str
    peer: str | None
    tunnel: str
    check: Check
    expected: str
    observed: str
    ok: bool
    message: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def address_key(text: str | None) -> str | None:
    """An address as compared everywhere: IPv6 compressed lower case, IPv4 as is (a name,
    lower-cased)."""
    if text is None:
        return None
    try:
        return ipaddress.ip_address(text).compressed
    except ValueError:
        return text.lower()


def allowed_suite(config: RouterConfig, proposal: str,
                  version: str | None = None) -> AllowedSuite | None:
    """The transforms of ``proposal`` in ``config`` (None when the config has no such proposal).
    IOS's built-in ``default`` proposal is its software train's (``crypto.SMART_DEFAULTS``:
    the config's ``version`` line, else ``version``, the inventory's ``platform_version``), as
    the negotiation model takes it: an IOS 15.5 router negotiates AES-CBC-128 / MD5 / DH 2
    with it (tests/fixtures/real/gh-alnor23-otus-lab14-ikev2-rsa r14, which has no policy)."""
    found = config.proposal(proposal)  # knows IOS's built-in `default` proposal too
    if found is None:
        return None
    if proposal == crypto.DEFAULT_PROPOSAL_NAME and proposal not in config.proposals:
        found = evolve(found, **crypto.smart_defaults(config.version or version).proposal)
    ciphers = {(crypto.CIPHERS[e].show, crypto.CIPHERS[e].keysize_shown) for e in found.encryption
               if e in crypto.CIPHERS}
    combined = any(crypto.CIPHERS[e].combined for e in found.encryption if e in crypto.CIPHERS)
    hashes = {crypto.HASHES[i].show_integrity for i in found.integrity if i in crypto.HASHES}
    if combined:
        hashes.add("None")
    return AllowedSuite(
        proposal=proposal,
        ciphers=frozenset(ciphers),
        # no prf line: the integrity algorithms are the PRFs (crypto.effective_prf)
        prfs=frozenset(crypto.HASHES[p].show_prf
                       for p in crypto.effective_prf(found.integrity, found.prf)
                       if p in crypto.HASHES),
        hashes=frozenset(hashes),
        groups=frozenset(int(g) for g in found.group if str(g).isdigit()),
    )


def expectations(
    sessions: Sequence[Session], configs: Mapping[str, RouterConfig], hosts: Iterable[str],
    versions: Mapping[str, str | None] | None = None,
) -> dict[str, list[Expected]]:
    """Per host (of ``hosts``), the tunnels the predicted ``sessions`` say it should have.

    ``configs`` are the parsed intended configs the sessions were predicted from (used to read
    each side's proposal); ``versions``: each router's software version when its config has no
    ``version`` line (inventory ``platform_version``: the train of IOS's default proposal).
    A session that does not establish on the intended configs is still expected (the intent
    asks for the tunnel); its ``predicted`` status explains why it will fail.
    """
    wanted = set(hosts)
    out: dict[str, list[Expected]] = {h: [] for h in wanted}
    for session in sessions:
        outcome = session.outcome
        if outcome.established:
            for view in outcome.views:
                if view.router not in wanted:
                    continue
                suite = outcome.suite
                own = None if suite is None else (
                    suite.proposal if view.proposer else suite.responder_proposal)
                config = configs.get(view.router)
                allowed = allowed_suite(config, own, (versions or {}).get(view.router)) \
                    if config and own else None
                out[view.router].append(Expected(
                    host=view.router, peer=view.peer,
                    tunnel=view.virtual_template or view.interface,
                    remote_address=address_key(view.remote_address), predicted=str(outcome.status),
                    reason="", view=view, allowed=allowed,
                ))
            continue
        reason = f"{outcome.status} at {outcome.step}: {outcome.reason}"
        if session.initiator in wanted:
            out[session.initiator].append(Expected(
                host=session.initiator, peer=session.responder, tunnel=session.tunnel,
                remote_address=address_key(session.destination), predicted=str(outcome.status),
                reason=reason, view=None, allowed=None,
            ))
        if session.responder is not None and session.responder in wanted:
            out[session.responder].append(Expected(
                host=session.responder, peer=session.initiator, tunnel="(responder)",
                remote_address=None, predicted=str(outcome.status), reason=reason, view=None,
                allowed=None,
            ))
    return out


def _match(expected: Expected, records: list[SaRecord], used: set[int], *,
           strict: bool = False) -> SaRecord | None:
    """The observed SA for an expected tunnel: same local and remote address when the view is
    known, else same remote address; each record matches at most one tunnel. An established
    tunnel whose remote address the intent cannot know (the responder's side of a peer whose
    WAN address it learns by DHCP: ``ip address dhcp``, ``ipv6 address autoconfig``) takes a
    READY record on its local address that no tunnel with a known address matched
    (``_matches``), told from its neighbours' by the peer's IKE identity where the record shows
    one (``Remote id:`` of ``show crypto ikev2 sa detailed``). ``strict``: only a record
    showing exactly the predicted identity."""
    local = address_key(expected.view.local_address) if expected.view else None
    for index, sa in enumerate(records):
        if index in used:
            continue
        if expected.remote_address is None:
            if expected.view is None or local is None or sa.status != "READY" \
                    or address_key(sa.local_address) != local:
                continue
            same = _same_identity(sa.remote_id, expected.view.remote_id)
            if same is False or (strict and same is None):
                continue
        elif address_key(sa.remote_address) != expected.remote_address:
            continue
        if local is not None and address_key(sa.local_address) not in (local, None):
            continue
        used.add(index)
        return sa
    return None


def _same_identity(shown: str | None, predicted: str) -> bool | None:
    """Whether an SA's ``Remote id`` is the predicted peer identity; None when it cannot be
    told: the record shows none, the prediction cannot know it (an address the peer learns at
    run time), or it is a certificate's DN, which the model builds from the config's
    trustpoint and a real certificate may spell otherwise (more attributes, another order)."""
    if shown is None or not predicted or predicted == LEARNED_IDENTITY or "=" in predicted:
        return None
    return shown.lower() == predicted.lower()


def _matches(expected: Sequence[Expected], records: list[SaRecord],
             used: set[int]) -> list[SaRecord | None]:
    """``_match`` of each expected tunnel: those with a known remote address first (a record
    of theirs is never taken by a tunnel whose peer's address is unknown), then those whose
    peer's identity a record shows exactly, then the others."""
    found: dict[int, SaRecord | None] = {}
    for index, exp in enumerate(expected):
        if exp.remote_address is not None:
            found[index] = _match(exp, records, used)
    for strict in (True, False):
        for index, exp in enumerate(expected):
            if exp.remote_address is None and found.get(index) is None:
                found[index] = _match(exp, records, used, strict=strict)
    return [found[index] for index in range(len(expected))]


def _fragmentation(view: SideView) -> str:
    if view.fragmentation == "ietf" and view.fragmentation_mtu:
        return f"ietf mtu {view.fragmentation_mtu}"
    return view.fragmentation


def _observed_fragmentation(sa: SaRecord) -> str:
    if sa.fragmentation == "ietf" and sa.fragmentation_mtu:
        return f"ietf mtu {sa.fragmentation_mtu}"
    return sa.fragmentation or "unknown"


def _suite(sa: SaRecord | SideView) -> str:
    return (f"{crypto.cipher_text(str(sa.encryption), sa.keysize)} prf {sa.prf} hash {sa.hash} "
            f"DH {sa.dh_group}")


def compare(
    host: str,
    expected: Sequence[Expected],
    records: Sequence[SaRecord],
    checks: Iterable[Check] = ALL_CHECKS,
) -> list[Comparison]:
    """Every comparison of one host: its expected tunnels against its observed SA records."""
    wanted = set(checks)
    observed = list(records)
    used: set[int] = set()
    out: list[Comparison] = []

    def add(exp: Expected, check: Check, want: str, got: str, message: str = "") -> None:
        if check in wanted:
            out.append(
                Comparison(host, exp.peer, exp.tunnel, check, want, got, want == got, message))

    for exp, sa in zip(expected, _matches(expected, observed, used), strict=True):
        if exp.remote_address is None and exp.view is None:
            # The responder side of a tunnel that will not establish: nothing to look up by address.
            add(exp, "status", "READY", "absent", exp.reason)
            continue
        status = (sa.status or "unknown") if sa is not None else "absent"
        add(exp, "status", "READY", status, exp.reason if status != "READY" else "")
        if sa is None or status != "READY" or exp.view is None:
            continue
        view = exp.view
        if "suite" in wanted:
            got = _suite(sa)
            if exp.allowed is None:  # proposal unknown: the predicted suite is the expectation
                want = _suite(view)
                ok = want == got
            else:
                want, ok = exp.allowed.describe(), exp.allowed.admits(sa)
            note = "" if ok else "negotiated outside the intended proposal"
            out.append(Comparison(host, exp.peer, exp.tunnel, "suite", want, got, ok, note))
        add(exp, "fragmentation", _fragmentation(view), _observed_fragmentation(sa))
        add(exp, "sgt", view.sgt, sa.sgt or "not shown")
        add(exp, "nat_t", view.nat_t, sa.nat_t or "unknown")

    if "unexpected_peers" in wanted:
        extra = [sa for index, sa in enumerate(observed) if index not in used]
        if extra:
            for sa in extra:
                out.append(Comparison(
                    host, None, f"tunnel-id {sa.tunnel_id}", "unexpected_peers", "none",
                    f"{sa.remote_address} ({sa.status})", False,
                    "an SA with a peer the intent does not know"))
        else:
            out.append(Comparison(host, None, "-", "unexpected_peers", "none", "none", True))
    return out


# unconfirmed: an unconfirmed change is pending under the revert timer: what the tunnels show
# now changes when IOS rolls it back (or someone confirms it), whatever the checks say.
HostVerdict = Literal["ok", "mismatch", "unreachable", "unconfirmed"]


@dataclass
class HostVerify:
    """One router of a verify run: its verdict, why, its comparisons, parser warnings and the
    unconfirmed change it holds."""

    host: str
    role: str
    verdict: HostVerdict
    message: str = ""
    comparisons: list[Comparison] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    pending: PendingChange | None = None

    @property
    def checks_ok(self) -> bool:
        """The router was read and every check matched (an unconfirmed change aside)."""
        return self.verdict != "unreachable" and all(c.ok for c in self.comparisons)

    def to_json(self) -> dict[str, Any]:
        return {
            "host": self.host, "role": self.role, "verdict": self.verdict, "message": self.message,
            "warnings": self.warnings, "comparisons": [c.to_json() for c in self.comparisons],
            "unconfirmed_change": self.pending.to_json() if self.pending else None,
        }


@dataclass
class VerifyReport:
    """A verify run (``flexorch.verify_run``; text in ``flexorch.verify_text``)."""

    site: str | None
    hosts: list[HostVerify]

    @property
    def ok(self) -> bool:
        return all(h.verdict == "ok" for h in self.hosts)

    def summary(self) -> dict[str, int]:
        return {
            "hosts": len(self.hosts),
            "ok": sum(h.verdict == "ok" for h in self.hosts),
            "mismatch": sum(h.verdict == "mismatch" for h in self.hosts),
            "unreachable": sum(h.verdict == "unreachable" for h in self.hosts),
            "unconfirmed": sum(h.verdict == "unconfirmed" for h in self.hosts),
            "checks": sum(len(h.comparisons) for h in self.hosts),
            "failed_checks": sum(not c.ok for h in self.hosts for c in h.comparisons),
        }

    def to_json(self) -> dict[str, Any]:
        from flexorch.verify_text import summary_json

        return {"site": self.site, "ok": self.ok, "summary": summary_json(self),
                "hosts": [h.to_json() for h in self.hosts]}
