"""Render validated intent to IOS-XE configuration text with Jinja2.

One template per IOS block under ``templates/``; ``config.j2`` includes them in IOS running-config
order (the one place that order lives). Templates receive only validated models. Output is what
``show running-config`` would print for those sections: canonical spelling, one space of indent
per level, hidden defaults (``flexorch.ios.facts.platform.HIDDEN_DEFAULTS``) left out.

Secrets are resolved through ``Fleet.resolve`` only when ``reveal=True`` (the default for the
functions other modules call to push config); ``reveal=False`` renders ``******`` and needs no
secret to be set, which is what ``flexorch render`` writes unless ``--with-secrets`` is given.

A masked rendering is a pure function of the host's (frozen) intent, so it is computed once per
host and fleet (``host_memo``): lint, ``flexorch render``, prediction and plan in one process
(``flexorch rollout`` lints, then plans) share it. A rendering with secrets is never kept: a
secret is resolved afresh on every use, as its variable or file may change between runs.
"""

from __future__ import annotations

import ipaddress
import operator
import re
import threading
import weakref
from collections.abc import Callable, Iterator
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from pydantic import BaseModel

from flexorch.errors import UnknownTargetError
from flexorch.intent.raw import raw_text
from flexorch.ios.facts import HIDDEN_DEFAULTS, block_kind, interface_sort_key
from flexorch.paths import resource_dir
from flexorch.secrets import MASK, SecretRef

if TYPE_CHECKING:
    from jinja2 import Environment, Template

    from flexorch.intent.fleet import Fleet
    from flexorch.intent.host import HostIntent

# printable ASCII except space and '?' (fullmatch: ``$`` would let a final line break through)
_SECRET_TOKEN = re.compile(r"[!->@-~]+")
DAY0 = frozenset({"day0"})
MANAGED = frozenset({"managed"})
FULL = DAY0 | MANAGED

# Interface kinds: which HostIntent field holds them and whether they are day-0 or managed.
_INTERFACE_FIELDS = (
    ("interfaces", "physical", "day0"),
    ("loopbacks", "loopback", "managed"),
    ("tunnels", "tunnel", "managed"),
    ("virtual_templates", "virtual_template", "managed"),
)


def ios_text(value: Any) -> str:
    """Jinja filter ``ip``: addresses, networks and interfaces as IOS prints them (IPv6 in upper
    case); anything else (an interface name, a host name) unchanged."""
    if isinstance(value, ipaddress.IPv6Address | ipaddress.IPv6Interface | ipaddress.IPv6Network):
        return str(value).upper()
    return str(value)


def quoted(value: str) -> str:
    """Jinja filter: a value with spaces in double quotes (AAA attribute values)."""
    return f'"{value}"' if " " in value else value


def by_attribute(items: list[Any], name: str) -> list[Any]:
    """Jinja filter ``by``: ``items`` sorted by their attribute ``name`` (a text IOS orders by, of
    a fixed case: Jinja's ``sort(attribute=...)`` builds its case-folding getter per call, 2.5
    us a profile)."""
    return items if len(items) < 2 else sorted(items, key=operator.attrgetter(name))


def key_text(ref: SecretRef, secret: Callable[[SecretRef], str]) -> str:
    """Jinja filter ``key``: the key ``ref`` as the render's writer ``secret`` writes it (a
    filter, not a call of ``secret`` in the template: Jinja calls a filter directly, a function
    through ``Context.call``, about 1.3 us a call)."""
    return secret(ref)


@cache
def environment() -> Environment:
    """The one Jinja2 environment (templates compiled once per process)."""
    # jinja2 is imported here, not at module level, to keep CLI start-up fast.
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(str(resource_dir("templates"))),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates are package data: never re-stat them per render
        autoescape=False,  # IOS config, not HTML
    )
    env.filters["ip"] = ios_text
    env.filters["quoted"] = quoted
    env.filters["raw"] = raw_text  # an extra_lines entry, its key (if any) written by `secret`
    env.filters["key"] = key_text
    env.filters["by"] = by_attribute
    env.filters["section"] = section
    return env


_INCLUDE = re.compile(r'\{% include "([\w.]+)" %\}')


