"""Day-0 and platform housekeeping: hostname, version, services, boot, users, clock, license,
platform, redundancy, control plane, and the default lines IOS, IOSv, IOL and IOS-XE print.

Sources: Cisco IOS Configuration Fundamentals Command Reference (hostname, service, boot,
username, enable, clock, alias, file prompt); IOS XE System Management / Smart Licensing guides
(license udi, license boot level, license smart); IOS XE Interface and Hardware Component
guides (platform, redundancy, control-plane); real running configs in ``tests/fixtures/real``
(IOSv/IOL 15.x defaults: ``mmi``, ``multilink bundle-name authenticated``; CSR1000v/C8000
defaults: ``platform``, ``subscriber templating``, ``diagnostic bootup``, ``memory free
low-watermark``, ``license udi``).
"""

from __future__ import annotations

from typing import Final

from flexorch.ios.cli.commands.common import SUBMODE_COMMON
from flexorch.ios.cli.syntax import Command as C
from flexorch.ios.cli.syntax import Mode

_SERVICES = ("{password-encryption|tcp-keepalives-in|tcp-keepalives-out|sequence-numbers|"
             "internal|pad|config|compress-config|nagle|call-home|slave-log|udp-small-servers|"
             "tcp-small-servers|finger|unsupported-transceiver|linenumber|prompt config|"
             "hide-telnet-addresses|pt-vty-logging|exec-callback|telnet-zeroidle|"
             "alignment detection|alignment logging|dhcp}")

