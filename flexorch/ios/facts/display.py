"""How ``show running-config`` lays a config out: the order of top-level sections, the order of
lines inside blocks, indentation, ``!`` separators, trailers and respellings, and what depends on
the software train. Keyed by mode id (``flexorch.ios.cli.commands.MODES``): a block's kind is the
id of the mode its header opens; ``"config"`` is the top level.

Sources: the running configs in ``tests/fixtures/real`` (IOL/IOSv 15.2-15.9, CSR1000v IOS-XE
3.x/16/17, C8000 IOS-XE 26) — the section and child orders below are the ones those routers print
(the corpus fidelity test checks every config against them) — and, where the corpus has no
example, Cisco configuration guides' sample running configs. Where two trains print differently
the train-dependent tables at the end say so.
"""

from __future__ import annotations

from typing import Final

# --- Top-level order of show running-config --------------------------------------------------
# (prefix of the line, rank); the longest matching prefix wins; a ``no X`` line ranks as X unless
# listed itself; unknown lines rank UNKNOWN_SECTION_RANK (just before ``control-plane``).
_SECTIONS: Final[tuple[tuple[int, tuple[str, ...]], ...]] = (
    # Printed above the version line by IOS 15.0 on a 7200 (tests/fixtures/real/
    # gh-jclarkson-dmvpn-ikev1-behind-nat)
    (-1, ("upgrade fpd ",)),
    (0, ("version ",)),
    (5, ("system mode ",)),
    (10, ("service ",)),
    (15, ("platform ",)),
    (20, ("hostname ",)),
    (30, ("boot-start-marker",)),
    (31, ("boot ",)),
    (32, ("boot-end-marker",)),
    # A T1/E1 card's type right after the boot markers (Interface and Hardware Component
    # Configuration Guide, "card type": set before the controllers exist)
    (35, ("card type ",)),
    (40, ("vrf definition ",)),
    # The password and login-failure security globals after the VRF definitions, before the
    # logging lines (an ASR 920 on IOS-XE 16.8: vrf definition Mgmt-intf, security passwords
    # min-length 8, logging buffered 200000; gh-ytti-oxidized-asr920-1681/hostname.cfg)
    (42, ("security ",)),
    # ``logging userinfo`` with them, right after the VRF definitions (CSR1000V 17.1: vrf
    # definition MANAGEMENT, logging userinfo, no aaa new-model;
    # gh-nautobot-demo-gc-backups-csr171-173/jcy-rtr-01-171.cfg, jcy-bb-01-171.cfg)
    (45, ("logging buffered", "logging console", "logging monitor", "logging rate-limit",
          "logging queue-limit", "logging persistent", "logging message-counter",
          "logging userinfo")),
    (48, ("enable ",)),   # IOS 15.x position (DISPLAY_BY_TRAIN moves it for IOS-XE)
    (50, ("aaa new-model",)),
    (51, ("aaa group server ",)),
    (52, ("aaa local ",)),
    (53, ("aaa authentication ",)),
    (54, ("aaa authorization ",)),
    (55, ("aaa accounting ",)),
    (56, ("aaa attribute list ",)),
    (57, ("aaa server radius ",)),
    (58, ("aaa ",)),
    (59, ("aaa session-id ",)),
    # IOSv 15.6's default ``ethernet lmi ce`` between ``aaa session-id`` and ``mmi``
    # (gh-jclarkson-ansible-iosv-kron)
    # ``process cpu threshold`` right after the AAA lines (CSR1000v 17.3: no aaa new-model,
    # process cpu threshold ..., no ip icmp rate-limit; gh-nickrusso-spcor9-csr173-bgp/csr05.cfg)
    (60, ("bsd-client ", "ethernet lmi ", "process cpu ")),
    # ``clock`` after them (IOSv 15.6, gh-ngmunia-iosv156-dualhub-dmvpn-zbf: ethernet lmi ce,
    # no process cpu autoprofile hog, clock timezone GMT 3 0, mmi polling-interval 60; IOL 15.5,
    # gh-degreekeeper-otus-less16-ipsec/r14.cfg: bsd-client server url ..., clock timezone)
    (61, ("clock ",)),
    # ``ip source-route`` before ``ip icmp`` and ``ip cef`` (IOS 15.0, gh-jclarkson-dmvpn-ikev1-*)
    (62, ("mmi ", "ip source-route")),
    (63, ("ip icmp ",)),
    (64, ("ip vrf ",)),
    # NetFlow's cache timeouts right after the DHCP pools, before ``ip domain`` (IOSv 15.6,
    # gh-ngmunia-iosv156-dualhub-dmvpn-zbf/r1-branch.cfg: ip dhcp pool ..., ip flow-cache timeout
    # active 1, ip domain name)
    # ``no ip bootp server`` after ``ip source-route`` and the DHCP globals, before ``ip
    # name-server`` and ``ip domain`` (an ASR 920 on IOS-XE 16.8: no ip source-route, no ip bootp
    # server, ip name-server, no ip domain lookup; gh-ytti-oxidized-asr920-1681/hostname.cfg):
    # in the DHCP globals' rank, after them in creation order.
    (65, ("ip dhcp ", "ip flow-cache ", "ip bootp ")),
    # every DNS global of the domain: ``ip domain name|lookup|list`` and the hyphenated
    # ``ip domain-list`` IOL 15.2 prints before ``ip cef`` (gh-rain360z-otus-lab03-
    # dhcp-domain-list-iol152/r10.cfg: clock timezone, ip domain-list STATEFUL2.com, ip cef)
    (66, ("ip domain",)),
    # the global DHCP server address after them, before ``ip cef`` (IOL 15.4: ip domain name
    # SPeterburg2042.ru, ip dhcp-server 172.23.13.18, ip cef;
    # gh-neytrin-otus-lab14-cryptomap-dmvpn/r18.cfg)
    (67, ("ip dhcp-server ",)),
    (67, ("ip name-server ",)),
    (68, ("ip host ", "ipv6 host ")),
    (69, ("object-group ",)),
    # The authentication proxy's globals next to ``ip cef``, after ``ip domain``, before ``ip
    # multicast-routing`` (CSR1000v 16.9, where ``ip cef`` is hidden: ip domain name cisco.com,
    # ip admission watch-list expiry-time 0, ip multicast-routing distributed;
    # gh-genielibs-csr1000v-169-r1xe/r1_xe.cfg)
    (70, ("ip cef", "ip admission ", "ip auth-proxy ")),
    (71, ("ipv6 unicast-routing", "ip multicast-routing", "ipv6 multicast-routing")),
    (72, ("ipv6 cef",)),
    (73, ("ipv6 dhcp ",)),
    (76, ("login ",)),
    # Flexible NetFlow's records, exporters and monitors next to ``subscriber templating``, before
    # ``multilink`` (CSR1000v 17.3: subscriber templating, mpls label range, flow record, flow
    # exporter, flow monitor, multilink; gh-nickrusso-spcor9-csr173-bgp/csr08.cfg).
    # VTP after ``subscriber templating``, before ``multilink`` (Catalyst 8000V 17.12:
    # subscriber templating, vtp version 1, multilink;
    # gh-automateyournetwork-devnet-c8kv1712-sandbox/cat8000v.cfg)
    # ``vlan ifdescr detail`` (a global, not a VLAN) after ``ipv6 cef``, before ``multilink``
    # (IOL 15.4: no ipv6 cef, vlan ifdescr detail, multilink bundle-name authenticated;
    # gh-mcdemon05-otus-lab01-roas-iol154/r1.cfg)
    (77, ("subscriber ", "flow record ", "flow exporter ", "flow monitor ", "vtp ",
          "vlan ifdescr ")),
    # The global ISDN switch type right after ``multilink bundle-name``, before the trustpoints
    # (an ISR4351 on IOS-XE 17.9: multilink bundle-name authenticated, isdn switch-type
    # basic-net3, crypto pki trustpoint; gh-genielibs-isr4351-179-voice/analog-perf-uut1.cfg)
    (78, ("multilink ", "isdn ")),
    # ``domain``: a PfRv3 domain after multilink (IOSv 15.6, gh-jclarkson-ansible-iosv-kron)
    (79, ("product-analytics", "cts ", "domain ")),
    (80, ("eap profile ",)),
    (81, ("access-session ",)),
    (82, ("key chain ",)),
    # A bare ``pae`` after the key chains, before the trustpoints (Catalyst 8000V 17.12:
    # multilink, key chain, pae, crypto pki trustpoint;
    # gh-automateyournetwork-devnet-c8kv1712-sandbox-brief/cat8000v.cfg)
    (83, ("pae",)),
    (84, ("crypto pki server ", "crypto pki token ", "crypto pki profile ")),
    (85, ("crypto pki trustpoint ",)),
    (86, ("crypto pki certificate map ",)),
    (87, ("crypto pki crl ", "crypto pki certificate storage ")),
    (88, ("crypto pki certificate chain ",)),
    # The CA certificate pool after the certificate chains and before ``license`` (an ISR C1111
    # on IOS-XE 16.12, tests/fixtures/real/gh-ktbyers-pyplus-c1111-cisco3/cisco3.cfg).
    # The segment-routing block there too (CSR1000v 16.5/16.7: certificate chains,
    # ``segment-routing mpls``, ``license``; gh-jclarkson-csr165-sr-playground,
    # gh-jclarkson-csr16-segment-routing).
    (89, ("crypto pki certificate pool", "segment-routing ")),
    (90, ("voice-card ",)),
    (91, ("diagnostic ",)),
    (92, ("license ",)),
    # ``archive`` and ``file prompt`` among the memory lines, in the order they were configured
    # (IOS-XE 16.12: license, archive, memory free, file prompt quiet, diagnostic on an ISR C1111,
    # gh-ktbyers-pyplus-c1111-cisco3/cisco3.cfg; license, diagnostic, archive, memory free on a
    # CSR1000v, gh-scrapli-cfg-csr1612-vrnetlab/csr1000v.cfg).
    (93, ("memory ", "archive", "file ")),
    (94, ("dot1x system-auth-control",)),
    (95, ("dot1x credentials ",)),
    (96, ("service-template ",)),
    (97, ("spanning-tree ",)),
    # The errdisable recovery causes after the spanning-tree lines, a ``!`` between them, before
    # ``enable`` and ``username`` (Catalyst 9200L on IOS-XE 17.9: spanning-tree extend system-id,
    # errdisable recovery cause udld, ..., enable secret, username;
    # gh-ytti-oxidized-c9200l-sw179/sw123.cfg). Where MKA goes among them is not in the corpus.
    (98, ("mka ", "errdisable ")),
    # MAC access lists after ``spanning-tree extend system-id``, before the usernames (CSR1000v
    # 16.9: spanning-tree extend system-id, mac access-list extended mac_acl, username;
    # gh-genielibs-csr1000v-169-r1xe/r1_xe.cfg)
    (99, ("mac access-list ",)),
    (100, ()),            # ``enable`` on IOS-XE (DISPLAY_BY_TRAIN)
    (101, ("username ",)),
    # LLDP and CDP in the order they were configured (CSR1000v 17.3: redundancy, lldp run,
    # cdp run; gh-nickrusso-spcor9-csr173-bgp).
    # The BFD templates right after ``redundancy``, before the IKEv2 blocks and the interfaces,
    # on IOS-XE 17.3 and IOS 15.9 alike (CSR1000v 17.3: spanning-tree extend system-id,
    # redundancy, bfd-template single-hop DMVPN, crypto ikev2 keyring:
    # gh-jakubkkk12-cml-dmvpn05-csr17-bfd/br1.cfg, br2.cfg; IOSv 15.9: redundancy, bfd-template
    # single-hop ISIS-BFD, interface Loopback0: gh-jakubkkk12-cml-mpls-te-iosv/r1.cfg, r4.cfg).
    # ``redundancy`` leads its rank (FIRST_IN_RANK) whichever was configured first.
    (105, ("redundancy", "bfd-template ")),
    # ``transceiver type all`` (with its ``monitoring``) after ``redundancy`` and ``username``,
    # before ``lldp run`` and the VLANs (ASR-920 on IOS-XE 16.8: redundancy, transceiver type
    # all, lldp run; gh-ytti-oxidized-asr920-1681/hostname.cfg; Catalyst 9200L on 17.9:
    # username, transceiver type all, vlan 2; gh-ytti-oxidized-c9200l-sw179/sw123.cfg).
    (106, ("cdp ", "lldp ", "transceiver ")),
    (107, ("track ",)),
    (108, ("ip tcp ",)),
    (109, ()),            # ``ip ssh`` on IOS up to 15.4 (DISPLAY_BY_TRAIN)
    (110, ("crypto ikev2 name-mangler ",)),
    (111, ("crypto ikev2 authorization policy ",)),
    (112, ("crypto ikev2 proposal ",)),
    (113, ("crypto ikev2 policy ",)),
    (114, ("crypto ikev2 keyring ",)),
    (115, ("crypto ikev2 profile ",)),
    (116, ("crypto ikev2 client flexvpn ",)),
    # ``crypto logging`` after the IKEv2 profiles, before the ISAKMP lines and transform sets
    # (CSR1000v 16.12, gh-nickrusso-ansnet2-csr1612-ikev2-vgw; IOS-XE,
    # gh-rakenit-flexvpn-radius-dvti)
    (117, ("crypto ikev2 ", "crypto logging ")),
    (118, ("vlan ",)),
    (120, ("class-map ",)),
    (121, ("policy-map ",)),
    (122, ("zone security ",)),
    (123, ("zone-pair ",)),
    (124, ("crypto keyring ",)),
    (125, ("crypto isakmp policy ",)),
    (126, ("crypto isakmp key ", "crypto isakmp ")),
    (127, ("crypto isakmp profile ",)),
    (128, ("crypto isakmp client ",)),
    (130, ("crypto ipsec security-association ", "crypto ipsec df-bit ",
           "crypto ipsec nat-transparency ", "crypto ipsec optional", "crypto ipsec ")),
    (131, ("crypto ipsec transform-set ",)),
    (132, ("crypto ipsec profile ",)),
    (133, ("crypto call ", "crypto engine ", "crypto ctcp")),
    (134, ("crypto dynamic-map ",)),
    (135, ("crypto map ",)),
    (136, ("crypto key pubkey-chain ", "crypto gdoi ")),
    # ``bridge irb`` after ``ip tcp`` and before the interfaces (IOS 15.0 on a 7200,
    # tests/fixtures/real/gh-jclarkson-l2bvi-netflow)
    (137, ("bridge irb",)),
    # A manual VPLS instance after ``redundancy`` and before the interfaces (CSR1000v 17.3:
    # redundancy, l2 vfi VFI-444 manual, interface Loopback0;
    # gh-anggrdwjy-csr173-mpls-backbone/11-ce.cfg)
    (137, ("l2 vfi ",)),
    (138, ("controller ",)),
    (140, ("interface ",)),
    (150, ("router eigrp ",)),
    (151, ("router ospfv3 ", "ipv6 router ")),
    (152, ("router ospf ",)),
    (153, ("router rip", "router odr", "router isis")),
    (154, ("router bgp ",)),
    # ``threat-visibility`` after the router blocks, before ``virtual-service`` (CSR1000v 16.5,
    # gh-jclarkson-csr165-sr-playground, gh-jclarkson-csr16-segment-routing).
    (155, ("threat-visibility",)),
    (156, ("virtual-service ",)),
    (157, ("ip local pool ", "ipv6 local pool ", "ip local policy ", "ipv6 local policy ",
           "iox")),  # iox: position not confirmed on a real device
    (158, ("ip default-gateway ", "ip default-network ", "ip classless", "ip subnet-zero")),
    (159, ("ip rcmd ",)),
    (160, ("ip forward-protocol ",)),
    (161, ("ip as-path ",)),
    (162, ("ip community-list ", "ip extcommunity-list ", "ip bgp-community ")),
    (163, ("ip telnet ",)),
    (164, ("ip tftp ",)),
    (165, ("ip ftp ",)),
    (166, ("ip http ",)),
    # NetFlow's global lines follow ``ip http`` (gh-jclarkson-l2bvi-netflow, IOS 15.0); so does
    # the DNS server, before the static routes (IOL-XE 17.12: ip http secure-server, ip dns
    # server, ip dns primary ..., ip route; gh-ciscodevnet-cml-ccna-nat-iol1712/edge.cfg)
    # MSDP after the PIM globals, before ``ip ssh`` (CSR1000v 16.9: ip pim vrf VRF1 rp-candidate
    # Loopback300, ip msdp peer ..., ip msdp cache-sa-state, ip ssh version 2;
    # gh-genielibs-csr1000v-169-r1xe/r1_xe.cfg)
    (167, ("ip pim ", "ip msdp ", "ip flow-", "ip flow-top-talkers", "ip dns ")),
    (168, ("ip nat ",)),
    (169, ("ip route ",)),
    (170, ("ip ssh ",)),
    (171, ("ip scp ",)),
    (172, ("ip access-list standard ",)),
    (173, ("ip access-list extended ", "ip access-list ")),
    (174, ("ip prefix-list ",)),
    (175, ("ip sla ",)),
    (176, ("ipv6 route ",)),
    # RIPng after the IPv6 routes and before control-plane (IOS XE 3.x,
    # gh-jclarkson-csr-nat64-ripng); IOS 15 prints every ``ipv6 router`` block just before
    # ``ipv6 ioam`` (SECTIONS_UP_TO_TRAIN)
    # IPv6 PIM's RP and BSR candidates after the RIPng block, before the IPv6 prefix lists
    # (CSR1000v 16.9: ipv6 router rip ripng, ipv6 pim vrf VRF1 rp-address ..., ipv6 pim bsr
    # candidate rp ..., ipv6 prefix-list test6; gh-genielibs-csr1000v-169-r1xe/r1_xe.cfg)
    (178, ("ipv6 ioam ", "ipv6 router rip ", "ipv6 pim ")),
    (179, ("ipv6 prefix-list ",)),
    (180, ("ip radius ", "ip tacacs ")),  # IOS-XE 17.9 and before: SECTIONS_UP_TO_TRAIN
    (181, ("logging ",)),
    (185, ("route-map ",)),
    (186, ("access-list ",)),
    (187, ("ipv6 access-list ",)),
    (188, ("snmp-server ", "snmp ")),
    (189, ("radius-server ", "tacacs-server ")),
    (190, ("radius server ", "tacacs server ", "ldap server ")),
    # kron between ``ip ssh`` and control-plane (IOSv 15.6, gh-jclarkson-ansible-iosv-kron)
    (194, ("kron ",)),
    (195, ("parameter-map ",)),
    # ``cdp advertise-v2`` just before control-plane, unlike ``cdp run`` / ``cdp log``
    # (IOS 15.0, gh-jclarkson-l2bvi-netflow)
    (198, ("cdp advertise-v2",)),
    (200, ("control-plane",)),
    # Bridge groups' protocols and routing after control-plane (gh-jclarkson-l2bvi-netflow)
    # The voice ports after control-plane, then MGCP, then the dial peers, before the lines (an
    # ISR4351 on IOS-XE 17.9: control-plane, voice-port 0/1/0 ... 1/0/17, mgcp behavior ...,
    # mgcp profile default, dial-peer voice 1001 pots, line con 0;
    # gh-genielibs-isr4351-179-voice/analog-perf-uut1.cfg)
    (201, ("bridge ", "voice-port ")),
    (202, ("mgcp ",)),
    # The H.323 gatekeeper block (``gatekeeper`` / `` shutdown``) IOS 15 images with voice print
    # after control-plane and before the lines (IOS 15.0 on a 7200, gh-jclarkson-dmvpn-ikev1-*).
    (203, ("gatekeeper", "dial-peer ")),
    (205, ("banner ",)),
    (206, ("alias ",)),
    (210, ("line ",)),
    (211, ("call-home", "app-hosting ")),  # positions not confirmed on a real device
    (212, ("scheduler ",)),
    # After the lines: the legacy NETCONF-over-SSH agent (``netconf ssh``, before
    # ``netconf-yang`` on a CSR1000v 16.12, gh-scrapli-cfg-csr1612-vrnetlab), then NTP, then the
    # WSMA agents (after ``line vty`` on an ISR C1111 16.8, gh-ktbyers-pyplus-c1111-cisco3/
    # pynet-pod2-rtr1.cfg; after ``ntp master 1`` / ``ntp server ... prefer`` on two ISR4331 on
    # 16.6, gh-linsejj-cnit381-isr4331-166).
    (214, ("netconf ",)),
    # NAT64's mappings after the lines (IOS XE 3.x, gh-jclarkson-csr-nat64-ripng)
    (213, ("nat64 ",)),
    (215, ("ntp ", "sntp ")),
    (216, ("wsma ",)),
    (220, ("event manager ",)),
    (225, ("telemetry ",)),
    # ``netconf-yang`` and ``restconf`` last, after ``ntp`` and ``netconf ssh`` (IOS-XE 16.12:
    # gh-ktbyers-pyplus-c1111-cisco3/cisco3.cfg, gh-scrapli-cfg-csr1612-vrnetlab), after the
    # ``call-home`` block and the telemetry subscriptions (CSR1000v 17.3:
    # gh-nickrusso-spcor9-csr173-bgp csr05, csr08).
    (226, ("netconf-yang", "restconf")),
)
SECTION_ORDER: Final[tuple[tuple[str, int], ...]] = tuple(
    (prefix, rank) for rank, prefixes in _SECTIONS for prefix in prefixes)
