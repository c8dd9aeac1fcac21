"""FV601: a block with lines kept verbatim (``extra_lines``) is reported, once per block, with
its first line; the base inventory (no such lines) has none; a raw line carrying a key is
refused by the loader itself (exit 2), never linted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from flexorch.errors import InventoryError
from flexorch.intent import load_fleet
from flexorch.lint import Report
from tests.lint.helpers import Edits, findings

TUNNEL = ("hosts.yaml", "s1", "data", "tunnels", "Tunnel0")


def test_base_has_no_raw_lines(lint: Callable[..., Report]) -> None:
    assert not [f for f in lint({}).findings if f.rule == "FV601"]


def test_each_block_with_raw_lines_is_reported(lint: Callable[..., Report]) -> None:
    report = lint({
        (*TUNNEL, "extra_lines"): ["ip nhrp network-id 1", "ip ospf 1 area 0"],
        ("hosts.yaml", "s1", "data", "ikev2", "extra_lines"): ["crypto ikev2 reconnect"],
    })
    raw = {(f.host, f.path): f.message for f in report.findings if f.rule == "FV601"}
    assert raw == {
        ("s1", "tunnels.Tunnel0.extra_lines"):
            "2 line(s) kept verbatim ('ip nhrp network-id 1' and 1 more): rendered as written, "
            "not checked by lint or the negotiation model",
        ("s1", "ikev2.extra_lines"):
            "1 line(s) kept verbatim ('crypto ikev2 reconnect'): rendered as written, not "
            "checked by lint or the negotiation model",
    }
    assert ("FV601", "s2", "tunnels.Tunnel0.extra_lines") not in findings(report)


@pytest.mark.parametrize(("where", "line", "why"), [
    ((*TUNNEL, "extra_lines"), " key 7 0822455D0A16", "must not carry a key or password"),
    (("hosts.yaml", "s1", "data", "ikev2", "extra_lines"), "ip route 0.0.0.0 0.0.0.0 Null0",
     "is not an IKEv2/IPsec global line"),
    ((*TUNNEL, "extra_lines"), "ip nhrp map ? help", "'?'"),
], ids=["secret", "not-global", "help"])
def test_what_a_raw_line_may_not_be(inventory: Callable[[Edits], Path], where: tuple[str, ...],
                                    line: str, why: str) -> None:
    with pytest.raises(InventoryError) as refused:
        load_fleet(inventory({where: [line]}))
    assert why in str(refused.value)


def test_every_block_with_raw_lines_is_walked() -> None:
    # FV601 walks only the fields whose annotations can lead to a block with extra_lines: a
    # block class reachable only through a field it does not walk would never be reported.
    import inspect
    import pkgutil
    from importlib import import_module

    from pydantic import BaseModel

    import flexorch.intent
    from flexorch.intent.host import HostIntent
    from flexorch.lint.raw_checks import _models_in, _walked

    blocks = {
        cls for info in pkgutil.iter_modules(flexorch.intent.__path__)
        for _, cls in inspect.getmembers(import_module(f"flexorch.intent.{info.name}"),
                                         inspect.isclass)
        if issubclass(cls, BaseModel) and "extra_lines" in cls.model_fields}
    assert len(blocks) >= 15  # the blocks of flexorch.intent that take extra_lines
    reached: set[type[BaseModel]] = set()
    todo: list[type[BaseModel]] = [HostIntent]
    while todo:
        model = todo.pop()
        for name in _walked(model):
            for inner in _models_in(model.model_fields[name].annotation):
                if inner not in reached:
                    reached.add(inner)
                    todo.append(inner)
    # base classes (InterfaceBase, TunnelCommon) are reached through their subclasses
    assert {b for b in blocks if not any(issubclass(r, b) for r in reached)} == set()