@cache
def _entry() -> Template:
    """``config.j2`` with each ``{% include "x.j2" %}`` replaced by the text of ``x.j2``,
    compiled once: the same output (``tests/render`` golden files; the section templates'
    ``set`` names and macros are distinct), without an include's template lookup and new
    context per section, per host (a third of a 10,000-spoke site's render time)."""
    env = environment()
    loader = env.loader
    assert loader is not None

    def section(match: re.Match[str]) -> str:
        return loader.get_source(env, match.group(1))[0]

    source, filename, _ = loader.get_source(env, "config.j2")
    code = env.compile(_INCLUDE.sub(section, source), "config.j2", filename)
    return env.template_class.from_code(env, code, env.make_globals(None))


# Texts of blocks written by ``section``: (template, id of the value) -> (the value, its text).
# A host's aaa, proposals, policies, transform sets ... are the very objects of the group (or
# defaults) entry it takes them from (``flexorch.intent.validate``): one rendering serves every
# host of the group (about 25 us of a spoke's 110 at 10,000 spokes). The value is held, so its
# id names it while it is here; first in, first out past ``_SECTION_TEXTS``.
_SECTIONS: dict[tuple[str, int], tuple[object, str]] = {}
_SECTION_TEXTS = 512
_SECTIONS_LOCK = threading.Lock()


@cache
def _section_template(name: str) -> Template:
    return environment().get_template(name)


def section(value: object, name: str, secret: Callable[[SecretRef], str]) -> str:
    """Jinja filter ``section``: template ``name`` rendered with ``block=value``, its keys written
    by ``secret``. A text in which no key was written depends on nothing but the template and
    the (frozen) value: it is kept (``_SECTIONS``) and given again for the same value object."""
    key = (name, id(value))
    hit = _SECTIONS.get(key)
    if hit is not None and hit[0] is value:
        return hit[1]
    keys: list[SecretRef] = []

    def write(ref: SecretRef) -> str:
        keys.append(ref)
        return secret(ref)

    text = _render(_section_template(name), {"block": value, "secret": write})
    if not keys:
        with _SECTIONS_LOCK:
            while len(_SECTIONS) >= _SECTION_TEXTS:
                del _SECTIONS[next(iter(_SECTIONS))]
            _SECTIONS[key] = (value, text)
    return text


def _render(template: Template, variables: dict[str, Any]) -> str:
    """``template.render(**variables)``, its context's variables made of a plain copy of the
    environment's globals: ``Template.render`` copies them out of a ``ChainMap`` per call (7 of
    the 9 us a render costs before its first line)."""
    context = template.new_context({**template.environment.globals, **variables}, shared=True)
    try:
        return template.environment.concat(template.root_render_func(context))
    except Exception:
        template.environment.handle_exception()  # the template's line in the traceback


IntentPath = tuple[str | int, ...]
T = TypeVar("T")

# Per fleet (by identity; dropped when the fleet is collected) and kind: host name -> (the
# intent it was computed from, the value). A value is reused only for the very same intent
# object, so a fleet whose ``hosts`` entry is replaced never sees a stale value.
_MEMOS: dict[int, tuple[weakref.ref[Fleet], dict[str, dict[str, tuple[object, object]]]]] = {}


def _memo_tables(fleet: Fleet) -> dict[str, dict[str, tuple[object, object]]]:
    key = id(fleet)
    entry = _MEMOS.get(key)
    if entry is None or entry[0]() is not fleet:
        entry = (weakref.ref(fleet), {})
        _MEMOS[key] = entry
        weakref.finalize(fleet, _MEMOS.pop, key, None)
    return entry[1]


def fleet_memo(fleet: Fleet, kind: str) -> dict[str, tuple[object, object]]:
    """The memo table of ``kind`` for ``fleet`` (dropped with the fleet): key -> (what the value
    was computed from, the value). The caller checks that what it was computed from is still
    what it has (``host_memo`` does for one host)."""
    return _memo_tables(fleet).setdefault(kind, {})