GLOBAL: Final[tuple[C, ...]] = (
    C("hostname <word=name>", key=1),
    C("version <word=version>", key=1),
    C("boot-start-marker"),
    C("boot-end-marker"),
    C("boot system [{flash|bootflash|tftp|ftp|rom}] <url> [<word>]"),
    C("boot {config <url>|host <url>|network <url>|bootldr <url>}"),
    C(f"service {_SERVICES}", negation="shown"),
    # ``no service timestamps debug uptime`` is shown (a CSR1000v 16.5 with timestamps off,
    # tests/fixtures/real/gh-jclarkson-csr165-sr-playground/p2.cfg).
    C("service timestamps {debug|log} [{datetime [msec] [localtime] [show-timezone] [year]|"
      "uptime}]", key=3, negation="shown"),
    C("service counters max age <int:0-60>", key=4),
    C("password encryption aes"),
    C("key config-key password-encrypt <word>", key=3),
    # A modem chat script (Dial Technologies Command Reference, "chat-script"; the cellular
    # spoke's ``chat-script lte "" "AT!CALL" TIMEOUT 20 "OK"`` of the Cisco 3G/4G guides).
    C("chat-script <word> <rest>", key=2),
    C("enable secret [level <int:1-15>] [{0|5|8|9}] <word>",
      key=r"^(enable secret(?: level \d+)?)"),
    C("enable password [level <int:1-15>] [{0|7}] <word>",
      key=r"^(enable password(?: level \d+)?)"),
    # ``algorithm-type scrypt`` hashes the secret to type 9, which is what IOS stores and shows
    # (Security Command Reference, "enable algorithm-type", "username": scrypt = type 9).
    C("enable algorithm-type {md5|scrypt|sha256} secret <word>", key=2,
      rewrite=(r"^enable algorithm-type scrypt secret ", "enable secret ")),
    C("username <word> [privilege <int:0-15>] [{view <word>|nopassword|autocommand <rest>}]"
      " {secret [{0|5|8|9}] <word>|password [{0|7}] <word>}", key=2),
    # ``username NAME privilege 15 algorithm-type scrypt secret PASS`` (the form Cisco IOS XE
    # bootstrap configs type, e.g. for IoT FlexVPN clients) is stored and shown as type 9.
    C("username <word> [privilege <int:0-15>] algorithm-type {md5|scrypt|sha256} secret <word>",
      key=2, rewrite=(r"^(username \S+(?: privilege \d+)?) algorithm-type scrypt secret ",
                      r"\1 secret ")),
    C("username <word> privilege <int:0-15> [nopassword]", key=2),
    C("username <word> {nopassword|autocommand <rest>|aaa attribute list <word>|"
      "view <word>|one-time <rest>}"),
    C("clock timezone <word> <int:-23-23> [<int:0-59>]", key=2),
    C("clock summer-time <word> {recurring [<rest>]|date <rest>}", key=2),
    C("clock calendar-valid"),
    C("alias {exec|configure|interface|line|router} <word> <rest>",
      key=r"^(alias \S+ \S+)"),
    C("file prompt {quiet|noisy}", key=2),
    C("file verify auto"),
    C("warm-reboot [<rest>]"),
    C("scheduler {allocate [<int:3000-60000> <int:1000-4000>]|interval <int:500-60000>|"
      "max-task-time <int:1-2000000>}", key=2, negation="shown"),
    # --- IOSv/IOL 15.x defaults (ATM MMI, multilink) ---
    C("mmi polling-interval <int:1-65535>", key=2),
    C("mmi auto-configure", negation="shown"),
    C("mmi pvc", negation="shown"),
    C("mmi snmp-timeout <int:1-65535>", key=2),
    C("multilink bundle-name {authenticated|both|endpoint|rfc}", key=2),
    C("cts logging verbose"),
    C("bsd-client server url <url>", key=3),
    C("ipv6 ioam timestamp"),
    # --- IOS-XE defaults ---
    # ``hardware throughput crypto``: the crypto throughput of Catalyst 8000 routers ("Configure
    # Licenses and Throughput for Catalyst 8000 Series Physical Platforms"), set apart from the
    # overall ``level``.
    C("platform {qfp utilization monitor load <int:1-100>|punt-keepalive {disable-kernel-core|"
      "settings <rest>}|console {serial|virtual|auto}|resource <word>|"
      "hardware throughput level [MB] <word>|hardware throughput crypto <word>|sslvpn use-pd|"
      "ipsec <rest>|shell|bootflash <rest>|trace <rest>|insights <rest>|"
      "ipccl log-history <int:0-32>|nat <rest>|"
      # ASR 920 platform settings (an ASR-920-24TZ-M on 16.8 prints them after ``no platform
      # punt-keepalive``: tests/fixtures/real/gh-ytti-oxidized-asr920-1681; Cisco ASR 920 Series
      # Configuration Guides: BFD debug trace, xconnect load balancing, TCAM parity/threshold).
      "bfd-debug-trace <int:0-4294967295>|xconnect load-balance-hash-algo <word>|"
      "tcam-parity-error {enable|disable}|tcam-threshold alarm-frequency <int:0-4294967295>|"
      "enable controller <rest>}",
      key=r"^(platform (?:hardware throughput \S+|\S+ \S+|\S+))", negation="shown"),
    C("license {udi pid <word=pid> sn <word=sn>|boot level <word> [addon <word>]|accept end user"
      " agreement|smart {transport {smart|callhome|cslu|off}|url <rest>|vrf <word>|"
      "reservation|usage interval <int:1-3650>|trust <rest>}|feature <rest>|"
      "boot suite <word>|boot module <rest>}",
      key=r"^(license (?:udi|boot level|boot suite|smart transport|smart url|smart vrf|"
          r"smart usage)|license \S+(?: \S+)?)"),
    # Smart Licensing switched off is a line of its own up to IOS-XE 16.9 (``no license smart
    # enable`` in a 16.9 CSR1000v's running config: tests/fixtures/real/
    # gh-jclarkson-ansible-csr-backup; Smart Licensing Guide, "license smart enable").
    C("license smart enable", negation="shown"),
    C("subscriber templating"),
    C("subscriber aaa <rest>"),
    C("diagnostic bootup level {minimal|complete|bypass}", key=3),
    C("memory free low-watermark {processor|io} <int:1-2147483647>", key=4),
    C("memory {reserve <rest>|statistics <rest>}"),
    C("system mode {insecure|maintenance <rest>}", key=2),
    C("vtp {domain <word>|mode {transparent|server|client|off}|version <int:1-3>}",
      key=2),
    C("spanning-tree {extend system-id|mode {pvst|rapid-pvst|mst}|portfast <rest>|"
      "loopguard default|vlan <rest>}", key=r"^(spanning-tree (?:extend|mode|loopguard|\S+))"),
    C("vlan internal allocation policy {ascending|descending}", key=4),
    # The ifDescr of VLAN subinterfaces with the physical port and VLAN ID (Interface and
    # Hardware Component Command Reference, "vlan ifdescr detail"): IOL 15.4 prints it after
    # the IPv6 lines of a router-on-a-stick (tests/fixtures/real/
    # gh-mcdemon05-otus-lab01-roas-iol154 r1).
    C("vlan ifdescr detail"),
    # The Switch Database Management template (Cisco ASR 920 / Catalyst configuration guides,
    # "sdm prefer"): ``sdm prefer default`` on an ASR920 16.8 (gh-ytti-oxidized-asr920-1681).
    C("sdm prefer <rest>", key=2),
    # The onePK network-programmability agent (Cisco IOS onePK: "onep", "transport type tls",
    # "service set vty"): a Cisco 881 on 15.4 prints it after the NTP servers
    # (tests/fixtures/real/gh-ktbyers-pynet-881-cryptomap-onep).
    C("onep", key=1, opens="onep"),
    # The router as a TFTP server of files in its flash (Configuration Fundamentals Command
    # Reference, "tftp-server": ``tftp-server flash:FILE [alias NAME] [ACL]``; a CME/CUBE
    # ISR4321 serves its IP phone loads this way), the RTCP report interval of its voice calls
    # (Voice Command Reference, "ip rtcp report interval"), accounting's table size (IP
    # Application Services Command Reference, "ip accounting-threshold") and the DHCP server the
    # router's own clients use (IP Addressing: DHCP Command Reference, "ip dhcp-server"; IOL
    # 15.4 prints it after ``ip domain name``: tests/fixtures/real/
    # gh-neytrin-otus-lab14-cryptomap-dmvpn r18).
    C("tftp-server <url> [alias <word>] [<int:1-99>]", key=r"^(tftp-server \S+)"),
    C("ip rtcp report interval <int:1-65535>", key=4),
    C("ip accounting-threshold <int:0-4294967295>", key=2),
    C("ip dhcp-server {<ip>|<word>}"),
    C("vlan <word>", key=2, opens="vlan"),
    C("dot1x system-auth-control"),
    C("voice-card <ifnum>", key=2, opens="voice-card"),
    C("mgcp {behavior <rest>|profile <word>}"),
    C("product-analytics"),
    # Field-programmable device images: ``upgrade fpd auto`` (the default IOS 15 prints on a
    # 7200: tests/fixtures/real/gh-jclarkson-dmvpn-ikev1-behind-nat; Cisco IOS Interface and
    # Hardware Component Command Reference, "upgrade fpd auto", "upgrade fpd path").
    C("upgrade fpd {auto|path <url>}", key=r"^(upgrade fpd \S+)", negation="shown"),
    # The H.323 gatekeeper (Cisco IOS H.323 Configuration Guide, "gatekeeper"; IOS 15 images
    # with voice print ``gatekeeper`` / `` shutdown``: gh-jclarkson-dmvpn-ikev1-behind-nat).
    C("gatekeeper", key=1, opens="gatekeeper"),
    C("call-home", key=1, opens="call-home"),
    C("virtual-service <word>", key=2, opens="virtual-service"),
    # Application hosting (Cisco IOS XE Programmability Configuration Guide, "Application
    # Hosting"): the IOx framework and one block per application (guest shell on C8000V).
    C("iox", negation="shown"),
    C("app-hosting appid <word>", key=3, opens="app-hosting"),
    C("netconf-yang [<rest>]"),
    # The legacy NETCONF agent over SSH (Network Management Command Reference, "netconf ssh",
    # "netconf max-sessions", "netconf lock-time"): a CSR1000v 16.12 prints ``netconf ssh`` after
    # the lines, before ``netconf-yang`` (tests/fixtures/real/gh-scrapli-cfg-csr1612-vrnetlab).
    C("netconf ssh [acl <int:1-99>]", key=2),
    C("netconf max-sessions <int:4-16>", key=2),
    C("netconf lock-time <int:1-300>", key=2),
    C("restconf"),
    C("telemetry ietf subscription <int:0-2147483647>", key=4, opens="telemetry"),
    C("redundancy", key=1, opens="redundancy"),
    # Digital optical monitoring of the pluggable transceivers (Cisco IOS Interface and Hardware
    # Component Command Reference, "transceiver type all" and "monitoring": the interval is 300
    # to 3600 seconds): an ASR 920 router on IOS-XE 16.8 (gh-ytti-oxidized-asr920-1681) and a
    # Catalyst 9200L on 17.9 (gh-ytti-oxidized-c9200l-sw179) print ``transceiver type all`` /
    # `` monitoring``.
    C("transceiver type all", key=3, opens="transceiver"),
    C("control-plane [host]", key=2, opens="control-plane"),
    C("cdp {run|log mismatch duplex|advertise-v2|timer <int:5-254>|holdtime <int:10-255>}",
      negation="shown", key=r"^(cdp (?:timer|holdtime)|cdp \S+(?: \S+)*)"),
    C("lldp {run|timer <int:5-65534>|holdtime <int:0-65535>|reinit <int:2-5>}",
      negation="shown"),
    C("process cpu threshold <rest>", key=3),
    # on by default; IOSv 15.6 prints its ``no`` form (gh-ngmunia-iosv156-dualhub-dmvpn-zbf:
    # no process cpu autoprofile hog)
    C("process cpu autoprofile hog", negation="default-on"),
    C("ip icmp rate-limit unreachable [DF] [<int:1-4294967295>]", negation="shown",
      key=r"^(ip icmp rate-limit unreachable(?: DF)?)"),
    C("ip tcp {synwait-time <int:5-300>|path-mtu-discovery [age-timer <rest>]|selective-ack|"
      "timestamp|window-size <int:0-1073741823>|mss <int:68-10000>|ecn|"
      # The per-connection output queue (IP Application Services Command Reference, "ip tcp
      # queuemax"): ``ip tcp queuemax 50`` on IOS 12.4 (gh-mpenning-ciscoconfparse-ios124-edge).
      "queuemax <int:5-50>|chunk-size <int:0-4294967295>|async-mobility server|"
      "keepalive <rest>}",
      key=r"^(ip tcp \S+)"),
    C("ip cef [{distributed|load-sharing <rest>}]", negation="shown"),
    # CEF accounting and the selective packet discard headroom (IP Switching Cisco Express
    # Forwarding Command Reference, "ip cef accounting"; Cisco IOS Configuration Fundamentals,
    # "spd headroom", "spd extended-headroom", "spd enable"): IOS 12.4 prints
    # ``ip cef accounting per-prefix load-balance-hash`` and ``spd headroom 65535``
    # (gh-mpenning-ciscoconfparse-ios124-edge foo.cfg).
    C("ip cef accounting {per-prefix|non-recursive [{external|internal}]|prefix-length|"
      "load-balance-hash}+", key=3),
    C("spd {headroom <int:0-2147483647>|extended-headroom <int:0-2147483647>|enable|mode <rest>}",
      key=r"^(spd \S+)", negation="shown"),
    # IPv6 source routing, the IPv6 counterpart of ``ip source-route`` (IPv6 Command Reference,
    # "ipv6 source-route"): ``no ipv6 source-route`` on IOS 12.4 (same file).
    C("ipv6 source-route", negation="shown"),
    C("ipv6 cef [distributed]", negation="shown"),
    C("ip finger", negation="shown"),
    C("ip source-route", negation="shown"),
    C("ip gratuitous-arps", negation="shown"),
    C("ip bootp server", negation="shown"),
    C("ip options {drop|ignore}", key=2),
    C("ip arp {proxy disable|gratuitous <rest>|incomplete <rest>|entry learn <int:1-512000>}",
      key=r"^(ip arp \S+)"),
    C("arp [vrf <word>] <ip> <mac> arpa [<word>]"),
    C("ip rcmd {domain-lookup|rsh-enable|rcp-enable|remote-host <rest>}", negation="shown"),
    C("ip ftp {passive|source-interface <iface>|username <word>|password [{0|7}] <word>}",
      key=r"^(ip ftp \S+)", negation="shown"),
    C("ip tftp {source-interface <iface>|arp-glean|blocksize <int:512-8192>|boot-interface"
      " <iface>}", key=r"^(ip tftp \S+)", negation="shown"),
    C("ip telnet {tos <hex>|source-interface <iface>|quiet|hidden <rest>|comport <rest>}",
      key=r"^(ip telnet (?:comport \S+(?: \S+)?|\S+))"),
    C("ip scp server enable"),
    C("ip ssh {version {1|2}|time-out <int:1-120>|authentication-retries <int:0-5>|"
      "source-interface <iface>|bulk-mode [<int:1-1048576>]|rsa keypair-name <word>|"
      "dh min size <int:1024-4096>|logging events|port <int:1-65535> rotary <rest>|"
      "maxstartups <int:2-128>|dscp <int:0-63>|precedence <int:0-7>|window-size <rest>|"
      "stricthostkeycheck [accept-new]|break-string <rest>|"
      "server {algorithm {mac|encryption|kex|hostkey|publickey|authentication} <rest>|"
      "certificate profile|peer <rest>}|client algorithm <rest>}",
      key=r"^(ip ssh (?:server algorithm \S+|client algorithm \S+|rsa keypair-name|"
          r"dh min size|\S+))"),
    # The public keys users log in with (Secure Shell Configuration Guide, "ip ssh
    # pubkey-chain"; an IOS 15.4 edge router,
    # tests/fixtures/real/gh-sirmysterion-techpatix-zbf-6in4): a mode of its own, so it is not
    # one of the single-line ``ip ssh`` settings above.
    # The user authentication methods the SSH server offers (Secure Shell Configuration Guide,
    # "ip ssh server authenticate user"): each method on by default, so IOS stores and prints
    # the ``no`` form, ``no ip ssh server authenticate user publickey`` (IOL 15.4:
    # tests/fixtures/real/gh-teo468g-otus-lab12-nat-ntp-iol154 r19).
    C("ip ssh server authenticate user {publickey|password|keyboard}",
      key=r"^(ip ssh server authenticate user \S+)", negation="default-on"),
    C("ip ssh pubkey-chain", key=3, opens="ssh-pubkey"),
    C("ip http {server|secure-server|authentication {local|aaa [<rest>]|enable}|"
      "secure-trustpoint <word>|client {source-interface <iface>|secure-trustpoint <word>|"
      "<rest>}|max-connections <int:1-16>|timeout-policy idletime <int:1-600> life"
      " <int:1-86400> requests <int:1-86400>|access-class <rest>|port <int:1-65535>|"
      "secure-port <int:1-65535>|path <url>|active-session-modules <rest>|"
      "session-module-list <rest>|secure-active-session-modules <rest>|"
      "secure-ciphersuite <rest>|secure-server-only|tls-version <rest>}",
      key=r"^(ip http (?:client \S+|\S+))", negation="shown"),
    C("ip forward-protocol {nd|udp [<word>]|spanning-tree|any-local-broadcast|turbo-flood}",
      negation="shown"),
    C("ip domain name <word=name>", key=3),
    C("ip domain-name <word=name>", key=3, rewrite=(r"^ip domain-name ", "ip domain name ")),
    C("ip domain lookup"),
    C("ip domain-lookup", rewrite=(r"^ip domain-lookup$", "ip domain lookup")),
    # IOS-XE prints ``login on-success log`` (every 16.x/17.x CSR1000v of the corpus) and, when
    # it is turned off, ``no login on-success log`` (a CSR1000v 16.12, tests/fixtures/real/
    # gh-nickrusso-ansnet2-csr1612-ikev2-vgw).
    C("login on-success log [every <int:1-65535>]", key=r"^(login on-success)",
      negation="shown"),
    C("login {on-failure log [every <int:1-65535>]|"
      "block-for <int:1-2147483> attempts <int:1-2147483> within <int:1-2147483>|"
      "delay <int:1-10>|quiet-mode access-class <word>}", key=r"^(login \S+)"),
    C("archive", key=1, opens="archive"),
    C("line {con|aux} 0", key=3, opens="line"),
    C("line console 0", key=3, opens="line", rewrite=(r"^line console ", "line con ")),
    C("line vty <int:0-1869> [<int:0-1869>]", key=4, opens="line"),
    C("line <ifnum> [<ifnum>]", key=3, opens="line"),
)

