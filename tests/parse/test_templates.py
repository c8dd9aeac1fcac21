"""The templates and their index stay consistent: every template is indexed and has a normaliser,
the SA lines shared by two templates stay identical, and every line-level template reports the
lines it cannot read."""

from __future__ import annotations

import re

from flexorch.parse.runner import NORMALIZERS, parsers_dir

TEMPLATES = sorted(p.name for p in parsers_dir().glob("*.textfsm"))


def _sa_lines(name: str) -> list[str]:
    text = (parsers_dir() / name).read_text(encoding="utf-8")
    found = re.search(r"# SA-LINES BEGIN\n(.*?)# SA-LINES END", text, re.DOTALL)
    assert found, f"{name} has no SA-LINES block"
    return found[1].splitlines()


def test_every_template_is_indexed_and_normalised() -> None:
    index = (parsers_dir() / "index").read_text(encoding="utf-8")
    indexed = set(re.findall(r"^(cisco_ios_\S+\.textfsm),", index, re.MULTILINE))
    assert indexed == set(TEMPLATES)
    assert set(NORMALIZERS) == set(TEMPLATES)


def test_sa_lines_are_the_same_in_the_sa_and_session_templates() -> None:
    sa = _sa_lines("cisco_ios_show_crypto_ikev2_sa_detailed.textfsm")
    session = _sa_lines("cisco_ios_show_crypto_ikev2_session.textfsm")
    assert len(sa) > 20
    assert sa == session


def test_every_template_reports_lines_it_cannot_read() -> None:
    for name in TEMPLATES:
        text = (parsers_dir() / name).read_text(encoding="utf-8")
        assert "Value List UNPARSED (.*\\S.*)" in text, name
