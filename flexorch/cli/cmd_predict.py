"""``flexorch predict CONFIG_FILE...``: every IKEv2 session between routers whose running-configs
are given, predicted offline by the negotiation model (``flexorch.predict_files``)."""

from __future__ import annotations

import click

from flexorch.cli.common import echo_json, format_option
from flexorch.errors import EXIT_FAIL
from flexorch.secrets import mask


@click.command(
    "predict",
    epilog="Status codes: READY, NO_PROPOSAL_CHOSEN, AUTH_FAILED, PROFILE_MISMATCH, "
    "TS_UNACCEPTABLE, NOT_INITIATED, NO_RESPONDER, CONFIG_INCOMPLETE (docs/predict.md).",
)
@click.argument("config_files", metavar="CONFIG_FILE...", nargs=-1, required=True)
@format_option("text", "json")
@click.option("--platform-version", metavar="V", default=None,
              help="Software version of routers whose config has no 'version' line "
              "(e.g. 15.4, 17.9). Default: IOS-XE 17.")
@click.pass_context
def predict(ctx: click.Context, config_files: tuple[str, ...], fmt: str,
            platform_version: str | None) -> None:
    """Predict every IKEv2 session between the routers whose running-configs are given (one
    router per file), with the same negotiation model lint, plan and verify use. Exit 0 when
    every session comes up (READY), 1 when some fail, 2 on a file that cannot be read or is not
    an IOS config."""
    from flexorch.ios.negotiate import predict_sessions
    from flexorch.predict_files import READY, read_configs, session_records, table

    files = read_configs(config_files, platform_version=platform_version)
    routers = {f.name: f.endpoint for f in files}
    records = session_records(predict_sessions(routers), routers)
    if fmt == "json":
        echo_json(records)
    elif records:
        click.echo(mask(table(records)))
    else:
        click.echo("no IKEv2 session: no protected tunnel, FlexVPN client or NHRP peer "
                   "between these configs")
    if any(r["status"] != READY for r in records):
        ctx.exit(EXIT_FAIL)
