"""Tracker commands: applications, stages, contacts, interviews, conversations, CSV."""

from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from onward.cli._django import acting_user
from onward.cli.mail import PathOrCommandGroup, import_mail
from onward.cli.output import JsonFlag, print_json
from onward.errors import UserError

contact_app = typer.Typer(help="People you meet in your search.", no_args_is_help=True)
interview_app = typer.Typer(help="Interviews and the people met there.", no_args_is_help=True)
export_app = typer.Typer(help="Write your data to a file.", no_args_is_help=True)
import_app = typer.Typer(
    cls=PathOrCommandGroup,
    help="Import mail (onward import PATH) or applications from a spreadsheet (onward import csv FILE).",
    no_args_is_help=True,
)

DateText = Annotated[str | None, typer.Option(metavar="YYYY-MM-DD")]


def to_date(text: str | None, option: str) -> date | None:
    if text is None or not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(f"{option} must be a date written YYYY-MM-DD, not {text!r}.") from None


def _today() -> date:
    from onward.clock import today

    return today()


def _short(public_id: Any) -> str:
    return str(public_id).replace("-", "")[:8]


def add(
    company: Annotated[str, typer.Option(help="The company or employer.")],
    role: Annotated[str, typer.Option(help="The job title.")],
    stage: Annotated[str, typer.Option(help="Where it stands: wishlist, applied, screening, …")] = "applied",
    applied_on: DateText = None,
    url: Annotated[str, typer.Option(help="A link to the posting.")] = "",
    source: Annotated[str, typer.Option(help="referral, job_board, recruiter, company_site, network, other")] = "",
    location: Annotated[str, typer.Option(help="City, region or remote.")] = "",
    as_json: JsonFlag = False,
) -> None:
    """Track a new application.

    Example: onward add --company Acme --role "Data analyst" --applied-on 2026-03-02
    """
    user = acting_user()  # sets Django up before the models are imported
    from onward.tracker import actions, queries

    added = actions.add_application(
        user,
        company=company,
        role=role,
        today=_today(),
        stage=stage,
        applied_on=to_date(applied_on, "--applied-on"),
        url=url,
        source=source,
        location=location,
    )
    if as_json:
        print_json({**queries.application_dict(added.application), "warnings": added.warnings})
        return
    for warning in added.warnings:
        typer.echo(f"Note: {warning}", err=True)
    app = added.application
    typer.echo(f"Added {app} ({app.stage_enum.label.lower()}), id {_short(app.uuid)}.")


def list_applications(
    stage: Annotated[str, typer.Option(help="Only applications at this stage.")] = "",
    search: Annotated[str, typer.Option(help="Words to find in company, role or notes.")] = "",
    as_json: JsonFlag = False,
) -> None:
    """List your applications, most recently active first.

    Example: onward list --stage interviewing --json
    """
    user = acting_user()  # sets Django up before the models are imported
    from onward.tracker import actions, queries

    chosen = actions.to_stage(stage).value if stage else ""
    found = queries.with_history(queries.applications(user, stage=chosen, search=search))
    if as_json:
        print_json([queries.application_dict(a) for a in found])
        return
    rows = list(found)
    if not rows:
        typer.echo("No applications yet. Add one: onward add --company NAME --role TITLE")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, pad_edge=False)
    for column in ("id", "company", "role", "stage", "applied"):
        table.add_column(column)
    for a in rows:
        applied = a.applied_on.isoformat() if a.applied_on else ""
        table.add_row(_short(a.uuid), a.company.name, a.role, a.stage_enum.label, applied)
    Console().print(table)


def stage(
    application: Annotated[str, typer.Argument(help="Id, id prefix, or 'Company — Role'.")],
    new_stage: Annotated[str, typer.Argument(metavar="STAGE", help="wishlist, applied, screening, interviewing, …")],
    on: DateText = None,
    as_json: JsonFlag = False,
) -> None:
    """Move an application to a stage; the move is kept in its history.

    Example: onward stage "Acme — Data analyst" interviewing --on 2026-03-09
    """
    user = acting_user()  # sets Django up before the models are imported
    from onward.tracker import actions, queries

    found = actions.resolve_application(user, application)
    event = actions.change_stage(user, found, new_stage, today=_today(), on=to_date(on, "--on"))
    if as_json:
        print_json(queries.application_dict(found))
        return
    typer.echo(f"{found} moved to {found.stage_enum.label.lower()} on {event.on.isoformat()}.")


