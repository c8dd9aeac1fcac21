"""Voice and TDM on branch routers (ISR G2, ISR 4000) next to their VPNs: T1/E1 cards and
controllers, network clocking, ISDN, VoIP service, dial peers, SCCP, Cisco Unified CME
(``telephony-service``, ephones), translation rules and voice classes.

Sources: Cisco IOS Voice Command Reference (voice service voip, allow-connections, sip,
dial-peer voice, destination-pattern, session target, session protocol, codec, dtmf-relay,
voice class codec, voice translation-rule, voice translation-profile, sccp, sccp local,
sccp ccm); Cisco Unified Communications Manager Express Command Reference (telephony-service,
max-ephones, max-dn, ip source-address, ephone-dn, ephone); Interface and Hardware Component
Command Reference (card type, controller t1/e1, framing, linecode, cablelength, pri-group,
ds0-group, clock source, network-clock-participate, network-clock-select); Dial and System
Management Command Reference (isdn switch-type). Rows take the commands of each mode by their
leading keywords; what follows is kept as typed.
"""

from __future__ import annotations

from typing import Final

from flexorch.ios.cli.commands.common import SUBMODE_COMMON
from flexorch.ios.cli.syntax import Command as C
from flexorch.ios.cli.syntax import Mode

GLOBAL: Final[tuple[C, ...]] = (
    # Before ``card type``: a mode spells a keyword as its first row does (IOS prints
    # ``controller T1 0/0/0`` and ``card type t1 0 0``).
    C("controller {T1|E1|T3|E3} <word>", key=3, opens="controller-tdm"),
    C("card type {t1|e1|t3|e3} <int:0-15> [<int:0-15>]", key=r"^(card type \S+ \d+(?: \d+)?)"),
    # Stored and shown in both forms: an IOS 12.4 router without voice modules clocking from the
    # backplane prints ``no network-clock-participate slot 1`` / ``... wic 0``
    # (tests/fixtures/real/gh-mpenning-ciscoconfparse-ios124-edge foo.cfg).
    C("network-clock-participate {wic <int:0-15>|slot <int:0-15>|<rest>}",
      key=r"^(network-clock-participate (?:\S+ \S+|\S+))", negation="shown"),
    C("network-clock-select <int:1-16> <rest>", key=2),
    C("network-clock {synchronization <rest>|input-source <rest>|revertive|wait-to-restore "
      "<rest>}"),
    C("isdn switch-type <word>", key=2),
    C("voice service {voip|pots}", key=3, opens="voice-service"),
    C("voice class {codec|h323|sip-profiles|uri|e164-pattern-map|server-group|tenant|"
      "dpi} <word>", key=4, opens="voice-class"),
    C("voice translation-rule <int:1-2147483647>", key=3, opens="voice-xlate-rule"),
    C("voice translation-profile <word>", key=3, opens="voice-xlate-profile"),
    C("voice register {global|pool <int:1-1000>|dn <int:1-1000>}",
      key=r"^(voice register (?:global|\S+ \d+))", opens="voice-register"),
    C("voice-port <word>", key=2, opens="voice-port"),
    # The SIP user agent (Cisco IOS Voice Command Reference, "sip-ua": registrar, credentials,
    # authentication, retry, timers, sip-server, transport, crypto signaling, ...).
    C("sip-ua", key=1, opens="sip-ua"),
    # A DSP farm profile for CUCM/CME media resources (Cisco IOS Voice Command Reference,
    # "dspfarm profile", "codec (DSP farm profile)", "maximum sessions (DSP farm profile)",
    # "associate application"): transcoding, conferencing or MTP sessions on the voice card's
    # DSPs, registered through SCCP.
    C("dspfarm profile <int:1-65535> {transcode [{universal|security}]|conference [{security|"
      "video [<rest>]}]|mtp [security]}", key=3, opens="dspfarm-profile"),
    C("dial-peer voice <int:1-2147483647> {pots|voip}", key=3, opens="dial-peer"),
    C("dial-peer {cor custom|hunt <int:0-7>|terminator <word>}", key=2),
    C("sccp {local <iface> [<rest>]|ccm <rest>|ip precedence <int:0-7>}",
      key=r"^(sccp (?:local|ccm \S+|ip precedence))"),
    C("sccp", negation="shown"),
    C("sccp ccm group <int:1-50>", key=4, opens="voice-sccp-group"),
    C("sccp profile <word>", key=3),
    C("telephony-service", key=1, opens="telephony-service"),
    C("ephone-dn <int:1-999> [{dual-line|octo-line}]", key=2, opens="ephone-dn"),
    C("ephone <int:1-999>", key=2, opens="ephone"),
    C("ephone-template <int:1-20>", key=2, opens="ephone"),
    C("application", key=1, opens="voice-application"),
    C("stcapp [<rest>]"),
    C("ccm-manager <rest>"),
)