UNKNOWN_SECTION_RANK: Final = 199

# Lines IOS prints first among the lines of their rank, in this order; the rank's other lines
# follow in creation order: the DHCP exclusions precede the pools and ``no ip domain lookup``
# precedes ``ip domain name`` (every corpus config with both, IOS 15 and IOS-XE alike);
# ``redundancy`` precedes the BFD templates (the four corpus configs with one, see _SECTIONS).
FIRST_IN_RANK: Final[tuple[str, ...]] = ("ip dhcp excluded-address ", "ip domain lookup",
                                         "redundancy")

# Ranks IOS prints without a ``!`` between them (one visual group), mapped to the group's rank.
# Counted over the consecutive top-level lines of the corpus's configs (tests/fixtures/real,
# every train; together / separated by a ``!``): ``version`` -> ``service`` 316 / 0, ``service``
# -> ``platform`` 98 / 0, the boot markers 315 / 0, ``ip domain`` / ``ip host`` -> ``ip cef``
# 149 / 0, ``ip cef`` -> ``ipv6 cef`` 109 / 0; ``ip forward-protocol`` -> the community and
# AS-path lists 0 / 53 and -> ``ip http`` 83 / 175; the lists -> ``ip http`` 0 / 47; ``ip
# http`` -> ``ip nat`` 100 / 8, ``ip nat`` -> ``ip route`` 69 / 0, ``ip route`` -> ``ip ssh``
# 55 / 5. (IOS's ``!`` lines are not all rank-bound: a router prints several where a line was
# removed, and some pairs go either way; the corpus tests compare configs without them.)
BANG_GROUPS: Final[dict[int, int]] = {
    **dict.fromkeys((0, 10, 15), 0), **dict.fromkeys((30, 31, 32), 30),
    **dict.fromkeys((53, 54, 55), 53), **dict.fromkeys((66, 67, 68, 70, 71, 72), 66),
    **dict.fromkeys((92, 93, 94), 92),
    **dict.fromkeys((157, 158, 159, 160), 157),
    **dict.fromkeys((161, 162, 163, 164, 165), 161),
    **dict.fromkeys((166, 167, 168, 169, 170, 171), 166),
}

