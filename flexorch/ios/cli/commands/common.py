"""Pieces of syntax shared by several command families, and the words valid in every sub-mode."""

from __future__ import annotations

from typing import Final

from flexorch.ios.cli.syntax import Command as C

PSK: Final = "[{0|6}=enc] <word=key>"
IKE_ENC: Final = ("{3des|aes-cbc-128|aes-cbc-192|aes-cbc-256|aes-gcm-128|aes-gcm-256|aes-ctr-128|"
                  "aes-ctr-192|aes-ctr-256|des}+=value")
IKE_HASH: Final = "{md5|sha1|sha256|sha384|sha512}+=value"
DH: Final = "{1|2|5|14|15|16|19|20|21|24|31}+=value"
ESP: Final = ("{esp-aes [{128|192|256}]|esp-gcm [{128|192|256}]|esp-gmac [{128|192|256}]|esp-3des|"
              "esp-des|esp-null|esp-seal|esp-md5-hmac|esp-sha-hmac|esp-sha256-hmac|esp-sha384-hmac|"
              "esp-sha512-hmac|ah-md5-hmac|ah-sha-hmac|ah-sha256-hmac|ah-sha384-hmac|ah-sha512-hmac|"
              "comp-lzs}+=transform")
IDENTITY: Final = ("{address {<ip=address>|<ipv6=address>}|fqdn [domain=domain] <word=fqdn>|"
                   "email [domain=domain] <word=email>|key-id <word=key-id>}")
DN_PART: Final = "{all|common-name|country|domain|locality|organization|organization-unit|state}"
DELIM: Final = "{.|@|\\}"
METHODS: Final = "{local|none|enable|line|if-authenticated|local-case|group <word>}+=method"
PFS: Final = ("[{group1|group2|group5|group14|group15|group16|group19|group20|group21|group24}"
              "=group]")

# Words valid in every sub-mode.
SUBMODE_COMMON: Final[tuple[C, ...]] = (
    C("exit", action="exit"),
    C("end", action="end"),
    C("do <rest>", action="do"),
)
