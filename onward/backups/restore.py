"""Reading a backup back: check all of it first, then write it in one transaction.

Nothing is written until the whole document has been read and checked (its
header, every field of every row, every reference between rows), and then it is
written all at once, so a backup is restored entirely or not at all. Rows keep
their UUIDs, so links kept inside JSON fields (a mail's proposed application)
stay true.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import models

from onward.backups.fields import BackupError, from_json, parse_uuid
from onward.backups.schema import (
    BY_KEY,
    CHANGES_ID_LISTS,
    CHANGES_ID_VALUES,
    FORMAT,
    HEADER_KEYS,
    SECTIONS,
    VERSION,
    Section,
    target_section,
)
from onward.errors import UserError

if TYPE_CHECKING:
    pass


@dataclass
class Checked:
    """A document that passed every check: per section, its rows as the model's own values."""

    version: int
    exported_at: str
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return {s.key: len(self.rows[s.key]) for s in SECTIONS if s.reach != "one"}


def parse(raw: bytes | str) -> dict[str, Any]:
    """The JSON of a backup file, or a BackupError that says what is wrong with the file."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise BackupError("", "the file isn't UTF-8 text, so it isn't an onward backup") from None
    text = raw.strip()
    if not text:
        raise BackupError("", "the file is empty")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.pos >= len(text) or exc.msg.startswith("Unterminated string"):
            raise BackupError("", "the file ends too early, as if a download or copy stopped part-way") from None
        raise BackupError("", f"it isn't valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BackupError("", f'it isn\'t an onward backup: there is no "format": "{FORMAT}" at its top')
    return document


def check_version(document: dict[str, Any]) -> int:
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BackupError("version", "expected the format's version number, such as 1")
    if version > VERSION:
        raise UserError(
            f"This backup is format version {version}, written by a newer onward; this onward reads "
            f"version {VERSION} and earlier. Update onward, then restore the backup again. Nothing was changed."
        )
    return version


def check(document: dict[str, Any]) -> Checked:
    """Every check a backup must pass, before anything is written."""
    version = check_version(document)
    exported_at = document.get("exported_at", "")
    if not isinstance(exported_at, str):
        raise BackupError("exported_at", "expected a date and time")
    unknown = sorted(set(document) - set(HEADER_KEYS) - set(BY_KEY))
    if unknown:
        raise BackupError(unknown[0], "onward doesn't know this section, so part of the backup would be lost")
    checked = Checked(version=version, exported_at=exported_at)
    seen: dict[str, set[str]] = {}
    for section in SECTIONS:
        if section.key not in document:
            raise BackupError(section.key, "this section is missing")
        value = document[section.key]
        if section.reach == "one":
            checked.rows[section.key] = [_row(section, value, section.key, seen)]
            continue
        if not isinstance(value, list):
            raise BackupError(section.key, "expected a list")
        seen[section.key] = set()
        checked.rows[section.key] = rows = [
            _row(section, item, f"{section.key}[{index}]", seen) for index, item in enumerate(value)
        ]
        _check_unique(section, rows)
    for index, row in enumerate(checked.rows["imported_mail"]):
        _check_changes(row["changes"], f"imported_mail[{index}].changes", seen)
    return checked


def _row(section: Section, item: Any, path: str, seen: dict[str, set[str]]) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise BackupError(path, "expected an object")
    for name in item:
        if name not in section.fields:
            raise BackupError(f"{path}.{name}", "onward doesn't know this field, so it would be lost")
    row: dict[str, Any] = {}
    meta = section.model._meta
    for name in section.fields:
        where = f"{path}.{name}"
        if name not in item:
            raise BackupError(where, "this field is missing")
        found = meta.get_field(name)
        if found.many_to_many:
            row[name] = _links(found, item[name], where, seen)
            continue
        assert isinstance(found, models.Field)
        row[name] = value = from_json(found, item[name], where)
        if found.is_relation and value is not None:
            _known(found, value, where, seen)
    if section.has_uuid:
        if row["uuid"] in seen[section.key]:
            raise BackupError(f"{path}.uuid", f"a second {section.noun} with the same id")
        seen[section.key].add(row["uuid"])
    return row


def _known(found: Any, value: str, where: str, seen: dict[str, set[str]]) -> None:
    target = target_section(found)
    if value not in seen[target.key]:
        raise BackupError(where, f"no {target.noun} with the id {value} comes before it in the backup")


def _links(found: Any, value: Any, where: str, seen: dict[str, set[str]]) -> list[str]:
    if not isinstance(value, list):
        raise BackupError(where, "expected a list of ids")
    links = [parse_uuid(item, f"{where}[{index}]") for index, item in enumerate(value)]
    for index, link in enumerate(links):
        _known(found, link, f"{where}[{index}]", seen)
    return links


def _unique_keys(section: Section) -> list[tuple[str, ...]]:
    """The model's one-per-person rules, as field names (the owner is implied: it's all one person)."""
    meta = section.model._meta
    keys = [(f.name,) for f in meta.concrete_fields if f.unique and not f.primary_key and f.name in section.fields]
    for constraint in meta.constraints:
        names = getattr(constraint, "fields", ())
        if isinstance(constraint, models.UniqueConstraint) and names and constraint.condition is None:
            keys.append(tuple(name for name in names if name != "owner"))
    return [key for key in keys if key and key != ("uuid",)]


def _check_unique(section: Section, rows: list[dict[str, Any]]) -> None:
    for key in _unique_keys(section):
        first: dict[tuple[Any, ...], int] = {}
        for index, row in enumerate(rows):
            value = tuple(row[name] for name in key)
            if None in value:
                continue
            if value in first:
                where = f"{section.key}[{index}].{key[0]}"
                raise BackupError(where, f"the same as {section.key}[{first[value]}]; there can only be one")
            first[value] = index


def _check_changes(changes: Any, path: str, seen: dict[str, set[str]]) -> None:
    """The row references inside a message's record of what filing it changed must be rows of this backup."""
    for key, section in [*CHANGES_ID_LISTS.items(), *CHANGES_ID_VALUES.items()]:
        if key not in changes:
            continue
        value = changes[key]
        single = key in CHANGES_ID_VALUES
        if single and value is None:
            continue
        if not single and not isinstance(value, list):
            raise BackupError(f"{path}.{key}", "expected a list of ids")
        for index, item in enumerate([value] if single else value):
            where = f"{path}.{key}" if single else f"{path}.{key}[{index}]"
            if parse_uuid(item, where) not in seen[section]:
                raise BackupError(where, f"no {BY_KEY[section].noun} with the id {item} in the backup")


def changes_in(changes: dict[str, Any], keys: dict[str, dict[str, int]]) -> dict[str, Any]:
    """ImportedMail.changes with the backup's UUIDs turned back into this database's row numbers."""
    out = dict(changes)
    for key, section in CHANGES_ID_LISTS.items():
        if key in out:
            out[key] = [keys[section][str(parse_uuid(item, key))] for item in out[key]]
    for key, section in CHANGES_ID_VALUES.items():
        if key in out:
            out[key] = keys[section][parse_uuid(out[key], key)] if out[key] is not None else 0
    return out
