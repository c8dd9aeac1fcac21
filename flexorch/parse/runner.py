"""Run TextFSM templates from ``parsers/`` on show-command output.

The command is resolved through the ntc-style ``parsers/index`` (abbreviations allowed), the
template is compiled once per process and run directly (not through netmiko's wrapper, which
re-reads the template on every call). The text is cleaned first (``flexorch.parse.clean``), lines
cut in two or three are joined back (``flexorch.parse.rejoin``); lines no template rule knows are
collected by each template's ``UNPARSED`` value and reported as warnings with their line numbers.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from functools import cache, partial
from pathlib import Path
from typing import Any

from flexorch.errors import BadInputError
from flexorch.parse.clean import prepare
from flexorch.parse.ikev2_stats import ikev2_stats_rows
from flexorch.parse.ipsec_sa import ipsec_sa_rows
from flexorch.parse.normalize import Normalizer, sa_rows, version_rows
from flexorch.parse.policy import (
    ikev2_profile_rows,
    name_from_command,
    policy_rows,
    profile_rows,
    proposal_rows,
    transform_set_rows,
)
from flexorch.parse.records import ParseResult, ParseWarning
from flexorch.parse.rejoin import Run, rejoin
from flexorch.parse.sessions import ikev2_session_rows, session_rows
from flexorch.paths import resource_dir

PLATFORM = "cisco_ios"
UNPARSED = "UNPARSED"
_SPACES = re.compile(r"\s+")
_NAME_ARGUMENT = r"( \S+)?"  # how the index spells an optional object name
_FILTER_ARGUMENT = r"( \S+ \S+( \d\S*)?)?"  # and the optional filter of `show crypto ipsec sa`
_IPV6_ARGUMENT = r"( ipv6)?"  # `show crypto ipsec sa ipv6 ...`
_FILTERS_ARGUMENT = r"( \S+ \S+( \d\S*)?)*"  # `show crypto ikev2 sa|session remote A`, ...

# template file -> the function that turns its rows into records
NORMALIZERS: dict[str, Normalizer] = {
    "cisco_ios_show_crypto_ikev2_sa_detailed.textfsm": sa_rows,
    "cisco_ios_show_crypto_session.textfsm": session_rows,
    "cisco_ios_show_crypto_ikev2_session.textfsm": ikev2_session_rows,
    "cisco_ios_show_crypto_ikev2_proposal.textfsm": proposal_rows,
    "cisco_ios_show_crypto_ikev2_policy.textfsm": policy_rows,
    "cisco_ios_show_crypto_ikev2_profile.textfsm": ikev2_profile_rows,
    "cisco_ios_show_crypto_ipsec_transform_set.textfsm": transform_set_rows,
    "cisco_ios_show_crypto_ipsec_profile.textfsm": profile_rows,
    "cisco_ios_show_crypto_ipsec_sa.textfsm": ipsec_sa_rows,
    "cisco_ios_show_crypto_ikev2_stats.textfsm": ikev2_stats_rows,
    "cisco_ios_show_version.textfsm": version_rows,
}

_compile_lock = threading.Lock()
# template file name -> (lock, compiled TextFSM). A TextFSM object keeps parse state, so each
# one is used under its lock; parsing is CPU-bound, so the lock costs no real parallelism.
_compiled: dict[str, tuple[threading.Lock, Any]] = {}


def parsers_dir() -> Path:
    """The folder holding the TextFSM templates and their ``index``."""
    return resource_dir("parsers")


@cache
def _index() -> Any:
    from textfsm import clitable  # lazily: importing flexorch.parse must stay light

    return clitable.CliTable("index", str(parsers_dir()))


def normalize_command(command: str) -> str:
    """Lower case, single spaces, no surrounding blanks: how the index expects a command."""
    return _SPACES.sub(" ", command.strip().lower())


def template_for(command: str) -> str:
    """The template file that parses ``command``; abbreviations like ``sh cry ikev2 sa det`` work.

    Raises BadInputError (exit 2) when no template knows the command.
    """
    table = _index()
    row = table.index.GetRowMatch({"Command": normalize_command(command), "Platform": PLATFORM})
    if not row:
        known = ", ".join(supported_commands())
        raise BadInputError(f"no parser for command {command.strip()!r} (supported: {known})")
    template: str = table.index.index[row]["Template"]
    return template


@cache
def supported_commands() -> tuple[str, ...]:
    """The full spelling of every command in the index (for messages and help)."""
    commands: list[str] = []
    lines = (parsers_dir() / "index").read_text(encoding="utf-8").splitlines()
    for line in lines:
        fields = [field.strip() for field in line.split(",")]
        if len(fields) == 4 and fields[2] == PLATFORM and not line.startswith("#"):
            spelled = fields[3].replace(_FILTER_ARGUMENT, " [interface|peer|map VALUE]")
            # the filters of ikev2 sa / session and `ipv6` are left out of the short list
            spelled = spelled.replace(_FILTERS_ARGUMENT, "").replace(_IPV6_ARGUMENT, "")
            spelled = spelled.replace(_NAME_ARGUMENT, " [NAME|default]")
            commands.append(re.sub(r"\[\[|\]\]|\$", "", spelled))
    return tuple(commands)


def _compiled_template(name: str) -> tuple[threading.Lock, Any]:
    entry = _compiled.get(name)
    if entry is None:
        import textfsm

        with _compile_lock:
            entry = _compiled.get(name)
            if entry is None:
                with (parsers_dir() / name).open(encoding="utf-8") as handle:
                    entry = (threading.Lock(), textfsm.TextFSM(handle))
                _compiled[name] = entry
    return entry


def run_template(name: str, text: str) -> tuple[list[str], list[list[Any]]]:
    """Header and raw rows of template ``name`` on ``text`` (values as TextFSM returns them)."""
    lock, fsm = _compiled_template(name)
    with lock:
        fsm.Reset()
        rows: list[list[Any]] = fsm.ParseText(text)
        header: list[str] = list(fsm.header)
    return header, rows


def _unparsed(header: Sequence[str], rows: list[list[Any]]) -> list[str]:
    column = header.index(UNPARSED) if UNPARSED in header else None
    if column is None:
        return []
    return [line for row in rows for line in row[column]]


def _locate(lines: Sequence[str], unparsed: Sequence[str]) -> list[int]:
    """Index in ``lines`` of each unread line; TextFSM reports them in input order."""
    found: list[int] = []
    position = 0
    for text in unparsed:
        for index in range(position, len(lines)):
            if lines[index] == text:
                found.append(index)
                position = index + 1
                break
    return found


def _run(name: str, lines: list[str], numbers: list[int]) -> Run:
    header, rows = run_template(name, "\n".join(lines))
    return Run(lines, numbers, header, rows, _locate(lines, _unparsed(header, rows)))


def parse_output(command: str, text: str) -> ParseResult:
    """Parse ``text`` (the output of ``command``) into typed records.

    Never raises on the text: garbage, empty or cut output gives the records that could be read
    plus warnings naming what could not (line numbers and the line as given). The text is first
    cleaned (``flexorch.parse.clean.prepare``: CRLF, prompts, pager prompts, blanks), then lines
    cut in two or three are joined back (``flexorch.parse.rejoin``). Raises BadInputError
    (exit 2) when no template knows ``command``.
    """
    import textfsm

    name = template_for(command)
    prepared = prepare(text)
    try:
        run = rejoin(partial(_run, name), _run(name, prepared.lines, prepared.numbers))
    except textfsm.TextFSMError as exc:  # only raised by Error actions; kept as a warning
        return ParseResult(command, name, [], [ParseWarning(f"template stopped: {exc}")])
    records, problems = NORMALIZERS[name](run.header, run.rows)
    records = name_from_command(command, records)
    warnings = [
        ParseWarning("line not understood", run.numbers[i], prepared.originals[run.numbers[i] - 1])
        for i in run.unread
    ]
    return ParseResult(command, name, records, warnings + problems)
