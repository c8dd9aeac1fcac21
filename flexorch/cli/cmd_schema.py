"""``flexorch schema [--out DIR]``: JSON Schema of the inventory files, for editors.

Exit codes: 0 written; 2 DIR cannot be written.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from flexorch.cli.common import inventory_dir


@click.command("schema")
@click.option("--out", "-o", "out", type=click.Path(path_type=Path, file_okay=False),
              default=Path("schema"), show_default=True,
              help="Folder to write hosts/groups/defaults.schema.json into.")
@click.pass_context
def schema(ctx: click.Context, out: Path) -> None:
    """Write the JSON Schema of hosts.yaml, groups.yaml and defaults.yaml (from the intent
    models), so an editor with yaml-language-server completes keys and flags typos. Point each
    file at its schema with a first-line comment, as printed.

    Exit codes: 0 written, 2 DIR cannot be written.
    """
    from flexorch.intent.schema import write_schemas

    folder = inventory_dir(ctx)
    written = write_schemas(out)
    for path in written:
        click.echo(f"wrote {path}")
    click.echo(f"first line of each file in {folder}:")
    for path in written:
        shown = os.path.relpath(path.resolve(), folder.resolve())
        click.echo(f"  {path.name.removesuffix('.schema.json')}.yaml: "
                   f"# yaml-language-server: $schema={shown}")
