"""show running-config on IOS-XE 17.4, the first train between 17.3 and 17.12 in the corpus.

Every line is typed by hand from tests/fixtures/real/gh-jwrightazure-c8000v174-bgp-nvas/csr1.cfg
(a C8000V image on 17.4 in Azure: ``version 17.4``, ``license udi pid C8000V``); every expected
order is the file's own.
"""

from __future__ import annotations

from flexorch.ios.config import ConfigTree
from tests.ios.test_engine_families import _body, _tree


def _lines(tree: ConfigTree) -> list[str]:
    """The shown config's lines without the ``!`` separators."""
    return [line for line in _body(tree).splitlines() if line.strip() != "!"]


def test_17_4_still_prints_diagnostic_before_memory_free() -> None:
    # csr1.cfg: license udi pid C8000V sn 9TQGN7QFCNC, diagnostic bootup level minimal,
    # memory free low-watermark processor 69173. As on 16.12 and 17.3 the two share a place
    # (creation order); 17.12 on print memory free first whatever the order.
    typed = ["diagnostic bootup level minimal", "memory free low-watermark processor 69173"]
    lines = _lines(_tree(["version 17.4", *typed]))
    assert lines.index("diagnostic bootup level minimal") \
        < lines.index("memory free low-watermark processor 69173")
    newer = _lines(_tree(["version 17.12", *typed]))
    assert newer.index("memory free low-watermark processor 69173") \
        < newer.index("diagnostic bootup level minimal")


def test_17_4_prints_nat_before_the_static_routes_and_ip_tcp_before_ip_http() -> None:
    # csr1.cfg: ip forward-protocol nd, ip tcp window-size 8192, ip http server, ip http
    # secure-server, ip nat inside source list GS_NAT_ACL interface GigabitEthernet1 vrf GS
    # overload, ip route 0.0.0.0 0.0.0.0 10.255.0.1, ip ssh version 2, ip access-list standard
    nat = "ip nat inside source list GS_NAT_ACL interface GigabitEthernet1 vrf GS overload"
    tree = _tree(["version 17.4", "ip access-list standard GS_NAT_ACL",
                  " 10 permit 192.168.35.0 0.0.0.255", "ip route 0.0.0.0 0.0.0.0 10.255.0.1",
                  "ip ssh version 2", "ip http server", "ip tcp window-size 8192",
                  "vrf definition GS", " rd 100:100", " address-family ipv4",
                  "interface GigabitEthernet1", " ip address dhcp", " ip nat outside", nat])
    lines = _lines(tree)
    assert lines.index("ip tcp window-size 8192") < lines.index("ip http server") \
        < lines.index(nat) < lines.index("ip route 0.0.0.0 0.0.0.0 10.255.0.1") \
        < lines.index("ip ssh version 2") < lines.index("ip access-list standard GS_NAT_ACL")
    acl = lines.index("ip access-list standard GS_NAT_ACL")
    assert lines[acl + 1] == " 10 permit 192.168.35.0 0.0.0.255"