# Top-level blocks of one kind IOS lists sorted by name (banners: exec, incoming, login, motd,
# tests/fixtures/real/gh-fuatanshori-*); other blocks print in creation order
# (real configs show IKEv2 profiles, keyrings, transform sets, IPsec profiles, trustpoints and
# route maps unsorted). ``CANONICAL_SORTED_RANKS``: ranks the comparison form (normalize)
# sorts by header as well, so two configs that differ only in creation order compare equal.
SORTED_BLOCK_RANKS: Final[frozenset[int]] = frozenset({40, 64, 172, 173, 205})
CANONICAL_SORTED_RANKS: Final[frozenset[int]] = frozenset({
    40, 51, 56, 64, 85, 86, 110, 111, 112, 113, 114, 115, 116, 131, 132, 172, 173, 190,
})

# Top-level blocks IOS prints one after the other without a ``!`` between them (one ``!`` after
# the run), mapped to the run's rank: named access lists, transform sets, ISAKMP policies and
# profiles, certificate chains (seen in IOS 15 and IOS-XE running configs).
UNSEPARATED_BLOCK_RUNS: Final[dict[int, int]] = {
    172: 172, 173: 172, 131: 131, 125: 125, 126: 125, 127: 125, 88: 88, 98: 98,
    # the ``line`` blocks: ``line con 0`` ... ``line vty`` with no ``!`` between them (644 of
    # 644 consecutive pairs in the corpus's configs)
    210: 210,
    # ``redundancy`` and the BFD template after it: no ``!`` between them (4 of 4 pairs: the
    # CSR1000v 17.3 and IOSv 15.9 configs named at rank 105 in _SECTIONS, where ``redundancy``
    # has no children). Two templates in a row, or a ``redundancy`` with children before one,
    # are not in the corpus: the lab prints them as one run too.
    105: 105,
}