def host_memo(fleet: Fleet, kind: str, name: str, compute: Callable[[HostIntent], T]) -> T:
    """``compute(host)`` for host ``name`` of ``fleet``, computed once per fleet, host intent
    and ``kind``. ``compute`` must be a pure function of the intent (no secret, no I/O): the
    value is shared by every later caller in the process. Raises UnknownTargetError for an
    unknown host."""
    host = fleet.hosts.get(name)
    if host is None:
        raise UnknownTargetError(f"unknown host '{name}'")
    table = fleet_memo(fleet, kind)
    hit = table.get(name)
    if hit is not None and hit[0] is host:
        return hit[1]  # type: ignore[return-value]  # stored by this function for ``kind``
    value = compute(host)
    table[name] = (host, value)
    return value


def secret_paths(host: HostIntent) -> Iterator[tuple[IntentPath, SecretRef]]:
    """Every secret reference of ``host`` with its intent path as parts
    (``("data", "ikev2_keyrings", "K", "peers", "p1", "pre_shared_key")``)."""

    def walk(value: Any, path: IntentPath) -> Iterator[tuple[IntentPath, SecretRef]]:
        if isinstance(value, SecretRef):
            yield path, value
        elif isinstance(value, BaseModel):
            for name in type(value).model_fields:
                yield from walk(getattr(value, name), (*path, name))
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from walk(item, (*path, str(key)))
        elif isinstance(value, list | tuple):
            for index, item in enumerate(value):
                yield from walk(item, (*path, index))

    for name in type(host).model_fields:
        value = getattr(host, name)
        if isinstance(value, dict | list) and not value:
            continue
        yield from walk(value, ("data", name))


def secret_resolver(fleet: Fleet, host: HostIntent) -> Callable[[SecretRef], str]:
    """What templates call for a secret with ``reveal=True``: the value, resolved on first use
    (only the secrets a rendered section uses must be set) and checked to be one config word.
    A failure names the intent path."""
    values: dict[SecretRef, str] = {}

    def where(ref: SecretRef) -> IntentPath:
        # looked up only on failure: the walk is not cheap on a hub with thousands of peers
        return next((p for p, r in secret_paths(host) if r == ref), ("data",))

    def resolve(ref: SecretRef) -> str:
        value = values.get(ref)
        if value is None:
            value = fleet.resolve(ref, host.name, lambda: where(ref))
            if not _SECRET_TOKEN.fullmatch(value):
                # a key goes into a config line: one printable word, or it would break the line
                # (or inject another command). The value itself is never shown.
                raise fleet.secret_error(
                    host.name,
                    where(ref),
                    f"the value of {ref.describe()} must be one word of printable ASCII without "
                    "'?' (no space, line break or control character)",
                )
            values[ref] = value
        return value

    return resolve


class _Row(NamedTuple):
    """One interface for ``interface.j2``: a tuple with attributes, which the template reads
    as ``itf.kind`` directly (a dict row costs Jinja a caught AttributeError per read, 25 per
    spoke rendered)."""

    name: str
    kind: str
    model: Any
    part: str


def _interfaces(host: HostIntent, scope: frozenset[str]) -> list[_Row]:
    rows = [
        _Row(name, kind, model, part[0])
        for field, kind, part in _INTERFACE_FIELDS
        if part in scope
        for name, model in getattr(host, field).items()
    ]
    rows.sort(key=lambda row: interface_sort_key(row.name))
    return rows


def _day0_vrfs(host: HostIntent) -> set[str]:
    used = {itf.vrf for itf in host.interfaces.values() if itf.vrf}
    used |= {r.vrf for r in host.routes if r.day0 and r.vrf}
    return {v for v in used if v is not None}


@lru_cache(maxsize=4096)
def _block_kind(header: str) -> str:
    return block_kind(header)


# The marks of a ``Stencil`` (control characters: no intent value holds one).
_PART = "\x01"  # a line opening a stretch of one scope: "\x01d" day-0, "\x01m" managed
_SECRET_OPEN, _SECRET_CLOSE = "\x02", "\x03"  # a key: "\x02<index of its reference>\x03"
_SECRET_MARK = re.compile("\x02([0-9]+)\x03")
# A part line followed by an indented one, searched in "\n" + the kept lines (a pattern that
# begins with a literal is found by a fast scan: a ``^`` of ``re.MULTILINE`` is tried at every
# position of the text)
_OPENS_INDENTED = re.compile("\n\x01[^\n]*\n ")
# Every hidden default line (stripped): a text without any of them keeps all its lines.
_HIDDEN_TEXTS = tuple(sorted({line for lines in HIDDEN_DEFAULTS.values() for line in lines}))


