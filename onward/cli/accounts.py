"""Operators' commands for server mode: making accounts and sending invitations."""

import sys
from typing import Annotated

import typer

from onward.cli._django import setup_django
from onward.cli.output import JsonFlag, print_json
from onward.errors import UserError


def _server_only() -> None:
    config = setup_django()
    if config.is_local:
        raise UserError(
            "Accounts with passwords are for server mode (ONWARD_MODE=server); "
            "on your own computer, onward signs you in with `onward link`."
        )
    from onward.cli._django import migrate_if_needed

    migrate_if_needed()


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise UserError("Give the password on standard input with --password-stdin, or run this in a terminal.")
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt="The same password again"))


def createuser(
    email: Annotated[str, typer.Argument(help="The address the person signs in with.")],
    name: Annotated[str, typer.Option(help="Their name, for signing drafts.")] = "",
    staff: Annotated[bool, typer.Option("--staff", help="May sign in to the admin (/admin/).")] = False,
    superuser: Annotated[bool, typer.Option("--superuser", help="May do everything in the admin.")] = False,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input (for scripts).")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Make an account on a server (asks for the password in a terminal).

    Example: ONWARD_MODE=server onward createuser coach@example.org --superuser
    """
    _server_only()
    password = _password(password_stdin)
    from onward.accounts import actions

    user = actions.create_account(email, password, name=name, staff=staff, superuser=superuser)
    if as_json:
        print_json(
            {"username": user.username, "email": user.email, "staff": user.is_staff, "superuser": user.is_superuser}
        )
        return
    role = " (admin)" if user.is_superuser else " (staff)" if user.is_staff else ""
    typer.echo(f"Made the account {user.email}{role}. They sign in with their email address and this password.")


def invite(
    email: Annotated[str, typer.Argument(help="Who to invite.")],
    send: Annotated[
        bool, typer.Option("--send/--no-send", help="Mail the invitation (default) or only print the link.")
    ] = True,
    base_url: Annotated[
        str, typer.Option("--base-url", help="The site's address (default: https:// + the first allowed host).")
    ] = "",
    as_json: JsonFlag = False,
) -> None:
    """Invite someone to make an account; the link works once, for two weeks.

    Example: ONWARD_MODE=server onward invite sam@example.org
    """
    _server_only()
    from onward.accounts import actions

    base = base_url or actions.default_base_url()
    if send:
        link = actions.send_invitation(email, base_url=base)
    else:
        link = actions.invitation_link(base, actions.create_invitation(email))
    if as_json:
        print_json({"email": email.strip().lower(), "link": link, "sent": send, "expires_in_days": 14})
        return
    typer.echo(f"Invited {email.strip().lower()}{' (mail sent)' if send else ''}. Their link, valid for two weeks:")
    typer.echo(link)