# --- Order of lines inside a block -----------------------------------------------------------
# Per block kind: prefixes in display order (longest match wins; ``re:`` entries are regexes);
# lines matching none follow, in entry order. ``no X`` lines sort as X.
_INTERFACE_ORDER: Final[tuple[str, ...]] = (
    "description", "switchport", "encapsulation", "bandwidth", "mtu", "vrf forwarding",
    "ip vrf forwarding",
    # ``ip dhcp client client-id`` before the address (tests/fixtures/real/
    # gh-rakenit-flexvpn-radius-dvti/crtspk2.cfg; the same place in IOS-XE's AutoInstall configs)
    "ip dhcp client",
    # A Flexible NetFlow monitor before the address (CSR1000v 17.3: vrf forwarding HUB, ip flow
    # monitor FLOW_MONITOR_IPV4 input, ip address; gh-nickrusso-spcor9-csr173-bgp/csr08.cfg),
    # unlike traditional NetFlow's ``ip flow ingress`` below
    "ip flow monitor",
    r"re:^ip address \S+ \S+ secondary$", "ip address", "ip unnumbered",
    "no ip address", "ip access-group",
    # uRPF right after the addresses and ACLs (tests/fixtures/real/gh-rakenit-flexvpn-radius-dvti/
    # hub-01.cfg: 'no ip address', 'ip verify unicast reverse-path', 'shutdown')
    "ip verify",
    "ip helper-address", "ip redirects", "ip unreachables",
    # NetFlow ingress before egress (IOS 15.0, tests/fixtures/real/gh-jclarkson-l2bvi-netflow)
    # NBAR's protocol discovery before NetFlow's ingress/egress (IOSv 15.6,
    # gh-ngmunia-iosv156-dualhub-dmvpn-zbf/r1-branch.cfg: ip nbar protocol-discovery, ip flow
    # ingress, ip flow egress, ip nat inside)
    "ip proxy-arp", "ip mtu", "ip nbar", "ip flow ingress", "ip flow egress", "ip flow", "ip nat",
    "ip virtual-reassembly",
    # IS-IS's interface line right after the IPv4 address, before the IGMP joins (CSR1000v 16.9:
    # ip address, ip router isis test, ip igmp join-group, ipv6 address;
    # gh-genielibs-csr1000v-169-r1xe/r1_xe.cfg); where it goes among the NAT, policy and PIM lines
    # is not in the corpus.
    # A multicast boundary right after PIM, before the link settings (IOS 15.2: ip pim
    # sparse-mode, ip multicast boundary 1, speed auto; gh-jclarkson-bgp-multicast-ssm r4, r5).
    "ip policy", "ip pim", "ip multicast", "ip router isis", "ip igmp", "ntp",
    # EIGRP's interface lines: authentication, hello and hold timers, then next-hop-self and
    # split-horizon (IOSv 15.9, gh-quanghong-eve-iosv-eigrp-dmvpn: ip authentication mode/key-chain
    # eigrp, ip hello-interval eigrp, ip hold-time eigrp, no ip split-horizon eigrp; IOL 15.4,
    # gh-annavladimirovnakondrateva-otus-lab15-dmvpn-ikev1/r15.cfg: ip hello-interval eigrp,
    # ip hold-time eigrp, no ip next-hop-self eigrp, no ip split-horizon eigrp)
    "ip authentication", "ip hello-interval", "ip hold-time", "ip next-hop-self",
    "ip split-horizon", "ip nhrp authentication", "ip nhrp group", "ip nhrp map",
    "ip nhrp network-id", "ip nhrp holdtime", "ip nhrp nhs", "ip nhrp registration",
    "ip nhrp shortcut", "ip nhrp redirect",
    # The firewall zone after the NAT role, reassembly and NHRP lines, before an EIGRP summary and
    # the MSS (IOSv 15.6, gh-ngmunia-iosv156-dualhub-dmvpn-zbf: on a DMVPN tunnel ip nhrp
    # network-id, zone-member security Inside, ip tcp adjust-mss; on an Ethernet port ip
    # virtual-reassembly in, zone-member security Inside, ip summary-address eigrp; IOS 15.4,
    # gh-sirmysterion-techpatix-zbf-6in4, on tunnels and Ethernet ports)
    "zone-member", "ip summary-address",
    "ip tcp adjust-mss", "ip ospf authentication",
    "ip ospf message-digest-key", "ip ospf network", "ip ospf dead-interval",
    "ip ospf hello-interval", "ip ospf priority", "ip ospf",
    # HSRP before the link settings (hub-01.cfg of gh-rakenit-flexvpn-radius-dvti: 'standby 1
    # ip' between 'ip address' and 'negotiation auto') and before the interface's OSPF area,
    # which follows the other OSPF lines and precedes the cost (IOL-XE 17.12: ip nat enable,
    # standby 1 ip/preempt/track, ip ospf 1 area 0; gh-ipspace-netlab-redundant-small-site-
    # routing-iol1712/gw_a.cfg; IOL 15.x: ip ospf 1 area 10, ip ospf cost 100,
    # gh-artysleep-otus-lab14-gre-dmvpn-pki/msk-r15.cfg; ip ospf network, then the area, in
    # the netlab CSR and IOSv configs)
    "standby", r"re:^ip ospf \d+ area ", "ip ospf cost",
    # IS-IS right after the IPv4 lines, before the link settings (CSR1000v 16.5,
    # gh-jclarkson-csr165-sr-playground; IOSv 15.x, gh-jakubkkk12-cml-mpls-te-iosv)
    "load-interval",
    # an EIGRP delay after the IPv4 lines, before the link settings, the IPv6 and the tunnel lines
    # (IOSv 15.6, gh-ngmunia-iosv156-dualhub-dmvpn-zbf: ip tcp adjust-mss 1360, delay 1, tunnel
    # source; IOSv 15.9, gh-jakubkkk12-cml-dmvpn02-ikev2-dualhub: ip tcp adjust-mss, delay, tunnel
    # source; IOSv 15.9, gh-quanghong-eve-iosv-eigrp-dmvpn/r2.cfg: ip hold-time eigrp, delay 4000,
    # duplex auto). Its place next to ``shutdown`` is not in the corpus.
    "delay",
    "shutdown", "keepalive", "duplex", "speed", "media-type", "negotiation", "cts sgt inline",
    # VRRP after the link settings, before MOP (CSR1000v 17.3: negotiation auto, vrrp 2 ip
    # 10.10.40.1, no mop enabled; gh-vivek31-devnet-csr-sandboxes/csr1000v-1.cfg)
    "vrrp",
    # NAT64 before the IPv6 address, RIPng after it (IOS XE 3.x, gh-jclarkson-csr-nat64-ripng)
    "nat64",
    "ipv6 address", "ipv6 enable", "ipv6 unnumbered", "ipv6 mtu", "ipv6 tcp adjust-mss",
    "ipv6 rip",
    "ipv6 nhrp", "ipv6 ospf", "ipv6 nd", "ipv6 dhcp", "ipv6 policy", "ipv6 traffic-filter",
    # ``no cdp enable`` after the link settings and the IPv6 lines, before ``crypto map``
    # (IOSv 15.6, gh-ngmunia-iosv156-dualhub-dmvpn-zbf: duplex, speed, media-type rj45, no cdp
    # enable; IOL 15.4, gh-neytrin-otus-lab14-cryptomap-dmvpn: the IPv6 lines, no cdp enable,
    # crypto map; C8000V 17.15, gh-dcantor-cat8000v1715-ipsec-vti-nac: negotiation auto, cdp enable)
    "mpls", "ospfv3", "cdp enable", "crypto map", "crypto ipsec df-bit",
    # LLDP per interface right before MOP (CSR1000v 16.6 and 17.3: negotiation auto, no lldp
    # transmit, no lldp receive, no mop enabled, no mop sysid;
    # gh-ipspace-netlab-bgp-dmz-bw-csr166/e1.cfg, gh-ipspace-netlab-dhcp-vrf-relay-csr173/srv.cfg)
    "lldp transmit", "lldp receive", "lldp",
    "mop enabled", "mop sysid",
    "logging event",
    # BFD's interval after the IPv4, NAT, NHRP and MSS lines, before the tunnel lines (C8000V
    # 17.15: ip nat outside / ip nhrp redirect / ip tcp adjust-mss, bfd interval 500 min_rx 500
    # multiplier 3, tunnel source; gh-dcantor-c8000v1715-svti-hub,
    # gh-dcantor-c8000v1715-dmvpn-ikev2). Where it goes among the link settings of an Ethernet
    # port is not in the corpus.
    "bfd",
    # ``if-state nhrp`` after the IPv6 NHRP lines, before the tunnel lines (IOSv 15.9,
    # gh-jakubkkk12-cml-dmvpn03-ipv6-fvrf: ipv6 nhrp ..., if-state nhrp, tunnel source)
    "if-state",
    "service-policy", "tunnel source", "tunnel mode", "tunnel destination", "tunnel key",
    "tunnel route-via", "tunnel ttl", "tunnel path-mtu-discovery", "tunnel vrf",
    "tunnel protection",
)

CHILD_ORDER: Final[dict[str, tuple[str, ...]]] = {
    "interface": _INTERFACE_ORDER,
    "interface-tunnel": _INTERFACE_ORDER,
    "vrf": ("description", "rd", "route-target", "address-family"),
    "ip-vrf": ("description", "rd", "route-target"),
    "ikev2-proposal": ("pqc", "encryption", "integrity", "prf", "group"),
    "ikev2-policy": ("description", "match fvrf", "match address local", "proposal"),
    "ikev2-keyring": ("description", "peer"),
    "ikev2-keyring-peer": ("description", "address", "hostname", "identity", "pre-shared-key",
                           "pre-shared-key local", "pre-shared-key remote", "ppk"),
    "ikev2-profile": (
        "description", "match fvrf", "match address local", "match certificate",
        "match identity remote", "identity local", "authentication remote",
        "authentication local", "keyring", "pki trustpoint", "dpd", "nat keepalive",
        "nat force-encap", "ivrf", "aaa authentication", "aaa authorization group",
        "aaa authorization user", "aaa accounting", "virtual-template", "config-exchange",
        "session-lifetime", "lifetime", "redirect", "reconnect", "shutdown",
    ),
    "ikev2-author-policy": (
        "pool", "ipv6 pool", "dns", "wins", "netmask", "def-domain", "split-dns", "banner",
        "backup-gateway", "subnet-acl", "aaa attribute list", "route set interface",
        "route set access-list", "route accept", "route set local", "route set remote",
        "ipsec flow-limit", "session-lifetime",
    ),
    "ikev2-name-mangler": ("fqdn", "email", "dn", "eap"),
    "ikev2-flexvpn": ("peer", "peer reactivate", "source", "connect", "client inside",
                      "client connect", "backup group"),
    "crypto-trans": ("mode",),
    "ipsec-profile": (
        "description", "set security-association lifetime", "set security-association replay",
        "set security-association idle-time", "set transform-set", "set pfs",
        "set ikev2-profile", "set isakmp-profile", "set mixed-mode", "set reverse-route",
        "set security-policy", "responder-only",
    ),
    "sg-radius": ("server name", "server", "ip vrf forwarding", "ip radius source-interface",
                  "deadtime"),
    "radius-server": ("address", "timeout", "retransmit", "key"),
    "ca-trustpoint": (
        "enrollment", "serial-number", "fqdn", "ip-address", "subject-name", "subject-alt-name",
        "revocation-check", "rsakeypair", "eckeypair", "mldsakeypair", "hash", "auto-enroll",
        "vrf", "match certificate",
    ),
    "archive": ("log config", "path", "maximum", "write-memory", "time-period"),
    # ``authorization`` before ``login`` (IOSv 15.6, gh-jclarkson-ansible-iosv-kron); ``transport
    # input`` before ``stopbits`` (``line con 0`` of an ISR C1111 on 16.8 and 16.12,
    # gh-ktbyers-pyplus-c1111-cisco3; an ISR G2 on 15.1, gh-tmullaly-oxidized-isrg2-backups/r3.cfg);
    # ``access-class`` before ``exec-timeout`` (``line vty 0 4`` on IOL 15.4,
    # gh-neytrin-otus-lab14-cryptomap-dmvpn/r28.cfg, and on C8000V 17.15,
    # gh-dcantor-c8000v1715-svti-hub: access-class ... in vrf-also, exec-timeout 0 0)
    # ``no exec`` after ``no activation-character``, before ``transport preferred`` (``line 2``
    # of ISR G2s on 15.1-15.7, gh-tmullaly-oxidized-isrg2-backups) and before ``stopbits``
    # (``line aux 0`` of an ASR 920 on IOS-XE 16.8, gh-ytti-oxidized-asr920-1681); ``history
    # size`` after ``logging synchronous`` and ``transport preferred`` before ``transport
    # output`` (that ASR 920's ``line con 0``: exec-timeout, logging synchronous, history size 50,
    # transport preferred none, transport output none, stopbits 1), ``transport preferred``
    # before ``transport input`` (gh-tmullaly-oxidized-isrg2-backups/core.cfg, ``line 2``).
    # Where ``exec`` and ``history`` go among the AAA, login, length and width lines is not in
    # the corpus.
    "line": ("session-timeout", "access-class", "exec-timeout", "privilege level", "password",
             "activation-character", "exec", "authorization", "accounting",
             "logging synchronous", "login", "length", "width", "history",
             "transport preferred", "transport input", "transport output", "stopbits"),
}

