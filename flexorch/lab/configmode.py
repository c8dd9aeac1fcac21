"""The lab's bridge to flexorch's IOS config engine.

Config mode, the line grammar and the running-config display belong to ``flexorch.ios.config``
(shared with render, plan and drift); the lab forwards lines to it and prints what it answers.
Loading a saved config (boot, rollback, configure replace) feeds its lines through the engine
like IOS parses startup-config, so type-6 keys, abbreviations and hidden defaults are handled
exactly as for typed lines. Every engine call here gets the lab's type-6 stand-in cipher
(``flexorch.lab.type6``): the engine itself knows no type-6 algorithm.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass

from flexorch.ios.config import EXEC, ConfigTree
from flexorch.ios.config import ConfigSession as EngineSession
from flexorch.ios.config import show_running as engine_show
from flexorch.ios.facts import platform
from flexorch.ios.facts.rules import LISTING_NOISE_PREFIXES
from flexorch.lab.type6 import CIPHER

log = logging.getLogger("flexorch.lab")

_HEADER_END = "bytes\n"
_PARSE_ERRORS = (platform.ERROR_INVALID, platform.ERROR_INCOMPLETE, platform.ERROR_AMBIGUOUS_PREFIX)


@dataclass(frozen=True)
class LineResult:
    """What one config-mode line did.

    ``mode`` is the prompt suffix (``config``, ``config-if`` ...), ``""`` once the line left
    config mode. ``output`` is what IOS prints after the echo (error with its caret line, or an
    informational message), ready to print. ``do_command`` is the exec command of a ``do`` line.
    """

    mode: str
    output: str = ""
    error: bool = False
    changed: bool = False
    do_command: str | None = None


def physical_interfaces(tree: ConfigTree, model: str | None = None) -> frozenset[str]:
    """The hardware interfaces of a router: the ports of its model (``model``, else the one
    whose port naming the config's interfaces follow: ``platform.hardware_for``) and any other
    physical interface the config configures (a port the real router evidently had)."""
    configured = set()
    for node in tree.find("interface"):
        name = node.text.split()[1].split(".")[0]
        if name.rstrip("0123456789/:") not in platform.INTERFACE_CREATABLE:
            configured.add(name)
    hardware = platform.hardware_for(sorted(configured), model)
    return frozenset(configured | set(hardware.ports))


@dataclass(frozen=True)
class Rejected:
    """A line of a config file the router refused while loading it: ``line_no`` (1-based in the
    file), the line as written, and IOS's error (its last line)."""

    line_no: int
    line: str
    error: str

    def where(self, source: str) -> str:
        """``source:line_no: line  (error)`` for logs and ``flexorch lab status``; a secret
        in the line is masked."""
        from flexorch.secrets import mask

        return f"{source}:{self.line_no}: {mask(self.line.strip())}  ({self.error})"


def config_lines(text: str) -> list[tuple[int, str]]:
    """The lines of a config file a router parses, numbered from 1: everything up to ``end``
    except blank lines, ``!`` comments and the header lines ``show running-config`` and ``show
    startup-config`` print before the config (``Building configuration...``, ``Current
    configuration : N bytes``, ``Using N out of M bytes``)."""
    out = []
    for number, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if not stripped or stripped.startswith(("!", *LISTING_NOISE_PREFIXES)):
            continue
        if stripped == "end":
            break
        out.append((number, raw))
    return out


def boot_config(
    text: str, physical: Collection[str] | None = None
) -> tuple[ConfigTree, list[Rejected]]:
    """A config file (startup-config, archive, day-0) applied to an empty config, line by line
    as IOS parses startup-config (by mode, not by indentation); the lines it refused."""
    tree = ConfigTree()
    session = EngineSession(tree, physical_interfaces=physical, type6=CIPHER)
    rejected = []
    for number, raw in config_lines(text):
        if not session.active:
            session = EngineSession(tree, physical_interfaces=physical, type6=CIPHER)
        result = session.feed(raw)
        if result.error is not None:
            rejected.append(Rejected(number, raw, result.error.splitlines()[-1]))
    return tree, rejected


def load_config(text: str, physical: Collection[str] | None = None) -> ConfigTree:
    """``boot_config`` without the list: refused lines are skipped (and logged at debug level),
    as a router booting with them would."""
    tree, rejected = boot_config(text, physical)
    for item in rejected:
        log.debug("config load: %r refused: %s", item.line.strip(), item.error)
    return tree


def show_running(
    tree: ConfigTree, *, section: str | None = None, interface: str | None = None
) -> str:
    """``show running-config`` text, with its ``Building configuration...`` header.

    ``interface`` raises ValueError when the interface does not exist."""
    return engine_show(tree, section=section, interface=interface, type6=CIPHER)


def config_body(tree: ConfigTree) -> str:
    """The running config as a file holds it (startup-config, flash copy): no header lines."""
    text = engine_show(tree, type6=CIPHER)
    cut = text.find(_HEADER_END)
    return text[cut + len(_HEADER_END):] if text.startswith("Building") and cut >= 0 else text


class ConfigSession:
    """One SSH session's stay in config mode, applying lines to the router's running tree."""

    def __init__(self, tree: ConfigTree, physical: Collection[str] | None = None) -> None:
        self._engine = EngineSession(tree, physical_interfaces=physical, type6=CIPHER)

    def feed(self, line: str) -> LineResult:
        result = self._engine.feed(line)
        mode = "" if result.mode == EXEC else result.mode
        if result.error is not None:
            text = result.error.rstrip("\n") + "\n"
            if any(error in text for error in _PARSE_ERRORS):
                text += "\n"  # IOS leaves an empty line after a parse error
            return LineResult(mode, text, True, False)
        output = result.message.rstrip("\n") + "\n" if result.message else ""
        return LineResult(mode, output, False, result.changed, result.do_command)
