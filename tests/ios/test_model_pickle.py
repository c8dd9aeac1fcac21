"""The model's frozen slotted values pickle as the tuple of their field values (``reader.
flat_state``): every corpus config's model comes back from a pickle equal, field by field, and
a state written by the ``dataclasses`` pair (a list) still loads."""

from __future__ import annotations

import copy
import dataclasses
import ipaddress
import pickle
from pathlib import Path
from typing import Any

import pytest

from flexorch.ios import model
from flexorch.ios.model import Interface, Nhrp, Proposal, RouterConfig
from flexorch.ios.model.reader import flat_state
from tests.ios.test_model_corpus import CONFIGS

TESTS = Path(__file__).resolve().parents[1]


def _fields(config: RouterConfig) -> dict[str, Any]:
    # RouterConfig compares by identity (eq=False): its fields are compared one by one
    return {f.name: getattr(config, f.name) for f in dataclasses.fields(RouterConfig)}


def _model_classes() -> list[type]:
    found = []
    for module in (model.aaa, model.blocks, model.interfaces, model.pki, model.reader,
                   model.router, model.values):
        for value in vars(module).values():
            if (isinstance(value, type) and value.__module__ == module.__name__
                    and dataclasses.is_dataclass(value) and "__slots__" in value.__dict__
                    and value.__dataclass_params__.frozen):  # type: ignore[attr-defined]
                found.append(value)
    return found


def test_the_corpus_is_there() -> None:
    assert len(CONFIGS) > 100


@pytest.mark.parametrize("path", CONFIGS, ids=lambda p: str(p.relative_to(TESTS)))
def test_a_corpus_model_comes_back_from_a_pickle_equal(path: Path) -> None:
    config = RouterConfig.from_text(path.read_text(encoding="utf-8", errors="replace"))
    back = pickle.loads(pickle.dumps(config, protocol=pickle.HIGHEST_PROTOCOL))
    assert _fields(back) == _fields(config)
    assert _fields(copy.deepcopy(config)) == _fields(config)


def test_every_frozen_slotted_model_class_has_the_flat_state() -> None:
    classes = _model_classes()
    assert Interface in classes and Proposal in classes and Nhrp in classes
    for cls in classes:
        assert cls.__getstate__.__qualname__ == "__getstate__", cls  # not _dataclass_getstate
        fresh: Any = object.__new__(cls)
        values = tuple(f"v{i}" for i in range(len(dataclasses.fields(cls))))
        fresh.__setstate__(values)
        assert fresh.__getstate__() == values, cls
        assert [getattr(fresh, f.name) for f in dataclasses.fields(cls)] == list(values), cls


def test_the_state_is_the_field_values_in_order() -> None:
    intf = Interface("Tunnel1", description="to hub", mtu=1400,
                     ipv4=(ipaddress.IPv4Interface("10.0.0.1/24"),), tunnel_source="Gi1")
    state: Any = intf.__getstate__()
    assert state[:4] == ("Tunnel1", None, "to hub", False)  # name, template_type, ..., shutdown
    assert len(state) == len(dataclasses.fields(Interface))


def test_a_state_pickled_by_the_dataclasses_pair_still_loads() -> None:
    intf = Interface("Tunnel7", mtu=1380, tunnel_destination="198.51.100.7")
    as_list = [getattr(intf, f.name) for f in dataclasses.fields(Interface)]  # 3.11's format
    fresh: Any = object.__new__(Interface)
    fresh.__setstate__(as_list)
    assert fresh == intf


def test_other_classes_are_left_alone() -> None:
    @dataclasses.dataclass(frozen=True)
    class NoSlots:
        a: int

    @dataclasses.dataclass(slots=True)
    class NotFrozen:
        a: int

    for cls in (NoSlots, NotFrozen, int):
        before = getattr(cls, "__getstate__", None)
        assert flat_state(cls) is cls
        assert getattr(cls, "__getstate__", None) is before