# Block kinds whose same-rank children sort by the number in their second word (``peer 1``,
# ``peer 2``: the FlexVPN client's peer preference order).
NUMBERED_CHILDREN: Final[frozenset[str]] = frozenset({"ikev2-flexvpn"})

# Indentation of a block kind's children where IOS does not use one space: the FlexVPN client
# block (published IOS-XE configs), ISAKMP profiles (3) and IKEv1 keyrings (2)
# (tests/fixtures/real/gh-jclarkson-ikev2-gre-site2site), and the SSH public-key chain (2, its
# users' keys at 3: tests/fixtures/real/gh-sirmysterion-techpatix-zbf-6in4).
CHILD_INDENT: Final[dict[str, int]] = {"ikev2-flexvpn": 2, "isakmp-profile": 3,
                                       "crypto-keyring": 2, "ssh-pubkey": 2}

# Display respellings of stored lines, per block kind: (regex, replacement). IOS pads ``deny``
# to the width of ``permit`` in standard access lists (`` 20 deny   any``) and in numbered lists
# (``access-list 100 deny   ip any any``); input accepts any spacing and stores one space.
DISPLAY_SPACING: Final[dict[str, tuple[tuple[str, str], ...]]] = {
    "acl-std": ((r"^(\d+ )?deny ", r"\1deny   "),),
    # Extended named lists pad it too, with their sequence numbers on IOS-XE 17 (`` 10 deny   ip
    # 10.0.4.0 0.0.3.255 ...`` on a CSR1000v 17.3, gh-fabferri-azure-csr173-rs-routingcontrol) and
    # without them on older trains (``deny   ip any any``, IOS 15.4 and IOS-XE 16.9).
    "acl-ext": ((r"^(\d+ )?deny ", r"\1deny   "),),
    "config": ((r"^(access-list \d+ )deny ", r"\1deny   "),),
    # MAC access lists pad it too (CSR1000v 16.9: `` deny   host 0000.0000.0000 host
    # 0000.0000.0000 msdos``; gh-genielibs-csr1000v-169-r1xe/r1_xe.cfg)
    "acl-mac": ((r"^deny ", r"deny   "),),
    # An ISAKMP policy's cipher with the long keyword on IOS-XE (CSR1000V 16.12: ``
    # encryption 3des``, gh-chaseheim-cnit381-csr1612-cryptomap/hq.cfg); IOS 15 prints ``encr``
    # (OLD_TRAIN_SPACING). The grammar stores ``encr`` whichever is typed.
    "isakmp-policy": ((r"^encr ", "encryption "),),
}

# Fields IOS prints left-justified in a column: block kind -> (pattern with the groups prefix,
# field, rest; the field's width). An ISAKMP pre-shared key's peer address is padded to 15
# columns before ``no-xauth`` (a Cisco 881 on IOS 15.4(2)T1: ``crypto isakmp key KEY address
# 1.1.1.1         no-xauth``, gh-ktbyers-pynet-881-cryptomap-onep/pynet-rtr1.cfg; other IOS 15
# routers print the same padding as trailing blanks after a bare address, ``address 204.2.0.18
# `` with five, which a comparison drops).
DISPLAY_COLUMNS: Final[dict[str, tuple[tuple[str, int], ...]]] = {
    "config": ((r"^(crypto isakmp key \S+ address )(\S+) (no-xauth)$", 15),),
}

# Lines IOS prints after the children of a block kind, at the header's indentation (the
# certificate's ``quit``: two spaces and a tab, as IOS 15 and IOS-XE print it).
BLOCK_TRAILER: Final[dict[str, str]] = {
    "vrf-af": "exit-address-family",
    "bgp-af": "exit-address-family",
    "eigrp-af": "exit-address-family",
    "ospfv3-af": "exit-address-family",
    "rip-af": "exit-address-family",
    # A RIPng VRF's family (CSR1000v 16.9: `` !`` / `` address-family ipv6 vrf VRF1`` / ``
    # exit-address-family``; gh-genielibs-csr1000v-169-r1xe/r1_xe.cfg).
    "ripng-af": "exit-address-family",
    "isis-af": "exit-address-family",
    # The connected-prefix-sid-map's address family (CSR1000v 16.5/16.7,
    # gh-jclarkson-csr165-sr-playground, gh-jclarkson-csr16-segment-routing).
    "sr-prefix-map-af": "exit-address-family",
    "eigrp-af-if": "exit-af-interface",
    "eigrp-topology": "exit-af-topology",
    # The named EIGRP service family and its blocks (IOL 15.2: service-family ipv4
    # autonomous-system 1, !, topology base, exit-sf-topology, exit-service-family;
    # gh-rain360z-otus-lab08-eigrp-named-saf-iol152/r16.cfg, r17.cfg). ``exit-sf-interface`` is
    # the sf-interface mode's exit command; no corpus config shows one, so it is not printed.
    "eigrp-sf": "exit-service-family",
    "eigrp-sf-topology": "exit-sf-topology",
    "bgp-bmp-server": "exit-bmp-server-mode",
    "bgp-peer-session": "exit-peer-session",
    "bgp-peer-policy": "exit-peer-policy",
    "cert-data": " \tquit",
}
# Block kinds whose trailer IOS leaves out when the block is empty: a certificate kept in NVRAM
# (``certificate ca 01 nvram:CA#1CA.cer``) has no hex lines and no ``quit``.
NO_TRAILER_WHEN_EMPTY: Final[frozenset[str]] = frozenset({"cert-data"})
# Nested block kinds IOS precedes (``before``) or follows (``after``) with an indented ``!``.
NESTED_BANG_BEFORE: Final[frozenset[str]] = frozenset({
    "vrf-af", "bgp-af", "eigrp-af", "eigrp-af-if", "eigrp-topology", "ospfv3-af", "isis-af",
    "ripng-af", "bgp-peer-session", "bgp-peer-policy", "eigrp-sf", "eigrp-sf-topology",
})
# An EFP (``service instance``) is followed by `` !`` (CSR1000v 17.3,
# gh-anggrdwjy-csr173-mpls-backbone/11-ce.cfg).
NESTED_BANG_AFTER: Final[frozenset[str]] = frozenset({"ikev2-keyring-peer", "bgp-bmp-server",
                                                      "service-instance"})

