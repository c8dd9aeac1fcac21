"""What a lab exec command returns: output text, or a generator asking questions first."""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass


@dataclass(frozen=True)
class Ask:
    """A question a command asks mid-way. ``key`` questions take one keystroke ([confirm]);
    ``newline`` says whether the answer moves to a new line (not so for ``--More--``)."""

    prompt: str
    echo: bool = True
    key: bool = False
    newline: bool = True


Reply = str | Generator[Ask, str, str]
