"""Frozen intent models made from values that are valid already, sharing what is equal.

Loading validates every value once (``flexorch.intent.validate``); derived lines are made of
validated parts (``flexorch.intent.derive``). Making those models again through pydantic's
validation would check the same values a second time and copy every default and every set of
given field names per object: at 100,000 spokes, a large part of the fleet's memory. Here a
default is one object shared by every model that does not set it, and pydantic's set of given
field names is one object per distinct set (``field_set``).

Nothing may change a loaded model's dicts or lists in place: they are shared (the models are
frozen; their containers are not).
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)
_FIELD_SETS: dict[frozenset[str], set[str]] = {}
_DEFAULTS: dict[type[BaseModel], dict[str, Any]] = {}
_NAMES: dict[type[BaseModel], tuple[str, ...]] = {}  # fields in order (``model_fields`` is slow)


def field_set(names: frozenset[str]) -> set[str]:
    """The one ``set`` of ``names`` shared by every model given those fields."""
    known = _FIELD_SETS.get(names)
    if known is None:
        known = _FIELD_SETS[names] = set(names)
    return known


def defaults(cls: type[BaseModel]) -> dict[str, Any]:
    """Field -> default value of ``cls`` (fields without a default left out), one object each
    (pydantic deep-copies a model default and calls ``dict()`` per instance)."""
    known = _DEFAULTS.get(cls)
    if known is None:
        known = _DEFAULTS[cls] = {
            name: info.get_default(call_default_factory=True, validated_data={})
            for name, info in cls.model_fields.items() if not info.is_required()}
    return known


def field_names(cls: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``cls`` in order (pydantic's ``model_fields`` is a slow property)."""
    names = _NAMES.get(cls)
    if names is None:
        names = _NAMES[cls] = tuple(cls.model_fields)
    return names


def construct(cls: type[M], values: dict[str, Any], given: set[str]) -> M:
    """What ``cls.model_construct(_fields_set=given, **values)`` makes when ``values`` has every
    field of ``cls`` in field order (and ``cls`` no private attributes or post-init): the four
    attributes pydantic sets on an instance, without its loop over fields and aliases (4x
    faster; ``tests/intent/test_shared_load.py`` holds the two equal)."""
    model = cls.__new__(cls)
    setattr_ = object.__setattr__
    setattr_(model, "__dict__", values)
    setattr_(model, "__pydantic_fields_set__", given)
    setattr_(model, "__pydantic_extra__", None)
    setattr_(model, "__pydantic_private__", None)
    return model


_REQUIRED: Any = object()  # a field without a default, in ``_template``
_TEMPLATES: dict[type[BaseModel], tuple[dict[str, Any], frozenset[str]]] = {}


def _template(cls: type[BaseModel]) -> tuple[dict[str, Any], frozenset[str]]:
    """Every field of ``cls`` in order with its default (``_REQUIRED`` when it has none), and
    the fields without one."""
    known = _TEMPLATES.get(cls)
    if known is None:
        fallback = defaults(cls)
        known = _TEMPLATES[cls] = (
            {name: fallback.get(name, _REQUIRED) for name in field_names(cls)},
            frozenset(name for name in field_names(cls) if name not in fallback))
    return known


def build(cls: type[M], **values: Any) -> M:
    """A ``cls`` of ``values`` (valid already: nothing is checked) and shared defaults."""
    template, required = _template(cls)
    # the template's order, each given value in its field's place (a dict keeps the position
    # of a key updated)
    full = {**template, **values}
    if len(full) != len(template) or not values.keys() >= required:  # not a field; a missing
        fallback = defaults(cls)                                      # field's KeyError
        full = {name: values[name] if name in values else fallback[name]
                for name in field_names(cls)}
    return construct(cls, full, field_set(frozenset(values)))


def copy_with(model: M, **update: Any) -> M:
    """``model.model_copy(update=update)`` (``update``'s values valid already), the set of
    given fields shared."""
    given = model.__pydantic_fields_set__
    return construct(type(model), {**model.__dict__, **update},
                     field_set(frozenset(given.union(update))))