_ARCHIVE: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("path <url>", key=1),
    C("maximum <int:1-14>", key=1),
    C("write-memory"),
    C("time-period <int:1-525600>", key=1),
    C("log config", key=2, opens="archive-log"),
)

_ARCHIVE_LOG: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("logging enable"),
    C("logging size <int:1-1000>", key=2),
    C("notify syslog [contenttype {plaintext|xml}]", key=2),
    C("hidekeys"),
    C("logging persistent <rest>", key=2),
)

_LINE: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("login [{local|authentication <word>}]", key=1),
    C("transport input {ssh|telnet|all|none|rlogin|lat|mop|nasi|pad|udptn|v120|lapb-ta}+",
      key=2),
    C("transport output {ssh|telnet|all|none|rlogin|lat|mop|nasi|pad|udptn|v120|lapb-ta}+",
      key=2),
    C("transport preferred {ssh|telnet|none|all|lat|mop|nasi|pad|rlogin|udptn|v120}", key=2),
    C("exec-timeout <int:0-35791> [<int:0-2147483>]", key=1),
    C("absolute-timeout <int:0-10000>", key=1),
    C("password [{0|7}] <word>", key=1),
    C("privilege level <int:0-15>", key=2),
    C("logging synchronous [{level {<int:0-7>|all}|limit <int:0-2147483647>}]+", key=2),
    C("length <int:0-512>", key=1),
    C("width <int:0-512>", key=1),
    C("access-class {<int:1-2699>|<word>} {in|out} [vrf-also]",
      key=r"^(access-class) \S+ (in|out)"),
    C("ipv6 access-class <word> {in|out}", key=r"^(ipv6 access-class) \S+ (in|out)"),
    C("session-timeout <int:0-35791> [output]", key=1),
    C("session-limit <int:0-4294967295>", key=1),
    # Idle-session warnings and character widths of a line (Cisco IOS Terminal Services
    # Command Reference, "logout-warning", "exec-character-bits", "data-character-bits",
    # "special-character-bits", "timeout login response"): an IOS 12.4 router's vty lines print
    # ``logout-warning 30`` after ``exec-timeout`` (tests/fixtures/real/
    # gh-mpenning-ciscoconfparse-ios124-edge foo.cfg).
    C("logout-warning [<int:0-4294967295>]", key=1),
    C("exec-character-bits {7|8}", key=1),
    C("data-character-bits {5|6|7|8}", key=1),
    C("special-character-bits {7|8}", key=1),
    C("timeout login response <int:1-300>", key=3),
    C("stopbits {1|1.5|2}", key=1),
    C("databits {5|6|7|8}", key=1),
    C("parity {none|even|odd|mark|space}", key=1),
    C("speed <int:0-4294967295>", key=1),
    C("flowcontrol {none|software|hardware} [<rest>]", key=1),
    # ``no activation-character`` (no character starts a session) is stored and shown: an ISR
    # G2 on IOS 15.1-15.7 prints it on ``line 2``, the Embedded Service Engine's line
    # (tests/fixtures/real/gh-tmullaly-oxidized-isrg2-backups).
    # (The character is optional here so that the short ``no`` form is a whole line the engine
    # stores; a bare ``activation-character`` is taken too, where IOS would ask for one.)
    C("activation-character [<int:0-255>]", key=1, negation="shown"),
    C("escape-character {<int:0-255>|BREAK|DEFAULT|NONE|soft <rest>|<word>}", key=1),
    C("history size <int:0-256>", key=2),
    C("exec", negation="shown"),
    C("exec prompt timestamp"),
    C("exec-banner", negation="shown"),
    C("motd-banner", negation="shown"),
    C("authorization {exec|commands <int:0-15>} {default|<word>}",
      key=r"^(authorization (?:exec|commands \d+))"),
    C("accounting {exec|commands <int:0-15>|connection} {default|<word>}",
      key=r"^(accounting (?:exec|commands \d+|connection))"),
    # The Cisco 880's aux port modem, on by default: ``no modem enable`` is stored and shown
    # under ``line aux 0`` (IOS 15.4 on an 881, tests/fixtures/real/gh-tmullaly-oxidized-isrg2-
    # backups wan.cfg).
    C("modem enable", negation="default-on"),
    C("modem {InOut|Dialin|autoconfigure <rest>|<word>}", key=1),
    # The chat script a cellular line dials with (Cisco 3G/4G guides: ``line 0/0/0`` with
    # ``script dialer lte``; Dial Technologies Command Reference, "script dialer").
    C("script {dialer|startup|activation|reset|connection|callback|arap-callback} <word>",
      key=2),
    C("autoselect {ppp|arap|slip|during-login}"),
    C("autocommand <rest>", key=1),
    C("rotary <int:0-127>", key=1),
    C("location <rest>", key=1),
    C("vacant-message [<rest>]", key=1),
    C("no-login"),
    C("notify"),
    C("terminal-type <word>", key=1),
    C("ipv6 access-class <word> in", key=2),
    C("international"),
    C("refuse-message <rest>", key=1),
    C("monitor"),
)