# An ISDN port's own settings (Dial and System Management Command Reference: "isdn
# switch-type" in interface mode overrides the global one; "isdn point-to-point-setup", "isdn
# incoming-voice", "isdn sending-complete", "isdn timer", "isdn protocol-emulate", "isdn
# layer1-emulate", "isdn static-tei"): the voice BRI ports of an ISR4351 on IOS-XE 17.9
# (``interface BRI0/1/0:0`` / `` isdn switch-type basic-qsig`` / `` isdn point-to-point-setup``
# / `` isdn incoming-voice voice`` / `` isdn sending-complete``, `` isdn timer T310 120000``;
# tests/fixtures/real/gh-genielibs-isr4351-179-voice/analog-perf-uut1.cfg).
INTERFACE: Final[tuple[C, ...]] = (
    C("isdn switch-type <word>", key=2),
    C("isdn point-to-point-setup"),
    C("isdn incoming-voice {voice|modem|data}", key=2),
    C("isdn sending-complete"),
    C("isdn timer {T200|T203|T301|T303|T306|T307|T309|T310|T313|T316|T320|T322} "
      "<int:1-2147483647>", key=3),
    C("isdn protocol-emulate {user|network}", key=2),
    C("isdn layer1-emulate {user|network}", key=2),
    C("isdn static-tei <int:0-63>", key=2),
)

_CONTROLLER_TDM: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("framing <word>", key=1),
    C("linecode <word>", key=1),
    C("cablelength {long|short} <rest>", key=1),
    C("clock source {line [{primary|secondary}]|internal|network|free-running}", key=2),
    C("pri-group timeslots <rest>", key=1),
    C("ds0-group <int:0-30> timeslots <rest>", key=2),
    C("channel-group <int:0-30> timeslots <rest>", key=2),
    C("description <rest>", key=1),
    C("shutdown"),
)

_VOICE_SERVICE: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("allow-connections {h323|sip} to {h323|sip}"),
    # The toll-fraud trusted list (Cisco Unified Border Element Configuration Guide, "ip address
    # trusted list"; Voice Command Reference, "ipv4 (voice service)"): a block of `` ipv4
    # ADDRESS [MASK]`` / `` ipv6 PREFIX`` entries under ``voice service voip``.
    C("ip address trusted list", key=4, opens="voice-trusted-list"),
    C("ip address trusted {authenticate|call-block cause <rest>}", key=4),
    C("{sip|h323}", key=1, opens="voice-service-proto"),
    C("{fax|modem|media|rtp-port|rtcp|ip|supplementary-service|redirect|mode|trunk-group|"
      "address-hiding|shutdown|no-supplementary-service|vpn|srtp|dtmf-interworking} [<rest>]"),
)

_VOICE_SERVICE_PROTO: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("{bind|registrar|session|early-offer|midcall-signaling|header-passing|min-se|"
      "asserted-id|privacy|transport|call|rel1xx|url|localhost|outbound-proxy|"
      "g729|emptycapability|no} <rest>"),
    C("{early-offer|pass-thru|header-passing|midcall-signaling} [<rest>]"),
)

_VOICE_CLASS: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("codec preference <int:1-14> <word> [<rest>]", key=3),
    C("{e164|request|response|sip|h225|session|call|description|rule|pattern|"
      "server} <rest>"),
)

_VOICE_XLATE_RULE: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("rule <int:1-100> <rest>", key=2),
)

_VOICE_XLATE_PROFILE: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("translate {called|calling|redirect-called|redirect-target} <int:1-2147483647>", key=2),
)

_VOICE_REGISTER: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("{mode|source-address|max-dn|max-pool|id|number|name|label|dtmf-relay|codec|"
      "voice-class|username|description|create|tftp-path|load|authenticate|registrar|"
      "type|dn|url|timezone|date-format|time-format} [<rest>]"),
)

_VOICE_PORT: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    # Echo cancellation is on by default (Voice Command Reference, "echo-cancel enable"), so IOS
    # shows only its ``no`` form: `` no echo-cancel enable`` on five voice ports of an ISR4351 on
    # IOS-XE 17.9 (tests/fixtures/real/gh-genielibs-isr4351-179-voice/analog-perf-uut1.cfg).
    C("echo-cancel enable", negation="default-on"),
    C("{description|station-id|caller-id|signal|cptone|timeouts|timing|compand-type|"
      "echo-cancel|input|output|connection|bearer-cap|shutdown|impedance|ring} [<rest>]"),
)

