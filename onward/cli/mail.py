"""Mail from the command line: ``onward mail classify`` (touches nothing) and ``onward import PATH``."""

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from onward.cli.output import JsonFlag, print_json
from onward.errors import UserError

mail_app = typer.Typer(
    help="Read mail: tell rejections, interviews, offers and confirmations apart.", no_args_is_help=True
)


class PathOrCommandGroup(TyperGroup):
    """``onward import PATH`` imports mail; ``onward import csv FILE`` still imports a spreadsheet."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        first = next((a for a in args if not a.startswith("-")), None)
        if first is not None and first not in self.commands and not {"--help", "-h"} & set(args[: args.index(first)]):
            args = ["mail", *args]
        return super().parse_args(ctx, args)


def _verdict_dict(ident: Any, verdict: Any) -> dict[str, Any]:
    return {
        "id": ident,
        "label": verdict.label,
        "confidence": round(verdict.confidence, 3),
        "company": verdict.company.value if verdict.company else None,
        "role": verdict.role.value if verdict.role else None,
        "evidence": list(verdict.evidence),
        "company_confidence": round(verdict.company.confidence, 3) if verdict.company else None,
        "role_confidence": round(verdict.role.confidence, 3) if verdict.role else None,
    }


def _optional_text(row: dict[str, Any], key: str) -> str | None:
    value = row.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f'"{key}" must be text or null')
    return value


def _classify_jsonl(source: str) -> int:
    from onward.domain.mail.classify import classify
    from onward.domain.mail.reader import mail_from_parts

    try:
        handle = sys.stdin if source == "-" else Path(source).expanduser().open(encoding="utf-8")
    except OSError as exc:
        raise UserError(f"Cannot read {source} ({exc.strerror}).") from None
    failures = 0
    with handle:
        try:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                row: Any = None
                try:
                    row = json.loads(line)
                    if not isinstance(row, dict):
                        raise ValueError("each line must be a JSON object")
                    mail = mail_from_parts(
                        _optional_text(row, "subject"), _optional_text(row, "body"), _optional_text(row, "from")
                    )
                except ValueError as exc:
                    failures += 1
                    reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
                    ident = row.get("id") if isinstance(row, dict) else None
                    typer.echo(json.dumps({"id": ident, "error": f"line {number}: {reason}"}, ensure_ascii=False))
                    continue
                typer.echo(json.dumps(_verdict_dict(row.get("id"), classify(mail)), ensure_ascii=False))
        except UnicodeDecodeError:
            raise UserError(f"Cannot read {source}: it is not UTF-8 text.") from None
    return failures


@mail_app.command("classify")
def classify_command(
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="Mail to read: .eml, .mbox, a Maildir folder or .txt; none reads one pasted message."),
    ] = None,
    jsonl: Annotated[
        str | None,
        typer.Option(
            "--jsonl", help='Read JSON lines {"id", "subject", "body", "from"} from FILE ("-" for standard input).'
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Say what each message is, how sure onward is, and why. Nothing is saved or changed.

    With --jsonl (and with --json) it prints one JSON line per message, in order:
    {"id", "label", "confidence", "company", "role", "evidence"}.
    Example: onward mail classify inbox.mbox --json
    """
    from onward.domain.mail.classify import classify
    from onward.domain.mail.message import Skipped
    from onward.domain.mail.reader import MailError, open_source, parse_text

    if jsonl is not None:
        if files:
            raise UserError("Give either files or --jsonl, not both.")
        failures = _classify_jsonl(jsonl)
        if failures:
            raise typer.Exit(1)
        return
    results: list[tuple[Any, Any, str]] = []  # (id, verdict or reason, subject)
    if not files:
        if sys.stdin.isatty():
            typer.echo("Paste a message, then press Ctrl+D:", err=True)
        mail = parse_text(sys.stdin.read())
        results.append((mail.message_id or "stdin", classify(mail), mail.subject))
    for path in files or []:
        try:
            source = open_source(path.expanduser())
        except MailError as exc:
            raise UserError(str(exc)) from None
        for index, (item, _) in enumerate(source, start=1):
            if isinstance(item, Skipped):
                results.append((f"{path.name}:{item.where}", item.reason, ""))
                continue
            ident = item.message_id or f"{path.name}:{index}"
            results.append((ident, classify(item), item.subject))
    skipped = 0
    for ident, verdict, subject in results:
        if isinstance(verdict, str):
            skipped += 1
            if as_json:
                typer.echo(json.dumps({"id": ident, "error": verdict}, ensure_ascii=False))
            else:
                typer.echo(f"skipped  {ident}: {verdict}")
            continue
        if as_json:
            typer.echo(json.dumps(_verdict_dict(ident, verdict), ensure_ascii=False))
            continue
        about = " · ".join(v for v in (_value(verdict.company), _value(verdict.role)) if v)
        typer.echo(
            f"{verdict.label:<12} {verdict.confidence:.2f}  {subject or '(no subject)'}"
            + (f"  [{about}]" if about else "")
        )
        for line in verdict.evidence[:4]:
            typer.echo(f"             - {line}")
    if skipped:
        raise typer.Exit(1)