@contact_app.command("add")
def contact_add(
    name: Annotated[str, typer.Option(help="Their name.")],
    email: Annotated[str, typer.Option(help="Their email address.")] = "",
    company: Annotated[str, typer.Option(help="Where they work.")] = "",
    relationship: Annotated[
        str, typer.Option(help="recruiter, hiring_manager, interviewer, referral or other.")
    ] = "other",
    application: Annotated[str, typer.Option(help="An application they are part of (id or 'Company — Role').")] = "",
    cadence: Annotated[int | None, typer.Option(help="Stay in touch every N days.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Add a contact.

    Example: onward contact add --name "Priya Shah" --relationship recruiter --application Acme
    """
    user = acting_user()  # sets Django up before the models are imported
    from onward.tracker import actions, queries

    linked = actions.resolve_application(user, application) if application else None
    contact = actions.add_contact(
        user,
        name=name,
        email=email,
        company=company,
        relationship=relationship,
        application=linked,
        cadence_days=cadence,
    )
    if as_json:
        print_json(queries.contact_dict(contact))
        return
    typer.echo(f"Added {contact.name}, id {_short(contact.uuid)}.")


@contact_app.command("list")
def contact_list(
    search: Annotated[str, typer.Option(help="Words to find in name, company or email.")] = "",
    as_json: JsonFlag = False,
) -> None:
    """List your contacts.

    Example: onward contact list --json
    """
    user = acting_user()
    from onward.tracker import queries

    found = queries.contacts(user, search=search).prefetch_related("applications")
    if as_json:
        print_json([queries.contact_dict(c) for c in found])
        return
    for c in found:
        where = f" ({c.company.name})" if c.company else ""
        typer.echo(f"{_short(c.uuid)}  {c.name}{where}, {c.get_relationship_display().lower()}")


@interview_app.command("add")
def interview_add(
    application: Annotated[str, typer.Option(help="Id, id prefix, or 'Company — Role'.")],
    on: Annotated[str, typer.Option(metavar="YYYY-MM-DD", help="The interview's date.")],
    kind: Annotated[str, typer.Option(help="phone_screen, technical, behavioural, panel, final or other.")] = "other",
    with_: Annotated[list[str] | None, typer.Option("--with", help="A contact met (id or name); repeat.")] = None,
    notes: Annotated[str, typer.Option(help="Anything to remember (the topics, unless --topics is given).")] = "",
    topics: Annotated[str, typer.Option(help="Topics discussed (thank-you notes can mention one).")] = "",
    went_well: Annotated[str, typer.Option(help="What went well.")] = "",
    liked: Annotated[str, typer.Option(help="What they responded well to.")] = "",
    as_json: JsonFlag = False,
) -> None:
    """Record an interview.

    Example: onward interview add --application Acme --on 2026-03-09 --kind technical --with "Priya Shah"
    """
    user = acting_user()  # sets Django up before the models are imported
    from onward.tracker import actions, queries

    found = actions.resolve_application(user, application)
    people = [actions.resolve_contact(user, ref) for ref in with_ or []]
    day = to_date(on, "--on")
    assert day is not None
    if not topics:  # --notes has always meant the topics when they aren't given apart
        topics, notes = notes, ""
    interview = actions.add_interview(
        user,
        found,
        on=day,
        today=_today(),
        kind=kind,
        contacts=people,
        topics=topics,
        went_well=went_well,
        liked=liked,
        notes=notes,
    )
    if as_json:
        print_json(queries.interview_dict(interview))
        return
    typer.echo(f"Saved the {interview.get_kind_display().lower()} interview for {found} on {day.isoformat()}.")


def log(
    contact: Annotated[str, typer.Argument(help="Id, id prefix, or name.")],
    on: DateText = None,
    channel: Annotated[str, typer.Option(help="email, call, video, linkedin, message, meeting or other.")] = "email",
    note: Annotated[str, typer.Option(help="What you talked about.")] = "",
    as_json: JsonFlag = False,
) -> None:
    """Log a conversation with a contact (it resets their stay-in-touch clock).

    Example: onward log "Priya Shah" --channel call --note "Coffee chat about the data team"
    """
    user = acting_user()  # sets Django up before the models are imported
    from onward.tracker import actions, queries

    found = actions.resolve_contact(user, contact)
    interaction = actions.log_interaction(
        user, found, today=_today(), on=to_date(on, "--on"), channel=channel, note=note
    )
    if as_json:
        print_json(queries.interaction_dict(interaction))
        return
    typer.echo(f"Logged a {interaction.get_channel_display().lower()} with {found.name} on {interaction.on}.")


@export_app.command("csv")
def export_csv(file: Annotated[Path, typer.Argument(help="Where to write; - for standard output.")]) -> None:
    """Write every application, with its stage history, to a CSV file.

    Example: onward export csv applications.csv
    """
    import sys

    user = acting_user()
    from onward.tracker import csvio

    if str(file) == "-":
        csvio.write_csv(user, sys.stdout)
        return
    try:
        with file.open("w", encoding="utf-8", newline="") as handle:
            count = csvio.write_csv(user, handle)
    except OSError as exc:
        raise UserError(f"Cannot write {file} ({exc.strerror}).") from None
    typer.echo(f"Wrote {count} applications to {file}.")


@import_app.command("csv")
def import_csv(
    file: Annotated[Path, typer.Argument(help="A CSV file: onward's export, or your own spreadsheet.")],
    map_: Annotated[
        list[str] | None, typer.Option("--map", help="Say what a column holds: 'Column name=field'; repeat.")
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check the file and report; change nothing.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Import applications from a CSV file, all or nothing.

    Fields: company, role, stage, applied_on, url, source, location, salary,
    salary_min, salary_max, notes, stage_history, id, ignore.
    Example: onward import csv tracker.csv --map "Org=company" --dry-run
    """
    user = acting_user()
    from onward.tracker import csvio

    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise UserError(f"Cannot read {file} ({exc.strerror}).") from None
    mapping = csvio.parse_mapping(map_ or [])
    report = csvio.import_csv(user, raw, file.name, today=_today(), mapping=mapping, dry_run=dry_run)
    if as_json:
        print_json({**report.as_dict(), "dry_run": dry_run})
        return
    for line in report.notes + report.skipped:
        typer.echo(f"  {line}")
    verb = "Would import" if dry_run else "Imported"
    typer.echo(f"{verb} {report.imported} of {len(report.rows)} applications from {file.name}.")


import_app.command("mail")(import_mail)
