"""Interviews: list, record one (past or planned) with the people met, read one.

As on the web, an interview is recorded once and not edited; the people met
can be existing contacts or new ones, who are added as interviewers.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from onward.api.auth import user_of
from onward.api.routes._refs import application_ref, contact_ref
from onward.api.schemas import (
    Day,
    Email,
    Input,
    InterviewKind,
    Line,
    Page,
    PageQuery,
    Ref,
    Text,
    answers,
    page,
)
from onward.clock import today
from onward.tracker import actions
from onward.tracker.models import Contact, Interview

router = Router(tags=["interviews"])


class InterviewOut(Schema):
    id: UUID
    application: UUID
    on: date
    kind: str
    people: list[Ref] = Field(description="The people met.")
    topics: str
    went_well: str
    liked: str = Field(description="What they responded to.")
    notes: str


class InterviewFilters(PageQuery):
    application: UUID | None = Field(None, description="Only this application's interviews.")


class NewPerson(Input):
    name: Line
    email: Email = ""


class InterviewIn(Input):
    application: UUID
    on: Day
    kind: InterviewKind = "other"
    contacts: list[UUID] = Field([], max_length=50, description="Contacts you met (their ids).")
    new_people: list[NewPerson] = Field([], max_length=50, description="People you met who aren't contacts yet.")
    topics: Text = ""
    went_well: Text = ""
    liked: Text = ""
    notes: Text = ""


def interview_out(interview: Interview) -> dict[str, Any]:
    return {
        "id": interview.uuid,
        "application": interview.application.uuid,
        "on": interview.on,
        "kind": interview.kind,
        "people": [{"id": c.uuid, "name": c.name} for c in interview.contacts.all()],
        "topics": interview.topics,
        "went_well": interview.went_well,
        "liked": interview.liked,
        "notes": interview.notes,
    }


def _mine(user: Any) -> Any:
    return Interview.objects.for_user(user).select_related("application").prefetch_related("contacts")


@router.get("", response=answers({200: Page[InterviewOut]}), summary="List interviews")
def list_interviews(request: HttpRequest, filters: Query[InterviewFilters]) -> Any:
    found = _mine(user_of(request))
    if filters.application is not None:
        found = found.filter(application__uuid=filters.application)
    return page(found.order_by("-on", "-created_at", "-id"), filters, interview_out)


@router.post("", response=answers({201: InterviewOut}), summary="Record an interview")
def add_interview(request: HttpRequest, payload: InterviewIn) -> Any:
    """New people met are added to your contacts as interviewers, with the interview, or not at all."""
    user = user_of(request)
    application = application_ref(user, payload.application)
    people: list[Contact] = [contact_ref(user, c, f"contacts.{n}") for n, c in enumerate(payload.contacts)]
    with transaction.atomic():
        for person in payload.new_people:
            people.append(
                actions.add_contact(
                    user, name=person.name, email=person.email, relationship="interviewer", application=application
                )
            )
        interview = actions.add_interview(
            user,
            application,
            on=payload.on,
            today=today(),
            kind=payload.kind,
            contacts=people,
            topics=payload.topics,
            went_well=payload.went_well,
            liked=payload.liked,
            notes=payload.notes,
        )
    return Status(201, interview_out(_mine(user).get(pk=interview.pk)))


@router.get("/{uuid:interview_id}", response=answers({200: InterviewOut}), summary="Read an interview")
def get_interview(request: HttpRequest, interview_id: UUID) -> Any:
    # tracker.actions has no door for interviews; this is the same one: the owner's rows, 404 for the rest.
    return interview_out(get_object_or_404(_mine(user_of(request)), uuid=interview_id))