_DIAL_PEER: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("destination-pattern <word>", key=1),
    C("incoming called-number <word>", key=2),
    C("answer-address <word>", key=1),
    C("port <word>", key=1),
    C("session {target <word>|protocol <word>|transport <word>}", key=2),
    C("codec <word> [<rest>]", key=1),
    C("dtmf-relay <rest>", key=1),
    C("description <rest>", key=1),
    C("forward-digits {all|<int:0-32>}", key=1),
    C("prefix <word>", key=1),
    C("direct-inward-dial"),
    C("vad", negation="shown"),
    C("preference <int:0-10>", key=1),
    C("translation-profile {incoming|outgoing} <word>", key=2),
    C("voice-class {codec <int:1-10000>|sip <rest>|h323 <int:1-10000>}",
      key=r"^(voice-class \S+)"),
    C("{fax|modem|huntstop|progress_ind|trunkgroup|max-conn|ip qos|media|supplementary-service|"
      "shutdown|information-type|tone|rtp|req-qos|acc-qos|clid|no-num-expansion} [<rest>]"),
)

_SCCP_GROUP: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("{associate|bind|description|registration} <rest>"),
)

_TELEPHONY: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("{max-ephones|max-dn|ip source-address|system message|url|time-format|date-format|"
      "time-zone|voicemail|max-conferences|transfer-system|transfer-pattern|secondary-dialtone|"
      "keepalive|moh|multicast moh|web admin|dialplan-pattern|load|create|tftp-server|"
      "calling-number|call-forward|auto|timeouts|night-service|hunt-group|sdspfarm|conference|"
      "directory|fxo|after-hours|cnf-file|user-locale|network-locale|service} [<rest>]"),
)

_EPHONE: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("{number|name|label|description|call-forward|huntstop|mac-address|type|button|"
      "username|device-security-mode|ephone-template|keep-conference|restart|pickup-group|"
      "corlist|preference|allow|paging-dn|intercom|mwi|codec|video} [<rest>]"),
)

_APPLICATION: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("{service|package|global|interface|monitor} [<rest>]"),
)

_DSPFARM_PROFILE: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("description <rest>", key=1),
    C("codec <word> [<rest>]", key=r"^(codec \S+)"),
    C("maximum {sessions [{hardware|software}] <int:0-4000>|conference-participants"
      " <int:1-64>}", key=r"^(maximum (?:sessions(?: \S+)?|\S+)) \d+$"),
    C("associate application {SCCP|CUBE|<word>}", key=2),
    C("shutdown", negation="shown"),
)

_VOICE_TRUSTED_LIST: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("ipv4 <ip> [<mask>]"),
    C("ipv6 <ipv6pfx>"),
)

_SIP_UA: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("{registrar|credentials|authentication|retry|timers|sip-server|transport|crypto|"
      "set|connection-reuse|keepalive|permit|mwi-server|calling-info|nat|protocol|"
      "remote-party-id|privacy|xfer|no|g729|max-forwards|reason-header|presence|"
      "handle-replaces|options-ping|redirection|sip} <rest>"),
    C("{connection-reuse|remote-party-id|handle-replaces|presence enable}"),
)

MODES: Final[tuple[Mode, ...]] = (
    Mode("controller-tdm", "config-controller", _CONTROLLER_TDM),
    Mode("voice-service", "conf-voi-serv", _VOICE_SERVICE),
    Mode("voice-trusted-list", "cfg-iptrust-list", _VOICE_TRUSTED_LIST),
    Mode("sip-ua", "config-sip-ua", _SIP_UA),
    Mode("dspfarm-profile", "config-dspfarm-profile", _DSPFARM_PROFILE),
    Mode("voice-service-proto", "conf-serv-sip", _VOICE_SERVICE_PROTO),
    Mode("voice-class", "config-class", _VOICE_CLASS),
    Mode("voice-xlate-rule", "cfg-translation-rule", _VOICE_XLATE_RULE),
    Mode("voice-xlate-profile", "cfg-translation-profile", _VOICE_XLATE_PROFILE),
    Mode("voice-register", "config-register-global", _VOICE_REGISTER),
    Mode("voice-port", "config-voiceport", _VOICE_PORT),
    Mode("dial-peer", "config-dial-peer", _DIAL_PEER),
    Mode("voice-sccp-group", "config-sccp-ccm", _SCCP_GROUP),
    Mode("telephony-service", "config-telephony", _TELEPHONY),
    Mode("ephone-dn", "config-ephone-dn", _EPHONE),
    Mode("ephone", "config-ephone", _EPHONE),
    Mode("voice-application", "config-app", _APPLICATION),
)
