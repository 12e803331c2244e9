"""Drafts from the command line: ``onward draft KIND --application APP`` and ``onward draft lint``."""

from typing import Annotated, Any

import typer

from onward.cli._django import acting_user
from onward.cli.files import read_text
from onward.cli.output import JsonFlag, print_json
from onward.cli.tracker import _today
from onward.domain.drafts.phrasebook import KINDS, TONES
from onward.errors import UserError

draft_app = typer.Typer(
    help="Draft the messages worth sending after a no, and check the ones you write. onward never sends them.",
    no_args_is_help=True,
)

KIND_HELP = {
    "thank_you": "A thank-you to one person you met.",
    "feedback_request": "Ask the recruiter or hiring manager for feedback.",
    "connect_note": "A LinkedIn connection note within the character limit.",
    "feedback_reply": "Thank someone for their feedback, without arguing.",
    "stay_in_touch": "A light check-in with someone you met.",
    "follow_up": "A polite status check after no response.",
}

Application = Annotated[str, typer.Option("--application", help="Id, id prefix, or 'Company — Role'.")]
ContactOpt = Annotated[
    str | None, typer.Option("--contact", help="Who it's to: id, id prefix or name (default: from the plan).")
]
Tone = Annotated[str, typer.Option("--tone", help="warm, formal or brief.")]


def _drafter(kind: str) -> Any:
    def command(
        application: Application,
        contact: ContactOpt = None,
        tone: Tone = "warm",
        takeaway: Annotated[str, typer.Option(help="feedback_reply: what you'll take from the feedback.")] = "",
        disagree: Annotated[bool, typer.Option(help="feedback_reply: you don't agree with all of it.")] = False,
        share_kind: Annotated[str, typer.Option(help="stay_in_touch: update, congrats or article.")] = "",
        share: Annotated[str, typer.Option(help="stay_in_touch: the news, the congratulation or the link.")] = "",
        ask_feedback: Annotated[bool, typer.Option(help="thank_you: ask for feedback in the same email.")] = False,
        channel: Annotated[str, typer.Option(help="stay_in_touch: email or message.")] = "",
        as_json: JsonFlag = False,
    ) -> None:
        user = acting_user()
        from onward.drafts import actions
        from onward.tracker import actions as tracker

        found = tracker.resolve_application(user, application)
        person = tracker.resolve_contact(user, contact) if contact else None
        options = actions.Options.from_mapping(
            {
                "takeaway": takeaway,
                "disagree": disagree,
                "share_kind": share_kind,
                "share": share,
                "ask_feedback": ask_feedback,
                "channel": channel,
            }
        )
        composed = actions.compose_about(user, kind, found, contact=person, tone=tone, options=options, today=_today())
        if as_json:
            print_json(composed.to_dict())
        else:
            _print_draft(composed)

    command.__doc__ = f"""{KIND_HELP[kind]}

    Prints the draft and what would make it stronger. Example: onward draft {kind} --application "Acme — Analyst"
    """
    return command


for _kind in KINDS:
    draft_app.command(name=_kind)(_drafter(_kind))


def _print_draft(composed: Any) -> None:
    draft = composed.draft
    contact = composed.contact
    if contact is not None:
        address = f" <{contact.email}>" if contact.email else " (no email on file)"
        typer.echo(f"To: {contact.name}{address if draft.channel == 'email' else ''}")
    if draft.subject:
        typer.echo(f"Subject: {draft.subject}")
    typer.echo("")
    typer.echo(draft.body)
    typer.echo("")
    count = f"{draft.length} of {draft.limit} characters" if draft.limit else f"{draft.words} words"
    typer.echo(f"({count})", err=True)
    for warning in draft.warnings:
        typer.echo(f"· {warning.message}", err=True)


@draft_app.command(name="lint")
def lint(
    file: Annotated[str, typer.Argument(help="The text to check, or - to read it from standard input.")],
    kind: Annotated[str, typer.Option("--kind", help=f"What it is: {', '.join(KINDS)}.")],
    channel: Annotated[str, typer.Option("--channel", help="email, linkedin or message (default: the kind's).")] = "",
    application: Annotated[
        str | None, typer.Option("--application", help="The application it's about, for the specific checks.")
    ] = None,
    contact: ContactOpt = None,
    as_json: JsonFlag = False,
) -> None:
    """Check a message you wrote: blanks, length, re-pitching, arguing, harsh self-talk, greeting, sign-off,
    the wrong company. Exits 1 when something is worth a second look.

    Example: onward draft lint --kind thank_you --channel email note.txt
    """
    text = _read_text(file)
    user = acting_user()
    from onward.domain.drafts import channel_for, limit_for, platform_length, word_count
    from onward.drafts import actions
    from onward.tracker import actions as tracker

    found = tracker.resolve_application(user, application) if application else None
    person = tracker.resolve_contact(user, contact) if contact else None
    findings = actions.lint_text(
        user, text, kind=kind, channel=channel, application=found, contact=person, today=_today()
    )
    chosen = channel_for(kind, channel)
    limit = limit_for(chosen, actions.note_limit(user)) if chosen != "email" else None
    if as_json:
        print_json(
            {
                "kind": kind,
                "channel": chosen,
                "length": platform_length(text),
                "words": word_count(text),
                "limit": limit,
                "warnings": [f.as_dict() for f in findings],
            }
        )
    else:
        for finding in findings:
            typer.echo(f"{finding.code}: {finding.message}")
        if not findings:
            typer.echo("Reads well. Nothing to fix.")
    if findings:
        raise typer.Exit(1)


def _read_text(file: str) -> str:
    text = read_text(file, stdin_dash=True)
    if not text.strip():
        raise UserError(f"{file}: is empty; there is nothing to check.")
    return text


@draft_app.command(name="phrasings")
def phrasings(
    copy: Annotated[
        str | None, typer.Option("--copy", help="Copy onward's phrasings for KIND into your data folder to edit.")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Where the phrasings drafts are written from live, and which ones you have made your own.

    Example: onward draft phrasings --copy thank_you
    """
    acting_user()
    from importlib import resources

    from onward.drafts import actions

    folder = actions.phrasings_folder()
    if copy is not None:
        if copy not in KINDS:
            raise UserError(f"No phrasings for {copy!r}; the kinds are: {', '.join(KINDS)}.")
        target = folder / f"{copy}.toml"
        if target.exists():
            raise UserError(f"{target} exists already; edit it, or remove it to start again from onward's.")
        folder.mkdir(parents=True, exist_ok=True)
        shipped = resources.files("onward.domain").joinpath(f"data/drafts/{copy}.toml").read_text(encoding="utf-8")
        target.write_text(shipped, encoding="utf-8")
        typer.echo(f"Copied to {target}. Edit it; sections you keep replace onward's, the rest stay as they are.")
        return
    actions.books()  # a broken file of yours is reported here
    rows = [
        {"kind": kind, "file": str(folder / f"{kind}.toml"), "yours": (folder / f"{kind}.toml").exists()}
        for kind in KINDS
    ]
    if as_json:
        print_json({"folder": str(folder), "tones": list(TONES), "kinds": rows})
        return
    typer.echo(f"Your phrasings folder: {folder}")
    for row in rows:
        typer.echo(f"  {row['kind']:<18} {'yours' if row['yours'] else 'onward’s'}")
