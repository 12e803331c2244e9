"""Rejections, plans and the Today view from the command line."""

from pathlib import Path
from typing import Annotated, Any

import typer

from onward.cli._django import acting_user
from onward.cli.files import read_text
from onward.cli.output import JsonFlag, print_json
from onward.cli.tracker import DateText, _short, _today, to_date
from onward.errors import UserError

step_app = typer.Typer(help="Mark plan steps done, skipped or snoozed.", no_args_is_help=True)
playbook_app = typer.Typer(help="The recovery playbook in force, and checking your own.", no_args_is_help=True)


def reject(
    application: Annotated[str | None, typer.Argument(help="Id, id prefix, or 'Company — Role'.")] = None,
    company: Annotated[str, typer.Option(help="For an application not tracked yet: the company.")] = "",
    role: Annotated[str, typer.Option(help="For an application not tracked yet: the role.")] = "",
    on: DateText = None,
    stage_reached: Annotated[
        str | None, typer.Option(help="applied, screen, interview or final (default: from the history).")
    ] = None,
    via: Annotated[str, typer.Option(help="How the news came: email, call, portal or other.")] = "",
    reason: Annotated[str, typer.Option(help="The reason, if they gave one.")] = "",
    message_file: Annotated[Path | None, typer.Option(help="A file with the message they sent.")] = None,
    cool_off: Annotated[int | None, typer.Option(help="Days of rest before the next steps (0-14).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Log a rejection and get a dated recovery plan.

    Example: onward reject "Acme — Data analyst" --stage-reached final --via email
    """
    user = acting_user()
    from onward.plans import actions, queries
    from onward.tracker import actions as tracker
    from onward.tracker import queries as tracker_queries

    message = _read_message(message_file)
    details: dict[str, Any] = {
        "on": to_date(on, "--on"),
        "stage_reached": stage_reached,
        "via": via,
        "reason": reason,
        "message": message,
        "cool_off_days": cool_off,
    }
    if application:
        if company or role:
            raise UserError("Name the application, or give --company and --role for a new one; not both.")
        found = tracker.resolve_application(user, application)
        rejection = actions.log_rejection(user, found, today=_today(), **details)
    elif company and role:
        rejection = actions.log_rejection_for(user, company=company, role=role, today=_today(), **details)
    else:
        raise UserError("Name the application (id or 'Company — Role'), or give --company and --role.")
    steps = queries.plan_steps(rejection)
    if as_json:
        app = rejection.application
        print_json(
            {
                "application": tracker_queries.application_dict(app),
                "rejection": queries.rejection_dict(rejection),
                "plan": [queries.step_dict(s) for s in steps],
            }
        )
        return
    typer.echo(f"Logged, and sorry about {rejection.application.company.name}. A gentle plan, at your pace:")
    for step in steps:
        typer.echo(f"  {step.due.isoformat()}  {_short(step.uuid)}  {step.title}")


def _read_message(path: Path | None) -> str:
    return "" if path is None else read_text(path)


def today(as_json: JsonFlag = False) -> None:
    """What is due today, what comes this week, and who to stay in touch with.

    Example: ONWARD_TODAY=2026-03-12 onward today --json
    """
    user = acting_user()
    from onward.plans import queries

    view = queries.today_view(user, _today())
    if as_json:
        print_json(queries.today_dict(view))
        return
    _print_today(view)


def _print_today(view: Any) -> None:
    if view.cool_off:
        c = view.cool_off
        typer.echo(
            f"Go gently after {c.rejection.application.company.name}: nothing asks you to job-hunt until {c.ends_on}."
        )
        for idea in c.self_care[:3]:
            typer.echo(f"  · {idea}")
    for title, rows in (("Today", view.due), ("This week", view.upcoming)):
        if rows:
            typer.echo(f"{title}:")
            for step, when in rows:
                # The day the web shows it from: never one inside a cool-off that has ended.
                typer.echo(f"  {view.starts_on(step, when).isoformat()}  {_short(step.uuid)}  {step.title}")
    if view.stay_in_touch:
        typer.echo("Stay in touch:")
        for item, when in view.stay_in_touch:
            name = getattr(item, "title", None) or f"Check in with {item.name}"
            typer.echo(f"  {when.isoformat()}  {name}")
    if view.empty:
        typer.echo("Nothing due. Enjoy the quiet.")


@step_app.command("done")
def step_done(
    step: Annotated[str, typer.Argument(help="The step's id or id prefix.")], as_json: JsonFlag = False
) -> None:
    """Mark a step done.

    Example: onward step done 3f2a9c1b
    """
    _act(step, "done", as_json)


@step_app.command("skip")
def step_skip(
    step: Annotated[str, typer.Argument(help="The step's id or id prefix.")], as_json: JsonFlag = False
) -> None:
    """Skip a step; no reason needed.

    Example: onward step skip 3f2a9c1b
    """
    _act(step, "skip", as_json)


@step_app.command("snooze")
def step_snooze(
    step: Annotated[str, typer.Argument(help="The step's id or id prefix.")],
    days: Annotated[int | None, typer.Option(help="Snooze for this many days.")] = None,
    until: DateText = None,
    as_json: JsonFlag = False,
) -> None:
    """Move a step to a later day.

    Example: onward step snooze 3f2a9c1b --days 3
    """
    _act(step, "snooze", as_json, days=days, until=to_date(until, "--until"))


def _act(ref: str, verb: str, as_json: bool, **options: Any) -> None:
    user = acting_user()
    from onward.plans import actions, queries

    found = actions.resolve_step(user, ref)
    if verb == "done":
        actions.complete_step(user, found, today=_today())
    elif verb == "skip":
        actions.skip_step(user, found, today=_today())
    else:
        actions.snooze_step(user, found, today=_today(), **options)
    if as_json:
        print_json(queries.step_dict(found))
        return
    words = {"done": "Done", "skip": "Skipped", "snooze": f"Snoozed until {found.snoozed_until}"}
    typer.echo(f"{words[verb]}: {found.title}.")


@playbook_app.command("show")
def playbook_show(as_json: JsonFlag = False) -> None:
    """Print the playbook in force (yours, your career centre's, or the shipped one).

    Example: onward playbook show --json
    """
    acting_user()
    from onward.plans.playbooks import playbook_in_force, playbook_path

    playbook = playbook_in_force()
    path = playbook_path()
    if as_json:
        print_json(
            {
                "source": str(path) if path else "default",
                "cool_off": playbook.cool_off,
                "cool_off_max": playbook.cool_off_max,
                "stay_in_touch_days": playbook.cadence_days,
                "steps": [
                    {"id": s.id, "kind": s.kind, "title": s.title, "why": s.why, "from": s.applies_from,
                     "anchor": s.anchor, "start": s.start, "end": s.end, "links_to": s.links_to}
                    for s in playbook.steps
                ],
            }
        )  # fmt: skip
        return
    if path is None:
        from onward.domain.playbook import default_text

        typer.echo(default_text(), nl=False)
    else:
        typer.echo(path.read_text(encoding="utf-8"), nl=False)


@playbook_app.command("validate")
def playbook_validate(file: Annotated[Path, typer.Argument(help="The playbook file to check.")]) -> None:
    """Check a playbook file; exit 1 with the step and the reason if it is malformed.

    Example: onward playbook validate my-playbook.toml
    """
    from onward.domain.playbook import PlaybookError, parse_playbook

    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{file}: cannot be read ({getattr(exc, 'strerror', None) or 'not UTF-8 text'}).") from None
    try:
        playbook = parse_playbook(text, str(file))
    except PlaybookError as exc:
        raise UserError(str(exc)) from None
    typer.echo(f"{file} is a valid playbook with {len(playbook.steps)} steps.")
