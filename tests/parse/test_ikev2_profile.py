"""`show crypto ikev2 profile`: the real captures of tests/fixtures/real/gh-arunkumaruniqpro-
c8000v-lisp-svti read as one record per profile, several profiles in one output keep their own
identities, a profile asked for by name reads the same, and a foreign line is a warning."""

from __future__ import annotations

from pathlib import Path

from flexorch.parse.records_policy import Ikev2Profile
from flexorch.parse.runner import parse_output

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"
GROUP = REAL / "gh-arunkumaruniqpro-c8000v-lisp-svti"
VEDGE01 = (GROUP / "vedge01__show_crypto_ikev2_profile.raw").read_text(encoding="utf-8")
VEDGE02 = (GROUP / "vedge02__show_crypto_ikev2_profile.raw").read_text(encoding="utf-8")


def _profiles(command: str, text: str) -> list[Ikev2Profile]:
    result = parse_output(command, text)
    assert all(isinstance(r, Ikev2Profile) for r in result.records)
    return list(result.records)


def test_none_values_read_as_absent_and_lists_as_words() -> None:
    [profile] = _profiles("show crypto ikev2 profile", VEDGE01)
    assert (profile.keyring, profile.ivrf, profile.match_local) == ("ikev2_keyring", None, None)
    assert (profile.trustpoints, profile.certificate_maps) == ((), ())
    assert profile.remote_auth == ("pre-share",)
    assert (profile.shutdown, profile.ref_count, profile.lifetime) == (False, 5, 86400)


def test_two_profiles_in_one_output_keep_their_own_identities() -> None:
    # vEDGE02's block after vEDGE01's: the second `IKEv2 profile:` line records the first
    # profile, and the identity list of the first stops at its `Certificate maps:` line.
    first, second = _profiles("show crypto ikev2 profile", VEDGE01 + "\n" + VEDGE02)
    assert first.identities == ("address 10.16.201.1 255.255.255.252",)
    assert second.identities == ("address 10.16.201.2 255.255.255.252",)
    assert (first.local_identity, second.local_identity) == (
        "address 10.16.201.2",
        "address 10.16.201.1",
    )
    assert second.aaa_user_authorization is None and second.dpd == "disabled"


def test_profile_asked_by_name_reads_the_same() -> None:
    named = _profiles("sh cry ikev2 prof ikev2_profile", VEDGE02)
    assert named == _profiles("show crypto ikev2 profile", VEDGE02)
    assert named[0].name == "ikev2_profile"


def test_a_foreign_line_is_a_warning_and_the_rest_is_read() -> None:
    lines = VEDGE01.splitlines()
    # a line of another command (vEDGE01's `show crypto ipsec transform-set`) pasted after DPD
    at = next(i for i, line in enumerate(lines) if "DPD:" in line) + 1
    foreign = "            Transform set default: { esp-aes esp-sha-hmac  } "
    lines.insert(at, foreign)
    result = parse_output("show crypto ikev2 profile", "\n".join(lines))
    assert [(w.line, w.text) for w in result.warnings] == [(at + 1, foreign)]
    [profile] = result.records
    assert profile.nat_keepalive == "disabled" and profile.aaa_accounting is None
    assert profile.keyring == "ikev2_keyring"


def test_a_key_value_line_after_the_identities_is_reported_not_an_identity() -> None:
    # A build that renamed the certificate-map line (or printed a new one) after the match
    # identities: the line is reported and the list ends there; the identity and the lines after
    # it read as before (they once became identities silently).
    text = VEDGE01.replace("Certificate maps: none", "Identity maps: none")
    result = parse_output("show crypto ikev2 profile", text)
    [profile] = result.records
    assert profile.identities == ("address 10.16.201.1 255.255.255.252",)
    assert (profile.local_identity, profile.keyring) == ("address 10.16.201.2", "ikev2_keyring")
    assert [w.text.strip() for w in result.warnings if w.text] == ["Identity maps: none"]