_TRANSCEIVER: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("monitoring [interval <int:300-3600>]", key=1),
)

_REDUNDANCY: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("mode {sso|rpr|rpr-plus|none}", key=1),
    C("main-cpu", key=1, opens="redundancy-cpu"),
    C("application redundancy", key=2, opens="redundancy-app"),
    C("interchassis group <int:1-100>", key=2),
    C("keepalive-enable"),
    C("notification-timer <int:1-2147483647>", key=1),
    C("maintenance-mode"),
)

_REDUNDANCY_CPU: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("auto-sync {standard|startup-config|running-config|config-register|bootvar}"),
)

_REDUNDANCY_APP: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("group <int:1-2>", key=2),
)

_CONTROL_PLANE: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("service-policy {input|output} <word>", key=2),
    C("management-interface <iface> allow {ssh|telnet|snmp|http|https|ftp|tftp|all|beep|"
      "blocks|fm|fps|ntp|sdee|xsm|none}+", key=2),
)

_CALL_HOME: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("contact-email-addr <word>", key=1),
    C("profile <quoted>", key=2, opens="call-home-profile"),
    C("profile <word>", key=2, opens="call-home-profile"),
    C("http-proxy <rest>", key=1),
    C("vrf <word>", key=1),
    C("source-interface <iface>", key=1),
    C("site-id <rest>", key=1),
    C("customer-id <rest>", key=1),
    C("contract-id <rest>", key=1),
    C("phone-number <rest>", key=1),
    C("street-address <rest>", key=1),
    C("sender {from|reply-to} <word>", key=2),
    C("mail-server <word> priority <int:1-100>"),
    C("alert-group-config <rest>"),
    C("data-privacy {level <word>|hostname}"),
    C("syslog-throttling", negation="shown"),
    C("aaa-authorization [<rest>]"),
    C("rate-limit <int:1-60>", key=1),
)

