"""Writing a checked backup into an empty account, section by section, in one transaction.

Rows go in with ``bulk_create`` in the order the backup lists them (so their
relative order, which some pages use to break ties, survives), foreign keys
are turned from UUIDs into this database's row numbers, and the timestamps
Django fills on insert (``created_at``, ``updated_at``) are put back to the
backup's values afterwards.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import DatabaseError, connection, transaction

from onward.backups.export import owned_rows
from onward.backups.fields import BackupError
from onward.backups.restore import Checked, changes_in
from onward.backups.schema import SECTIONS, Section, summary, target_section
from onward.core.changes import changed, owners_of
from onward.errors import UserError

if TYPE_CHECKING:
    from django.contrib.auth.models import User

BATCH = 500


def existing_data(user: User) -> dict[str, int]:
    """What ``user`` already has, per section (only the sections with something in them)."""
    found = {}
    for section in SECTIONS:
        if section.reach == "owner":
            count = owned_rows(user, section).count()
            if count:
                found[section.key] = count
    return found


def write(user: User, checked: Checked) -> dict[str, int]:
    """Restore ``checked`` for ``user``: all of it, or nothing and a UserError."""
    try:
        with transaction.atomic():
            _refuse_unless_empty(user)
            _refuse_taken_ids(checked)
            keys: dict[str, dict[str, int]] = {}
            for section in SECTIONS:
                rows = checked.rows[section.key]
                if section.reach == "one":
                    _write_single(user, section, rows[0])
                else:
                    keys[section.key] = _write_rows(user, section, rows, keys)
    except DatabaseError as exc:
        # The checks should leave nothing for the database to refuse; if it does, say so plainly.
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
        raise BackupError("", f"the database refused part of it: {reason}") from None
    return checked.counts()


def _refuse_unless_empty(user: User) -> None:
    found = existing_data(user)
    if not found:
        return
    raise UserError(
        f"Your account already has data ({summary(found)}). A backup is restored into an empty account, "
        "so nothing gets mixed up or doubled. If the backup should replace what's here, download a backup "
        "of this first, then use “Delete all my data” and restore again. Nothing was changed."
    )


def _refuse_taken_ids(checked: Checked) -> None:
    """Rows keep their UUIDs; one already on this instance belongs to someone else's account."""
    for section in SECTIONS:
        if not section.has_uuid:
            continue
        uuids = [row["uuid"] for row in checked.rows[section.key]]
        for start in range(0, len(uuids), BATCH):
            taken = section.model._default_manager.filter(uuid__in=uuids[start : start + BATCH])
            if taken.exists():
                raise UserError(
                    "Some of the ids in this backup are already in use on this onward, so it can't be "
                    "restored here a second time. If you restored it into another account of yours, delete "
                    "the data there first. Nothing was changed."
                )


def _write_single(user: User, section: Section, row: dict[str, Any]) -> None:
    # The calendar address, if this account already made one, is this instance's secret: it stays.
    section.model._default_manager.update_or_create(owner=user, defaults=row)


def _write_rows(
    user: User, section: Section, rows: list[dict[str, Any]], keys: dict[str, dict[str, int]]
) -> dict[str, int]:
    model = section.model
    meta = model._meta
    fields = [meta.get_field(name) for name in section.fields]
    objects = []
    for row in rows:
        obj = model(owner=user) if section.reach == "owner" else model()
        for found in fields:
            value = row[found.name]
            if found.many_to_many:
                continue
            if found.is_relation:
                value = keys[target_section(found).key][value] if value is not None else None
            elif found.name == "changes" and section.key == "imported_mail":
                value = changes_in(value, keys)
            setattr(obj, found.attname, value)  # type: ignore[union-attr]
        objects.append(obj)
    model._default_manager.bulk_create(objects, batch_size=BATCH)
    if section.stamped:
        _put_back_stamps(section, objects, rows)
    for found in fields:
        if found.many_to_many:
            _write_links(found, objects, rows, keys)
    return {str(obj.uuid): obj.pk for obj in objects} if section.has_uuid else {}  # type: ignore[attr-defined]


def _put_back_stamps(section: Section, objects: list[Any], rows: list[dict[str, Any]]) -> None:
    """Set ``created_at``/``updated_at`` to the backup's values: bulk_create filled them with "now".

    One UPDATE statement run for every row (executemany): much faster than bulk_update's CASE
    expressions on thousands of rows, and the same SQL on SQLite and PostgreSQL.
    """
    meta = section.model._meta
    fields: list[Any] = [meta.get_field(name) for name in section.stamped]
    quote = connection.ops.quote_name
    columns = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    pk: Any = meta.pk
    # Table and column names come from the model, never from the backup.
    sql = f"UPDATE {quote(meta.db_table)} SET {columns} WHERE {quote(pk.column)} = %s"  # noqa: S608
    params = [
        [f.get_db_prep_value(row[f.name], connection) for f in fields] + [obj.pk]
        for obj, row in zip(objects, rows, strict=True)
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
    for obj, row in zip(objects, rows, strict=True):
        for name in section.stamped:
            setattr(obj, name, row[name])


def _write_links(found: Any, objects: list[Any], rows: list[dict[str, Any]], keys: dict[str, dict[str, int]]) -> None:
    through = found.remote_field.through
    source, target = found.m2m_field_name(), found.m2m_reverse_field_name()
    known = keys[target_section(found).key]
    links = [
        through(**{f"{source}_id": obj.pk, f"{target}_id": known[link]})
        for obj, row in zip(objects, rows, strict=True)
        for link in row[found.name]
    ]
    through._default_manager.bulk_create(links, batch_size=BATCH)
    changed(owners_of(objects))  # link rows have no owner of their own: their owners' stamps move here
