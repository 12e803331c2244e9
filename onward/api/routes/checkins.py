"""Check-ins: how a day felt (1 rough … 5 great), one a day; private, and deletable one by one or all at once."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal
from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.responses import Status
from pydantic import Strict, StringConstraints

from onward.api.auth import user_of
from onward.api.errors import BAD_INPUT, ApiError
from onward.api.schemas import Input, Page, PageQuery, Storable, answers, page
from onward.clock import today
from onward.momentum import actions
from onward.momentum.actions import MAX_NOTE
from onward.momentum.models import CheckIn

router = Router(tags=["check-ins"])

Mood = Annotated[int, Strict(), Field(ge=1, le=5)]
Note = Annotated[str, StringConstraints(max_length=MAX_NOTE), Storable]


class CheckInOut(Schema):
    id: UUID
    on: date
    mood: int
    word: str = Field(description="The mood in a word: Rough, Low, Okay, Good or Great.")
    note: str


class CheckInIn(Input):
    mood: Mood = Field(description="1 (rough) to 5 (great).")
    note: Note = Field("", description=f"A few private words about the day, up to {MAX_NOTE:,} characters.")


class DeleteAll(Schema):
    confirm: Literal["yes"] = Field(description="Say yes: every check-in is deleted, and that can't be undone.")


class Deleted(Schema):
    deleted: int


@router.get("", response=answers({200: Page[CheckInOut]}), summary="List check-ins")
def list_checkins(request: HttpRequest, filters: Query[PageQuery]) -> Any:
    found = CheckIn.objects.for_user(user_of(request)).order_by("-on", "-id")
    return page(found, filters, actions.checkin_dict)


@router.post("", response=answers({200: CheckInOut, 201: CheckInOut}), summary="Check in")
def check_in(request: HttpRequest, payload: CheckInIn) -> Any:
    """Today's check-in: 201 when it is the day's first, 200 when it replaces the earlier one."""
    found, created = actions.check_in(user_of(request), payload.mood, today=today(), note=payload.note)
    return Status(201 if created else 200, actions.checkin_dict(found))


@router.get("/{uuid:checkin_id}", response=answers({200: CheckInOut}), summary="Read a check-in")
def get_checkin(request: HttpRequest, checkin_id: UUID) -> Any:
    return actions.checkin_dict(actions.checkin_for_user(user_of(request), checkin_id))


@router.delete("/{uuid:checkin_id}", response=answers({204: None}), summary="Delete a check-in")
def delete_checkin(request: HttpRequest, checkin_id: UUID) -> Any:
    user = user_of(request)
    actions.delete_checkin(user, actions.checkin_for_user(user, checkin_id))
    return Status(204, None)


@router.delete("", response=answers({200: Deleted}), summary="Delete every check-in")
def delete_all(request: HttpRequest, confirm: Query[DeleteAll]) -> Any:
    """Needs ``?confirm=yes``, so a stray request can't empty your history."""
    if confirm.confirm != "yes":  # pragma: no cover - the schema already says so
        raise ApiError(422, "invalid_input", BAD_INPUT, {"confirm": "Say yes."})
    return {"deleted": actions.delete_all_checkins(user_of(request))}
