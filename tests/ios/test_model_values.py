"""The model's interface addresses made from their text, checked against ``ipaddress`` itself.

``ipv4_interface`` / ``ipv6_interface`` take a faster way for the text IOS prints; the value
(address, network, mask, prefix length, scope, printed form) and every error must be what
``ipaddress.IPv4Interface`` / ``IPv6Interface`` give for the same text. No expectation is
produced by running flexorch: the reference is the standard library.
"""

from __future__ import annotations

import ipaddress
import random
from typing import Any

import pytest

from flexorch.ios.model.values import ipv4_interface, ipv6_interface


def _state(value: Any) -> tuple[object, ...]:
    """Everything an interface address holds (its slots and its attributes), and how it
    prints."""
    net = value.network
    return (type(value), value._ip, getattr(value, "_scope_id", None), sorted(vars(value)),
            value.netmask, value._prefixlen,
            type(net), net.network_address, net.netmask, net._prefixlen, str(value),
            repr(value), hash(value), value.with_prefixlen, value.with_netmask)


def _same(made: Any, reference: Any) -> None:
    try:
        expected = _state(reference())
    except ValueError as exc:
        with pytest.raises(type(exc)) as raised:
            made()
        assert str(raised.value) == str(exc)
        return
    assert _state(made()) == expected


@pytest.mark.parametrize(("address", "mask"), [
    ("10.3.200.1", "255.255.255.0"), ("0.0.0.0", "0.0.0.0"), ("255.255.255.255", "32"),
    ("192.0.2.1", "255.255.255.255"), ("192.0.2.1", "255.255.255.254"), ("10.0.0.1", "24"),
    ("10.0.0.1", "0.0.0.255"), ("10.0.0.1", "255.0.255.0"), ("10.0.0.1", "33"),
    ("10.0.0.1", ""), ("10.0.0.1", "1/2"), ("010.0.0.1", "255.0.0.0"), ("256.0.0.1", "8"),
    ("1.2.3", "8"), ("1.2.3.4.5", "8"), ("\u0661.2.3.4", "8"), ("10.0.0.1", "\u0662\u0664"),
    ("a.b.c.d", "8"), ("", "8"),
])
def test_ipv4_edge_cases_are_the_library_s(address: str, mask: str) -> None:
    _same(lambda: ipv4_interface(address, mask),
          lambda: ipaddress.IPv4Interface(f"{address}/{mask}"))


def test_generated_ipv4_interfaces_are_the_library_s() -> None:
    rnd = random.Random(30)
    octets = [str(n) for n in range(0, 300, 7)] + ["00", "01", "255", "256", ""]
    masks = [str(n) for n in range(34)] + [
        str(ipaddress.IPv4Address((0xFFFFFFFF << (32 - n)) & 0xFFFFFFFF)) for n in range(33)]
    for _ in range(5_000):
        address = ".".join(rnd.choice(octets) for _ in range(rnd.choice((3, 4, 4, 4))))
        mask = rnd.choice(masks)
        _same(lambda a=address, m=mask: ipv4_interface(a, m),
              lambda a=address, m=mask: ipaddress.IPv4Interface(f"{a}/{m}"))


@pytest.mark.parametrize("prefix", [
    "2001:DB8::2:1/64", "2001:DB8:FFFF::2:1/128", "::/0", "::1/128", "FE80::1/10",
    "2001:db8::1/127", "2001:0db8:0000::0001/48", "1:2:3:4:5:6:7:8/64", "1:2:3:4:5:6:7::/64",
    "2001:DB8::1/129", "2001:DB8::1/", "2001:DB8::1", "2001:DB8::1/064", "2001:DB8::1/\u0666\u0664",
    "2001:DB8::1/64/64", "2001:DB8::1%eth0/64", "::FFFF:1.2.3.4/96", "1::2::3/64", ":1::2/64",
    "00001::/64", "2001:DB8::G/64", "/64", "", "2001:DB8::1/ 64",
])
def test_ipv6_edge_cases_are_the_library_s(prefix: str) -> None:
    _same(lambda: ipv6_interface(prefix), lambda: ipaddress.IPv6Interface(prefix))


def test_generated_ipv6_interfaces_are_the_library_s() -> None:
    rnd = random.Random(31)
    pieces = ["", "0", "00", "0000", "1", "a", "A", "fFfF", "00a0", "12345", "db8", "2001", ":"]
    for _ in range(5_000):
        address = ":".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 10)))
        prefix = f"{address}/{rnd.choice((0, 1, 64, 127, 128, 129))}"
        _same(lambda p=prefix: ipv6_interface(p), lambda p=prefix: ipaddress.IPv6Interface(p))
    for _ in range(2_000):
        address = ipaddress.IPv6Address(rnd.getrandbits(128) & rnd.choice(
            [(1 << 128) - 1, 0xFFFF0000FFFF0000FFFF00000000FFFF]))
        for text in (address.exploded, address.compressed.upper()):
            prefix = f"{text}/{rnd.randint(0, 128)}"
            _same(lambda p=prefix: ipv6_interface(p),
                  lambda p=prefix: ipaddress.IPv6Interface(p))
