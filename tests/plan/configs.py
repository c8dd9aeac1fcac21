"""Hand-written configs for remediation tests: a spoke and a hub as a router shows them, and the
intended FlexVPN sections for many changes of them. Keys are test values, never real ones."""

from __future__ import annotations

DAY0 = """\
hostname S1
!
vrf definition INET
 rd 65001:100
 !
 address-family ipv4
 exit-address-family
!
vrf definition CORP
 rd 65001:1
 !
 address-family ipv4
 exit-address-family
!
interface Loopback0
 ip address 10.1.1.3 255.255.255.255
!
interface GigabitEthernet1
 description WAN
 ip address 198.51.100.12 255.255.255.0
!
interface GigabitEthernet2
 no ip address
 shutdown
!
ip route 0.0.0.0 0.0.0.0 198.51.100.1
!
"""

# The FlexVPN sections of the spoke as first deployed (also its "intended" in no-change cases).
SPOKE = """\
crypto ikev2 authorization policy FLEX_ROUTES
 route set interface
 route accept any
!
crypto ikev2 proposal OLD_PROP
 encryption aes-cbc-256
 integrity sha256
 prf sha256
 group 14
!
crypto ikev2 policy POL
 match fvrf any
 proposal OLD_PROP
!
crypto ikev2 keyring OLD_KEYS
 peer hub1
  address 192.0.2.1
  identity fqdn hub1.flex1.example
  pre-shared-key Test-Key-0001
 !
!
crypto ikev2 profile OLD_PROF
 match identity remote fqdn hub1.flex1.example
 identity local fqdn s1.flex1.example
 authentication remote pre-share
 authentication local pre-share
 keyring local OLD_KEYS
 dpd 30 5 on-demand
!
crypto ipsec transform-set OLD_TS esp-aes 256 esp-sha256-hmac
 mode tunnel
!
crypto ipsec profile OLD_IPSEC
 set transform-set OLD_TS
 set ikev2-profile OLD_PROF
!
interface Tunnel0
 ip unnumbered Loopback0
 tunnel source GigabitEthernet1
 tunnel mode ipsec ipv4
 tunnel destination 192.0.2.1
 tunnel protection ipsec profile OLD_IPSEC
!
"""

RUNNING = DAY0.replace("ip route 0.0.0.0", SPOKE + "ip route 0.0.0.0", 1)


def spoke(**renames: str) -> str:
    """The spoke's FlexVPN sections with objects renamed (``OLD_PROP="NEW_PROP"``...)."""
    text = SPOKE
    for old, new in renames.items():
        text = text.replace(old, new)
    return text


def edit(text: str, *pairs: tuple[str, str]) -> str:
    """``text`` with each (old, new) replaced once; fails loudly when ``old`` is not there."""
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


HUB = """\
hostname H1
!
interface Loopback0
 ip address 10.1.0.1 255.255.255.255
!
interface GigabitEthernet1
 ip address 192.0.2.1 255.255.255.0
!
crypto ikev2 proposal P1
 encryption aes-gcm-256
 prf sha512
 group 21 20
!
crypto ikev2 policy POL
 match fvrf any
 proposal P1
!
crypto ikev2 keyring KEYS
 peer s1
  identity fqdn s1.flex1.example
  pre-shared-key Test-Key-0001
 !
 peer s2
  identity fqdn s2.flex1.example
  pre-shared-key Test-Key-0002
 !
!
crypto ikev2 profile FLEX
 match identity remote fqdn s1.flex1.example
 match identity remote fqdn s2.flex1.example
 identity local fqdn hub1.flex1.example
 authentication remote pre-share
 authentication local pre-share
 keyring local KEYS
 virtual-template 1
!
crypto ipsec transform-set TS esp-gcm 256
 mode tunnel
!
crypto ipsec profile IPSEC
 set transform-set TS
 set ikev2-profile FLEX
!
interface Virtual-Template1 type tunnel
 ip unnumbered Loopback0
 tunnel mode ipsec ipv4
 tunnel protection ipsec profile IPSEC
!
"""

HUB_DAY0 = HUB.split("crypto ikev2 proposal", maxsplit=1)[0]
HUB_MANAGED = "crypto ikev2 proposal" + HUB.split("crypto ikev2 proposal", 1)[1]