_CALL_HOME_PROFILE: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("active", negation="shown"),
    C("anonymous-reporting-only"),
    # Each transport method is on or off on its own, and IOS shows the one turned off: the
    # CiscoTAC-1 profile of IOS-XE 16.12 prints ``destination transport-method http`` and
    # ``no destination transport-method email`` (tests/fixtures/real/
    # gh-scrapli-cfg-csr1612-vrnetlab, gh-ktbyers-pyplus-c1111-cisco3/cisco3.cfg).
    C("destination transport-method {http|email}", key=3, negation="shown"),
    C("destination {address {http|email} <word>|"
      "preferred-msg-format <word>|message-size-limit <int:50-3145728>}",
      key=r"^(destination (?:preferred-msg-format|message-size-limit)|"
          r"destination address \S+ \S+)"),
    C("reporting {smart-call-home-data|smart-licensing-data|all}", key=1),
    C("subscribe-to-alert-group <rest>"),
)

_VIRTUAL_SERVICE: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("vnic gateway <iface>", key=2, opens="virtual-service-vnic"),
    # The guest shares this interface's address (IOS-XE 16 CSR1000v,
    # tests/fixtures/real/gh-fabferri-vwan-csr164-svti).
    C("ip shared host-interface <iface>", key=3),
    C("activate", negation="shown"),
    C("description <rest>", key=1),
)

