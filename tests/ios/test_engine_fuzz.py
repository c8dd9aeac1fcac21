"""Bad input never corrupts a config: a refused line changes nothing, and nothing raises."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from flexorch.ios.config import ConfigSession, ConfigTree, show_running

BASE = [
    "hostname R1", "crypto ikev2 proposal P", " encryption aes-cbc-256", "crypto ikev2 keyring K",
    " peer A", "  address 192.0.2.1", "  pre-shared-key k", "interface Tunnel1",
    " tunnel source GigabitEthernet1", " tunnel destination 192.0.2.1",
]
WORDS = ["crypto", "ikev2", "ipsec", "profile", "interface", "tunnel", "no", "ip", "address",
         "mode", "peer", "encryption", "aes-cbc-256", "192.0.2.1", "Tunnel1", "g1", "1", "500",
         "exit", "end", "match", "identity", "remote", "any", "default", "key", "\x00", "\u201c",
         "%", "^", "?", "dpd", "10", "2", "on-demand"]


def _fresh(mode_lines: list[str]) -> ConfigSession:
    session = ConfigSession(ConfigTree())
    for line in BASE + mode_lines:
        assert session.feed(line).ok
    return session


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=7),
       st.sampled_from([[], ["crypto ikev2 profile PR"], ["interface Tunnel1"],
                        ["crypto ikev2 keyring K", "peer A"]]))
def test_refused_lines_change_nothing(words: list[str], context: list[str]) -> None:
    session = _fresh(context)
    before = session.tree.to_text()
    mode_before = session.mode
    result = session.feed(" ".join(words))
    assert isinstance(result.prompt, str)
    if result.error is not None:
        assert session.tree.to_text() == before
        assert session.mode == mode_before
    show_running(session.tree)  # still displayable


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=60))
def test_arbitrary_text_never_raises(text: str) -> None:
    session = _fresh([])
    before = session.tree.to_text()
    result = session.feed(text)
    if result.error is not None:
        assert session.tree.to_text() == before
