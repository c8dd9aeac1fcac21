"""File commands of a lab router: write, copy, dir, more, delete, configure replace.

Only ``flash:``/``bootflash:`` (one simulated file system), ``running-config`` and
``startup-config`` (also as ``system:``/``nvram:`` URLs) exist. ``file prompt quiet`` in the
running config suppresses the questions, as on IOS.
"""

from __future__ import annotations

from collections.abc import Generator

from flexorch.lab import configmode, shows
from flexorch.lab.execgrammar import Match
from flexorch.lab.replies import Ask, Reply
from flexorch.lab.state import flash_name
from flexorch.lab.storage import safe_flash_name
from flexorch.lab.surface import Handler, Session

RUNNING, STARTUP = "running-config", "startup-config"
REPLACE_WARNING = (
    "This will apply all necessary additions and deletions\n"
    "to replace the current running configuration with the\n"
    "contents of the specified configuration file, which is\n"
    "assumed to be a complete configuration, not a partial\n"
    "configuration. Enter Y if you are sure you want to proceed. ? [no]: "
)


def _location(url: str) -> str | None:
    """``running-config`` / ``startup-config`` / ``flash:<name>`` (``flash:`` alone for the
    device), or None for anything the lab has no file system for."""
    lowered = url.lower()
    for word, alias in ((RUNNING, "system:running-config"), (STARTUP, "nvram:startup-config")):
        if (len(lowered) >= 3 and word.startswith(lowered)) or lowered == alias:
            return word
    name = flash_name(url)
    if name is None:
        return None
    return "flash:" + name


def _quiet(t: Session) -> bool:
    return t.router.state.running.get("file prompt quiet") is not None


def _copied(size: int) -> str:
    return f"{size} bytes copied in 0.011 secs ({int(size / 0.011)} bytes/sec)\n"


def _write_memory(t: Session, m: Match, line: str) -> Reply:
    t.router.state.save(t.user)
    return "Building configuration...\n[OK]\n"


def _write_erase(t: Session, m: Match, line: str) -> Generator[Ask, str, str]:
    key = yield Ask(
        "Erasing the nvram filesystem will remove all configuration files! Continue? [confirm]",
        key=True,
    )
    if key not in ("", "y", "Y"):
        return ""
    state = t.router.state
    state.startup = ""
    if state.store:
        state.store.save_startup("")
    return "[OK]\nErase of nvram: complete\n"


def _copy(t: Session, m: Match, line: str) -> Reply:
    source, destination = _location(m.args["source"]), _location(m.args["destination"])
    if source is None or destination is None or source == destination:
        bad = m.args["source"] if source is None else m.args["destination"]
        return f"%Error opening {bad} (Not supported by the flexorch lab)\n"
    if source.startswith("flash:") and source[6:] not in t.router.state.flash:
        return f"%Error opening bootflash:{source[6:]} (No such file or directory)\n"
    return _copy_steps(t, source, destination)


def _copy_steps(t: Session, source: str, destination: str) -> Generator[Ask, str, str]:
    state = t.router.state
    quiet = _quiet(t)
    default = destination[6:] if destination.startswith("flash:") else destination
    target = default
    if not quiet:
        answer = (yield Ask(f"Destination filename [{default}]? ")).strip()
        target = answer or default
    if source == RUNNING:
        text = state.running_text()
    elif source == STARTUP:
        text = state.startup
    else:
        text = state.flash[source[6:]]
    if destination == STARTUP:
        if source == RUNNING:
            state.save(t.user)
            return "Building configuration...\n[OK]\n"
        state.startup = text
        if state.store:
            state.store.save_startup(text)
        return "[OK]\n"
    if destination == RUNNING:
        errors = merge_into_running(t, text)
        return errors + _copied(len(text))
    name = target.split(":", 1)[1].lstrip("/") if ":" in target else target
    if not safe_flash_name(name):
        return f"%Error opening bootflash:{name} (Invalid argument)\n"
    if name in state.flash and not quiet:
        key = yield Ask(
            "%Warning:There is a file already existing with this name\n"
            "Do you want to over write? [confirm]", key=True
        )
        if key not in ("", "y", "Y"):
            return ""
    state.write_flash(name, text)
    return _copied(len(text.encode()))