def _value(guess: Any) -> str:
    return str(guess.value) if guess else ""


def import_mail(
    path: Annotated[
        Path, typer.Argument(help="An .eml file, an .mbox, a Maildir folder (or a folder of .eml), or a .txt.")
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Read and report what onward would do; change nothing.")
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", help="File what onward is sure of without asking first.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Import mail: file the rejections with their plans, move interviews forward, queue the unsure ones.

    Importing the same mail again changes nothing. Without --yes it shows what it
    found and asks before changing anything.
    JSON: {"messages", "by_label", "applied", "review", "skipped_duplicates"}.
    Example: onward import ~/Downloads/job-search.mbox --dry-run
    """
    from onward.cli._django import acting_user

    user = acting_user()
    from onward.mailimport import actions

    path = path.expanduser()
    if not dry_run and not yes and not (sys.stdin.isatty() and not as_json):
        raise UserError("Add --yes to file what onward finds, or --dry-run to only look (nothing is changed).")
    if not dry_run and not yes:
        preview = _run(actions, user, path, dry_run=True, quiet=False)
        _print_report(preview, path)
        if not preview.applied and not preview.review:
            return
        if not typer.confirm(
            f"File {len(preview.applied)} message(s) and put {len(preview.review)} in the review queue?", default=True
        ):
            typer.echo("Nothing was changed.")
            return
    report = _run(actions, user, path, dry_run=dry_run, quiet=as_json)
    if as_json:
        print_json(report.as_dict())
        return
    _print_report(report, path)


def _run(actions: Any, user: Any, path: Path, *, dry_run: bool, quiet: bool) -> Any:
    from onward.cli.tracker import _today

    if quiet or not sys.stderr.isatty():
        return actions.import_path(user, path, today=_today(), dry_run=dry_run)
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeRemainingColumn())
    with Progress(*columns, transient=True) as bar:
        task = bar.add_task("Looking" if dry_run else "Importing", total=None)

        def tell(done: int, total: int, report: Any) -> None:
            bar.update(task, completed=done, total=total, description=f"{report.messages} messages")

        return actions.import_path(user, path, today=_today(), dry_run=dry_run, progress=tell)


WORDS = {
    "rejection": "rejection(s)",
    "interview": "interview invitation(s)",
    "offer": "offer(s)",
    "confirmation": "application(s) received",
    "other_job": "other job mail",
    "not_job": "not about your search",
}


def _print_report(report: Any, path: Path) -> None:
    counts = ", ".join(f"{n} {WORDS[label]}" for label, n in report.by_label.items() if n)
    many = "message" if report.messages == 1 else "messages"
    typer.echo(f"Read {report.messages} {many} from {path.name}" + (f": {counts}." if counts else "."))
    verb = "Would file" if report.dry_run else "Filed"
    for finding in report.applied:
        typer.echo(f"  {verb}: {finding.action}  ({finding.subject or 'no subject'})")
    if report.review:
        typer.echo(
            f"  {len(report.review)} to look at in the review queue" + (" (would wait)" if report.dry_run else "") + ":"
        )
        for finding in report.review[:20]:
            typer.echo(f"    {finding.label} ({finding.confidence:.2f}): {finding.subject or 'no subject'}")
    if report.skipped_duplicates:
        typer.echo(f"  {report.skipped_duplicates} already imported before: left as they were.")
    for skipped in report.skipped[:20]:
        typer.echo(f"  Skipped {skipped.where}: {skipped.reason}")
