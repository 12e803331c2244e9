"""Applications in and out of CSV files.

Export writes every application with its dated stage history. Import reads
onward's own export and the spreadsheets people keep (columns recognised by
name, or mapped with ``column=field``); it is all-or-nothing per file: a bad
row refuses the whole file with its line number and the reason.
"""

from __future__ import annotations

import csv
import io
import uuid as uuid_lib
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from django.db import transaction

from onward.domain.stages import Stage, guess_stage
from onward.domain.tabular import FIELDS, parse_date, parse_salary, parse_source, recognise_columns
from onward.errors import UserError
from onward.tracker import actions, queries
from onward.tracker.models import Application, StageEvent

if TYPE_CHECKING:
    from django.contrib.auth.models import User

EXPORT_COLUMNS = [
    "id",
    "company",
    "role",
    "stage",
    "applied_on",
    "url",
    "source",
    "location",
    "salary_min",
    "salary_max",
    "notes",
    "stage_history",
]


class Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


def write_csv(user: User, stream: Writable) -> int:
    """Write the owner's applications; returns how many. Stage history reads "applied 2026-01-05; …"."""
    writer = csv.writer(stream)
    writer.writerow(EXPORT_COLUMNS)
    count = 0
    for application in queries.with_history(queries.applications(user).order_by("created_at", "id")):
        data = queries.application_dict(application)
        data["stage_history"] = "; ".join(f"{e['stage']} {e['on'].isoformat()}" for e in data["stage_history"])
        writer.writerow(["" if data[c] is None else str(data[c]) for c in EXPORT_COLUMNS])
        count += 1
    return count


# --- import --------------------------------------------------------------------------

ENCODINGS = ("utf-8-sig", "utf-16", "cp1252")


def decode(raw: bytes, name: str) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read with.

    UTF-8 (with or without a byte-order mark) and UTF-16 with its mark are
    recognised for sure; otherwise Windows-1252 (what Excel writes in much of
    the world) is tried, and the report says so.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "UTF-16"
    try:
        return raw.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in raw:
        raise UserError(f"{name} does not look like a text CSV file (it contains binary data).")
    try:
        return raw.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        raise UserError(f"{name} is not UTF-8 or Windows-1252 text; save it as 'CSV UTF-8' and try again.") from None


@dataclass
class Row:
    line: int
    company: str
    role: str
    stage: Stage
    applied_on: date | None
    url: str
    source: str
    location: str
    salary_min: int | None
    salary_max: int | None
    notes: str
    history: list[tuple[Stage, date]]
    public_id: uuid_lib.UUID | None


class MissingColumns(UserError):
    """No column holds a required field; ``missing`` names the fields."""

    def __init__(self, missing: list[str], message: str) -> None:
        super().__init__(message)
        self.missing = missing


@dataclass
class ImportReport:
    encoding: str
    columns: dict[str, str]
    rows: list[Row] = field(default_factory=list)
    imported: int = 0
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "encoding": self.encoding,
            "columns": self.columns,
            "rows": len(self.rows),
            "imported": self.imported,
            "skipped": self.skipped,
            "notes": self.notes,
        }


def parse_mapping(pairs: list[str]) -> dict[str, str]:
    """``["Employer=company", …]`` to a dict, refusing unknown fields."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        column, sep, target = pair.partition("=")
        target = target.strip().lower()
        if not sep or not column.strip():
            raise UserError(f"--map takes column=field, not {pair!r}.")
        if target not in FIELDS:
            raise UserError(f"--map {pair!r}: unknown field {target!r}; fields are: {', '.join(FIELDS)}.")
        mapping[column.strip()] = target
    return mapping


def _reader(text: str) -> Any:
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return csv.reader(io.StringIO(text), dialect)


def headers_of(raw: bytes, name: str) -> tuple[list[str], dict[str, str]]:
    """The file's column names and the fields onward recognises among them."""
    text, _ = decode(raw, name)
    try:
        headers = [h.strip() for h in next(_reader(text))]
    except StopIteration:
        raise UserError(f"{name} is empty.") from None
    return headers, recognise_columns(headers)


def read_rows(text: str, name: str, mapping: dict[str, str], *, today: date) -> ImportReport:
    """Parse every row or raise UserError naming the first bad line. Writes nothing."""
    reader = _reader(text)
    try:
        headers = [h.strip() for h in next(reader)]
    except StopIteration:
        raise UserError(f"{name} is empty.") from None
    columns = _columns(headers, mapping, name)
    report = ImportReport(encoding="", columns=columns)
    index = {field_name: headers.index(column) for column, field_name in columns.items() if field_name != "ignore"}
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        line = reader.line_num
        try:
            report.rows.append(_row(row, index, line, today, report.notes))
        except ValueError as exc:
            raise UserError(f"{name}, line {line}: {exc}. Nothing was imported.") from None
    return report


def _columns(headers: list[str], mapping: dict[str, str], name: str) -> dict[str, str]:
    for column in mapping:
        if column not in headers:
            raise UserError(f"--map names column {column!r}, which {name} does not have; it has: {', '.join(headers)}.")
    columns = {h: f for h, f in recognise_columns(headers).items() if f not in mapping.values()}
    columns.update(mapping)
    found = set(columns.values())
    missing = [f for f in ("company", "role") if f not in found]
    if missing:
        raise MissingColumns(
            missing,
            f"{name} has no column onward reads as {' or '.join(missing)}; "
            f"name it with --map, for example --map '{headers[0] if headers else 'Column'}={missing[0]}'.",
        )
    return columns


