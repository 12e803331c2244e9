"""What the API accepts and answers, shared by every resource.

Input is strict where a script would otherwise be silently misread: unknown
fields are refused (``extra="forbid"``), numbers must be JSON numbers, booleans
JSON booleans, dates ``YYYY-MM-DD`` strings within a sensible range, and text has
the length its database column allows and no character the database can't keep
(NUL, lone surrogates). Everything refused names its field in the error body.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Generic, Literal, TypeVar
from uuid import UUID

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import EmailValidator, URLValidator
from ninja import Field, Schema
from pydantic import AfterValidator, BeforeValidator, ConfigDict, Strict, StringConstraints

from onward.api.errors import ApiError

T = TypeVar("T")

FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2100, 12, 31)
LONG_TEXT = 20_000  # notes, messages, feedback: the feedback form's own limit
MAX_INT = 2_147_483_647  # the largest value every engine's integer column keeps


def _storable(value: str) -> str:
    if "\x00" in value:
        raise ValueError("Remove the NUL character (\\u0000); it can't be stored.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("This has a character that can't be stored (a lone surrogate).") from None
    return value


def _iso_day(value: Any) -> Any:
    # pydantic would also read 1700000000 as a date; a script sending that has a bug worth hearing about.
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or len(value) != 10:
        raise ValueError("Use a date as YYYY-MM-DD.")
    return value


def _in_range(value: date) -> date:
    if not FIRST_DAY <= value <= LAST_DAY:
        raise ValueError(f"Use a date between {FIRST_DAY.isoformat()} and {LAST_DAY.isoformat()}.")
    return value


def _url(value: str) -> str:
    if value:
        try:
            URLValidator(schemes=["http", "https"])(value)
        except DjangoValidationError:
            raise ValueError("Use a full web address, starting with https:// or http://.") from None
    return value


def _email(value: str) -> str:
    if value:
        try:
            EmailValidator()(value)
        except DjangoValidationError:
            raise ValueError("This doesn't look like an email address.") from None
    return value


Storable = AfterValidator(_storable)
# Text that may be empty, kept as typed; and lines that must say something (spaces around dropped).
Text = Annotated[str, StringConstraints(max_length=LONG_TEXT), Storable]
Text200 = Annotated[str, StringConstraints(max_length=200), Storable]
Text300 = Annotated[str, StringConstraints(max_length=300), Storable]
Text500 = Annotated[str, StringConstraints(max_length=500), Storable]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), Storable]
LongLine = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=LONG_TEXT), Storable]

Day = Annotated[date, BeforeValidator(_iso_day), AfterValidator(_in_range)]
QueryDay = Day
Bool = Annotated[bool, Strict()]
Url = Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000), AfterValidator(_url)]
ProfileUrl = Annotated[str, StringConstraints(strip_whitespace=True, max_length=500), AfterValidator(_url)]
Email = Annotated[str, StringConstraints(strip_whitespace=True, max_length=254), AfterValidator(_email)]
Search = Text200

# The values each choice takes (tests/api check them against the models' choices).
StageName = Literal[
    "wishlist",
    "applied",
    "screening",
    "interviewing",
    "final_round",
    "offer",
    "accepted",
    "rejected",
    "withdrawn",
    "no_response",
]
SourceName = Literal["", "referral", "job_board", "recruiter", "company_site", "network", "other"]
RelationshipName = Literal["recruiter", "hiring_manager", "interviewer", "referral", "other"]
InterviewKind = Literal["phone_screen", "technical", "behavioural", "panel", "final", "other"]
ChannelName = Literal["email", "call", "video", "linkedin", "message", "meeting", "other"]
ReachedName = Literal["applied", "screen", "interview", "final"]
ViaName = Literal["", "email", "call", "portal", "other"]
FeedbackChannel = Literal["email", "call", "portal", "other"]
DraftKind = Literal["thank_you", "feedback_request", "connect_note", "feedback_reply", "stay_in_touch", "follow_up"]
ToneName = Literal["warm", "formal", "brief"]
DraftChannel = Literal["", "email", "linkedin", "message"]
ShareKind = Literal["", "update", "congrats", "article"]
StepStatus = Literal["pending", "done", "skipped"]
MailLabel = Literal["rejection", "interview", "offer", "confirmation", "other_job", "not_job"]


class Input(Schema):
    """A request body: unknown fields are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


class PageQuery(Schema):
    """``limit`` (1–200, default 50) and ``offset`` (default 0) on every list."""

    limit: int = Field(50, ge=1, le=200, description="How many items to return (1–200).")
    offset: int = Field(0, ge=0, le=1_000_000, description="How many items to skip.")


class Page(Schema, Generic[T]):
    items: list[T]
    count: int = Field(description="How many items match, over all pages.")
    limit: int
    offset: int


def page(rows: Any, query: PageQuery, shape: Any = None, *, shape_all: Any = None) -> dict[str, Any]:
    """One page of ``rows`` (a queryset or a list), each turned into its JSON shape by ``shape``.

    ``shape_all`` instead takes the page's rows at once, for shapes that look something up for all of
    them in one query (a list must never ask the database once per item).
    """
    count = rows.count() if hasattr(rows, "count") and not isinstance(rows, list) else len(rows)
    chosen = list(rows[query.offset : query.offset + query.limit])
    items = shape_all(chosen) if shape_all is not None else [shape(row) for row in chosen]
    return {"items": items, "count": count, "limit": query.limit, "offset": query.offset}


class ErrorDetail(Schema):
    code: str = Field(description="Stable, for scripts: invalid_input, invalid, conflict, not_found, …")
    message: str = Field(description="One sentence for a person.")
    fields: dict[str, str] = Field(description="Each field that was wrong, with why; empty when none is to blame.")


class ErrorOut(Schema):
    error: ErrorDetail


ERRORS: dict[int, Any] = dict.fromkeys((400, 401, 403, 404, 409, 413, 422), ErrorOut)


def answers(ok: dict[int, Any]) -> dict[int, Any]:
    """An operation's documented answers: its own, and the shared error body for every refusal."""
    return {**ok, **ERRORS}


def no_such(field: str, what: str) -> ApiError:
    """A body that names an id this person doesn't have: the field is to blame, and nothing leaks."""
    return ApiError(422, "invalid_input", BAD_REFERENCE, {field: f"You have no {what} with this id."})


BAD_REFERENCE = "Something in the request points to an id onward can't find among yours."


class Ref(Schema):
    id: UUID
    name: str


class AppRef(Schema):
    id: UUID
    company: str
    role: str