def _tidy(text: str) -> str:
    """Drop blank lines and hidden-default lines; keep one ``!`` between blocks."""
    kept = _kept_text(text)
    assert kept is not None  # a text without part lines
    return _one_bang(kept) if kept else ""


_NO_LINES: frozenset[str] = frozenset()


def _kept_text(text: str) -> str | None:
    """The lines of ``text`` that are not blank and not hidden defaults (IOS does not show them:
    ``HIDDEN_DEFAULTS``), part lines kept, joined by line breaks; None when a part line is
    followed by an indented one (a stretch of one scope must open a block: what is dropped
    depends on the block a line is in, the same in the text of both scopes as in the text of
    one only then).

    Whole-text steps where they can (one pass over the lines for the blank ones, a search for
    the rest): a per-line loop deciding all three cost 20 us of a spoke's 150."""
    kept = _non_blank_lines(text)
    if _PART in kept and _OPENS_INDENTED.search("\n" + kept):
        return None
    starts = sorted(set(_hidden_lines(kept)))
    return _without_lines(kept, starts) if starts else kept


def _without_lines(kept: str, starts: list[int]) -> str:
    """``kept`` (lines joined by line breaks) without the lines starting at ``starts`` (in
    order): the text cut around them (a GRE spoke drops ``tunnel mode gre ip``: a join of
    the other lines made its ``_kept_text`` 14.1 us, this 9.5)."""
    pieces = []
    at = 0
    for start in starts:
        pieces.append(kept[at:start])
        end = kept.find("\n", start)
        if end < 0:  # the last line: the break before it ended the line now last
            return "".join(pieces)[:-1]
        at = end + 1  # past the line and its break
    pieces.append(kept[at:])
    return "".join(pieces)