def merge_into_running(t: Session, text: str) -> str:
    """Feed a config file into config mode line by line (copy ... running-config); errors.
    A refused line is skipped and the copy goes on with the next, as IOS does (a ``% ...``
    line per refusal; the ``reject`` fault refuses lines here as in config mode)."""
    state = t.router.state
    session = configmode.ConfigSession(state.running, state.physical)
    errors = []
    changed = False
    for raw in text.splitlines():
        stripped = raw.strip()
        if not stripped or stripped.startswith("!") or stripped == "end":
            continue
        if t.router.faults.rejects(stripped):
            errors.append(t.error("invalid", raw, len(raw) - len(raw.lstrip())).rstrip("\n"))
            continue
        result = session.feed(raw)
        changed = changed or result.changed
        if result.error:
            errors.append(result.output.rstrip("\n"))
    if changed:
        t.router.state.changed(t.user)
    return "".join(e + "\n" for e in errors)


def _dir(t: Session, m: Match, line: str) -> Reply:
    url = m.args.get("url", "flash:")
    where = _location(url)
    if where is None or not where.startswith("flash:"):
        return f"%Error opening {url} (No such device)\n"
    state = t.router.state
    prefix = where[6:]
    files = {k: v for k, v in state.flash.items() if k.startswith(prefix)}
    if prefix and not files:
        return f"%Error opening bootflash:/{prefix} (No such file or directory)\n"
    return shows.show_dir(files, state.flash_times)


def _more(t: Session, m: Match, line: str) -> Reply:
    url = m.args["url"]
    where = _location(url)
    state = t.router.state
    if where == RUNNING:
        return state.running_text()
    if where == STARTUP:
        return state.startup
    if where is None or where[6:] not in state.flash:
        return f"%Error opening {url} (No such file or directory)\n"
    return state.flash[where[6:]]


def _delete(t: Session, m: Match, line: str) -> Reply:
    where = _location(m.args["url"])
    if where is None or not where.startswith("flash:") or not where[6:]:
        return f"%Error deleting {m.args['url']} (Invalid argument)\n"
    return _delete_steps(t, where[6:])


def _delete_steps(t: Session, name: str) -> Generator[Ask, str, str]:
    state = t.router.state
    if not _quiet(t):
        answer = (yield Ask(f"Delete filename [{name}]? ")).strip()
        name = answer.split(":", 1)[-1].lstrip("/") if answer else name
        key = yield Ask(f"Delete bootflash:/{name}? [confirm]", key=True)
        if key not in ("", "y", "Y"):
            return ""
    if not state.delete_flash(name):
        return f"%Error deleting bootflash:/{name} (No such file or directory)\n"
    if name in state.archives:
        state.archives.remove(name)
    return ""


def _configure_replace(t: Session, m: Match, line: str) -> Reply:
    url = m.args["url"]
    where = _location(url)
    state = t.router.state
    if where == STARTUP:
        text = state.startup
    elif where is not None and where.startswith("flash:") and where[6:] in state.flash:
        text = state.flash[where[6:]]
    else:
        return f"%Error opening {url} (No such file or directory)\n"
    minutes = int(m.args["minutes"]) if "minutes" in m.args else None
    if "force" in m.words or _quiet(t):
        return _replace(t, text, minutes)
    return _replace_after_question(t, text, minutes)


def _replace_after_question(t: Session, text: str,
                            minutes: int | None) -> Generator[Ask, str, str]:
    answer = (yield Ask(REPLACE_WARNING)).strip().lower()
    if answer not in ("y", "yes"):
        return ""
    return _replace(t, text, minutes)


def _replace(t: Session, text: str, minutes: int | None) -> str:
    """Replace the running config; with ``time N`` under the revert timer first, as IOS does
    (a real ``configure replace flash:X force time 1`` answers "Rollback Confirmed Change:
    Backing up current running config to flash:..." then "Total number of passes: 0" and
    "Rollback Done": gist ryankearney/8920941)."""
    state = t.router.state
    head = ""
    if minutes is not None:
        if state.revert is not None:
            state.reset_revert(minutes)  # as configure terminal revert timer does when pending
        else:
            checkpoint = state.start_revert(minutes, t.user)
            if checkpoint is None:
                return "%Turn config archive on before using Rollback Confirmed Change\n"
            device = (state.archive_settings()[0] or "flash:").split(":", 1)[0]
            head = ("Rollback Confirmed Change: Backing up current running config to "
                    f"{device}:{checkpoint}\n")
    state.replace_running(text, t.user)
    return head + "Total number of passes: 1\nRollback Done\n\n"


HANDLERS: dict[str, Handler] = {
    "write_memory": _write_memory,
    "write_erase": _write_erase,
    "copy": _copy,
    "dir": _dir,
    "more": _more,
    "delete": _delete,
    "configure_replace": _configure_replace,
}