# --- What depends on the software train --------------------------------------------------------
# The train is the ``version`` line of the config (IOS 15.x, IOS-XE 3.x print ``15.x``); a
# config without one is shown as IOS-XE 17, the lab's default.
MODERN_TRAIN: Final = (17, 9)
# Named access-list entries: IOS 15 prints them without sequence numbers and pads ``deny`` in
# extended lists too (tests/fixtures/real: 15.4 ``deny   ip any any``), and so does IOS-XE 16.9
# (a CSR1000v's ``permit udp any any eq bootps bootpc``: gh-jclarkson-ansible-csr-backup);
# IOS-XE 17 prints the numbers (``10 permit ip ...``; doc-michaelbecze-strongswan-azure-iosxe).
# Which of 16.10-16.12 was first to print them is not in the corpus.
ACL_SEQUENCES_SHOWN_FROM: Final = (16, 10)
# The same trains print the ISAKMP policy's ``encr`` short (IOS 15.0-15.6 in the corpus: 50
# policies, e.g. gh-neytrin-otus-lab14-cryptomap-dmvpn; IOS XE 3.x CSR1000v, 15.5:
# gh-jclarkson-csr-pki-dynamic-cryptomap): which IOS-XE 16 release first spelt it out is not in
# the corpus (16.12 does), so the long form starts with the other IOS-XE 16.10 forms.
OLD_TRAIN_SPACING: Final[dict[str, tuple[tuple[str, str], ...]]] = {
    "isakmp-policy": ((r"^encryption ", "encr "),),
}
# Block kinds whose ``deny`` a newer train no longer pads: a standard named list on C8000V 17.15
# prints `` 30 deny any log`` (gh-dcantor-c8000v1715-svti-hub, ``ip access-list standard
# VTY-MGMT``), where IOS 15 printed ``deny   any`` (gh-degreekeeper-otus-less16-ipsec/r28.cfg)
# and IOS-XE 17.9 still does (``ip access-list standard 5`` / `` 20 deny   any`` on a Catalyst
# 9200L, gh-ytti-oxidized-c9200l-sw179/sw123.cfg).
# kind -> first train printing the unpadded form (17.10-17.14 are not in the corpus).
UNPADDED_FROM_TRAIN: Final[dict[str, tuple[int, int]]] = {"acl-std": (17, 15)}
# Sections whose rank depends on the train: (up to train, prefix, rank). ``ip ssh`` follows
# ``redundancy`` up to 15.4 and ``ip route`` from 15.7 on (corpus: 15.4 vs 15.7 IOL); ``enable``
# follows ``boot-end-marker`` on IOS 15 and IOS-XE 16 and precedes ``username`` on IOS-XE 26.2.
# ``diagnostic bootup`` follows ``license`` on IOS-XE 16, 17.3 and 17.4 and precedes it on 26 (16.4,
# 17.3 in gh-jakubkkk12-cml-dmvpn05-csr17-bfd and gh-nickrusso-spcor9-csr173-bgp, vs 26.2);
# ``ip as-path`` follows ``ip http`` on IOS-XE 16 to 17.3 and precedes it on IOS 15 and from
# 17.12 on (16.4 vs 15.x; SECTIONS_FROM_TRAIN).
# ``snmp-server`` precedes the numbered access lists up to 15.4 (an IOS 15.4 edge router:
# ipv6 prefix-list, snmp-server, access-list, ipv6 access-list;
# tests/fixtures/real/gh-sirmysterion-techpatix-zbf-6in4).
SECTIONS_UP_TO_TRAIN: Final[tuple[tuple[tuple[int, int], str, int], ...]] = (
    ((15, 4), "ip ssh ", 109),
    ((15, 4), "snmp-server ", 184),
    # IOS 15.2 prints the numbered access lists before the route-maps, right after the prefix
    # lists (a 7200 on 15.2: ip prefix-list PROTECT_LOOPBACK ..., access-list 2001 permit icmp
    # ..., route-map PROTECT_LOOPBACK; gh-batfish-hybrid-aws-ios152-svti-ikev1/lhr-border-02.cfg;
    # ip prefix-list default-route ..., access-list 1 permit any, route-map loopback44:
    # gh-jclarkson-bgp-multicast-ssm/r4.cfg, r5.cfg), where IOL 15.4-15.7 print the route-maps
    # first (route-map ..., access-list ...: 35 configs of the corpus, e.g.
    # gh-toxiant-otus-lab14-ikev2-cryptomap-dmvpn/r14.cfg). 15.3 is not in the corpus.
    ((15, 2), "access-list ", 184),
    # IOS 15.0 prints ``ip domain`` after ``ip cef`` (a 7200, gh-jclarkson-dmvpn-ikev1-behind-nat);
    # 15.2 on prints it before (every later IOS 15 config of the corpus).
    ((15, 0), "ip domain", 71),
    # ``diagnostic bootup`` among ``license``/``memory`` up to 17.4 (see the table's head; a
    # C8000V image in Azure on 17.4: license udi pid C8000V, diagnostic bootup level minimal,
    # memory free low-watermark processor 69173;
    # gh-jwrightazure-c8000v174-bgp-nvas/csr1.cfg, csr2.cfg). 17.5-17.11 are not in the corpus.
    ((17, 4), "diagnostic ", 93),
    # ... while 17.12 and 17.15 print it after ``memory free`` (Catalyst 8000V 17.12: license
    # udi, memory free low-watermark processor, diagnostic bootup level minimal;
    # gh-automateyournetwork-devnet-c8kv1712-sandbox/cat8000v.cfg; C8000V 17.15: license, memory
    # free, diagnostic bootup level minimal: gh-dcantor-c8000v1715-svti-hub,
    # gh-dcantor-c8000v1715-dmvpn-ikev2).
    ((17, 15), "diagnostic ", 94),
    # A CSR1000v on 16.9 prints ``netconf-yang`` and ``restconf`` right after ``spanning-tree
    # extend system-id``, before the usernames (gh-vivek31-devnet-csr-sandboxes/csr1000v.cfg);
    # 16.12 on print them last (gh-scrapli-cfg-csr1612-vrnetlab, gh-ktbyers-pyplus-c1111-cisco3,
    # 17.3 and 17.12 in the corpus). Releases before 16.9 are not in the corpus with them.
    # IOS XE 3.16 and 16.9 print ``ip tftp source-interface`` after the ``ip http`` lines, before
    # the static routes (ISR4321, gh-milandewilde-isr4321-serial-lab/r1.cfg; ISR4331,
    # gh-pryorb8357-cnit381-isr4331-169/r1.cfg), and so does 17.9, ``ip ftp`` and ``ip tacacs
    # source-interface`` with it, all three before ``ip ssh`` (Catalyst 9200L: no ip http server,
    # no ip http secure-server, ip ftp source-interface Vlan2, ip tftp source-interface Vlan2, ip
    # tacacs source-interface Vlan2, ip ssh version 2; gh-ytti-oxidized-c9200l-sw179/sw123.cfg);
    # 26.2 prints tftp before ``ip ftp`` and ``ip http`` (gh-juliogomez-iosxe26-pqc-svti/r1.cfg).
    # 17.10-17.15 are not in the corpus with them, nor is ``ip ftp`` or a global ``ip tacacs``
    # line on IOS 15 (the 17.9 place is taken for them there too); among themselves they print
    # in the order they were configured (17.9 showed ftp, tftp, tacacs).
    ((17, 9), "ip tftp ", 167),
    ((17, 9), "ip ftp ", 167),
    ((17, 9), "ip tacacs ", 167),
    ((16, 9), "netconf-yang", 99),
    ((16, 9), "restconf", 99),
    # IOS-XE 16.12 prints ``vlan internal allocation policy`` right after ``redundancy``, before
    # ``lldp run`` (an ISR C1111: gh-ktbyers-pyplus-c1111-cisco3/cisco3.cfg); 26.2 after the
    # IKEv2 blocks (gh-juliogomez-iosxe26-pqc-svti/r3.cfg).
    ((16, 12), "vlan internal ", 105),
    # IOS-XE 16.12 prints the ``call-home`` block after ``clock`` and before ``ip domain`` /
    # ``ip name-server`` (gh-ktbyers-pyplus-c1111-cisco3/cisco3.cfg,
    # gh-scrapli-cfg-csr1612-vrnetlab), and so does 17.1 (CSR1000V: no aaa new-model,
    # call-home, no ip domain lookup; gh-nautobot-demo-gc-backups-csr171-173/jcy-rtr-01-171.cfg);
    # IOS-XE 17.3 prints it after the lines (gh-jakubkkk12-cml-dmvpn05-csr17-bfd,
    # gh-nautobot-demo-gc-backups-csr171-173/csr1-173.cfg), and so does 17.4 (line vty 5 20,
    # call-home, app-hosting: gh-jwrightazure-c8000v174-bgp-nvas/csr1.cfg). 17.2 is not in the
    # corpus: the lab gives it 17.3's place.
    ((17, 1), "call-home", 62),
    # The DHCP server's globals: IOS 15 prints them before ``ip domain`` (15.2-15.9, e.g.
    # gh-jclarkson-ipv6-ipsec-ezvpn-dmvpn/site-a.cfg, gh-ciscodevnet-cml-contest-iosv-nat-subifs),
    # and so does IOL-XE 17.12 (gh-ciscodevnet-cml-ccna-nat-iol1712/edge.cfg); a CSR1000v on 16.6
    # and 17.3 prints them after ``ip host`` and ``ip domain`` (ip host ..., no ip domain lookup,
    # ip domain name, ip dhcp excluded-address, ip dhcp pool;
    # gh-ipspace-netlab-dhcp-vrf-relay-csr173/srv.cfg, gh-ipspace-netlab-lan-unnumbered-dhcp-
    # csr166/rtr.cfg). Which release after 17.3 moved them back is not in the corpus.
    # ``ip domain`` sits between ``ip host`` and the DHCP globals there. (After the IOS 15.0
    # ``ip domain`` entry above, which wins for 15.0.)
    ((15, 99), "ip dhcp ", 65),
    ((15, 99), "ip domain", 66),
    ((17, 3), "ip dhcp ", 68),
    ((17, 3), "ip domain", 67),
    # ... and ``ip name-server`` before ``ip domain`` (lookup and name) there, as 17.9 does (an
    # ASR 920 on IOS-XE 16.8: ip name-server, no ip domain lookup, ip domain name;
    # gh-ytti-oxidized-asr920-1681/hostname.cfg; a Catalyst 9200L on 17.9 alike,
    # gh-ytti-oxidized-c9200l-sw179). IOS 15 keeps its place after ``ip domain`` (the entry
    # first).
    ((15, 99), "ip name-server ", 67),
    ((17, 3), "ip name-server ", 66),
    # IOS 15 prints the legacy IPv6 routing blocks (``ipv6 router ospf|eigrp|rip``) late, after
    # the IPv4 prefix lists, ``ip sla`` and the IPv6 static routes, before ``ipv6 ioam`` and the
    # IPv6 prefix lists (15.2 on a 7200: gh-jclarkson-ipv6-ipsec-ezvpn-dmvpn/site-a.cfg; IOL 15.4:
    # gh-moskovchenko-otus-lab14-dmvpn-pki/r15.cfg; 15.5: gh-degreekeeper-otus-less16-ipsec;
    # IOL 15.7: ipv6 route, ipv6 router ospf 1, ipv6 ioam timestamp in
    # gh-kononenkoyury-otus-lab40-ikev2-rsa-gre-dmvpn/r14.cfg). ``router ospfv3`` keeps its place
    # after the interfaces (gh-alnor23-otus-lab14-ikev2-rsa, 15.5). No IOS-XE 16/17 config with an
    # ``ipv6 router`` block is in the corpus: there the lab keeps the after-the-interfaces place.
    ((15, 9), "ipv6 router ", 177),
    # IOL 15.4 prints ``ip bgp-community new-format`` right after ``ip forward-protocol``, before
    # the AS-path lists (ip forward-protocol nd, ip bgp-community new-format, ip as-path
    # access-list 10 ...: gh-toxiant-otus-lab14-ikev2-cryptomap-dmvpn/r14.cfg), as C8000V 17.15
    # does (SECTIONS_FROM_TRAIN). Where IOS 15 puts the AS-path lists among the community lists is
    # not in the corpus: they share a rank (creation order).
    ((15, 9), "ip bgp-community ", 161),
    ((15, 9), "ip as-path ", 162),
)
# IOS-XE 16 prints ``ipv6 unicast-routing`` after ``subscriber templating`` (``ip cef`` is
# hidden there: a 16.9 CSR1000v, tests/fixtures/real/gh-jclarkson-ansible-csr-bmp-bgpls).
SECTIONS_FROM_TRAIN: Final[tuple[tuple[tuple[int, int], str, int], ...]] = (
    # IOS 15.0 prints the NetFlow export lines after ``ip http`` (a 7200,
    # gh-jclarkson-l2bvi-netflow); IOSv 15.6 before it, right after ``ip forward-protocol``
    # (gh-ngmunia-iosv156-dualhub-dmvpn-zbf/r1-branch.cfg: ip forward-protocol nd, ip flow-export
    # ..., ip flow-top-talkers, no ip http server). 15.1-15.5 and IOS-XE configs with
    # them are not in the corpus.
    ((15, 6), "ip flow-export ", 165),
    ((15, 6), "ip flow-top-talkers", 165),
    # C8000V 17.15 (four configs of gh-dcantor-c8000v1715-svti-hub and
    # gh-dcantor-c8000v1715-dmvpn-ikev2) prints the BGP community lists and then the AS-path lists
    # between ``ip forward-protocol`` and ``ip http`` (17.3 printed them after ``ip http``), the
    # static routes before the NAT lines (17.3: ``ip nat inside source list``, then ``ip route``;
    # gh-fabferri-azure-csr173-rs-routingcontrol) and the prefix lists after ``ip ssh``, before the
    # named access lists (17.3: after them); IOL-XE and the Catalyst 8000V on 17.12 already do
    # (the 17.12 entries below). 17.4-17.11 are not in the corpus.
    ((17, 15), "ip community-list ", 162),
    # IOL-XE 17.12 already prints the AS-path lists there and the prefix lists before the named
    # access lists (ip forward-protocol nd, ip as-path access-list 1, ip http server; ip prefix-list
    # ..., ip access-list extended 101: gh-alex209-otus-diplom-iolxe1712-dmvpn-pki/r1.cfg, r2.cfg),
    # where a CSR1000v on 17.3 printed both after (see below).
    ((17, 12), "ip as-path ", 163),
    ((17, 12), "ip prefix-list ", 171),
    # IOL-XE 17.12 prints ``no ipv6 cef`` after ``login on-success log`` (ip cef, login
    # on-success log, no ipv6 cef: gh-ciscodevnet-cml-ccna-nat-iol1712, gh-ciscodevnet-cml-ccna-
    # ospf-dr-iol1712, gh-alex209-otus-diplom-iolxe1712-dmvpn-pki), IOS 15 next to ``ip cef``.
    # 16.x-17.11 configs with the line are not in the corpus.
    ((17, 12), "ipv6 cef", 77),
    # ... and ``no cdp log mismatch duplex`` after the IKEv2 blocks, before the transform sets
    # (crypto ikev2 profile ..., no cdp log mismatch duplex, crypto ipsec transform-set:
    # gh-alex209-otus-diplom-iolxe1712-dmvpn-pki/r1.cfg), as 17.15 prints ``cdp run`` (below).
    ((17, 12), "cdp log ", 118),
    # ... and ``cdp run`` / ``lldp run`` after the IKEv2 blocks, before the transform sets
    # (crypto ikev2 profile ..., cdp run, lldp run, crypto ipsec transform-set: both routers of
    # gh-dcantor-cat8000v1715-ipsec-vti-nac), where 17.3 printed them after ``redundancy``
    # (gh-nickrusso-spcor9-csr173-bgp).
    ((17, 15), "cdp run", 118),
    ((17, 15), "lldp run", 118),
    # IOL-XE 17.12 prints the BGP community format between ``ip forward-protocol`` and ``ip
    # http`` as 17.15 does (ip forward-protocol nd, ip bgp-community new-format, ip http server:
    # the ten configs of gh-ipspace-netlab-bgp-localas-initial-iol1712 and -migrated-iol1712),
    # ``lldp run`` after the tracking objects, before the interfaces (username, track 17 ip sla
    # 15 state, lldp run: gh-ipspace-netlab-redundant-small-site-routing-iol1712/gw_a.cfg), and
    # ``no ipv6 cef`` after ``login on-success log`` (ip cef, login on-success log, no ipv6 cef:
    # every IOL-XE 17.12 config of the corpus, gh-ciscodevnet-cml-ccna-*-iol1712 and
    # gh-ipspace-netlab-*-iol1712), ``ipv6 cef`` right after ``ipv6 unicast-routing``, before
    # ``mpls label protocol`` (login on-success log, ipv6 unicast-routing, ipv6 cef, mpls label
    # protocol ldp, multilink: gh-byrn-baker-nautobot-workshop-iol1712/p1.cfg; ranked with them,
    # in creation order), and the ``ipv6 router ospf`` block after the IPv6 static routes, before
    # the IPv6 prefix lists (ipv6 route vrf clab-mgmt ..., ipv6 router ospf 1, ipv6 prefix-list:
    # the same p1.cfg; IOL 15.4/15.5 print it there too, listed in the corpus tests). (The C8000V
    # 17.12 configs of the corpus print none of them.)
    ((17, 12), "ip bgp-community ", 161),
    ((17, 12), "lldp run", 108),
    ((17, 12), "ipv6 router ospf ", 178),
    # IOS-XE prints ``ip host`` first, then ``ip name-server``, then ``ip domain`` (IOL-XE 17.12:
    # ip host, ip name-server, ip domain name, gh-ciscodevnet-cml-ccna-nat-iol1712/edge.cfg;
    # CSR1000v 16.6 and 17.3: ip host, no ip domain lookup, ip domain name,
    # gh-ipspace-netlab-bgp-dmz-bw-csr166/e1.cfg, gh-ipspace-netlab-dhcp-vrf-relay-csr173/srv.cfg);
    # IOS 15 prints ``ip domain`` before ``ip host`` (gh-testoffsurf-hw13-gre-ipsec-pki/r15.cfg).
    ((16, 0), "ip host ", 66),
    # A Catalyst 8000V on 17.12 prints ``ip multicast-routing vrf`` right after the ``ip vrf``
    # blocks, before ``ip domain`` (ip vrf actor, ip multicast-routing vrf actor distributed, no
    # ip domain lookup; gh-automateyournetwork-devnet-c8kv1712-sandbox-brief/cat8000v.cfg); IOS
    # 15.2 after ``ip domain`` (gh-jclarkson-sp-interas-mvpn-te/r1.cfg).
    # (The global ``ip multicast-routing`` keeps its place: no 17.12 config of the corpus has it.)
    ((17, 12), "ip multicast-routing vrf ", 65),
    # ... and its static routes before ``ip nat`` (ip route ..., ip nat inside source list ...,
    # ip ssh bulk-mode: gh-automateyournetwork-devnet-c8kv1712-sandbox/cat8000v.cfg), where
    # IOS 15, a CSR1000v on 17.3 and a C8000V on 17.4 print NAT first
    # (gh-fabferri-azure-csr173-rs-routingcontrol/sea-cust33-csr1.cfg; ip nat inside source list
    # GS_NAT_ACL ..., ip route 0.0.0.0 ...: gh-jwrightazure-c8000v174-bgp-nvas/csr1.cfg); a
    # C8000V on 17.15 prints the routes first too (gh-dcantor-c8000v1715-svti-hub,
    # gh-dcantor-c8000v1715-dmvpn-ikev2). Which of 17.5-17.11 changed it is not in the corpus.
    ((17, 12), "ip route ", 168),
    ((17, 12), "ip nat ", 169),
    # ... and its PIM globals before ``ip http`` (ip forward-protocol nd, ip pim bidir-enable, ip
    # pim rp-address, no ip http server: gh-automateyournetwork-devnet-c8kv1712-sandbox-brief),
    # where IOS 15.0 and 15.2 print them after (gh-jclarkson-bgp-multicast-ssm/r4.cfg,
    # gh-jclarkson-sp-pe-qos-mvpn-te).
    ((17, 12), "ip pim ", 160),
    ((17, 12), "ip msdp ", 160),
    ((16, 0), "ip domain", 68),
    # IOS-XE 16.5-17.3 still print ``enable`` after the boot markers, before ``aaa new-model``
    # (CSR1000v 16.5 gh-jclarkson-csr165-sr-playground/p1.cfg, ISR C1111 16.8 and 16.12
    # gh-ktbyers-pyplus-c1111-cisco3, CSR1000v 16.12 gh-scrapli-cfg-csr1612-vrnetlab, CSR1000v
    # 17.3 gh-anggrdwjy-csr173-mpls-backbone/*.cfg), and so does 17.6 (a Catalyst 9800-L on
    # 17.6.5: logging monitor informational, enable secret, aaa server radius dynamic-author;
    # gh-ytti-oxidized-c9800l-wlc176/wlc1.cfg); a Catalyst 9200L on 17.9 (spanning-tree,
    # errdisable, enable secret, username: gh-ytti-oxidized-c9200l-sw179/sw123.cfg), a Catalyst
    # 8000V on 17.12 (gh-automateyournetwork-devnet-c8kv1712-sandbox/cat8000v.cfg) and 26.2 print
    # it before ``username``. 17.7 and 17.8 are not in the corpus: the first train after the last
    # one seen printing the old place takes the new one.
    ((17, 7), "enable ", 100),
    # IOS-XE 16.12, 17.3 and 17.4 print ``ip tcp`` globals after ``ip forward-protocol``, before
    # ``ip http`` (gh-nickrusso-ansnet2-csr1612-ikev2-vgw,
    # gh-fabferri-azure-csr173-rs-routingcontrol; ip forward-protocol nd, ip tcp window-size 8192,
    # ip http server: gh-jwrightazure-c8000v174-bgp-nvas/csr1.cfg);
    # IOS 15 after ``redundancy``. Earlier 16.x releases are not in the corpus.
    ((16, 12), "ip tcp ", 160),
    # The MPLS TE globals (tunnels, PCC) after ``subscriber templating``, before ``multilink``
    # on CSR1000v 16.5/16.7 (gh-jclarkson-csr165-sr-playground, gh-jclarkson-csr16-segment-routing).
    ((16, 0), "mpls traffic-eng ", 77),
    # ... and so does ``mpls label range`` on a CSR1000v 17.3 (gh-nickrusso-spcor9-csr173-bgp);
    # that 17.3 prints the ``segment-routing mpls`` block after the interfaces, before the
    # router blocks (gh-nickrusso-spauto2-csr173-sr-ospf), not where 16.5 did; and the BGP
    # community lists after ``ip http`` (gh-nickrusso-spauto2-csr173-sr-ospf).
    ((17, 0), "mpls label ", 77),
    # ... and the LDP globals with them (CSR1000v 17.3: subscriber templating, mpls label
    # protocol ldp, mpls ldp neighbor ... password, mpls ldp graceful-restart, no mpls ldp
    # advertise-labels, mpls ldp advertise-labels for ACL, multilink;
    # gh-anggrdwjy-csr173-mpls-backbone/1-p.cfg)
    # ... but not ``mpls ldp router-id``, which IOS 15.0 and IOL-XE 17.12 both print right
    # before control-plane (gh-jclarkson-sp-pe-qos-mvpn-te/p1.cfg; route-map ..., mpls ldp
    # router-id Loopback0 force, control-plane: gh-byrn-baker-nautobot-workshop-iol1712/p1.cfg)
    ((15, 0), "mpls ldp router-id", 199),
    ((17, 0), "mpls ldp ", 77),
    ((17, 0), "segment-routing ", 145),
    ((17, 0), "ip bgp-community ", 167),
    ((17, 0), "ip community-list ", 167),
    ((16, 0), "ipv6 unicast-routing", 77),
    # ... and the IPv6 multicast routing and RIPng globals right after it, before ``multilink``
    # (CSR1000v 16.9: subscriber templating, ipv6 unicast-routing, ipv6 rip vrf-mode enable, ipv6
    # multicast-routing, ipv6 multicast-routing vrf VRF1, multilink bundle-name;
    # gh-genielibs-csr1000v-169-r1xe/r1_xe.cfg), unlike ``ip multicast-routing`` (after ``ip
    # domain``). No 17.x config of the corpus has them.
    ((16, 0), "ipv6 multicast-routing", 77),
    ((16, 0), "ipv6 rip ", 77),
    ((16, 0), "ip as-path ", 167),
)
# Children an older train creates but does not print: IOS 15.0 shows a tunnel-mode transform set
# without ``mode tunnel`` (a 7200, tests/fixtures/real/gh-jclarkson-getvpn-key-server), 15.2 on
# print it (every later IOS 15 config of the corpus). (last train, block kind, line)
HIDDEN_UP_TO_TRAIN: Final[tuple[tuple[tuple[int, int], str, str], ...]] = (
    ((15, 0), "crypto-trans", "mode tunnel"),
)
# Child orders that differ by train: (first train, last train, block kind, order). IOS-XE 16.4-16.9
# print an IKEv2 profile's ``authentication local`` before ``authentication remote`` (the 16.4 and
# 16.9 configs of the corpus); IOS 15, IOS-XE 16.12 (gh-nickrusso-ansnet2-csr1612-ikev2-vgw), 17
# and 26 print remote first. 16.10 and 16.11 are not in the corpus.
_PROFILE_16 = tuple(
    {"authentication remote": "authentication local",
     "authentication local": "authentication remote"}.get(e, e)
    for e in CHILD_ORDER["ikev2-profile"])