# Whitespace that breaks a line for ``str.splitlines`` or is stripped by ``str.strip``, in ASCII,
# besides "\n" and " "
_ODD_SPACE = ("\t", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f")
_BLANK_RUNS = re.compile(r"\n(?: *\n)+")


def _non_blank_lines(text: str) -> str:
    r"""``"\n".join(filter(str.strip, text.splitlines()))``: for an ASCII text whose only
    whitespace is line breaks and spaces (a rendering: intent values are printable ASCII), each
    run of blank lines dropped in one substitution, 3.3 us a spoke instead of 4.3 (a
    comprehension: +0.6 us)."""
    if not text.isascii() or any(map(text.__contains__, _ODD_SPACE)):
        return "\n".join(filter(str.strip, text.splitlines()))
    # every line, the last too, between two line breaks: a blank one is a run's
    return _BLANK_RUNS.sub("\n", f"\n{text}\n")[1:-1]


def _hidden_lines(kept: str) -> Iterator[int]:
    """Where each line of ``kept`` (lines joined, none blank) that is a hidden default of the
    block it is in starts: found by its text, its block by looking back (a GRE tunnel's
    ``tunnel mode gre ip``: a loop over every line cost 10 us of such a spoke)."""
    for hidden in _HIDDEN_TEXTS:
        at = kept.find(hidden)
        while at >= 0:
            start = kept.rfind("\n", 0, at) + 1
            end = kept.find("\n", at)
            end = len(kept) if end < 0 else end
            line = kept[start:end]
            if line.startswith(" "):
                if line.strip() in HIDDEN_DEFAULTS.get(_block_kind(_header(kept, start)),
                                                       _NO_LINES):
                    yield start
            elif line in HIDDEN_DEFAULTS[""]:
                yield start
            at = kept.find(hidden, end)


def _header(kept: str, start: int) -> str:
    """The line that opens the block of the line at ``start`` of ``kept``: the last line before
    it that is not indented, ``!`` or a part line ('' when none is)."""
    end = start - 1  # the line break that ends the line before
    while end > 0:
        begin = kept.rfind("\n", 0, end) + 1
        line = kept[begin:end]
        if not line.startswith(" ") and line != "!" and line[:1] != _PART:
            return line
        end = begin - 1
    return ""


# A run of ``!`` lines, searched in "\n" + the lines + "\n" (a pattern that begins with a literal
# is found by a fast scan; a look-behind first is tried at every position)
_BANGS = re.compile(r"\n!(?:\n!)+(?=\n)")


def _one_bang(text: str) -> str:
    """The lines of ``text`` (one at least, joined by line breaks) with no ``!`` first and none
    right after another, each ending in a line break: a run of ``!`` lines is one, on the whole
    text."""
    if "!\n!" in text:
        text = _BANGS.sub("\n!", f"\n{text}\n")[1:-1]
    if text[:2] == "!\n":
        text = text[2:]
    elif text == "!":
        return ""
    return text + "\n"


def render(fleet: Fleet, name: str, scope: frozenset[str], *, reveal: bool = True) -> str:
    """Render the ``scope`` sections (``DAY0``, ``MANAGED`` or ``FULL``) of host ``name``.
    Raises UnknownTargetError for an unknown host, SecretError for an unresolvable secret.

    Every scope of a host is cut from one rendering of both (``Stencil``), kept per fleet and
    host: lint renders a site's full configs, plan then cuts each router's managed sections
    from them instead of rendering again. A cut is not kept (about 10 us a spoke: keeping the
    masked texts too cost 120 MB at 100,000 routers)."""
    if not reveal:
        return stencil(fleet, name).cut(scope, _masked)
    host = fleet.hosts.get(name)
    if host is None:
        raise UnknownTargetError(f"unknown host '{name}'")
    return stencil(fleet, name).cut(scope, secret_resolver(fleet, host))


def _masked(ref: SecretRef) -> str:
    return MASK


# What a template writes where a stretch of part "d" (day 0) or "m" (managed) opens
# (``part["d"]``: a mapping, not a function, as a call in a template costs ``Context.call``)
_PART_LINES = {"d": f"{_PART}d\n", "m": f"{_PART}m\n"}
_NO_PART_LINES = {"d": "", "m": ""}


class Stencil:
    """A host's configuration rendered once for every scope: both scopes' lines, each stretch
    opened by a part line, every key a mark naming its reference (no key in it). ``cut`` gives
    what ``render_model`` gives for a scope and a key writer, for a fraction of its cost (the
    same text: tests/render/test_stencil.py renders every host of the corpus both ways)."""

    __slots__ = ("refs", "text")

    def __init__(self, text: str, refs: tuple[SecretRef, ...]) -> None:
        self.text = text
        self.refs = refs

    @classmethod
    def of(cls, host: HostIntent) -> Stencil | None:
        """``host``'s stencil, or None when its text holds a mark character of its own (intent
        values are printable ASCII: never) or a stretch that does not open with a top-level
        line: then ``render_model`` renders each cut."""
        refs: list[SecretRef] = []
        index: dict[SecretRef, int] = {}

        def mark(ref: SecretRef) -> str:
            at = index.get(ref)
            if at is None:
                at = index[ref] = len(refs)
                refs.append(ref)
            marks[0] += 1
            return f"{_SECRET_OPEN}{at}{_SECRET_CLOSE}"

        marks = [0]
        text = _render_text(host, FULL, mark, _PART_LINES)
        if not _parts_written(text) \
                or text.count(_SECRET_OPEN) != marks[0] or text.count(_SECRET_CLOSE) != marks[0]:
            return None
        kept = _kept_text(text)
        return None if kept is None else cls(kept, tuple(refs))

    def cut(self, scope: frozenset[str], secret: Callable[[SecretRef], str]) -> str:
        """The ``scope`` sections, each key written by ``secret`` (called for the keys of
        those sections only, in the order they appear)."""
        text = _cut(self.text, None if scope == FULL else
                    "d" if scope == DAY0 else "m")
        if not self.refs:
            return text
        if secret is _masked:
            return _SECRET_MARK.sub(MASK, text)
        refs = self.refs
        return _SECRET_MARK.sub(lambda m: secret(refs[int(m.group(1))]), text)


def _parts_written(text: str) -> bool:
    """True when every part mark of ``text`` opens a part line written by the template: at the
    start of a line (or of the text) and followed by "d" or "m" and a line break. One split and
    a look at each stretch, 2.1 us a spoke (five counts over the text: 3.4)."""
    stretches = text.split(_PART)
    for at in range(1, len(stretches)):
        if stretches[at][:2] not in ("d\n", "m\n"):
            return False
        if not stretches[at - 1].endswith("\n") and (at > 1 or stretches[0]):
            return False
    return True


def _cut(text: str, keep: str | None) -> str:
    """The lines of stencil ``text`` in part ``keep`` ("d", "m"; None: both), the part lines
    left out, as ``_one_bang`` joins them: the text split at its part lines, each stretch kept
    or not whole (a loop over the lines cost 10 us of a spoke's cut)."""
    stretches = ("\n" + text).split("\n" + _PART)
    # before the first part line: every line kept (none when the text opens with a part line)
    kept = [stretches[0][1:]] if stretches[0] else []
    for stretch in stretches[1:]:
        part, brk, lines = stretch.partition("\n")
        if brk and (keep is None or part == keep):
            kept.append(lines)
    return _one_bang("\n".join(kept)) if kept else ""


def stencil(fleet: Fleet, name: str) -> Stencil:
    """Host ``name``'s ``Stencil``, made once per fleet and host intent (``host_memo``).
    Raises UnknownTargetError for an unknown host."""
    return host_memo(fleet, "stencil", name, _stencil_or_direct)


class _Direct(Stencil):
    """A host whose text holds a mark character: every cut is rendered (``render_model``)."""

    __slots__ = ("host",)

    def __init__(self, host: HostIntent) -> None:
        super().__init__("", ())
        self.host = host

    def cut(self, scope: frozenset[str], secret: Callable[[SecretRef], str]) -> str:
        return render_model(self.host, scope, secret)


def _stencil_or_direct(host: HostIntent) -> Stencil:
    return Stencil.of(host) or _Direct(host)


def render_model(host: HostIntent, scope: frozenset[str],
                 secret: Callable[[SecretRef], str] = _masked) -> str:
    """Render the ``scope`` sections of a host model that need not be in a fleet (an external
    peer's modelled configuration, ``flexorch.predict``); ``secret`` writes each key (masked by
    default)."""
    return _tidy(_render_text(host, scope, secret, _NO_PART_LINES))


def _render_text(host: HostIntent, scope: frozenset[str], secret: Callable[[SecretRef], str],
                 part: dict[str, str]) -> str:
    day0_vrfs = _day0_vrfs(host)
    vrfs = [  # IOS lists VRF definitions by name
        (n, v)
        for n, v in sorted(host.vrfs.items())
        if ("day0" in scope and n in day0_vrfs) or ("managed" in scope and n not in day0_vrfs)
    ]
    routes = [r for r in host.routes if ("day0" if r.day0 else "managed") in scope]
    return _render(_entry(), {
        "h": host,
        "scope": scope,
        "vrfs": vrfs,
        "day0_vrfs": day0_vrfs,
        "routes": routes,
        "interfaces": _interfaces(host, scope),
        "secret": secret,
        "part": part,
    })


def render_host(fleet: Fleet, name: str, *, reveal: bool = True) -> str:
    """The managed FlexVPN configuration of ``name`` (secrets in clear unless ``reveal=False``)."""
    return render(fleet, name, MANAGED, reveal=reveal)


def render_day0(fleet: Fleet, name: str, *, reveal: bool = True) -> str:
    """The day-0 configuration of ``name``: hostname, WAN VRFs, credentials, interfaces, day-0
    routes (no archive: rollout ensures it)."""
    return render(fleet, name, DAY0, reveal=reveal)


def render_full(fleet: Fleet, name: str, *, reveal: bool = True) -> str:
    """Day-0 and managed sections as one configuration, in IOS order."""
    return render(fleet, name, FULL, reveal=reveal)
