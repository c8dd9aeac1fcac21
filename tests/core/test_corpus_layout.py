"""The real-world corpus keeps its contract (tests/fixtures/real/README.md): every file has a
provenance row in its folder's SOURCES.md, every output an expected parse typed by hand, and
names say which router and which command."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "real"
GROUPS = sorted(p for p in CORPUS.iterdir() if p.is_dir())
COMMANDS = {
    "show_crypto_ikev2_sa", "show_crypto_ikev2_sa_detailed", "show_crypto_session",
    "show_crypto_session_detail", "show_crypto_ikev2_session",
    "show_crypto_ikev2_session_detailed", "show_crypto_ikev2_proposal",
    "show_crypto_ikev2_proposal_default", "show_crypto_ikev2_policy",
    "show_crypto_ikev2_policy_default", "show_crypto_ipsec_transform_set",
    "show_crypto_ipsec_transform_set_default", "show_crypto_ipsec_profile",
    "show_crypto_ipsec_profile_default", "show_version", "show_crypto_ipsec_sa",
    "show_crypto_ikev2_stats", "show_crypto_ikev2_profile", "show_crypto_ipsec_sa_detail",
}
OUTPUT_NAME = re.compile(
    r"^(?P<host>[a-z0-9._-]+?)__(?P<command>[a-z0-9_]+?)(?:__\d+)?\.(raw|yml)$"
)
CONFIG_NAME = re.compile(r"^[a-z0-9._-]+\.cfg$")


def test_the_corpus_has_the_size_the_issue_asks_for() -> None:
    configs = list(CORPUS.glob("*/*.cfg"))
    outputs = list(CORPUS.glob("*/*.raw"))
    assert len(configs) >= 40, f"{len(configs)} real configs (issue 16 asks for at least 40)"
    assert len(outputs) >= 30, f"{len(outputs)} real outputs (issue 16 asks for at least 30)"


@pytest.mark.parametrize("group", GROUPS, ids=[g.name for g in GROUPS])
def test_every_file_is_named_and_sourced(group: Path) -> None:
    assert re.fullmatch(r"(gh|doc|genie|ntc)-[a-z0-9-]+", group.name), group.name
    sources = group / "SOURCES.md"
    assert sources.is_file(), f"{group.name}: no SOURCES.md"
    text = sources.read_text(encoding="utf-8")
    for path in sorted(group.iterdir()):
        if path.name == "SOURCES.md":
            continue
        if path.suffix == ".cfg":
            assert CONFIG_NAME.match(path.name), f"{group.name}/{path.name}: bad config name"
        else:
            found = OUTPUT_NAME.match(path.name)
            assert found, f"{group.name}/{path.name}: not <host>__<command>.raw|yml"
            assert found["command"] in COMMANDS, f"{group.name}/{path.name}: unknown command"
        if path.suffix in (".cfg", ".raw"):
            assert path.name in text, f"{group.name}/SOURCES.md has no row for {path.name}"


@pytest.mark.parametrize("group", GROUPS, ids=[g.name for g in GROUPS])
def test_every_output_has_a_hand_typed_expectation(group: Path) -> None:
    for raw in sorted(group.glob("*.raw")):
        spec_path = raw.with_suffix(".yml")
        assert spec_path.is_file(), f"{group.name}/{raw.name}: no expected parse"
        spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
        assert spec.get("source") == "real", f"{spec_path.name}: source is not 'real'"
        assert isinstance(spec.get("records"), list), f"{spec_path.name}: no records list"
        assert "warnings" not in spec, f"{spec_path.name}: expectations hold records only"
