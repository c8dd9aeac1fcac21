"""Exec-mode commands of a lab router: session, show, configure and safety commands.

Each handler takes the session (``flexorch.lab.surface.Session``: the terminal as handlers see
it), the matched command and the typed line, and returns the output text, or a generator that
asks questions (``yield Ask(...)``) first. File commands (copy, dir, more, delete, write,
configure replace) live in ``flexorch.lab.filecmds``.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Generator

from flexorch.ios.facts import platform
from flexorch.lab import configmode, crypto, cryptoshows, filecmds, ipsecsa, shows
from flexorch.lab.execgrammar import Match
from flexorch.lab.replies import Ask, Reply
from flexorch.lab.surface import Handler, Session

BANNER = "Enter configuration commands, one per line.  End with CNTL/Z."
NO_ROLLBACK = "%No Rollback Confirmed Change pending"
NO_ARCHIVE = "%Turn config archive on before using Rollback Confirmed Change"


def run_exec(t: Session, m: Match, line: str) -> Reply:
    """Run a matched exec command; output filters are applied to plain (non-question) output."""
    reply = HANDLERS[m.action](t, m, line)
    if m.filters and isinstance(reply, str):
        filtered = shows.apply_filters(reply, m.filters)
        if filtered is None:
            return t.error("invalid", line, line.index("|"))
        return filtered
    return reply


# --- session ------------------------------------------------------------------------------------
def _terminal(t: Session, m: Match, line: str) -> Reply:
    negate = "no" in m.words
    if "length" in m.words:
        t.length = 24 if negate else int(m.args["lines"])
    elif "width" in m.words:
        t.width = 80 if negate else int(m.args["columns"])
    elif "monitor" in m.words:
        t.monitor = not negate
    return ""


def _enable(t: Session, m: Match, line: str) -> Reply:
    level = int(m.args.get("level", "15"))
    if level <= t.priv:
        t.priv = max(level, 1) if level < 15 else t.priv
        return ""
    secret = t.router.spec.enable_secret
    if not secret:
        return "% No password set\n"
    return _ask_enable(t, secret)


def _ask_enable(t: Session, secret: str) -> Generator[Ask, str, str]:
    for _ in range(3):
        answer = yield Ask("Password: ", echo=False)
        if answer == secret:
            t.priv = 15
            return ""
    return "% Bad secrets\n\n"


def _disable(t: Session, m: Match, line: str) -> Reply:
    t.priv = 1
    return ""


def _exit(t: Session, m: Match, line: str) -> Reply:
    t.close()
    return ""


def _unsupported(t: Session, m: Match, line: str) -> Reply:
    return f"% The flexorch lab does not simulate '{' '.join(m.words)}'.\n"


# --- show ---------------------------------------------------------------------------------------
def _show_run(t: Session, m: Match, line: str) -> Reply:
    state = t.router.state
    if len(m.filters) == 1 and m.filters[0][0] == "section":
        # The shared display code knows IOS's section grouping; use it as plan/drift do.
        try:
            return configmode.show_running(state.running, section=m.filters[0][1])
        except re.error:
            return t.error("invalid", line, line.index("|"))
    text = configmode.show_running(state.running)
    return shows.with_change_lines(text, state.last_change, state.last_save)


def _show_run_interface(t: Session, m: Match, line: str) -> Reply:
    wanted = m.args["interface"]
    try:
        return configmode.show_running(t.router.state.running, interface=wanted)
    except ValueError:
        return t.error("invalid", line, line.rindex(wanted.split()[0]))


def _show_startup(t: Session, m: Match, line: str) -> Reply:
    text = t.router.state.startup
    if not text.strip():
        return "startup-config is not present\n"
    return f"Using {len(text)} out of {shows.NVRAM_TOTAL} bytes\n" + text


def _show_version(t: Session, m: Match, line: str) -> Reply:
    r = t.router
    version = r.spec.ios_version or r.settings.ios_version
    return shows.show_version(r.state_hostname(), version, r.state.boot_time, r.name)


def _show_privilege(t: Session, m: Match, line: str) -> Reply:
    return f"Current privilege level is {t.priv}\n"


def _show_clock(t: Session, m: Match, line: str) -> Reply:
    return shows.ios_time(time.time(), clock=True) + "\n"


def _show_ip_int_brief(t: Session, m: Match, line: str) -> Reply:
    view = crypto.router_view(t.router)
    running = t.router.state.running
    return shows.show_ip_interface_brief(running, view.tunnel_up, view.virtual_access,
                                         view.leases)


def _show_archive(t: Session, m: Match, line: str) -> Reply:
    state = t.router.state
    path, maximum, _ = state.archive_settings()
    return shows.show_archive(path, maximum, state.archives, state.archive_count)


def _show_archive_timer(t: Session, m: Match, line: str) -> Reply:
    # Exactly as IOS prints it: the sample output of "show archive config rollback timer" in the
    # Cisco IOS Configuration Fundamentals Command Reference, and "%No Rollback Confirmed Change
    # pending" (tests/rollout/fixtures/show_archive_config_rollback_timer/).
    pending = t.router.state.revert
    if pending is None:
        return NO_ROLLBACK + "\n"
    return (
        f"Time configured(or reconfigured): {shows.ios_time(pending.started)}\n"
        "Timer type: absolute timer\n"
        f"Timer value: {pending.minutes} min\n"
        f"User: {pending.user}\n"
    )


def _show_crypto(t: Session, m: Match, line: str) -> Reply:
    return crypto.show(t.router, m.action)


def _show_ikev2_profile(t: Session, m: Match, line: str) -> Reply:
    return cryptoshows.show_ikev2_profile(t.router, m.args.get("name"))


def _show_ipsec_profile(t: Session, m: Match, line: str) -> Reply:
    r = t.router
    return cryptoshows.show_ipsec_profile(r, m.args.get("name"),
                                          version=r.spec.ios_version or r.settings.ios_version)


def _show_ipsec_sa(t: Session, m: Match, line: str) -> Reply:
    wanted = m.args.get("interface")
    interface = None
    if wanted is not None:
        try:
            interface = platform.interface_canonical(wanted)
        except ValueError:
            return t.error("invalid", line, line.rindex(wanted))
    return ipsecsa.show_ipsec_sa(t.router, detail=m.action == "show_ipsec_sa_detail",
                                     interface=interface, peer=m.args.get("peer"))


def _show_ikev2_stats(t: Session, m: Match, line: str) -> Reply:
    return cryptoshows.show_ikev2_stats(t.router)


def _show_derived(t: Session, m: Match, line: str) -> Reply:
    text = crypto.derived_config(t.router, m.args["interface"])
    if text is None:
        wanted = m.args["interface"]
        return t.error("invalid", line, line.rindex(wanted.split()[0]))
    return text


# --- configure and the revert timer ---------------------------------------------------------------
def _configure_terminal(t: Session, m: Match, line: str) -> Reply:
    t.enter_config()
    return BANNER + "\n"


def _configure_revert_timer(t: Session, m: Match, line: str) -> Reply:
    state = t.router.state
    minutes = int(m.args["minutes"])
    if state.revert is not None:
        # A change is already pending: keep its checkpoint (the config to go back to), restart
        # the timer, and let this session add to the same change.
        state.reset_revert(minutes)
        t.enter_config()
        return BANNER + "\n"
    checkpoint = state.start_revert(minutes, t.user)
    if checkpoint is None:
        return NO_ARCHIVE + "\n"
    t.enter_config()
    path = state.archive_settings()[0] or "flash:"
    device = path.split(":", 1)[0]
    return (
        f"Rollback Confirmed Change: Backing up current running config to {device}:{checkpoint}\n\n"
        + BANNER + "\n"
    )


def _configure_confirm(t: Session, m: Match, line: str) -> Reply:
    return "" if t.router.state.confirm() else NO_ROLLBACK + "\n"


def _configure_revert_now(t: Session, m: Match, line: str) -> Reply:
    state = t.router.state
    pending = state.revert
    if pending is None:
        return NO_ROLLBACK + "\n"
    done = state.revert_now()
    if done is None:
        return f"%Error opening flash:{pending.checkpoint} (No such file or directory)\n"
    return (
        f"Rollback Confirmed Change: Rolling to:flash:{done}\n"
        "Total number of passes: 1\nRollback Done\n\n"
    )


def _configure_revert_reset(t: Session, m: Match, line: str) -> Reply:
    return "" if t.router.state.reset_revert(int(m.args["minutes"])) else NO_ROLLBACK + "\n"


def _archive_config(t: Session, m: Match, line: str) -> Reply:
    return "" if t.router.state.archive_now() else "%Archive path not specified\n"


# --- reload and crypto housekeeping ------------------------------------------------------------
def _reload(t: Session, m: Match, line: str) -> Generator[Ask, str, str]:
    state = t.router.state
    if state.dirty:
        prompt = "System configuration has been modified. Save? [yes/no]: "
        while True:
            answer = (yield Ask(prompt)).strip().lower()
            if answer and "yes".startswith(answer):
                state.save(t.user)
                break
            if answer and "no".startswith(answer):
                break
            prompt = "% Please answer 'yes' or 'no'.\n" + prompt.rsplit("\n", 1)[-1]
    key = yield Ask("Proceed with reload? [confirm]", key=True)
    if key not in ("", "y", "Y"):
        return ""
    asyncio.get_running_loop().create_task(t.router.reload())
    return ""


def _clear_crypto(t: Session, m: Match, line: str) -> Reply:
    return ""


HANDLERS: dict[str, Handler] = {
    "terminal": _terminal,
    "enable": _enable,
    "disable": _disable,
    "exit": _exit,
    "unsupported": _unsupported,
    "show_run": _show_run,
    "show_run_interface": _show_run_interface,
    "show_startup": _show_startup,
    "show_version": _show_version,
    "show_privilege": _show_privilege,
    "show_clock": _show_clock,
    "show_ip_int_brief": _show_ip_int_brief,
    "show_archive": _show_archive,
    "show_archive_timer": _show_archive_timer,
    "show_ikev2_sa": _show_crypto,
    "show_ikev2_sa_detailed": _show_crypto,
    "show_ikev2_session": _show_crypto,
    "show_ikev2_session_detailed": _show_crypto,
    "show_crypto_session": _show_crypto,
    "show_crypto_session_detail": _show_crypto,
    "show_ikev2_profile": _show_ikev2_profile,
    "show_ikev2_stats": _show_ikev2_stats,
    "show_ipsec_profile": _show_ipsec_profile,
    "show_ipsec_sa": _show_ipsec_sa,
    "show_ipsec_sa_detail": _show_ipsec_sa,
    "show_derived": _show_derived,
    "configure_terminal": _configure_terminal,
    "configure_revert_timer": _configure_revert_timer,
    "configure_confirm": _configure_confirm,
    "configure_revert_now": _configure_revert_now,
    "configure_revert_reset": _configure_revert_reset,
    "archive_config": _archive_config,
    "reload": _reload,
    "clear_crypto": _clear_crypto,
    **filecmds.HANDLERS,
}
