"""IOS line discipline and CLI modes for one SSH session, independent of the SSH library.

Bytes in, text out: each typed character is echoed as IOS echoes it; ``\\r``, ``\\n`` and
``\\r\\n`` are each one Enter; a command's output is followed by the prompt with no newline.
Commands run one at a time in arrival order, so a client that types ahead (netmiko writing many
config lines at once) sees exactly the interleaving a router produces. Questions a command asks
(``Password:``, ``[confirm]``, ``Destination filename [x]?``) are generator handlers that
``yield Ask(...)`` and receive the answer.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Generator
from typing import Any, Protocol

from flexorch.ios.facts import platform
from flexorch.lab import configmode
from flexorch.lab.execcmds import run_exec
from flexorch.lab.execgrammar import Match, MatchError, match_line
from flexorch.lab.replies import Ask, Reply
from flexorch.lab.surface import Router

log = logging.getLogger("flexorch.lab")

MAX_LINE = 4096  # characters kept per typed line; more is dropped like a full IOS line buffer
MAX_TYPEAHEAD = 1 << 20
_PRINTABLE = re.compile(r"[ -~]+")


class Transport(Protocol):
    """What the terminal needs from the SSH side."""

    def write(self, text: str) -> None: ...
    def close(self, abort: bool) -> None: ...
    def call_later(self, delay: float, callback: Callable[[], None]) -> Any: ...


class Terminal:
    """One interactive session on a lab router (the ``surface.Session`` command handlers get)."""

    def __init__(self, router: Router, user: str, transport: Transport) -> None:
        self.router = router
        self.user = user
        self.transport = transport
        self.priv = router.spec.privilege
        self.length = 24
        self.width = 80
        self.monitor = False
        self.config: configmode.ConfigSession | None = None
        self.config_tree: object | None = None
        self.mode = ""  # config-mode prompt suffix, "" in exec
        self.config_lines = 0
        self.closed = False
        self._line = ""
        self._typeahead = ""
        self._out: list[str] = []
        self._busy = False
        self._last_cr = False
        self._escape = False
        self._question: Generator[Ask, str, str] | None = None
        self._ask: Ask | None = None

    # --- public ---------------------------------------------------------------------------------
    def start(self) -> None:
        """Greet a new session: an empty line and the prompt (nothing at all when hung)."""
        if self.router.faults.hang:
            return
        self.transport.write("\r\n" + self.prompt())

    def prompt(self) -> str:
        host = self.router.state_hostname()
        if self._ask is not None:
            return self._ask.prompt
        if self.mode:
            return f"{host}({self.mode})#"
        return host + ("#" if self.priv >= 15 else ">")

    def feed(self, text: str) -> None:
        """Characters typed by the client, in order."""
        if self.closed:
            return
        if len(self._typeahead) < MAX_TYPEAHEAD:
            self._typeahead += text
        if not self._busy:
            self._drain()

    def run_once(self, command: str) -> str:
        """Run one exec command outside a shell (``ssh host cmd``); its output."""
        self._out = []
        self._run_line(command, prompt_after=False)
        out = "".join(self._out)
        self._out = []
        return out

    # --- input ------------------------------------------------------------------------------------
    def _drain(self) -> None:
        buf, i = self._typeahead, 0
        if self.router.faults.hang:
            buf, i = "", 0  # a hung router reads and forgets
        while i < len(buf) and not self._busy and not self.closed:
            run = _PRINTABLE.match(buf, i) if not self._escape and self._ask is None else None
            if run is not None:  # fast path: a stretch of plain characters typed on the line
                text = run.group()[: MAX_LINE - len(self._line)]
                self._line += text
                self._out.append(text)
                self._last_cr = False
                i = run.end()
                continue
            self._key(buf[i])
            i += 1
        self._typeahead = buf[i:] if not self.closed else ""
        self._flush()

    def _echoing(self) -> bool:
        return self._ask is None or self._ask.echo

    def _key(self, ch: str) -> None:
        """One typed character."""
        if ch == "\n" and self._last_cr:
            self._last_cr = False
            return
        self._last_cr = ch == "\r"
        if self._escape:  # skip an ANSI escape sequence (arrow keys and the like)
            self._escape = not ch.isalpha() and ch != "~"
        elif self._ask is not None and self._ask.key:
            self._answer("" if ch in "\r\n" else ch)
        elif ch in "\r\n":
            line, self._line = self._line, ""
            self._out.append("\r\n")  # the cursor moves on even when the typing is hidden
            self._enter(line)
        elif ch in "\x08\x7f":
            if self._line:
                self._line = self._line[:-1]
                if self._echoing():
                    self._out.append("\b \b")
        elif ch == "\x1b":
            self._escape = True
        elif ch in "\x03\x1a":  # Ctrl-C / Ctrl-Z: drop the line; in config mode, leave it
            self._interrupt(ch)
        elif ch == "\x15":  # Ctrl-U: erase the line
            self._line = ""
        elif " " <= ch <= "~" and len(self._line) < MAX_LINE:
            self._line += ch
            if self._echoing():
                self._out.append(ch)
        # anything else (binary garbage, tabs, NUL) is ignored, as IOS mostly does

    def _interrupt(self, ch: str) -> None:
        self._line = ""
        self._out.append("^C\r\n" if ch == "\x03" else "^Z\r\n")
        if self._ask is not None:
            self._answer("\x03")
            return
        if self.mode:
            self._leave_config()
        self._out.append(self.prompt())

    def _flush(self) -> None:
        if self._out and not self.closed:
            self.transport.write("".join(self._out))
        self._out = []

    def _enter(self, line: str) -> None:
        if self._ask is not None:
            self._answer(line)
            return
        latency = self.router.faults.latency
        if latency > 0:
            self._busy = True
            self._flush()
            self.transport.call_later(latency, lambda: self._resume(line))
            return
        self._run_line(line)

    def _resume(self, line: str) -> None:
        if self.closed:
            return
        self._busy = False
        if self.router.faults.hang:
            return
        self._run_line(line)
        self._drain()

    # --- commands -------------------------------------------------------------------------------
    def _run_line(self, line: str, prompt_after: bool = True) -> None:
        if self.router.faults.hang:
            return
        try:
            if self.mode:
                reply: Reply = self._config_line(line)
            else:
                reply = self._exec_line(line)
        except Exception:  # a bug in one command must not take the session or the lab down
            log.exception("%s: command failed: %r", self.router.name, line)
            reply = "% Internal error in the flexorch lab (see lab.log)\n"
        if isinstance(reply, str) and prompt_after and 0 < self.length <= reply.count("\n"):
            reply = _pager(reply, self.length)  # no "terminal length 0": IOS pages
        if isinstance(reply, str):
            self._emit(reply, prompt_after)
        else:
            self._question = reply
            self._answer(None)

    def _answer(self, answer: str | None) -> None:
        assert self._question is not None
        ask = self._ask
        self._ask = None
        if ask is not None and ask.key and ask.newline:
            self._out.append("\r\n")
        if answer == "\x03":  # Ctrl-C abandons the command and its questions
            self._question.close()
            self._question = None
            self._emit("", True)
            return
        try:
            step = self._question.send(answer) if answer is not None else next(self._question)
        except StopIteration as done:
            self._question = None
            self._emit(str(done.value or ""), True)
            return
        self._ask = step
        self._out.append(step.prompt.replace("\n", "\r\n"))

    def _emit(self, output: str, prompt_after: bool) -> None:
        if output:
            text = output.replace("\r\n", "\n").replace("\n", "\r\n")
            # (a pager stopped with "q" ends on backspaces: the prompt takes the --More-- place)
            self._out.append(text if text.endswith(("\r\n", "\b")) else text + "\r\n")
        if prompt_after and not self.closed:
            self._out.append(self.prompt())

    def error(self, kind: str, line: str, caret: int = 0) -> str:
        """IOS's answer to a line it cannot take, caret counted from the prompt."""
        if kind == "invalid":
            pad = " " * (len(self.prompt()) + caret)
            return f"{pad}^\n{platform.ERROR_INVALID}\n\n"
        if kind == "ambiguous":
            return f'{platform.ERROR_AMBIGUOUS_PREFIX}  "{line.strip()}"\n\n'
        if kind == "incomplete":
            return f"{platform.ERROR_INCOMPLETE}\n\n"
        return ""

    def _exec_line(self, line: str) -> Reply:
        if not line.strip():
            return ""
        if self.router.faults.rejects(line):
            return self.error("invalid", line, len(line) - len(line.lstrip()))
        found = match_line(line, self.priv)
        if isinstance(found, MatchError):
            return self.error(found.kind, line, found.caret)
        assert isinstance(found, Match)
        return run_exec(self, found, line)

    def _config_line(self, line: str) -> Reply:
        stripped = line.strip()
        if not stripped:
            return ""
        if self.router.faults.rejects(stripped):
            return self.error("invalid", line, len(line) - len(line.lstrip()))
        state = self.router.state
        if self.config is None or self.config_tree is not state.running:
            # The running tree was replaced (rollback, configure replace) under this session.
            self.config = configmode.ConfigSession(state.running, state.physical)
            self.config_tree = state.running
            self.mode = "config"
        result = self.config.feed(line)
        if result.do_command is not None:  # an exec command run from config mode
            return self._exec_line(result.do_command)
        if result.changed:
            state.changed(self.user)
        self.config_lines += 1
        limit = self.router.faults.drop_after
        if limit is not None and self.config_lines >= limit:
            log.info("%s: fault drop-after %d: dropping session", self.router.name, limit)
            self.closed = True
            self._out = []
            self.transport.close(True)
            return ""
        if result.mode:
            self.mode = result.mode
        else:
            self._leave_config()
        return result.output

    def enter_config(self) -> None:
        state = self.router.state
        self.config = configmode.ConfigSession(state.running, state.physical)
        self.config_tree = state.running
        self.mode = "config"
        self.config_lines = 0

    def _leave_config(self) -> None:
        self.config = None
        self.config_tree = None
        self.mode = ""

    def close(self) -> None:
        """End the session cleanly (``exit`` at exec level)."""
        self._flush()
        self.closed = True
        self.transport.close(False)


MORE = " --More-- "
_ERASE_MORE = "\b" * len(MORE) + " " * len(MORE) + "\b" * len(MORE)


def _pager(text: str, length: int) -> Generator[Ask, str, str]:
    """Output longer than the screen, a screen at a time: space for a page, Enter for a line,
    any other key stops (IOS's ``--More--``)."""
    lines = text.rstrip("\n").split("\n")
    page = max(length - 1, 1)
    shown, position = "\n".join(lines[:page]) + "\n", page
    while position < len(lines):
        key = yield Ask(shown + MORE, echo=False, key=True, newline=False)
        if key == " ":
            take = page
        elif key == "":
            take = 1
        else:
            return _ERASE_MORE
        shown = _ERASE_MORE + "\n".join(lines[position:position + take]) + "\n"
        position += take
    return shown

