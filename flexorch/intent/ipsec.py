"""IPsec blocks: ``crypto ipsec transform-set`` and ``crypto ipsec profile``."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, model_validator

from flexorch.intent.raw import RawEntry
from flexorch.intent.strict import Flag, Int, whole_number
from flexorch.intent.types import Model, Name, Text

# IOS keywords; "esp-aes" alone is AES-128 and IOS prints it that way ("esp-aes 128" is not shown).
EspEncryption = Literal[
    "esp-des",
    "esp-3des",
    "esp-aes",
    "esp-aes 192",
    "esp-aes 256",
    "esp-gcm",
    "esp-gcm 256",
    "esp-gmac",
    "esp-gmac 256",
    "esp-null",
]
EspIntegrity = Literal[
    "esp-md5-hmac", "esp-sha-hmac", "esp-sha256-hmac", "esp-sha384-hmac", "esp-sha512-hmac"
]
AhIntegrity = Literal[
    "ah-md5-hmac", "ah-sha-hmac", "ah-sha256-hmac", "ah-sha384-hmac", "ah-sha512-hmac"
]
# IOS display spelling of 128-bit defaults: typed with the size, shown without it.
_DISPLAY = {"esp-aes 128": "esp-aes", "esp-gcm 128": "esp-gcm", "esp-gmac 128": "esp-gmac"}


def _display_spelling(data: object) -> object:
    if isinstance(data, dict) and data.get("esp_encryption") in _DISPLAY:
        data = {**data, "esp_encryption": _DISPLAY[data["esp_encryption"]]}
    return data


class TransformSet(Model):
    """``crypto ipsec transform-set NAME [AH] [ESP-ENC] [ESP-AUTH]`` + ``mode tunnel|transport``."""

    ah: AhIntegrity | None = None
    esp_encryption: EspEncryption | None = None
    esp_integrity: EspIntegrity | None = None
    mode: Literal["tunnel", "transport"] = "tunnel"
    extra_lines: list[RawEntry] = Field(default_factory=list)

    _spelling = model_validator(mode="before")(_display_spelling)

    @model_validator(mode="after")
    def _not_empty(self) -> TransformSet:
        if self.ah is None and self.esp_encryption is None and self.esp_integrity is None:
            raise ValueError("a transform set needs at least one transform")
        return self


PfsGroup = Literal[
    "group1",
    "group2",
    "group5",
    "group14",
    "group15",
    "group16",
    "group19",
    "group20",
    "group21",
    "group24",
]


class SaLifetime(Model):
    seconds: Annotated[Int, Field(ge=120, le=2592000)] | None = None
    kilobytes: Annotated[Int, Field(ge=2560, le=4294967295)] | None = None
    kilobytes_disable: Flag = False


ReplayWindow = Annotated[Literal[64, 128, 256, 512, 1024], BeforeValidator(whole_number)]


class SaReplay(Model):
    window_size: ReplayWindow | None = None
    disable: Flag = False


class ReverseRoute(Model):
    distance: Annotated[Int, Field(ge=1, le=255)] | None = None
    tag: Annotated[Int, Field(ge=1, le=4294967295)] | None = None


class IpsecProfile(Model):
    """``crypto ipsec profile``: how the tunnel's IPsec SAs are built."""

    description: Text | None = None
    lifetime: SaLifetime | None = None
    replay: SaReplay | None = None
    transform_sets: list[Name] = Field(default_factory=list)
    pfs: PfsGroup | None = None
    ikev2_profile: Name | None = None
    mixed_mode: Flag = False
    reverse_route: ReverseRoute | None = None
    responder_only: Flag = False
    extra_lines: list[RawEntry] = Field(default_factory=list)
