"""Validating merged hosts: each top-level key once where it is written, shared where it can be.

A key a host takes from its groups or defaults is validated once per group (or defaults) entry,
and the resulting frozen object is shared by every host that takes it: the hosts of one set of
groups share one dict of group values (``Chain``) and one origin table. A host's own keys are
validated for that host. The host is then put together from those values as they are
(``_assemble``): ``HostIntent.model_validate`` on the merged values would validate every key a
second time and give every host its own copy of every group block and default (gigabytes of
equal dicts at 100,000 spokes). What only the whole model checks (the router name, hubs against
the role) is checked too; when it fails, or a group value is invalid, the host goes the slow
way (every key in order, then ``model_validate``) for exactly the error it has always given.

Values are shared, never copied: nothing may change a loaded host's dicts or lists in place
(the models are frozen; their containers are not).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Annotated, Any, NamedTuple

from pydantic import TypeAdapter, ValidationError

from flexorch.errors import InventoryError
from flexorch.intent.errors import describe, format_path
from flexorch.intent.host import DATA_KEYS, HostIntent, RouterName, check_role
from flexorch.intent.loader import RawInventory, Source, located_error, resolution_order
from flexorch.intent.shared import build

ATTR_KEYS = ("hostname", "port", "platform", "connection_options")
_TOP_KEYS = (*ATTR_KEYS, "groups")
_KEYS = (*ATTR_KEYS, *DATA_KEYS)
_DATA_INDEX = {key: index for index, key in enumerate(DATA_KEYS)}
_FIELDS = HostIntent.model_fields
_NAME = TypeAdapter(RouterName)
FORKED_HOSTS = 2000  # hosts from which worker processes validate them


def _provides(source: Source, key: str) -> bool:
    """True when ``source`` sets ``key`` (a connection attribute set to null does not)."""
    if key in ATTR_KEYS:
        return source.attrs.get(key) is not None
    return key in source.data


def _first(order: list[Source], key: str) -> Source | None:
    """The first of ``order`` that sets ``key``."""
    return next((source for source in order if _provides(source, key)), None)


def _raw_value(source: Source, key: str) -> Any:
    return source.attrs[key] if key in ATTR_KEYS else source.data[key]


class Chain(NamedTuple):
    """What hosts of one list of groups take from those groups and the defaults."""

    origins: dict[str, Source]  # key -> the group (or defaults) entry it comes from
    values: dict[str, Any] | None  # validated; None when one of them is invalid
    groups: list[str]


class HostOrigins(Mapping[str, Source]):
    """Where each top-level key of one host comes from: the host entry for what it sets itself,
    else its groups' ``Chain`` (one small object per host instead of a dict of every key)."""

    __slots__ = ("_chain", "_host")

    def __init__(self, host: Source, chain: dict[str, Source]) -> None:
        self._host = host
        self._chain = chain

    def __getitem__(self, key: str) -> Source:
        if key in _FIELDS and _provides(self._host, key):
            return self._host
        return self._chain[key]

    def __iter__(self) -> Iterator[str]:
        return (key for key in _KEYS if key in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __contains__(self, key: object) -> bool:
        return key in self._chain or (
            isinstance(key, str) and key in _FIELDS and _provides(self._host, key))


class HostValidator:
    """Validates hosts one by one; values from groups or defaults are validated once."""

    def __init__(self, raw: RawInventory) -> None:
        self.raw = raw
        self._adapters: dict[str, TypeAdapter[Any]] = {}
        self._cache: dict[tuple[int, str], Any] = {}
        self._chains: dict[tuple[str, ...], Chain] = {}
        self.origins: dict[str, Mapping[str, Source]] = {}

    def _adapter(self, key: str) -> TypeAdapter[Any]:
        adapter = self._adapters.get(key)
        if adapter is None:
            info = _FIELDS[key]
            annotation: Any = info.annotation
            if info.metadata:
                annotation = Annotated[(annotation, *info.metadata)]
            adapter = TypeAdapter(annotation)
            self._adapters[key] = adapter
        return adapter

    def _validated(self, key: str, source: Source, value: Any) -> Any:
        """``value`` of ``key`` validated (once per group or defaults entry). Raises
        ValidationError."""
        if source.kind == "host":
            return self._adapter(key).validate_python(value)
        cache_key = (id(source), key)
        if cache_key not in self._cache:
            self._cache[cache_key] = self._adapter(key).validate_python(value)
        return self._cache[cache_key]

    def _value(self, host: str, key: str, source: Source, value: Any) -> Any:
        try:
            return self._validated(key, source, value)
        except ValidationError as exc:
            problem = describe(exc, HostIntent, [key])
            head: list[str | int] = [] if key in ATTR_KEYS else ["data"]
            path = format_path([*head, *problem.path])
            raise located_error(
                source, problem.message, [*head, *problem.where], host=host, path=path
            ) from None

    def _chain(self, host: Source) -> Chain:
        """The ``Chain`` of ``host``'s list of groups, made when first asked for."""
        chain = self._chains.get(tuple(host.parents))
        if chain is not None:
            return chain
        order = resolution_order(host, self.raw)[1:]
        origins = {key: src for key in _KEYS if (src := _first(order, key)) is not None}
        try:
            values: dict[str, Any] | None = {
                key: self._validated(key, src, _raw_value(src, key))
                for key, src in origins.items()}
        except ValidationError:
            values = None  # each host validated key by key, for its own error
        chain = self._chains[tuple(host.parents)] = Chain(origins, values, list(host.parents))
        return chain

    def validate(self, name: str) -> HostIntent:
        """Host ``name`` merged and validated. Raises InventoryError (the first problem)."""
        source = self.raw.hosts[name]
        chain = self._chain(source)
        origins: Mapping[str, Source]
        if chain.values is None:
            values, origins = self._merge_in_order(name, source)
        else:
            values = {"name": name, **chain.values}
            for key in ATTR_KEYS:
                if _provides(source, key):
                    values[key] = self._value(name, key, source, source.attrs[key])
            values.setdefault("hostname", name)
            values["groups"] = chain.groups
            for key in sorted(source.data, key=_DATA_INDEX.__getitem__):
                values[key] = self._value(name, key, source, source.data[key])
            origins = HostOrigins(source, chain.origins)
        self.origins[name] = origins
        for required in ("site", "role", "credentials"):
            if required not in values:
                raise located_error(
                    source,
                    f"missing required data key '{required}' (set it on the host, "
                    "one of its groups or defaults)",
                    ["data"],
                    host=name,
                    path="data",
                )
        return self._assemble(values) or self._whole(name, source, values, origins)

    def validated(self, name: str) -> HostIntent | None:
        """``validate(name)``, or None: when it fails, when its entry could not be read or
        merged (``RawInventory.problems``), or when its groups have an invalid value (then it
        is validated key by key with ``validate``, for its error and its own origins)."""
        source = self.raw.hosts.get(name)
        if source is None or name in self.raw.problems.names \
                or self._chain(source).values is None:
            return None
        try:
            return self.validate(name)
        except InventoryError:
            return None

    def validate_many(self, names: Sequence[str],
                      each: Callable[[list[HostIntent | None]], None] | None = None
                      ) -> list[HostIntent | None]:
        """``validated`` of each of ``names``, in order (None: a host to validate again with
        ``validate``). From ``FORKED_HOSTS`` hosts on, worker processes validate contiguous
        runs of them (``flexorch.forked``; a host comes back pickled in about a third of what
        validating it costs) and their origins are found here (``HostOrigins`` of its groups'
        ``Chain``, made here once per list of groups). ``each``, only then: called here with
        each run's hosts as soon as this process has them, in no set order
        (``forked_map``'s ``each``)."""
        from flexorch.forked import forked_map

        hosts = forked_map(self.validated, names, minimum=FORKED_HOSTS,
                           each=None if each is None else lambda _, run: each(run))
        for name, host in zip(names, hosts, strict=True):
            if host is not None and name not in self.origins:  # validated by a worker
                source = self.raw.hosts[name]
                self.origins[name] = HostOrigins(source, self._chain(source).origins)
        return hosts

    def _merge_in_order(self, name: str, source: Source) -> tuple[dict[str, Any],
                                                                    dict[str, Source]]:
        """The values and origins of a host whose groups have an invalid value: every key in
        order, so that the host's first problem is the one raised."""
        order = resolution_order(source, self.raw)
        values: dict[str, Any] = {"name": name}
        origins: dict[str, Source] = {}
        for key in _KEYS:
            src = _first(order, key)
            if src is not None:
                values[key] = self._value(name, key, src, _raw_value(src, key))
                origins[key] = src
            if key == ATTR_KEYS[-1]:
                values.setdefault("hostname", name)
                values["groups"] = list(source.parents)
        return values, origins

    def _assemble(self, values: dict[str, Any]) -> HostIntent | None:
        """The host of ``values`` (each validated with its field's type) as they are, or None
        when the name or the role's rule fails."""
        try:
            _NAME.validate_python(values["name"])
            check_role(values["role"], values.get("hubs", ()))
        except (ValidationError, ValueError):
            return None
        return build(HostIntent, **values)

    def _whole(self, name: str, source: Source, values: dict[str, Any],
               origins: Mapping[str, Source]) -> HostIntent:
        """``values`` validated as a whole model: the error of a rule across keys, located."""
        try:
            return HostIntent.model_validate(values)
        except ValidationError as exc:
            first = exc.errors(include_url=False)[0]
            problem = describe(exc, HostIntent, [])
            if first["loc"] and first["loc"][0] == "name":
                raise located_error(source, problem.message, [], host=name) from None
            if not first["loc"]:  # a rule across keys (role vs hubs): point at the role
                src = origins.get("role", source)
                raise located_error(
                    src, problem.message, ["data", "role"], host=name, path="data.role"
                ) from None
            key = str(first["loc"][0])
            head: list[str | int] = [] if key in _TOP_KEYS else ["data"]
            raise located_error(
                origins.get(key, source),
                problem.message,
                [*head, *problem.where],
                host=name,
                path=format_path([*head, *problem.path]),
            ) from None
