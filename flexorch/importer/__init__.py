"""``flexorch import``: adopt an existing FlexVPN fleet.

Running configs (files, or routers read over SSH) become an inventory folder whose rendering is
the routers' running config, so ``flexorch plan`` has nothing to change on the untouched
routers. The contract (docs/ARCHITECTURE.md, docs/import.md):

- ``run.import_files(paths, Options)`` / ``run.import_devices(inventory, Options, ...)`` ->
  ``ImportResult`` (hosts with source, site and role; sites; secret file and variable names,
  never values; warnings; ``unexpressed``: lines the intent cannot express, ``unreadable``:
  routers that could not be read). Nothing is written unless ``ImportResult.written``.
- What is read (``router``): every section flexorch owns and what those sections use, by the
  line tables of ``read_ikev2``/``read_blocks``/``read_support`` (each row the inverse of a
  template line); lines no row reads go to the block's ``extra_lines``.
- Where routers go (``topology``), secrets as references (``secrets``, ``access``),
  ``peer: HUB`` where the loader derives it back (``sugar``), groups (``inventory``).
- The proof (``verify``): the written inventory is loaded as flexorch loads it and each
  router's rendering compared with its config by ``flexorch.ios.config.compare``; any
  difference plan would act on stops the import before anything is moved to ``--out``.
"""
