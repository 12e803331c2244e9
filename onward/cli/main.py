"""The ``onward`` command: a thin layer over the apps' actions.

Heavy imports (Django above all) happen inside the commands that need them, so
``onward version`` and ``onward --help`` start fast.

Typer reads the annotations of every command each time ``onward`` starts, so the
modules that define commands leave out ``from __future__ import annotations``:
with it, each annotation is a string Typer compiles and evaluates four times, ~10 ms
of every start (``tests/cli/test_start.py`` keeps it so).
"""

import os
import platform
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from onward import __version__
from onward.cli import accounts, api, backup, drafts, mail, momentum, plans, reflect, tracker
from onward.cli._django import database_error_message, setup_django
from onward.cli._typer import defer_conversion
from onward.cli.output import JsonFlag, print_json
from onward.cli.serve import serve, worker
from onward.config import ConfigError
from onward.errors import UserError

defer_conversion()


class OnwardGroup(TyperGroup):
    """Turns the errors a user can fix into one line on stderr and exit status 1."""

    def invoke(self, ctx: Any) -> Any:  # typer.Context; its base class is private
        try:
            return super().invoke(ctx)
        except (ConfigError, UserError) as exc:
            typer.echo(f"Error: {exc}", err=True)
            ctx.exit(1)
        except Exception as exc:
            from django.db import DatabaseError

            if isinstance(exc, DatabaseError):
                typer.echo(f"Error: {database_error_message(exc)}", err=True)
                ctx.exit(1)
            raise


app = typer.Typer(
    cls=OnwardGroup,
    name="onward",
    help="onward turns every job rejection into a next step.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.command()
def version(as_json: JsonFlag = False) -> None:
    """Print onward's version.

    Example: onward version --json
    """
    info = {"version": __version__, "python": platform.python_version()}
    if as_json:
        print_json(info)
    else:
        typer.echo(f"onward {__version__} (Python {info['python']})")


@app.command()
def check(as_json: JsonFlag = False) -> None:
    """Check the configuration, the database and the deployment settings.

    Exits 1 when something must be fixed. Example: ONWARD_MODE=server onward check
    """
    from django.core import checks
    from django.db import connection

    config = setup_django()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    found = checks.run_checks(include_deployment_checks=config.mode == "server")
    found = [m for m in found if not m.is_silenced()]
    problems = [
        {"id": m.id, "level": "error" if m.is_serious() else "warning", "message": m.msg, "hint": m.hint} for m in found
    ]
    errors = [p for p in problems if p["level"] == "error"]
    if as_json:
        print_json({"mode": config.mode, "data_dir": str(config.data_dir), "problems": problems})
    else:
        for p in problems:
            hint = f" {p['hint']}" if p["hint"] else ""
            typer.echo(f"{p['level']}: {p['id']}: {p['message']}{hint}", err=True)
        if not problems:
            typer.echo(f"No problems found ({config.mode} mode, data in {config.data_dir}).")
    if errors:
        raise typer.Exit(1)


@app.command()
def migrate() -> None:
    """Apply database migrations (``onward serve`` does this itself).

    Example: ONWARD_DATABASE_URL=postgresql://onward@db/onward onward migrate
    """
    setup_django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=1)


@app.command()
def link(
    no_open: Annotated[bool, typer.Option("--no-open", help="Print the link without opening a browser.")] = False,
) -> None:
    """Print a fresh one-time sign-in link for the running local server.

    Example: onward link --no-open
    """
    from onward.cli import serve as serving

    serving.print_fresh_link(open_browser=not no_open)


