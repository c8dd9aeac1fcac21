"""``show crypto ipsec sa [interface NAME | peer ADDRESS] [detail]`` of a lab router, from its
running config (``RouterConfig``) and its established SAs (the crypto model's ``SideView``s).
Computed only when the command is typed; packet counters read 0 (the lab carries no traffic).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from flexorch.ios.facts import crypto as facts
from flexorch.ios.model import RouterConfig
from flexorch.ios.model.interfaces import Interface
from flexorch.ios.negotiate.steps import tunnel_source
from flexorch.ios.negotiate.types import LEARNED, LEARNED6, Fail, SideView
from flexorch.lab import shows
from flexorch.lab.crypto import Member, ipsec_lifetimes

# --- show crypto ipsec sa [detail] -------------------------------------------------------------
# Layout: tests/fixtures/real/genie-show-crypto-ipsec-sa/interface-golden-output-3__show_crypto_
# ipsec_sa.raw (a FlexVPN Virtual-Access, IOS-XE 17) for the plain form, detail-golden-output-1__
# show_crypto_ipsec_sa_detail.raw (an sVTI, IOS-XE 17) for the counters of the detail form.

_COUNTERS = (
    "    #pkts encaps: 0, #pkts encrypt: 0, #pkts digest: 0",
    "    #pkts decaps: 0, #pkts decrypt: 0, #pkts verify: 0",
    "    #pkts compressed: 0, #pkts decompressed: 0",
    "    #pkts not compressed: 0, #pkts compr. failed: 0",
    "    #pkts not decompressed: 0, #pkts decompress failed: 0",
)
_SEND_ERRORS = ("    #send errors 0, #recv errors 0",)
_DETAIL_COUNTERS = (
    "    #pkts no sa (send) 0, #pkts invalid sa (rcv) 0",
    "    #pkts encaps failed (send) 0, #pkts decaps failed (rcv) 0",
    "    #pkts invalid prot (recv) 0, #pkts verify failed: 0",
    "    #pkts invalid identity (recv) 0, #pkts invalid len (rcv) 0",
    "    #pkts replay rollover (send): 0, #pkts replay rollover (rcv) 0",
    "    ##pkts replay failed (rcv): 0",
    "    #pkts tagged (send): 0, #pkts untagged (rcv): 0",
    "    #pkts not tagged (send): 0, #pkts not untagged (rcv): 0",
    "    #pkts internal err (send): 0, #pkts internal err (recv) 0",
)
# The corpus's 1438 for ESP-AES/SHA1 and ESP-GCM-256 tunnels on a 1500-byte path: the lab keeps
# that overhead for every transform (real routers vary it by transform and encapsulation).
_PATH_MTU = 1500
_ESP_OVERHEAD = 62


def transform_text(words: tuple[str, ...]) -> str:
    """Transform-set words as the SA prints them: ``esp-aes 256`` is ``esp-256-aes`` (corpus:
    gh-jclarkson-ikev2-dmvpn-ivrf/hub), others as configured (``esp-gcm 256``, ``esp-gcm``)."""
    out: list[str] = []
    for word in words:
        if word.isdigit() and out and out[-1] == "esp-aes":
            out[-1] = f"esp-{word}-aes" if word != "128" else "esp-aes"
        else:
            out.append(word)
    return " ".join(out)


def _iv_size(transform: str) -> int:
    # Corpus: 16 bytes for esp-aes (CBC), 8 for esp-gcm, 0 for esp-null.
    if "esp-gcm" in transform or "esp-gmac" in transform:
        return 8
    return 0 if "esp-null" in transform else 16


def _sends_from(config: RouterConfig, tunnel: Interface | None
                ) -> tuple[str | None, str]:
    """The address (None: not known, or learned at run time) and the interface (``ip mtu idb``;
    ``(none)`` when unknown, corpus: nordwest r28) a tunnel sends from: the negotiation's own
    ``tunnel_source``."""
    if tunnel is None:
        return None, "(none)"
    try:
        address, owner = tunnel_source(config, tunnel, tunnel.mode.transport)
    except Fail:
        return None, "(none)"
    return (None if address in (LEARNED, LEARNED6) else str(address)), owner.name


def _spi(hex_text: str) -> str:
    value = int(hex_text[:8], 16)
    return f"0x{value:X}({value})"


@dataclass(frozen=True)
class _EspText:
    """What the inbound and outbound ESP SA of one flow print alike."""

    transform: str
    settings: str
    tag: str
    timing: str
    initiator: bool

    def lines(self, direction: str, spi: str, conn: int) -> list[str]:
        return [
            f"     {direction} esp sas:",
            f"      spi: {spi}",
            f"        transform: {self.transform} ,",
            f"        in use settings ={{{self.settings}, }}",
            # flow_id: the CSR capture's platform prefix, its number 2000 below the conn id
            f"        conn id: {conn}, flow_id: CSR:{conn - 2000}, sibling_flags FFFFFFFF80004048, "
            f"crypto map: {self.tag}, initiator : {self.initiator}",
            f"         sa timing: remaining key lifetime {self.timing}",
            f"        IV size: {_iv_size(self.transform)} bytes",
            "        replay detection support: Y",
            "        Status: ACTIVE(ACTIVE)",
            "",
            f"     {direction} ah sas:",
            "",
            f"     {direction} pcp sas:",
        ]


@dataclass(frozen=True)
class _Flow:
    """One flow of an interface (a ``protected vrf:`` block): its ends and what protects it."""

    local: str
    remote: str
    port: int
    ivrf: str | None  # None: the global table
    vti: bool  # tunnel mode ipsec: any/any selectors; else GRE between the endpoints
    idb: str
    pfs: int | None

    def head(self, detail: bool, outbound_spi: str) -> list[str]:
        """The lines from ``protected vrf`` to the PFS line and the blank after it."""
        if self.vti:  # a VTI protects everything: any/any selectors
            local_ident = remote_ident = "0.0.0.0/0.0.0.0/0/0"
        else:  # GRE over IPsec: the GRE packets between the endpoints (corpus: site_a, csr1)
            local_ident = f"{self.local}/255.255.255.255/47/0"
            remote_ident = f"{self.remote}/255.255.255.255/47/0"
        pfs = f"Y, DH group: group{self.pfs}" if self.pfs else "N, DH group: none"
        return [
            f"   protected vrf: {self.ivrf or '(none)'}",
            f"   local  ident (addr/mask/prot/port): ({local_ident})",
            f"   remote ident (addr/mask/prot/port): ({remote_ident})",
            f"   current_peer {self.remote} port {self.port}",
            "     PERMIT, flags={origin_is_acl,}",
            *_COUNTERS,
            *(_DETAIL_COUNTERS if detail else _SEND_ERRORS),
            "",
            f"     local crypto endpt.: {self.local}, remote crypto endpt.: {self.remote}",
            f"     plaintext mtu {_PATH_MTU - _ESP_OVERHEAD}, path mtu {_PATH_MTU}, "
            f"ip mtu {_PATH_MTU}, ip mtu idb {self.idb}",
            f"     current outbound spi: {outbound_spi}",
            f"     PFS (Y/N): {pfs}",
            "",
        ]


# A flow with no SA yet: "current outbound spi: 0x0(0)" and every SA heading empty (corpus:
# genie-show-crypto-ipsec-sa/detail-golden-output-2, a crypto map flow; the lab shows a tunnel
# whose SA is not up, e.g. after a peer-down fault, the same way).
_NO_SAS = ("     inbound esp sas:", "", "     inbound ah sas:", "", "     inbound pcp sas:", "",
           "     outbound esp sas:", "", "     outbound ah sas:", "", "     outbound pcp sas:")


def _established(config: RouterConfig, view: SideView, seconds: int, number: int,
                 detail: bool) -> list[str]:
    profile = config.ipsec_profile(view.ipsec_profile)
    tset = config.transform_set(view.transform_set)
    carrier = config.interface(view.virtual_template or view.interface)
    # A VTI always runs tunnel mode; GRE over IPsec uses the set's mode (corpus: hub, Transport).
    vti = view.tunnel_mode.startswith("ipsec")
    flow = _Flow(view.local_address or "0.0.0.0", view.remote_address or "0.0.0.0",
                 view.remote_port, None if view.ivrf == "none" else view.ivrf, vti,
                 _sends_from(config, carrier)[1],
                 profile.pfs_group if profile is not None else None)
    kilobytes, lifetime = ipsec_lifetimes(config, profile)
    esp = _EspText(
        transform=transform_text(tset.transforms) if tset else "",
        settings="Transport" if tset and tset.mode == "transport" and not vti else "Tunnel",
        tag=_tag(config, view.interface),
        timing=f"(k/sec): ({kilobytes}/{max(lifetime - seconds, 0)})",
        initiator=view.proposer)
    spi_in, spi_out = _spi(view.local_spi), _spi(view.remote_spi)
    return [
        *flow.head(detail, spi_out),
        # conn ids: inbound one above outbound, as in the corpus (6316 in, 6315 out)
        *esp.lines("inbound", spi_in, 2000 + 2 * number),
        "",
        *esp.lines("outbound", spi_out, 1999 + 2 * number),
    ]


def _idle(config: RouterConfig, intf: Interface) -> _Flow | None:
    """The flow of a protected IPv4 tunnel with a destination address, when its ends are known."""
    mode = intf.mode
    if (intf.shutdown or not intf.tunnel_protection or intf.template_type is not None
            or mode.transport != 4 or mode.multipoint):
        return None
    try:
        remote = ipaddress.IPv4Address(intf.tunnel_destination or "")
    except ValueError:
        return None
    local, idb = _sends_from(config, intf)
    if local is None:
        return None
    profile = config.ipsec_profile(intf.tunnel_protection)
    return _Flow(local, str(remote), facts.IKE_PORT, intf.vrf, mode.encapsulation == "ipsec", idb,
                 profile.pfs_group if profile is not None else None)


def _tag(config: RouterConfig, interface: str) -> str:
    """The crypto map tag: a crypto map's name, ``<interface>-head-0`` for tunnel protection."""
    intf = config.interface(interface)
    return intf.crypto_map if intf is not None and intf.crypto_map else f"{interface}-head-0"


