"""``unmasked_lines``: a worker fills the keys of a push the coordinator sent masked from its
own clear lines, by the block lines each key sits under; a key it cannot tell is never guessed."""

from __future__ import annotations

from flexorch.plan.document import masked_lines, unmasked_lines
from flexorch.secrets import lab_secret

GRE, IPSEC, GRE_NEW = (lab_secret(f"FLEXORCH_PSK_{n}") for n in ("H1_GRE", "H1_IPSEC", "ROTATED"))
INTENDED = [
    "crypto ikev2 keyring FLEX_KEYS",
    " peer h1-gre",
    "  identity fqdn h1-gre.flex1.example",
    f"  pre-shared-key {GRE}",
    " peer h1-ipsec",
    "  identity fqdn h1-ipsec.flex1.example",
    f"  pre-shared-key {IPSEC}",
]


def test_each_key_comes_from_the_line_under_the_same_blocks() -> None:
    push = ["crypto ikev2 keyring FLEX_KEYS", " peer h1-ipsec", "  pre-shared-key ******",
            " peer h1-gre", "  pre-shared-key ******"]
    assert list(masked_lines([f"  pre-shared-key {GRE}"])) == ["  pre-shared-key ******"]
    assert unmasked_lines(push, [INTENDED]) == (
        "crypto ikev2 keyring FLEX_KEYS", " peer h1-ipsec", f"  pre-shared-key {IPSEC}",
        " peer h1-gre", f"  pre-shared-key {GRE}")


def test_lines_without_a_key_pass_as_they_are() -> None:
    push = ["crypto ikev2 policy FLEX_POLICY", " no proposal FLEX_NGE"]
    assert unmasked_lines(push, []) == tuple(push)


def test_a_key_found_nowhere_or_twice_is_not_guessed() -> None:
    unknown = ["crypto ikev2 keyring FLEX_KEYS", " peer h1-v6", "  pre-shared-key ******"]
    assert unmasked_lines(unknown, [INTENDED]) is None
    # the same block line with two different keys in the sources: which one is meant?
    other = [line.replace(GRE, GRE_NEW) for line in INTENDED]
    push = ["crypto ikev2 keyring FLEX_KEYS", " peer h1-gre", "  pre-shared-key ******"]
    assert unmasked_lines(push, [INTENDED, other]) is None
    # ... and the same key in both sources is no doubt
    assert unmasked_lines(push, [INTENDED, INTENDED]) == (
        "crypto ikev2 keyring FLEX_KEYS", " peer h1-gre", f"  pre-shared-key {GRE}")


def test_asterisks_of_the_line_itself_are_no_key() -> None:
    # a description (or a banner row) with asterisks of its own: kept where the sources have it
    intended = ["interface Tunnel0", " description ****** WAN ******", " tunnel key 5"]
    push = ["interface Tunnel0", " description ****** WAN ******"]
    assert unmasked_lines(push, [intended]) == tuple(push)
    # ... but not under another block
    assert unmasked_lines(["interface Tunnel1", " description ****** WAN ******"],
                          [intended]) is None
