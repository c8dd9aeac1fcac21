"""What a lab exec command returns: output text, or a generator asking questions first."""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass


@dataclass(frozen=True)
class Ask:
    """A question a command asks mid-way. ``key`` questions take one keystroke ([confirm])."""

    prompt: str
    echo: bool = True
    key: bool = False


Reply = str | Generator[Ask, str, str]