app.command(name="serve")(serve)
app.command(name="createuser")(accounts.createuser)
app.command(name="invite")(accounts.invite)
app.command(name="worker")(worker)
app.command(name="add")(tracker.add)
app.command(name="list")(tracker.list_applications)
app.command(name="stage")(tracker.stage)
app.command(name="log")(tracker.log)
app.add_typer(tracker.contact_app, name="contact")
app.add_typer(tracker.interview_app, name="interview")
app.add_typer(tracker.export_app, name="export")
app.add_typer(tracker.import_app, name="import")
app.command(name="reject")(plans.reject)
app.command(name="today")(plans.today)
app.add_typer(plans.step_app, name="step")
app.add_typer(plans.playbook_app, name="playbook")
app.add_typer(drafts.draft_app, name="draft")
app.command(name="reflect")(reflect.reflect)
app.add_typer(reflect.feedback_app, name="feedback")
app.command(name="themes")(reflect.themes)
app.command(name="prep")(reflect.prep)
app.command(name="checkin")(momentum.checkin)
app.command(name="checkins")(momentum.checkins)
app.add_typer(momentum.goal_app, name="goal")
app.command(name="insights")(momentum.insights)
app.add_typer(mail.mail_app, name="mail")
app.add_typer(api.token_app, name="token")
app.add_typer(backup.backup_app, name="backup")


class DemoSize(StrEnum):
    small = "small"
    large = "large"


SEEKER_APPLICATIONS = 300  # each account --users makes


@app.command()
def demo(
    data_dir: Annotated[
        Path | None, typer.Option("--data-dir", help="A fresh folder for the demo (default: ONWARD_DATA_DIR).")
    ] = None,
    size: Annotated[
        DemoSize,
        typer.Option(
            "--size",
            help="small: 30 applications to explore. large: a year of heavy searching for performance work "
            "(5,000 applications, 600 rejections with their plans, and everything around them).",
        ),
    ] = DemoSize.small,
    users: Annotated[
        int,
        typer.Option(
            "--users",
            min=0,
            metavar="N",
            help="Server mode only: also make N accounts (seeker001@example.org, …) with "
            f"{SEEKER_APPLICATIONS} applications each.",
        ),
    ] = 0,
    scale: Annotated[float, typer.Option("--scale", hidden=True, min=0.0001, max=10.0)] = 1.0,
) -> None:
    """Fill a fresh data folder with a believable job search to explore.

    Example: onward demo --data-dir /tmp/onward-demo && ONWARD_DATA_DIR=/tmp/onward-demo onward serve
    """
    import time

    if data_dir is not None:
        os.environ["ONWARD_DATA_DIR"] = str(data_dir.expanduser().resolve())
    config = setup_django()
    if users and config.is_local:
        raise UserError("--users makes other people's accounts, which only a server has; use ONWARD_MODE=server.")
    from onward.cli._django import acting_user
    from onward.clock import today

    user = acting_user()
    where = os.environ.get("ONWARD_DATA_DIR") or "your data folder"
    started = time.perf_counter()
    if size is DemoSize.small:
        from onward.tracker.demo import create_demo

        count = create_demo(user, today())
        typer.echo(f"Made a demo job search with {count} applications in {where}.")
    else:
        from onward.backups.schema import BY_KEY
        from onward.tracker.heavy import create_heavy

        counts = create_heavy(user, today(), scale=scale)
        made = ", ".join(
            f"{n:,} {BY_KEY[kind].noun if n == 1 else BY_KEY[kind].plural or BY_KEY[kind].noun + 's'}"
            for kind, n in counts.items()
        )
        took = time.perf_counter() - started
        typer.echo(f"Made a large demo job search in {where} in {took:.1f} s: {made}.")
    if users:
        from onward.tracker.heavy import create_heavy_users

        started = time.perf_counter()
        each = max(1, round(SEEKER_APPLICATIONS * scale))
        filled = create_heavy_users(users, each, today=today())
        took = time.perf_counter() - started
        last = f"seeker{users:03d}@example.org"
        typer.echo(
            f"Filled {filled} of {users} accounts (seeker001@example.org to {last}) with {each} applications "
            f"each in {took:.1f} s; accounts that already had applications were left as they were."
        )
    if data_dir is not None:
        typer.echo(f"Open it with: ONWARD_DATA_DIR={data_dir} onward serve")


def run() -> None:
    """Console-script entry point."""
    app(prog_name="onward")


if __name__ == "__main__":  # pragma: no cover
    run()
    sys.exit(0)