_VIRTUAL_SERVICE_VNIC: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("guest ip address <ip>", key=3),
)

_APP_HOSTING: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("app-vnic <word> virtualportgroup <int:0-31> guest-interface <int:0-63>", key=2,
      opens="app-vnic"),
    C("app-vnic {management|AppGigabitEthernet} {guest-interface <int:0-63>|trunk}", key=2,
      opens="app-vnic"),
    C("app-default-gateway <ip> guest-interface <int:0-63>", key=1),
    C("{name-server0|name-server1|name-server2|name-server3} <ip>", key=1),
    C("app-resource {docker|profile <word>}", key=2, opens="app-resource"),
    C("start"),
)

_APP_VNIC: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("guest-ipaddress <ip> netmask <mask>", key=1),
    C("vlan <int:1-4094> guest-interface <int:0-63>"),
)

_APP_RESOURCE: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("run-opts <int:1-20> <rest>", key=2),
    C("cpu <int:0-20000>", key=1),
    C("memory <int:0-65536>", key=1),
    C("vcpu <int:1-64>", key=1),
    C("persist-disk <int:0-65536>", key=1),
)

_VLAN: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("name <word>", key=1),
    C("state {active|suspend}", key=1),
    C("shutdown"),
)

_GATEKEEPER: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("shutdown", negation="shown"),
    C("zone local <word> <word> [<rest>]", key=3),
    C("zone prefix <word> <rest>"),
    C("gw-type-prefix <rest>"),
)