# IOS 15 prints an interface's CDP line after the IPv6 lines, before ``crypto map`` (IOL 15.4: ip
# policy route-map, no cdp enable; gh-verttte-otus-lab14-gre-dmvpn-pki/r28.cfg; the base interface
# order above); IOS-XE 17.3 after the link
# settings, before MPLS (CSR1000v: load-interval, negotiation auto, cdp enable, mpls ip;
# gh-anggrdwjy-csr173-mpls-backbone/1-p.cfg), and so does 16.9 as far as the corpus shows it
# (CSR1000v: negotiation auto, cdp enable, no mop enabled; gh-genielibs-csr1000v-169-r1xe), so
# this IOS-XE order starts at 16.0.
_INTERFACE_XE17 = tuple(e for e in _INTERFACE_ORDER if e != "cdp enable")
_INTERFACE_XE17 = (*_INTERFACE_XE17[:_INTERFACE_XE17.index("nat64")], "cdp enable",
                   *_INTERFACE_XE17[_INTERFACE_XE17.index("nat64"):])
# IOL-XE 17.12 prints an interface's ``ipv6 ospf N area`` after ``mpls ip`` (ipv6 address, ipv6
# enable, mpls ip, ipv6 ospf 1 area 0 on four ports of gh-byrn-baker-nautobot-workshop-iol1712/
# p1.cfg), and so does a CSR1000v on 16.9 (ipv6 address, mpls ip, ipv6 ospf 1 area 0 on two
# subinterfaces of gh-genielibs-csr1000v-169-r1xe/r1_xe.cfg).
_INTERFACE_XE17 = tuple(e for e in _INTERFACE_XE17 if e != "ipv6 ospf")
_INTERFACE_XE17 = (*_INTERFACE_XE17[:_INTERFACE_XE17.index("mpls") + 1], "ipv6 ospf",
                   *_INTERFACE_XE17[_INTERFACE_XE17.index("mpls") + 1:])
