"""The built-in lab: simulated IOS-XE routers over SSH on 127.0.0.1, one asyncio process.

In-process (tests, tools)::

    from flexorch.lab.fleet import LabFleet
    with LabFleet.start(inventory_dir, state_dir=tmp) as lab:
        spoke = lab.router("h1-gre")      # RouterHandle: running_config(), apply_config(lines),
        spoke.set_fault("drop-after", "3")  # set_fault/clear_faults, flash(), reload(), status()

Out of process: ``flexorch lab up|status|down|fault`` (``flexorch.cli.cmd_lab``), which runs
``flexorch.lab.runner`` in the background and talks to it over ``flexorch.lab.control``.

Modules: ``server`` (asyncssh, one listener per router), ``terminal`` (IOS line discipline and
modes), ``execgrammar``/``execcmds``/``filecmds``/``shows`` (exec CLI), ``configmode`` (bridge to
``flexorch.ios.config.engine``), ``state``/``storage`` (running/startup/flash/archive/revert timer),
``crypto`` (show crypto from ``flexorch.ios.negotiate``), ``faults``, ``control``, ``runner``,
``fleet``, ``inventory``, ``settings``. Importing this package loads none of them.
"""
