"""The model's reader rows and the grammar agree: every row is keyed by a command the grammar
has, and every value a row takes from a line is a slot the grammar names for that command.

And every command the grammar has in a mode the model reads has a row or an ``ignored`` entry
saying why the model leaves it alone: a line IOS accepts is never reported unread for want of
a row (a grammar command added for the lab needs one of the two).

A row keyed by words no grammar command starts with never runs (``cts sgt inline`` once was,
while the grammar had one ``cts {sgt inline|manual|...}`` command keyed ``cts``); a row asking
for a slot the command's syntax does not name gets nothing and reports a line IOS prints as
unread (``ip radius source-interface <iface>`` once had no ``=interface``). Both are classes of
misread that no single corpus config shows until it carries the line.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from types import CodeType, FunctionType

import pytest

import flexorch.ios.model as model_pkg
from flexorch.ios.cli import MODES
from flexorch.ios.model.reader import Rows, command_key

_SYNTAXES: dict[str, list[str]] = {}
for _mode in MODES.values():
    for _command in _mode.commands:
        _SYNTAXES.setdefault(command_key(_command), []).append(_command.syntax)

# (table, key) -> why a word the row uses is not a slot of that command: rows sharing one
# function with a sibling command that has the slot.
SHARED: dict[tuple[str, str], str] = {
    ("PROFILE", "aaa authorization user"): "one function reads user and group lines",
    ("PROFILE", "aaa authorization group"): "one function reads user and group lines",
    ("CERTIFICATE_CHAIN", "certificate"): "'router' is the kind of a certificate without one",
    ("TOP", "ip local pool"): "one function reads IPv4 and IPv6 pools",
    ("TOP", "ipv6 local pool"): "one function reads IPv4 and IPv6 pools",
    ("TOP", "crypto dynamic-map"): "one function reads crypto maps and dynamic maps",
    ("TOP", "aaa authorization"): "'login' names the list family of authentication lines",
    ("TOP", "aaa accounting"): "'login' names the list family of authentication lines",
    ("INTERFACE", "ipv6 nhrp nhs"): "one function reads ip and ipv6 nhrp nhs (cluster: IPv4)",
    ("PROFILE", "lifetime certificate"): "one function reads lifetime N and lifetime certificate",
    ("KEYRING", "peer"): "'peers' names the Keyring field a peer is added to (Line.append)",
}


def _tables() -> Iterator[tuple[str, str, Rows[object]]]:
    for info in pkgutil.iter_modules(model_pkg.__path__):
        module = importlib.import_module(f"{model_pkg.__name__}.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, Rows):
                yield info.name, name, value


def _strings(function: Callable[..., object]) -> set[str]:
    """The string constants a row function (and the functions it closes over) uses."""
    out: set[str] = set()
    if not isinstance(function, FunctionType):
        return set()  # a class used as a row (its fields are not slots)
    codes: list[CodeType] = [function.__code__]
    while codes:
        code = codes.pop()
        for const in code.co_consts:
            if isinstance(const, str):
                out.add(const)
            elif isinstance(const, CodeType):
                codes.append(const)
    for cell in function.__closure__ or ():
        out |= _strings(cell.cell_contents)
    return out


@functools.cache
def _read_modes() -> dict[tuple[int, str], tuple[str, Rows[object]]]:
    """(table, mode) pairs the model reads blocks with, seen while reading the corpus."""
    from flexorch.ios.model import RouterConfig, reader

    names = {id(rows): name for _, name, rows in _tables()}
    seen: dict[tuple[int, str], tuple[str, Rows[object]]] = {}
    original = reader.Reading.block

    def block(self: reader.Reading, rows: Rows[object], mode: str | None, *rest: object) -> object:
        if mode is not None:
            seen.setdefault((id(rows), mode), (names.get(id(rows), "?"), rows))
        return original(self, rows, mode, *rest)  # type: ignore[arg-type]

    corpus = Path(__file__).resolve().parents[1]
    paths = [*corpus.glob("fixtures/real/*/*.cfg"), *corpus.glob("ios/configs/*.cfg")]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reader.Reading, "block", block)
        reader._BLOCKS.clear()  # the block cache would skip blocks read before
        for path in paths:
            RouterConfig.from_text(path.read_text(encoding="utf-8", errors="replace"))
    reader._BLOCKS.clear()
    return seen


ROWS = sorted({(table, key): fn for _, table, rows in _tables()
               for key, fn in rows.read.items()}.items())


@pytest.mark.parametrize(("where", "row"), ROWS, ids=[f"{t}:{k}" for (t, k), _ in ROWS])
def test_row_is_keyed_by_a_grammar_command(where: tuple[str, str], row: object) -> None:
    assert where[1] in _SYNTAXES, f"no grammar command is keyed {where[1]!r}"


@pytest.mark.parametrize(("where", "row"), ROWS, ids=[f"{t}:{k}" for (t, k), _ in ROWS])
def test_row_reads_slots_the_grammar_names(where: tuple[str, str],
                                           row: Callable[..., object]) -> None:
    # The modes this table reads (seen on the corpus); every mode when it was never seen.
    modes = [mode for (_, mode), (name, _) in _read_modes().items() if name == where[0]]
    syntax = " ".join(c.syntax for mode in modes for c in MODES[mode].commands
                      if command_key(c) == where[1]) or " ".join(_SYNTAXES.get(where[1], ()))
    named = set(re.findall(r"[a-z0-9][a-z0-9-]*", syntax))
    used = {s for s in _strings(row) if re.fullmatch(r"[a-z][a-z0-9-]*", s)}
    missing = used - named
    if where in SHARED:
        assert missing, f"{where} reads only named slots now: drop it from SHARED"
        return
    assert missing == set(), f"{where}: {sorted(missing)} not in {syntax!r}"


def test_every_grammar_command_of_a_read_mode_has_a_row_or_a_reason() -> None:
    missing = []
    for (_, mode), (name, rows) in sorted(_read_modes().items(), key=lambda kv: kv[1][0]):
        for command in MODES[mode].commands:
            key = command_key(command)
            if key and not command.action and key not in rows.read and not rows.ignores(key):
                missing.append(f"{name} @ {mode}: {key}")
    assert missing == [], "add a row or an ignored entry (with the reason):\n" + "\n".join(
        sorted(set(missing)))