_VOICE_CARD: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    # DSP resources shared for conferencing and transcoding (Cisco IOS Voice Command Reference,
    # "dspfarm", "dsp services dspfarm")
    C("dspfarm"),
    C("dsp services dspfarm"),
    C("watchdog", negation="shown"),
)

_TELEMETRY: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("encoding {encode-kvgpb|encode-tdl|encode-xml}", key=1),
    C("filter {xpath|tdl-uri|nested-uri} <rest>", key=1),
    C("source-address {<ip>|<ipv6>}", key=1),
    C("source-vrf <word>", key=1),
    C("stream {yang-push|yang-notif-native|native}", key=1),
    C("update-policy {on-change|periodic <int:100-4294967295>}", key=1),
    C("receiver {ip address {<ip>|<ipv6>} <int:1-65535> protocol <word> [<rest>]|name <word>}"),
)

_SSH_PUBKEY: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("username <word>", key=2, opens="ssh-pubkey-user"),
    C("server <word>", key=2, opens="ssh-pubkey-user"),
)

_SSH_PUBKEY_USER: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("key-hash {ssh-rsa|ecdsa-sha2-nistp256|ecdsa-sha2-nistp384|ecdsa-sha2-nistp521} <hex>"
      " [<rest>]"),
    C("key-string", key=1, opens="cert-data"),
)


