"""One person's data as one JSON document.

Deterministic: rows come in the order they were made (their row number, which a
restore keeps in the same relative order), many-to-many links and JSON objects
are sorted, so two exports of the same data are identical apart from
``exported_at`` — also when one was made on SQLite and the other on PostgreSQL.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils import timezone

from onward import __version__
from onward.backups.fields import to_json
from onward.backups.schema import CHANGES_ID_LISTS, CHANGES_ID_VALUES, FORMAT, SECTIONS, VERSION, Section

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# What an import that was still being read looks like in a backup: its upload is not in it.
UNFINISHED_JOB_ERROR = (
    "This import was still being read when the backup was made, and its files aren't in the backup. "
    "Import them again to finish: the messages already read are recognised and skipped."
)


def owned_rows(user: User, section: Section) -> models.QuerySet[Any]:
    """The rows of ``section`` that belong to ``user``: the one door export and deletion share."""
    manager = section.model._default_manager
    if section.reach == "application":
        return manager.filter(application__owner=user)
    return manager.filter(owner=user)


def export_document(user: User) -> dict[str, Any]:
    """Everything ``user`` owns, as plain JSON data (see docs/backups.md for the format)."""
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "onward_version": __version__,
    }
    # Row number -> UUID per section: ImportedMail.changes refers to rows by number, a backup by UUID.
    numbers: dict[str, dict[int, str]] = {}
    for section in SECTIONS:
        if section.reach == "one":
            document[section.key] = _single(user, section)
        else:
            document[section.key] = _rows(user, section, numbers)
    for row in document["mail_imports"]:
        _unfinished_as_stopped(row)
    for row in document["imported_mail"]:
        row["changes"] = changes_out(row["changes"], numbers)
    return document


def dumps(document: dict[str, Any]) -> str:
    """The document as the text of a backup file (UTF-8, indented so a person can read it)."""
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def counts(document: dict[str, Any]) -> dict[str, int]:
    """How many rows each section of a document holds."""
    return {s.key: len(document[s.key]) for s in SECTIONS if s.reach != "one"}


def _single(user: User, section: Section) -> dict[str, Any]:
    model = section.model
    # Someone who never opened Settings has no row yet: the defaults are their settings.
    found = model._default_manager.filter(owner=user).first() or model(owner=user)
    out = {}
    for name in section.fields:
        field = model._meta.get_field(name)
        assert isinstance(field, models.Field)
        out[name] = to_json(field, getattr(found, field.attname))
    return out


def _rows(user: User, section: Section, numbers: dict[str, dict[int, str]]) -> list[dict[str, Any]]:
    model = section.model
    rows = owned_rows(user, section).order_by("pk")
    fields = [model._meta.get_field(name) for name in section.fields]
    plain = [f for f in fields if not f.many_to_many]
    lookups = [f"{f.name}__uuid" if f.is_relation else f.name for f in plain]
    links = {f.name: _links(rows, f) for f in fields if f.many_to_many}
    out = []
    seen: dict[int, str] = {}
    for pk, *values in rows.values_list("pk", *lookups):
        found = dict(zip((f.name for f in plain), values, strict=True))
        row: dict[str, Any] = {}
        for field in fields:
            if field.many_to_many:
                row[field.name] = links[field.name].get(pk, [])
            else:
                assert isinstance(field, models.Field)
                row[field.name] = to_json(field, found[field.name])
        if section.has_uuid:
            seen[pk] = row["uuid"]
        out.append(row)
    numbers[section.key] = seen
    return out


def _links(rows: models.QuerySet[Any], field: Any) -> dict[int, list[str]]:
    """A many-to-many field for all ``rows`` in one query: row number -> sorted UUIDs it links to."""
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    found: dict[int, list[str]] = defaultdict(list)
    pairs = through._default_manager.filter(**{f"{source}__in": rows.values("pk")})
    for pk, linked in pairs.values_list(f"{source}_id", f"{target}__uuid"):
        found[pk].append(str(linked))
    return {pk: sorted(uuids) for pk, uuids in found.items()}


def _unfinished_as_stopped(row: dict[str, Any]) -> None:
    """An import still being read can't be finished elsewhere (its upload stays here): it is written as stopped."""
    if row["status"] in ("queued", "running"):
        row["status"] = "failed"
        row["error"] = UNFINISHED_JOB_ERROR
        row["finished_at"] = row["finished_at"] or row["started_at"] or row["created_at"]


def changes_out(changes: Any, numbers: dict[str, dict[int, str]]) -> Any:
    """ImportedMail.changes with its row numbers written as UUIDs; rows deleted since are left out.

    >>> changes_out({"events": [3, 9], "events_after": 2, "done": "x"}, {"stage_events": {2: "a", 3: "b"}})
    {'done': 'x', 'events': ['b'], 'events_after': 'a'}
    """
    if not isinstance(changes, dict):
        return changes
    out = dict(changes)
    for key, section in CHANGES_ID_LISTS.items():
        if isinstance(out.get(key), list):
            known = numbers.get(section, {})
            out[key] = [known[n] for n in out[key] if n in known]
    for key, section in CHANGES_ID_VALUES.items():
        if key in out:
            out[key] = numbers.get(section, {}).get(out[key])
    return dict(sorted(out.items()))