def _same_address(shown: str, typed: str) -> bool:
    try:
        return ipaddress.ip_address(shown) == ipaddress.ip_address(typed)
    except ValueError:
        return False


def show_ipsec_sa(router: Member, *, detail: bool = False, interface: str | None = None,
                  peer: str | None = None) -> str:
    """Per interface (in IOS's interface order) its header and its flows: one per established
    SA, and an SA-less flow for a protected tunnel whose SA is not up. Flows and interfaces are
    separated by a blank line (corpus: gh-jclarkson-ikev2-dmvpn-ivrf/hub, two flows on Tunnel0;
    ntc-show-crypto-ipsec-sa-detail, two interfaces). ``interface`` (canonical name) and
    ``peer`` (an address) keep only that interface's or that peer's flows (the ``interface``
    form: genie-show-crypto-ipsec-sa/interface-golden-output-3)."""
    crypto = router.crypto
    config = crypto.config(router)
    # interface -> (local address, [(peer, flow lines)])
    flows: dict[str, tuple[str, list[tuple[str, list[str]]]]] = {}
    for number, view in enumerate(crypto.views(router), start=1):
        lines = _established(config, view, crypto.active_time(view), number, detail)
        entry = flows.setdefault(view.interface, (view.local_address or "0.0.0.0", []))
        entry[1].append((view.remote_address or "0.0.0.0", lines))
    for intf in config.interfaces.values():
        idle = None if intf.name in flows else _idle(config, intf)
        if idle is not None:
            flows[intf.name] = (idle.local,
                                [(idle.remote, [*idle.head(detail, "0x0(0)"), *_NO_SAS])])
    blocks = []
    for name in sorted(flows, key=shows.interface_order):
        local, bodies = flows[name]
        kept = [lines for remote, lines in bodies if peer is None or _same_address(remote, peer)]
        if not kept or interface not in (None, name):
            continue
        header = [f"interface: {name}",
                  f"    Crypto map tag: {_tag(config, name)}, local addr {local}", ""]
        blocks.append("\n".join(header) + "\n" + "\n\n".join("\n".join(b) for b in kept))
    return "\n\n".join(blocks) + "\n" if blocks else ""