# IOS-XE prints an interface's ``crypto map`` after the MOP lines (CSR1000V 16.12: negotiation
# auto, no mop enabled, no mop sysid, crypto map Crypt; gh-chaseheim-cnit381-csr1612-cryptomap/
# hq.cfg), where IOS 15 has no MOP line on the ports that carry one (the base order).
_INTERFACE_XE17 = tuple(e for e in _INTERFACE_XE17 if e != "crypto map")
_INTERFACE_XE17 = (*_INTERFACE_XE17[:_INTERFACE_XE17.index("mop sysid") + 1], "crypto map",
                   *_INTERFACE_XE17[_INTERFACE_XE17.index("mop sysid") + 1:])
# IOS 15.2 prints an Ethernet port's ``speed`` before ``duplex``, after ``media-type`` (seven
# Dynamips 7200 labs of the corpus on 15.2: `` speed auto`` / `` duplex auto`` on 50 FastEthernet
# ports, e.g. gh-jclarkson-bgp-multicast-ssm/r4.cfg, gh-jclarkson-ipv6-ipsec-ezvpn-dmvpn; ``
# media-type gbic`` / `` speed 1000`` / `` duplex full``,
# gh-batfish-hybrid-aws-ios152-svti-ikev1/lhr-border-02.cfg), where 15.0 and 15.1 (a 7200 and an
# ISR G2) and IOSv 15.6-15.9 print ``duplex`` first; one ISR G2 on 15.2 prints ``duplex`` first
# too (gh-tmullaly-oxidized-isrg2-backups/r2.cfg, listed in the corpus tests): the lab follows
# the seven.
_INTERFACE_152 = tuple(e for e in _INTERFACE_ORDER if e not in ("duplex", "speed", "media-type"))
_INTERFACE_152 = (*_INTERFACE_152[:_INTERFACE_152.index("negotiation")], "media-type", "speed",
                  "duplex", *_INTERFACE_152[_INTERFACE_152.index("negotiation"):])
CHILD_ORDER_IN_TRAINS: Final[tuple[tuple[tuple[int, int], tuple[int, int], str,
                                         tuple[str, ...]], ...]] = (
    ((16, 0), (16, 11), "ikev2-profile", _PROFILE_16),
    ((15, 2), (15, 2), "interface", _INTERFACE_152),
    ((16, 0), (99, 99), "interface", _INTERFACE_XE17),
    ((16, 0), (99, 99), "interface-tunnel", _INTERFACE_XE17),
)