def _cell(row: list[str], index: dict[str, int], name: str) -> str:
    position = index.get(name)
    return row[position].strip() if position is not None and position < len(row) else ""


def _row(row: list[str], index: dict[str, int], line: int, today: date, notes: list[str]) -> Row:
    company, role = _cell(row, index, "company"), _cell(row, index, "role")
    if not company:
        raise ValueError("the company is empty")
    if not role:
        raise ValueError("the role is empty")
    applied_on = parse_date(_cell(row, index, "applied_on"))
    if applied_on and applied_on > today:
        raise ValueError(f"the applied date {applied_on.isoformat()} is in the future")
    history = _history(_cell(row, index, "stage_history"), today)
    stage = _stage(_cell(row, index, "stage"), line, notes, history, applied_on)
    salary_min, salary_max = parse_salary(_cell(row, index, "salary"))
    if "salary_min" in index or "salary_max" in index:
        salary_min = parse_salary(_cell(row, index, "salary_min"))[0] if _cell(row, index, "salary_min") else salary_min
        salary_max = parse_salary(_cell(row, index, "salary_max"))[1] if _cell(row, index, "salary_max") else salary_max
    raw_id = _cell(row, index, "id")
    public_id = None
    if raw_id:
        try:
            public_id = uuid_lib.UUID(raw_id)
        except ValueError:
            notes.append(f"line {line}: id {raw_id!r} is not an onward id; a new one was given")
    return Row(
        line=line,
        company=company,
        role=role,
        stage=stage,
        applied_on=applied_on,
        url=_cell(row, index, "url"),
        source=parse_source(_cell(row, index, "source")),
        location=_cell(row, index, "location"),
        salary_min=salary_min,
        salary_max=salary_max,
        notes=_cell(row, index, "notes"),
        history=history,
        public_id=public_id,
    )


def _stage(text: str, line: int, notes: list[str], history: list[tuple[Stage, date]], applied: date | None) -> Stage:
    if not text:
        if history:
            return history[-1][0]
        return Stage.APPLIED if applied else Stage.WISHLIST
    guess = guess_stage(text)
    if guess is None:
        notes.append(f"line {line}: did not recognise stage {text!r}; filed as applied")
        return Stage.APPLIED
    if not guess.exact:
        notes.append(f"line {line}: read stage {text!r} as {guess.stage.label.lower()}")
    return guess.stage


def _history(text: str, today: date) -> list[tuple[Stage, date]]:
    """ "applied 2026-01-05; screening 2026-01-12" to dated stages."""
    history = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        word, _, when = part.rpartition(" ")
        guess = guess_stage(word)
        on = parse_date(when)
        if guess is None or on is None:
            raise ValueError(f"the stage history entry {part!r} is not 'stage YYYY-MM-DD'")
        if on > today:
            raise ValueError(f"the stage history date {on.isoformat()} is in the future")
        history.append((guess.stage, on))
    return sorted(history, key=lambda item: item[1])


def import_csv(
    user: User, raw: bytes, name: str, *, today: date, mapping: dict[str, str] | None = None, dry_run: bool = False
) -> ImportReport:
    """Import a CSV file of applications, all or nothing.

    Rows that match an application already tracked (same company, role and
    applied date) are skipped and listed, so importing a file twice adds nothing.
    """
    text, encoding = decode(raw, name)
    report = read_rows(text, name, mapping or {}, today=today)
    report.encoding = encoding
    if encoding != "UTF-8":
        report.notes.insert(0, f"read {name} as {encoding} text")
    with transaction.atomic():
        for row in report.rows:
            if _already_tracked(user, row):
                report.skipped.append(f"line {row.line}: {row.company} — {row.role} is already tracked")
                continue
            _create(user, row, today)
            report.imported += 1
        if dry_run:
            transaction.set_rollback(True)
    return report


def _already_tracked(user: User, row: Row) -> bool:
    mine = Application.objects.for_user(user)
    if row.public_id and mine.filter(uuid=row.public_id).exists():
        return True
    return mine.filter(company__name__iexact=row.company, role__iexact=row.role, applied_on=row.applied_on).exists()


def _create(user: User, row: Row, today: date) -> None:
    public_id = row.public_id
    if public_id and Application.objects.filter(uuid=public_id).exists():
        public_id = None  # someone else's id: take a fresh one rather than collide
    first_stage = row.history[0][0] if row.history else row.stage
    added = actions.add_application(
        user,
        company=row.company,
        role=row.role,
        today=today,
        stage=first_stage.value if row.history else row.stage.value,
        applied_on=row.applied_on,
        url=row.url,
        source=row.source,
        location=row.location,
        salary_min=row.salary_min,
        salary_max=row.salary_max,
        notes=row.notes,
        public_id=public_id,
    )
    if row.history:
        _replace_history(added.application, row)


def _replace_history(application: Application, row: Row) -> None:
    """Keep the file's dated history exactly, rather than the events a fresh add records."""
    application.stage_events.all().delete()
    StageEvent.objects.bulk_create([StageEvent(application=application, stage=s.value, on=on) for s, on in row.history])
    last_stage, last_on = row.history[-1]
    application.stage = row.stage.value if row.stage != last_stage else last_stage.value
    application.stage_changed_on = last_on
    application.last_activity_on = max(last_on, application.applied_on or last_on)
    application.save(update_fields=["stage", "stage_changed_on", "last_activity_on"])
