"""Field values in and out of a backup: JSON-safe on the way out, checked and typed on the way in.

The checks follow the model field (its type, length, choices and null-ness) and
the database in use: PostgreSQL can't hold a NUL character or an integer past
its column's range, and SQLite would keep either, so a backup made on SQLite is
refused *with the place of the problem* instead of failing half-way on PostgreSQL.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from django.db import connection, models

from onward.errors import UserError

if TYPE_CHECKING:
    Field = models.Field[Any, Any]


class BackupError(UserError):
    """A backup onward won't restore; the message names the place and says what is wrong."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        where = f"at {path}: " if path else ""
        super().__init__(f"This backup can't be restored ({where}{problem}). Nothing was changed.")


def canonical(value: Any) -> Any:
    """JSON with every object's keys sorted, so PostgreSQL (which reorders them) and SQLite export alike.

    >>> canonical({"b": 1, "a": [{"d": 2, "c": 3}]})
    {'a': [{'c': 3, 'd': 2}], 'b': 1}
    """
    if isinstance(value, dict):
        return {key: canonical(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [canonical(item) for item in value]
    return value


def to_json(field: Field, value: Any) -> Any:
    """A field's value as it is written in a backup: dates ISO 8601, datetimes in UTC, UUIDs as strings."""
    if value is None:
        return None
    if isinstance(field, models.DateTimeField):
        return value.astimezone(UTC).isoformat()
    if isinstance(field, models.DateField):
        return value.isoformat()
    if isinstance(field, models.UUIDField | models.ForeignKey):
        return str(value)
    if isinstance(field, models.JSONField):
        return canonical(value)
    return value


def _no_nul(path: str, value: Any) -> None:
    if connection.vendor != "postgresql":
        return
    if isinstance(value, str) and "\x00" in value:
        raise BackupError(path, "it holds a NUL character, which PostgreSQL can't store")
    if isinstance(value, dict):
        for key, item in value.items():
            _no_nul(f"{path}.{key}", key)
            _no_nul(f"{path}.{key}", item)
    if isinstance(value, list):
        for index, item in enumerate(value):
            _no_nul(f"{path}[{index}]", item)


def _text(field: Field, value: Any, path: str) -> str:
    if not isinstance(value, str):
        raise BackupError(path, f"expected text, found {_kind(value)}")
    if field.max_length is not None and len(value) > field.max_length:
        raise BackupError(path, f"the text is {len(value)} characters long; at most {field.max_length} fit here")
    _no_nul(path, value)
    return value


def _integer(field: Field, value: Any, path: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise BackupError(path, f"expected a whole number, found {_kind(value)}")
    # The range of the column in the database in use (SQLite holds 64 bits, PostgreSQL's integer 32).
    low, high = connection.ops.integer_field_range(field.get_internal_type())
    if not low <= value <= high:
        raise BackupError(path, f"{value} is out of range here ({low} to {high})")
    return value


def _date(value: Any, path: str) -> date:
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise BackupError(path, f"expected a date written YYYY-MM-DD, found {_kind(value)}")


def _datetime(value: Any, path: str) -> datetime:
    if isinstance(value, str):
        try:
            found = datetime.fromisoformat(value)
        except ValueError:
            found = None
        if found is not None and found.tzinfo is not None:
            return found
    raise BackupError(path, f"expected a date and time with its UTC offset (ISO 8601), found {_kind(value)}")


def _json(field: Field, value: Any, path: str) -> Any:
    shape = type(field.get_default())
    if shape in (dict, list) and not isinstance(value, shape):
        raise BackupError(path, f"expected {'an object' if shape is dict else 'a list'}, found {_kind(value)}")
    _no_nul(path, value)
    return value


def parse_uuid(value: Any, path: str) -> str:
    """A UUID string in its usual written form, or a BackupError."""
    if isinstance(value, str):
        try:
            return str(uuid.UUID(value))
        except ValueError:
            pass
    raise BackupError(path, f"expected an id (a UUID), found {_kind(value)}")


def from_json(field: Field, value: Any, path: str) -> Any:
    """A backup's value for ``field``, checked and turned into what the model holds."""
    if value is None:
        if field.null:
            return None
        raise BackupError(path, "a value is needed here, found null")
    if isinstance(field, models.ForeignKey | models.UUIDField):
        return parse_uuid(value, path)
    if isinstance(field, models.BooleanField):
        if not isinstance(value, bool):
            raise BackupError(path, f"expected true or false, found {_kind(value)}")
        return value
    if isinstance(field, models.IntegerField):
        found: Any = _integer(field, value, path)
    elif isinstance(field, models.FloatField):
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise BackupError(path, f"expected a number, found {_kind(value)}")
        return float(value)
    elif isinstance(field, models.DateTimeField):
        return _datetime(value, path)
    elif isinstance(field, models.DateField):
        return _date(value, path)
    elif isinstance(field, models.JSONField):
        return _json(field, value, path)
    elif isinstance(field, models.CharField | models.TextField):
        found = _text(field, value, path)
    else:  # a field type this module doesn't know yet: a test covers every field, so this is a bug
        raise AssertionError(f"no rule for {field!r}")
    _check_choice(field, found, path)
    return found


def _check_choice(field: Field, value: Any, path: str) -> None:
    if not field.choices or (value == "" and field.blank):
        return
    allowed = [key for key, _ in field.flatchoices]
    if value not in allowed:
        shown = ", ".join(str(key) for key in allowed)
        raise BackupError(path, f"{value!r} is not one onward knows; expected one of {shown}")


def _kind(value: Any) -> str:
    """How a wrong value is described in a message, without echoing a whole document back."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "…"