_ONEP: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("transport type {tls|tipc|socket} [localcert <word>] [disable-remotecert-validation]"
      " [<rest>]", key=3),
    C("service set {vty|all|<word>}"),
    C("datapath transport <rest>"),
    C("session max <int:1-10>", key=2),
    C("stop", negation="shown"),
)

MODES: Final[tuple[Mode, ...]] = (
    Mode("transceiver", "config-xcvr-type", _TRANSCEIVER),
    Mode("onep", "config-onep", _ONEP),
    Mode("archive", "config-archive", _ARCHIVE),
    Mode("archive-log", "config-archive-log-cfg", _ARCHIVE_LOG),
    Mode("line", "config-line", _LINE),
    Mode("redundancy", "config-red", _REDUNDANCY),
    Mode("redundancy-cpu", "config-r-mc", _REDUNDANCY_CPU),
    Mode("redundancy-app", "config-red-app", _REDUNDANCY_APP),
    Mode("control-plane", "config-cp", _CONTROL_PLANE),
    Mode("call-home", "cfg-call-home", _CALL_HOME),
    Mode("call-home-profile", "cfg-call-home-profile", _CALL_HOME_PROFILE),
    Mode("virtual-service", "config-virt-serv", _VIRTUAL_SERVICE),
    Mode("virtual-service-vnic", "config-virt-serv-intf", _VIRTUAL_SERVICE_VNIC),
    Mode("app-hosting", "config-app-hosting", _APP_HOSTING),
    Mode("app-vnic", "config-config-app-hosting-gateway", _APP_VNIC),
    Mode("app-resource", "config-app-resource-docker", _APP_RESOURCE),
    Mode("vlan", "config-vlan", _VLAN),
    Mode("gatekeeper", "config-gk", _GATEKEEPER),
    Mode("voice-card", "config-voicecard", _VOICE_CARD),
    Mode("telemetry", "config-mdt-subs", _TELEMETRY),
    Mode("ssh-pubkey", "conf-ssh-pubkey", _SSH_PUBKEY),
    Mode("ssh-pubkey-user", "conf-ssh-pubkey-user", _SSH_PUBKEY_USER),
)
