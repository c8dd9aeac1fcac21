"""Pieces of syntax shared by several command families, and the words valid in every sub-mode."""

from __future__ import annotations

from typing import Final

from flexorch.ios.cli.syntax import Command as C

PSK: Final = "[{0|6}] <word>"
IKE_ENC: Final = ("{3des|aes-cbc-128|aes-cbc-192|aes-cbc-256|aes-gcm-128|aes-gcm-256|aes-ctr-128|"
                  "aes-ctr-192|aes-ctr-256|des}+")
IKE_HASH: Final = "{md5|sha1|sha256|sha384|sha512}+"
DH: Final = "{1|2|5|14|15|16|19|20|21|24|31}+"
ESP: Final = ("{esp-aes [{128|192|256}]|esp-gcm [{128|192|256}]|esp-gmac [{128|192|256}]|esp-3des|"
              "esp-des|esp-null|esp-seal|esp-md5-hmac|esp-sha-hmac|esp-sha256-hmac|esp-sha384-hmac|"
              "esp-sha512-hmac|ah-md5-hmac|ah-sha-hmac|ah-sha256-hmac|ah-sha384-hmac|ah-sha512-hmac|"
              "comp-lzs}+")
IDENTITY: Final = "{address {<ip>|<ipv6>}|fqdn [domain] <word>|email [domain] <word>|key-id <word>}"
DN_PART: Final = "{all|common-name|country|domain|locality|organization|organization-unit|state}"
DELIM: Final = "{.|@|\\}"
METHODS: Final = "{local|none|enable|line|if-authenticated|local-case|group <word>}+"
PFS: Final = "[{group1|group2|group5|group14|group15|group16|group19|group20|group21|group24}]"

# Words valid in every sub-mode.
SUBMODE_COMMON: Final[tuple[C, ...]] = (
    C("exit", action="exit"),
    C("end", action="end"),
    C("do <rest>", action="do"),
)
