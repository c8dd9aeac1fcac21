"""Every field of every real output of the corpus (tests/fixtures/real/), as typed by hand.

Each ``<host>__<command>.raw`` whose command has a parser is parsed and compared with its
``.yml``: every field the ``.yml`` names must hold that value, and the parser must set no field
the ``.yml`` leaves out (a field left null or empty is "not printed"). The comparison is the one
tests/fidelity/fig_parse.py counts for the "parser fields right" figure.

The same outputs, reshaped the way people hand them over (CRLF, lost or Markdown indentation,
tabs, non-breaking spaces, prompts, a pager prompt, lines cut by an 80-column terminal or
editor), must parse to the same records: the classes of damage real captures show.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from flexorch.parse.runner import parse_output

_SPEC = importlib.util.spec_from_file_location(
    "fig_parse", Path(__file__).resolve().parents[1] / "fidelity" / "fig_parse.py"
)
assert _SPEC and _SPEC.loader
fig_parse = importlib.util.module_from_spec(_SPEC)
sys.modules["fig_parse"] = fig_parse  # dataclasses resolve their module by name
_SPEC.loader.exec_module(fig_parse)

OUTPUTS: list[Path] = fig_parse.parsed_outputs()

# "<group>/<file>.raw" -> why its .yml and the parse may differ. Empty: every field is right.
EXCEPTIONS: dict[str, str] = {}
# "<group>/<file>.raw" -> the warning it must raise, and why that warning is right.
WARNED: dict[str, tuple[str, str]] = {
    "gh-vyos-docs-flexvpn-hub-cisco/hub__show_crypto_ikev2_sa_detailed.raw": (
        "tunnel 5 (88.2.2.1): no 'Initiator of SA' line read (output cut?)",
        "published cut after 'Assigned host addr' (SOURCES.md): the SA has no Initiator line",
    ),
    "gh-moskovchenko-otus-lab14-dmvpn-pki/r15__show_crypto_ikev2_sa.raw": (
        "line 2: line not understood: '!'",
        "re-indented by the author (SOURCES.md): the blank line after the IPv4 header is a '!'",
    ),
    "genie-show-crypto-ipsec-sa/interface-golden-output-2__show_crypto_ipsec_sa.raw": (
        "line 26: line not understood: 'ekey has been disabled'",
        "damaged as published (SOURCES.md): the indented rest of a lost line is no IOS line, and "
        "the long 'conn id:' line before it must not swallow it",
    ),
    "gh-alnor23-otus-lab14-ikev2-rsa/r14__show_crypto_ipsec_sa.raw": (
        "line 93: line not understood: 'outbound pcp sas'",
        "partial as published (SOURCES.md): the author's block ends in 'outbound pcp sas' with "
        "its colon lost; the line is reported, not guessed",
    ),
}


def _name(raw: Path) -> str:
    return f"{raw.parent.name}/{raw.name}"


def test_every_corpus_output_has_a_parser() -> None:
    everything = sorted(fig_parse.CORPUS.glob("*/*__*.raw"))
    assert len(everything) >= 30
    assert [_name(p) for p in everything if p not in OUTPUTS] == []


@pytest.mark.parametrize("raw", OUTPUTS, ids=_name)
def test_every_field_as_typed(raw: Path) -> None:
    result = fig_parse.compare_output(raw)
    problems = result.wrong + result.extra
    if _name(raw) in EXCEPTIONS:
        assert problems, f"{_name(raw)} parses right now: remove its exception"
        return
    assert result.total > 0
    assert problems == []


@pytest.mark.parametrize("raw", OUTPUTS, ids=_name)
def test_real_output_reads_without_warnings_unless_cut(raw: Path) -> None:
    text = raw.read_bytes().decode("utf-8", errors="replace")
    result = parse_output(fig_parse.command_of(raw), text)
    expected = [WARNED[_name(raw)][0]] if _name(raw) in WARNED else []
    assert [str(w) for w in result.warnings] == expected


# --- the same outputs as people hand them over ---------------------------------------------


def _lines(text: str, change: Callable[[str], str]) -> str:
    return "\n".join(change(line) for line in text.split("\n"))


def _cut(text: str, at_blank: bool) -> str:
    """Cut every line longer than 80 characters, as a terminal (anywhere) or an editor (at the
    last blank before column 80) does."""
    out: list[str] = []
    for line in text.split("\n"):
        rest = line
        while len(rest) > 80:
            cut = rest.rfind(" ", 0, 80) if at_blank else 80
            if cut <= 0:
                break
            out.append(rest[:cut])
            rest = rest[cut + 1 :] if at_blank else rest[cut:]
        out.append(rest)
    return "\n".join(out)


ERASE = "\x08" * 9 + " " * 9 + "\x08" * 9
# A console log message as a real capture printed it between a command and its output
# (gh-kva1n-otus-course-dmvpn-ipsec, Курсовая/IPSec.md line 139).
LOG = "*Mar 14 17:42:26.316: %SYS-5-CONFIG_I: Configured from console by console"


def _logged(text: str) -> str:
    """The log message printed before the second line and again in the middle of the output."""
    lines = text.split("\n")
    middle = len(lines) // 2
    return "\n".join([*lines[:1], LOG, *lines[1:middle], LOG, *lines[middle:]])


RESHAPES: dict[str, Callable[[str], str]] = {
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "lost-indentation": lambda t: _lines(t, str.lstrip),
    "single-spaces": lambda t: _lines(t, lambda line: re.sub(r"\s+", " ", line).strip()),
    "trailing-blanks": lambda t: _lines(t, lambda line: line + "   "),
    "tab-indentation": lambda t: _lines(t, lambda line: re.sub(r"^ +", "\t", line)),
    "non-breaking-spaces": lambda t: t.replace(" ", "\u00a0"),
    "prompts": lambda t: f"R1#show crypto\n{t}\nR1#",
    "markdown-indent": lambda t: _lines(t, lambda line: "    " + line),
    "pager": lambda t: re.sub(r"\n(?=[^\n]*\n[^\n]*\n)", f"\n --More-- {ERASE}", t, count=1),
    "terminal-80": lambda t: _cut(t, at_blank=False),
    "editor-80": lambda t: _cut(t, at_blank=True),
    "markdown-terminal-80": lambda t: _cut(_lines(t, lambda line: "    " + line), False),
    "console-log": _logged,
}
def _spaces(value: Any) -> Any:
    """Values with runs of blanks made one (`single-spaces` changes text IOS printed padded)."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return [_spaces(item) for item in value]
    if isinstance(value, dict):
        return {key: _spaces(item) for key, item in value.items()}
    return value


