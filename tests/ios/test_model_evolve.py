"""``reader.evolve``, the copy the model's rows make per line: the same value
``dataclasses.replace`` gives, the original untouched; a value whose ``__init__`` computes
fields is copied through ``__init__``."""

from __future__ import annotations

import ipaddress
from dataclasses import fields, replace

import pytest

from flexorch.ios.cli.slots import Slots
from flexorch.ios.model import Interface
from flexorch.ios.model.blocks import Profile
from flexorch.ios.model.reader import evolve


def test_every_field_of_an_interface_is_copied_or_changed() -> None:
    intf = Interface("Tunnel1", description="to hub", shutdown=True, mtu=1400,
                     ipv4=(ipaddress.IPv4Interface("10.0.0.1/24"),), tunnel_source="Gi1")
    for field in fields(Interface):
        changed = evolve(intf, **{field.name: "x"})
        assert changed == replace(intf, **{field.name: "x"})
        assert getattr(changed, field.name) == "x"
    assert intf.description == "to hub"
    assert intf.mtu == 1400


def test_several_changes_at_once() -> None:
    profile = Profile("P", description="d", ivrf="A")
    changed = evolve(profile, ivrf="B", nat_keepalive=20)
    assert (changed.name, changed.description, changed.ivrf, changed.nat_keepalive) == \
        ("P", "d", "B", 20)
    assert (profile.ivrf, profile.nat_keepalive) == ("A", None)


def test_an_unknown_field_is_refused() -> None:
    with pytest.raises(TypeError, match="colour"):
        evolve(Interface("Tunnel1"), colour="red")


def test_a_value_with_a_post_init_goes_through_init() -> None:
    # Slots builds its name index in __post_init__: a field-by-field copy would keep the old one.
    slots = evolve(Slots((("name", "A"),)), items=(("name", "B"), ("vrf", "V")))
    assert slots.one("name") == "B"
    assert slots.one("vrf") == "V"
