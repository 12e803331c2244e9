"""Personal API tokens from the command line: make one, list them, revoke one."""

from typing import Annotated

import typer

from onward.cli._django import acting_user
from onward.cli.output import JsonFlag, print_json

token_app = typer.Typer(help="Personal tokens for the JSON API (/api/v1/).", no_args_is_help=True)


@token_app.command("create")
def create(
    name: Annotated[str, typer.Option(help="What it is for, to tell it apart later, such as 'laptop script'.")],
    as_json: JsonFlag = False,
) -> None:
    """Make a token and print it. It is shown this once: keep it somewhere private.

    Example: onward token create --name "spreadsheet sync"
    """
    user = acting_user()
    from onward.api import actions

    made = actions.create_token(user, name)
    if as_json:
        token = made.token
        print_json({"token": made.secret, "prefix": token.prefix, "name": token.name, "created_at": token.created_at})
        return
    typer.echo(made.secret)
    typer.echo(
        f"That's your new token “{made.token.name}”. Copy it now: onward shows it only this once. "
        'Send it as "Authorization: Bearer <token>".',
        err=True,
    )


@token_app.command("list")
def list_tokens(as_json: JsonFlag = False) -> None:
    """List your live tokens by prefix and name (never the tokens themselves).

    Example: onward token list --json
    """
    user = acting_user()
    from onward.api import actions

    found = actions.active_tokens(user)
    if as_json:
        print_json([actions.token_dict(token) for token in found])
        return
    if not found:
        typer.echo('No tokens yet. `onward token create --name "…"` makes one.')
    for token in found:
        used = f"last used {token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "not used yet"
        typer.echo(f"{token.prefix}  {token.name}  (made {token.created_at:%Y-%m-%d}, {used})")


@token_app.command("revoke")
def revoke(
    prefix: Annotated[str, typer.Argument(help="The token's prefix, as `onward token list` shows it (onw_…).")],
    as_json: JsonFlag = False,
) -> None:
    """Stop a token working, at once.

    Example: onward token revoke onw_k3j9x2ma
    """
    user = acting_user()
    from onward.api import actions

    token = actions.revoke_token(user, prefix)
    if as_json:
        print_json(actions.token_dict(token))
        return
    typer.echo(f"Revoked {token.prefix} (“{token.name}”). Anything still using it will be turned away.")
