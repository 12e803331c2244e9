"""Reflection, feedback and lessons from the command line."""

import json
import sys
import tomllib
from pathlib import Path
from typing import Annotated, Any

import typer

from onward.cli._django import acting_user
from onward.cli.files import read_text
from onward.cli.output import JsonFlag, print_json
from onward.cli.tracker import DateText, _today, to_date
from onward.errors import UserError

feedback_app = typer.Typer(help="Log feedback from a company, and see what feedback is about.", no_args_is_help=True)


def reflect(
    application: Annotated[str, typer.Argument(help="Id, id prefix, or 'Company — Role'.")],
    answers_file: Annotated[
        Path | None, typer.Option(help="Answers as TOML or JSON: {area = {rating = 1-5, text = '…'}}.")
    ] = None,
    finish: Annotated[bool, typer.Option("--finish/--draft", help="Mark it done, or keep it as a draft.")] = True,
    ask: Annotated[bool, typer.Option("--ask", help="Ask the prompts even when input is not a terminal.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Look back on an interview: one prompt at a time in a terminal, or from a file.

    Press Enter to skip a prompt. Example: onward reflect "Acme — Data analyst"
    """
    from onward.domain import reflection as prompts

    if answers_file is not None:
        answers = _read_answers(answers_file)
    elif ask or sys.stdin.isatty():
        answers = _ask(prompts.areas())
    else:
        raise UserError("Not in a terminal: give the answers with --answers-file FILE (TOML or JSON).")
    user = acting_user()
    from onward.reflect import actions
    from onward.tracker import actions as tracker

    found = tracker.resolve_application(user, application)
    saved = actions.save_reflection(user, found, answers, today=_today(), finish=finish)
    if as_json:
        print_json(actions.reflection_dict(saved))
        return
    state = "kept as a draft" if saved.is_draft else "saved"
    typer.echo(
        f"Your reflection on {found} is {state} ({len(saved.answers)} areas). `onward themes` shows what recurs."
    )


def _ask(areas: Any) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    typer.echo("Ten quiet minutes. Press Enter to skip anything.\n")
    for area in areas:
        typer.echo(f"{area.title}: {area.prompt}")
        rating = ""
        if not area.strength:
            while True:
                rating = typer.prompt("  How did it go, 1 to 5", default="", show_default=False).strip()
                if rating in ("", "1", "2", "3", "4", "5"):
                    break
                typer.echo("  A number from 1 to 5, or Enter to skip.")
        text = typer.prompt(f"  {area.hint}", default="", show_default=False)
        answers[area.id] = {"rating": rating, "text": text}
        typer.echo("")
    return answers


def _read_answers(path: Path) -> dict[str, Any]:
    text = read_text(path)
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UserError(f"{path}: not valid {'JSON' if path.suffix.lower() == '.json' else 'TOML'} ({exc}).") from None
    if not isinstance(data, dict):
        raise UserError(f'{path}: give one entry per area, like examples = {{ rating = 2, text = "…" }}.')
    from onward.domain.reflection import areas

    known = {a.id for a in areas()}
    unknown = sorted(set(data) - known)
    if unknown:
        raise UserError(f"{path}: unknown area {unknown[0]!r}; the areas are: {', '.join(sorted(known))}.")
    return data


@feedback_app.command("add")
def feedback_add(
    application: Annotated[str, typer.Argument(help="Id, id prefix, or 'Company — Role'.")],
    text: Annotated[str, typer.Option(help="What they said.")] = "",
    file: Annotated[Path | None, typer.Option(help="A file with what they said (UTF-8).")] = None,
    from_: Annotated[str | None, typer.Option("--from", help="Who it came from: contact id or name.")] = None,
    on: DateText = None,
    channel: Annotated[str, typer.Option(help="email, call, portal or other.")] = "email",
    disagree: Annotated[bool, typer.Option(help="You don't agree with all of it (the reply stays gracious).")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Keep feedback word for word; onward finds its themes and plans a gracious reply.

    Example: onward feedback add "Acme — Data analyst" --text "We went with an internal candidate."
    """
    if bool(text) == bool(file):
        raise UserError("Give the feedback with --text or --file (one of the two).")
    if file is not None:
        text = read_text(file)
    user = acting_user()
    from onward.reflect import actions
    from onward.tracker import actions as tracker

    found = tracker.resolve_application(user, application)
    contact = tracker.resolve_contact(user, from_) if from_ else None
    feedback = actions.add_feedback(
        user, found, text, today=_today(), on=to_date(on, "--on"), contact=contact, channel=channel, disagree=disagree
    )
    if as_json:
        print_json(actions.feedback_dict(feedback))
        return
    typer.echo(f"Saved the feedback on {found}.")
    _print_themes(feedback.themes, english=feedback.english)
    if actions.reply_step(feedback):
        typer.echo(f"A gracious reply is on your plan: onward draft feedback_reply --application {found.uuid.hex[:8]}")


def _print_themes(themes: list[dict[str, Any]], *, english: bool) -> None:
    if not english:
        typer.echo("No themes: onward only reads English feedback for now. It's kept as written.")
        return
    if not themes:
        typer.echo("No theme recognised; general feedback is common and says little about you.")
        return
    for theme in themes:
        mark = " (not about you)" if theme["outside_control"] else ""
        typer.echo(f"- {theme['label']}{mark}: “{theme['quote']}”")
    if all(t["outside_control"] for t in themes):
        typer.echo("This one was not about you: the reasons were outside your control.")


@feedback_app.command("themes")
def feedback_themes(
    text: Annotated[str | None, typer.Argument(help="Feedback text (or - for standard input).")] = None,
    jsonl: Annotated[Path | None, typer.Option(help='A file of {"id", "text"} lines; one result per line.')] = None,
    as_json: JsonFlag = False,
) -> None:
    """Find the themes in feedback without saving anything.

    Example: onward feedback themes "Your answers were long; we hired internally." --json
    """
    from onward.domain.themes import detect

    if (text is None) == (jsonl is None):
        raise UserError("Give the feedback text, or --jsonl FILE (one of the two).")
    if jsonl is not None:
        for number, item in enumerate(_jsonl(jsonl), start=1):
            found = detect(str(item["text"]))
            row = {"id": item.get("id", number), "english": found.english, "themes": [h.as_dict() for h in found.hits]}
            typer.echo(json.dumps(row, ensure_ascii=False))
        return
    assert text is not None
    if text == "-":
        text = sys.stdin.read()
    if not text.strip():
        raise UserError("The feedback is empty.")
    found = detect(text)
    hits = [h.as_dict() for h in found.hits]
    if as_json:
        print_json({"english": found.english, "themes": hits})
    else:
        _print_themes(hits, english=found.english)


def _jsonl(path: Path) -> list[dict[str, Any]]:
    lines = read_text(path).splitlines()
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UserError(f"{path} line {number}: not JSON ({exc.msg}).") from None
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            raise UserError(f'{path} line {number}: each line is {{"id": …, "text": "…"}}.')
        rows.append(row)
    return rows


def themes(as_json: JsonFlag = False) -> None:
    """The themes that recur across your feedback and reflections, with quotes and what to practise.

    Example: onward themes --json
    """
    user = acting_user()
    from onward.reflect import actions

    seen = actions.overview(user)
    recurring, outside = seen.recurring, seen.not_about_you
    if as_json:
        print_json(
            {
                "recurring": [actions.recurring_dict(r) for r in recurring],
                "not_about_you": [actions.recurring_dict(r) for r in outside],
                "strengths": seen.strengths,
            }
        )
        return
    if not recurring:
        typer.echo("Nothing recurs yet. When something comes up twice, it shows here with a way to practise it.")
    for entry in recurring:
        typer.echo(f"{entry.label} ({entry.count} times)")
        typer.echo(f"  Practise: {entry.practice}")
        for evidence in entry.evidence[:3]:
            typer.echo(f"  “{evidence.quote}” ({evidence.source}, {evidence.on.isoformat()})")
    if outside:
        typer.echo("\nNot about you: " + ", ".join(f"{r.label.lower()} ({r.count})" for r in outside) + ".")


def prep(
    application: Annotated[str, typer.Argument(help="Id, id prefix, or 'Company — Role'.")],
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Print Markdown (the default is the same, plain).")
    ] = False,
) -> None:
    """The prep sheet for an application's next interview: lessons, strengths, past notes, questions.

    Example: onward prep "Acme — Data analyst" --markdown > prep.md
    """
    user = acting_user()
    from onward.reflect import actions
    from onward.tracker import actions as tracker

    found = tracker.resolve_application(user, application)
    sheet = actions.prep_for(user, found, _today()).markdown()
    if not markdown:
        sheet = sheet.replace("**", "").replace("# ", "").replace("#", "")
    typer.echo(sheet, nl=False)
