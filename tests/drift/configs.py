"""Hand-written configs for the drift tests: a spoke's intended FlexVPN sections (as render
prints them) and the running config a real IOS-XE spoke shows for the same settings."""

from __future__ import annotations

PSK = "Spoke-Key-For-Drift-Tests-0001"

INTENDED = f"""\
aaa new-model
aaa authorization network FLEX_LOCAL local
!
crypto ikev2 authorization policy FLEX_ROUTES
 route set interface
 route accept any
!
crypto ikev2 proposal FLEX_NGE
 encryption aes-gcm-256
 prf sha512
 group 21 20
!
crypto ikev2 policy FLEX_POLICY
 match fvrf any
 proposal FLEX_NGE
!
crypto ikev2 keyring FLEX_KEYS
 peer hub1
  address 192.0.2.1
  identity fqdn hub1.flex1.example
  pre-shared-key {PSK}
!
crypto ikev2 profile FLEX
 match fvrf any
 match identity remote fqdn hub1.flex1.example
 match identity remote fqdn hub2.flex1.example
 identity local fqdn spoke.flex1.example
 authentication remote pre-share
 authentication local pre-share
 keyring local FLEX_KEYS
 dpd 30 5 on-demand
 aaa authorization group psk list FLEX_LOCAL FLEX_ROUTES
!
crypto ikev2 cts sgt
crypto ikev2 fragmentation mtu 1200
!
crypto ipsec transform-set FLEX_TS esp-gcm 256
 mode tunnel
!
crypto ipsec profile FLEX_IPSEC
 set transform-set FLEX_TS
 set ikev2-profile FLEX
!
interface Loopback0
 ip address 10.1.1.2 255.255.255.255
!
interface Tunnel0
 description GRE over IPsec to hub1
 ip unnumbered Loopback0
 tunnel source GigabitEthernet1
 tunnel destination 192.0.2.1
 tunnel protection ipsec profile FLEX_IPSEC
!
"""

# The same settings as a router prints them, with everything IOS adds around them: the show-run
# banner, sections the intent does not manage, hidden defaults typed by someone (IOS accepts
# them and a config file may carry them), lines in another order inside blocks where IOS does
# not care, and the sections in another order.
RUNNING = f"""\
Building configuration...

Current configuration : 2817 bytes
!
! Last configuration change at 10:12:01 UTC Mon Nov 2 2026 by flexorch
!
version 17.9
hostname spoke
!
aaa new-model
!
aaa authorization network FLEX_LOCAL local
!
username flexorch privilege 15 secret 9 $9$JZFGyKJNOtPZWI$D0QWZG5L/evEb.O6BozF/6QHCRtR.mpk
!
crypto ikev2 authorization policy FLEX_ROUTES
 route accept any
 route set interface
!
crypto ikev2 proposal FLEX_NGE
 encryption aes-gcm-256
 prf sha512
 group 21 20
!
crypto ikev2 policy FLEX_POLICY
 match fvrf any
 proposal FLEX_NGE
!
crypto ikev2 keyring FLEX_KEYS
 peer hub1
  address 192.0.2.1
  identity fqdn hub1.flex1.example
  pre-shared-key {PSK}
 !
!
crypto ikev2 profile FLEX
 match fvrf any
 match identity remote fqdn hub2.flex1.example
 match identity remote fqdn hub1.flex1.example
 identity local fqdn spoke.flex1.example
 authentication remote pre-share
 authentication local pre-share
 keyring local FLEX_KEYS
 dpd 30 5 on-demand
 aaa authorization group psk list FLEX_LOCAL FLEX_ROUTES
 lifetime 86400
!
crypto ikev2 window 5
crypto ikev2 fragmentation mtu 1200
crypto ikev2 cts sgt
!
crypto pki trustpoint OTHER_CA
 enrollment terminal
 revocation-check none
!
crypto ipsec transform-set FLEX_TS esp-gcm 256
 mode tunnel
!
crypto ipsec profile FLEX_IPSEC
 set security-association lifetime seconds 3600
 set transform-set FLEX_TS
 set ikev2-profile FLEX
!
interface Loopback0
 ip address 10.1.1.2 255.255.255.255
!
interface Tunnel0
 description GRE over IPsec to hub1
 ip unnumbered Loopback0
 tunnel source GigabitEthernet1
 tunnel mode gre ip
 tunnel destination 192.0.2.1
 tunnel protection ipsec profile FLEX_IPSEC
!
interface GigabitEthernet1
 description WAN
 ip address 198.51.100.11 255.255.255.0
!
ip route 0.0.0.0 0.0.0.0 198.51.100.1
!
line vty 0 4
 transport input ssh
!
end
"""


def edit(text: str, *pairs: tuple[str, str]) -> str:
    """``text`` with each (old, new) replaced exactly once (the test fails if ``old`` is not
    there: an edit that silently did nothing would make the test meaningless)."""
    for old, new in pairs:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        text = text.replace(old, new)
    return text