@pytest.mark.parametrize("reshape", sorted(RESHAPES))
def test_reshaped_real_outputs_read_the_same(reshape: str) -> None:
    different: list[str] = []
    for raw in OUTPUTS:
        command = fig_parse.command_of(raw)
        text = raw.read_bytes().decode("utf-8", errors="replace")
        want = _spaces([r.to_json() for r in parse_output(command, text).records])
        got = _spaces([r.to_json() for r in parse_output(command, RESHAPES[reshape](text)).records])
        if got != want:
            different.append(_name(raw))
    assert different == []


def test_exec_prompt_timestamp_lines_change_no_output() -> None:
    """With ``exec prompt timestamp`` every output starts with a load and a clock line: no real
    output reads differently or gains a warning for them."""
    stamp = (
        "Load for five secs: 1%/0%; one minute: 1%; five minutes: 1%\n"
        "Time source is NTP, 10:01:02.123 UTC Mon Mar 1 2021\n\n"
    )
    different: list[str] = []
    for raw in OUTPUTS:
        command = fig_parse.command_of(raw)
        text = raw.read_bytes().decode("utf-8", errors="replace")
        plain, stamped = parse_output(command, text), parse_output(command, stamp + text)
        same = [r.to_json() for r in plain.records] == [r.to_json() for r in stamped.records]
        if not same or len(stamped.warnings) != len(plain.warnings):
            different.append(_name(raw))
    assert different == []
